"""A store directory marks itself as kg's and keeps a ledger of what kg made in it.

kg writes only into a directory that is new, empty or already a kg store, and deletes only folders its
ledger says it made: a user's own files in (or mistakenly chosen as) a store directory are never touched.

    KG-STORE      JSON: the marker, and the ledger of every generation and scratch folder kg made here,
                  and the data directory of the last build (so a lost CURRENT can be rebuilt from it)
    CURRENT       the manifest of the live generation (see kg.store.local)
    gen-*/        Oxigraph databases, one per build
    .building-*/  a build in progress
    .lock         held while a build runs
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import StoreError

MARKER = "KG-STORE"
FORMAT = 1
_KG_NAMES = {MARKER, "CURRENT", ".lock", f".{MARKER}.tmp", ".CURRENT.tmp"}


@dataclass
class Ledger:
    """What kg made in a store directory. Changed only under the build lock, saved atomically."""

    root: Path
    made: list[str] = field(default_factory=list)
    data_dir: str | None = None

    def save(self) -> None:
        pending = self.root / f".{MARKER}.tmp"
        body = {"kg_store": FORMAT, "made": self.made, "data_dir": self.data_dir}
        pending.write_text(json.dumps(body, indent=2) + "\n", encoding="utf-8")
        os.replace(pending, self.root / MARKER)

    def add(self, name: str) -> None:
        if name not in self.made:
            self.made.append(name)
            self.save()

    def remove(self, name: str) -> None:
        if name in self.made:
            self.made.remove(name)
            self.save()

    def generations(self) -> list[str]:
        return [n for n in self.made if n.startswith("gen-")]


def read_ledger(root: Path) -> Ledger | None:
    """The ledger of a kg store, or None when root holds no marker."""
    try:
        raw = json.loads((root / MARKER).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as ex:
        raise StoreError(f"{root / MARKER}: unreadable store marker ({ex})") from None
    if not isinstance(raw, dict) or raw.get("kg_store") != FORMAT or not isinstance(raw.get("made"), list):
        raise StoreError(f"{root / MARKER}: not a kg store marker of format {FORMAT}")
    made = [str(n) for n in raw["made"] if isinstance(n, str) and "/" not in n and n not in {"", ".", ".."}]
    data_dir = raw.get("data_dir")
    return Ledger(root, made, data_dir if isinstance(data_dir, str) else None)


def _legacy_generation(root: Path) -> str | None:
    """The live generation of a store made before stores carried a marker (CURRENT + gen-*), if root is one."""
    try:
        raw = json.loads((root / "CURRENT").read_text(encoding="utf-8"))
        name = raw["generation"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return name if isinstance(name, str) and name.startswith("gen-") and (root / name).is_dir() else None


def is_empty_or_absent(root: Path) -> bool:
    try:
        return not any(root.iterdir())
    except FileNotFoundError:
        return True
    except NotADirectoryError:
        return False
    except OSError as ex:
        raise StoreError(f"cannot read the store directory {root}: {ex.strerror or ex}") from None


def open_ledger(root: Path) -> Ledger | None:
    """The ledger if root is a kg store (a store made before markers is adopted), None if new or empty.

    Raises StoreError for anything else: a file, or a directory with things in it that kg did not make.
    """
    if root.exists() and not root.is_dir():
        raise StoreError(f"{root} is not a directory, so it cannot be a kg store")
    ledger = read_ledger(root)
    if ledger is not None or is_empty_or_absent(root):
        return ledger
    legacy = _legacy_generation(root)
    if legacy is not None:
        return Ledger(root, [legacy])
    raise StoreError(f"{root} is not a kg store and is not empty; kg will not write into it or delete "
                     "anything there (choose a new or empty directory, or a store kg built)")


def claim(root: Path) -> Ledger:
    """Make root a kg store (creating it if needed) or take up the one there; never a foreign directory."""
    ledger = open_ledger(root)
    if ledger is None:
        try:
            root.mkdir(parents=True, exist_ok=True)
        except OSError as ex:
            raise StoreError(f"cannot create the store at {root}: {ex.strerror or ex}") from None
        ledger = Ledger(root)
    try:
        ledger.save()
    except OSError as ex:
        raise StoreError(f"cannot write to the store at {root}: {ex.strerror or ex}") from None
    return ledger


def foreign_names(root: Path, ledger: Ledger) -> list[str]:
    """Entries of root that kg neither made nor uses: left alone, listed for messages and tests."""
    return sorted(p.name for p in root.iterdir() if p.name not in _KG_NAMES and p.name not in ledger.made)
