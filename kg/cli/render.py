"""The one output layer: records as a table, JSON, CSV or NDJSON.

- table: for reading. Fits the terminal (80 columns when not a terminal, `COLUMNS` honoured): columns
  are sized so no id or word is ever split; where that cannot fit, optional columns go, and then each
  record becomes a block of `Header  value` lines. Sources are summarised (`--sources` lists them).
- json: the records as the services return them (nested, every entity `{id, label, class}`).
- csv / ndjson: flat rows for analysis: an entity becomes `x_id`, `x_label`, `x_class`; a list of
  entities `x_ids`, `x_labels`; one row per record and source where a record has sources (the
  fact-and-source grain); empty cells, never a placeholder, for nothing.

Text from the data never reaches the terminal raw: control characters, DEL, C1 controls and bidi
overrides are written visibly (`\\x1b`, `\\u202e`) in tables, notes and CSV; JSON escapes them.
"""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Callable
from typing import Any

import click
from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from kg.cli.flat import json_text as _json_text
from kg.cli.flat import plain, safe, write_flat  # noqa: F401  (re-exported: commands import them from here)

Column = tuple[str, Callable[[dict], Any]]
FORMATS = ("table", "json", "csv", "ndjson")

def label(entity: Any) -> str:
    if isinstance(entity, dict) and "label" in entity:
        return str(entity["label"])
    return "" if entity is None else str(entity)


def labels(values: list[Any], key: str = "entity") -> str:
    return "; ".join(label(v[key] if isinstance(v, dict) and key in v else v) for v in values)


def publisher(s: dict) -> str:
    return s["publisher"] if s.get("publisher") not in (None, "", "unknown") else s["id"]


def source_text(s: dict) -> str:
    who = f" by {s['asserted_by']['label']}" if "asserted_by" in s else ""
    return f"{publisher(s)} {s['date']}: {s['stance']}{who}"


def sources_text(sources: list[dict]) -> str:
    """Sources for a table cell: the full list with --sources, else who reported it and how."""
    if show_all_sources():
        return "; ".join(source_text(s) for s in sources)
    return sources_summary(sources)


def sources_summary(sources: list[dict]) -> str:
    """"NPR, The National (3 claims)": the publishers, and how many claims when that differs."""
    pubs = list(dict.fromkeys(publisher(s) for s in sources))
    claims = len({s.get("claim") for s in sources})
    return ", ".join(pubs) + (f" ({claims} claims)" if claims != len(pubs) else "")


def links_text(record: dict) -> str:
    """The sources of a chain: link by link with --sources, else summarised over the whole chain."""
    if not show_all_sources():
        return sources_summary([s for link in record["links"] for s in link["sources"]])
    return " | ".join(f"{link['predicate']}: {sources_text(link['sources'])}" for link in record["links"])


def show_all_sources() -> bool:
    ctx = click.get_current_context(silent=True)
    return bool(ctx and ctx.find_root().meta.get("kg.sources"))


def _set_sources(ctx: click.Context, _: click.Parameter, value: bool) -> bool:
    ctx.find_root().meta["kg.sources"] = value
    return value


def output_options(f: Callable) -> Callable:
    """--format and --sources, for every query command."""
    f = click.option("--sources", is_flag=True, expose_value=False, callback=_set_sources,
                     help="In tables, list every source of each row, not a summary.")(f)
    return click.option("--format", "fmt", type=click.Choice(FORMATS, case_sensitive=False), default="table",
                        show_default=True, callback=lambda c, p, v: v.lower(),
                        help="table (for reading), json (nested records), csv or ndjson (flat rows, one "
                             "per record and source).")(f)


# --- tables --------------------------------------------------------------------------------------

def console(err: bool = False) -> Console:
    return Console(stderr=err, highlight=False, soft_wrap=True)


def _longest_word(text: str) -> int:
    return max((cell_len(w) for w in text.split()), default=0)


