"""`kg map`: the events on a map, one offline HTML file."""

from __future__ import annotations

from pathlib import Path

import click

from kg import services
from kg.cli import STORE, cli


@cli.command("map")
@click.option("--since", help="Leave out events before this date (YYYY[-MM[-DD]]).")
@click.option("--until", help="Leave out events after this date.")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=Path("output/map.html"),
              show_default=True, help="Where to write the page.")
@STORE
def map_(since: str | None, until: str | None, output: Path, store: Path | None) -> None:
    """Write a map of the events as one HTML file that works offline.

    Events are circles coloured by type and sized by the lowest death toll reported; the page filters
    them by date and type, and a click lists each fact with its reports. Country outlines are
    bundled (Natural Earth), so no map tiles or network are needed. Points come from the gazetteer
    source: a facility sits at its nearest town (geo precision 2), a province at its capital (3).

    \b
    Examples:
      kg map
      kg map --since 2024-01 -o output/january.html
    """
    _, placed, unplaced = services.event_map(output, since, until, store)
    click.echo(f"Wrote {output} ({placed} events on the map, {unplaced} without a place with coordinates)")
