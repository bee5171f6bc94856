"""Building and checking the knowledge base: build, ensure_store, validate, verify, locate, export."""


from __future__ import annotations

import sys
import time
from collections import Counter
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg import config
from kg.errors import DataError, KGError, StoreError, UsageError
from kg.kb.compile import iter_quads
from kg.kb.inputs import content_fingerprint, input_files, stat_signature
from kg.kb.loader import load_knowledge_base
from kg.kb.model import KnowledgeBase
from kg.kb.sources import Verification, locate, read_text, verify_sources
from kg.kb.validation import Violation, check_shapes, check_store, load_shapes
from kg.kb.vocabulary import load_vocabulary
from kg.store import (
    Location,
    Manifest,
    is_remote,
    open_dataset,
    read_manifest,
    store_size,
    write_store,
)
from kg.store.directory import open_ledger, read_ledger

if TYPE_CHECKING:
    from kg.store.endpoint import Endpoint


@dataclass(frozen=True)
class BuildReport:
    store: Location
    manifest: Manifest
    seconds: float
    size_bytes: int  # 0 for a server (its disk is its own business)


def load(data_dir: Path | None = None, ontology_dir: Path | None = None) -> KnowledgeBase:
    vocab = load_vocabulary(ontology_dir or config.ontology_dir())
    return load_knowledge_base(data_dir or config.data_dir(), vocab)


def counts(kb: KnowledgeBase) -> dict[str, object]:
    return {
        "entities": len(kb.entities),
        "entities_by_class": dict(sorted(Counter(e.cls for e in kb.entities.values()).items())),
        "sources": len(kb.sources),
        "claims": len(kb.claims),
        "claims_by_stance": dict(sorted(Counter(c.stance for c in kb.claims).items())),
        "facts": sum(len(c.facts) for c in kb.claims),
    }


def _violation_problems(violations: list[Violation]) -> list[str]:
    return [f"SHACL: {v}" for v in violations]


def default_data_dir(store: Path) -> Path:
    """The data a build uses when none is given: the store's own (it remembers it), else the default."""
    try:
        manifest = read_manifest(store)
    except StoreError:
        manifest = None
    if manifest is not None:
        return Path(manifest.data_dir)
    ledger = read_ledger(store) if store.is_dir() else None
    if ledger is not None and ledger.data_dir:
        return Path(ledger.data_dir)
    return config.data_dir()


def build(data_dir: Path | None = None, store: Location | None = None, ontology_dir: Path | None = None,
          update_url: str | None = None, graph_store_url: str | None = None) -> BuildReport:
    """Check the data, stream it into a new store generation, check the shapes there, and switch to it.

    Without data_dir, a store is rebuilt from the data it was built from, never silently from other data.
    Quads flow from the YAML knowledge base and the registered datasets straight into Oxigraph's bulk
    loader; the SHACL shapes then run as SPARQL over the new generation, which goes live only if they
    pass (a failing build leaves the previous store answering). A store on a SPARQL server (store is its
    query URL) gets the same checked generation, built locally first and then uploaded (kg.store.remote_load).
    """
    store = store or config.store_location()
    if is_remote(store):
        return _build_remote(str(store), data_dir, ontology_dir, _endpoint(str(store), update_url, graph_store_url))
    return _build_local(Path(store), data_dir, ontology_dir)


def _build_remote(url: str, data_dir: Path | None, ontology_dir: Path | None, endpoint: Endpoint) -> BuildReport:
    import tempfile

    from kg.store.remote import read_remote_manifest
    from kg.store.remote_load import load_generation

    started = time.perf_counter()
    previous = (read_remote_manifest(endpoint) or (None, {}))[0]
    if data_dir is None and previous is not None:
        data_dir = Path(previous.data_dir)
        if not data_dir.is_dir():
            raise StoreError(f"{url} was built from {data_dir}, which is not on this machine; "
                             "give the data to build from with --data")
    with tempfile.TemporaryDirectory(prefix="kg-build-") as scratch:  # kg's own folder, removed after
        local = _build_local(Path(scratch) / "store", data_dir, ontology_dir)
        generation = ox.Store.read_only(str(local.store / local.manifest.generation))
        manifest = load_generation(endpoint, generation, local.manifest)
        del generation
    endpoint.close()
    return BuildReport(url, manifest, time.perf_counter() - started, 0)


