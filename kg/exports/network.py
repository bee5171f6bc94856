"""GraphML and GEXF (for Gephi, yEd, Cytoscape): the networkx projection with flat attributes.

Both formats take only scalar attributes, so lists become text: a fact's claims as
"source-id:stance; ...", an event's dates as "2024-01-23; 2024-01-24".
"""

from __future__ import annotations

from typing import BinaryIO

import networkx as nx


def flat(net: nx.MultiDiGraph) -> nx.MultiDiGraph:
    out = nx.MultiDiGraph()
    for n, d in net.nodes(data=True):
        out.add_node(n, label=d.get("label", n), cls=d.get("cls", ""), date=d.get("date", ""),
                     dates="; ".join(d.get("dates", [])))
    for u, v, key, d in net.edges(keys=True, data=True):
        out.add_edge(u, v, key=key, predicate=d["predicate"], stances="; ".join(d.get("stances", [])),
                     claims=len(d.get("sources", [])),
                     sources="; ".join(f"{s['id']}:{s['stance']}" for s in d.get("sources", [])))
    return out


def write_network(net: nx.MultiDiGraph, fmt: str, out: BinaryIO) -> None:
    if fmt == "graphml":
        nx.write_graphml(flat(net), out, encoding="utf-8")
    else:
        nx.write_gexf(flat(net), out, encoding="utf-8")
