"""User-written SPARQL (`kg sparql`, `kg query FILE`, the web app's /sparql): checked, bounded, standard.

Read-only (the engine is only ever asked to query; updates and LOAD are refused by name), SERVICE refused
unless allowed, common prefixes predefined, the union of all graphs as the default graph (set semantics),
a time limit and a row limit. The query runs in a worker thread while the caller waits with a deadline,
so the limit holds (and Ctrl-C is prompt) even while the engine is busy in one long step; the worker
stops at the next row it would produce.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, BinaryIO

import pyoxigraph as ox

from kg.store.base import Raw, Row, Store, Term
from kg.store.queries import PREFIXES, QueryError, bind, check_read_only, engine_error

DEFAULT_TIMEOUT = 30.0
RESULT_FORMATS = {"sparql-json": ox.QueryResultsFormat.JSON, "sparql-xml": ox.QueryResultsFormat.XML,
                  "sparql-csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
GRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,
                 "jsonld": ox.RdfFormat.JSON_LD}
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass
class SparqlResult:
    kind: str  # "select" | "ask" | "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)
    truncated: bool = False  # rows were cut at the row limit
    total: int | None = None  # how many rows the query gave in all (counted past the limit)

    def serialize(self, fmt: str) -> bytes:
        """The result in a W3C format: sparql-json|sparql-xml|sparql-csv|tsv, or turtle|ntriples|jsonld."""
        if self.kind == "graph":
            if fmt not in GRAPH_FORMATS:
                raise QueryError(f"a CONSTRUCT or DESCRIBE result is a graph: use {', '.join(GRAPH_FORMATS)}, not {fmt}")
            used = {k: v for k, v in PREFIXES.items() if k != "dct"}
            return ox.serialize(self.triples, format=GRAPH_FORMATS[fmt], prefixes=used)
        if fmt not in RESULT_FORMATS:
            raise QueryError(f"a {self.kind.upper()} result is a table: use {', '.join(RESULT_FORMATS)}, not {fmt}")
        # Our W3C JSON, read back by Oxigraph, which writes every results format to the letter.
        parsed = ox.parse_query_results(self.sparql_json(), ox.QueryResultsFormat.JSON)
        return parsed.serialize(format=RESULT_FORMATS[fmt])

    def sparql_json(self) -> bytes:
        if self.kind == "ask":
            doc: dict[str, Any] = {"head": {}, "boolean": bool(self.boolean)}
        else:
            doc = {"head": {"vars": self.variables},
                   "results": {"bindings": [{k: term_json(v) for k, v in r.items()} for r in self.rows]}}
        return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def term_json(term: Term) -> dict[str, str]:
    """A term as in the W3C SPARQL JSON results format."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != XSD_STRING:
        out["datatype"] = term.datatype.value
    return out


def _collect(raw: Raw, row_limit: int | None, stop: threading.Event) -> SparqlResult:
    if raw.boolean is not None:
        return SparqlResult("ask", boolean=raw.boolean)
    if raw.triples is not None:
        triples = []
        for t in raw.triples:
            if stop.is_set():
                break
            triples.append(t)
        return SparqlResult("graph", triples=triples)
    names = raw.variables or []
    rows: list[Row] = []
    count = 0
    for solution in raw.solutions or ():
        if stop.is_set():
            break
        count += 1
        if row_limit is None or count <= row_limit:
            rows.append({n: v for n in names if (v := solution[n]) is not None})
    truncated = row_limit is not None and count > row_limit
    return SparqlResult("select", variables=names, rows=rows, truncated=truncated, total=count)


class Tail:
    """A binary output that remembers the last byte written (to end a stream with one newline)."""

    def __init__(self, out: BinaryIO):
        self.out, self.last = out, b""

    def write(self, data: bytes) -> int:
        if data:
            self.last = data[-1:]
        return self.out.write(data)

    def flush(self) -> None:
        self.out.flush()


def _stream(raw: Raw, out: Tail, fmt: str) -> SparqlResult:
    """Write the whole result in a W3C results format or an RDF syntax with Oxigraph's own serialisers,
    row by row as the engine makes them, so no result is ever held in memory."""
    if raw.triples is not None:
        if fmt not in GRAPH_FORMATS:
            raise QueryError(f"a CONSTRUCT or DESCRIBE result is a graph: use {', '.join(GRAPH_FORMATS)}, not {fmt}")
        ox.serialize(raw.triples, out, format=GRAPH_FORMATS[fmt], prefixes={k: v for k, v in PREFIXES.items()
                                                                          if k != "dct"})
        return SparqlResult("graph")
    if fmt not in RESULT_FORMATS:
        raise QueryError(f"a SELECT or ASK result is a table: use {', '.join(RESULT_FORMATS)}, not {fmt}")
    if raw.boolean is not None:
        out.write(SparqlResult("ask", boolean=raw.boolean).serialize(fmt))
        return SparqlResult("ask", boolean=raw.boolean)
    if isinstance(raw.solutions, ox.QuerySolutions):
        raw.solutions.serialize(out, RESULT_FORMATS[fmt])
    else:
        out.write(_collect(raw, None, threading.Event()).serialize(fmt))
    return SparqlResult("select", variables=raw.variables or [])


def run_user(store: Store, text: str, *, timeout: float = DEFAULT_TIMEOUT, row_limit: int | None = None,
             allow_service: bool = False, bindings: Mapping[str, Term] | None = None,
             out: BinaryIO | None = None, out_format: str = "sparql-json") -> SparqlResult:
    """Run a user's query within the limits; raises QueryError with a one-line message.

    With `out`, the whole result is streamed there in out_format (a W3C results format or an RDF
    syntax) instead of being returned: the returned result then carries only its kind and variables.
    """
    check_read_only(text, allow_service)
    bound = bind(text, bindings or {})
    box: dict[str, Any] = {}
    done, stop = threading.Event(), threading.Event()

    def work() -> None:
        raw = None
        try:
            raw = store.execute(bound, PREFIXES)
            if out is not None:
                tail = Tail(out)
                box["result"] = _stream(raw, tail, out_format)
                if tail.last not in (b"", b"\n"):
                    out.write(b"\n")
            else:
                box["result"] = _collect(raw, row_limit, stop)
        except BaseException as ex:  # handed to the waiting caller, never lost in the thread
            # Without its traceback, so the engine's result objects (which must not leave this thread)
            # are released here rather than wherever the error ends up.
            box["error"] = ex.with_traceback(None)
        finally:
            raw = None
            done.set()

    worker = threading.Thread(target=work, name="kg-query", daemon=True)
    worker.start()
    try:
        finished = done.wait(timeout)
    finally:
        stop.set()  # on a timeout and on Ctrl-C alike: the worker stops at the next row
    if not finished:
        raise QueryError(f"the query was stopped after its time limit of {timeout:g} s; narrow it or add a LIMIT, "
                         "or allow more time with --timeout SECONDS (or KG_QUERY_TIMEOUT)")
    if "error" in box:
        ex = box["error"]
        if isinstance(ex, QueryError):
            raise ex
        if isinstance(ex, (SyntaxError, ValueError, OSError, RuntimeError)):
            raise engine_error(ex) from None
        raise ex
    return box["result"]
