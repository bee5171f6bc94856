"""Loading a built generation into a SPARQL server: in bulk, into new graphs, switched on in one request.

`kg build --store URL` first builds and checks a local generation exactly as for a store on disk, then:
  1. uploads its quads under the new generation's graph names (kg.store.remote.Layout), as SPARQL
     `INSERT DATA` requests of BATCH quads each, grouped by graph (the one upload every SPARQL 1.1 server
     takes, Virtuoso's Graph Store endpoint taking one graph per request), or, given a Graph Store
     Protocol endpoint that takes N-Quads (Oxigraph's /store), as N-Quads of GSP_BATCH quads per
     request; readers still see the old one;
  2. counts what the server holds under the new names against the local count;
  3. switches the manifest graph to the new generation in one update request (in "default" mode the same
     request replaces the server's default graph with the new union);
  4. drops the old generations (a query that began before the switch and is still running then may see
     part of the old graph go; queries after the switch see only the new one).
A failure before the switch drops what was uploaded and leaves the previous generation answering.
kg only ever drops graphs under a generation its own manifest lists.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterable, Iterator

import pyoxigraph as ox

from kg.errors import StoreError
from kg.store.endpoint import Endpoint
from kg.store.local import Manifest
from kg.store.remote import (
    MANIFEST_GRAPH,
    MANIFEST_PREDICATE,
    Layout,
    select_rows,
    read_remote_manifest,
)

BATCH = 10_000
"""Quads per upload request: about 1 MB of text, a second of Virtuoso's time."""
GSP_BATCH = 100_000
"""Quads per Graph Store upload: about 15 MB of N-Quads."""
DROP_BATCH = 500
"""Graphs dropped per update request."""
GRAPH_BLOCK = 2_000
"""Triples per GRAPH block of a request: Virtuoso 7.2's SPARQL parser runs out of stack ("SP030 ... memory
exhausted") on one block of about 5,000 triples, however small the request; a graph with more is sent as
several blocks naming it."""


def load_generation(endpoint: Endpoint, local: ox.Store, manifest: Manifest) -> Manifest:
    """Upload a built local generation to the server and make it the live one; returns its manifest."""
    previous, record = read_remote_manifest(endpoint) or (None, {"generations": []})
    generation = f"{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}"
    layout = Layout(generation)
    made = list(record.get("generations", []))
    expected = len(local)
    try:
        _mark(endpoint, record, made + [generation], previous)  # listed before it exists: a kill leaves no stranger
        upload(endpoint, layout, local.quads_for_pattern(None, None, None))
        held = count(endpoint, layout)
        if held != expected:
            raise StoreError(f"{endpoint.writable_url}: the server holds {held} of the {expected} quads sent; "
                             "the previous store is unchanged")
        dataset = probe_dataset(endpoint, layout, first=record.get("dataset") != "default")
        live = Manifest(generation, manifest.fingerprint, manifest.built_at, manifest.data_dir, manifest.counts,
                        manifest.inputs)
        switch(endpoint, layout, dataset, live, made + [generation])
        now = (read_remote_manifest(endpoint) or (None, {}))[0]
        if now is None or now.generation != generation:  # a server that said yes and did nothing
            raise StoreError(f"{endpoint.writable_url}: the server accepted the switch to the new graph but still "
                             "names another one; the previous store is unchanged")
    except BaseException:
        try:
            now = (read_remote_manifest(endpoint) or (None, {}))[0]
            if now is None or now.generation != generation:  # never drop what is live (a switch that timed out)
                drop_generation(endpoint, generation)
                _mark(endpoint, record, made, previous)
        except StoreError:
            pass  # the server is gone too; the next build drops what this one left (it is in the ledger)
        raise
    for old in [g for g in made if g != generation]:
        drop_generation(endpoint, old)
    _mark(endpoint, {**record, "dataset": dataset}, [generation], live)
    return live


def _terms(quads: Iterable[ox.Quad], layout: Layout) -> Iterator[tuple[str, str, bool]]:
    """(graph, "s p o .", has a blank node) for each quad, the default graph as the generation's union."""
    for q in quads:
        g = q.graph_name
        graph = layout.union if isinstance(g, ox.DefaultGraph) else layout.to_server(g.value)
        blank = isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode)
        yield graph, f"{q.subject} {q.predicate} {q.object} .", blank


def upload(endpoint: Endpoint, layout: Layout, quads: Iterable[ox.Quad]) -> int:
    """Send the quads under the generation's names: N-Quads to a Graph Store endpoint if there is one, else
    SPARQL INSERT DATA."""
    if endpoint.graph_store_url:
        return upload_nquads(endpoint, layout, quads)
    return upload_sparql(endpoint, layout, quads)


def upload_nquads(endpoint: Endpoint, layout: Layout, quads: Iterable[ox.Quad]) -> int:
    """N-Quads in batches of GSP_BATCH quads; quads with blank nodes together in the last request."""
    sent, batch, blank = 0, [], []
    for graph, triple, has_blank in _terms(quads, layout):
        (blank if has_blank else batch).append(f"{layout.to_server(triple[:-1])}<{graph}> .\n")
        if len(batch) >= GSP_BATCH:
            endpoint.post_quads("".join(batch).encode("utf-8"))
            sent, batch = sent + len(batch), []
    for part in (batch, blank):
        if part:
            endpoint.post_quads("".join(part).encode("utf-8"))
            sent += len(part)
    return sent


