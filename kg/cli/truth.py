"""How far the record can be trusted: `kg figures` and `kg disputes`."""

from __future__ import annotations

from pathlib import Path

import click

from kg import services
from kg.ask.disputes import version_text
from kg.cli import STORE, cli
from kg.cli.ask import FORMAT, _report
from kg.cli.render import Column, render, sources_text


def _period(r: dict) -> str:
    start, end = r.get("period_start"), r.get("period_end")
    if start and end:
        return f"{start} to {end}"
    if start:
        return f"since {start}"
    return f"to {end}" if end else ""


FIGURE_TABLE: list[Column] = [
    ("Figure", lambda r: r["figure"]), ("Value", lambda r: r["text"]),
    ("Sources", lambda r: sources_text(r["sources"])),
]
FIGURE_COLUMNS: list[Column] = [
    ("Figure", lambda r: r["figure"]), ("Id", lambda r: r["figure"]["id"]), ("Value", lambda r: r["value"]),
    ("Qualifier", lambda r: r["qualifier"]), ("As given", lambda r: r["text"]), ("Counts", lambda r: r["counts"]),
    ("Where", lambda r: r["places"]), ("Period", _period), ("Actors", lambda r: r["actors"]),
    ("Targets", lambda r: r["targets"]), ("Events", lambda r: r["events"]),
    ("Sources", lambda r: sources_text(r["sources"])),
]


@cli.command()
@click.argument("name", required=False)
@FORMAT
@STORE
def figures(name: str | None, fmt: str, store: Path | None) -> None:
    """The numbers the reports give: attacks since a date, troops, convoys hit, groups counted.

    Each figure with its qualifier (at least, about, more than, exactly, up to, or a position such as
    "the 144th"), place, period, the actors or events it counts, and the reports behind it with their
    stance. With NAME, only that figure, or the figures a place, actor or event is counted in.

    \b
    Examples:
      kg figures
      kg figures "United States Armed Forces" --format json
      kg figures Syria --format csv
    """
    answer = services.figures(name, store)
    _report(answer)
    render(answer.records, fmt, FIGURE_TABLE if fmt == "table" else FIGURE_COLUMNS,
           empty=f"No figures about {name!r}." if name else "No figures in the graph.")


DISPUTE_COLUMNS: list[Column] = [
    ("Subject", lambda r: r["subject"]), ("Disputed", lambda r: r["kind"]),
    ("Versions", lambda r: " | ".join(f"{version_text(v)}: {sources_text(v['sources'])}" for v in r["versions"])),
]


@cli.command()
@click.argument("name", required=False)
@FORMAT
@STORE
def disputes(name: str | None, fmt: str, store: Path | None) -> None:
    """Facts on which the reports disagree, each version with the reports behind it.

    Event dates that cannot be the same day, differing tolls (killed, wounded, munitions), events put
    down to different actors, figures given different values, and facts one report gives and another
    denies. With NAME, only disputes about that entity or naming it in a version.

    \b
    Examples:
      kg disputes
      kg disputes "Kataib Hezbollah"
      kg disputes al-asad-air-base --format json
    """
    answer = services.disputes(name, store)
    _report(answer)
    render(answer.records, fmt, DISPUTE_COLUMNS,
           empty=f"No disputes about {name!r}." if name else "No disputes in the graph.")
