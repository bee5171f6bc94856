"""`kg sparql` and `kg query`: user SPARQL, rendered as a table, kg-style data, or the W3C formats."""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path
from typing import BinaryIO

import click
import pyoxigraph as ox

from kg import config, services
from kg.cli import STORE, cli
from kg.cli.render import render, say
from kg.store.queries import PREFIXES
from kg.store.sparql import GRAPH_FORMATS, RESULT_FORMATS, SparqlResult

ROW_FORMATS = ("table", "json", "csv", "ndjson")
FORMATS = ROW_FORMATS + tuple(RESULT_FORMATS) + tuple(GRAPH_FORMATS)
DISPLAY_LIMIT = 1000
"""Rows a table shows unless --limit says otherwise: a screen, not a data dump."""

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SHORT = sorted(((ns, p + ":") for p, ns in PREFIXES.items() if p != "dct"), key=lambda x: -len(x[0]))

_FORMAT = click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
    help="SELECT/ASK: table, json, csv, ndjson, or W3C sparql-json, sparql-xml, sparql-csv, tsv. "
         "CONSTRUCT/DESCRIBE: turtle (the default for graphs), ntriples, jsonld.")
_LIMIT = click.option("--limit", type=click.IntRange(min=0), default=None,
                      help=f"Show at most this many rows (0: all). Default: {DISPLAY_LIMIT} for the table, "
                           "all for the other formats.")
_TIMEOUT = click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=None,
                        help="Stop the query after this many seconds (default 30, or $KG_QUERY_TIMEOUT).")
_SERVICE = click.option("--allow-service", is_flag=True, default=None,
                        help="Let SERVICE send parts of the query to other servers (off: no network; "
                             "or KG_ALLOW_SERVICE=1).")


def _short(iri: str) -> str:
    for ns, prefix in _SHORT:
        if iri.startswith(ns) and iri != ns:
            return prefix + iri[len(ns):]
    return config.shorten(iri)


def _safe(text: str) -> str:
    """No raw control characters on a terminal: they show as \\xNN."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group(0)):02x}", text)


def _cell(term: object, short: bool) -> str:
    if isinstance(term, ox.NamedNode):
        return _short(term.value) if short else term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return getattr(term, "value", "") if term is not None else ""


def _json_value(term: object, entities: dict[str, dict]) -> object:
    if isinstance(term, ox.NamedNode):
        return entities.get(term.value) or _short(term.value)
    if isinstance(term, ox.Literal):
        kind = term.datatype.value.rsplit("#", 1)[-1] if term.datatype else ""
        try:
            if kind in {"integer", "int", "long", "nonNegativeInteger"}:
                return int(term.value)
            if kind in {"decimal", "double", "float"}:
                return float(term.value)
        except ValueError:
            pass
        if kind == "boolean":
            return term.value in {"true", "1"}
    return _cell(term, short=False)


def render_result(result: SparqlResult, fmt: str, store: Path | None) -> None:
    """Print a result in fmt: kg's row formats, a W3C results format, or an RDF syntax for graphs."""
    if result.kind == "graph" and fmt == "table":
        fmt = "turtle"
    if fmt in RESULT_FORMATS or fmt in GRAPH_FORMATS:
        data = result.serialize(fmt)
        sys.stdout.buffer.write(data if not data or data.endswith(b"\n") else data + b"\n")
        sys.stdout.buffer.flush()
        return
    if result.kind == "graph":
        raise click.UsageError(f"CONSTRUCT and DESCRIBE give a graph: use --format {'|'.join(GRAPH_FORMATS)}")
    if result.kind == "ask":
        answer = bool(result.boolean)
        click.echo(json.dumps(answer) if fmt in {"json", "ndjson"} else ("yes" if answer else "no"))
        return
    if fmt in {"json", "ndjson"}:
        entities = services.entity_records(result, store)
        records = [{k: _json_value(v, entities) for k, v in r.items()} for r in result.rows]
        if fmt == "json":
            sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
        else:
            sys.stdout.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    elif fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(result.variables)
        writer.writerows([_cell(r.get(v), short=False) for v in result.variables] for r in result.rows)
    else:
        _table(result)
    if result.truncated:
        say(f"Showed the first {len(result.rows)} of {result.total} rows ({(result.total or 0) - len(result.rows)} "
            "not shown): add --limit 0 for all, or a data format such as --format csv.")


