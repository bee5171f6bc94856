"""kg against SPARQL servers: build and the main commands on the local store, Oxigraph server and Virtuoso.

For each size it writes a synthetic knowledge base once (benchmarks/synth.py, imported with `kg import
acled`), then for each store (a local directory; Oxigraph server loaded with SPARQL INSERT DATA; Oxigraph
server loaded with N-Quads through its Graph Store endpoint, --graph-store-url; Virtuoso) times
`kg build --store X` and then, each in a new process (cold), the main commands against that store. A
fresh server per size and store, its data in a temporary folder, stopped after. Each cell is the wall
time and the peak resident memory of the kg process (wait4's rusage; the server's own memory is a row of
its own). Every store's JSON answers are compared with the local store's; a mismatch is printed, and a
failed step, a timeout or a mismatch makes the exit status 1 (after the tables).

    python benchmarks/remote.py [--sizes 100k 1m] [--stores local oxigraph oxigraph-gsp virtuoso]
                                [--timeout 900] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))
from scale import KG, Run, parse_size, timed  # noqa: E402
from synth import generate  # noqa: E402

from tests.servers import Server, start_oxigraph, start_virtuoso  # noqa: E402

STORES = {"local": "local directory", "oxigraph": "Oxigraph server, INSERT DATA",
          "oxigraph-gsp": "Oxigraph server, N-Quads to /store", "virtuoso": "Virtuoso 7.2, INSERT DATA"}
# Commands whose JSON answer must be the same on every store.
COMPARED = ("who-backs", "events --actor", "show", "stats", "escalation")


@dataclass
class Target:
    """One store to build and ask: where it is, how to build it, and what the server costs."""

    key: str
    store: str
    build_args: list[str]
    env: dict[str, str]
    server: Server | None = None
    notes: dict[str, str] = field(default_factory=dict)


def start(key: str, folder: Path, timeout: float) -> Target:
    folder.mkdir(parents=True, exist_ok=True)
    if key == "local":
        return Target(key, str(folder / "store"), [], {})
    if key in ("oxigraph", "oxigraph-gsp"):
        server = start_oxigraph(folder)
        extra = ["--graph-store-url", server.query_url.rsplit("/", 1)[0] + "/store"] if key == "oxigraph-gsp" else []
        return Target(key, server.query_url, extra, server.env, server)
    if key == "virtuoso":
        server = start_virtuoso(folder, max_query_seconds=int(timeout))
        return Target(key, server.query_url, ["--update-url", server.update_url], server.env, server)
    raise SystemExit(f"unknown store {key!r}; choose from {', '.join(STORES)}")


def server_memory(server: Server | None) -> str:
    """The server's peak resident memory so far (VmHWM), or '' for the local store."""
    if server is None:
        return ""
    try:
        for line in Path(f"/proc/{server.process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return f"{int(line.split()[1]) / 1024:.0f} MB"
    except OSError:
        pass
    return "?"


def disk_mb(folder: Path) -> str:
    total = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    return f"{total / 1e6:.0f} MB"


def step(runs: dict[str, Run | str], name: str, cmd: list[str], timeout: float, env: dict[str, str],
         check: Callable[[Run], None] | None = None) -> Run | None:
    """Time one command; a failure or timeout is recorded in its cell instead of stopping the run."""
    try:
        run = timed(cmd, timeout, env)
    except SystemExit as ex:  # timed() exits on a non-zero status, with the command's stderr
        message = str(ex).strip().splitlines()[-1][:200]
        print(f"  {name}: FAILED: {message}", file=sys.stderr, flush=True)
        runs[name] = "failed"
        return None
    runs[name] = run
    if run.seconds is None:
        print(f"  {name}: timed out after {timeout:.0f} s", file=sys.stderr, flush=True)
        return None
    print(f"  {name}: {run.seconds:.2f} s, {run.peak_mb:.0f} MB", file=sys.stderr, flush=True)
    if check:
        check(run)
    return run


def measure(target: Target, data: Path, group: str, work: Path, timeout: float) -> tuple[dict, dict[str, str]]:
    """Build the store and run each command cold against it: the runs, and the JSON answers by command."""
    env = dict(os.environ, **target.env, KG_STORE=target.store,
               # kg's own query time limit (30 s by default) raised to the step's, so the step's governs
               KG_QUERY_TIMEOUT=str(timeout),
               # a cache of its own: the first command after the build makes the server's name index
               XDG_CACHE_HOME=str(work / "cache"))
    env.pop("KG_DATA", None)
    runs: dict[str, Run | str] = {}
    answers: dict[str, str] = {}
    build = step(runs, "build", [*KG, "build", "--data", str(data), "--store", target.store, *target.build_args],
                 timeout, env)
    if build is None:
        return runs, answers

    def keep(name: str) -> Callable[[Run], None]:
        def record(run: Run) -> None:
            answers[name] = run.stdout
            (work / f"{name.split()[0]}.json").write_text(run.stdout, encoding="utf-8")  # kept with --work
        return record

    step(runs, "who-backs (first: makes the name index)", [*KG, "who-backs", group, "--format", "json"],
         timeout, env, keep("who-backs"))
    step(runs, "who-backs", [*KG, "who-backs", group, "--format", "json"], timeout, env)
    step(runs, "events --actor", [*KG, "events", "--actor", group, "--format", "json"], timeout, env,
         keep("events --actor"))
    step(runs, "show", [*KG, "show", group, "--format", "json"], timeout, env, keep("show"))
    step(runs, "stats", [*KG, "stats", "--format", "json"], timeout, env, keep("stats"))
    step(runs, "escalation", [*KG, "escalation", "--format", "json"], timeout, env, keep("escalation"))
    page = work / "focus.html"
    step(runs, "viz --focus", [*KG, "viz", "--focus", group, "-o", str(page)], timeout, env)
    nq = work / "export.nq"
    if step(runs, "export --format nq", [*KG, "export", "--format", "nq", "-o", str(nq)], timeout, env):
        with nq.open("rb") as handle:
            target.notes["export (quads written)"] = f"{sum(1 for _ in handle):,}"
        nq.unlink()
    return runs, answers


def compare(size: str, answers: dict[str, dict[str, str]], notes: dict[str, dict[str, str]]) -> bool:
    """Each store's JSON answers beside the local store's (or the first store's): a row of the table, and
    what differs on stderr. False when any differs."""
    base_key = "local" if "local" in answers else next(iter(answers), None)
    if base_key is None:
        return True
    same = True
    base = answers[base_key]
    for key, got in answers.items():
        differ = [c for c in COMPARED if c in got and c in base and json.loads(got[c]) != json.loads(base[c])]
        missing = [c for c in COMPARED if c not in got or c not in base]
        if key == base_key:
            notes[key][f"answers = {base_key}"] = "(reference)"
            continue
        if "who-backs" in differ:
            print(f"MISMATCH ({size}): who-backs on {key} differs from {base_key}:\n  {key}: "
                  f"{got['who-backs'][:400]}\n  {base_key}: {base['who-backs'][:400]}", file=sys.stderr)
        same = same and not differ
        for c in differ:
            if c != "who-backs":
                print(f"MISMATCH ({size}): {c} on {key} differs from {base_key}", file=sys.stderr)
        notes[key][f"answers = {base_key}"] = ("all same" if not differ and not missing else
                                              "; ".join([f"DIFFER: {', '.join(differ)}"] * bool(differ)
                                                        + [f"not compared: {', '.join(missing)}"] * bool(missing)))
    return same


def cell(value: Run | str | None, timeout: float) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    if value.seconds is None:
        return f"> {timeout:.0f} s (timeout)"
    return f"{value.seconds:.2f} s, {value.peak_mb:.0f} MB"


def table(size: str, quads: int, results: dict[str, dict], notes: dict[str, dict[str, str]], timeout: float) -> str:
    keys = list(results)
    rows: list[str] = []
    for runs in results.values():
        rows += [r for r in runs if r not in rows]
    extra: list[str] = []
    for n in notes.values():
        extra += [r for r in n if r not in extra]
    out = [f"{size} ({quads:,} quads)", "", "| step | " + " | ".join(STORES[k] for k in keys) + " |",
           "| --- |" + " ---: |" * len(keys)]
    for r in rows:
        out.append(f"| {r} | " + " | ".join(cell(results[k].get(r), timeout) for k in keys) + " |")
    for r in extra:
        out.append(f"| {r} | " + " | ".join(notes[k].get(r, "") for k in keys) + " |")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=["100k", "1m"])
    parser.add_argument("--stores", nargs="+", default=list(STORES), choices=list(STORES))
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds before a step counts as too slow")
    parser.add_argument("--work", type=Path, help="keep the generated files here (default: a temporary folder)")
    parser.add_argument("--json", type=Path, help="also write the raw figures here (after each size)")
    args = parser.parse_args()
    raw: list[dict] = []
    tables: list[str] = []
    ok = True
    with tempfile.TemporaryDirectory(prefix="kg-remote-") as tmp:
        base = args.work or Path(tmp)
        for size in args.sizes:
            work = base / size
            synth = generate(work / "kb", parse_size(size))
            imported = timed([*KG, "import", "acled", str(synth.table), "--data", str(synth.data)], args.timeout)
            if imported.seconds is None:
                raise SystemExit(f"{size}: kg import acled timed out")
            results: dict[str, dict] = {}
            answers: dict[str, dict[str, str]] = {}
            notes: dict[str, dict[str, str]] = {}
            quads = 0
            for key in args.stores:
                print(f"{size} / {key}", file=sys.stderr, flush=True)
                folder = work / key
                target = start(key, folder, args.timeout)
                try:
                    results[key], answers[key] = measure(target, synth.data, synth.group, folder, args.timeout)
                    notes[key] = target.notes
                    if target.server:
                        notes[key]["server peak memory"] = server_memory(target.server)
                finally:
                    if target.server:
                        target.server.stop()
                shutil.rmtree(folder / "cache", ignore_errors=True)
                notes[key]["data on disk"] = disk_mb(folder / ("store" if key == "local" else
                                                                "db" if key.startswith("oxigraph") else "."))
                if key == "local" and (folder / "store" / "CURRENT").is_file():
                    quads = json.loads((folder / "store" / "CURRENT").read_text())["counts"]["quads"]
            ok = compare(size, answers, notes) and ok
            ok = ok and all(isinstance(v, Run) and v.seconds is not None for r in results.values() for v in r.values())
            tables.append(table(size, quads, results, notes, args.timeout))
            print(tables[-1] + "\n", file=sys.stderr, flush=True)
            raw.append({"size": size, "quads": quads, "import_seconds": imported.seconds,
                        "stores": {k: {r: ([v.seconds, v.peak_mb] if isinstance(v, Run) else v)
                                       for r, v in runs.items()} | notes[k] for k, runs in results.items()}})
            if args.json:
                args.json.write_text(json.dumps(raw, indent=2))
            if not args.work:
                shutil.rmtree(work, ignore_errors=True)
    print("\n\n".join(tables))
    if not ok:
        raise SystemExit("some step failed, timed out or answered differently from the local store (see above)")


if __name__ == "__main__":
    main()
