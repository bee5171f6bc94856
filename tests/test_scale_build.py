"""The streaming build: the same quads as loading the compiled list at once, shapes still enforced."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from click.testing import CliRunner
from rdflib import Graph

from kg import config, services
from kg.cli import cli
from kg.kb.compile import ONTOLOGY_GRAPH, compile_quads
from kg.kb.validation import check_shapes, load_shapes
from kg.store import read_manifest


def _generation(store: Path) -> ox.Store:
    manifest = read_manifest(store)
    assert manifest is not None
    return ox.Store.read_only(str(store / manifest.generation))


def _old_build(data: Path) -> ox.Store:
    """What kg build did before streaming: every quad compiled into a list, serialised, then bulk loaded."""
    quads = compile_quads(services.load(data))
    store = ox.Store()
    store.bulk_load(input=ox.serialize(quads, format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
    store.bulk_load(path=config.ontology_dir() / "kg.ttl", format=ox.RdfFormat.TURTLE, to_graph=ONTOLOGY_GRAPH)
    return store


def test_the_streaming_build_stores_exactly_the_quads_of_the_old_build(tmp_path: Path) -> None:
    services.build(store=tmp_path / "store")
    # The store also materialises the union of the graphs as its default graph, for queries: compare the
    # named graphs, which are what the build loads.
    streamed = {q for q in _generation(tmp_path / "store") if not isinstance(q.graph_name, ox.DefaultGraph)}
    old = set(_old_build(config.data_dir()))
    assert len(streamed) == len(old) > 3000
    # Every quad is identical, except the ontology's blank nodes, which each load names afresh.
    assert _named(streamed) == _named(old)
    assert all(q.graph_name == ONTOLOGY_GRAPH for q in streamed - old)


def _named(quads: set[ox.Quad]) -> set[ox.Quad]:
    return {q for q in quads if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)}


def test_a_shape_violation_fails_the_build_as_pyshacl_words_it_and_keeps_the_store(
        tmp_path: Path, data_copy: Path) -> None:
    store = tmp_path / "store"
    services.build(data_copy, store)
    before = read_manifest(store)
    # An event no claim dates: the loader accepts it, the Event shape does not.
    with (data_copy / "entities" / "events.yaml").open("a", encoding="utf-8") as handle:
        handle.write("\n- id: attack-undated-test\n  class: Attack\n  label: An undated test attack\n")
    graph = Graph()
    graph.parse(data=ox.serialize([q.triple for q in compile_quads(services.load(data_copy))],
                                  format=ox.RdfFormat.N_TRIPLES), format="nt")
    graph.parse(config.ontology_dir() / "kg.ttl", format="turtle")
    expected = check_shapes(graph, load_shapes(config.ontology_dir()))
    assert [v.focus.rsplit("/", 1)[-1] for v in expected] == ["attack-undated-test"]

    result = CliRunner().invoke(cli, ["build", "--data", str(data_copy), "--store", str(store)])
    assert result.exit_code == 1
    assert result.output == f"Error: 1 problem in the data:\n  SHACL: {expected[0]}\n"
    assert "SHACL: attack-undated-test" in result.output and "an event needs a date" in result.output
    assert read_manifest(store) == before
    assert not list(store.glob(".building-*"))
