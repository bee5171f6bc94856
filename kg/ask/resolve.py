"""Resolve what a user types ("Kata'ib Hizballah", "KH", "كتائب حزب الله") to one entity.

Order: an id; then a name equal after normalisation (case, accents, apostrophes, hyphens, al-/el-);
then fuzzy matching (rapidfuzz) with a clear best. Several equally good entities: ambiguous.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from kg.config import NS
from kg.errors import KGError
from kg.kb.names import normalize

ID_PREFIX = NS + "id/"
ACCEPT = 88  # fuzzy score for a usable match
MARGIN = 5  # how far the best must lead the next entity to be the clear best
SUGGEST = 60  # close enough to list in `kg search`
HINT = 75  # close enough to offer as "did you mean"
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
    def __init__(self, entities: dict[str, EntityRef]):
        self.entities = entities
        self._by_name: dict[str, set[str]] = {}
        self._choices: list[str] = []
        self._owners: list[str] = []
        for e in entities.values():
            for n in {normalize(x) for x in [e.id.replace("-", " "), *e.names]}:
                if n:
                    self._by_name.setdefault(n, set()).add(e.id)
                    self._choices.append(n)
                    self._owners.append(e.id)

    @classmethod
    def from_rows(cls, rows: list[dict]) -> NameIndex:
        entities: dict[str, EntityRef] = {}
        for r in rows:
            eid = str(r["entity"])[len(ID_PREFIX):]
            e = entities.setdefault(eid, EntityRef(eid, eid, str(r["class"]).rsplit("#", 1)[-1]))
            name = str(r["name"])
            e.names.append(name)
            if r["preferred"].toPython() and str(r.get("lang", "")) == "en":
                e.label = name
        return cls(entities)

    def ref(self, iri: str) -> EntityRef:
        """The entity with this IRI (an entity that has no labels gets its id as label)."""
        eid = str(iri)[len(ID_PREFIX):] if str(iri).startswith(ID_PREFIX) else str(iri)
        return self.entities.get(eid) or EntityRef(eid, eid, "")

    def ranked(self, text: str, limit: int = 10, events: bool | None = None) -> list[tuple[EntityRef, float]]:
        """Entities by their best fuzzy score against text, best first (only events, or none, if asked)."""
        query = normalize(text)
        if not query:
            return []
        best: dict[str, float] = {}
        for choice, score, i in process.extract(query, self._choices, scorer=fuzz.WRatio, limit=None,
                                                score_cutoff=SUGGEST):
            owner = self._owners[i]
            if events is not None and (self.entities[owner].cls in EVENT_CLASSES) != events:
                continue
            if score > best.get(owner, 0):
                best[owner] = score
        order = sorted(best.items(), key=lambda kv: (-kv[1], self.entities[kv[0]].cls in EVENT_CLASSES,
                                                     self.entities[kv[0]].label))
        return [(self.entities[eid], score) for eid, score in order[:limit]]

    def resolve(self, text: str) -> Resolution:
        text = text.strip()
        if not normalize(text):
            raise NameNotFound("give a name (an id, a label or an alias)")
        if text in self.entities:
            return Resolution(self.entities[text], text, "id")
        exact = self._by_name.get(normalize(text), set())
        if len(exact) == 1:
            return Resolution(self.entities[next(iter(exact))], text, "name")
        if len(exact) > 1:
            raise AmbiguousName(_ambiguous(text, [self.entities[e] for e in sorted(exact)]))
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
