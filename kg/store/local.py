"""The on-disk store: Oxigraph through rdflib (the oxrdflib plugin), built atomically.

Layout of a store directory (kg.store.directory guards it and keeps the ledger of what kg made):
    KG-STORE           JSON: marks the directory as a kg store; the ledger of the folders kg made
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
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from kg.errors import StoreError
from kg.kb.compile import ONTOLOGY_GRAPH
from kg.store.directory import Ledger, claim
from kg.store.generation import finish_generation

if TYPE_CHECKING:
    from rdflib import Dataset

MANIFEST = "CURRENT"


@dataclass(frozen=True)
class Manifest:
    generation: str
    fingerprint: str  # SHA-256 of the content of every input file
    built_at: str
    data_dir: str  # absolute path of the knowledge base it was built from
    counts: dict[str, Any]
    inputs: str = ""  # hash of the inputs' paths, sizes and mtimes: a stat tells whether it is fresh


def read_manifest(root: Path) -> Manifest | None:
    try:
        raw = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
        manifest = Manifest(**raw)
    except FileNotFoundError:
        return None
    except (ValueError, TypeError) as ex:
        raise StoreError(f"{root / MANIFEST}: unreadable store manifest ({ex}); run `kg build` to rebuild") from None
    except OSError as ex:
        raise StoreError(f"{root / MANIFEST}: cannot read the store manifest ({ex.strerror or ex})") from None
    if not (root / manifest.generation).is_dir():
        raise StoreError(f"{root}: the store's data is missing ({manifest.generation}); run `kg build`")
    return manifest


def _manifest_or_none(root: Path) -> Manifest | None:
    """For a build: a lost or corrupt manifest means there is no previous generation to keep."""
    try:
        return read_manifest(root)
    except StoreError:
        return None


@contextmanager
def _build_lock(root: Path) -> Iterator[None]:
    with (root / ".lock").open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreError(f"{root}: another build is running") from None
        yield


def _remove(ledger: Ledger, name: str) -> None:
    shutil.rmtree(ledger.root / name, ignore_errors=True)
    if not (ledger.root / name).exists():
        ledger.remove(name)


def write_store(
    root: Path, quads: Iterable[ox.Quad], ontology_file: Path, fingerprint: str, data_dir: Path,
    counts: dict[str, Any], inputs: str = "",
) -> Manifest:
    """Load quads and the ontology into a fresh generation, then make it the live one.

    Refuses a directory that is not a kg store; deletes only folders the store's ledger says kg made.
    """
    ledger = claim(root)
    with _build_lock(root):
        for stale in [n for n in ledger.made if n.startswith(".building-")]:  # left by a killed build
            _remove(ledger, stale)
        name = f"gen-{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}"
        tmp = root / f".building-{name}"
        ledger.add(tmp.name)  # in the ledger before it exists, so a kill leaves nothing unaccounted for
        try:
            store = ox.Store(str(tmp))
            # Oxigraph's own parser and bulk loader, not triple-by-triple adds through rdflib.
            store.bulk_load(input=ox.serialize(quads, format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
            store.bulk_load(path=ontology_file, format=ox.RdfFormat.TURTLE, to_graph=ONTOLOGY_GRAPH)
            counts = dict(counts, quads=len(store))
            finish_generation(store, tmp)  # the union default graph and the name index
            store.flush()
            del store
            ledger.add(name)
            tmp.rename(root / name)
            ledger.remove(tmp.name)
        except BaseException as ex:
            _remove(ledger, tmp.name)
            if isinstance(ex, OSError):  # a full disk, a quota, a read-only file system
                raise StoreError(f"cannot write the store at {root}: {ex.strerror or ex}; "
                                 "the previous store is unchanged") from None
            raise
        manifest = Manifest(name, fingerprint, time.strftime("%Y-%m-%dT%H:%M:%S%z"), str(data_dir), counts, inputs)
        pending = root / f".{MANIFEST}.tmp"
        pending.write_text(json.dumps(manifest.__dict__, indent=2), encoding="utf-8")
        previous = _manifest_or_none(root)
        os.replace(pending, root / MANIFEST)  # the commit point
        ledger.data_dir = str(data_dir)
        ledger.save()
        keep = {name, previous.generation if previous else name}
        for old in ledger.generations():
            if old not in keep:  # the previous generation stays for readers that opened it just now
                _remove(ledger, old)
    return manifest


def open_dataset(root: Path) -> Dataset:
    """The live generation as a read-only rdflib Dataset (for SHACL; queries use kg.store.open_store)."""
    from rdflib import Dataset, plugin  # rdflib only where it earns its place: SHACL
    from rdflib.namespace import NamespaceManager
    from rdflib.store import Store

    manifest = read_manifest(root)
    if manifest is None:
        raise StoreError(f"no store at {root}; run `kg build`")
    try:
        inner = ox.Store.read_only(str(root / manifest.generation))
    except (OSError, RuntimeError) as ex:  # RocksDB reports a damaged database as a RuntimeError
        raise StoreError(f"cannot open the store at {root}: {ex}; run `kg build` to rebuild it") from None
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
