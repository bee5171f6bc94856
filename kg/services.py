"""What the CLI asks for, one function per command. Returns data; never prints, never imports click."""

from __future__ import annotations

import hashlib
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import Graph as RDFGraph
from rdflib import URIRef
from rdflib.term import Identifier

from kg import __version__, answers, config, queries
from kg.answers import Graph, date_bounds
from kg.compile import compile_quads
from kg.errors import DataError, KGError, StoreError, UsageError
from kg.exports import NETWORK_FORMATS, RDF_FORMATS
from kg.exports.rdf import export_dataset
from kg.loader import load_knowledge_base, parse_date
from kg.model import KnowledgeBase
from kg.resolve import ID_PREFIX, Resolution
from kg.sources import Verification, locate, read_text, verify_sources
from kg.store import Manifest, open_dataset, read_manifest, store_size, write_store
from kg.validation import Violation, check_shapes, load_shapes
from kg.vocabulary import load_vocabulary


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
    return verify_sources(load(data_dir), text_dir)


def locate_in_file(path: Path, phrase: str) -> list[tuple[int, int]]:
    try:
        text = read_text(path)
    except FileNotFoundError:
        raise KGError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise KGError(f"{path}: not UTF-8 text") from None
    return locate(text, phrase)


def export(fmt: str, out: BinaryIO, store: Path | None = None) -> None:
    """Write the graph in fmt: RDF with provenance, a network for Gephi, or an ACLED-style event table."""
    if fmt in RDF_FORMATS:
        export_dataset(open_dataset(ensure_store(store)), fmt, out)
        return
    g = open_graph(store)
    if fmt in NETWORK_FORMATS:
        from kg.exports.network import write_network
        from kg.projection import project

        write_network(project(g), fmt, out)
        return
    if fmt != "csv":
        raise UsageError(f"unknown export format {fmt!r}")
    import io

    from kg.exports.acled import write_acled

    by_id = {e.id: e for e in g.names.entities.values()}
    drones = answers.within(g, by_id["drone"]) if "drone" in by_id else set()
    projectiles = set().union(*(answers.within(g, by_id[w]) for w in ("rocket", "ballistic-missile") if w in by_id))
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    write_acled(answers.all_events(g), drones, projectiles, text)
    text.flush()
    text.detach()


# --- the query side ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Answer:
    """Records for the CLI to render, and how each name the user gave was resolved."""

    records: list[dict]
    resolved: list[Resolution]


def open_graph(store: Path | None = None) -> Graph:
    return Graph(open_dataset(ensure_store(store)))


def _day(value: str | None, bound: int, option: str) -> str | None:
    """A date option (YYYY, YYYY-MM or YYYY-MM-DD) as its first (bound 0) or last (bound 1) day."""
    if value is None:
        return None
    try:
        return date_bounds(parse_date(value).lexical)[bound]
    except ValueError:
        raise UsageError(f"{option}: {value!r} is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)") from None


def _on_date(name: str, as_of: str | None, store: Path | None) -> tuple[Graph, Resolution, str | None]:
    """The graph, the named entity and the --as-of day, checked before any query runs."""
    day = _day(as_of, 0, "--as-of")
    g = open_graph(store)
    return g, g.resolve(name), day


def who_backs(name: str, direct: bool = False, as_of: str | None = None, store: Path | None = None) -> Answer:
    g, res, day = _on_date(name, as_of, store)
    return Answer(answers.who_backs(g, res.entity, direct, day), [res])


def backs(name: str, direct: bool = False, as_of: str | None = None, store: Path | None = None) -> Answer:
    g, res, day = _on_date(name, as_of, store)
    return Answer(answers.backs(g, res.entity, direct, day), [res])


def members(name: str, as_of: str | None = None, store: Path | None = None) -> Answer:
    g, res, day = _on_date(name, as_of, store)
    return Answer(answers.members(g, res.entity, day), [res])


def show(name: str, store: Path | None = None) -> Answer:
    g = open_graph(store)
    res = g.resolve(name)
    return Answer([answers.show(g, res.entity)], [res])


def search(text: str, limit: int = 10, store: Path | None = None) -> Answer:
    if not text.strip():
        raise UsageError("give some text to search for")
    return Answer(answers.search(open_graph(store), text, limit), [])


def events(
    type: str | None = None, actor: str | None = None, role: str | None = None, target: str | None = None,
    place: str | None = None, weapon: str | None = None, since: str | None = None, until: str | None = None,
    store: Path | None = None,
) -> Answer:
    g = open_graph(store)
    f = answers.EventFilter(type=type, since=_day(since, 0, "--since"), until=_day(until, 1, "--until"))
    resolved = []
    if role:
        f.roles = (answers.ROLES[role],)
    for text, attr, widen in ((actor, "actors", False), (target, "targets", True), (place, "places", True),
                              (weapon, "weapons", True)):
        if text is not None:
            res = g.resolve(text)
            resolved.append(res)
            setattr(f, attr, answers.within(g, res.entity) if widen else {res.entity.id})
    return Answer(answers.events(g, f), resolved)


