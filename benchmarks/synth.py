"""Synthetic knowledge bases at a chosen size: kg's YAML (entities, sources, claims) plus an ACLED table.

About half the quads come from the YAML (armed groups in umbrellas backed by a state, attacks and
strikes, each fact a claim with a span) and half from an ACLED-format CSV of attacks and strikes between
the same actors, imported with `kg import acled`. Everything is invented and seeded, so two runs write
the same files. Used by benchmarks/scale.py and by the test suite's 10k smoke test.
"""

from __future__ import annotations

import csv
import hashlib
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
           "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
           "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
           "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
           "fatalities", "tags", "timestamp"]
# Measured quads per unit, to size the parts: a group with its membership claim, a YAML event with its
# claim, an ACLED row.
PER_GROUP, PER_EVENT, PER_ROW = 12, 14, 17
EVENTS_PER_GROUP = 8
SOURCE_LENGTH = 10_000_000
BUNDLED = Path(__file__).resolve().parent.parent / "data"
US_FORCES = "Military Forces of the United States (2021-)"


@dataclass(frozen=True)
class Synthetic:
    data: Path
    table: Path
    group: str  # a group to ask about: backed through its umbrella, with events of its own
    groups: int
    yaml_events: int
    rows: int


def _group(i: int) -> str:
    return f"Saraya Synth {i}"


def _fake_sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _day(rnd: random.Random) -> str:
    return f"{rnd.randint(2015, 2024)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"


