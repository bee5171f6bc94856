"""Assemble a draft: the source entry, every entity its claims reference, and the proposed claims.

The draft is the data/ format plus review fields: `confidence` and `review` on each claim, `new` on
each entity. `kg ingest accept` strips them.
"""

from __future__ import annotations

from typing import Any

import yaml

from kg.ingest.dates import Pub
from kg.ingest.extract import Extractor
from kg.ingest.meta import detect
from kg.ingest.names import slug
from kg.ingest.text import IngestError, Report
from kg.kb.loader import parse_date
from kg.kb.model import KnowledgeBase

HEADER = """\
# A draft from `kg ingest`: claims proposed by machine from the report, for an analyst to review.
# For each claim set `review:` to accepted or rejected (fix facts, stance or span as needed); check the
# entities marked `new: true` (class, label, id). Then: kg ingest accept THIS-FILE
"""


def source_entry(report: Report, kb: KnowledgeBase, date: str | None, title: str | None,
                 publisher: str | None) -> dict[str, Any]:
    for s in kb.sources.values():
        if s.sha256 == report.sha256:
            raise IngestError(f"{report.path}: already ingested as source '{s.id}' (same SHA-256); nothing written")
    meta = detect(report.text)
    if date:
        try:
            meta.published = parse_date(date).lexical
        except ValueError as ex:
            raise IngestError(f"--date: {ex}") from None
        meta.date_basis = "given by the analyst (--date)"
    if not meta.published:
        raise IngestError(f"{report.path}: no publication date found (no dateline, byline or dated event); "
                          "give it with --date YYYY-MM-DD")
    meta.title = title or meta.title
    meta.publisher = publisher or meta.publisher
    who = meta.publisher if meta.publisher != "unknown" else " ".join(meta.title.split()[:4])
    base = sid = slug(f"{who}-{meta.published}", 60)
    n = 2
    while sid in kb.sources:
        sid, n = f"{base}-{n}", n + 1
    entry: dict[str, Any] = {"id": sid, "file": report.path.name, "sha256": report.sha256,
                             "length": len(report.text), "title": meta.title, "publisher": meta.publisher}
    if meta.republished_by:
        entry["republished_by"] = meta.republished_by
    if meta.author:
        entry["author"] = meta.author
    entry.update(published=meta.published, language="en", date_basis=meta.date_basis)
    return entry


def make_draft(report: Report, kb: KnowledgeBase, extractor: Extractor | None = None, *,
               date: str | None = None, title: str | None = None, publisher: str | None = None) -> dict[str, Any]:
    source = source_entry(report, kb, date, title, publisher)
    extractor = extractor or Extractor(kb)
    proposals, events, new = extractor.run(report.text, Pub.parse(source["published"]), source["title"])
    claims, used = [], []
    ids: set[str] = set()
    for p in proposals:
        base = slug(f"{p.subject[:36]}-{next(iter(p.facts))}", 60)
        cid, n = base, 2
        while cid in ids:
            cid, n = f"{base}-{n}", n + 1
        ids.add(cid)
        claim: dict[str, Any] = {"id": cid, "subject": p.subject, "facts": p.facts, "stance": p.stance}
        if p.by:
            claim["by"] = p.by
        claim.update(span=list(p.span), confidence=p.confidence, review="pending")
        claims.append(claim)
        for eid in [p.subject, p.by, *_objects(p.facts)]:
            if eid and eid not in used:
                used.append(eid)
    new_events = {e.id: e for e in events if e.new}
    entities = []
    for eid in used:
        if eid in kb.entities:
            e = kb.entities[eid]
            entities.append({"id": e.id, "class": e.cls, "label": e.label, "aliases": e.aliases, "new": False})
        elif eid in new_events:
            ev = new_events[eid]
            entities.append({"id": ev.id, "class": ev.cls, "label": ev.label, "aliases": [],
                             "mentions": ev.mentions, "new": True})
        else:
            entities.append(new[eid])
    return {"source": source, "entities": entities, "claims": claims}


def _objects(facts: dict[str, Any]) -> list[str]:
    out = []
    for key, value in facts.items():
        if key in ("date", "killed", "wounded"):
            continue
        out += value if isinstance(value, list) else [value]
    return [str(v) for v in out]


def dump(draft: dict[str, Any]) -> str:
    return HEADER + yaml.safe_dump(draft, sort_keys=False, allow_unicode=True, width=110)
