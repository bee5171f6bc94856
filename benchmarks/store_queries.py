"""The query side at scale: kg's commands beside the same bound SPARQL on raw pyoxigraph and on rdflib.

Builds a synthetic store of about --quads quads (the bundled knowledge base plus generated armed groups,
umbrellas they belong to, states backing the umbrellas, and attacks with dates, targets, places and
casualties, each fact a claim with its source and stance, as `kg build` compiles them), then times, each
in a new process (cold: Python start, imports and opening the store included), interleaved:

- `kg who-backs NAME` and `kg events --actor NAME`;
- a raw pyoxigraph script that opens the same store and runs the same queries with the IRI bound;
- rdflib's default in-memory store, loaded from the same quads once, running the same queries
  (load time reported separately; the query time is in-process, the most favourable case for it).

    python benchmarks/store_queries.py [--quads 1000000] [--runs 5] [--rdflib]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from kg import config
from kg.kb.compile import compile_quads, entity_iri
from kg.kb.model import Claim, Entity, Fact, KnowledgeBase, Source, Value
from kg.services.build import load
from kg.store import queries, write_store

XSD = "http://www.w3.org/2001/XMLSchema#"
PER_GROUP = 89  # quads a generated group brings (entity, 2 relations, 5 attacks with their claims)


def synthetic(quads: int) -> KnowledgeBase:
    kb = load()
    groups = max(1, (quads - 3000) // PER_GROUP)
    states = [f"state-{i}" for i in range(40)]
    umbrellas = [f"umbrella-{i}" for i in range(max(1, groups // 50))]
    places = [f"town-{i}" for i in range(500)]
    for eid in states:
        kb.entities[eid] = Entity(eid, "State", f"State {eid[6:]}")
    for i, eid in enumerate(umbrellas):
        kb.entities[eid] = Entity(eid, "Coalition", f"Umbrella Front {i}", aliases=[f"UF{i}"])
    for eid in places:
        kb.entities[eid] = Entity(eid, "Place", f"Town {eid[5:]}")
    sources = max(1, groups // 100)
    for s in range(sources):
        sid = f"bulletin-{s}"
        kb.sources[sid] = Source(sid, f"{sid}.txt", "0" * 64, 10_000, f"Bulletin {s}", f"Agency {s % 7}",
                                 Value(f"20{10 + s % 14}-0{1 + s % 9}-1{s % 9}", XSD + "date"), "publication date")
    for i in range(groups):
        gid, sid = f"group-{i}", f"bulletin-{i // 100}"
        umbrella = umbrellas[i % len(umbrellas)]
        kb.entities[gid] = Entity(gid, "ArmedGroup", f"Brigade {i} of the Martyrs", aliases=[f"B{i}M"])
        claims = [Claim(f"{gid}-member", sid, gid, [Fact(gid, "memberOf", umbrella)], "reported", (i, i + 40))]
        if i < len(umbrellas):  # each umbrella is backed by one state, in one report
            claims.append(Claim(f"{umbrellas[i]}-backer", f"bulletin-{i % sources}", umbrellas[i],
                                [Fact(umbrellas[i], "backedBy", states[i % len(states)])], "alleged", (i, i + 60)))
        for n in range(5):
            aid = f"attack-{i}-{n}"
            kb.entities[aid] = Entity(aid, "Attack", f"Attack {n} by brigade {i}")
            day = f"2023-{1 + (i + n) % 12:02d}-{1 + (i * 7 + n) % 28:02d}"
            claims.append(Claim(f"{aid}", sid, aid, [
                Fact(aid, "date", value=Value(day, XSD + "date")), Fact(aid, "perpetrator", gid),
                Fact(aid, "location", places[(i + n) % len(places)]),
                Fact(aid, "killed", value=Value(str(n), XSD + "integer"))],
                "claimed" if n % 2 else "reported", (n, n + 80)))
        kb.claims.extend(claims)
    return kb


def build(root: Path, quads: int) -> tuple[Path, float, int, bytes]:
    kb = synthetic(quads)
    compiled = compile_quads(kb)
    started = time.perf_counter()
    write_store(root, compiled, config.ontology_dir() / "kg.ttl", "benchmark", root / "no-such-data", {})
    seconds = time.perf_counter() - started
    nquads = ox.serialize(compiled, format=ox.RdfFormat.N_QUADS)
    return root, seconds, len(compiled), nquads


RAW = """
import sys, pyoxigraph as ox
store = ox.Store.read_only(sys.argv[1])
for text in sys.argv[2:]:
    list(store.query(text))
