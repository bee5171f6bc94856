"""Where places are: coordinates (sourced gazetteer facts), the country and province each lies in.

Query rows hold pyoxigraph terms: `.value` is an IRI's text or a literal's lexical form.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kg.ask.answers import Graph, add_source, source_of
from kg.ask.resolve import ID_PREFIX


@dataclass
class Point:
    lat: float
    long: float
    precision: int | None
    sources: list[dict[str, Any]] = field(default_factory=list)


def _id(term: Any) -> str:
    return term.value[len(ID_PREFIX):]


def coordinates(g: Graph) -> dict[str, Point]:
    """place id -> its point and the claims behind it."""
    points: dict[str, Point] = {}
    for r in g.rows("place_coordinates"):
        pid = _id(r["place"])
        prec = r.get("precision")
        point = points.setdefault(pid, Point(float(r["lat"].value), float(r["long"].value),
                                             int(prec.value) if prec is not None else None))
        add_source(point.sources, source_of(r, g))
    return points


def containers(g: Graph) -> dict[str, list[str]]:
    """place id -> the places it lies in, nearest first (locatedIn, any depth), itself first."""
    parents: dict[str, set[str]] = {}
    for r in g.rows("entity_links"):
        if r["predicate"].value.endswith("#locatedIn"):
            parents.setdefault(_id(r["subject"]), set()).add(_id(r["object"]))
    out: dict[str, list[str]] = {}
    for start in parents:
        chain, todo = [start], [start]
        while todo:
            for p in sorted(parents.get(todo.pop(0), ())):
                if p not in chain:
                    chain.append(p)
                    todo.append(p)
        out[start] = chain
    return out


def country_and_admin1(g: Graph, place: str, chains: dict[str, list[str]]) -> tuple[str | None, str | None]:
    """The State a place lies in, and its province (admin1) where the graph names one."""
    chain = chains.get(place, [place])
    country = next((p for p in chain if g.names.ref(ID_PREFIX + p).cls == "State"), None)
    admin1 = next((p for p in chain if g.names.ref(ID_PREFIX + p).cls == "Place"
                   and g.names.ref(ID_PREFIX + p).label.lower().endswith(" province")), None)
    return country, admin1