def upload_sparql(endpoint: Endpoint, layout: Layout, quads: Iterable[ox.Quad]) -> int:
    """INSERT DATA in batches of BATCH quads; quads with blank nodes go last, a graph's together in one
    request, since a blank node keeps its identity only within one request."""
    sent, batch, blank = 0, [], []
    for graph, triple, has_blank in _terms(quads, layout):
        (blank if has_blank else batch).append((graph, triple))
        if len(batch) >= BATCH:
            sent += _insert(endpoint, layout, batch)
            batch = []
    sent += _insert(endpoint, layout, batch)
    for graph in sorted({g for g, _ in blank}):  # one graph per request: Virtuoso 7.2 fails on more
        sent += _insert(endpoint, layout, [item for item in blank if item[0] == graph], template=True)
    return sent


def _insert(endpoint: Endpoint, layout: Layout, items: list[tuple[str, str]], template: bool = False) -> int:
    """One INSERT DATA request; with template, `INSERT {...} WHERE {}` (one solution, so each blank node is
    one new node), the form that takes blank nodes on every server (Virtuoso refuses them in INSERT DATA)."""
    if not items:
        return 0
    lines, current, in_block = ["INSERT {" if template else "INSERT DATA {"], None, 0
    for graph, triple in sorted(items, key=lambda item: item[0]):
        if graph != current or in_block >= GRAPH_BLOCK:
            lines.append(("} " if current is not None else "") + f"GRAPH <{graph}> {{")
            current, in_block = graph, 0
        lines.append(layout.to_server(triple))
        in_block += 1
    lines.append("} } WHERE {}" if template else "} }")
    endpoint.update("\n".join(lines))
    return len(items)


def count(endpoint: Endpoint, layout: Layout) -> int:
    rows = select_rows(endpoint, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                             f"FILTER(STRSTARTS(STR(?g), \"{layout.prefix}\")) }}")
    return int(rows[0]["n"].value) if rows else 0


def probe_dataset(endpoint: Endpoint, layout: Layout, first: bool) -> str:
    """How this server gives a query the union as its default graph: "named" (a default-graph-uri that
    leaves the named graphs reachable) or "default" (a copy in the server's own default graph, which the
    switch replaces: so the first time, that graph must be empty, or kg would delete what it did not make)."""
    named = select_rows(endpoint, "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1", default_graph=layout.union)
    if named:
        return "named"
    mixed = select_rows(endpoint, f"SELECT ?s WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), \"{layout.prefix}\")) }} LIMIT 1")
    if mixed:  # the server's default graph is itself the union of all its graphs, each repeated per graph
        raise StoreError(f"{endpoint.query_url}: the server's default graph is the union of all its graphs "
                         "(e.g. `oxigraph serve --union-default-graph`); start it without that option")
    if first and select_rows(endpoint, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"):
        raise StoreError(f"{endpoint.query_url}: the server's default graph holds data that kg did not load, and "
                         "kg keeps its graph there on this server; use a server (or dataset) of its own")
    return "default"


def switch(endpoint: Endpoint, layout: Layout, dataset: str, live: Manifest, generations: list[str]) -> None:
    """Make the new generation the live one in one update request (one transaction on Oxigraph server)."""
    steps = []
    if dataset == "default":
        steps += ["DROP SILENT DEFAULT", f"ADD <{layout.union}> TO DEFAULT", f"DROP SILENT GRAPH <{layout.union}>"]
    steps.append(_manifest_update({"dataset": dataset, "generations": generations}, live))
    endpoint.update(" ;\n".join(steps))


def _manifest_update(record: dict, manifest: Manifest | None) -> str:
    """Replace the manifest graph's one triple: two operations of one request (one transaction on Oxigraph;
    a `DELETE ... INSERT ... WHERE { OPTIONAL ... }` would be one operation, but Virtuoso 7.2 inserts
    nothing when the OPTIONAL finds nothing)."""
    doc = dict(record, manifest=manifest.__dict__ if manifest else None)
    literal = ox.Literal(json.dumps(doc, sort_keys=True))
    return (f"DELETE WHERE {{ GRAPH <{MANIFEST_GRAPH}> {{ <{MANIFEST_GRAPH}> <{MANIFEST_PREDICATE}> ?m }} }} ;\n"
            f"INSERT DATA {{ GRAPH <{MANIFEST_GRAPH}> {{ <{MANIFEST_GRAPH}> <{MANIFEST_PREDICATE}> {literal} }} }}")


def _mark(endpoint: Endpoint, record: dict, generations: list[str], live: Manifest | None) -> None:
    """Record in the manifest graph which generations kg made (the live one unchanged); with neither, kg
    has nothing on the server and its manifest graph goes too."""
    if live is None and not generations:
        endpoint.update(f"DROP SILENT GRAPH <{MANIFEST_GRAPH}>")
        return
    endpoint.update(_manifest_update({**record, "generations": generations}, live))


def drop_generation(endpoint: Endpoint, generation: str) -> None:
    """Drop every graph of one generation kg made, in batches of DROP_BATCH graphs per request."""
    layout = Layout(generation)
    while True:
        rows = select_rows(endpoint, f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                                 f"FILTER(STRSTARTS(STR(?g), \"{layout.prefix}\")) }} LIMIT {DROP_BATCH}")
        if not rows:
            return
        endpoint.update(" ;\n".join(f"DROP SILENT GRAPH <{r['g'].value}>" for r in rows))
