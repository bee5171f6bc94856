"""GraphML and GEXF (for Gephi, yEd, Cytoscape): the networkx projection with flat attributes.

- Events carry `start` and `end` (the first and last day their date can mean, ISO dates) and so do
  the edges from them: GEXF is written in dynamic mode, so Gephi's timeline plays the conflict.
  `date_precision` says whether the report gave a day, a month or a year.
- Edges carry `label` (the relation), `weight` (how many independent sources report it: distinct
  reports, not claims), `claims`, `stances` and `sources` ("source-id:stance; ...").
- GEXF nodes carry `viz` colour by class (the graph page's colours) and size by degree; edges
  alleged or denied only are drawn dashed.
"""

from __future__ import annotations

from typing import BinaryIO

import networkx as nx

from kg.ask.answers import date_bounds
from kg.render.style import OTHER, STYLE, rgb

PRECISION = {10: "day", 7: "month", 4: "year"}


def _when(date: str | None) -> dict[str, str]:
    if not date:
        return {}
    start, end = date_bounds(date)
    if len(end) == 10 and end.endswith("-31") and len(date) == 7:  # date_bounds says -31 for every month
        import calendar

        year, month = int(date[:4]), int(date[5:7])
        end = f"{date}-{calendar.monthrange(year, month)[1]:02d}"
    return {"start": start, "end": end}


def flat(net: nx.MultiDiGraph, viz: bool = False) -> nx.MultiDiGraph:
    out = nx.MultiDiGraph()
    degree = dict(net.degree())
    for n, d in net.nodes(data=True):
        attrs = {"label": d.get("label", n), "cls": d.get("cls", ""), "date": d.get("date", ""),
                 "dates": "; ".join(d.get("dates", []))}
        if d.get("date"):
            attrs.update(_when(d["date"]), date_precision=PRECISION.get(len(d["date"]), ""))
        if viz:
            r, g, b = rgb(STYLE.get(d.get("cls", ""), OTHER)[0])
            attrs["viz"] = {"color": {"r": r, "g": g, "b": b, "a": 1.0}, "size": 5.0 + 2.0 * degree.get(n, 0)}
        out.add_node(n, **attrs)
    for u, v, key, d in net.edges(keys=True, data=True):
        sources = d.get("sources", [])
        attrs = {"label": d["predicate"], "predicate": d["predicate"], "weight": float(len({s["id"] for s in sources}) or 1),
                 "claims": len(sources), "stances": "; ".join(d.get("stances", [])),
                 "sources": "; ".join(f"{s['id']}:{s['stance']}" for s in sources)}
        attrs.update(_when(net.nodes[u].get("date")) or _when(net.nodes[v].get("date")))
        if viz and d.get("stances") and set(d["stances"]) <= {"alleged", "denied"}:
            attrs["viz"] = {"shape": "dashed"}
        out.add_edge(u, v, key=key, **attrs)
    return out


def write_network(net: nx.MultiDiGraph, fmt: str, out: BinaryIO) -> None:
    if fmt == "graphml":
        nx.write_graphml(flat(net), out, encoding="utf-8")
    else:
        nx.write_gexf(flat(net, viz=True), out, encoding="utf-8")
