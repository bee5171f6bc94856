"""Helpers that turn service records into what the templates show: labels, the event CSV, the timeline."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

from kg.ask.answers import date_bounds

ROLE_KEYS = ("perpetrators", "claimed_by", "attributed_to")
CSV_COLUMNS = ["id", "date", "type", "event", "perpetrators", "claimed_by", "attributed_to", "targets", "places",
               "weapons", "killed", "wounded", "sources"]
TYPE_COLOURS = {"attack": "#d9480f", "strike": "#1864ab", "assassination-attempt": "#a61e4d"}
STANCE_TEXT = {"reported": "reported", "claimed": "claimed by the actor", "attributed": "attributed",
               "alleged": "alleged", "denied": "denied"}


def term(value: Any) -> str:
    """A value from a record as text: an entity by its label, anything else as it is."""
    if isinstance(value, dict):
        return str(value.get("label") or value.get("id") or "")
    return "" if value is None else str(value)


def names(values: list[dict[str, Any]], key: str = "entity") -> str:
    return "; ".join(term(v[key]) for v in values)


def counts(values: list[dict[str, Any]]) -> str:
    return "; ".join(str(v["value"]) for v in values)


def _cell(text: str) -> str:
    # A cell that starts like a formula would run in a spreadsheet: keep it text.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def events_csv(events: list[dict[str, Any]]) -> bytes:
    """The events table as shown on the page, one row per event."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for ev in events:
        row = [ev["event"]["id"], ev["date"] or "", ev["type"], term(ev["event"]),
               *(names(ev[k]) for k in ("perpetrators", "claimed_by", "attributed_to", "targets", "places",
                                        "weapons")),
               counts(ev["killed"]), counts(ev["wounded"]), "; ".join(s["id"] for s in ev["sources"])]
        writer.writerow([_cell(c) for c in row])
    return out.getvalue().encode("utf-8")


def timeline(events: list[dict[str, Any]], width: int = 900) -> dict[str, Any]:
    """Positions for an SVG timeline: one dot per event on a date axis, a row per event type."""
    dated = [ev for ev in events if ev["date"]]
    if not dated:
        return {"dots": [], "ticks": [], "rows": [], "width": width, "height": 0}
    days = {ev["event"]["id"]: date.fromisoformat(date_bounds(ev["date"])[0]) for ev in dated}
    lo, hi = min(days.values()), max(days.values())
    span = max((hi - lo).days, 1)
    types = sorted({ev["type"] for ev in dated})
    left, right = 140, 20

    def x(day: date) -> float:
        return round(left + (width - left - right) * (day - lo).days / span, 1)

    dots = [{"x": x(days[ev["event"]["id"]]), "y": 30 + 28 * types.index(ev["type"]), "id": ev["event"]["id"],
             "label": term(ev["event"]), "date": ev["date"], "colour": TYPE_COLOURS.get(ev["type"], "#495057")}
            for ev in dated]
    ticks = sorted({date(y, 1, 1) for y in range(lo.year, hi.year + 2)} | {lo, hi})
    ticks = [t for t in ticks if lo <= t <= hi]
    if hi.year - lo.year > 1:  # many years: label years only, plus the ends
        ticks = [t for t in ticks if (t.month, t.day) == (1, 1)] or [lo, hi]
    return {"dots": dots, "rows": [{"type": t, "y": 30 + 28 * i} for i, t in enumerate(types)],
            "ticks": [{"x": x(t), "label": t.isoformat()} for t in ticks], "width": width,
            "height": 40 + 28 * len(types)}


GLOBALS = {"names": names, "counts": counts, "STANCE_TEXT": STANCE_TEXT, "ROLE_KEYS": ROLE_KEYS}
