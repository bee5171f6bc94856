"""An ACLED-format event table (CSV): all 31 of ACLED's columns, in ACLED's order, one row per event.

Mapping from kg classes to ACLED event types (also in the README):
- Strike                                → Explosions/Remote violence · Air/drone strike
- Attack with a drone                   → Explosions/Remote violence · Air/drone strike
- Attack with a rocket or missile       → Explosions/Remote violence · Shelling/artillery/missile attack
- Attack, weapon not reported           → Explosions/Remote violence · (blank sub-event type)
- AssassinationAttempt                  → Violence against civilians · Attack

ACLED's conventions kept: `event_date` is always a full ISO date, with `time_precision` 1 for a day
the reports give, 3 for a month or year known only (coded to the 15th, or to 1 July, and said so in
`notes`); `fatalities` is the lowest figure any report gives, and blank, not 0, where none is given;
`geo_precision` and the coordinates come from the gazetteer claims; `inter1`/`inter2` are ACLED's
actor-type codes (1 state forces of the event's country, 3 political militia, 8 external forces);
`source` names the publishers. Anything we do not know is blank.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
from dataclasses import dataclass, field
from typing import Any, TextIO

COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
           "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
           "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
           "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
           "fatalities", "tags", "timestamp"]
REMOTE = "Explosions/Remote violence"
ISO_NUMERIC = {"iraq": 368, "syria": 760, "jordan": 400, "israel": 376, "iran": 364}
MIDDLE_EAST = set(ISO_NUMERIC)


@dataclass
class Context:
    """What a row needs beyond the event record: weapon kinds, places and actors."""

    drones: set[str] = field(default_factory=set)
    projectiles: set[str] = field(default_factory=set)
    points: dict[str, Any] = field(default_factory=dict)  # place id -> kg.ask.places.Point
    where: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)  # place -> (country, admin1)
    labels: dict[str, str] = field(default_factory=dict)  # entity id -> label
    classes: dict[str, str] = field(default_factory=dict)  # entity id -> class
    states: dict[str, str] = field(default_factory=dict)  # agency id -> the state it is part of
    of_states: set[str] = field(default_factory=set)  # coalitions with states as members (not militias)


def acled_type(ev: dict[str, Any], drones: set[str], projectiles: set[str]) -> tuple[str, str]:
    weapons = {w["entity"]["id"] for w in ev["weapons"]}
    if ev["type"] == "strike" or weapons & drones:
        return REMOTE, "Air/drone strike"
    if weapons & projectiles:
        return REMOTE, "Shelling/artillery/missile attack"
    if ev["type"] == "assassination-attempt":
        return "Violence against civilians", "Attack"
    return REMOTE, ""


def acled_date(date: str | None) -> tuple[str, int | None, str]:
    """(full ISO date, time_precision, note) for a date at day, month or year precision."""
    if not date:
        return "", None, "date not reported"
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 3:
        return date, 1, ""
    if len(parts) == 2:
        day = min(15, calendar.monthrange(*parts)[1])
        return f"{date}-{day:02d}", 3, "reported only to the month"
    return f"{date}-07-01", 3, "reported only to the year"


def window_date(ev: dict[str, Any]) -> tuple[str, int | None, str]:
    """An event a report dates only between two days (notBefore / notAfter): the middle day, at
    ACLED's least certain time_precision, the window in the notes; blank if there is no window."""
    lows = [d["date"] for d in ev.get("not_before", [])]
    highs = [d["date"] for d in ev.get("not_after", [])]
    if not lows or not highs:
        return "", None, "date not reported"
    lo = dt.date.fromisoformat(acled_date(max(lows))[0] if len(max(lows)) < 10 else max(lows))
    hi = dt.date.fromisoformat(acled_date(min(highs))[0] if len(min(highs)) < 10 else min(highs))
    middle = lo + (hi - lo) / 2
    return middle.isoformat(), 3, f"dated only between {max(lows)} and {min(highs)}"


def _ids(values: list[dict]) -> list[str]:
    return list(dict.fromkeys(v["entity"]["id"] for v in values))


