"""Flat rows for csv and ndjson: entities as `x_id`/`x_label`/`x_class`, lists of entities as
`x_ids`/`x_labels`, one row per record and source, empty cells for nothing."""

from __future__ import annotations

import csv
import json
import re
import sys
from typing import Any

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
UNSAFE_CELL = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _visible(m: re.Match[str]) -> str:
    c = ord(m.group())
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


def safe(text: str, keep_newlines: bool = False) -> str:
    """text with every control character written visibly, so data cannot drive the terminal."""
    return (UNSAFE if keep_newlines else UNSAFE_CELL).sub(_visible, text)


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


def _is_ref(v: Any) -> bool:
    return isinstance(v, dict) and "id" in v and "label" in v


def _refs(values: list) -> list:
    return [v["entity"] if isinstance(v, dict) and _is_ref(v.get("entity")) else v for v in values]


def _ref_lists(records: list[dict]) -> set[str]:
    """Keys whose lists hold entities in any record, so an empty one still gets `_ids`, `_labels`."""
    return {k for r in records for k, v in r.items()
            if isinstance(v, list) and v and all(_is_ref(x) for x in _refs(v))}


def _flat_list(key: str, values: list, row: dict, ref_keys: set[str]) -> None:
    items = _refs(values)
    if key in ref_keys:
        row[f"{key}_ids"] = "; ".join(v["id"] for v in items) or None
        row[f"{key}_labels"] = "; ".join(v["label"] for v in items) or None
    elif all(not isinstance(v, (dict, list)) or (isinstance(v, dict) and ({"value", "date", "event"} & v.keys()))
             for v in values):
        row[key] = "; ".join(plain(v) for v in values) or None
    # anything else nested (a card's relations, a chain's links) has its own command or its sources


def flat_rows(record: dict, ref_keys: set[str] | None = None) -> list[dict]:
    """One record as flat rows: one per source if it has sources, else one."""
    ref_keys = _ref_lists([record]) if ref_keys is None else ref_keys
    row: dict[str, Any] = {}
    for key, value in record.items():
        if key == "sources" or (key == "links" and isinstance(value, list)):
            continue
        if _is_ref(value):
            row.update({f"{key}_id": value["id"], f"{key}_label": value["label"],
                        f"{key}_class": value.get("class") or None})
        elif isinstance(value, list):
            _flat_list(key, value, row, ref_keys)
        elif isinstance(value, dict):
            row[key] = json.dumps(value, ensure_ascii=False)
        else:
            row[key] = value
    sources = record.get("sources")
    if not isinstance(sources, list) or not sources:
        return [row]
    return [{**row, "source_id": s["id"], "source_publisher": s.get("publisher"), "source_date": s.get("date"),
             "source_title": s.get("title"), "stance": s.get("stance"), "claim": s.get("claim"),
             "asserted_by_id": s["asserted_by"]["id"] if "asserted_by" in s else None,
             "asserted_by_label": s["asserted_by"]["label"] if "asserted_by" in s else None} for s in sources]


def json_text(value: Any, indent: int | None = None) -> str:
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)  # C1, DEL, bidi: escaped, still JSON


def _csv_cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    return safe(str(v), keep_newlines=True)


def write_flat(records: list[dict], fmt: str) -> None:
    ref_keys = _ref_lists(records)
    rows = [r for rec in records for r in flat_rows(rec, ref_keys)]
    if fmt == "ndjson":
        for r in rows:
            sys.stdout.write(json_text(r) + "\n")
        return
    fields: list[str] = []
    for r in rows:
        fields.extend(k for k in r if k not in fields)
    writer = csv.writer(sys.stdout, lineterminator="\n")
    if fields:
        writer.writerow(fields)
    for r in rows:
        writer.writerow([_csv_cell(r.get(k)) for k in fields])
