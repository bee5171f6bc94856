"""User-written SPARQL: the one entry for `kg sparql`, `kg query FILE` and the web app's /sparql.

PROVISIONAL (branch `serve`): a minimal version of the interface agreed in INTERFACES.md, so the web
app can be built and tested before the `store` branch lands the real one, which replaces this file.
Code elsewhere must rely only on the documented interface: `sparql_query(...) -> SparqlResult`.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.services.build import ensure_store
from kg.store.local import read_manifest
from kg.store.queries import QueryError, refuse_updates

PREFIXES = {
    "kg": "https://w3id.org/kg-armed-actors/ns#", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#", "dct": "http://purl.org/dc/terms/", "dcterms": "http://purl.org/dc/terms/",
    "xsd": "http://www.w3.org/2001/XMLSchema#", "oa": "http://www.w3.org/ns/oa#",
}
_RESULTS = {"sparql-json": ox.QueryResultsFormat.JSON, "sparql-xml": ox.QueryResultsFormat.XML,
            "sparql-csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
_GRAPHS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}
_SERVICE = re.compile(r"\bSERVICE\b", re.IGNORECASE)


@dataclass
class SparqlResult:
    kind: str  # "select" | "ask" | "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)
    truncated: bool = False

    def serialize(self, fmt: str) -> bytes:
        if self.kind == "graph":
            if fmt not in _GRAPHS:
                raise QueryError(f"a CONSTRUCT or DESCRIBE result comes as {', '.join(_GRAPHS)}, not {fmt!r}")
            return ox.serialize(self.triples, format=_GRAPHS[fmt]) or b""
        if fmt not in _RESULTS:
            raise QueryError(f"a SELECT or ASK result comes as {', '.join(_RESULTS)}, not {fmt!r}")
        if self.kind == "ask":
            parsed = ox.parse_query_results('{"head":{},"boolean":%s}' % str(self.boolean).lower(),
                                            ox.QueryResultsFormat.JSON)
        else:
            lines = ["\t".join(f"?{v}" for v in self.variables)]
            lines += ["\t".join(str(row[v]) if v in row else "" for v in self.variables) for row in self.rows]
            parsed = ox.parse_query_results("\n".join(lines) + "\n", ox.QueryResultsFormat.TSV)
        return parsed.serialize(format=_RESULTS[fmt]) or b""


def sparql_query(text: str, *, timeout: float | None = None, row_limit: int | None = None,
                 store: Path | None = None) -> SparqlResult:
    if not any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines()):
        raise QueryError("the query is empty")
    refuse_updates(text)
    if _SERVICE.search(text):
        raise QueryError("SERVICE (federated query) is refused: kg answers from its own store only")
    timeout = float(os.environ.get("KG_QUERY_TIMEOUT", 30)) if timeout is None else timeout
    root = ensure_store(store)
    manifest = read_manifest(root)
    db = ox.Store.read_only(str(root / manifest.generation))  # type: ignore[union-attr]
    deadline = time.monotonic() + timeout
    try:
        result = db.query(text, prefixes=PREFIXES, use_default_graph_as_union=True)
        if isinstance(result, ox.QueryBoolean):
            return SparqlResult("ask", boolean=bool(result))
        out = SparqlResult("graph" if isinstance(result, ox.QueryTriples) else "select")
        if out.kind == "select":
            out.variables = [v.value for v in result.variables]
        late, item = False, None
        for item in result:
            if time.monotonic() > deadline:
                late = True
                break
            if row_limit is not None and len(out.rows) + len(out.triples) >= row_limit:
                out.truncated = True
                break
            if out.kind == "graph":
                out.triples.append(item)
            else:
                out.rows.append({v: item[v] for v in out.variables if item[v] is not None})
        del result, item  # Oxigraph's iterators must be dropped on the thread that made them
        if late:
            raise QueryError(f"the query ran past the time limit ({timeout:g} s)")
        return out
    except SyntaxError as ex:
        first = str(ex).splitlines()[0] if str(ex) else "unreadable query"
        raise QueryError(f"SPARQL syntax error: {first[:140]}") from None
    except (ValueError, OSError, RuntimeError) as ex:
        raise QueryError(f"the query failed: {ex}") from None
