"""Merge a reviewed draft into data/: all or nothing, and only after the merged knowledge base checks.

The new files are written beside a copy of data/ and loaded there first; only if that copy loads
cleanly are sources.yaml, entities/ingested.yaml and claims/<source-id>.yaml replaced, each by rename.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from kg.errors import DataError
from kg.ingest.text import IngestError
from kg.kb.loader import load_knowledge_base, read_yaml
from kg.kb.model import KnowledgeBase
from kg.kb.vocabulary import Vocabulary

ENTITIES_FILE = "ingested.yaml"
REVIEW = ("accepted", "rejected", "pending")


@dataclass(frozen=True)
class Accepted:
    source: str
    claims: int
    rejected: int
    new_entities: int
    written: list[Path]


def _where(path: Path, item: Any) -> str:
    line = getattr(item, "line", 0)
    return f"{path}:{line}" if line else str(path)


def _read(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise IngestError(f"{path}: no such draft")
    try:
        doc = read_yaml(path)
    except DataError as ex:
        raise IngestError(ex.problems[0]) from None
    if not isinstance(doc, dict) or not isinstance(doc.get("source"), dict) \
            or not isinstance(doc.get("entities"), list) or not isinstance(doc.get("claims"), list):
        raise IngestError(f"{path}: not a draft (expected 'source:' with 'entities:' and 'claims:' lists)")
    return doc


def prepare(path: Path, kb: KnowledgeBase, accept_pending: bool) -> tuple[dict, list[dict], list[dict], int]:
    """(source entry, new entities, claims) with the review fields removed, after checking the review."""
    doc = _read(path)
    source = {k: v for k, v in doc["source"].items()}
    sid = str(source.get("id"))
    if sid in kb.sources:
        raise IngestError(f"{_where(path, doc['source'])}: source id '{sid}' is already in sources.yaml")
    for s in kb.sources.values():
        if s.sha256 == source.get("sha256"):
            raise IngestError(f"{_where(path, doc['source'])}: this report is already source '{s.id}' (same SHA-256)")
    claims, rejected, pending = [], 0, []
    for c in doc["claims"]:
        if not isinstance(c, dict):
            raise IngestError(f"{path}: every claim must be a mapping")
        review = c.get("review", "pending")
        if review not in REVIEW:
            raise IngestError(f"{_where(path, c)}: claim '{c.get('id')}': review must be one of {', '.join(REVIEW)}")
        if review == "rejected":
            rejected += 1
            continue
        if review == "pending" and not accept_pending:
            pending.append(c)
            continue
        claims.append({k: v for k, v in c.items() if k not in ("confidence", "review")})
    if pending:
        raise IngestError(f"{_where(path, pending[0])}: {len(pending)} claim{'s' if len(pending) > 1 else ''} "
                          "still pending review; mark each accepted or rejected, or pass --accept-pending")
    if not claims:
        raise IngestError(f"{path}: no accepted claims; nothing to merge")
    used = {c.get("subject") for c in claims} | {c.get("by") for c in claims}
    for c in claims:
        for v in (c.get("facts") or {}).values():
            used |= set(v) if isinstance(v, list) else {v}
    new = []
    for e in doc["entities"]:
        if not isinstance(e, dict) or "id" not in e:
            raise IngestError(f"{path}: every entity needs an id")
        eid = str(e["id"])
        if e.get("new") is True:
            if eid in kb.entities:
                old = kb.entities[eid]
                raise IngestError(f"{_where(path, e)}: entity '{eid}' is marked new but the knowledge base already "
                                  f"has it ({old.cls} '{old.label}', {old.where}); rename it or set new: false")
            if eid in used:
                new.append({k: v for k, v in e.items() if k != "new" and v not in ([], None)})
        elif eid not in kb.entities:
            raise IngestError(f"{_where(path, e)}: entity '{eid}' is not in the knowledge base; "
                              "mark it new: true or use an existing id")
    return source, new, claims, rejected


def _plain(data: Any) -> Any:
    """Plain dicts and lists (the line-numbering loader's mappings are a dict subclass YAML cannot dump)."""
    if isinstance(data, dict):
        return {str(k): _plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_plain(v) for v in data]
    return data


def _dump(data: Any) -> str:
    return yaml.safe_dump(_plain(data), sort_keys=False, allow_unicode=True, width=110)


def accept(path: Path, data_dir: Path, kb: KnowledgeBase, vocab: Vocabulary, accept_pending: bool = False) -> Accepted:
    source, new, claims, rejected = prepare(path, kb, accept_pending)
    sid = str(source["id"])
    claims_rel = Path("claims") / f"{sid}.yaml"
    if (data_dir / claims_rel).exists():
        raise IngestError(f"{data_dir / claims_rel}: already exists; kg will not overwrite it")
    sources_text = (data_dir / "sources.yaml").read_text(encoding="utf-8")
    contents = {
        Path("sources.yaml"): sources_text.rstrip("\n") + "\n" + _dump([source]),
        claims_rel: f"# Claims of {sid}, accepted from a reviewed `kg ingest` draft.\n"
                    + _dump({"source": sid, "claims": claims}),
    }
    if new:
        ent = data_dir / "entities" / ENTITIES_FILE
        head = ent.read_text(encoding="utf-8").rstrip("\n") + "\n" if ent.exists() else \
            "# Entities added by `kg ingest accept` from reviewed drafts.\n"
        contents[Path("entities") / ENTITIES_FILE] = head + _dump(new)
    with tempfile.TemporaryDirectory(prefix="kg-accept-") as tmp:
        trial = Path(tmp) / "data"
        shutil.copytree(data_dir, trial, ignore=shutil.ignore_patterns("drafts"))
        for rel, text in contents.items():
            (trial / rel).write_text(text, encoding="utf-8")
        try:
            load_knowledge_base(trial, vocab)
        except DataError as ex:
            first = ex.problems[0].replace(str(trial), str(data_dir))
            more = f" (and {len(ex.problems) - 1} more)" if len(ex.problems) > 1 else ""
            raise IngestError(f"{path}: the merged knowledge base does not check: {first}{more}; "
                              "nothing written") from None
    _replace_all(data_dir, contents)
    return Accepted(sid, len(claims), rejected, len(new), [data_dir / rel for rel in contents])


def _replace_all(data_dir: Path, contents: dict[Path, str]) -> None:
    """Write every file to a temporary beside it, then rename each into place; undo on failure."""
    staged: list[tuple[Path, Path]] = []
    done: list[tuple[Path, bytes | None]] = []
    try:
        for rel, text in contents.items():
            target = data_dir / rel
            tmp = target.with_name(f".{target.name}.accepting")
            tmp.write_text(text, encoding="utf-8")
            staged.append((tmp, target))
        for tmp, target in staged:
            old = target.read_bytes() if target.exists() else None
            os.replace(tmp, target)
            done.append((target, old))
    except OSError as ex:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        for target, old in done:
            if old is None:
                target.unlink(missing_ok=True)
            else:
                target.write_bytes(old)
        raise IngestError(f"cannot write to {data_dir}: {ex.strerror or ex}; nothing changed") from None
