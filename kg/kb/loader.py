"""Read data/ (entities, sources, claims) into a KnowledgeBase, checking everything a build relies on.

Every problem is collected, not just the first, and each names the file, the line, the entry and the
reason, so that an analyst can fix a batch of claims in one pass.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import process

from kg.errors import DataError
from kg.kb.model import STANCES, Claim, Entity, Fact, KnowledgeBase, Source, Value
from kg.kb.vocabulary import Vocabulary

XSD = "http://www.w3.org/2001/XMLSchema#"
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_NOT_ENTITY_CLASSES = {"Claim", "Source", "Stance"}
_ENTITY_KEYS = {"id", "class", "label", "aliases", "names", "mentions", "broader", "note"}
_SOURCE_KEYS = {"id", "file", "sha256", "length", "title", "publisher", "published", "date_basis",
                "author", "republished_by", "language", "url"}
_CLAIM_KEYS = {"id", "subject", "facts", "stance", "span", "by", "role", "valid_from", "valid_until", "note"}


class _Mapping(dict):
    line = 0


class _LineLoader(yaml.SafeLoader):
    """A safe loader whose mappings remember the line they start on."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode):  # type: ignore[no-untyped-def]
    data = _Mapping()
    data.line = node.start_mark.line + 1
    yield data  # PyYAML's two-step construction, so that recursive structures work
    data.update(loader.construct_mapping(node))


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)


def read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as ex:
        raise DataError([f"{path}: not UTF-8 text ({ex.reason} at byte {ex.start})"]) from None
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - _LineLoader is a SafeLoader
    except yaml.MarkedYAMLError as ex:
        mark = ex.problem_mark or ex.context_mark
        line = f":{mark.line + 1}" if mark else ""
        raise DataError([f"{path}{line}: malformed YAML: {ex.problem or ex.context}"]) from None


def parse_date(raw: Any) -> Value:
    """A date at day, month or year precision, typed xsd:date, xsd:gYearMonth or xsd:gYear."""
    if isinstance(raw, dt.datetime):
        raw = raw.date()
    if isinstance(raw, dt.date):
        return Value(raw.isoformat(), XSD + "date")
    text = str(raw).strip()
    if re.fullmatch(r"\d{4}", text):
        return Value(text, XSD + "gYear")
    if m := re.fullmatch(r"(\d{4})-(\d{2})", text):
        if 1 <= int(m.group(2)) <= 12:
            return Value(text, XSD + "gYearMonth")
    elif re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return Value(dt.date.fromisoformat(text).isoformat(), XSD + "date")
        except ValueError:
            pass
    raise ValueError(f"bad date {text!r}: use YYYY-MM-DD, YYYY-MM or YYYY")


def _suggest(word: str, choices: list[str]) -> str:
    found = [c for c, score, _ in process.extract(word, choices, limit=3) if score >= 60]
    return f" (did you mean {', '.join(repr(c) for c in found)}?)" if found else ""