def timeline(name: str | None = None, store: Path | None = None) -> Answer:
    g = open_graph(store)
    res = g.resolve(name) if name else None
    return Answer(answers.timeline(g, res.entity if res else None), [res] if res else [])


def path(a: str, b: str, store: Path | None = None) -> Answer:
    g = open_graph(store)
    ra, rb = g.resolve(a), g.resolve(b)
    steps = answers.path(g, ra.entity, rb.entity)
    if not steps and ra.entity.id != rb.entity.id:
        raise KGError(f"no chain of relations links {ra.entity.label} and {rb.entity.label}")
    return Answer(steps, [ra, rb])


def named_queries() -> list[queries.NamedQuery]:
    return queries.list_queries()


def query(name_or_file: str, params: list[str], store: Path | None = None) -> Answer:
    """Run a named query (or a .rq file) with --param key=value bindings; entity parameters take names."""
    q = queries.load_query(name_or_file)
    g = open_graph(store)
    bindings: dict[str, Identifier] = {}
    resolved = []
    for item in params:
        key, sep, value = item.partition("=")
        key = key.strip().lstrip("?$")
        if not sep or not key:
            raise UsageError(f"--param takes key=value, not {item!r}")
        param = q.params.get(key) or queries.Param(key, "string", True)
        if q.params and key not in q.params:
            raise UsageError(f"query {q.name!r} has no parameter {key!r} (it takes: {', '.join(q.params) or 'none'})")
        if param.type == "entity":
            res = g.resolve(value)
            resolved.append(res)
            bindings[key] = URIRef(res.entity.iri)
        else:
            bindings[key] = queries.literal_for(param, value)
    missing = [p.name for p in q.params.values() if not p.optional and p.name not in bindings]
    if missing:
        raise UsageError(f"query {q.name!r} needs --param {missing[0]}=VALUE")
    return Answer(_plain_rows(g, queries.run(g.ds, q, bindings)), resolved)


def sparql(text: str, store: Path | None = None) -> Answer:
    g = open_graph(store)
    return Answer(_plain_rows(g, queries.run(g.ds, text)), [])


def _plain_rows(g: Graph, rows: list[dict]) -> list[dict]:
    """Rows for output: entity IRIs as {id, label, class}, other terms as their text."""
    out = []
    for row in rows:
        out.append({k: g.ref(v) if str(v).startswith(ID_PREFIX) else config.shorten(str(v)) for k, v in row.items()})
    return out


# --- the network side (networkx, imported only by these commands) --------------------------------

def stats(top: int = 10, store: Path | None = None) -> Answer:
    from kg import analysis
    from kg.projection import project

    net = project(open_graph(store))
    record = {"entities_by_class": analysis.counts_by_class(net), "claims_by_stance": analysis.claims_by_stance(net),
              "central_actors": analysis.centrality(net, top)}
    return Answer([record], [])


def escalation(name: str | None = None, window: int = 30, store: Path | None = None) -> Answer:
    from kg import analysis
    from kg.projection import project

    g = open_graph(store)
    res = g.resolve(name) if name else None
    net = project(g)
    record = {"pairs": analysis.escalation(net, window, res.entity.id if res else None),
              "monthly": analysis.monthly_counts(net)}
    return Answer([record], [res] if res else [])


def viz(out: Path, focus: str | None = None, depth: int = 2, since: str | None = None, until: str | None = None,
        classes: list[str] | None = None, store: Path | None = None) -> tuple[Answer, int, int]:
    """Write the interactive graph page; returns how the focus resolved and the node and edge counts."""
    from kg import viz as pages
    from kg.projection import project

    g = open_graph(store)
    res = g.resolve(focus) if focus else None
    known = sorted({e.cls for e in g.names.entities.values()})
    unknown = [c for c in classes or [] if c not in known]
    if unknown:
        raise UsageError(f"unknown class {unknown[0]!r}: choose from {', '.join(known)}")
    net = pages.select(project(g), res.entity.id if res else None, depth, _day(since, 0, "--since"),
                       _day(until, 1, "--until"), set(classes) if classes else None)
    title = f"kg: {res.entity.label}, depth {depth}" if res else "kg: the whole graph"
    pages.write_page(pages.build_page(net, title), out)
    return Answer([], [res] if res else []), net.number_of_nodes(), net.number_of_edges()


def timeline_plot(out: Path, name: str | None = None, store: Path | None = None) -> tuple[Answer, int]:
    from kg.plot import plot_timeline

    answer = timeline(name, store)
    title = f"Events involving {answer.resolved[0].entity.label}" if answer.resolved else "Attacks and strikes"
    return answer, plot_timeline(answer.records, out, title)
