"""kg export: standard serialisations that read back as the same dataset (RDFC-1.0 canonical form)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.store import read_manifest

PARSE = {"trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS, "jsonld": ox.RdfFormat.JSON_LD,
         "ttl": ox.RdfFormat.TURTLE}


def _canonical(quads: list[ox.Quad]) -> set[ox.Quad]:
    dataset = ox.Dataset(quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return set(dataset)


def _stored_quads(store: Path) -> list[ox.Quad]:
    manifest = read_manifest(store)
    assert manifest is not None
    # The default graph holds the union of the named graphs (for set semantics in queries): not data of its own.
    return [q for q in ox.Store.read_only(str(store / manifest.generation))
            if not isinstance(q.graph_name, ox.DefaultGraph)]


@pytest.mark.parametrize("fmt", ["trig", "nq", "jsonld"])
def test_dataset_exports_round_trip_with_every_claim_graph(tmp_path: Path, built_store: Path, fmt: str) -> None:
    out = tmp_path / f"kg.{fmt}"
    result = CliRunner().invoke(cli, ["export", "--store", str(built_store), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    parsed = list(ox.parse(path=out, format=PARSE[fmt]))
    stored = _stored_quads(built_store)
    assert len({q.graph_name for q in parsed}) == len({q.graph_name for q in stored}) > 180
    assert _canonical(parsed) == _canonical(stored)


def test_turtle_export_is_the_union_of_all_graphs(tmp_path: Path, built_store: Path) -> None:
    out = tmp_path / "kg.ttl"
    result = CliRunner().invoke(cli, ["export", "--store", str(built_store), "--format", "ttl", "-o", str(out)])
    assert result.exit_code == 0, result.output
    parsed = list(ox.parse(path=out, format=PARSE["ttl"]))
    union = {ox.Quad(q.subject, q.predicate, q.object) for q in _stored_quads(built_store)}
    assert _canonical(parsed) == _canonical(list(union))


def test_export_to_stdout_and_unknown_format(built_store: Path) -> None:
    result = CliRunner().invoke(cli, ["export", "--store", str(built_store), "--format", "nq"])
    assert result.exit_code == 0
    assert "<https://w3id.org/kg-armed-actors/id/kataib-hezbollah>" in result.output
    bad = CliRunner().invoke(cli, ["export", "--format", "xlsx"])
    assert bad.exit_code == 2
    assert "'xlsx' is not one of" in bad.output


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_exports_read_back_with_networkx(tmp_path: Path, built_store: Path, fmt: str) -> None:
    import networkx as nx

    from kg import services
    from kg.network.projection import project

    out = tmp_path / f"kg.{fmt}"
    result = CliRunner().invoke(cli, ["export", "--store", str(built_store), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    back = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    net = project(services.open_graph(built_store))
    assert (back.number_of_nodes(), back.number_of_edges()) == (net.number_of_nodes(), net.number_of_edges())
    node = back.nodes["attack-2024-01-20-al-asad"]
    assert node["cls"] == "Attack" and node["date"] == "2024-01-20" and node["dates"] == "2024-01-20; 2024-01-21"
    edges = [d for u, v, d in back.edges(data=True)
             if (u, v) == ("harakat-hezbollah-al-nujaba", "islamic-resistance-in-iraq")]
    assert edges and edges[0]["predicate"] == "memberOf" and edges[0]["sources"] == "national-2024-01-21:reported"


def test_acled_csv_has_one_row_per_event_with_acled_columns(tmp_path: Path, built_store: Path) -> None:
    import csv

    out = tmp_path / "events.csv"
    result = CliRunner().invoke(cli, ["export", "--store", str(built_store), "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8", newline="") as f:
        rows = {r["event_id_cnty"]: r for r in csv.DictReader(f)}
    assert list(next(iter(rows.values()))) == ["event_id_cnty", "event_date", "event_type", "sub_event_type",
                                              "actor1", "assoc_actor_1", "actor2", "location", "fatalities",
                                              "source", "notes"]
    assert len(rows) == 32
    strike = rows["strike-2024-01-23-kh-facilities"]
    assert (strike["event_type"], strike["sub_event_type"]) == ("Explosions/Remote violence", "Air/drone strike")
    assert strike["fatalities"] == "1"  # the lowest figure reported (the PMF's), as ACLED does
    assert "2024-01-23 (wire-2024-01-23)" in strike["notes"] and "2024-01-24 (brief-2024-01)" in strike["notes"]
    assert rows["attack-2019-11-08-qayyarah-west"]["sub_event_type"] == "Shelling/artillery/missile attack"
    assert rows["assassination-attempt-2022-01-06-abd-al-razzaq"]["event_type"] == "Violence against civilians"
