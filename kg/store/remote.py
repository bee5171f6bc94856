"""A kg store on a SPARQL 1.1 server (Oxigraph server, Virtuoso, any endpoint): the same Store as on disk.

Layout on the server. Each build is a generation whose graphs carry its name, so a build can load a
whole new generation while readers keep answering from the previous one:
    <NS>store                      the manifest graph: which generation is live, its counts and mode
    <NS>gen/<G>/claim/...          generation G's claim graphs (locally <NS>claim/...)
    <NS>gen/<G>/graph/...          its entities, provenance and ontology graphs (locally <NS>graph/...)
    <NS>gen/<G>/graph/union        the union of its graphs, each triple once (locally the default graph)

A reader reads the manifest once, then rewrites the claim and graph IRIs of its queries into the live
generation's names and the answers back (a fixed prefix each way), so every query, named or the
user's, runs unchanged and answers with the IRIs a local store gives. The default graph a query sees is
the live generation's union, by the server's means (the manifest's `dataset`):
    "named"    the union graph is sent as the protocol's default-graph-uri, and GRAPH ?g still reaches
               the named graphs (Virtuoso);
    "default"  the build copied the union into the server's default graph, in the same update request
               that switched the manifest (Oxigraph server, which runs one request as one transaction,
               and which empties the named graphs of a query given a default-graph-uri, as the
               standard says).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from kg import config
from kg.errors import StoreError
from kg.store.base import Raw, Store
from kg.store.endpoint import Endpoint, EndpointError
from kg.store.local import Manifest
from kg.store.names import FILE as NAMES_FILE
from kg.store.names import entries_from_rows, write_index
from kg.store.queries import first_keyword, syntax_only

NS = config.NS
MANIFEST_GRAPH = NS + "store"
MANIFEST_PREDICATE = NS + "ns#manifest"
_SCOPED = ("claim/", "graph/")
CEILING = 1 << 20
"""Rows Virtuoso answers at most over HTTP, whatever ResultSetMaxRows says (its issue 700)."""
DUMP_GRAPHS = 2_000
"""Graphs asked for per request by a dump."""
_RESULTS_JSON = "application/sparql-results+json"
_GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9"


class Layout:
    """The names of one generation's graphs, and the rewriting between local and server IRIs."""

    def __init__(self, generation: str):
        if not re.fullmatch(r"[A-Za-z0-9-]+", generation):
            raise StoreError(f"unusable generation name {generation!r} in the server's manifest")
        self.generation = generation
        self.prefix = f"{NS}gen/{generation}/"
        self.union = self.prefix + "graph/union"

    def to_server(self, text: str) -> str:
        """Query or data text with kg's claim and graph IRIs in this generation's names."""
        for scoped in _SCOPED:
            text = text.replace(NS + scoped, self.prefix + scoped)
        return text

    def to_kg(self, data: bytes) -> bytes:
        """An answer with this generation's names back in kg's (also where a JSON writer escaped '/'), and
        Virtuoso's blank node labels (`nodeID://b1`) as labels a parser takes (`b1`)."""
        data = data.replace(self.prefix.encode(), NS.encode())
        data = data.replace(self.prefix.replace("/", "\\/").encode(), NS.replace("/", "\\/").encode())
        return data.replace(b'"nodeID://', b'"').replace(b'"nodeID:\\/\\/', b'"')


def read_remote_manifest(endpoint: Endpoint) -> tuple[Manifest | None, dict] | None:
    """The live generation's manifest (None before the first build went live) and the store's record
    (dataset mode, the generations kg made), or None where kg never built."""
    query = (f"SELECT ?m WHERE {{ GRAPH <{MANIFEST_GRAPH}> {{ <{MANIFEST_GRAPH}> <{MANIFEST_PREDICATE}> ?m }} }}")
    rows = select_rows(endpoint, query)
    if not rows:
        return None
    try:
        record = json.loads(rows[0]["m"].value)
        fields = record.pop("manifest")
        manifest = Manifest(**fields) if fields is not None else None
    except (ValueError, TypeError, KeyError, AttributeError) as ex:
        raise StoreError(f"{endpoint.query_url}: unreadable kg manifest on the server ({ex}); "
                         f"run `kg build --store {endpoint.query_url}`") from None
    return manifest, record


