"""Resolve what a user types ("Kata'ib Hizballah", "KH", "كتائب حزب الله") to one entity.

Order: an id; then a name equal after normalisation (case, accents, apostrophes, hyphens, al-/el-);
then fuzzy matching (rapidfuzz) with a clear best. Several equally good entities: ambiguous.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from rapidfuzz import fuzz, process

from kg.config import NS
from kg.errors import KGError
from kg.kb.names import normalize
from kg.store.names import NameTable, entries_from_rows

ID_PREFIX = NS + "id/"
ACCEPT = 88  # fuzzy score for a usable match
MARGIN = 5  # how far the best must lead the next entity to be the clear best
SUGGEST = 60  # close enough to list in `kg search`
HINT = 75  # close enough to offer as "did you mean"
MIN_FUZZY = 4  # names shorter than this match exactly (after normalisation) or not at all
EVENT_CLASSES = {"Event", "Attack", "Strike", "AssassinationAttempt"}


class NameNotFound(KGError):
    exit_code = 2


class AmbiguousName(KGError):
    exit_code = 2


@dataclass
class EntityRef:
    id: str
    label: str
    cls: str
    names: list[str] = field(default_factory=list)

    @property
    def iri(self) -> str:
        return ID_PREFIX + self.id

    def as_json(self) -> dict[str, str]:
        return {"id": self.id, "label": self.label, "class": self.cls}


@dataclass(frozen=True)
class Resolution:
    entity: EntityRef
    query: str
    how: str  # "id", "name" or "fuzzy"
    score: float = 100.0


class NameIndex:
    """Names to entities, over the store's name table: look-ups by id and name are O(log n); the full
    list (for fuzzy matching and listings) is read only when asked for."""

    def __init__(self, table: NameTable):
        self.table = table
        self._refs: dict[str, EntityRef | None] = {}
        self._choices: list[str] | None = None
        self._owners: list[str] = []

    @classmethod
    def from_rows(cls, rows: list[dict]) -> NameIndex:
        return cls(NameTable(entries=entries_from_rows(rows)))

    @cached_property
    def entities(self) -> dict[str, EntityRef]:
        """Every entity by id (reads the whole table: for listings, not for answering one name)."""
        out = {e.id: EntityRef(e.id, e.label, e.cls, e.names) for e in self.table.all()}
        self._refs.update(out)
        return out

    def get(self, eid: str) -> EntityRef | None:
        if eid not in self._refs:
            e = self.table.get(eid)
            self._refs[eid] = EntityRef(e.id, e.label, e.cls, e.names) if e else None
        return self._refs[eid]

    def ref(self, iri: Any) -> EntityRef:
        """The entity with this IRI (an entity that has no labels gets its id as label)."""
        text = getattr(iri, "value", None) or str(iri)
        eid = text[len(ID_PREFIX):] if text.startswith(ID_PREFIX) else text
        return self.get(eid) or EntityRef(eid, eid, "")

    def _fuzzy_choices(self) -> list[str]:
        if self._choices is None:
            self._choices = []
            for norm, eid in self.table.pairs():
                if len(norm) < MIN_FUZZY:
                    continue  # "IS", "KH", "US": partial matching finds them inside any word ("Atlantis")
                self._choices.append(norm)
                self._owners.append(eid)
        return self._choices

    def ranked(self, text: str, limit: int = 10, events: bool | None = None) -> list[tuple[EntityRef, float]]:
        """Entities by their best fuzzy score against text, best first (only events, or none, if asked)."""
        query = normalize(text)
        if not query:
            return []
        best: dict[str, float] = {}
        entity = self.get
        for choice, score, i in process.extract(query, self._fuzzy_choices(), scorer=fuzz.WRatio, limit=None,
                                                score_cutoff=SUGGEST):
            owner = self._owners[i]
            if events is not None and (entity(owner).cls in EVENT_CLASSES) != events:  # type: ignore[union-attr]
                continue
            if score > best.get(owner, 0):
                best[owner] = score
        refs = {eid: entity(eid) for eid in best}
        order = sorted(best.items(), key=lambda kv: (-kv[1], refs[kv[0]].cls in EVENT_CLASSES,  # type: ignore[union-attr]
                                                     refs[kv[0]].label))  # type: ignore[union-attr]
        return [(refs[eid], score) for eid, score in order[:limit]]  # type: ignore[misc]

    def resolve(self, text: str) -> Resolution:
        text = text.strip()
        if not normalize(text):
            raise NameNotFound("give a name (an id, a label or an alias)")
        by_id = self.get(text)
        if by_id is not None:
            return Resolution(by_id, text, "id")
        exact = self.table.named(normalize(text))
        if len(exact) == 1:
            return Resolution(self.get(next(iter(exact))), text, "name")  # type: ignore[arg-type]
        if len(exact) > 1:
            raise AmbiguousName(_ambiguous(text, [self.get(e) for e in sorted(exact)]))  # type: ignore[misc]
        # Events have long descriptive labels that contain the names of their actors: match them only
        # when no actor, place or weapon does, so "Hezbollah" means the groups, not the strikes on them.
        ranked = self.ranked(text, events=False) or self.ranked(text, events=True)
        if ranked and ranked[0][1] >= ACCEPT:
            close = [e for e, s in ranked if s >= ranked[0][1] - MARGIN]
            if len(close) > 1:
                raise AmbiguousName(_ambiguous(text, close))
            return Resolution(ranked[0][0], text, "fuzzy", ranked[0][1])
        hint = "; ".join(f"{e.label} ({e.id})" for e, score in ranked[:3] if score >= HINT)
        raise NameNotFound(f"no entity called {text!r}" + (f"; did you mean: {hint}?" if hint else "")
                           + " (`kg search TEXT` lists close names)")


def _ambiguous(text: str, candidates: list[EntityRef]) -> str:
    listed = "; ".join(f"{e.label} ({e.id}, {e.cls})" for e in candidates)
    return f"{text!r} could mean several entities: {listed}. Give a longer name or the id."
