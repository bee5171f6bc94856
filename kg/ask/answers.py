"""Answers to the analyst's questions, each a list of JSON-ready records with the sources behind them.

Every function takes an open Graph (the store and its name index) and entity refs already resolved;
SPARQL comes from queries/*.rq with bound parameters; Python only walks and groups the rows.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.ask.resolve import ID_PREFIX, EntityRef, NameIndex, Resolution
from kg.store import Row, Store, queries
from kg.store.names import FILE as NAMES_FILE
from kg.store.names import NameTable

KG = "https://w3id.org/kg-armed-actors/ns#"
SOURCE_PREFIX = "https://w3id.org/kg-armed-actors/source/"
CLAIM_PREFIX = "https://w3id.org/kg-armed-actors/claim/"
Record = dict[str, Any]


@dataclass
class Graph:
    """An open store plus its name index (the build's index file, or built from the store if it has none)."""

    store: Store

    @cached_property
    def names(self) -> NameIndex:
        path = self.store.artifact(NAMES_FILE)
        if path is not None:
            return NameIndex(NameTable(Path(path)))
        return NameIndex.from_rows(self.rows("entity_names"))

    def rows(self, query: str, **params: str | Iterable[str]) -> list[Row]:
        """Rows of a named query, each parameter bound to the IRI given (or to each of several IRIs).

        Rows of a query with no ORDER BY come sorted (by their terms), so that every answer built from
        them is the same whatever order the engine gave them in (Oxigraph on disk, a server)."""
        bindings = {k: ox.NamedNode(v) if isinstance(v, str) else [ox.NamedNode(i) for i in sorted(v)]
                    for k, v in params.items()}
        named = queries.load_query(query)
        rows = queries.run(self.store, named, bindings)
        if not named.ordered:
            rows.sort(key=lambda r: [(k, str(v)) for k, v in sorted(r.items())])
        return rows

    def resolve(self, text: str) -> Resolution:
        return self.names.resolve(text)

    def ref(self, term: Any) -> Record:
        return self.names.ref(term).as_json()


# --- sources -------------------------------------------------------------------------------------

def source_of(row: dict, g: Graph) -> Record:
    """The `sources` entry for one claim row: the report, its stance, and who asserted it."""
    rec: Record = {
        "id": row["source"].value[len(SOURCE_PREFIX):],
        "title": row["title"].value,
        "publisher": row["publisher"].value,
        "date": row["published"].value,
        "stance": row["stance"].value.rsplit("#", 1)[-1],
        "claim": row["claim"].value[len(CLAIM_PREFIX):],
    }
    if "by" in row:
        rec["asserted_by"] = g.ref(row["by"])
    return rec


def add_source(sources: list[Record], src: Record) -> None:
    """Add a claim's source once, keeping the list in (date, source, claim) order, whatever order the
    engine gave the rows in (two stores with the same data give the same answer)."""
    if all(s["claim"] != src["claim"] for s in sources):
        bisect.insort(sources, src, key=_source_order)


def _source_order(src: Record) -> tuple[str, str, str]:
    return str(src.get("date", "")), str(src.get("id", "")), str(src.get("claim", ""))


def date_bounds(value: str) -> tuple[str, str]:
    """The first and last day a partial date (YYYY, YYYY-MM, YYYY-MM-DD) can mean, as ISO strings."""
    parts = value.split("-")
    if len(parts) == 1:
        return f"{value}-01-01", f"{value}-12-31"
    if len(parts) == 2:
        return f"{value}-01", f"{value}-31"
    return value, value


def representative_date(dates: list[str]) -> str | None:
    """The date to file an event under: the most precise one reported, the earliest if several."""
    if not dates:
        return None
    return min(dates, key=lambda d: (-len(d), date_bounds(d)[0]))


def valid_on(row: dict, day: str | None) -> bool:
    if day is None:
        return True
    if "validFrom" in row and date_bounds(row["validFrom"].value)[0] > day:
        return False
    return not ("validUntil" in row and date_bounds(row["validUntil"].value)[1] < day)


# --- events and timeline -------------------------------------------------------------------------

_EVENT_KEYS = {"perpetrator": "perpetrators", "claimedBy": "claimed_by", "attributedTo": "attributed_to",
               "target": "targets", "location": "places", "weapon": "weapons", "respondsTo": "responds_to",
               "orderedBy": "ordered_by", "condemnedBy": "condemned_by"}
_COUNT_KEYS = {"killed": "killed", "wounded": "wounded", "munitionCount": "munitions"}
ROLES = {"perpetrator": "perpetrators", "claimed": "claimed_by", "attributed": "attributed_to"}


def _kebab(name: str) -> str:
    return "".join("-" + c.lower() if c.isupper() else c for c in name).lstrip("-")


def all_events(g: Graph, only: set[str] | None = None) -> list[Record]:
    """Every event (or only these, by IRI) with its facts grouped, each value with the claims behind it;
    sorted by date. The strikes answering an event are read with it, for its `answered_by`."""
    if only is not None:
        if not only:
            return []
        responders = {r["event"].value for r in g.rows("responses_to", answered=only)}
        rows = g.rows("event_facts", event=only | responders)
    else:
        rows = g.rows("event_facts")
    events: dict[str, Record] = {}
    for r in rows:
        eid = r["event"].value
        ev = events.setdefault(eid, {
            "event": g.ref(eid), "type": _kebab(r["class"].value.rsplit("#", 1)[-1]), "date": None, "dates": [],
            "not_before": [], "not_after": [],
            **{k: [] for k in _EVENT_KEYS.values()}, **{k: [] for k in _COUNT_KEYS.values()},
            "answered_by": [], "sources": []})
        src = source_of(r, g)
        add_source(ev["sources"], src)
        pred = r["predicate"].value.rsplit("#", 1)[-1]
        if pred == "date":
            _add_value(ev["dates"], r["object"].value, src, key="date")
        elif pred in ("notBefore", "notAfter"):
            _add_value(ev[_kebab(pred).replace("-", "_")], r["object"].value, src, key="date")
        elif pred in _EVENT_KEYS:
            _add_value(ev[_EVENT_KEYS[pred]], g.ref(r["object"]), src, key="entity")
        elif pred in _COUNT_KEYS:
            _add_value(ev[_COUNT_KEYS[pred]], int(r["object"].value), src, key="value")
    for ev in events.values():
        ev["dates"].sort(key=lambda d: date_bounds(d["date"])[0])
        for key in (*_EVENT_KEYS.values(), *_COUNT_KEYS.values()):  # the most cited first (ACLED's actor1)
            ev[key].sort(key=_most_cited)
        ev["date"] = representative_date([d["date"] for d in ev["dates"]])
        for resp in ev["responds_to"]:
            answered = events.get(ID_PREFIX + resp["entity"]["id"])
            for src in resp["sources"] if answered else []:
                _add_value(answered["answered_by"], ev["event"], src, key="entity")
    order = {ev["event"]["id"]: (_sort_day(ev), ev["event"]["label"]) for ev in events.values()}
    for ev in events.values():  # by date, whichever events were read and in whatever order the rows came
        ev["answered_by"].sort(key=lambda a: order.get(a["entity"]["id"], ("", a["entity"]["label"])))
    wanted = events.values() if only is None else [ev for iri, ev in events.items() if iri in only]
    return sorted(wanted, key=lambda e: order[e["event"]["id"]])


def possible_days(ev: Record) -> list[tuple[str, str]]:
    """The spans of days the event may fall in: one per reported date, or the window its bounds allow."""
    if ev["dates"]:
        return [date_bounds(d["date"]) for d in ev["dates"]]
    if not ev["not_before"] and not ev["not_after"]:
        return []
    lo = max((date_bounds(d["date"])[0] for d in ev["not_before"]), default="0001-01-01")
    hi = min((date_bounds(d["date"])[1] for d in ev["not_after"]), default="9999-12-31")
    return [(lo, hi)]


def _sort_day(ev: Record) -> str:
    """Dated events at their date; an event known only by bounds at its earliest day, else its latest."""
    if ev["date"]:
        return date_bounds(ev["date"])[0]
    days = possible_days(ev)
    if not days:
        return "9999"
    lo, hi = days[0]
    return lo if lo != "0001-01-01" else hi


def _most_cited(value: Record) -> tuple:
    """Values of one role: the one most claims give first, then the one reported earliest, then by id."""
    v = value.get("entity", value.get("value"))
    return -len(value["sources"]), min(s["date"] for s in value["sources"]), str(v.get("id") if isinstance(v, dict) else v)


def _add_value(values: list[Record], value: Any, src: Record, key: str) -> None:
    for v in values:
        if v[key] == value:
            add_source(v["sources"], src)
            return
    values.append({key: value, "sources": [src]})


@dataclass
class EventFilter:
    type: str | None = None
    actors: set[str] | None = None  # entity ids; matched in the roles below
    roles: tuple[str, ...] = tuple(ROLES.values())
    targets: set[str] | None = None
    places: set[str] | None = None
    weapons: set[str] | None = None
    since: str | None = None
    until: str | None = None

    def matches(self, ev: Record) -> bool:
        def ids(*keys: str) -> set[str]:
            return {v["entity"]["id"] for k in keys for v in ev[k]}

        if self.type and ev["type"] != self.type:
            return False
        if self.actors is not None and not ids(*self.roles) & self.actors:
            return False
        if self.targets is not None and not ids("targets") & self.targets:
            return False
        if self.places is not None and not ids("places", "targets") & self.places:
            return False
        if self.weapons is not None and not ids("weapons") & self.weapons:
            return False
        if self.since or self.until:
            spans = possible_days(ev)
            if not any((not self.since or hi >= self.since) and (not self.until or lo <= self.until)
                       for lo, hi in spans):
                return False
        return True


def within(g: Graph, outer: EntityRef) -> set[str]:
    """The entity and every place inside it or weapon narrower than it, as ids."""
    return {r["inner"].value[len(ID_PREFIX):] for r in g.rows("within", outer=outer.iri)} | {outer.id}


def events(g: Graph, f: EventFilter) -> list[Record]:
    only = None
    if f.actors is not None:
        # Only the events the actors take part in are read, not every event in the store; the filter
        # then keeps those where they have the roles asked for.
        only = {r["event"].value for r in g.rows("events_involving", actor={ID_PREFIX + a for a in f.actors})}
    return [ev for ev in all_events(g, only) if f.matches(ev)]


def timeline(g: Graph, actor: EntityRef | None, since: str | None = None, until: str | None = None) -> list[Record]:
    roles = ("perpetrators", "claimed_by", "attributed_to", "targets", "ordered_by")
    return events(g, EventFilter(actors={actor.id} if actor else None, roles=roles, since=since, until=until))


def sources_in(value: Any) -> Iterator[Record]:
    """Every source record (a claim's report and stance) anywhere inside records, in order."""
    if isinstance(value, dict):
        if "claim" in value and "stance" in value and "id" in value:
            yield value
        for v in value.values():
            yield from sources_in(v)
    elif isinstance(value, list):
        for v in value:
            yield from sources_in(v)