def select_rows(endpoint: Endpoint, query: str, default_graph: str | None = None) -> list[dict]:
    response = endpoint.query(query, _RESULTS_JSON, default_graph)
    if response.headers.get("x-sparql-maxrows"):
        raise EndpointError(f"{endpoint.query_url}: the server cut its answer at {response.headers['x-sparql-maxrows']} "
                            "rows (Virtuoso: ResultSetMaxRows in the [SPARQL] section of virtuoso.ini); raise that limit")
    solutions = _parse_results(endpoint, response.content, response.headers.get("content-type", ""))
    if not isinstance(solutions, ox.QuerySolutions):
        raise EndpointError(f"{endpoint.query_url}: the server answered a SELECT with a boolean")
    names = [v.value for v in solutions.variables]
    return [{n: s[n] for n in names if s[n] is not None} for s in solutions]


def _parse_results(endpoint: Endpoint, body: bytes, kind: str) -> ox.QuerySolutions | ox.QueryBoolean:
    try:
        return ox.parse_query_results(body, ox.QueryResultsFormat.JSON)
    except (SyntaxError, ValueError) as ex:
        raise EndpointError(f"{endpoint.query_url}: the server did not answer with SPARQL results "
                            f"({kind or 'no content type'}: {str(ex).splitlines()[0][:80]})") from None