def _fit(natural: list[int], least: list[int], room: int) -> list[int] | None:
    """Column widths within room, none below its longest word; None if that cannot be done."""
    if sum(least) > room:
        return None
    widths = list(natural)
    while sum(widths) > room:
        i = max(range(len(widths)), key=lambda j: (widths[j] - least[j] > 0, widths[j]))
        widths[i] -= 1
    return widths


MAX_ROW_LINES = 3.0
"""A table whose rows average more lines than this reads worse than one block per record."""


def _height(cells: list[list[str]], widths: list[int]) -> float:
    total = sum(max(len(textwrap.wrap(c, w, break_long_words=False)) or 1 for c, w in zip(r, widths))
                for r in cells)
    return total / max(len(cells), 1)


def _table(headers: list[str], cells: list[list[str]], width: int) -> Table | None:
    gap = 2  # SIMPLE_HEAD without edges: two spaces between columns
    room = width - gap * (len(headers) - 1) - 1
    natural = [max([cell_len(h)] + [cell_len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    least = [max([_longest_word(h)] + [_longest_word(r[i]) for r in cells]) for i, h in enumerate(headers)]
    widths = _fit(natural, least, room)
    if widths is None or _height(cells, widths) > MAX_ROW_LINES:
        return None
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1), header_style="bold",
                  expand=False, collapse_padding=True)
    for h, w in zip(headers, widths):
        table.add_column(h, width=w, overflow="fold", no_wrap=False)
    for r in cells:
        table.add_row(*(Text(c) for c in r))
    return table


def _blocks(headers: list[str], cells: list[list[str]], width: int) -> list[str]:
    """Each record as a block: its first cell as a heading, then `Header  value`, wrapped at words."""
    pad = max(cell_len(h) for h in headers[1:]) + 2 if len(headers) > 1 else 0
    out: list[str] = []
    for r in cells:
        if out:
            out.append("")
        out.append(r[0])
        for h, v in zip(headers[1:], r[1:]):
            if not v:
                continue
            wrapped = textwrap.wrap(v, max(width - pad - 2, 20), break_long_words=False, break_on_hyphens=False)
            out.append("  " + h.ljust(pad) + (wrapped[0] if wrapped else ""))
            out.extend(" " * (pad + 2) + line for line in wrapped[1:])
    return out


def render(records: list[dict], fmt: str, columns: list[Column], empty: str = "No results.",
           optional: tuple[str, ...] = ()) -> None:
    """Records in fmt. For tables, `optional` headers are dropped, in order, when the terminal is narrow."""
    if fmt == "json":
        sys.stdout.write(_json_text(records, indent=2) + "\n")
        return
    if fmt in ("csv", "ndjson"):
        write_flat(records, fmt)
        return
    if not records:
        console(err=True).print(Text(safe(empty)))
        return
    out = console()
    headers = [h for h, _ in columns]
    cells = [[safe(plain(get(r))) for _, get in columns] for r in records]
    drop = [h for h in optional if h in headers]
    while True:
        table = _table(headers, cells, out.width)
        if table is not None or not drop:
            break
        i = headers.index(drop.pop(0))
        headers.pop(i)
        for row in cells:
            row.pop(i)
    if table is not None:
        out.print(table)
        return
    full = [[safe(plain(get(r))) for _, get in columns] for r in records]
    for line in _blocks([h for h, _ in columns], full, out.width):
        out.print(Text(line))


def say(message: str) -> None:
    """A note for the reader on stderr (which entity a name resolved to), kept out of piped output."""
    Console(stderr=True, highlight=False, soft_wrap=True).print(Text(safe(message)), style="dim")


def paragraph(text: str, indent: int = 2) -> None:
    """Prose for the reader, wrapped at words to the terminal, continuation lines indented."""
    out = console()
    for line in textwrap.wrap(safe(text), max(out.width - 1, 20), subsequent_indent=" " * indent,
                              break_long_words=False, break_on_hyphens=False):
        out.print(Text(line))


def lines(texts: list[str]) -> None:
    """Lines as they are: never hard-wrapped, so ids in them stay whole for grep."""
    out = console()
    for t in texts:
        out.print(Text(safe(t)))