def _table(result: SparqlResult) -> None:
    """Rows through kg's one table layout: fits the terminal, splits no IRI or word (kg.cli.render)."""
    cells = [{v: _cell(r.get(v), short=True) for v in result.variables} for r in result.rows]
    render(cells, "table", [(v, lambda r, v=v: r[v]) for v in result.variables], empty="No rows.")


def _streamed(fmt: str, limit: int | None) -> BinaryIO | None:
    """Standard output, when the result can go there as the engine makes it (W3C and RDF formats)."""
    if (fmt in RESULT_FORMATS or fmt in GRAPH_FORMATS) and not limit:
        return sys.stdout.buffer
    return None


def _row_limit(limit: int | None, fmt: str) -> int | None:
    if limit is None:
        return DISPLAY_LIMIT if fmt == "table" else None
    return limit or None


@cli.command()
@click.argument("text")
@_FORMAT
@_LIMIT
@_TIMEOUT
@_SERVICE
@STORE
def sparql(text: str, fmt: str, limit: int | None, timeout: float | None, allow_service: bool | None,
           store: Path | None) -> None:
    """Run a read-only SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) over the whole graph.

    The default graph is the union of all graphs, each fact once; GRAPH ?claim { ... } reaches the
    claim behind a fact. Predefined prefixes: kg: rdf: rdfs: skos: prov: dct: dcterms: xsd: oa: owl:.
    Updates are refused, SERVICE too unless --allow-service; queries stop after --timeout seconds.

    \b
    Examples:
      kg sparql 'SELECT ?g ?u WHERE { ?g kg:memberOf ?u }'
      kg sparql 'ASK { ?g kg:backedBy ?b }'
      kg sparql 'CONSTRUCT WHERE { ?g kg:memberOf ?u }' --format turtle
      kg sparql 'SELECT ?g WHERE { ?g a kg:ArmedGroup }' --format sparql-json
    """
    stream = _streamed(fmt, limit)
    result = services.sparql_query(text, timeout=timeout, row_limit=_row_limit(limit, fmt), store=store,
                                   allow_service=allow_service, out=stream, out_format=fmt)
    if stream is None:
        render_result(result, fmt, store)


@cli.command()
@click.argument("name_or_file")
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE",
              help="Bind a parameter; entity parameters take a name, as elsewhere. Repeatable.")
@_FORMAT
@_LIMIT
@_TIMEOUT
@_SERVICE
@STORE
def query(name_or_file: str, params: tuple[str, ...], fmt: str, limit: int | None, timeout: float | None,
          allow_service: bool | None, store: Path | None) -> None:
    """Run a named query from queries/ (see `kg queries`) or a .rq file, with bound parameters.

    Parameters are bound as values (a VALUES block), never pasted into the query text.

    \b
    Examples:
      kg query who_backs --param group=Nujaba
      kg query claims_by_source --param stance=alleged --format csv
      kg query ./my-question.rq --format sparql-json
    """
    stream = _streamed(fmt, limit)
    result, resolved = services.named_query(name_or_file, list(params), timeout=timeout,
                                            row_limit=_row_limit(limit, fmt), store=store,
                                            allow_service=allow_service, out=stream, out_format=fmt)
    for res in resolved:
        if res.how != "id":
            say(f"Using {res.entity.label} ({res.entity.id}, {res.entity.cls}) for {res.query!r}")
    if stream is None:
        render_result(result, fmt, store)
