"""kg at 10k to 1M quads: build and each command, beside raw pyoxigraph and rdflib loading the same quads.

For each size it writes a synthetic knowledge base (benchmarks/synth.py: YAML plus an ACLED table),
runs `kg import acled` and `kg build`, dumps the built store to N-Quads, then times in new processes:
pyoxigraph bulk-loading that file into a fresh store (the floor a build cannot beat), rdflib parsing it
into its default in-memory store, and the commands cold (a new process each, store already built).
Wall time, and each process's own CPU time and peak memory (wait4's rusage): CPU time is the fairer
figure when other work shares the cores. Every command's answer is checked, so a run that
answers wrongly fails rather than reporting a fast wrong answer.

    python benchmarks/scale.py --sizes 10k 100k 1m [--rdflib-up-to 1m] [--timeout 900] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import generate  # noqa: E402

KG = [sys.executable, "-m", "kg"]
RAW_LOAD = ("import pyoxigraph as ox, sys; s = ox.Store(sys.argv[1]); "
            "s.bulk_load(path=sys.argv[2], format=ox.RdfFormat.N_QUADS); s.flush(); print(len(s))")
RDFLIB_LOAD = "import rdflib, sys; d = rdflib.Dataset(); d.parse(sys.argv[1], format='nquads'); print(len(d))"
DUMP = ("import json, pyoxigraph as ox, sys, pathlib; root = pathlib.Path(sys.argv[1]); "
        "gen = json.loads((root / 'CURRENT').read_text())['generation']; "
        "store = ox.Store.read_only(str(root / gen)); "
        # the named graphs a build loads, not the union a store materialises in its default graph
        "ox.serialize((q for q in store if not isinstance(q.graph_name, ox.DefaultGraph)), sys.argv[2], "
        "format=ox.RdfFormat.N_QUADS)")
COLUMNS = ["import", "build", "raw load", "rdflib load", "who-backs", "events --actor", "stats", "escalation",
           "viz --focus"]


@dataclass
class Run:
    seconds: float | None  # wall time; None: timed out
    peak_mb: float
    stdout: str
    cpu: float = 0.0  # user + system seconds: what the work costs when other processes share the cores


def timed(cmd: list[str], timeout: float, env: dict[str, str] | None = None) -> Run:
    """Run cmd in a new process; its wall time, and its own CPU time and peak memory from wait4."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env, text=True)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > timeout:
                proc.kill()
                os.wait4(proc.pid, 0)
                return Run(None, 0.0, "", 0.0)
            time.sleep(0.005)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err.read()[-2000:]}")
        return Run(wall, usage.ru_maxrss / 1024, out.read(), usage.ru_utime + usage.ru_stime)


def parse_size(text: str) -> int:
    text = text.lower()
    return int(float(text[:-1]) * {"k": 1e3, "m": 1e6}[text[-1]]) if text[-1] in "km" else int(text)


def check(name: str, ok: bool) -> None:
    if not ok:
        raise SystemExit(f"{name}: wrong answer")


