"""The command line: a thin layer that parses options, calls one service function and renders its result.

Only this package imports click. Every KGError becomes `Error: ...` on stderr with its exit code (1, or
2 for a usage mistake); anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import errno
import os
import re
import sys
import threading
from pathlib import Path

import click

from kg import __version__, services
from kg.errors import KGError
from kg.exports import FORMATS
from kg.files import write_output


class _Group(click.Group):
    def invoke(self, ctx: click.Context):  # type: ignore[no-untyped-def]
        try:
            return super().invoke(ctx)
        except KGError as ex:
            from kg.cli.render import safe

            click.echo(f"Error: {safe(str(ex), keep_newlines=True)}", err=True)
            ctx.exit(ex.exit_code)


class StoreLocation(click.ParamType):
    """A store directory, or the http(s) URL of a SPARQL endpoint (kept as text: a Path would mangle it)."""

    name = "DIR|URL"
    _dir = click.Path(path_type=Path, file_okay=False)

    def convert(self, value, param, ctx):  # type: ignore[no-untyped-def]
        if isinstance(value, str) and re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", value):
            from kg.store.endpoint import check_url

            try:
                return check_url(value)  # http and https only: never a folder called "ftp:"
            except KGError as ex:
                self.fail(str(ex), param, ctx)
        return self._dir.convert(value, param, ctx)


STORE = click.option(
    "--store", type=StoreLocation(), envvar="KG_STORE", show_envvar=True,
    help="Store directory (default: ~/.local/share/kg/store), or the URL of a SPARQL server's query "
         "endpoint (credentials from KG_STORE_USER and KG_STORE_PASSWORD).",
)
DATA = click.option(
    "--data", "data_dir", type=click.Path(path_type=Path, file_okay=False), envvar="KG_DATA", show_envvar=True,
    help="Knowledge-base directory (default: the bundled data/).",
)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def cli() -> None:
    """kg: a knowledge graph of armed actors, their backers and their attacks, every fact sourced.

    \b
    Start with:
      kg build                      compile data/ into the store
      kg validate                   check the store against the SHACL shapes
      kg sources verify DIR         check every claim against the report texts in DIR
      kg export --format trig       the whole graph with provenance
    """


@cli.command()
@DATA
@STORE
@click.option("--update-url", envvar="KG_UPDATE_URL", show_envvar=True, metavar="URL",
              help="A server's update endpoint, where it is not beside the query endpoint "
                   "(default: /update in place of /query, else the query URL).")
@click.option("--graph-store-url", envvar="KG_GRAPH_STORE_URL", show_envvar=True, metavar="URL",
              help="Upload to this Graph Store Protocol endpoint as N-Quads (Oxigraph: /store), faster than "
                   "SPARQL INSERT DATA; the switch still goes through the update endpoint.")
def build(data_dir: Path | None, store: Path | str | None, update_url: str | None,
          graph_store_url: str | None) -> None:
    """Validate the knowledge base and compile it into the store.

    Reads entities, sources and claims from the data directory, checks them (ids, properties, dates,
    spans, SHACL shapes), compiles one named graph per claim plus a provenance graph, and loads them
    into an Oxigraph store on disk. The previous store stays in place until the new one is complete,
    so a failed or interrupted build changes nothing.

    Without --data, a store is rebuilt from the data it was built from (a new store: the bundled
    data, or KG_DATA). The store directory must be new, empty or a store kg built: kg never writes
    into, or deletes from, a directory it does not own.

    With --store URL, the same checked graph is loaded into a SPARQL server: in batches, under new
    graph names, switched live in one request once it is all there (see README, "A SPARQL server").

    \b
    Example:
      kg build
      kg build --data ./my-data --store /tmp/kg-store
      kg build --store http://127.0.0.1:7878/query --graph-store-url http://127.0.0.1:7878/store
    """
    _built(services.build(data_dir, store, update_url=update_url, graph_store_url=graph_store_url))


def _built(report: services.BuildReport) -> None:
    c = report.manifest.counts
    where = (f"generation {report.manifest.generation} on the server" if isinstance(report.store, str)
             else f"{report.size_bytes / 1e6:.1f} MB on disk")
    click.echo(f"Built {report.store} in {report.seconds:.2f} s ({where})")
    click.echo(f"  from {report.manifest.data_dir}")
    click.echo(f"  {c['entities']} entities, {c['sources']} sources, {c['claims']} claims, "
               f"{c['facts']} facts, {c['quads']} quads")
    click.echo("  entities: " + ", ".join(f"{k} {v}" for k, v in c["entities_by_class"].items()))
    click.echo("  claims:   " + ", ".join(f"{k} {v}" for k, v in c["claims_by_stance"].items()))


@cli.command()
@STORE
def validate(store: Path | None) -> None:
    """Check the built store against the SHACL shapes (ontology/shapes.ttl).

    Lists each violation (the node, the property, the reason) and exits 1 if there is any.

    \b
    Example:
      kg validate
    """
    violations = services.validate(store)
    for v in violations:
        click.echo(f"{v.severity}: {v}")
    if violations:
        raise KGError(f"{len(violations)} SHACL violation{'s' if len(violations) != 1 else ''}")
    click.echo("The store conforms to the SHACL shapes.")


@cli.group()
def sources() -> None:
    """Check claims against the report texts, and find spans in a text."""


@sources.command("verify")
@click.argument("text_dir", type=click.Path(path_type=Path), required=False)
@DATA
def sources_verify(text_dir: Path | None, data_dir: Path | None) -> None:
    """Check every source's hash and every claim's span against the texts in TEXT_DIR.

    Without TEXT_DIR, the texts directory ($KG_TEXTS, default `texts/` beside the store, where
    `kg ingest` keeps a copy of each report).

    A claim passes when its span lies inside the text and names its subject and each entity it points
    to (by label, alias or, for an event, a mention). Prints each failure; exits 1 if any.

    \b
    Example:
      kg sources verify ../shared/seeds
      kg sources verify
    """
    result = services.verify(text_dir or services.texts_dir(), data_dir)
    for f in result.failures:
        click.echo(f"FAIL {f.where}: {f.item}: {f.reason}")
    ok = result.claims_checked - sum(1 for f in result.failures if "/" in f.item)
    click.echo(f"{result.sources_checked} sources, {ok} of {result.claims_checked} claims verified")
    if result.failures:
        raise KGError(f"{len(result.failures)} failure{'s' if len(result.failures) != 1 else ''}")


@sources.command("locate")
@click.argument("text_file", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("phrase")
def sources_locate(text_file: Path, phrase: str) -> None:
    """Print the character offsets [start, end) of PHRASE in TEXT_FILE, for a claim's span.

    Exact matches first; if there are none, matches ignoring case; if still none, the error names
    the closest passage (a typo, a different apostrophe) with its offsets.

    \b
    Example:
      kg sources locate ../shared/seeds/002_a9f3002281662087.txt "Kataib Hezbollah"
    """
    hits = services.locate_in_file(text_file, phrase)
    if not hits:
        near = services.near_miss(text_file, phrase)
        hint = f"; closest: [{near[0]}, {near[1]}] {near[2]!r}" if near else ""
        raise KGError(f"{phrase!r} does not occur in {text_file}{hint}")
    for start, end in hits:
        click.echo(f"[{start}, {end}]")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="trig", show_default=True,
              help="RDF: trig, nq and jsonld keep one graph per claim, ttl is the union. "
                   "Network (Gephi): graphml, gexf. Events: csv, an ACLED-style table.")
@click.option("-o", "--output", default="-", show_default=True, metavar="FILE",
              help="Write to this file (- is standard output; a device or FIFO is written to, never replaced).")
@STORE
def export(fmt: str, output: str, store: Path | None) -> None:
    """Write the whole graph: RDF with provenance, a network for Gephi, or an event table.

    \b
    Examples:
      kg export --format trig -o output/kg.trig
      kg export --format nq | gzip > kg.nq.gz
      kg export --format gexf -o output/kg.gexf
      kg export --format csv -o output/events.csv
    """
    write_output(output, lambda out: services.export(fmt, out, store))
    if output != "-" and Path(output).is_file():
        click.echo(f"Wrote {output} ({Path(output).stat().st_size / 1e3:.0f} kB, {fmt})", err=True)


def main() -> None:
    """The `kg` command: user mistakes end as one `Error:` line, never a traceback.

    Exit codes: 0 done, 1 an error (or, quietly, the reader of standard output went away, as in
    `kg ... | head -1`), 2 a usage mistake or a name that does not resolve, 130 interrupted (Ctrl-C).
    """
    if sys.stdout is None:  # started with standard output closed (`kg ... >&-`)
        _fail("standard output is closed", 1)
    try:
        code = cli.main(prog_name="kg", standalone_mode=False)
        sys.stdout.flush()
    except click.ClickException as ex:
        ex.show()
        code = ex.exit_code
    except (click.Abort, KeyboardInterrupt):
        if any(t.name == "kg-query" and t.is_alive() for t in threading.enumerate()):
            # A query the engine is still computing cannot be stopped before its next row, and the exit
            # would wait for it; a query only reads, so leave at once.
            _fail("interrupted", 130, at_once=True)
        _fail("interrupted", 130)
    except BrokenPipeError:
        # Point stdout at /dev/null so that the interpreter's own flush at exit stays quiet.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    except OSError as ex:
        if ex.errno not in (errno.ENOSPC, errno.EBADF, errno.EIO, errno.EDQUOT):
            raise
        _fail(f"cannot write the output: {ex.strerror}", 1)
    sys.exit(code if isinstance(code, int) else 0)


def _fail(message: str, code: int, at_once: bool = False) -> None:
    try:
        sys.stderr.write(f"Error: {message}\n")
        sys.stderr.flush()
    except (OSError, AttributeError):
        pass
    if at_once:
        try:
            sys.stdout.flush()
        except (OSError, ValueError, AttributeError):
            pass
        os._exit(code)
    try:  # nothing more may reach a broken stdout when the interpreter exits
        os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    except OSError:
        pass
    sys.exit(code)


# The query commands register themselves on `cli`; imported last, once `cli` exists.
from kg.cli import (
    ask,  # noqa: E402,F401
    events,  # noqa: E402,F401
    geo,  # noqa: E402,F401
    imports,  # noqa: E402,F401
    ingest,  # noqa: E402,F401
    network,  # noqa: E402,F401
    serve,  # noqa: E402,F401
    setup,  # noqa: E402,F401
    sparql,  # noqa: E402,F401
    truth,  # noqa: E402,F401
)
