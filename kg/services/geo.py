"""Where things happened: the event map."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kg.ask import answers
from kg.services.ask import Answer, _window, open_graph
from kg.store import Location

_FACTS = (("dates", "date", "dated"), ("perpetrators", "entity", "carried out by"), ("claimed_by", "entity", "claimed by"),
          ("attributed_to", "entity", "attributed to"), ("targets", "entity", "target"), ("places", "entity", "at"),
          ("weapons", "entity", "weapon"), ("killed", "value", "killed"), ("wounded", "value", "wounded"))


def _facts(ev: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for key, field, what in _FACTS:
        for v in ev[key]:
            value = v[field]["label"] if field == "entity" else v[field]
            out.append({"what": f"{what} {value}", "sources": v["sources"]})
    return out


def event_map(out: Path, since: str | None = None, until: str | None = None,
              store: Location | None = None) -> tuple[Answer, int, int]:
    """Write the event map; returns the events drawn and those with no place that has coordinates."""
    from kg.exports.acled import _place
    from kg.render.eventmap import build_map, write_map
    from kg.services.export import acled_context

    lo, hi = _window(since, until)
    g = open_graph(store)
    ctx = acled_context(g)
    f = answers.EventFilter(since=lo, until=hi)
    placed, unplaced = [], []
    for ev in answers.events(g, f):
        days = [answers.date_bounds(d["date"]) for d in ev["dates"]]
        killed = [k["value"] for k in ev["killed"]]
        record = {"id": ev["event"]["id"], "label": ev["event"]["label"], "type": ev["type"], "date": ev["date"],
                  "start": min((d[0] for d in days), default=None), "end": max((d[1] for d in days), default=None),
                  "fatalities": min(killed) if killed else None, "facts": _facts(ev)}
        place = _place(ev, ctx)
        point = ctx.points.get(place) if place else None
        if point is None:
            unplaced.append(record)
            continue
        record.update(place=ctx.labels[place], lat=point.lat, long=point.long, precision=point.precision)
        placed.append(record)
    title = "kg: events" + (f" {since or '…'} to {until or '…'}" if since or until else "")
    write_map(build_map(placed, unplaced, title), out)
    return Answer(placed + unplaced, []), len(placed), len(unplaced)