def _inter(actor: str | None, country: str | None, ctx: Context) -> int | None:
    if actor is None:
        return None
    cls = ctx.classes.get(actor, "")
    if cls == "Coalition" and actor in ctx.of_states:
        return 8  # an international coalition of states
    if cls in {"ArmedGroup", "Coalition"}:
        return 3
    if cls in {"State", "StateAgency"}:
        state = actor if cls == "State" else ctx.states.get(actor)
        return 1 if state is not None and state == country else 8
    return None


def _place(ev: dict[str, Any], ctx: Context) -> str | None:
    """The event's place to code: the most precise one with coordinates, else the first named."""
    candidates = _ids(ev["places"]) + [t for t in _ids(ev["targets"]) if ctx.classes.get(t) in {"Place", "Facility"}]
    located = [p for p in candidates if p in ctx.points]
    if located:
        return min(located, key=lambda p: (ctx.points[p].precision or 9, candidates.index(p)))
    return candidates[0] if candidates else None


def _timestamp(sources: list[dict]) -> int | None:
    dates = [s["date"] for s in sources if s.get("date")]
    if not dates:
        return None
    latest = max(acled_date(d)[0] for d in dates)
    return calendar.timegm(dt.date.fromisoformat(latest).timetuple())


def acled_row(ev: dict[str, Any], ctx: Context) -> dict[str, Any]:
    event_type, sub_type = acled_type(ev, ctx.drones, ctx.projectiles)
    responsible = list(dict.fromkeys(_ids(ev["perpetrators"]) + _ids(ev["claimed_by"]) + _ids(ev["attributed_to"])))
    targets = [t for t in _ids(ev["targets"]) if ctx.classes.get(t) not in {"Facility", "Place"}]
    place = _place(ev, ctx)
    country, admin1 = ctx.where.get(place, (None, None)) if place else (None, None)
    point = ctx.points.get(place) if place else None
    date, precision, date_note = acled_date(ev["date"]) if ev["date"] else window_date(ev)
    killed = [k["value"] for k in ev["killed"]]
    notes = [ev["event"]["label"]] + ([date_note] if date_note else [])
    if len(ev["dates"]) > 1:
        notes.append("dated " + ", ".join(f"{d['date']} ({'/'.join(s['id'] for s in d['sources'])})" for d in ev["dates"]))
    if len(set(killed)) > 1:
        notes.append("killed reported as " + " or ".join(str(k) for k in sorted(set(killed))))
    inter1 = _inter(responsible[0] if responsible else None, country, ctx)
    inter2 = _inter(targets[0] if targets else None, country, ctx)
    interaction = (int(f"{min(inter1, inter2)}{max(inter1, inter2)}") if inter1 and inter2
                   else inter1 * 10 if inter1 else None)
    label = ctx.labels.get
    return {
        "event_id_cnty": ev["event"]["id"], "event_date": date, "year": date[:4] or None,
        "time_precision": precision, "disorder_type": "Political violence", "event_type": event_type,
        "sub_event_type": sub_type, "actor1": label(responsible[0]) if responsible else "Unidentified",
        "assoc_actor_1": "; ".join(label(a) for a in responsible[1:]), "inter1": inter1,
        "actor2": label(targets[0]) if targets else None, "assoc_actor_2": "; ".join(label(t) for t in targets[1:]),
        "inter2": inter2, "interaction": interaction,
        "civilian_targeting": "Civilian targeting" if event_type == "Violence against civilians" else None,
        "iso": ISO_NUMERIC.get(country or ""), "region": "Middle East" if country in MIDDLE_EAST else None,
        "country": label(country) if country else None, "admin1": label(admin1) if admin1 else None,
        "admin2": None, "admin3": None, "location": label(place) if place else None,
        "latitude": point.lat if point else None, "longitude": point.long if point else None,
        "geo_precision": point.precision if point else None,
        "source": "; ".join(dict.fromkeys(s["publisher"] if s["publisher"] != "unknown" else s["title"]
                                          for s in ev["sources"])),
        "source_scale": None, "notes": ". ".join(notes), "fatalities": min(killed) if killed else None,
        "tags": None, "timestamp": _timestamp(ev["sources"]),
    }


def write_acled(events: list[dict[str, Any]], ctx: Context, out: TextIO) -> None:
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for ev in events:
        writer.writerow({k: "" if v is None else v for k, v in acled_row(ev, ctx).items()})
