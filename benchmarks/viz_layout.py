"""How long `kg viz` spends laying out a page, by size (synthetic graphs, 1.8 links per node).

    .venv/bin/python benchmarks/viz_layout.py

The layout is computed once when the page is written (so the page itself opens at once, with physics
off); this measures that one-off cost, which is networkx's spring layout.
"""

from __future__ import annotations

import random
import time

import networkx as nx

from kg.render.viz import layout

CLASSES = ["ArmedGroup", "State", "Attack", "Place", "Person"]


def graph(n: int) -> nx.MultiDiGraph:
    rng = random.Random(1)
    g = nx.MultiDiGraph()
    for i in range(n):
        g.add_node(str(i), label=str(i), cls=CLASSES[i % 5])
    for i in range(int(n * 1.8)):
        u, v = rng.randrange(n), rng.randrange(n)
        p = "memberOf" if i % 2 else "perpetrator"
        g.add_edge(str(u), str(v), key=f"{p}{i}", predicate=p, sources=[], stances=[])
    return g


if __name__ == "__main__":
    for n in (134, 500, 1500, 3000):
        g = graph(n)
        started = time.perf_counter()
        layout(g)
        print(f"{n:5d} nodes: {time.perf_counter() - started:6.1f} s")
