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
from kg.kb.names import normalize
from kg.network.analysis import ACTOR_CLASSES, ACTOR_RELATIONS, EVENT_CLASSES
from kg.render.style import OTHER, STYLE

EDGE_LABELS = 80
"""More arrows than this on the opening view and their labels would pile up: they are left off."""
MAX_NODES = 3000
"""Above this the page is too slow to use: ask for --focus instead."""

OPTIONS = {
    # The layout is computed here (networkx), so the page opens at once and the same on every load.
    "physics": {"enabled": False},
    "layout": {"randomSeed": 1, "improvedLayout": False},
    "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
              "font": {"size": 11, "align": "middle", "strokeWidth": 4},
              "smooth": {"enabled": False}, "color": {"inherit": False}},
    "nodes": {"font": {"size": 16, "strokeWidth": 3, "strokeColor": "#ffffff"},
              "scaling": {"label": {"enabled": False}}},
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
        keep = _in_window(net, keep, since, until)
    return net.subgraph(keep).copy()


def _in_window(net: nx.MultiDiGraph, keep: set[str], since: str | None, until: str | None) -> set[str]:
    """The events dated within the window, what took part in them (actors, places, weapons), and the
    umbrellas and backers of those actors: the conflict as it stood then, not the whole cast."""
    def dated_in(n: str) -> bool:
        dates = net.nodes[n].get("dates") or ([net.nodes[n]["date"]] if net.nodes[n].get("date") else [])
        return any((not since or date_bounds(d)[1] >= since) and (not until or date_bounds(d)[0] <= until)
                   for d in dates)

    events = {n for n in keep if net.nodes[n].get("cls") in EVENT_CLASSES and dated_in(n)}
    around = {v for e in events for v in net.successors(e)} | {u for e in events for u in net.predecessors(e)}
    around = {n for n in around if net.nodes[n].get("cls") not in EVENT_CLASSES}
    actors = {n for n in around if net.nodes[n].get("cls") in ACTOR_CLASSES}
    backing = {v for a in actors for _, v, d in net.out_edges(a, data=True) if d["predicate"] in ACTOR_RELATIONS}
    return keep & (events | around | backing)


def _stance_style(stances: list[str]) -> dict[str, Any]:
    if stances and set(stances) <= {"alleged", "denied"}:
        return {"dashes": True, "color": "#b0b0b0" if "denied" in stances else "#888888"}
    return {"dashes": False, "color": "#555555"}


