"""Checked ACLED rows onto the knowledge base: events, actors resolved to our entities, claims with provenance.

One row becomes one event entity and one claim (source: the dataset; span: the row's characters in the
file; stance: reported) stating its date, place, perpetrators, targets and fatalities. Actor and place
names resolve to existing entities by the name normalisation of the name index (case, accents,
apostrophes, hyphens, al-/el-), after ACLED's own conventions are undone: the years of a government
("(2021-)"), a trailing qualifier ("(Iraq)") and "Military Forces of X" for X's armed forces. Names
that match no entity become new entities, one per name, shared by every row and dataset. No fuzzy
matching: at this volume a near miss (Iraq for Iran) would be wrong thousands of times.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode, Quad

from kg.imports.acled import Row
from kg.kb.compile import (
    ENTITIES_GRAPH,
    PROVENANCE_GRAPH,
    RDF_TYPE,
    SKOS,
    claim_iri,
    claim_quads,
    entity_iri,
    term,
)
from kg.kb.model import Claim, Entity, Fact, Value
from kg.kb.names import normalize

XSD = "http://www.w3.org/2001/XMLSchema#"
REMOTE = "Explosions/Remote violence"
_YEARS = re.compile(r"\s*\((?:\d{4})?-(?:\d{4})?\)\s*$|\s*\(\d{4}-\d{4}\)\s*$")
_QUALIFIER = re.compile(r"\s*\([^()]*\)\s*$")
_FORCES = re.compile(r"^(military|police|armed) forces of (?:the )?(.+)$", re.IGNORECASE)
STATE_CLASSES = {"State", "StateAgency"}
ACTOR_CLASSES = {"Actor", "Person", "Organization", "State", "StateAgency", "ArmedGroup", "Coalition"}
PLACE_CLASSES = {"Place", "Facility"}
# ACLED's actor categories (inter1/inter2, numeric before 2024, words since) as our classes.
_INTER = {"1": "StateAgency", "state forces": "StateAgency", "2": "ArmedGroup", "rebel group": "ArmedGroup",
          "3": "ArmedGroup", "political militia": "ArmedGroup", "4": "ArmedGroup", "identity militia": "ArmedGroup",
          "8": "ArmedGroup", "external/other forces": "ArmedGroup"}


def without_years(name: str) -> str:
    return _YEARS.sub("", name).strip()


def variants(name: str) -> list[str]:
    """The spellings to look up, most specific first."""
    base = without_years(name)
    bare = _QUALIFIER.sub("", base).strip()
    found = [name, base, bare]
    if m := _FORCES.match(bare):
        kind, country = m.group(1).lower(), m.group(2)
        found += [f"{country} armed forces", f"{country} military"] if kind != "police" else [f"{country} police"]
    return list(dict.fromkeys(v for v in found if v))


def acled_class(row: Row, perpetrator_is_state: bool) -> tuple[str, bool]:
    """Our event class for a row, and whether it tells us a drone was used (the inverse of the export)."""
    if row.event_type == REMOTE:
        if row.sub_event_type == "Air/drone strike":
            return ("Strike", False) if perpetrator_is_state else ("Attack", True)
        return "Attack", False
    if row.event_type == "Violence against civilians" and row.sub_event_type == "Attack":
        return "AssassinationAttempt", False
    return "Event", False


def _slug(text: str) -> str:
    slug = "-".join(re.findall(r"[a-z0-9]+", normalize(text)))
    return slug or "x" + hashlib.sha1(text.encode()).hexdigest()[:10]


@dataclass
class Mapper:
    """Resolves names against the knowledge base's entities and mints the ones it lacks (once each)."""

    entities: dict[str, Entity]
    by_name: dict[str, set[str]] = field(default_factory=dict)
    minted: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, key) -> entity id
    names_seen: set[tuple[str, str]] = field(default_factory=set)
    counts: Counter = field(default_factory=Counter)
    matched: Counter = field(default_factory=Counter)  # ACLED spelling -> our entity id, for the report

    def __post_init__(self) -> None:
        for e in self.entities.values():
            for n in {normalize(x) for x in [e.id.replace("-", " "), *e.all_names()]}:
                if n:
                    self.by_name.setdefault(n, set()).add(e.id)

    def existing(self, name: str, classes: set[str]) -> str | None:
        for v in variants(name):
            ids = {i for i in self.by_name.get(normalize(v), ()) if self.entities[i].cls in classes}
            if len(ids) == 1:
                return next(iter(ids))
            if ids:
                return None  # ambiguous: a new entity is safer than a guess
        return None

    def actor(self, name: str, inter: str, out: list[Quad]) -> str | None:
        found = self.existing(name, ACTOR_CLASSES)
        if found:
            self.matched[(name, found)] += 1
            return found
        if normalize(name).startswith("unidentified"):
            return None  # ACLED's "Unidentified Armed Group (Iraq)" is no one in particular
        label = without_years(name)
        cls = _INTER.get(inter.lower(), "Actor")
        if _FORCES.match(_QUALIFIER.sub("", label)):
            cls = "StateAgency"
        return self.mint("actor", normalize(label), label, cls, name, out)

    def place(self, row: Row, out: list[Quad]) -> str | None:
        if not row.location:
            return None
        found = self.existing(row.location, PLACE_CLASSES)
        if found:
            return found
        key = "|".join(normalize(x) for x in (row.location, row.admin1, row.country))
        return self.mint("place", key, row.location, "Place", row.location, out,
                         hint=f"{row.location} {row.country}", longer=f"{row.location} {row.admin1} {row.country}")

    def mint(self, kind: str, key: str, label: str, cls: str, spelling: str, out: list[Quad],
             hint: str | None = None, longer: str | None = None) -> str:
        eid = self.minted.get((kind, key))
        if eid is None:
            taken = set(self.entities) | set(self.minted.values())
            for candidate in (_slug(hint or label), _slug(longer or label), _slug(label) + "-acled"):
                if candidate not in taken:
                    eid = candidate
                    break
            else:
                eid = _slug(label) + "-" + hashlib.sha1(key.encode()).hexdigest()[:8]
            self.minted[(kind, key)] = eid
            self.counts[cls] += 1
            s = entity_iri(eid)
            out.append(Quad(s, RDF_TYPE, term(cls), ENTITIES_GRAPH))
            out.append(Quad(s, NamedNode(SKOS + "prefLabel"), Literal(label, language="en"), ENTITIES_GRAPH))
        if spelling != label and (eid, spelling) not in self.names_seen:
            self.names_seen.add((eid, spelling))
            out.append(Quad(entity_iri(eid), NamedNode(SKOS + "altLabel"), Literal(spelling, language="en"),
                            ENTITIES_GRAPH))
        return eid

    def row_quads(self, dataset: str, row: Row, drone: str | None) -> tuple[list[Quad], Claim]:
        """The quads of one row (new entities first), and its claim (for counting)."""
        out: list[Quad] = []
        perpetrators = [a for a in (self.actor(n, row.inter1, out) for n in row.actors1) if a]
        targets = [a for a in (self.actor(n, row.inter2, out) for n in row.actors2) if a]
        place = self.place(row, out)
        state = bool(perpetrators) and (self.entities[perpetrators[0]].cls in STATE_CLASSES
                                        if perpetrators[0] in self.entities
                                        else _INTER.get(row.inter1.lower()) == "StateAgency"
                                        or bool(_FORCES.match(_QUALIFIER.sub("", without_years(row.actors1[0])))))
        cls, by_drone = acled_class(row, state)
        event = f"{dataset}-{_slug(row.id)}"
        first = self.entities[perpetrators[0]].label if perpetrators and perpetrators[0] in self.entities \
            else without_years(row.actors1[0])
        label = f"{row.sub_event_type or row.event_type}: {first}" \
                + (f" in {row.location}" if row.location else "") + f", {row.date.lexical}"
        s = entity_iri(event)
        out.append(Quad(s, RDF_TYPE, term(cls), ENTITIES_GRAPH))
        out.append(Quad(s, NamedNode(SKOS + "prefLabel"), Literal(label, language="en"), ENTITIES_GRAPH))
        self.counts[cls] += 1
        facts = [Fact(event, "date", value=row.date)]
        facts += [Fact(event, "location", object=place)] if place else []
        facts += [Fact(event, "perpetrator", object=p) for p in perpetrators]
        facts += [Fact(event, "target", object=t) for t in targets if t not in perpetrators]
        if by_drone and drone:
            facts.append(Fact(event, "weapon", object=drone))
        if row.fatalities is not None:
            facts.append(Fact(event, "killed", value=Value(str(row.fatalities), XSD + "integer")))
        if place and row.coordinates:  # the row's point for the place: a fact of this row, like the rest
            facts += [Fact(place, "latitude", value=Value(row.coordinates[0], XSD + "decimal")),
                      Fact(place, "longitude", value=Value(row.coordinates[1], XSD + "decimal"))]
            if row.geo_precision is not None:
                facts.append(Fact(place, "geoPrecision", value=Value(str(row.geo_precision), XSD + "integer")))
        note = "; ".join(x for x in (f"ACLED source: {row.source}" if row.source else "", row.notes) if x)
        claim = Claim(id=_slug(row.id), source=dataset, subject=event, facts=facts, stance="reported",
                      span=row.span, note=note or None)
        out.extend(claim_quads(claim))
        c, integer = claim_iri(dataset, claim.id), NamedNode(XSD + "integer")
        out.append(Quad(c, term("timePrecision"), Literal(str(row.time_precision), datatype=integer), PROVENANCE_GRAPH))
        return out, claim

