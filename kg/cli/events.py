"""The event commands: events (filtered) and timeline (the chronology, and its picture)."""

from __future__ import annotations

from pathlib import Path

import click

from kg import services
from kg.cli import STORE, cli
from kg.cli.ask import FORMAT, QUOTES, _print_quotes, _report
from kg.cli.render import Column, labels, render, sources_text
from kg.cli.setup import complete_entity

EVENT_COLUMNS: list[Column] = [
    ("Date", lambda r: r["date"] or "?"), ("Type", lambda r: r["type"]), ("Event", lambda r: r["event"]),
    ("By", lambda r: labels(r["perpetrators"] + r["claimed_by"] + r["attributed_to"])),
    ("Targets", lambda r: labels(r["targets"])), ("Places", lambda r: labels(r["places"])),
    ("Weapons", lambda r: labels(r["weapons"])),
    ("Killed", lambda r: labels(r["killed"], "value")), ("Wounded", lambda r: labels(r["wounded"], "value")),
    ("Responds to", lambda r: labels(r["responds_to"])), ("Sources", lambda r: sources_text(r["sources"])),
]
EVENT_OPTIONAL = ("Wounded", "Weapons", "Responds to", "Answered by", "Type", "Places", "Sources")
EVENT_TYPES = ["attack", "strike", "assassination-attempt"]
SINCE = click.option("--since", help="Events on or after this date (YYYY[-MM[-DD]]).")
UNTIL = click.option("--until", help="Events on or before this date (YYYY[-MM[-DD]]).")


@cli.command()
@click.option("--type", "type_", type=click.Choice(EVENT_TYPES, case_sensitive=False),
              help="Only events of this kind (any case).")
@click.option("--actor", shell_complete=complete_entity, help="Events carried out, claimed or attributed to this actor.")
@click.option("--role", type=click.Choice(["perpetrator", "claimed", "attributed"]),
              help="With --actor: only this role.")
@click.option("--target", shell_complete=complete_entity, help="Events aimed at this actor or place (or a place inside it).")
@click.option("--place", shell_complete=complete_entity, help="Events at this place or anywhere inside it.")
@click.option("--weapon", shell_complete=complete_entity, help="Events with this weapon or a narrower kind of it.")
@SINCE
@UNTIL
@QUOTES
@FORMAT
@STORE
def events(type_: str | None, actor: str | None, role: str | None, target: str | None, place: str | None,
           weapon: str | None, since: str | None, until: str | None, quotes: bool, fmt: str,
           store: Path | None) -> None:
    """Events matching every filter given, by date, each with its sources.

    An event that reports date differently is listed at its earliest date; JSON gives every date
    with its sources.

    \b
    Examples:
      kg events --type strike --target "Kataib Hezbollah"
      kg events --place al-Asad --since 2024
      kg events --actor KH --role claimed --format json
      kg events --place al-Asad --since 2024 --quotes
    """
    if role and not actor:
        raise click.UsageError("--role narrows --actor: give --actor too")
    answer = services.events(type_, actor, role, target, place, weapon, since, until, store)
    _report(answer)
    if quotes:
        services.add_quotes(answer.records, store)
    render(answer.records, fmt, EVENT_COLUMNS, empty="No events match.", optional=EVENT_OPTIONAL)
    if quotes and fmt == "table":
        _print_quotes(answer.records)


@cli.command()
@click.argument("name", required=False, shell_complete=complete_entity)
@click.option("--plot", type=click.Path(path_type=Path, dir_okay=False),
              help="Draw the events over time, by type and actor, to this file (.png, .svg or .pdf).")
@SINCE
@UNTIL
@FORMAT
@STORE
def timeline(name: str | None, plot: Path | None, since: str | None, until: str | None, fmt: str,
             store: Path | None) -> None:
    """The chronology of events (all, or those NAME took part in), with responses shown.

    A strike that answered an attack appears under "Responds to"; the attack lists it under
    "Answered by".

    \b
    Examples:
      kg timeline
      kg timeline "Kataib Hezbollah" --format csv
      kg timeline --since 2024-01 --until 2024-02
      kg timeline --plot output/timeline.svg
    """
    if plot is not None:
        answer, drawn = services.timeline_plot(plot, name, store, since, until)
        _report(answer)
        click.echo(f"Wrote {plot} ({drawn} events)", err=True)
        return
    answer = services.timeline(name, store, since, until)
    _report(answer)
    columns = EVENT_COLUMNS[:-1] + [("Answered by", lambda r: labels(r["answered_by"])), EVENT_COLUMNS[-1]]
    render(answer.records, fmt, columns, empty="No events.", optional=EVENT_OPTIONAL)
