"""`kg serve`: the web app and SPARQL endpoint (Starlette and uvicorn are imported only when it runs)."""

from __future__ import annotations

import os
from pathlib import Path

import click

from kg.cli import STORE, cli


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but loopback exposes the graph to the network.")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=None,
              help="Time limit per SPARQL query in seconds (default: $KG_QUERY_TIMEOUT or 30).")
@click.option("--row-limit", type=click.IntRange(min=1), default=10000, show_default=True,
              help="Most rows (or triples) one SPARQL answer may hold.")
@click.option("--texts", type=click.Path(path_type=Path, file_okay=False), envvar="KG_TEXTS", show_envvar=True,
              help="Folder of the source texts: each fact's page then quotes the span it rests on.")
@STORE
def serve(host: str, port: int, timeout: float | None, row_limit: int, texts: Path | None, store: Path | None) -> None:
    """Serve the graph in a browser, and as a SPARQL 1.1 Protocol endpoint at /sparql.

    Read-only: pages for search, each entity (with who backs it and the reports behind every fact),
    events (filterable, downloadable), the interactive graph and named queries; every page is also
    JSON (add .json). Listens on loopback only unless --host says otherwise. Stop with Ctrl-C.

    \b
    Examples:
      kg serve                              # then open http://127.0.0.1:8080/
      kg serve --port 9000 --store /tmp/kg
      kg serve --texts ../shared/seeds            # quote each claim's span from the reports
      curl -H 'Accept: text/csv' 'http://127.0.0.1:8080/sparql?query=SELECT%20*%20WHERE%20%7B?s%20?p%20?o%7D%20LIMIT%205'
    """
    from kg.web.protocol import Limits
    from kg.web.server import is_loopback
    from kg.web.server import serve as run

    limit = timeout if timeout is not None else float(os.environ.get("KG_QUERY_TIMEOUT") or 30)
    if not is_loopback(host):
        click.echo(f"Warning: listening on {host}: anyone who can reach this machine can read the graph.", err=True)
    click.echo(f"kg serve: http://{'[' + host + ']' if ':' in host else host}:{port}/ (Ctrl-C stops)", err=True)
    run(host, port, store, Limits(timeout=limit, row_limit=row_limit), texts)
