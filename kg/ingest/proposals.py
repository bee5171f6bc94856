"""What the extractor proposes (claims, events) and the knowledge base's events it matches them to."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.ask.resolve import EVENT_CLASSES
from kg.kb.model import KnowledgeBase


@dataclass
class Proposal:
    subject: str
    facts: dict[str, object]
    stance: str
    span: tuple[int, int]
    confidence: float
    by: str | None = None


@dataclass
class Event:
    id: str
    cls: str
    date: str | None
    places: set[str] = field(default_factory=set)
    actors: set[str] = field(default_factory=set)
    new: bool = True
    label: str = ""
    mentions: list[str] = field(default_factory=list)
    told: int = -1  # the token where the last sentence that told of it ends


def known_events(kb: KnowledgeBase) -> list[Event]:
    """The knowledge base's events with what its claims say of them, for matching new reports to."""
    events = {e.id: Event(e.id, e.cls, None, new=False, label=e.label) for e in kb.entities.values()
              if e.cls in EVENT_CLASSES}
    dates: dict[str, list[str]] = {}
    for c in kb.claims:
        for f in c.facts:
            ev = events.get(f.subject)
            if not ev:
                continue
            if f.predicate == "date" and f.value:
                dates.setdefault(ev.id, []).append(f.value.lexical)
            elif f.predicate == "location" and f.object:
                ev.places.add(f.object)
            elif f.object:
                ev.actors.add(f.object)
    out = []
    for ev in events.values():
        for d in dates.get(ev.id, [None]):  # type: ignore[list-item]
            out.append(Event(ev.id, ev.cls, d, ev.places, ev.actors, False, ev.label))
    return out
