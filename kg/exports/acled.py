"""An ACLED-style event table (CSV): one row per event, ACLED's column names, our sources in `source`.

Mapping from kg classes to ACLED event types (also in the README):
- Strike                                → Explosions/Remote violence · Air/drone strike
- Attack with a drone                   → Explosions/Remote violence · Air/drone strike
- Attack with a rocket or missile       → Explosions/Remote violence · Shelling/artillery/missile attack
- Attack, weapon not reported           → Explosions/Remote violence · (blank sub-event type)
- AssassinationAttempt                  → Violence against civilians · Attack
ACLED records the most conservative fatality count, so `fatalities` is the lowest figure any report
gives (0 when none is given); `notes` says where reports differ.
"""

from __future__ import annotations

import csv
from typing import Any, TextIO

COLUMNS = ["event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "assoc_actor_1",
           "actor2", "location", "fatalities", "source", "notes"]
REMOTE = "Explosions/Remote violence"


def acled_type(ev: dict[str, Any], drones: set[str], projectiles: set[str]) -> tuple[str, str]:
    weapons = {w["entity"]["id"] for w in ev["weapons"]}
    if ev["type"] == "strike" or weapons & drones:
        return REMOTE, "Air/drone strike"
    if weapons & projectiles:
        return REMOTE, "Shelling/artillery/missile attack"
    if ev["type"] == "assassination-attempt":
        return "Violence against civilians", "Attack"
    return REMOTE, ""


def _labels(values: list[dict]) -> list[str]:
    return [v["entity"]["label"] for v in values]


def acled_row(ev: dict[str, Any], drones: set[str], projectiles: set[str]) -> dict[str, Any]:
    event_type, sub_type = acled_type(ev, drones, projectiles)
    responsible = list(dict.fromkeys(_labels(ev["perpetrators"]) + _labels(ev["claimed_by"])
                                     + _labels(ev["attributed_to"])))
    targets = [t["entity"]["label"] for t in ev["targets"]
               if t["entity"]["class"] not in {"Facility", "Place"}]
    killed = [k["value"] for k in ev["killed"]]
    notes = [ev["event"]["label"]]
    if len(ev["dates"]) > 1:
        notes.append("dated " + ", ".join(f"{d['date']} ({'/'.join(s['id'] for s in d['sources'])})"
                                         for d in ev["dates"]))
    if len(set(killed)) > 1:
        notes.append("killed reported as " + " or ".join(str(k) for k in sorted(set(killed))))
    return {
        "event_id_cnty": ev["event"]["id"], "event_date": ev["date"] or "", "event_type": event_type,
        "sub_event_type": sub_type, "actor1": responsible[0] if responsible else "Unidentified",
        "assoc_actor_1": "; ".join(responsible[1:]), "actor2": "; ".join(targets),
        "location": "; ".join(_labels(ev["places"])), "fatalities": min(killed) if killed else 0,
        "source": "; ".join(dict.fromkeys(s["publisher"] if s["publisher"] != "unknown" else s["id"]
                                          for s in ev["sources"])),
        "notes": ". ".join(notes),
    }


def write_acled(events: list[dict[str, Any]], drones: set[str], projectiles: set[str], out: TextIO) -> None:
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for ev in events:
        writer.writerow(acled_row(ev, drones, projectiles))
