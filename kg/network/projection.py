"""Project the store into one networkx MultiDiGraph: entities as nodes, sourced relations as edges.

Nodes: every entity, with `label`, `cls` and, for events, `date` (earliest reported) and `dates`.
Edges: one per (subject, predicate, object) fact, keyed by predicate, with `predicate`, `sources` (one
per claim, with stance) and `stances`. This is the only place RDF becomes networkx.
"""

from __future__ import annotations

import networkx as nx

from kg.ask.answers import (
    Graph,
    add_source,
    date_bounds,
    representative_date,
    source_of,
)
from kg.ask.resolve import EVENT_CLASSES, ID_PREFIX


def _id(iri: object) -> str:
    text = getattr(iri, "value", None) or str(iri)
    return text[len(ID_PREFIX):] if text.startswith(ID_PREFIX) else text


def _in_order(rows: list[dict]) -> list[dict]:
    """Link rows in (subject, predicate, object, claim) order: the network, and every picture and ranking
    made from it, is then the same whatever order the store gave the rows in (Oxigraph on disk, a server)."""
    return sorted(rows, key=lambda r: (r["subject"].value, r["predicate"].value, r["object"].value,
                                       r["claim"].value))


def _add_link(net: nx.MultiDiGraph, r: dict, g: Graph) -> None:
    s, o = _id(r["subject"]), _id(r["object"])
    if s not in net or o not in net:
        return  # a link to something that is not an entity (a skos:broader to a concept, say)
    predicate = r["predicate"].value.rsplit("#", 1)[-1]
    if not net.has_edge(s, o, key=predicate):
        net.add_edge(s, o, key=predicate, predicate=predicate, sources=[])
    add_source(net.edges[s, o, predicate]["sources"], source_of(r, g))


def _finish(net: nx.MultiDiGraph, dates: dict[str, set[str]]) -> nx.MultiDiGraph:
    for node, found in dates.items():
        if node in net:
            net.nodes[node]["dates"] = sorted(found, key=lambda d: date_bounds(d)[0])
            net.nodes[node]["date"] = representative_date(net.nodes[node]["dates"])
    for _, _, data in net.edges(data=True):
        data["stances"] = sorted({s["stance"] for s in data["sources"]})
    return net


def project_around(g: Graph, focus: str, depth: int) -> nx.MultiDiGraph:
    """The entities within `depth` links of focus (either direction) and every link among them.

    Asks the store hop by hop for the links of the newest ring only, so its cost follows the size of the
    neighbourhood, not of the store; the result is what `project(g)` would give cut to that ego graph.
    """
    net = nx.MultiDiGraph()
    net.add_node(focus)
    ring, rows = {focus}, []
    for _ in range(depth):
        found = g.rows("links_around", entity={ID_PREFIX + e for e in ring})
        rows += found
        ring = {_id(r[k]) for r in found for k in ("subject", "object")} - set(net)
        net.add_nodes_from(sorted(ring))
        if not ring:
            break
    if ring and depth:  # the outer ring's links among what is drawn (a hub there may have thousands more)
        inner = {ID_PREFIX + e for e in net}
        outer = {ID_PREFIX + e for e in ring}
        rows += g.rows("links_between", subject=outer, object=inner)
        rows += g.rows("links_between", subject=inner - outer, object=outer)
    for node in list(net):
        e = g.names.get(node)
        net.nodes[node].update(label=e.label if e else node, cls=e.cls if e else "")
    for r in _in_order(rows):  # a link met from both of its ends is added once (add_source keeps one per claim)
        _add_link(net, r, g)
    events = {n for n, d in net.nodes(data=True) if d["cls"] in EVENT_CLASSES}
    dates: dict[str, set[str]] = {}
    for r in g.rows("event_dates", event={ID_PREFIX + e for e in events}) if events else []:
        dates.setdefault(_id(r["event"]), set()).add(r["date"].value)
    return _finish(net, dates)


def project(g: Graph) -> nx.MultiDiGraph:
    net = nx.MultiDiGraph()
    for e in sorted(g.names.entities.values(), key=lambda e: e.id):
        net.add_node(e.id, label=e.label, cls=e.cls)
    dates: dict[str, set[str]] = {}
    for r in g.rows("event_dates"):
        dates.setdefault(_id(r["event"]), set()).add(r["date"].value)
    for r in _in_order(g.rows("entity_links")):
        _add_link(net, r, g)
    return _finish(net, dates)
