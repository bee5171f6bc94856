"""Throughput and latency of `kg serve`: an entity page and a SPARQL SELECT under 1, 8 and 32 clients.

A real `kg serve` process on a loopback port; each client is a thread with its own keep-alive HTTP
connection, asking again as soon as it has an answer. Each level is bounded by a request count and a
time limit, after a warm-up. Beside it, the same two questions asked the way one would without a
server: one `kg` process per question (`kg show`, `kg sparql`), sequentially.

    python benchmarks/serve.py [--seconds 8] [--requests 2000] [--clients 1 8 32] [--quads 1000000] [--only sparql]

--quads N adds synthetic events (each its own claim, with a source, stance and labelled actors) to the
bundled graph until the store holds about N quads, written as one store generation.
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ENTITY = "/entity/kataib-hezbollah"
SELECT = ("SELECT ?group ?backer WHERE { ?group (kg:memberOf|kg:partOf)* ?holder . "
          "?holder kg:backedBy|kg:armedBy ?backer }")
FIRST = ["harakat-hezbollah-al-nujaba", "iran", "islamic-resistance-in-iraq", "popular-mobilization-forces",
         "al-asad-air-base", "united-states", "abu-mahdi-al-muhandis", "strike-2024-01-23-kh-facilities"]
SPARQL = "/sparql?query=" + urllib.parse.quote(SELECT)


def level(port: int, path: str, headers: dict[str, str], clients: int, seconds: float, limit: int) -> dict:
    latencies: list[float] = []
    lock = threading.Lock()
    stop = time.perf_counter() + seconds
    issued, failures = [0], [0]

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while time.perf_counter() < stop:
            with lock:
                if issued[0] >= limit:
                    break
                issued[0] += 1
            started = time.perf_counter()
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            took = time.perf_counter() - started
            with lock:
                latencies.append(took)
                failures[0] += response.status != 200
        conn.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return summary(latencies, time.perf_counter() - began, failures[0])


def summary(latencies: list[float], wall: float, failures: int = 0) -> dict:
    latencies = sorted(latencies)
    return {"n": len(latencies), "rps": len(latencies) / wall, "p50": 1000 * statistics.median(latencies),
            "p95": 1000 * latencies[round(0.95 * (len(latencies) - 1))], "failures": failures}


def first_requests(port: int, paths: list[str]) -> dict:
    """Each page asked once, before any cache holds it: what the first visitor of a page waits."""
    times = []
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    for path in paths:
        started = time.perf_counter()
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        assert response.status == 200, path
        times.append(time.perf_counter() - started)
    return summary(times, sum(times))


def cli_runs(env: dict[str, str], args: list[str], runs: int) -> dict:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "kg", *args], env=env, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return summary(times, sum(times))


def synthetic_store(store: Path, quads: int) -> int:
    """The bundled graph plus synthetic sourced events up to about `quads` quads; returns the count."""
    import pyoxigraph as ox

    from kg import config
    from kg.kb.compile import compile_quads
    from kg.kb.inputs import content_fingerprint, input_files, stat_signature
    from kg.services.build import counts, load
    from kg.store.local import write_store

    kg_ns, base = "https://w3id.org/kg-armed-actors/ns#", "https://w3id.org/kg-armed-actors/"
    skos, prov, rdf = "http://www.w3.org/2004/02/skos/core#", "http://www.w3.org/ns/prov#", \
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    kb = load()
    real = compile_quads(kb)
    entities, provenance = ox.NamedNode(base + "graph/entities"), ox.NamedNode(base + "graph/provenance")
    source = ox.NamedNode(base + "source/npr-2019-12-12")

    def filler():
        per_event, i = 8, 0  # quads per synthetic event, beside 3 more for each of its actors
        actors = max(1, (quads - len(real)) // per_event // 20)
        while len(real) + i * per_event + 3 * min(i, actors) < quads:
            event, actor = ox.NamedNode(f"{base}id/synthetic-event-{i}"), ox.NamedNode(f"{base}id/synthetic-actor-{i % actors}")
            claim = ox.NamedNode(f"{base}claim/synthetic/{i}")
            yield ox.Quad(event, ox.NamedNode(rdf), ox.NamedNode(kg_ns + "Attack"), entities)
            yield ox.Quad(event, ox.NamedNode(skos + "prefLabel"), ox.Literal(f"Synthetic attack {i}", language="en"), entities)
            if i < actors:
                yield ox.Quad(actor, ox.NamedNode(rdf), ox.NamedNode(kg_ns + "ArmedGroup"), entities)
                yield ox.Quad(actor, ox.NamedNode(skos + "prefLabel"), ox.Literal(f"Synthetic group {i}", language="en"), entities)
                yield ox.Quad(actor, ox.NamedNode(kg_ns + "memberOf"),
                              ox.NamedNode(base + "id/islamic-resistance-in-iraq"), claim)
            yield ox.Quad(event, ox.NamedNode(kg_ns + "perpetrator"), actor, claim)
            yield ox.Quad(event, ox.NamedNode(kg_ns + "target"), ox.NamedNode(base + "id/us-military"), claim)
            yield ox.Quad(event, ox.NamedNode(kg_ns + "date"),
                          ox.Literal(f"20{10 + i % 14}-{1 + i % 12:02d}-{1 + i % 28:02d}",
                                     datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")), claim)
            yield ox.Quad(claim, ox.NamedNode(rdf), ox.NamedNode(kg_ns + "Claim"), provenance)
            yield ox.Quad(claim, ox.NamedNode(prov + "wasDerivedFrom"), source, provenance)
            yield ox.Quad(claim, ox.NamedNode(kg_ns + "stance"), ox.NamedNode(kg_ns + "reported"), provenance)
            i += 1

    # Recorded as built from a copy of the data that is then removed: kg answers from a store whose data
    # is gone and never rebuilds it, so the synthetic quads stay whatever happens to data/ meanwhile.
    data, ontology = store.parent / "data-gone", config.ontology_dir().absolute()
    shutil.copytree(config.data_dir(), data)
    files = input_files(data, ontology)
    manifest = write_store(store, [*real, *filler()], ontology / "kg.ttl", content_fingerprint(files, (data, ontology)),
                           data, counts(kb), stat_signature(files))
    shutil.rmtree(data)
    return int(manifest.counts["quads"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=8.0, help="time limit per level")
    parser.add_argument("--requests", type=int, default=2000, help="request limit per level")
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument("--cli-runs", type=int, default=10)
    parser.add_argument("--quads", type=int, default=0, help="grow the store to about this many quads")
    parser.add_argument("--only", choices=["entity", "sparql"], help="measure only entity pages or only SPARQL")
    args = parser.parse_args()
    from kg.web.server import free_port

    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        env = dict(os.environ, KG_STORE=str(store), NO_COLOR="1")
        if args.quads:
            started = time.perf_counter()
            total = synthetic_store(store, args.quads)
            print(f"synthetic store: {total} quads in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        else:
            subprocess.run([sys.executable, "-m", "kg", "build"], env=env, check=True, stdout=subprocess.DEVNULL)
        port = free_port()
        started = time.perf_counter()
        server = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--port", str(port)], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            while True:
                try:
                    http.client.HTTPConnection("127.0.0.1", port, timeout=5).request("GET", "/favicon.ico")
                    break
                except OSError:
                    if server.poll() is not None or time.perf_counter() - started > 600:
                        raise SystemExit("kg serve did not start")
                    time.sleep(0.1)
            print(f"server ready in {time.perf_counter() - started:.1f} s", file=sys.stderr)
            rows = []
            targets = []
            if args.only != "sparql":
                rows.append(("entity page (HTML), first request of each of 8 entities", "1",
                             first_requests(port, [f"/entity/{e}" for e in FIRST])))
                targets += [("entity page (HTML)", ENTITY, {}), ("entity page (JSON)", ENTITY + ".json", {})]
            if args.only != "entity":
                targets.append(("SPARQL SELECT (JSON results)", SPARQL, {"Accept": "application/sparql-results+json"}))
            for name, path, headers in targets:
                level(port, path, headers, 2, 2.0, 40)  # warm-up
                for clients in args.clients:
                    rows.append((name, f"{clients}", level(port, path, headers, clients, args.seconds, args.requests)))
        finally:
            server.terminate()
            server.wait(30)
        if args.only != "sparql":
            rows.append(("`kg show \"Kataib Hezbollah\"`, a process each", "1",
                         cli_runs(env, ["show", "Kataib Hezbollah", "--format", "json"], args.cli_runs)))
        if args.only != "entity":
            rows.append(("`kg sparql '…'` (same SELECT), a process each", "1",
                         cli_runs(env, ["sparql", "PREFIX kg: <https://w3id.org/kg-armed-actors/ns#> " + SELECT],
                                  args.cli_runs)))
    print("| request | clients | requests | req/s | p50 (ms) | p95 (ms) | errors |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, clients, r in rows:
        print(f"| {name} | {clients} | {r['n']} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p95']:.1f} | {r['failures']} |")


if __name__ == "__main__":
    main()
