"""The on-disk store: Oxigraph through rdflib (the oxrdflib plugin), built atomically.

Layout of a store directory:
    CURRENT            JSON: the live generation, the fingerprint of the inputs it was built from, counts
    gen-<stamp>/       an Oxigraph (RocksDB) database, written once by a build and then only read
    .lock              held while a build runs, so two builds never interleave

A build writes a new generation beside the live one and then replaces CURRENT in one rename, so a build
that fails or is killed at any point leaves the previous store answering. Readers open the live
generation read-only, so any number of `kg` processes can query at once.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset, plugin
from rdflib.namespace import NamespaceManager
from rdflib.store import Store

from kg.kb.compile import ONTOLOGY_GRAPH
from kg.errors import StoreError

MANIFEST = "CURRENT"


@dataclass(frozen=True)
class Manifest:
    generation: str
    fingerprint: str
    built_at: str
    data_dir: str
    counts: dict[str, Any]


def read_manifest(root: Path) -> Manifest | None:
    try:
        raw = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
        manifest = Manifest(**raw)
    except FileNotFoundError:
        return None
    except (ValueError, TypeError) as ex:
        raise StoreError(f"{root / MANIFEST}: unreadable store manifest ({ex}); run `kg build` to rebuild") from None
    if not (root / manifest.generation).is_dir():
        raise StoreError(f"{root}: the store's data is missing ({manifest.generation}); run `kg build`")
    return manifest


@contextmanager
def _build_lock(root: Path) -> Iterator[None]:
    with (root / ".lock").open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreError(f"{root}: another build is running") from None
        yield


def write_store(
    root: Path, quads: Iterable[ox.Quad], ontology_file: Path, fingerprint: str, data_dir: Path,
    counts: dict[str, Any], check: Callable[[ox.Store], None] | None = None,
) -> Manifest:
    """Load quads and the ontology into a fresh generation, then make it the live one.

    quads may be a generator: they stream into Oxigraph's bulk loader and are never held in a list.
    `check` runs on the loaded generation before it goes live; if it raises, the previous store stays.
    """
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as ex:
        raise StoreError(f"cannot create the store at {root}: {ex.strerror}") from None
    with _build_lock(root):
        for stale in root.glob(".building-*"):  # left by a build that was killed
            shutil.rmtree(stale, ignore_errors=True)
        name = f"gen-{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}"
        tmp = root / f".building-{name}"
        try:
            store = ox.Store(str(tmp))
            # Oxigraph's own bulk loader, fed one quad at a time from the generator: no list, no text.
            store.bulk_extend(quads)
            store.bulk_load(path=ontology_file, format=ox.RdfFormat.TURTLE, to_graph=ONTOLOGY_GRAPH)
            if check is not None:
                check(store)
            counts = dict(counts, quads=len(store))
            store.flush()
            del store
            tmp.rename(root / name)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        manifest = Manifest(name, fingerprint, time.strftime("%Y-%m-%dT%H:%M:%S%z"), str(data_dir), counts)
        pending = root / f".{MANIFEST}.tmp"
        pending.write_text(json.dumps(manifest.__dict__, indent=2), encoding="utf-8")
        previous = read_manifest(root)
        os.replace(pending, root / MANIFEST)  # the commit point
        keep = {name, previous.generation if previous else name}
        for old in root.glob("gen-*"):
            if old.name not in keep:  # the previous generation stays for readers that opened it just now
                shutil.rmtree(old, ignore_errors=True)
    return manifest


def open_dataset(root: Path) -> Dataset:
    """The live generation as a read-only rdflib Dataset whose default graph is the union of all graphs."""
    manifest = read_manifest(root)
    if manifest is None:
        raise StoreError(f"no store at {root}; run `kg build`")
    try:
        inner = ox.Store.read_only(str(root / manifest.generation))
    except OSError as ex:
        raise StoreError(f"cannot open the store at {root}: {ex}") from None
    oxigraph_store = plugin.get("Oxigraph", Store)(store=inner)
    ds = Dataset(store=oxigraph_store, default_union=True)
    # Only the core prefixes; rdflib's default set (brick, schema, ...) would leak into every export.
    ds.namespace_manager = NamespaceManager(ds, bind_namespaces="core")
    return ds


def store_size(root: Path) -> int:
    """Bytes on disk of the live generation."""
    manifest = read_manifest(root)
    if manifest is None:
        return 0
    return sum(f.stat().st_size for f in (root / manifest.generation).rglob("*") if f.is_file())