def layout(net: nx.MultiDiGraph, focus: str | None = None) -> dict[str, tuple[float, float]]:
    """Deterministic positions in page pixels: the same graph always draws the same; a focus at the centre.

    Without a focus the actor network (what the page opens on) is laid out first and kept where it is
    while events, places and weapons are placed around it; groups not linked to the rest are set on a
    ring just outside, not flung to the corners."""
    if net.number_of_nodes() == 0:
        return {}
    simple = nx.Graph(net.to_undirected(as_view=True))
    k = 1.2 / math.sqrt(simple.number_of_nodes())
    # networkx's layout costs O(n²) per iteration above 500 nodes: fewer, still seeded, on big pages
    rounds = 200 if simple.number_of_nodes() <= 300 else max(30, 60000 // simple.number_of_nodes())
    tied = _tied_actors(net) if focus is None else set()
    if focus in simple:
        pos = nx.spring_layout(simple, seed=7, pos={focus: (0.0, 0.0)}, fixed=[focus], k=k, iterations=rounds)
    elif tied:
        ties = nx.Graph(simple.subgraph(tied))
        for e, d in net.nodes(data=True):
            if d.get("cls") in EVENT_CLASSES:
                cast = sorted(n for n in simple[e] if n in tied)
                ties.add_edges_from((a, b) for i, a in enumerate(cast) for b in cast[i + 1:])
        pos = nx.spring_layout(ties, seed=7, k=1.6 / math.sqrt(len(ties)), iterations=rounds)
        if len(pos) < simple.number_of_nodes():
            pos = nx.spring_layout(simple, seed=7, pos=pos, fixed=list(pos), k=k, iterations=max(rounds // 2, 30))
    else:
        pos = nx.spring_layout(simple, seed=7, k=k, iterations=rounds)
    pos = _gather(simple, {n: (float(x), float(y)) for n, (x, y) in pos.items()}, focus)
    shown = len(tied) or simple.number_of_nodes()
    scale = 160 * math.sqrt(shown) / max(max((math.hypot(*pos[n]) for n in (tied or pos)), default=1.0), 1e-9)
    return {n: (round(x * scale, 1), round(y * scale, 1)) for n, (x, y) in pos.items()}


def _gather(g: nx.Graph, pos: dict[str, tuple[float, float]], focus: str | None) -> dict[str, tuple[float, float]]:
    """Move every group of nodes not linked to the main one onto a ring just outside it."""
    parts = sorted(nx.connected_components(g), key=lambda c: (-len(c), sorted(c)))
    main = next((c for c in parts if focus in c), parts[0])
    cx, cy = pos[focus] if focus in main else (sum(pos[n][0] for n in main) / len(main),
                                               sum(pos[n][1] for n in main) / len(main))
    radius = max((math.hypot(pos[n][0] - cx, pos[n][1] - cy) for n in main), default=0.0) * 1.15 or 1.0
    others = [c for c in parts if c is not main]
    out = {n: (pos[n][0] - cx, pos[n][1] - cy) for n in main}
    for i, part in enumerate(others):
        angle = 2 * math.pi * i / max(len(others), 1)
        px = sum(pos[n][0] for n in part) / len(part)
        py = sum(pos[n][1] for n in part) / len(part)
        for n in part:  # keep the group's own shape, small, at its place on the ring
            out[n] = (radius * math.cos(angle) + (pos[n][0] - px) * 0.3, radius * math.sin(angle) + (pos[n][1] - py) * 0.3)
    return out


def _tied_actors(net: nx.MultiDiGraph) -> set[str]:
    """The opening view: the largest group of actors tied to each other, directly or by taking part in
    the same event (the conflict network of `kg stats`). The rest shows with the events switch."""
    ties = nx.Graph()
    for u, v in net.to_undirected(as_view=True).edges():
        if net.nodes[u].get("cls") in ACTOR_CLASSES and net.nodes[v].get("cls") in ACTOR_CLASSES and u != v:
            ties.add_edge(u, v)
    for e, d in net.nodes(data=True):
        if d.get("cls") in EVENT_CLASSES:
            cast = sorted({n for n in nx.all_neighbors(net, e) if net.nodes[n].get("cls") in ACTOR_CLASSES})
            ties.add_edges_from((a, b) for i, a in enumerate(cast) for b in cast[i + 1:])
    if ties.number_of_edges() == 0:
        return set()
    return set(max(nx.connected_components(ties), key=lambda c: (len(c), sorted(c))))


def name_index(net: nx.MultiDiGraph, names: dict[str, list[str]]) -> dict[str, list[str]]:
    """Normalised name -> ids, for the page's search: the CLI's name folding, carried in the page."""
    index: dict[str, list[str]] = {}
    for n, d in net.nodes(data=True):
        for name in sorted({n.replace("-", " "), d.get("label", n), *names.get(n, [])}):  # same page every run
            key = normalize(name)
            if key and n not in index.setdefault(key, []):
                index[key].append(n)
    return index


def build_page(net: nx.MultiDiGraph, title: str = "kg graph", focus: str | None = None,
               names: dict[str, list[str]] | None = None) -> str:
    """The HTML page for net (a projection as made by kg.network.projection.project).

    Without a focus the page opens on the actor network; events, places and weapons are in the page
    and appear with the "events" switch. With a focus everything selected shows, the focus centred."""
    if net.number_of_nodes() > MAX_NODES:
        raise UsageError(f"{net.number_of_nodes()} nodes is more than one page can show usefully "
                         f"({MAX_NODES}): narrow it with --focus NAME --depth N, --classes or dates")
    degree = dict(net.to_undirected(as_view=True).degree())
    top = max(degree.values(), default=1) or 1
    positions = layout(net, focus)
    tied = _tied_actors(net)
    vis = Network(directed=True, cdn_resources="in_line")
    details: dict[str, Any] = {"nodes": {}, "edges": {}}
    for n, d in net.nodes(data=True):
        colour, shape = STYLE.get(d.get("cls", ""), OTHER)
        x, y = positions[n]
        extra: dict[str, Any] = {}
        if n == focus:
            extra = {"borderWidth": 5, "color": {"background": colour, "border": "#000000"},
                     "font": {"size": 22, "bold": True}}
        vis.add_node(n, label=d.get("label", n), color=extra.pop("color", colour), shape=shape, x=x, y=y,
                     size=round(10 + 25 * math.sqrt(degree.get(n, 0) / top), 1) + (8 if n == focus else 0),
                     hidden=bool(focus is None and tied and n not in tied), **extra)
        details["nodes"][n] = {"label": d.get("label", n), "class": d.get("cls", ""), "dates": d.get("dates", [])}
    for i, (u, v, key, d) in enumerate(net.edges(keys=True, data=True)):
        edge_id = f"e{i}"
        vis.add_edge(u, v, id=edge_id, label=d["predicate"], **_stance_style(d.get("stances", [])))
        details["edges"][edge_id] = {"from": u, "to": v, "predicate": d["predicate"], "sources": d.get("sources", [])}
    vis.set_options(json.dumps(OPTIONS))
    nodes, edges, *_ = vis.get_network_data()
    legend = [{"cls": c, "colour": col, "shape": shp, "count": sum(1 for _, d in net.nodes(data=True) if d.get("cls") == c)}
              for c, (col, shp) in STYLE.items()]
    options = json.loads(json.dumps(OPTIONS))
    shown = [n for n in net if not tied or focus is not None or n in tied]
    if net.subgraph(shown).number_of_edges() > EDGE_LABELS:  # too many to read: the panel names each arrow
        options["edges"]["font"]["size"] = 0
    data = {"nodes": nodes, "edges": edges, "details": details, "options": options, "focus": focus,
            "index": name_index(net, names or {}), "actors": sorted(ACTOR_CLASSES)}
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
