"""Check the knowledge base against the source texts: hashes, spans, and that spans name what they claim."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from kg.errors import DataError
from kg.kb.inputs import read_text_file, regular_file
from kg.kb.model import Claim, Entity, KnowledgeBase
from kg.kb.names import mentions, normalize


@dataclass(frozen=True)
class Failure:
    where: str  # source file, or the claim's file:line
    item: str  # source id, or source/claim id
    reason: str


@dataclass(frozen=True)
class Verification:
    sources_checked: int
    claims_checked: int
    failures: list[Failure]


def read_text(path: Path) -> str:
    """A source text as the offsets count it (see read_text_file); DataError if it cannot be read."""
    return read_text_file(path)


def locate(text: str, phrase: str) -> list[tuple[int, int]]:
    """Every [start, end) at which phrase occurs in text (exactly, then ignoring case)."""
    found = _find_all(text, phrase) or _find_all(text.casefold(), phrase.casefold())
    return [(i, i + len(phrase)) for i in found]


def _find_all(text: str, phrase: str) -> list[int]:
    hits, i = [], text.find(phrase)
    while phrase and i >= 0:
        hits.append(i)
        i = text.find(phrase, i + 1)
    return hits


def _names(entity: Entity) -> list[str]:
    return entity.all_names() + entity.mentions


def _missing_mentions(claim: Claim, span_text: str, entities: dict[str, Entity]) -> list[str]:
    folded = normalize(span_text)
    return [eid for eid in claim.entity_ids() if not any(mentions(folded, n) for n in _names(entities[eid]))]


def verify_sources(kb: KnowledgeBase, text_dir: Path, bundled: Path | None = None) -> Verification:
    """Check each source's hash and length against text_dir, and each claim's span against its text.

    A text missing from text_dir is looked for in `bundled` (the knowledge base's own texts/, for
    sources it ships, such as the gazetteer extract)."""
    failures: list[Failure] = []
    texts: dict[str, str] = {}
    for source in kb.sources.values():
        path = text_dir / source.file
        if not regular_file(path) and bundled is not None and regular_file(bundled / source.file):
            path = bundled / source.file
        if not regular_file(path):
            failures.append(Failure(str(path), source.id, "source text not found"))
            continue
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as ex:
            failures.append(Failure(str(path), source.id, f"cannot be read ({ex.strerror or ex})"))
            continue
        if digest != source.sha256:
            failures.append(Failure(str(path), source.id, f"SHA-256 is {digest}, sources.yaml says {source.sha256}"))
            continue
        try:
            text = read_text(path)
        except DataError as ex:
            failures.append(Failure(str(path), source.id, ex.problems[0].split(": ", 1)[-1]))
            continue
        if len(text) != source.length:
            failures.append(Failure(str(path), source.id, f"{len(text)} characters, sources.yaml says {source.length}"))
            continue
        texts[source.id] = text
    checked = 0
    for claim in kb.claims:
        text = texts.get(claim.source)
        if text is None:
            continue  # its source already failed
        checked += 1
        start, end = claim.span
        item = f"{claim.source}/{claim.id}"
        if end > len(text):
            failures.append(Failure(claim.where, item, f"span [{start}, {end}] lies outside the text"))
            continue
        missing = _missing_mentions(claim, text[start:end], kb.entities)
        if missing:
            failures.append(Failure(claim.where, item, f"span [{start}, {end}] names none of the names of "
                                                       + ", ".join(missing)))
    return Verification(len(texts), checked, failures)
