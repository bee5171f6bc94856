"""Read data/ (entities, sources, claims) into a KnowledgeBase, checking everything a build relies on.

Every problem is collected, not just the first, and each names the file, the line, the entry and the
reason, so that an analyst can fix a batch of claims in one pass.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path
from typing import Any

from rapidfuzz import process

from kg.errors import DataError
from kg.kb import schema
from kg.kb.inputs import yaml_files
from kg.kb.model import Claim, Entity, Fact, KnowledgeBase, Source, Value
from kg.kb.vocabulary import Vocabulary
from kg.kb.yamlfile import Mapping, read_yaml

XSD = "http://www.w3.org/2001/XMLSchema#"
_NOT_ENTITY_CLASSES = {"Claim", "Source", "Stance"}


def parse_date(raw: Any) -> Value:
    """A date at day, month or year precision, typed xsd:date, xsd:gYearMonth or xsd:gYear (years 1-9999)."""
    if isinstance(raw, dt.datetime):
        raw = raw.date()
    if isinstance(raw, dt.date):
        return Value(raw.isoformat(), XSD + "date")
    if isinstance(raw, bool) or not isinstance(raw, (str, int)):
        raise ValueError(f"bad date {raw!r}: use YYYY-MM-DD, YYYY-MM or YYYY")
    text = str(raw).strip()
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
        raise ValueError(f"bad date {text!r}: use YYYY-MM-DD, YYYY-MM or YYYY")
    year, month, day = (int(x) for x in (text.split("-") + ["1", "1"])[:3])
    if year < 1:
        raise ValueError(f"bad date {text!r}: there is no year 0")
    try:
        dt.date(year, month, day)
    except ValueError as ex:
        raise ValueError(f"bad date {text!r}: {ex}") from None
    return Value(text, XSD + ("gYear", "gYearMonth", "date")[text.count("-")])


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
        self.unreadable: list[Path] = []  # entity or source files that did not load at all

    def problem(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def document(self, path: Path, kind: str) -> Any:
        """The parsed file if it reads and matches its schema, else _FAILED with the problems recorded."""
        try:
            doc = read_yaml(path)
        except DataError as ex:
            self.problems.extend(ex.problems)
            return _FAILED
        found = schema.check(kind, doc, path, self.data_dir)
        if found:
            self.problems.extend(found)
            return _FAILED
        return doc

    def document_or_note(self, path: Path, kind: str) -> Any:
        doc = self.document(path, kind)
        if doc is _FAILED:
            self.unreadable.append(path)
        return doc

    # --- entities --------------------------------------------------------------------------------

    def load_entities(self) -> None:
        files = yaml_files(self.data_dir / "entities")
        if not files:
            self.problem(str(self.data_dir / "entities"), "no entity files (*.yaml)")
        for path in files:
            doc = self.document_or_note(path, "entities")
            for item in [] if doc is _FAILED else doc or []:
                where = f"{path}:{item.line}: entity '{item['id']}'"
                eid, cls = item["id"], item["class"]
                if eid in self.entities:
                    self.problem(where, f"duplicate id (first at {self.entities[eid].where})")
                    continue
                if cls not in self.vocab.classes or cls in _NOT_ENTITY_CLASSES:
                    choices = sorted(self.vocab.classes - _NOT_ENTITY_CLASSES)
                    self.problem(where, f"unknown class '{cls}'{_suggest(cls, choices)}")
                self.entities[eid] = Entity(
                    id=eid, cls=cls, label=item["label"], aliases=list(item.get("aliases") or []),
                    names=dict(item.get("names") or {}), mentions=list(item.get("mentions") or []),
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
        if not path.exists() and not path.is_symlink():
            self.problem(str(path), "the sources file is missing")
            return
        doc = self.document_or_note(path, "sources")
        for item in [] if doc is _FAILED else doc or []:
            where = f"{path}:{item.line}: source '{item['id']}'"
            sid = item["id"]
            if sid in self.sources:
                self.problem(where, f"duplicate id (first at {self.sources[sid].where})")
                continue
            try:
                published = parse_date(item["published"])
            except ValueError as ex:
                self.problem(where, f"published: {ex}")
                continue
            self.sources[sid] = Source(
                id=sid, file=item["file"], sha256=item["sha256"], length=item["length"], title=item["title"],
                publisher=item["publisher"], published=published, date_basis=item["date_basis"],
                author=item.get("author"), republished_by=item.get("republished_by"),
                language=item.get("language", "en"), url=item.get("url"), where=f"{path}:{item.line}",
            )

    # --- claims ----------------------------------------------------------------------------------

    def load_claims(self) -> None:
        seen: dict[tuple[str, str], str] = {}
        for path in yaml_files(self.data_dir / "claims"):
            doc = self.document(path, "claims")
            if doc is _FAILED:
                continue
            sid = doc["source"]
            if sid not in self.sources:
                hint = _suggest(str(sid), list(self.sources))
                self.problem(f"{path}:{doc.key_lines['source']}", f"source '{sid}' is not in sources.yaml{hint}")
                continue
            for item in doc["claims"]:
                where = f"{path}:{item.line}: claim '{item['id']}'"
                key = (sid, item["id"])
                if key in seen:
                    self.problem(where, f"duplicate claim id in source '{sid}' (first at {seen[key]})")
                    continue
                seen[key] = f"{path}:{item.line}"
                claim = self.claim(where, self.sources[sid], item)
                if claim:
                    claim.where = f"{path}:{item.line}"
                    self.claims.append(claim)

    def claim(self, where: str, source: Source, item: Mapping) -> Claim | None:
        ok = self.check_entity(where, item["subject"], "subject")
        if item.get("by") is not None:
            ok &= self.check_entity(where, item["by"], "by")
        start, end = item["span"]
        if not start < end <= source.length:
            self.problem(where, f"span {[start, end]} lies outside source '{source.id}' "
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
        facts = self.facts(where, item["subject"], item["facts"])
        if not ok or facts is None:
            return None
        return Claim(
            id=item["id"], source=source.id, subject=item["subject"], facts=facts, stance=item["stance"],
            span=(start, end), by=item.get("by"), role=item.get("role"), note=item.get("note"), **dates,
        )

    def facts(self, where: str, subject: str, raw: Mapping) -> list[Fact] | None:
        facts: list[Fact] = []
        ok = True
        for name, values in raw.items():
            prop = self.vocab.properties.get(name)
            if prop is None:
                self.problem(where, f"unknown property '{name}'{_suggest(name, list(self.vocab.properties))}")
                ok = False
                continue
            for v in values if isinstance(values, list) else [values]:
                if prop.is_object:
                    if not self.check_entity(where, v, name):
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
        if type(raw) not in (int, float) or not math.isfinite(raw):
            raise ValueError(f"expected a number, not {raw!r}")
        return Value(str(raw), datatype)
    return Value(str(raw), datatype)


_FAILED = object()


def load_knowledge_base(data_dir: Path, vocab: Vocabulary) -> KnowledgeBase:
    """Read and check data_dir; raise DataError listing every problem found."""
    if not data_dir.is_dir():
        raise DataError([f"{data_dir}: no such data directory"])
    loader = _Loader(data_dir, vocab)
    loader.load_entities()
    loader.load_sources()
    if loader.unreadable:  # every claim naming what they hold would fail too: say that once, not per claim
        loader.problem(str(data_dir / "claims"), "not checked until the files above load")
    else:
        loader.load_claims()
    if loader.problems:
        raise DataError(loader.problems)
    return KnowledgeBase(loader.entities, loader.sources, loader.claims)
