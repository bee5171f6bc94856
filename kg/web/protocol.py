"""The SPARQL 1.1 Protocol at /sparql: query by GET, POST form or POST body; results by Accept or format=.

Execution is kg.services.sparql_query's (limits, read-only, SERVICE refused); this module only reads
the request, picks the result format and maps errors to HTTP statuses:
400 a query that cannot run, 403 an update sent to this read-only endpoint, 406 a format= that does not
fit the result, 415 a body in another media type,
413 a result larger than the server's row limit, 503 the time limit.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import parse_qsl

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from kg import services
from kg.store.queries import QueryError

# media type -> result format of sparql_query's serialize, per kind of result
TABULAR = {"application/sparql-results+json": "sparql-json", "application/sparql-results+xml": "sparql-xml",
           "text/csv": "sparql-csv", "text/tab-separated-values": "tsv", "application/json": "sparql-json",
           "application/xml": "sparql-xml", "text/xml": "sparql-xml"}
GRAPH = {"text/turtle": "turtle", "application/n-triples": "ntriples", "application/ld+json": "jsonld",
         "text/plain": "ntriples", "application/x-turtle": "turtle"}
SHORT = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml", "csv": "text/csv",
         "tsv": "text/tab-separated-values", "turtle": "text/turtle", "ttl": "text/turtle",
         "ntriples": "application/n-triples", "nt": "application/n-triples", "jsonld": "application/ld+json",
         "json-ld": "application/ld+json"}
CHARSET = {"sparql-json": "", "jsonld": ""}


@dataclass(frozen=True)
class Limits:
    timeout: float = 30.0
    row_limit: int = 10000


class ProtocolError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


async def read_query(request: Request) -> str | None:
    """The query text of a request, or None for a GET with no query (the HTML page is wanted)."""
    if request.method == "GET":
        if "update" in request.query_params:
            raise ProtocolError(403, "this endpoint is read-only: SPARQL updates are refused")
        return request.query_params.get("query")
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await read_body(request)
    if ctype == "application/sparql-update":
        raise ProtocolError(403, "this endpoint is read-only: SPARQL updates are refused")
    if ctype == "application/sparql-query":
        return body.decode("utf-8", errors="replace")
    if ctype == "application/x-www-form-urlencoded":
        form = dict(parse_qsl(body.decode("utf-8", errors="replace"), keep_blank_values=True))
        if "update" in form:
            raise ProtocolError(403, "this endpoint is read-only: SPARQL updates are refused")
        if "query" not in form:
            raise ProtocolError(400, "a form POST needs a query= field")
        return form["query"]
    raise ProtocolError(415, "POST a query as application/sparql-query or as an "
                             "application/x-www-form-urlencoded form with query=")


MAX_BODY = 1_000_000
"""Bytes of a POSTed query; a query longer than this is a mistake or an attack, not a question."""


async def read_body(request: Request) -> bytes:
    """The request body, refused (413) as soon as it is known to exceed MAX_BODY."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY:
        raise ProtocolError(413, f"the query is longer than {MAX_BODY} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise ProtocolError(413, f"the query is longer than {MAX_BODY} bytes")
    return bytes(body)


def choose(accept: str, fmt: str | None, table: dict[str, str]) -> tuple[str, str]:
    """The media type and serialize() format to answer with: format= wins over Accept."""
    if fmt:
        media = SHORT.get(fmt.lower(), fmt.lower())
        if media not in table:
            raise ProtocolError(406, f"format={fmt!r} does not fit this result; use one of: "
                                     + ", ".join(k for k, v in SHORT.items() if v in table))
        return media, table[media]
    ranked: list[tuple[float, int, str]] = []
    for i, part in enumerate(accept.split(",")):
        bits = [b.strip() for b in part.split(";")]
        q = 1.0
        for b in bits[1:]:
            if b.startswith("q="):
                try:
                    q = float(b[2:])
                except ValueError:
                    q = 0.0
        if bits[0] and q > 0:
            ranked.append((-q, i, bits[0].lower()))
    if not ranked:
        ranked = [(-1.0, 0, "*/*")]
    for _, _, media in sorted(ranked):
        if media in table:
            return media, table[media]
        if media in ("*/*", "application/*", "text/*"):
            first = next(m for m in table if media == "*/*" or m.startswith(media[:-1]))
            return first, table[first]
    # Nothing accepted fits this kind of result (a client asking for result tables gets a CONSTRUCT):
    # answer in the kind's first format, as HTTP allows, rather than fail a well-meant query.
    first = next(iter(table))
    return first, table[first]


async def answer(request: Request, text: str, limits: Limits, store: object) -> Response:
    started = time.monotonic()
    try:
        result = await run_in_threadpool(services.sparql_query, text, timeout=limits.timeout,
                                         row_limit=limits.row_limit + 1, store=store)
    except QueryError as ex:
        if time.monotonic() - started >= limits.timeout * 0.95:
            raise ProtocolError(503, f"{ex} (the server's time limit is {limits.timeout:g} s)") from None
        message = str(ex)
        # Federation is refused as forbidden (the query is fine, this server will not run it).
        raise ProtocolError(403 if "SERVICE" in message else 400, message) from None
    if result.truncated or len(result.rows) + len(result.triples) > limits.row_limit:
        raise ProtocolError(413, f"the result has more than {limits.row_limit} rows, this server's limit; "
                                 "add a LIMIT or narrow the query")
    media, fmt = choose(request.headers.get("accept", "*/*"), request.query_params.get("format"),
                        GRAPH if result.kind == "graph" else TABULAR)
    body = result.serialize(fmt)
    charset = "" if fmt in CHARSET else "; charset=utf-8"
    return Response(body, headers={"content-type": media + charset, "vary": "Accept"})


def error(ex: ProtocolError) -> Response:
    return PlainTextResponse(f"Error: {ex}\n", status_code=ex.status)
