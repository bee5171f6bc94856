"""The name index: every entity's id, class, label and names, and each normalised name's owners.

Built once per build into a SQLite file in the generation directory (names.sqlite), so a query command
looks a name up in O(log n) instead of reading and normalising every name in the store. Stores built
without it (or a remote store) get the same table built in memory from the entity_names query.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.config import NS
from kg.kb.names import normalize

FILE = "names.sqlite"
ID_PREFIX = NS + "id/"
_SCHEMA = """
CREATE TABLE entity (id TEXT PRIMARY KEY, class TEXT NOT NULL, label TEXT NOT NULL, names TEXT NOT NULL);
CREATE TABLE name (norm TEXT NOT NULL, id TEXT NOT NULL);
CREATE INDEX name_norm ON name (norm);
"""


@dataclass
class Entry:
    id: str
    cls: str
    label: str
    names: list[str]


PREF_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"


def entries_from_rows(rows: Iterable[dict]) -> list[Entry]:
    """Entries from entity_names.rq rows (terms or strings); the label is the English preferred name."""
    out: dict[str, Entry] = {}
    # In a fixed order (preferred labels first), so two stores with the same data make the same index.
    for r in sorted(rows, key=lambda r: (_value(r["entity"]), _value(r["naming"]) != PREF_LABEL,
                                         _value(r.get("lang", "")), _value(r["name"]))):
        iri = _value(r["entity"])
        eid = iri[len(ID_PREFIX):] if iri.startswith(ID_PREFIX) else iri
        e = out.setdefault(eid, Entry(eid, _value(r["class"]).rsplit("#", 1)[-1], eid, []))
        name = _value(r["name"])
        e.names.append(name)
        if _value(r["naming"]) == PREF_LABEL and _value(r.get("lang", "")) == "en":
            e.label = name
    return list(out.values())


def _value(term: object) -> str:
    return str(getattr(term, "value", term))


def keys(e: Entry) -> set[str]:
    """The normalised names an entity answers to: its id (hyphens as spaces) and each of its names."""
    return {n for n in (normalize(x) for x in [e.id.replace("-", " "), *e.names]) if n}


def write_index(path: Path, entries: Iterable[Entry]) -> None:
    db = sqlite3.connect(path)
    try:
        db.executescript(_SCHEMA)
        for e in entries:
            db.execute("INSERT OR REPLACE INTO entity VALUES (?, ?, ?, ?)",
                       (e.id, e.cls, e.label, json.dumps(e.names, ensure_ascii=False)))
            db.executemany("INSERT INTO name VALUES (?, ?)", [(n, e.id) for n in sorted(keys(e))])
        db.commit()
    finally:
        db.close()


class NameTable:
    """Look-ups by id and by normalised name; everything at once only for fuzzy matching and listings."""

    def __init__(self, path: Path | None = None, entries: list[Entry] | None = None):
        self._db: sqlite3.Connection | None = None
        self._entries = {e.id: e for e in entries} if entries is not None else None
        self._names: dict[str, set[str]] | None = None
        if path is not None:
            self._db = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)

    def get(self, eid: str) -> Entry | None:
        if self._db is None:
            return self._entries.get(eid) if self._entries is not None else None
        row = self._db.execute("SELECT id, class, label, names FROM entity WHERE id = ?", (eid,)).fetchone()
        return Entry(row[0], row[1], row[2], json.loads(row[3])) if row else None

    def named(self, norm: str) -> set[str]:
        if self._db is None:
            if self._names is None:
                self._names = {}
                for e in (self._entries or {}).values():
                    for n in keys(e):
                        self._names.setdefault(n, set()).add(e.id)
            return self._names.get(norm, set())
        return {r[0] for r in self._db.execute("SELECT id FROM name WHERE norm = ?", (norm,))}

    def all(self) -> Iterator[Entry]:
        if self._db is None:
            yield from (self._entries or {}).values()
            return
        for row in self._db.execute("SELECT id, class, label, names FROM entity ORDER BY rowid"):
            yield Entry(row[0], row[1], row[2], json.loads(row[3]))

    def pairs(self) -> Iterator[tuple[str, str]]:
        """Every (normalised name, entity id), for fuzzy matching."""
        if self._db is None:
            for e in (self._entries or {}).values():
                for n in sorted(keys(e)):
                    yield n, e.id
            return
        yield from self._db.execute("SELECT norm, id FROM name ORDER BY rowid")
