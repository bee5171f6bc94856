"""Relations a name states by its own words, with no verb: "U.S. Central Command" and "the U.S.
Department of Defense" are parts of the United States; "President Trump" leads the state the
knowledge base already says he leads, since the title alone does not say which state."""

from __future__ import annotations

from spacy.tokens import Span

from kg.ingest.names import Mention, Names
from kg.kb.model import KnowledgeBase

# Titles a head of state or government carries before the name ("President X", "Prime Minister X").
HEAD_TITLES = {"president", "premier", "king", "emir", "sultan", "chancellor", "minister", "leader", "ayatollah"}
# The words a title may have in front of it ("Iraqi Prime Minister", "Supreme Leader", "former President"
# excluded: a former leader is not the leader the report describes).
TITLE_LEADS = {"prime", "supreme"}
# Agencies of a state: what a state's name in front of them makes a part of it.
STATE_PARTS = {"StateAgency"}


def known_leaders(kb: KnowledgeBase) -> dict[str, set[str]]:
    """Person -> the states the knowledge base's claims say the person leads."""
    out: dict[str, set[str]] = {}
    for c in kb.claims:
        for f in c.facts:
            obj = kb.entities.get(f.object) if f.object else None
            if f.predicate == "leaderOf" and obj is not None and obj.cls == "State":
                out.setdefault(f.subject, set()).add(obj.id)
    return out


def known_parts(kb: KnowledgeBase) -> set[tuple[str, str]]:
    """(part, whole) pairs the knowledge base already holds."""
    return {(f.subject, f.object) for c in kb.claims for f in c.facts if f.predicate == "partOf" and f.object}


def state_parts(sent: Span, ms: list[Mention], names: Names,
                known: set[tuple[str, str]]) -> list[tuple[str, str, str, Mention]]:
    """(agency, partOf, state, mention) for an agency named with its state's name in front, unless the
    knowledge base holds it already: every report that names CENTCOM need not say whose it is."""
    doc, out = sent.doc, []
    for m in ms:
        if m.cls not in STATE_PARTS:
            continue
        before = [x for x in ms if x.tok_end == m.tok and x.cls == "State"]  # "the U.S. | Department of Defense"
        state = before[0].entity if before else None
        if state is None and m.tok_end - m.tok > 1:  # "U.S. Central Command", "Iraqi counterterrorism forces"
            first = names.known(doc[m.tok].text)
            if first and names.kb.entities[first].cls == "State":
                state = first
        if state and state != m.entity and (m.entity, state) not in known:
            out.append((m.entity, "partOf", state, m))
    return out


def titled_heads(sent: Span, ms: list[Mention], leaders: dict[str, set[str]]) -> list[tuple[str, str, str, Mention]]:
    """(person, leaderOf, state, mention) for "President X" where the knowledge base knows X's state."""
    doc, out = sent.doc, []
    for m in ms:
        if m.cls != "Person" or m.entity not in leaders or m.tok == 0:
            continue
        title = doc[m.tok - 1].lower_
        lead = doc[m.tok - 2].lower_ if m.tok >= 2 else ""
        if title not in HEAD_TITLES or (title in {"minister", "leader"} and lead not in TITLE_LEADS):
            continue
        if lead in {"former", "ex", "late"}:
            continue
        out += [(m.entity, "leaderOf", state, m) for state in sorted(leaders[m.entity])]
    return out