def measure(size: int, work: Path, timeout: float, with_rdflib: bool) -> tuple[int, dict[str, Run]]:
    synth = generate(work, size)
    store, nq = work / "store", work / "all.nq"
    env = dict(os.environ, KG_STORE=str(store), KG_DATA=str(synth.data))
    runs: dict[str, Run] = {}
    runs["import"] = timed([*KG, "import", "acled", str(synth.table), "--data", str(synth.data)], timeout, env)
    runs["build"] = timed([*KG, "build", "--data", str(synth.data), "--store", str(store)], timeout, env)
    quads = json.loads((store / "CURRENT").read_text())["counts"]["quads"]
    subprocess.run([sys.executable, "-c", DUMP, str(store), str(nq)], check=True)
    runs["raw load"] = timed([sys.executable, "-c", RAW_LOAD, str(work / "raw"), str(nq)], timeout)
    check("raw load", runs["raw load"].stdout.strip() == str(quads))
    if with_rdflib:
        runs["rdflib load"] = timed([sys.executable, "-c", RDFLIB_LOAD, str(nq)], timeout)
    group = synth.group
    who = timed([*KG, "who-backs", group, "--format", "json"], timeout, env)
    check("who-backs", who.seconds is None or any(r["backer"]["id"] == "synth-state" for r in json.loads(who.stdout)))
    runs["who-backs"] = who
    events = timed([*KG, "events", "--actor", group, "--format", "json"], timeout, env)
    check("events", events.seconds is None or len(json.loads(events.stdout)) >= 1)
    runs["events --actor"] = events
    stats = timed([*KG, "stats", "--format", "json"], timeout, env)
    check("stats", stats.seconds is None or bool(json.loads(stats.stdout)[0]["central_actors"]))
    runs["stats"] = stats
    escalation = timed([*KG, "escalation", "--format", "json"], timeout, env)
    check("escalation", escalation.seconds is None or bool(json.loads(escalation.stdout)[0]["pairs"]))
    runs["escalation"] = escalation
    page = work / "focus.html"
    runs["viz --focus"] = timed([*KG, "viz", "--focus", group, "--depth", "2", "-o", str(page)], timeout, env)
    check("viz", runs["viz --focus"].seconds is None or page.stat().st_size > 10_000)
    return quads, runs


def cell(run: Run | None, timeout: float) -> str:
    if run is None:
        return "—"
    if run.seconds is None:
        return f"> {timeout:.0f} s"
    return f"{run.seconds:.2f} s ({run.cpu:.2f}), {run.peak_mb:.0f} MB"


def table(results: list[tuple[int, dict[str, Run]]], timeout: float) -> str:
    out = ["| quads | " + " | ".join(COLUMNS) + " |", "| ---: |" + " ---: |" * len(COLUMNS)]
    for quads, runs in results:
        out.append(f"| {quads:,} | " + " | ".join(cell(runs.get(c), timeout) for c in COLUMNS) + " |")
    ratio = [f"| build ÷ raw load | " + " | ".join(
        f"{r['build'].seconds / r['raw load'].seconds:.2f}×" if r["build"].seconds and r["raw load"].seconds
        else "—" for _, r in results) + " |"]
    growth = []
    for (q1, r1), (q2, r2) in zip(results, results[1:]):
        exps = []
        for c in COLUMNS:
            a, b = r1.get(c), r2.get(c)
            if a and b and a.seconds and b.seconds:
                exps.append(f"{math.log(b.seconds / a.seconds) / math.log(q2 / q1):.2f}")
            else:
                exps.append("—")
        growth.append(f"| {q1:,} → {q2:,} | " + " | ".join(exps) + " |")
    sizes = " | ".join(f"{q:,}" for q, _ in results)
    return "\n".join(out + ["", f"| | {sizes} |", "| --- |" + " ---: |" * len(results)] + ratio
                     + ["", "Growth exponent of wall time (1.0 = linear in quads):", "",
                        "| sizes | " + " | ".join(COLUMNS) + " |", "| --- |" + " ---: |" * len(COLUMNS)] + growth)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=["10k", "100k", "1m"])
    parser.add_argument("--rdflib-up-to", default="1m", help="skip rdflib's in-memory load above this size")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds before a step counts as too slow")
    parser.add_argument("--work", type=Path, help="keep the generated files here (default: a temporary folder)")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory(prefix="kg-scale-") as tmp:
        base = args.work or Path(tmp)
        for size in args.sizes:
            n = parse_size(size)
            quads, runs = measure(n, base / size, args.timeout, n <= parse_size(args.rdflib_up_to))
            results.append((quads, runs))
            print(f"{size}: " + ", ".join(f"{k} {cell(v, args.timeout)}" for k, v in runs.items()),
                  file=sys.stderr, flush=True)
    print(table(results, args.timeout))
    if args.json:
        args.json.write_text(json.dumps([{"quads": q, **{k: [v.seconds, v.cpu, v.peak_mb] for k, v in r.items()}}
                                         for q, r in results], indent=2))


if __name__ == "__main__":
    main()
