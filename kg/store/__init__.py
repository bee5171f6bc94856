"""The store: one interface (base.Store) with an implementation per kind of store (local Oxigraph on disk:
oxigraph.LocalStore; a SPARQL 1.1 server: remote.RemoteStore), the build's on-disk layout (local,
directory, generation, names), loading a server (remote_load) and the query runner (queries: named
queries with bound values; sparql: user SPARQL with limits).

A store's location is a directory (a Path) or the http(s) URL of a SPARQL query endpoint (a str).
"""

from __future__ import annotations

import re
from pathlib import Path

from kg import config
from kg.store.base import Raw, Row, Store, Term  # noqa: F401
from kg.store.local import (  # noqa: F401
    Manifest,
    open_dataset,
    read_manifest,
    store_size,
    write_store,
)

Location = Path | str


def is_remote(location: object) -> bool:
    """Whether a store location is a server's URL rather than a directory."""
    return isinstance(location, str) and re.match(r"(?i)https?://", location) is not None


def open_store(location: Location, timeout: float | None = None) -> Store:
    """The store at a location, opened for reading: a directory, or a SPARQL endpoint's URL."""
    if is_remote(location):
        from kg.store.endpoint import Endpoint, check_url
        from kg.store.remote import RemoteStore

        return RemoteStore(Endpoint(check_url(str(location)), timeout=config.query_timeout(timeout)))
    from kg.store.oxigraph import LocalStore

    return LocalStore(Path(location))


def current_manifest(location: Location) -> Manifest | None:
    """What the store says about its live generation (None where there is no store yet)."""
    if is_remote(location):
        return open_store(location).manifest()
    return read_manifest(Path(location))
