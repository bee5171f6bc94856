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
from kg.ask.resolve import ID_PREFIX


def _id(iri: object) -> str:
    text = getattr(iri, "value", None) or str(iri)
    return text[len(ID_PREFIX):] if text.startswith(ID_PREFIX) else text


def project(g: Graph) -> nx.MultiDiGraph:
    net = nx.MultiDiGraph()
    for e in g.names.entities.values():
        net.add_node(e.id, label=e.label, cls=e.cls)
    for r in g.rows("event_facts"):
        if r["predicate"].value.endswith("#date"):
            node = net.nodes[_id(r["event"])]
            node.setdefault("dates", set()).add(r["object"].value)
    for _, data in net.nodes(data=True):
        if "dates" in data:
            data["dates"] = sorted(data["dates"], key=lambda d: date_bounds(d)[0])
            data["date"] = representative_date(data["dates"])
    for r in g.rows("entity_links"):
        s, o = _id(r["subject"]), _id(r["object"])
        if s not in net or o not in net:
            continue  # a link to something that is not an entity (a skos:broader to a concept, say)
        predicate = r["predicate"].value.rsplit("#", 1)[-1]
        if not net.has_edge(s, o, key=predicate):
            net.add_edge(s, o, key=predicate, predicate=predicate, sources=[])
        add_source(net.edges[s, o, predicate]["sources"], source_of(r, g))
    for _, _, data in net.edges(data=True):
        data["stances"] = sorted({s["stance"] for s in data["sources"]})
    return net