def generate(out: Path, quads: int, seed: int = 13) -> Synthetic:
    """Write out/data (a knowledge base) and out/acled.csv (to import) for about `quads` quads."""
    rnd = random.Random(seed)
    groups = max(10, quads // 2 // (PER_GROUP + EVENTS_PER_GROUP * PER_EVENT))
    umbrellas = max(2, groups // 20)
    places = max(5, groups // 4)
    events = groups * EVENTS_PER_GROUP
    rows = max(10, (quads - quads // 2) // PER_ROW)
    data = out / "data"
    (data / "entities").mkdir(parents=True, exist_ok=True)
    # The knowledge base's JSON schemas travel with it (the loader checks each file against them).
    shutil.copytree(BUNDLED / "schema", data / "schema", dirs_exist_ok=True)
    (data / "claims").mkdir(exist_ok=True)
    _entities(data, groups, umbrellas, places, events, rnd)
    sources = max(1, (groups + umbrellas + events) // 2000)
    _sources(data, sources)
    _claims(data, groups, umbrellas, places, events, sources, rnd)
    table = out / "acled.csv"
    _table(table, groups, places, rows, rnd)
    return Synthetic(data, table, _group(1), groups, events, rows)


def _entities(data: Path, groups: int, umbrellas: int, places: int, events: int, rnd: random.Random) -> None:
    lines = ["- {id: synth-state, class: State, label: Synthland}",
             "- {id: us-forces, class: StateAgency, label: United States Armed Forces}",
             "- {id: drone, class: Weapon, label: Armed drone, aliases: [drone]}",
             "- {id: rocket, class: Weapon, label: Rocket}"]
    lines += [f"- {{id: umbrella-{u}, class: Coalition, label: Synth Front {u}}}" for u in range(umbrellas)]
    lines += [f"- {{id: group-{g}, class: ArmedGroup, label: {_group(g)}, aliases: [SS{g}]}}" for g in range(groups)]
    lines += [f"- {{id: place-{p}, class: Place, label: Synth Town {p}}}" for p in range(places)]
    for e in range(events):
        kind = "Strike" if e % 3 == 0 else "Attack"
        lines.append(f"- {{id: event-{e}, class: {kind}, label: Synthetic {kind.lower()} {e}}}")
    (data / "entities" / "synth.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _sources(data: Path, sources: int) -> None:
    lines = []
    for s in range(sources):
        lines += [f"- id: synth-{s}", f"  file: synth-{s}.txt", f"  sha256: {_fake_sha(str(s))}",
                  f"  length: {SOURCE_LENGTH}", f"  title: Synthetic report {s}", "  publisher: Synth Wire",
                  "  published: 2024-12-31", "  date_basis: invented for the benchmark"]
    (data / "sources.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _claims(data: Path, groups: int, umbrellas: int, places: int, events: int, sources: int,
            rnd: random.Random) -> None:
    per_source: list[list[str]] = [[] for _ in range(sources)]

    def claim(cid: str, subject: str, facts: dict[str, object]) -> None:
        start = rnd.randrange(SOURCE_LENGTH - 500)
        body = ", ".join(f"{k}: {v}" for k, v in facts.items())
        per_source[rnd.randrange(sources)].append(
            f"  - {{id: {cid}, subject: {subject}, facts: {{{body}}}, stance: reported, "
            f"span: [{start}, {start + rnd.randint(20, 400)}]}}")

    for u in range(umbrellas):
        claim(f"backing-{u}", f"umbrella-{u}", {"backedBy": "synth-state"})
    for g in range(groups):
        claim(f"member-{g}", f"group-{g}", {"memberOf": f"umbrella-{g % umbrellas}"})
    for e in range(events):
        group, place = f"group-{e // EVENTS_PER_GROUP}", f"place-{rnd.randrange(places)}"
        if e % 3 == 0:
            facts: dict[str, object] = {"date": _day(rnd), "perpetrator": "us-forces", "target": group,
                                        "location": place}
        else:
            facts = {"date": _day(rnd), "perpetrator": group, "target": "us-forces", "location": place,
                     "weapon": rnd.choice(["drone", "rocket"]), "killed": rnd.randint(0, 3)}
        claim(f"event-{e}", f"event-{e}", facts)
    for s, claims in enumerate(per_source):
        text = f"source: synth-{s}\nclaims:\n" + ("\n".join(claims) if claims else "  []") + "\n"
        (data / "claims" / f"synth-{s}.yaml").write_text(text.replace("claims:\n  []", "claims: []"),
                                                         encoding="utf-8")


def _table(path: Path, groups: int, places: int, rows: int, rnd: random.Random) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for r in range(rows):
            day = _day(rnd)
            group = _group(rnd.randrange(groups))
            strike = r % 2 == 0
            actor1, actor2 = (US_FORCES, group) if strike else (group, US_FORCES)
            inter1, inter2 = ("External/Other forces", "Political militia") if strike else \
                ("Political militia", "External/Other forces")
            sub = "Air/drone strike" if strike or r % 4 == 1 else "Shelling/artillery/missile attack"
            fatalities = "" if r % 10 == 0 else str(rnd.randint(0, 5))
            place = rnd.randrange(places)
            old_format = r % 5 == 0  # ACLED's older "DD Month YYYY" dates, mixed in
            date = day if not old_format else f"{int(day[8:]):02d} {_MONTH[int(day[5:7])]} {day[:4]}"
            values = {
                "event_id_cnty": f"SYN{r}", "event_date": date, "year": day[:4],
                "time_precision": str(rnd.choice([1, 1, 1, 2, 3])), "disorder_type": "Political violence",
                "event_type": "Explosions/Remote violence", "sub_event_type": sub, "actor1": actor1,
                "inter1": inter1, "actor2": actor2, "inter2": inter2, "country": "Synthland",
                "admin1": f"Province {place % 7}", "location": f"Synth Town {place}",
                "latitude": f"{30 + place % 500 / 100:.4f}", "longitude": f"{40 + place % 700 / 100:.4f}",
                "geo_precision": str(rnd.choice([1, 1, 2, 3])), "source": "Synth Wire",
                "source_scale": "National", "notes": f"Invented row {r} for the benchmark.",
                "fatalities": fatalities, "timestamp": "1735603200",
            }
            writer.writerow([values.get(c, "") for c in COLUMNS])


_MONTH = ["", "January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
