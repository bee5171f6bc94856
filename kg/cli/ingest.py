"""`kg ingest FILE...` drafts claims from new reports; `kg ingest accept DRAFT` merges a reviewed draft."""

from __future__ import annotations

import difflib
from pathlib import Path

import click

from kg import services
from kg.cli import DATA, cli


class _DefaultGroup(click.Group):
    """A group whose first argument, when it is not a subcommand, goes to the `draft` command."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            near = difflib.get_close_matches(args[0], list(self.commands), n=1, cutoff=0.75)
            if near and not Path(args[0]).exists():  # "kg ingest acept DRAFT": a mistyped subcommand, not a report
                raise click.UsageError(f"no such report or subcommand: {args[0]!r} (did you mean {near[0]!r}?)", ctx)
            args = ["draft", *args]
        return super().parse_args(ctx, args)


@cli.group(cls=_DefaultGroup)
def ingest() -> None:
    """Draft sourced claims from new reports, review them, accept them into the knowledge base.

    \b
    Workflow:
      kg ingest report.txt                  writes DATA/drafts/<source-id>.yaml
      (edit it: set each claim's review: accepted or rejected)
      kg ingest accept DATA/drafts/<source-id>.yaml
      kg build
    """


@ingest.command("draft")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["yaml", "json"]), default="yaml", show_default=True,
              help="yaml: write drafts/<source-id>.yaml in the data directory; json: print the draft instead.")
@click.option("--date", help="The publication date (YYYY-MM-DD, YYYY-MM or YYYY), when the text does not give it.")
@click.option("--title", help="The report's title, instead of the one found in the text.")
@click.option("--publisher", help="Who published it, instead of the one found in the text.")
@DATA
def draft(files: tuple[Path, ...], fmt: str, date: str | None, title: str | None, publisher: str | None,
          data_dir: Path | None) -> None:
    """Read plain-text reports (UTF-8) and draft their claims for review (`kg ingest FILE` runs this).

    Each draft holds the source (title, publisher, publication date and how it was found, SHA-256),
    every entity its claims use (new ones marked `new: true`) and the claims, each with its span,
    stance, a confidence and `review: pending`. A copy of the text is kept in the texts directory
    ($KG_TEXTS, default beside the store) so that answers can quote it.

    \b
    Examples:
      kg ingest report.txt
      kg ingest report.txt --format json
      kg ingest undated.txt --date 2024-02-03 --publisher "Example Wire"
    """
    done = services.draft_reports(list(files), data_dir, date=date, title=title, publisher=publisher,
                                  write=fmt == "yaml")
    if fmt == "json":
        click.echo(services.draft_json(done))
        return
    for d in done:
        src, claims = d.draft["source"], d.draft["claims"]
        new = sum(1 for e in d.draft["entities"] if e.get("new"))
        click.echo(f"Wrote {d.path}: {len(claims)} claims, {len(d.draft['entities'])} entities ({new} new)")
        click.echo(f"  source {src['id']}, published {src['published']} ({src['date_basis']})")
        click.echo(f"  review it, then: kg ingest accept {d.path}")


@ingest.command("accept")
@click.argument("draft_file", metavar="DRAFT", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--accept-pending", is_flag=True, help="Accept claims still marked review: pending too.")
@DATA
def accept(draft_file: Path, accept_pending: bool, data_dir: Path | None) -> None:
    """Merge a reviewed draft into the knowledge base: the source, new entities, and its claims.

    Claims marked `review: rejected` are dropped; `pending` ones are refused unless --accept-pending.
    The merged knowledge base is checked before anything is written; on any problem nothing changes.

    \b
    Example:
      kg ingest accept data/drafts/example-wire-2024-02-03.yaml
      kg build
    """
    done = services.accept_draft(draft_file, data_dir, accept_pending)
    click.echo(f"Accepted {done.claims} claims from {draft_file} as source {done.source} "
               f"({done.rejected} rejected, {done.new_entities} new entities)")
    for path in done.written:
        click.echo(f"  wrote {path}")
    click.echo("  now run: kg build")
