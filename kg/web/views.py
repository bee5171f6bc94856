"""Helpers that turn service records into what the templates show: labels, the event CSV, the timeline."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

from kg.ask.answers import date_bounds, possible_days

OPEN = ("0001-01-01", "9999-12-31")  # possible_days' ends for a window bounded on one side only

ROLE_KEYS = ("perpetrators", "claimed_by", "attributed_to")
CSV_COLUMNS = ["id", "date", "not_before", "not_after", "type", "event", "perpetrators", "claimed_by", "attributed_to", "targets", "places",
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


def window(ev: dict[str, Any]) -> tuple[str, str]:
    """For an event the reports date only by bounds: the first and last day it can fall on ("" if open)."""
    if ev["date"]:
        return "", ""
    days = possible_days(ev)
    if not days:
        return "", ""
    lo, hi = days[0]
    return ("" if lo == OPEN[0] else lo), ("" if hi == OPEN[1] else hi)


def when(ev: dict[str, Any]) -> str:
    """The date cell: the date, or the window the reports allow."""
    if ev["date"]:
        return ev["date"]
    lo, hi = window(ev)
    if lo and hi:
        return f"between {lo} and {hi}"
    return f"after {lo}" if lo else (f"before {hi}" if hi else "")


def events_csv(events: list[dict[str, Any]]) -> bytes:
    """The events table as shown on the page, one row per event."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for ev in events:
        lo, hi = window(ev)
        row = [ev["event"]["id"], ev["date"] or "", lo, hi, ev["type"], term(ev["event"]),
               *(names(ev[k]) for k in ("perpetrators", "claimed_by", "attributed_to", "targets", "places",
                                        "weapons")),
               counts(ev["killed"]), counts(ev["wounded"]), "; ".join(s["id"] for s in ev["sources"])]
        writer.writerow([_cell(c) for c in row])
    return out.getvalue().encode("utf-8")


def timeline(events: list[dict[str, Any]], width: int = 900) -> dict[str, Any]:
    """Positions for an SVG timeline, a row per event type: a dot per dated event, a bar for an event
    the reports date only by a window (a dot at its known end when the window is open on one side)."""
    spans: dict[str, tuple[date, date]] = {}
    for ev in events:
        lo, hi = window(ev)
        if ev["date"]:
            day = date.fromisoformat(date_bounds(ev["date"])[0])
            spans[ev["event"]["id"]] = (day, day)
        elif lo or hi:
            spans[ev["event"]["id"]] = (date.fromisoformat(lo or hi), date.fromisoformat(hi or lo))
    if not spans:
        return {"dots": [], "bars": [], "ticks": [], "rows": [], "width": width, "height": 0}
    first, last = min(s[0] for s in spans.values()), max(s[1] for s in spans.values())
    span = max((last - first).days, 1)
    types = sorted({ev["type"] for ev in events if ev["event"]["id"] in spans})
    left, right = 140, 20

    def x(day: date) -> float:
        return round(left + (width - left - right) * (day - first).days / span, 1)

    dots, bars = [], []
    for ev in events:
        if ev["event"]["id"] not in spans:
            continue
        lo, hi = spans[ev["event"]["id"]]
        mark = {"y": 30 + 28 * types.index(ev["type"]), "id": ev["event"]["id"], "label": term(ev["event"]),
                "date": when(ev), "colour": TYPE_COLOURS.get(ev["type"], "#495057")}
        if lo == hi:
            dots.append({**mark, "x": x(lo)})
        else:
            bars.append({**mark, "x1": x(lo), "x2": x(hi)})
    ticks = [date(y, 1, 1) for y in range(first.year, last.year + 2)]
    ticks = [t for t in ticks if first <= t <= last] or [first, last]
    step = max(1, len(ticks) // 8)  # at most about eight labels
    return {"dots": dots, "bars": bars, "rows": [{"type": t, "y": 30 + 28 * i} for i, t in enumerate(types)],
            "ticks": [{"x": x(t), "label": t.isoformat()[:4] if (t.month, t.day) == (1, 1) else t.isoformat()}
                      for t in ticks[::step]], "width": width, "height": 40 + 28 * len(types)}


GLOBALS = {"when": when, "names": names, "counts": counts, "STANCE_TEXT": STANCE_TEXT, "ROLE_KEYS": ROLE_KEYS}