"""


def bound(name: str, **iris: str) -> str:
    return queries.bind(queries.load_query(name).text, {k: ox.NamedNode(v) for k, v in iris.items()})


def timed(cmd: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode:
        raise SystemExit(f"{' '.join(cmd[:4])}... failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    return time.perf_counter() - started


def in_process(root: Path, generation: Path, label: str, texts: dict[str, list[str]], runs: int) -> dict[str, float]:
    """Median seconds, in one warm process, of kg's service call and of the raw queries it stands for.

    Each call opens the store afresh (as a command does); the raw side opens it with pyoxigraph and runs
    the same bound queries, materialising every row.
    """
    from kg import services

    def raw(group: list[str]) -> None:
        store = ox.Store.read_only(str(generation))
        for t in group:
            list(store.query(t))

    calls = {
        "kg who-backs (service)": lambda: services.who_backs(label, store=root),
        "raw who-backs queries": lambda: raw(texts["who"]),
        "kg events --actor (service)": lambda: services.events(actor=label, store=root),
        "raw events --actor queries": lambda: raw(texts["events"]),
    }
    out: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(runs):
        for name, call in calls.items():
            started = time.perf_counter()
            call()
            out[name].append(time.perf_counter() - started)
    return {name: statistics.median(ts) for name, ts in out.items()}


def rdflib_times(nquads: bytes, texts: dict[str, list[str]]) -> tuple[float, dict[str, float]]:
    from rdflib import Dataset

    started = time.perf_counter()
    ds = Dataset(default_union=True)
    ds.parse(data=nquads, format="nquads")
    load_s = time.perf_counter() - started
    out = {}
    for name, group in texts.items():
        started = time.perf_counter()
        for text in group:
            list(ds.query("\n".join(f"PREFIX {p}: <{ns}>" for p, ns in queries.PREFIXES.items()) + "\n" + text))
        out[name] = time.perf_counter() - started
    return load_s, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quads", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rdflib", action="store_true", help="also time rdflib's in-memory store (slow)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root, build_s, n, nquads = build(Path(tmp) / "store", args.quads)
        generation = next(p for p in root.glob("gen-*"))
        group = entity_iri("group-4321" if args.quads > 600_000 else "group-42").value
        label = "Brigade 4321 of the Martyrs" if args.quads > 600_000 else "Brigade 42 of the Martyrs"
        who = [bound("memberships_up", root=group), bound("who_backs", group=group)]
        events_by_actor = bound("events_by_actor", actor=group)
        attacks = [entity_iri(f"{group.rsplit('/', 1)[-1].replace('group', 'attack')}-{k}").value for k in range(5)]
        facts = queries.bind(queries.load_query("event_facts").text, {"event": [ox.NamedNode(a) for a in attacks]})
        responses = queries.bind(queries.load_query("responses_to").text,
                                 {"answered": [ox.NamedNode(a) for a in attacks]})
        event_texts = [events_by_actor, responses, facts]
        env = dict(os.environ, KG_STORE=str(root), NO_COLOR="1")
        commands = {
            "python -c 'import pyoxigraph'": [sys.executable, "-c", "import pyoxigraph"],
            "raw pyoxigraph: who-backs' 2 bound queries": [sys.executable, "-c", RAW, str(generation), *who],
            f"kg who-backs '{label}'": [sys.executable, "-m", "kg", "who-backs", label],
            "raw pyoxigraph: events --actor's 3 bound queries": [sys.executable, "-c", RAW, str(generation),
                                                                 *event_texts],
            f"kg events --actor '{label}'": [sys.executable, "-m", "kg", "events", "--actor", label],
        }
        for cmd in commands.values():  # warm the page cache once, as a user's second query would find it
            timed(cmd, env)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, cmd in commands.items():
                times[name].append(timed(cmd, env))
        os.environ["KG_STORE"] = str(root)
        warm = in_process(root, generation, label, {"who": who, "events": event_texts}, args.runs)
        rdflib = rdflib_times(nquads, {"who": who, "events": event_texts}) if args.rdflib else None
    print(f"{n} quads compiled ({args.quads} asked); write_store (bulk load, union graph, name index): "
          f"{build_s:.1f} s; {args.runs} cold runs each, interleaved; Python {sys.version.split()[0]}, "
          f"{os.cpu_count()} cores\n")
    print("| command | median (s) | min (s) | max (s) |")
    print("| --- | ---: | ---: | ---: |")
    for name, ts in times.items():
        print(f"| `{name}` | {statistics.median(ts):.3f} | {min(ts):.3f} | {max(ts):.3f} |")
    print("\nIn one warm process (imports done; each call opens the store afresh), median:\n")
    print("| call | median (ms) | vs raw pyoxigraph |")
    print("| --- | ---: | ---: |")
    for kind in ("who-backs", "events --actor"):
        ours, raw = warm[f"kg {kind} (service)"], warm[f"raw {kind} queries"]
        print(f"| kg {kind} (service) | {ours * 1000:.1f} | {ours / raw:.2f}x |")
        print(f"| raw {kind} queries | {raw * 1000:.1f} | 1.00x |")
    if rdflib:
        load_s, query_s = rdflib
        print(f"\nrdflib in-memory Dataset: load {load_s:.1f} s; who-backs' queries {query_s['who']:.3f} s, "
              f"events --actor's queries {query_s['events']:.3f} s (in-process, after loading)")


if __name__ == "__main__":
    main()
