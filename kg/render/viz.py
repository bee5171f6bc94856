"""The interactive graph: one self-contained HTML file that works offline and runs no text from the data.

pyvis builds the vis-network node and edge records and options; our own template (kg/render/templates/graph.html)
inlines vis-network from pyvis's package (no CDN, no Bootstrap), and embeds the data as JSON in which
`<`, `>` and `&` are escaped, so no label or title can close the script or open a tag. The page shows
text from the data only through textContent, never innerHTML.
"""

from __future__ import annotations

import json
import math
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pyvis.network import Network

from kg.ask.answers import date_bounds
from kg.errors import UsageError
from kg.files import write_output
from kg.network.analysis import EVENT_CLASSES

MAX_NODES = 3000
"""Above this the page is too slow to use: ask for --focus instead."""

STYLE: dict[str, tuple[str, str]] = {  # class -> (colour, vis-network shape)
    "State": ("#1f77b4", "square"), "StateAgency": ("#6baed6", "square"), "ArmedGroup": ("#d62728", "dot"),
    "Coalition": ("#ff9896", "hexagon"), "Organization": ("#9467bd", "dot"), "Person": ("#2ca02c", "dot"),
    "Attack": ("#ff7f0e", "triangle"), "Strike": ("#8c564b", "triangleDown"),
    "AssassinationAttempt": ("#e377c2", "star"), "Facility": ("#7f7f7f", "diamond"), "Place": ("#bcbd22", "diamond"),
    "Weapon": ("#17becf", "box"),
}
OTHER = ("#c7c7c7", "dot")
OPTIONS = {
    "physics": {"solver": "forceAtlas2Based", "stabilization": {"enabled": True, "iterations": 300, "fit": True},
                "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 110}},
    "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}, "font": {"size": 9, "align": "middle"},
              "smooth": {"enabled": False}, "color": {"inherit": False}},
    "nodes": {"font": {"size": 12}},
    "interaction": {"hover": True, "navigationButtons": False, "keyboard": True, "tooltipDelay": 200},
}


def select(net: nx.MultiDiGraph, focus: str | None = None, depth: int = 2, since: str | None = None,
           until: str | None = None, classes: set[str] | None = None) -> nx.MultiDiGraph:
    """The part of the graph to draw: around a focus, within dates (events only), of some classes."""
    keep = set(net.nodes)
    if focus is not None:
        keep = set(nx.ego_graph(net.to_undirected(as_view=True), focus, radius=depth))
    if classes:
        keep = {n for n in keep if net.nodes[n].get("cls") in classes or n == focus}
    if since or until:
        def in_window(n: str) -> bool:
            date = net.nodes[n].get("date")
            if net.nodes[n].get("cls") not in EVENT_CLASSES or not date:
                return True
            lo, hi = date_bounds(date)
            return (not since or hi >= since) and (not until or lo <= until)
        keep = {n for n in keep if in_window(n)}
    return net.subgraph(keep).copy()


def _stance_style(stances: list[str]) -> dict[str, Any]:
    if stances and set(stances) <= {"alleged", "denied"}:
        return {"dashes": True, "color": "#b0b0b0" if "denied" in stances else "#888888"}
    return {"dashes": False, "color": "#555555"}


def build_page(net: nx.MultiDiGraph, title: str = "kg graph") -> str:
    """The HTML page for net (a projection as made by kg.network.projection.project)."""
    if net.number_of_nodes() > MAX_NODES:
        raise UsageError(f"{net.number_of_nodes()} nodes is more than one page can show usefully "
                         f"({MAX_NODES}): narrow it with --focus NAME --depth N, --classes or dates")
    degree = dict(net.to_undirected(as_view=True).degree())
    top = max(degree.values(), default=1) or 1
    vis = Network(directed=True, cdn_resources="in_line")
    details: dict[str, Any] = {"nodes": {}, "edges": {}}
    for n, d in net.nodes(data=True):
        colour, shape = STYLE.get(d.get("cls", ""), OTHER)
        vis.add_node(n, label=d.get("label", n), color=colour, shape=shape,
                     size=round(10 + 25 * math.sqrt(degree.get(n, 0) / top), 1))
        details["nodes"][n] = {"label": d.get("label", n), "class": d.get("cls", ""), "dates": d.get("dates", [])}
    for i, (u, v, key, d) in enumerate(net.edges(keys=True, data=True)):
        edge_id = f"e{i}"
        vis.add_edge(u, v, id=edge_id, label=d["predicate"], **_stance_style(d.get("stances", [])))
        details["edges"][edge_id] = {"from": u, "to": v, "predicate": d["predicate"], "sources": d.get("sources", [])}
    vis.set_options(json.dumps(OPTIONS))
    nodes, edges, *_ = vis.get_network_data()
    legend = [{"cls": c, "colour": col, "shape": shp, "count": sum(1 for _, d in net.nodes(data=True) if d.get("cls") == c)}
              for c, (col, shp) in STYLE.items()]
    data = {"nodes": nodes, "edges": edges, "details": details, "options": OPTIONS}
    env = Environment(loader=FileSystemLoader(str(resources.files("kg") / "render" / "templates")),
                      autoescape=select_autoescape(["html"]))
    return env.get_template("graph.html").render(
        title=title, vis_js=_vis_asset("vis-network.min.js"), vis_css=_vis_asset("vis-network.css"),
        data_json=script_json(data), legend=[entry for entry in legend if entry["count"]],
        node_count=net.number_of_nodes(), edge_count=net.number_of_edges())


def script_json(value: Any) -> str:
    """JSON safe to place inside <script>: no `</script>`, `<!--` or `]]>` can be formed from the data."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _vis_asset(name: str) -> str:
    """vis-network as shipped inside the pyvis package, inlined so the page needs no network."""
    import pyvis

    path = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2" / name
    return path.read_text(encoding="utf-8")


def write_page(html: str, out: Path) -> None:
    write_output(out, lambda f: f.write(html.encode("utf-8")))
