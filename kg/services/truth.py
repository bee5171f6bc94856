"""How far the record can be trusted: figures with their sources, chain strength, disputes."""

from __future__ import annotations

from kg.ask import disputes as _disputes
from kg.ask import figures as _figures
from kg.ask.answers import Graph
from kg.services.ask import Answer, open_graph
from kg.store import Location

__all__ = ["disputes", "figures"]


def _about(g: Graph, name: str | None) -> tuple[list, object]:
    if name is None:
        return [], None
    res = g.resolve(name)
    return [res], res.entity


def figures(name: str | None = None, store: Location | None = None) -> Answer:
    """Every figure the reports give, or the figures of NAME (a figure, or a place, actor or event
    a figure counts)."""
    g = open_graph(store)
    resolved, entity = _about(g, name)
    return Answer(_figures.figures(g, entity), resolved)  # type: ignore[arg-type]


def disputes(name: str | None = None, store: Location | None = None) -> Answer:
    """Every fact on which the reports give different versions, or those about NAME."""
    g = open_graph(store)
    resolved, entity = _about(g, name)
    return Answer(_disputes.disputes(g, entity), resolved)  # type: ignore[arg-type]



