"""Figures: the numbers the reports give (attacks since a date, troops in a country, convoys hit).

A figure is an entity; each claim about it is one source's value with its qualifier, place, period and
actor. Records group the claims that give the same value in the same words, so a figure that two
reports give alike has one record with two sources, and one they give differently has two.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from kg.ask.answers import Graph, Record, add_source, source_of
from kg.ask.resolve import EntityRef

# How a qualifier reads before its number; an ordinal reads as a position ("the 144th").
QUALIFIERS = {"at-least": "at least", "about": "about", "more-than": "more than", "exactly": "",
              "up-to": "up to"}
_ENTITY_KEYS = {"countedIn": "places", "countedActor": "actors", "countedTarget": "targets",
                "countedEvent": "events"}
_VALUE_KEYS = {"counts": "counts", "value": "value", "qualifier": "qualifier", "periodStart": "period_start",
               "periodEnd": "period_end"}


def text(term: Any) -> str:
    """The lexical form of an RDF term, whether the store returns rdflib or pyoxigraph terms."""
    return str(term) if isinstance(term, str) else str(getattr(term, "value", term))


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"the {n}{suffix}"


def figure_text(value: int, qualifier: str | None) -> str:
    """A value as the report would say it: "at least 70", "about 2,500", "the 144th"."""
    if qualifier == "ordinal":
        return ordinal(value)
    words = QUALIFIERS.get(qualifier or "exactly", qualifier or "")
    return f"{words} {value:,}".strip()


def all_figures(g: Graph) -> list[Record]:
    """One record per figure and version: the claims that give the same value, qualifier and scope."""
    claims: dict[tuple[str, str], Record] = {}
    for r in g.rows("figures"):
        fid, claim = text(r["figure"]), text(r["claim"])
        c = claims.setdefault((fid, claim), {"figure": fid, "values": defaultdict(list), "source": source_of(r, g)})
        pred = text(r["predicate"]).rsplit("#", 1)[-1]
        c["values"][pred].append(text(r["object"]))
    versions: dict[tuple, Record] = {}
    for (fid, _), c in claims.items():
        v = c["values"]
        if "value" not in v:
            continue  # a claim about the figure that gives no number (none in the bundled data)
        value = int(v["value"][0])
        qualifier = v.get("qualifier", [None])[0]
        rec: Record = {"figure": g.ref(fid), "counts": v.get("counts", [""])[0], "value": value,
                       "qualifier": qualifier or "exactly", "text": figure_text(value, qualifier),
                       "period_start": v.get("periodStart", [None])[0], "period_end": v.get("periodEnd", [None])[0]}
        for pred, key in _ENTITY_KEYS.items():
            rec[key] = [g.ref(e) for e in sorted(v.get(pred, []))]
        key = (fid, value, rec["qualifier"], rec["counts"], rec["period_start"], rec["period_end"],
               tuple(e["id"] for k in _ENTITY_KEYS.values() for e in rec[k]))
        version = versions.setdefault(key, {**rec, "sources": []})
        add_source(version["sources"], c["source"])
    return sorted(versions.values(), key=lambda r: (r["figure"]["label"], r["value"]))


def figures(g: Graph, about: EntityRef | None = None) -> list[Record]:
    """Every figure, or those of one entity: the figure itself, or figures whose place, actor, target
    or event it is."""
    records = all_figures(g)
    if about is None:
        return records
    return [r for r in records
            if r["figure"]["id"] == about.id
            or any(e["id"] == about.id for k in _ENTITY_KEYS.values() for e in r[k])]


