"""The store: one interface (base.Store) with an implementation per kind of store (local Oxigraph on disk
now, a SPARQL endpoint later), the build's on-disk layout (local, directory, generation, names) and the
query runner (queries: named queries with bound values; sparql: user SPARQL with limits)."""

from __future__ import annotations

from pathlib import Path

from kg.store.base import Raw, Row, Store, Term  # noqa: F401
from kg.store.local import (  # noqa: F401
    Manifest,
    open_dataset,
    read_manifest,
    store_size,
    write_store,
)


def open_store(location: Path) -> Store:
    """The store at a location, opened for reading (a directory today; a URL will be a remote store)."""
    from kg.store.oxigraph import LocalStore

    return LocalStore(location)
