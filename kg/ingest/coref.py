"""Coreference by rule: what "the group", "the new faction", "it", "itself" or "its leader" refers back to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc

from kg.ingest.name_rules import CLAUSE_BOUNDARIES, NEW_MODIFIERS

if TYPE_CHECKING:
    from kg.ingest.names import Mention


def indefinite(doc: Doc, s: int, e: int) -> bool:
    """'a coalition', 'another militia': a common noun after an indefinite article introduces someone new,
    even where a knowledge base lists the noun as a name."""
    return s > 0 and doc[s - 1].lower_ in ("a", "an", "another") and doc[s:e].text.islower()


def plural_noun(m: Mention) -> bool:
    """'militias', 'the armed groups': a plural common noun, which 'the organization' cannot stand for."""
    return m.text.islower() and m.text.endswith("s")


PREPOSITIONS = {"of", "in", "with", "to", "from", "by", "on", "against", "for"}


def antecedent(doc: Doc, found: list[Mention], i: int, classes: set[str], pronoun: bool = False) -> Mention | None:
    """What a reference at token i refers back to: the last compatible entity earlier in its own sentence,
    else the first (the subject, usually) in the nearest of the two sentences before that names one."""
    sent = doc[i].sent
    singular = doc[i].lower_ in ("it", "its", "itself")  # "its weapons" is no plural noun's
    fits = sorted((m for m in found if m.cls in classes and m.tok_end <= i
                   and ((pronoun and not singular) or not plural_noun(m))), key=lambda m: m.tok)
    if pronoun and i >= 2 and doc[i - 1].lower_ == "and" and doc[i - 2].text == ",":
        # "X is allied with Y, with which it fought, and it has coordinated with Z": a new main clause's
        # "it" is the sentence's subject
        subject = [m for m in fits if m.tok >= sent.start and m.tok - sent.start <= 1]
        if subject:
            return subject[0]
    # in its own sentence only across a clause boundary: in "X is one of the groups within the
    # organization", "the organization" cannot be X
    here = [m for m in fits if m.tok >= sent.start
            and (pronoun or any(t.lower_ in CLAUSE_BOUNDARIES for t in doc[m.tok_end:i]))]
    if here:
        # "X, a faction that is part of the Y, named ... whom it described": a name after a preposition is
        # no subject; the sentence's own subject is
        last, subject = here[-1], [m for m in here if m.tok - sent.start <= 1]
        k = last.tok - 1 - (last.tok > 1 and doc[last.tok - 1].lower_ == "the")
        if pronoun and subject and last is not subject[0] and doc[k].lower_ in PREPOSITIONS and doc[i].lower_ in (
                "it", "they"):  # ("a facade for Y, which is itself backed by Z": "itself" is Y)
            return subject[0]
        return last
    starts = [s.start for s in doc.sents if s.start < sent.start and s.text.strip()][-2:]  # a blank line is no sentence
    for start in reversed(starts):
        before = [m for m in fits if doc[m.tok].sent.start == start]
        if before:
            return before[0]
    return None


def described(doc: Doc, found: list[Mention], i: int, end: int, classes: set[str]) -> Mention | None:
    """'the new faction': the last group the report introduced as new; 'the brigade': the last one whose
    name has that noun ('the X Brigade'). A description that says more than its class picks by it."""
    words = {t.lower_ for t in doc[i + 1:end]}
    fits = [m for m in found if m.cls in classes and m.tok_end <= i and not plural_noun(m)]
    if words & NEW_MODIFIERS:
        fresh = [m for m in fits if m.new]
        return fresh[-1] if fresh else None
    head = doc[end - 1].lower_
    named = [m for m in fits if not m.text.islower() and head in m.text.lower().split()]
    if named:
        return named[-1]
    # a bare "the group" follows the report's topic; "the Iran-backed faction" the last one it describes
    return topic(fits) if end - i == 2 else None


def topic(fits: list[Mention]) -> Mention | None:
    """The group a report is about: one it introduced and has named at least twice, and more often than
    any group the knowledge base knew. A report about a new group calls it "the group" or "the
    brigade" all through, while known groups beside it are named by name."""
    counts: dict[str, int] = {}
    for m in fits:
        counts[m.entity] = counts.get(m.entity, 0) + 1
    fresh = [e for e in counts if any(m.new and m.entity == e for m in fits)]
    if not fresh:
        return None
    best = max(fresh, key=lambda e: counts[e])
    if counts[best] < 2 or any(counts[e] > counts[best] for e in counts if e not in fresh):
        return None
    return [m for m in fits if m.entity == best][-1]


def described_by_of(doc: Doc, s: int, e: int) -> bool:
    """'the coalition of militias', 'the alliance of factions': a common noun that a name lists as its own
    ("the coalition") is a description when 'of' follows it."""
    return doc[s:e].text.islower() and e < len(doc) and doc[e].lower_ == "of"


def compound_modifier(doc: Doc, j: int) -> bool:
    """'the Iran-backed faction', 'the US-allied group': a compound adjective inside a description."""
    t = doc[j]
    if t.text == "-":
        return True
    if j + 1 < len(doc) and doc[j + 1].text == "-" and t.text[:1].isupper():
        return True
    return t.lower_ in COMPOUND_PARTICIPLES and doc[j - 1].text == "-"


COMPOUND_PARTICIPLES = {"backed", "aligned", "linked", "affiliated", "allied", "funded", "sponsored", "led"}


def kind_of(cls: str) -> str:
    """Classes a name of one can be misread as the other's: groups and organisations, places and sites."""
    return {"Coalition": "ArmedGroup", "Organization": "ArmedGroup", "StateAgency": "ArmedGroup",
            "Facility": "Place", "State": "Place"}.get(cls, cls)
