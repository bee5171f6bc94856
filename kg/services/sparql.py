"""User SPARQL: the one entry for ad hoc queries (`kg sparql`, `kg query`, the web app's /sparql)."""

from __future__ import annotations

import os
from typing import BinaryIO

import pyoxigraph as ox

from kg.ask.answers import Graph
from kg.ask.resolve import ID_PREFIX, Resolution
from kg.config import query_timeout
from kg.errors import UsageError
from kg.services.build import ensure_store
from kg.store import Location, Term, open_store, queries
from kg.store.sparql import SparqlResult, run_user

__all__ = ["SparqlResult", "entity_records", "named_query", "query_timeout", "sparql_query"]


def _allow_service(allow: bool | None) -> bool:
    return allow if allow is not None else os.environ.get("KG_ALLOW_SERVICE", "") == "1"


def sparql_query(text: str, *, timeout: float | None = None, row_limit: int | None = None,
                 store: Location | None = None, allow_service: bool | None = None,
                 out: BinaryIO | None = None, out_format: str = "sparql-json") -> SparqlResult:
    """Run a read-only SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) over the whole graph, within limits.

    With `out`, the result is streamed there in out_format (sparql-json|sparql-xml|sparql-csv|tsv, or
    turtle|ntriples|jsonld for graphs) rather than returned: for results of any size.
    """
    limit = query_timeout(timeout)
    return run_user(open_store(ensure_store(store), timeout=limit), text, timeout=limit, row_limit=row_limit,
                    allow_service=_allow_service(allow_service), out=out, out_format=out_format)


def named_query(name_or_file: str, params: list[str], *, timeout: float | None = None,
                row_limit: int | None = None, store: Location | None = None, allow_service: bool | None = None,
                out: BinaryIO | None = None, out_format: str = "sparql-json") -> tuple[SparqlResult, list[Resolution]]:
    """A named query (or a .rq file) with --param key=value bound; entity parameters take names."""
    q = queries.load_query(name_or_file)
    limit = query_timeout(timeout)
    g = Graph(open_store(ensure_store(store), timeout=limit))
    bindings: dict[str, Term] = {}
    resolved = []
    for item in params:
        key, sep, value = item.partition("=")
        key = key.strip().lstrip("?$")
        if not sep or not key:
            raise UsageError(f"--param takes key=value, not {item!r}")
        if q.params and key not in q.params:
            raise UsageError(f"query {q.name!r} has no parameter {key!r} (it takes: {', '.join(q.params) or 'none'})")
        param = q.params.get(key) or queries.Param(key, "string", True)
        if param.type == "entity":
            res = g.resolve(value)
            resolved.append(res)
            bindings[key] = ox.NamedNode(res.entity.iri)
        else:
            bindings[key] = queries.literal_for(param, value)
    missing = [p.name for p in q.params.values() if not p.optional and p.name not in bindings]
    if missing:
        raise UsageError(f"query {q.name!r} needs --param {missing[0]}=VALUE")
    result = run_user(g.store, q.text, timeout=limit, row_limit=row_limit, bindings=bindings,
                      allow_service=_allow_service(allow_service), out=out, out_format=out_format)
    return result, resolved


def entity_records(result: SparqlResult, store: Location | None = None) -> dict[str, dict]:
    """{id, label, class} for each entity IRI in the rows, for JSON output."""
    iris = {t.value for r in result.rows for t in r.values()
            if isinstance(t, ox.NamedNode) and t.value.startswith(ID_PREFIX)}
    if not iris:
        return {}
    g = Graph(open_store(ensure_store(store)))
    return {iri: g.ref(iri) for iri in iris}
