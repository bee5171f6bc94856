"""The focused projection (what `kg viz --focus` draws) is the whole projection cut to the ego graph,
asked of the store hop by hop instead of read whole."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from kg import services
from kg.network.projection import project, project_around


def _edges(net: nx.MultiDiGraph) -> list[tuple]:
    return sorted((u, v, k, tuple(sorted(s["claim"] for s in d["sources"])), tuple(d["stances"]))
                  for u, v, k, d in net.edges(keys=True, data=True))


def _nodes(net: nx.MultiDiGraph) -> dict[str, tuple]:
    return {n: (d.get("label"), d.get("cls"), d.get("dates"), d.get("date")) for n, d in net.nodes(data=True)}


@pytest.mark.parametrize("focus", ["harakat-hezbollah-al-nujaba", "kataib-hezbollah", "al-asad-air-base",
                                   "strike-2024-01-23-kh-facilities"])
@pytest.mark.parametrize("depth", [0, 1, 2, 3])
def test_the_focused_projection_equals_the_whole_one_cut_to_the_ego_graph(
    built_store: Path, focus: str, depth: int,
) -> None:
    g = services.open_graph(built_store)
    whole = project(g)
    ego = whole.subgraph(nx.ego_graph(whole.to_undirected(as_view=True), focus, radius=depth))
    part = project_around(g, focus, depth)
    assert _nodes(part) == _nodes(ego)
    assert _edges(part) == _edges(ego)
    assert part.number_of_nodes() > (1 if depth else 0)