class RemoteStore(Store):
    """The live generation of a kg store on a SPARQL server, for reading."""

    def __init__(self, endpoint: Endpoint):
        self.endpoint = endpoint
        self.location = endpoint.query_url
        manifest, self.record = read_remote_manifest(endpoint) or (None, {})
        if manifest is None:
            raise StoreError(f"{endpoint.query_url}: no kg store on this server yet; run "
                             f"`kg build --store {endpoint.query_url}`")
        self._manifest = manifest
        self.layout = Layout(self._manifest.generation)
        self.default_graph = self.layout.union if self.record.get("dataset") == "named" else None

    def execute(self, text: str, prefixes: dict[str, str] | None = None) -> Raw:
        code = syntax_only(text)
        declared = {m.lower() for m in re.findall(r"(?i)\bPREFIX\s+([\w.-]*):", code)}
        prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in (prefixes or {}).items() if p.lower() not in declared)
        sent = self.layout.to_server(prologue + text)
        graph_form = first_keyword(code) in ("CONSTRUCT", "DESCRIBE")
        try:
            response = self.endpoint.query(sent, _GRAPH_ACCEPT if graph_form else _RESULTS_JSON, self.default_graph)
        except EndpointError as ex:
            if ex.status == 400:  # the server's parser or planner refused it: the query's fault, not the store's
                raise ValueError(f"the server refused the query: {str(ex).split(': ', 2)[-1]}") from None
            raise
        cut = response.headers.get("x-sparql-maxrows")
        if cut:  # Virtuoso's ResultSetMaxRows: it sends the first rows and says so only in this header
            raise EndpointError(f"{self.location}: the server cut its answer at {cut} rows (Virtuoso: "
                                "ResultSetMaxRows in the [SPARQL] section of virtuoso.ini); raise that limit")
        body = self.layout.to_kg(response.content)
        if graph_form:
            media = response.headers.get("content-type", "").split(";")[0].strip()
            fmt = ox.RdfFormat.from_media_type(media) or ox.RdfFormat.N_TRIPLES
            try:
                triples = [q.triple for q in ox.parse(body, format=fmt)]
            except SyntaxError as ex:
                raise EndpointError(f"{self.location}: the server's graph answer does not parse "
                                    f"({str(ex).splitlines()[0][:80]})") from None
            if len(triples) == CEILING:
                raise EndpointError(f"{self.location}: the answer stops at {CEILING:,} triples, where Virtuoso "
                                    "cuts every answer; narrow the query")
            return Raw(triples=iter(triples))
        result = _parse_results(self.endpoint, body, response.headers.get("content-type", ""))
        if isinstance(result, ox.QueryBoolean):
            return Raw(boolean=bool(result))
        return Raw(variables=[v.value for v in result.variables], solutions=self._whole(result))

    def _whole(self, solutions: ox.QuerySolutions) -> Iterator[ox.QuerySolution]:
        """The solutions, and an error at the end if there were exactly CEILING of them: Virtuoso stops there
        whatever its settings say, and says nothing."""
        count = 0
        for solution in solutions:
            count += 1
            yield solution
        if count == CEILING:
            raise EndpointError(f"{self.location}: the answer stops at {CEILING:,} rows, where Virtuoso cuts "
                                "every answer; narrow the query")

    def manifest(self) -> Manifest:
        return self._manifest

    def size(self) -> int:
        return 0  # the server's own business

    def artifact(self, name: str) -> str | None:
        """The name index, made once per generation from the server's entity names and kept in the user's
        cache (it is what lets `kg who-backs` resolve a name without fetching every name each time)."""
        if name != NAMES_FILE:
            return None
        from kg.store.queries import load_query, run

        query = load_query("entity_names")  # a kg whose name query changed makes its own index
        key = re.sub(r"[^A-Za-z0-9.-]+", "_", self.location)[:120]
        version = hashlib.sha256(query.text.encode()).hexdigest()[:12]
        folder = _cache_dir() / key / f"{self.layout.generation}-{version}"
        path = folder / NAMES_FILE
        if not path.is_file():
            rows = run(self, query)
            folder.mkdir(parents=True, exist_ok=True)
            pending = folder / f".{NAMES_FILE}.{os.getpid()}"
            write_index(pending, entries_from_rows(rows))
            os.replace(pending, path)
        return str(path)

    def dump(self, out: BinaryIO, fmt: ox.RdfFormat, union: bool, prefixes: dict[str, str]) -> None:
        """The graph, asked for a batch of DUMP_GRAPHS graphs at a time (so no answer nears a server's row
        ceiling, and memory holds one batch), the total checked against the server's own count."""
        graphs = [r["g"] for r in self._rows(
            f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), \"{NS}claim/\") || "
            f"STRSTARTS(STR(?g), \"{NS}graph/\")) FILTER(?g != <{NS}graph/union>) }} ORDER BY ?g")]
        seen: set[ox.Triple] | None = set() if union else None
        written = [0]

        def quads() -> Iterator[ox.Quad]:
            for at in range(0, len(graphs), DUMP_GRAPHS):
                values = " ".join(str(g) for g in graphs[at:at + DUMP_GRAPHS])
                for r in self._rows(f"SELECT ?s ?p ?o ?g WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}"):
                    written[0] += 1
                    if seen is None:
                        yield ox.Quad(r["s"], r["p"], r["o"], r["g"])
                        continue
                    triple = ox.Triple(r["s"], r["p"], r["o"])
                    if triple not in seen:
                        seen.add(triple)
                        yield ox.Quad(r["s"], r["p"], r["o"])

        ox.serialize(((q.triple for q in quads()) if union else quads()), out, format=fmt, prefixes=prefixes)
        held = self._rows(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "
                          f"\"{NS}claim/\") || STRSTARTS(STR(?g), \"{NS}graph/\")) FILTER(?g != <{NS}graph/union>) }}")
        if int(held[0]["n"].value) != written[0]:
            raise EndpointError(f"{self.location}: the server gave {written[0]:,} of its "
                                f"{int(held[0]['n'].value):,} quads; nothing was written")

    def _rows(self, query: str) -> list[dict]:
        raw = self.execute(query)
        names = raw.variables or []
        return [{n: v for n in names if (v := s[n]) is not None} for s in raw.solutions or ()]


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "kg" / "remote"
