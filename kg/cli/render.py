"""Render records as an aligned table (rich), JSON or CSV. One place for all output formats.

Table cells are rich Text objects, never markup strings, so text from the data ("[bold]", "<script>")
prints as itself. Colour only on a terminal, and never when NO_COLOR is set (rich honours both).
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

Column = tuple[str, Callable[[dict], Any]]
FORMATS = ("table", "json", "csv")


def label(entity: Any) -> str:
    if isinstance(entity, dict) and "label" in entity:
        return str(entity["label"])
    return "" if entity is None else str(entity)


def labels(values: list[Any], key: str = "entity") -> str:
    return "; ".join(label(v[key] if isinstance(v, dict) and key in v else v) for v in values)


def source_text(s: dict) -> str:
    who = f" by {s['asserted_by']['label']}" if "asserted_by" in s else ""
    publisher = s["publisher"] if s["publisher"] != "unknown" else s["id"]
    return f"{publisher} {s['date']}: {s['stance']}{who}"


def sources_text(sources: list[dict]) -> str:
    return "; ".join(source_text(s) for s in sources)


def links_text(record: dict) -> str:
    """The sources of a chain, link by link: "memberOf: NPR 2019-12-12: reported | backedBy: ..."."""
    return " | ".join(f"{link['predicate']}: {sources_text(link['sources'])}" for link in record["links"])


def plain(value: Any) -> str:
    """A cell as plain text: entities by label, lists joined, values with their sources dropped."""
    if isinstance(value, dict):
        for key in ("label", "entity", "date", "value"):
            if key in value:
                return plain(value[key])
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "; ".join(plain(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else str(value)


def console(err: bool = False) -> Console:
    return Console(stderr=err, highlight=False, soft_wrap=False)


def render(records: list[dict], fmt: str, columns: list[Column], empty: str = "No results.") -> None:
    if fmt == "json":
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
        return
    if fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow([h for h, _ in columns])
        for r in records:
            writer.writerow([plain(get(r)) for _, get in columns])
        return
    if not records:
        console(err=True).print(Text(empty))
        return
    table = Table(show_lines=False, header_style="bold", expand=False)
    for header, _ in columns:
        table.add_column(header, overflow="fold")
    for r in records:
        table.add_row(*(Text(plain(get(r))) for _, get in columns))
    console().print(table)


def say(message: str) -> None:
    """A note for the reader on stderr (which entity a name resolved to), kept out of piped output."""
    Console(stderr=True, highlight=False, soft_wrap=True).print(Text(message), style="dim")


def lines(texts: list[str]) -> None:
    out = console()
    for t in texts:
        out.print(Text(t))
