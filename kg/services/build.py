"""Building and checking the knowledge base: build, ensure_store, validate, verify, locate, export."""


from __future__ import annotations

import hashlib
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph as RDFGraph

from kg import __version__, config
from kg.errors import DataError, KGError, StoreError
from kg.kb.compile import compile_quads
from kg.kb.loader import load_knowledge_base
from kg.kb.model import KnowledgeBase
from kg.kb.sources import Verification, locate, read_text, verify_sources
from kg.kb.validation import Violation, check_shapes, load_shapes
from kg.kb.vocabulary import load_vocabulary
from kg.store import (
    Manifest,
    open_dataset,
    read_manifest,
    store_size,
    write_store,
)


@dataclass(frozen=True)
class BuildReport:
    store: Path
    manifest: Manifest
    seconds: float
    size_bytes: int


def fingerprint(data_dir: Path, ontology_dir: Path) -> str:
    """Hash of every input a build reads, so a store can tell whether it is out of date."""
    h = hashlib.sha256(__version__.encode())
    for base in (data_dir, ontology_dir):
        for path in sorted(p for p in base.rglob("*") if p.suffix in {".yaml", ".ttl"}):
            h.update(str(path.relative_to(base)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


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


def _union_graph(quads: list[ox.Quad], ontology_file: Path) -> RDFGraph:
    graph = RDFGraph()
    graph.parse(data=ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES), format="nt")
    graph.parse(ontology_file, format="turtle")
    return graph


def _violation_problems(violations: list[Violation]) -> list[str]:
    return [f"SHACL: {v}" for v in violations]


def build(data_dir: Path | None = None, store: Path | None = None, ontology_dir: Path | None = None) -> BuildReport:
    """Check the data, compile it, check the shapes, and atomically replace the store."""
    started = time.perf_counter()
    data_dir = data_dir or config.data_dir()
    ontology_dir = ontology_dir or config.ontology_dir()
    store = store or config.store_path()
    kb = load(data_dir, ontology_dir)
    quads = compile_quads(kb)
    ontology_file = ontology_dir / "kg.ttl"
    violations = check_shapes(_union_graph(quads, ontology_file), load_shapes(ontology_dir))
    if violations:
        raise DataError(_violation_problems(violations))
    manifest = write_store(store, quads, ontology_file, fingerprint(data_dir, ontology_dir), data_dir, counts(kb))
    return BuildReport(store, manifest, time.perf_counter() - started, store_size(store))


def ensure_store(store: Path | None = None, data_dir: Path | None = None) -> Path:
    """The store to query: built from the data on first use, rebuilt when that data has changed.

    A store remembers the data directory it was built from and is kept fresh against it (the bundled
    data for a new store). If that data has changed but no longer builds, the previous store still
    answers, with a warning, so an analyst mid-edit is never left without a graph.
    """
    store = store or config.store_path()
    manifest = read_manifest(store)
    if data_dir is None:
        recorded = Path(manifest.data_dir) if manifest else None
        if recorded is not None and not recorded.is_dir():
            return store  # built from data that is gone: answer from what was built
        data_dir = recorded or config.data_dir()
    if manifest is not None and manifest.fingerprint == fingerprint(data_dir, config.ontology_dir()):
        return store
    try:
        build(data_dir, store)
    except KGError as ex:
        if manifest is None:
            raise
        print(f"Warning: {data_dir} has changed but does not build; answering from the store built "
              f"{manifest.built_at}. Run `kg build` to see why.\n{ex}", file=sys.stderr)
    return store


def validate(store: Path | None = None) -> list[Violation]:
    """SHACL violations of the built store (empty when it conforms)."""
    ds = open_dataset(ensure_store(store))
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
    except FileNotFoundError:
        raise KGError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise KGError(f"{path}: not UTF-8 text") from None
    return locate(text, phrase)
