"""How `kg viz` pages scale: time to write the page, its size, and how long headless Chromium takes to
lay it out (until physics is switched off after stabilising), for synthetic graphs up to the limit.

    python benchmarks/viz_scale.py [--sizes 300 1000 3000]

Synthetic graph: random umbrellas, groups, events and places with about 1.6 edges per node, the
density of the bundled knowledge base. Needs Debian's chromium and chromium-driver, and selenium.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from browser import chromium  # noqa: E402

from kg.render.viz import build_page, write_page  # noqa: E402

CLASSES = ["ArmedGroup", "Coalition", "State", "Attack", "Strike", "Place", "Person", "Weapon"]


def synthetic(n: int, seed: int = 7) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    for i in range(n):
        cls = rng.choice(CLASSES)
        g.add_node(f"n{i}", label=f"{cls} {i}", cls=cls, **({"date": "2024-01-01", "dates": ["2024-01-01"]}
                                                             if cls in {"Attack", "Strike"} else {}))
    for _ in range(int(n * 1.6)):
        u, v = f"n{rng.randrange(n)}", f"n{rng.randrange(n)}"
        src = {"id": "s", "title": "t", "publisher": "p", "date": "2024", "stance": "reported", "claim": "c"}
        g.add_edge(u, v, key="memberOf", predicate="memberOf", sources=[src], stances=["reported"])
    return g


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 1000, 3000])
    args = parser.parse_args()
    print("| nodes | edges | write page (s) | page size (MB) | open + stabilise in Chromium (s) |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as tmp, chromium() as driver:
        for n in args.sizes:
            g = synthetic(n)
            page = Path(tmp) / f"g{n}.html"
            t0 = time.perf_counter()
            write_page(build_page(g), page)
            written = time.perf_counter() - t0
            t1 = time.perf_counter()
            driver.get(page.as_uri())
            # The page switches physics off once the layout has stabilised: that is when it is usable.
            while not driver.execute_script(
                    "return !!window.kgGraph && kgGraph.network.physics.options.enabled === false"):
                time.sleep(0.05)
            opened = time.perf_counter() - t1
            print(f"| {n} | {g.number_of_edges()} | {written:.2f} | {page.stat().st_size / 1e6:.1f} | {opened:.1f} |")


if __name__ == "__main__":
    main()
