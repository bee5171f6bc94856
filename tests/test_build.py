"""kg build on the bundled data: the store, its counts, its provenance, and merged events."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner

from kg import config, services
from kg.cli import cli
from kg.store import open_dataset, read_manifest

PREFIX = "PREFIX kg: <https://w3id.org/kg-armed-actors/ns#> PREFIX id: <https://w3id.org/kg-armed-actors/id/> " \
         "PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX src: <https://w3id.org/kg-armed-actors/source/> "


def _entity_count() -> int:
    return sum(len(yaml.safe_load(p.read_text())) for p in (config.data_dir() / "entities").glob("*.yaml"))


def test_build_cli_reports_counts_and_writes_an_oxigraph_store(tmp_path: Path) -> None:
    store = tmp_path / "store"
    result = CliRunner().invoke(cli, ["build", "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert f"{_entity_count()} entities, 6 sources" in result.output
    manifest = read_manifest(store)
    assert manifest is not None
    generation = store / manifest.generation
    assert (generation / "CURRENT").is_file()  # RocksDB's own manifest: a real Oxigraph database on disk
    assert manifest.counts["quads"] > 2000


def test_validate_cli_says_the_store_conforms(built_store: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", "--store", str(built_store)])
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output


def test_every_claim_has_a_graph_a_source_a_stance_and_a_span(built_store: Path) -> None:
    ds = open_dataset(built_store)
    q = PREFIX + """
        SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {
          ?c a kg:Claim ; prov:wasDerivedFrom ?s ; kg:stance ?st ; kg:evidence ?e .
          GRAPH ?c { ?x ?p ?o } }"""
    (row,) = ds.query(q)
    assert int(row[0]) == len(services.load().claims)


def test_a_fact_is_answered_with_every_report_behind_it(built_store: Path) -> None:
    ds = open_dataset(built_store)
    q = PREFIX + """
        SELECT ?source ?stance WHERE {
          GRAPH ?c { id:kataib-hezbollah kg:memberOf id:islamic-resistance-in-iraq }
          ?c prov:wasDerivedFrom ?source ; kg:stance ?stance }"""
    sources = {str(r[0]).rsplit("/", 1)[-1] for r in ds.query(q)}
    assert {"national-2024-01-21", "wire-2024-01-23"} <= sources


def test_an_event_reported_by_three_reports_is_one_node_that_keeps_each_date(built_store: Path) -> None:
    ds = open_dataset(built_store)
    q = PREFIX + """
        SELECT DISTINCT ?source ?date WHERE {
          GRAPH ?c { id:attack-2024-01-20-al-asad kg:date ?date }
          ?c prov:wasDerivedFrom ?source }"""
    rows = {(str(s).rsplit("/", 1)[-1], str(d)) for s, d in ds.query(q)}
    assert {src for src, _ in rows} == {"national-2024-01-21", "brief-2024-01", "wire-2024-01-23"}
    # The National calls it both Saturday's and Sunday's attack: both dates are kept, each with its claim.
    assert {d for _, d in rows} == {"2024-01-20", "2024-01-21"}


def test_the_january_2024_strikes_are_one_event_dated_differently_by_two_reports(built_store: Path) -> None:
    ds = open_dataset(built_store)
    q = PREFIX + """
        SELECT ?source ?date WHERE {
          GRAPH ?c { id:strike-2024-01-23-kh-facilities kg:date ?date }
          ?c prov:wasDerivedFrom ?source }"""
    rows = {(str(s).rsplit("/", 1)[-1], str(d)) for s, d in ds.query(q)}
    assert ("wire-2024-01-23", "2024-01-23") in rows
    assert ("brief-2024-01", "2024-01-24") in rows
    strikes = PREFIX + "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a kg:Strike ; kg:date ?d FILTER(STR(?d) IN ('2024-01-23', '2024-01-24')) }"
    assert int(next(iter(ds.query(strikes)))[0]) == 1


def test_indirect_backing_follows_membership_in_sparql(built_store: Path) -> None:
    ds = open_dataset(built_store)
    # armedBy is a sub-property of backedBy; SPARQL has no entailment, so the path names both.
    q = PREFIX + """SELECT DISTINCT ?backer WHERE {
        id:harakat-hezbollah-al-nujaba kg:memberOf+/(kg:backedBy|kg:armedBy) ?backer }"""
    backers = {str(r[0]).rsplit("/", 1)[-1] for r in ds.query(q)}
    assert "iran" in backers


def test_query_commands_build_the_store_on_first_use(tmp_path: Path) -> None:
    store = tmp_path / "fresh"
    assert read_manifest(store) is None
    assert services.ensure_store(store) == store
    assert read_manifest(store) is not None


def test_a_changed_knowledge_base_is_rebuilt_on_next_use(tmp_path: Path, data_copy: Path) -> None:
    store = tmp_path / "store"
    services.build(data_copy, store)
    before = read_manifest(store)
    actors = data_copy / "entities" / "actors.yaml"
    actors.write_text(actors.read_text().replace("label: Kataib Hezbollah", "label: Kata'ib Hezbollah"))
    services.ensure_store(store)
    after = read_manifest(store)
    assert before is not None and after is not None and after.generation != before.generation
