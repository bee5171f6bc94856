"""Escalation by sort-and-window finds exactly the pairs the all-pairs comparison found.

The reference below is the earlier quadratic implementation, kept here to check the fast one against on
random conflicts with umbrellas, partial dates, explicit responses and several windows.
"""

from __future__ import annotations

import random

import networkx as nx
import pytest

from kg.network import analysis
from kg.network.analysis import EVENT_CLASSES, INVOLVEMENT, RESPONSIBLE, _pair, _related, _sources, _umbrellas


def all_pairs(g: nx.MultiDiGraph, window_days: int, actor: str | None) -> list[dict]:
    events = {n for n, d in g.nodes(data=True) if d.get("cls") in EVENT_CLASSES and d.get("date")}
    pairs: dict = {}
    for response, cause, d in g.edges(data=True):
        if d["predicate"] == "respondsTo" and response in events and cause in events:
            pairs[(cause, response)] = _pair(g, cause, response, "explicit", d["sources"])
    attacks = [n for n in events if g.nodes[n]["cls"] == "Attack"]
    for strike in (n for n in events if g.nodes[n]["cls"] == "Strike"):
        targets = _related(g, strike, {"target"})
        for attack in attacks:
            if (attack, strike) in pairs:
                continue
            if not any(_umbrellas(g, t) & _related(g, attack, RESPONSIBLE) for t in targets):
                continue
            pair = _pair(g, attack, strike, "inferred", [])
            if pair["lag_days_max"] >= 0 and pair["lag_days"] <= window_days:
                pair["sources"] = _sources(g, attack, RESPONSIBLE) + _sources(g, strike, {"target"})
                pairs[(attack, strike)] = pair
    found = list(pairs.values())
    if actor is not None:
        def around(e: str) -> set[str]:
            return {u for a in _related(g, e, INVOLVEMENT) for u in _umbrellas(g, a)}
        found = [p for p in found if actor in around(p["cause"]["id"]) | around(p["response"]["id"])]
    return sorted(found, key=lambda p: (p["cause_date"], p["response_date"], p["cause"]["id"], p["response"]["id"]))


def random_conflict(seed: int) -> nx.MultiDiGraph:
    rnd = random.Random(seed)
    g = nx.MultiDiGraph()
    groups = [f"g{i}" for i in range(8)]
    umbrellas = ["u0", "u1"]
    for n in groups:
        g.add_node(n, label=n, cls="ArmedGroup")
    for n in umbrellas:
        g.add_node(n, label=n, cls="Coalition")
    g.add_node("us", label="us", cls="State")
    for n in groups[:5]:
        g.add_edge(n, rnd.choice(umbrellas), key="memberOf", predicate="memberOf", sources=[])
    g.add_edge("u1", "u0", key="partOf", predicate="partOf", sources=[])

    def date() -> str:
        day = f"2024-{rnd.randint(1, 4):02d}-{rnd.randint(1, 28):02d}"
        return rnd.choice([day, day, day, day[:7], day[:4]])

    for i in range(40):
        cls = rnd.choice(["Attack", "Strike", "Attack", "Strike", "Event"])
        e = f"e{i}"
        g.add_node(e, label=e, cls=cls, date=date())
        if cls == "Strike":
            for t in rnd.sample(groups + umbrellas, rnd.randint(1, 2)):
                g.add_edge(e, t, key="target", predicate="target", sources=[{"claim": f"t{i}"}])
            if i > 3 and rnd.random() < 0.2:
                g.add_edge(e, f"e{rnd.randrange(i)}", key="respondsTo", predicate="respondsTo",
                           sources=[{"claim": f"r{i}"}])
        else:
            for p in rnd.sample(sorted(RESPONSIBLE), rnd.randint(1, 2)):
                g.add_edge(e, rnd.choice(groups + umbrellas), key=p, predicate=p, sources=[{"claim": f"{p}{i}"}])
            g.add_edge(e, "us", key="target", predicate="target", sources=[])
    return g


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("window", [0, 10, 30, 400])
def test_sort_and_window_matches_all_pairs(seed: int, window: int) -> None:
    g = random_conflict(seed)
    expected = all_pairs(g, window, None)
    assert analysis.escalation(g, window) == expected
    assert analysis.escalation(g, window, "u0") == all_pairs(g, window, "u0")
    if window == 30:
        assert any(p["kind"] == "inferred" for p in expected)


def test_betweenness_is_exact_on_small_networks_and_sampled_on_large_ones() -> None:
    small = nx.MultiDiGraph()
    for i in range(5):
        small.add_node(f"a{i}", label=f"a{i}", cls="ArmedGroup")
    for i in range(4):
        small.add_edge(f"a{i}", f"a{i + 1}", key="alliedWith", predicate="alliedWith", sources=[])
    ranked = {r["actor"]["id"]: r["betweenness"] for r in analysis.centrality(small, 5)}
    assert ranked["a2"] == round(nx.betweenness_centrality(nx.path_graph(5))[2], 4) == 0.6667
    big = nx.MultiDiGraph()
    n = analysis.EXACT_UP_TO * 2
    for i in range(n):
        big.add_node(i, label=str(i), cls="ArmedGroup")
        big.add_edge(i, 0, key="memberOf", predicate="memberOf", sources=[])  # a star: the hub carries all paths
    top = analysis.centrality(big, 1)[0]
    assert top["actor"]["id"] == 0 and top["betweenness"] > 0.99
