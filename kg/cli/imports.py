"""kg import: event datasets added to the knowledge base in bulk (ACLED's CSV format)."""

from __future__ import annotations

from pathlib import Path

import click

from kg import services
from kg.cli import DATA, cli


def _safe(text: str) -> str:
    """Names from a CSV reach the terminal as text: control characters are shown escaped, never sent."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


@cli.group("import")
def import_() -> None:
    """Add event datasets to the knowledge base in bulk."""


@import_.command("acled")
@click.argument("csv_file", type=click.Path(path_type=Path, dir_okay=False))
@DATA
@click.option("--skip-bad-rows", is_flag=True, help="Import the good rows and list the malformed ones skipped.")
@click.option("--id", "dataset_id", help="The dataset's id, which its claims are cited by (default: from the file name).")
@click.option("--title", help="How the dataset is cited (default: 'ACLED events: FILE').")
def acled(csv_file: Path, data_dir: Path | None, skip_bad_rows: bool, dataset_id: str | None,
          title: str | None) -> None:
    """Register an ACLED export (CSV, ACLED's columns) as a dataset source of the knowledge base.

    Every row is checked (dates as YYYY-MM-DD or DD Month YYYY, precision codes, coordinates,
    fatalities); a malformed row is reported with its line and nothing is imported, unless
    --skip-bad-rows is given. The file is registered in datasets.yaml (path, SHA-256, row count), not
    copied: `kg build` then reads its rows into events, each a claim citing the dataset and the row.
    Actors resolve to existing entities by name (ACLED's "(2021-)" years and "Military Forces of X"
    undone); add an ACLED spelling as an alias to map it onto an entity of yours.

    \b
    Example:
      kg import acled ~/Downloads/acled-iraq-2024.csv
      kg import acled events.csv --data ./my-data --skip-bad-rows
      kg build
    """
    report = services.import_acled(csv_file, data_dir, skip_bad_rows, dataset_id, title)
    ds = report.dataset
    events = ", ".join(f"{k} {v}" for k, v in report.events.items()) or "none"
    new = ", ".join(f"{k} {v}" for k, v in report.new_entities.items()) or "none"
    out = [f"Registered {csv_file} as dataset '{ds.id}' in {report.registry}",
           f"  {ds.rows - len(report.skipped)} rows imported; events: {events}",
           f"  {len({e for e in report.matched.values()})} known entities matched by "
           f"{len(report.matched)} ACLED spellings; new entities: {new}"]
    out += [f"    {spelling} -> {eid}" for spelling, eid in list(report.matched.items())[:10]]
    if report.skipped:
        out.append(f"Skipped {len(report.skipped)} bad row{'s' if len(report.skipped) != 1 else ''}:")
        out += [f"  {csv_file}:{line}: {reason}" for line, reason in report.skipped]
    out.append("Run `kg build` to load it into the store.")
    for line in out:
        click.echo(_safe(line))
