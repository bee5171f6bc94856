"""Answers about one entity or a pair: the entity card (show), the chain between two (path), search."""

from __future__ import annotations

from collections import defaultdict, deque
from typing import Any

import pyoxigraph as ox

from kg.ask.answers import Graph, Record, add_source, source_of
from kg.ask.resolve import EntityRef


def show(g: Graph, e: EntityRef) -> Record:
    relations: dict[tuple[str, str, str], Record] = {}
    involved: dict[str, Record] = {}
    sources: list[Record] = []
    for r in g.rows("relations", entity=e.iri):
        src = source_of(r, g)
        if "role" in r:
            src["role"] = r["role"].value
        add_source(sources, src)
        pred = r["predicate"].value.rsplit("#", 1)[-1]
        obj = r["object"]
        obj_value: Any = g.ref(obj) if isinstance(obj, ox.NamedNode) else obj.value
        key = (r["subject"].value, pred, obj.value)
        rel = relations.setdefault(key, {"subject": g.ref(r["subject"]), "predicate": pred,
                                         "object": obj_value, "sources": []})
        add_source(rel["sources"], src)
        subject = g.names.ref(r["subject"])
        if r["subject"].value != e.iri and subject.cls in {"Attack", "Strike", "AssassinationAttempt", "Event"}:
            involved.setdefault(subject.id, {"event": subject.as_json(), "roles": []})
            if pred not in involved[subject.id]["roles"]:
                involved[subject.id]["roles"].append(pred)
    aliases = sorted({n for n in e.names if n != e.label})
    return {"entity": e.as_json(), "class": e.cls, "aliases": aliases,
            "relations": sorted(relations.values(), key=lambda r: (r["subject"]["id"] != e.id, r["predicate"])),
            "events": sorted(involved.values(), key=lambda v: v["event"]["label"]), "sources": sources}


def path(g: Graph, a: EntityRef, b: EntityRef) -> list[Record]:
    """The shortest chain of sourced relations between a and b, in either direction."""
    edges: dict[tuple[str, str, str], list[Record]] = defaultdict(list)
    adjacent: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    for r in g.rows("entity_links"):
        key = (r["subject"].value, r["predicate"].value.rsplit("#", 1)[-1], r["object"].value)
        add_source(edges[key], source_of(r, g))
        adjacent[key[0]].add(key)
        adjacent[key[2]].add(key)
    previous: dict[str, tuple[str, tuple[str, str, str]] | None] = {a.iri: None}
    todo = deque([a.iri])
    while todo and b.iri not in previous:
        node = todo.popleft()
        for edge in sorted(adjacent[node]):
            other = edge[2] if edge[0] == node else edge[0]
            if other not in previous:
                previous[other] = (node, edge)
                todo.append(other)
    if b.iri not in previous:
        return []
    steps: list[Record] = []
    node = b.iri
    while previous[node] is not None:
        node, edge = previous[node]  # type: ignore[misc]
        steps.append({"subject": g.ref(edge[0]), "predicate": edge[1], "object": g.ref(edge[2]),
                      "sources": edges[edge]})
    return list(reversed(steps))


def search(g: Graph, text: str, limit: int = 10) -> list[Record]:
    """Entities ranked by name. WRatio scores every name that contains the text at 90, so the score
    shown also weighs how much of the closest name the text covers (fuzz.ratio): "Nujaba" ranks
    "Nujaba" above "Harakat Hezbollah al-Nujaba", and the two get different scores."""
    from rapidfuzz import fuzz

    from kg.kb.names import normalize

    query = normalize(text)
    scored = []
    for e, score in g.names.ranked(text, max(limit * 3, 30)):
        closeness = max(fuzz.ratio(query, normalize(n)) for n in [e.label, *e.names])
        scored.append((round(0.6 * score + 0.4 * closeness, 1), e))
    scored.sort(key=lambda se: (-se[0], se[1].label))
    return [{"entity": e.as_json(), "score": score, "aliases": sorted(set(e.names) - {e.label})}
            for score, e in scored[:limit]]