class _Loader:
    def __init__(self, data_dir: Path, vocab: Vocabulary):
        self.data_dir = data_dir
        self.vocab = vocab
        self.problems: list[str] = []
        self.entities: dict[str, Entity] = {}
        self.sources: dict[str, Source] = {}
        self.claims: list[Claim] = []

    def problem(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def entries(self, path: Path, key: str | None = None, doc: Any = None) -> list[_Mapping]:
        if doc is None:
            doc = read_yaml_or_failed(path, self.problems)
            if doc is _FAILED:
                return []
        if key is not None:
            if not isinstance(doc, dict) or not isinstance(doc.get(key), list):
                self.problem(str(path), f"expected a mapping with a list under '{key}:'")
                return []
            doc = doc[key]
        elif not isinstance(doc, list):
            self.problem(str(path), "expected a list of entries")
            return []
        good = []
        for i, item in enumerate(doc):
            if isinstance(item, _Mapping):
                good.append(item)
            else:
                self.problem(str(path), f"entry {i + 1} is not a mapping")
        return good

    def check_keys(self, where: str, item: dict, allowed: set[str], required: set[str]) -> bool:
        for k in sorted(set(item) - allowed):
            self.problem(where, f"unknown field '{k}'{_suggest(str(k), sorted(allowed))}")
        missing = sorted(required - set(item))
        if missing:
            self.problem(where, f"missing field{'s' if len(missing) > 1 else ''} {', '.join(missing)}")
        return not missing

    # --- entities --------------------------------------------------------------------------------

    def load_entities(self) -> None:
        files = sorted((self.data_dir / "entities").glob("*.yaml"))
        if not files:
            self.problem(str(self.data_dir / "entities"), "no entity files (*.yaml)")
        for path in files:
            for item in self.entries(path):
                where = f"{path}:{item.line}: entity '{item.get('id', '?')}'"
                if not self.check_keys(where, item, _ENTITY_KEYS, {"id", "class", "label"}):
                    continue
                eid, cls = str(item["id"]), str(item["class"])
                if not _ID.match(eid):
                    self.problem(where, "id must be lower-case letters, digits and hyphens")
                if eid in self.entities:
                    self.problem(where, f"duplicate id (first at {self.entities[eid].where})")
                    continue
                if cls not in self.vocab.classes or cls in _NOT_ENTITY_CLASSES:
                    choices = sorted(self.vocab.classes - _NOT_ENTITY_CLASSES)
                    self.problem(where, f"unknown class '{cls}'{_suggest(cls, choices)}")
                names = item.get("names") or {}
                if not isinstance(names, dict):
                    self.problem(where, "names must map a language tag to a name")
                    names = {}
                self.entities[eid] = Entity(
                    id=eid, cls=cls, label=str(item["label"]),
                    aliases=[str(a) for a in item.get("aliases") or []],
                    names={str(k): str(v) for k, v in names.items()},
                    mentions=[str(m) for m in item.get("mentions") or []],
                    broader=item.get("broader"), note=item.get("note"), where=f"{path}:{item.line}",
                )
        for e in self.entities.values():
            if e.broader is not None:
                self.check_entity(f"{e.where}: entity '{e.id}'", e.broader, "broader")

    def check_entity(self, where: str, eid: Any, role: str) -> bool:
        if isinstance(eid, str) and eid in self.entities:
            return True
        self.problem(where, f"{role}: unknown entity '{eid}'{_suggest(str(eid), list(self.entities))}")
        return False

    # --- sources ---------------------------------------------------------------------------------

    def load_sources(self) -> None:
        path = self.data_dir / "sources.yaml"
        if not path.is_file():
            self.problem(str(path), "the sources file is missing")
            return
        for item in self.entries(path):
            where = f"{path}:{item.line}: source '{item.get('id', '?')}'"
            required = {"id", "file", "sha256", "length", "title", "publisher", "published", "date_basis"}
            if not self.check_keys(where, item, _SOURCE_KEYS, required):
                continue
            sid = str(item["id"])
            if sid in self.sources:
                self.problem(where, f"duplicate id (first at {self.sources[sid].where})")
                continue
            if not re.fullmatch(r"[0-9a-f]{64}", str(item["sha256"])):
                self.problem(where, "sha256 must be 64 lower-case hex digits")
            if not isinstance(item["length"], int) or item["length"] <= 0:
                self.problem(where, "length must be the text's length in characters")
                continue
            try:
                published = parse_date(item["published"])
            except ValueError as ex:
                self.problem(where, f"published: {ex}")
                continue
            self.sources[sid] = Source(
                id=sid, file=str(item["file"]), sha256=str(item["sha256"]), length=item["length"],
                title=str(item["title"]), publisher=str(item["publisher"]), published=published,
                date_basis=str(item["date_basis"]), author=item.get("author"),
                republished_by=item.get("republished_by"), language=str(item.get("language", "en")),
                url=item.get("url"), where=f"{path}:{item.line}",
            )

    # --- claims ----------------------------------------------------------------------------------

    def load_claims(self) -> None:
        seen: dict[tuple[str, str], str] = {}
        for path in sorted((self.data_dir / "claims").glob("*.yaml")):
            doc = read_yaml_or_failed(path, self.problems)
            if doc is _FAILED:
                continue
            if not isinstance(doc, dict) or "source" not in doc:
                self.problem(str(path), "expected a mapping with 'source:' and a list under 'claims:'")
                continue
            sid = doc["source"]
            if sid not in self.sources:
                hint = _suggest(str(sid), list(self.sources))
                self.problem(str(path), f"source '{sid}' is not in sources.yaml{hint}")
                continue
            for item in self.entries(path, "claims", doc):
                where = f"{path}:{item.line}: claim '{item.get('id', '?')}'"
                if not self.check_keys(where, item, _CLAIM_KEYS, {"id", "subject", "facts", "stance", "span"}):
                    continue
                key = (sid, str(item["id"]))
                if key in seen:
                    self.problem(where, f"duplicate claim id in source '{sid}' (first at {seen[key]})")
                    continue
                seen[key] = f"{path}:{item.line}"
                claim = self.claim(where, self.sources[sid], item)
                if claim:
                    claim.where = f"{path}:{item.line}"
                    self.claims.append(claim)

    def claim(self, where: str, source: Source, item: dict) -> Claim | None:
        ok = self.check_entity(where, item["subject"], "subject")
        if item.get("by") is not None:
            ok &= self.check_entity(where, item["by"], "by")
        if item["stance"] not in STANCES:
            self.problem(where, f"stance '{item['stance']}' is not one of {', '.join(STANCES)}")
            ok = False
        span = item["span"]
        if not (isinstance(span, list) and len(span) == 2 and all(type(x) is int for x in span)):
            self.problem(where, f"span must be [start, end], two whole numbers, not {span!r}")
            ok = False
        elif not 0 <= span[0] < span[1] <= source.length:
            self.problem(where, f"span {span} lies outside source '{source.id}' "
                                f"({source.length} characters)")
            ok = False
        dates = {}
        for k in ("valid_from", "valid_until"):
            if item.get(k) is not None:
                try:
                    dates[k] = parse_date(item[k])
                except ValueError as ex:
                    self.problem(where, f"{k}: {ex}")
                    ok = False
        facts = self.facts(where, str(item["subject"]), item["facts"])
        if not ok or facts is None:
            return None
        return Claim(
            id=str(item["id"]), source=source.id, subject=str(item["subject"]), facts=facts,
            stance=item["stance"], span=(span[0], span[1]), by=item.get("by"), role=item.get("role"),
            note=item.get("note"), **dates,
        )

    def facts(self, where: str, subject: str, raw: Any) -> list[Fact] | None:
        if not isinstance(raw, dict) or not raw:
            self.problem(where, "facts must map at least one predicate to a value")
            return None
        facts: list[Fact] = []
        ok = True
        for name, values in raw.items():
            prop = self.vocab.properties.get(str(name))
            if prop is None:
                self.problem(where, f"unknown property '{name}'{_suggest(str(name), list(self.vocab.properties))}")
                ok = False
                continue
            for v in values if isinstance(values, list) else [values]:
                if prop.is_object:
                    if not self.check_entity(where, v, str(name)):
                        ok = False
                    elif prop.inverse_of:
                        facts.append(Fact(v, prop.inverse_of, object=subject))
                    else:
                        facts.append(Fact(subject, prop.name, object=v))
                    continue
                try:
                    facts.append(Fact(subject, prop.name, value=_literal(v, prop.datatype)))
                except ValueError as ex:
                    self.problem(where, f"{name}: {ex}")
                    ok = False
        return facts if ok else None


def _literal(raw: Any, datatype: str | None) -> Value:
    if datatype is None:
        return parse_date(raw)
    if datatype == XSD + "integer":
        if type(raw) is not int or raw < 0:
            raise ValueError(f"expected a whole number, not {raw!r}")
        return Value(str(raw), datatype)
    if datatype == XSD + "decimal":
        if type(raw) not in (int, float):
            raise ValueError(f"expected a number, not {raw!r}")
        return Value(str(raw), datatype)
    return Value(str(raw), datatype)


_FAILED = object()


def read_yaml_or_failed(path: Path, problems: list[str]) -> Any:
    """The parsed file, or _FAILED with the reason added to problems (an empty file parses as None)."""
    try:
        return read_yaml(path)
    except DataError as ex:
        problems.extend(ex.problems)
        return _FAILED


def load_knowledge_base(data_dir: Path, vocab: Vocabulary) -> KnowledgeBase:
    """Read and check data_dir; raise DataError listing every problem found."""
    if not data_dir.is_dir():
        raise DataError([f"{data_dir}: no such data directory"])
    loader = _Loader(data_dir, vocab)
    loader.load_entities()
    loader.load_sources()
    loader.load_claims()
    if loader.problems:
        raise DataError(loader.problems)
    return KnowledgeBase(loader.entities, loader.sources, loader.claims)