def _endpoint(url: str, update_url: str | None, graph_store_url: str | None) -> Endpoint:
    import os

    from kg.store.endpoint import Endpoint, check_url

    update_url = update_url or os.environ.get("KG_UPDATE_URL") or None
    graph_store_url = graph_store_url or os.environ.get("KG_GRAPH_STORE_URL") or None
    return Endpoint(check_url(url), check_url(update_url, "--update-url") if update_url else None,
                    timeout=config.query_timeout(),
                    graph_store_url=check_url(graph_store_url, "--graph-store-url") if graph_store_url else None)


def _build_local(store: Path, data_dir: Path | None, ontology_dir: Path | None) -> BuildReport:
    from kg.services.imports import check_datasets, dataset_quads

    started = time.perf_counter()
    store = store.expanduser().absolute()
    data_dir = (data_dir or default_data_dir(store)).expanduser().absolute()
    ontology_dir = (ontology_dir or config.ontology_dir()).expanduser().absolute()
    open_ledger(store)  # refuse a directory that is not a store before doing any work
    files = input_files(data_dir, ontology_dir)
    signature = stat_signature(files)
    kb = load(data_dir, ontology_dir)
    datasets = check_datasets(kb, data_dir)
    tally = counts(kb)
    quads = chain(iter_quads(kb), dataset_quads(kb, datasets, data_dir, tally))

    def shapes_hold(generation: ox.Store) -> None:
        violations = check_store(generation, ontology_dir)
        if violations:
            raise DataError(_violation_problems(violations))

    ontology_file = ontology_dir / "kg.ttl"
    manifest = write_store(store, quads, ontology_file, content_fingerprint(files, (data_dir, ontology_dir)),
                           data_dir, tally, signature, check=shapes_hold)
    return BuildReport(store, manifest, time.perf_counter() - started, store_size(store))


def is_fresh(manifest: Manifest, data_dir: Path, ontology_dir: Path) -> bool:
    """Whether the store still matches its inputs: a stat of each, and a re-hash only if a stat changed."""
    files = input_files(data_dir, ontology_dir)
    if manifest.inputs and manifest.inputs == stat_signature(files):
        return True
    return manifest.fingerprint == content_fingerprint(files, (data_dir, ontology_dir))


def ensure_store(store: Location | None = None) -> Location:
    """The store to query: built from the bundled data on first use, rebuilt when its own data has changed.

    A store remembers the data directory it was built from and is only ever rebuilt from that. A store
    whose manifest is lost is not rebuilt behind the user's back: that takes `kg build`. If its data has
    changed but no longer builds, the previous store still answers, with a warning, so an analyst
    mid-edit is never left without a graph. A store on a server is never built behind anyone's back:
    it answers as it is (`kg build --store URL` loads it).
    """
    store = store or config.store_location()
    if is_remote(store):
        return store
    store = Path(store).expanduser().absolute()
    ledger = open_ledger(store)  # refuses a directory that is not a store
    manifest = read_manifest(store)
    if manifest is None:
        if ledger is not None and ledger.generations():
            hint = f" --data {ledger.data_dir}" if ledger.data_dir else ""
            raise StoreError(f"{store}: the store's manifest (CURRENT) is missing; run `kg build --store "
                             f"{store}{hint}` to rebuild it")
        build(config.data_dir(), store)  # first use
        return store
    data_dir = Path(manifest.data_dir)
    if not data_dir.is_dir() or is_fresh(manifest, data_dir, config.ontology_dir()):
        return store  # fresh, or built from data that is gone: answer from what was built
    try:
        build(data_dir, store)
    except KGError as ex:
        print(f"Warning: {data_dir} has changed but does not build; answering from the store built "
              f"{manifest.built_at}. Run `kg build` to see why.\n{ex}", file=sys.stderr)
    return store


def validate(store: Location | None = None) -> list[Violation]:
    """SHACL violations of the built store (empty when it conforms)."""
    location = ensure_store(store)
    if is_remote(location):
        raise UsageError(f"kg validate checks a store on disk; {location} was checked against the shapes by "
                         "`kg build` before it was loaded")
    ds = open_dataset(Path(location))
    union = ds.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }").graph
    return check_shapes(union, load_shapes(config.ontology_dir()))


def verify(text_dir: Path, data_dir: Path | None = None) -> Verification:
    if not text_dir.is_dir():
        raise StoreError(f"{text_dir}: no such directory of source texts")
    data_dir = data_dir or config.data_dir()
    return verify_sources(load(data_dir), text_dir, data_dir / "texts")


def locate_in_file(path: Path, phrase: str) -> list[tuple[int, int]]:
    try:
        text = read_text(path)
    except DataError as ex:
        raise KGError(ex.problems[0]) from None
    return locate(text, phrase)
