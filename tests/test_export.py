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


def test_acled_csv_is_all_31_acled_columns_and_reads_in_pandas(tmp_path: Path, built_store: Path) -> None:
    import pandas as pd

    from kg.exports.acled import COLUMNS

    out = tmp_path / "events.csv"
    result = CliRunner().invoke(cli, ["export", "--store", str(built_store), "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    table = pd.read_csv(out, parse_dates=["event_date"], dtype={"event_id_cnty": str})
    assert list(table.columns) == COLUMNS and len(COLUMNS) == 31
    from kg import services

    events = services.events(store=built_store).records
    datable = sum(1 for e in events if e["date"] or (e.get("not_before") and e.get("not_after")))
    assert str(table["event_date"].dtype).startswith("datetime64") and table["event_date"].notna().sum() == datable
    assert len(table) == len(events) >= 26
    rows = table.set_index("event_id_cnty")
    strike = rows.loc["strike-2024-01-23-kh-facilities"]
    assert (strike["event_type"], strike["sub_event_type"]) == ("Explosions/Remote violence", "Air/drone strike")
    assert strike["fatalities"] == 1  # the lowest figure reported (the PMF's), as ACLED does
    assert (strike["time_precision"], str(strike["event_date"].date())) == (1, "2024-01-23")
    assert "2024-01-23 (wire-2024-01-23)" in strike["notes"] and "2024-01-24 (brief-2024-01)" in strike["notes"]
    assert rows.loc["attack-2019-11-08-qayyarah-west", "sub_event_type"] == "Shelling/artillery/missile attack"
    assert rows.loc["assassination-attempt-2022-01-06-abd-al-razzaq", "event_type"] == "Violence against civilians"
    month_only = rows.loc["strike-2023-11-ac-130j-near-baghdad"]
    assert (month_only["time_precision"], str(month_only["event_date"].date())) == (3, "2023-11-15")
    asad = rows.loc["attack-2024-01-20-al-asad"]
    assert (asad["country"], asad["iso"], asad["admin1"], asad["geo_precision"]) == ("Iraq", 368, "Anbar province", 2)
    assert (asad["latitude"], asad["longitude"]) == (34.13661, 42.37727)
    assert pd.isna(rows.loc["attack-2019-11-08-qayyarah-west", "fatalities"])  # none reported: blank, not 0
    # actor1 is the perpetrator most claims name (two claims name the US military, one CENTCOM); external
    # forces against a political militia
    assert (strike["actor1"], strike["inter1"], strike["inter2"], strike["interaction"]) == (
        "United States Armed Forces", 8, 3, 38)
    assert strike["assoc_actor_1"] == "United States Central Command"
    coalition = rows.loc["attack-2019-12-09-baghdad-airport"]
    assert (coalition["actor2"], coalition["inter2"]) == ("International Coalition against ISIS", 8)
    assert table["source"].str.contains("The National").any() and not table["source"].str.contains("-20").any()


def test_jsonld_has_a_context_and_reads_the_same_in_rdflib_and_oxigraph(tmp_path: Path, built_store: Path) -> None:
    import json

    from rdflib import Dataset

    out = tmp_path / "kg.jsonld"
    assert CliRunner().invoke(cli, ["export", "--store", str(built_store), "--format", "jsonld", "-o", str(out)]).exit_code == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["@context"]["kg"] == "https://w3id.org/kg-armed-actors/ns#"
    assert '"kg:memberOf"' in out.read_text(encoding="utf-8")
    by_oxigraph = list(ox.parse(path=out, format=ox.RdfFormat.JSON_LD))
    ds = Dataset()
    ds.parse(out, format="json-ld")
    assert len(list(ds.quads())) == len(by_oxigraph) == len(_stored_quads(built_store))


def test_turtle_declares_only_the_prefixes_it_uses_and_groups_by_subject(tmp_path: Path, built_store: Path) -> None:
    import re

    out = tmp_path / "kg.ttl"
    assert CliRunner().invoke(cli, ["export", "--store", str(built_store), "--format", "ttl", "-o", str(out)]).exit_code == 0
    text = out.read_text(encoding="utf-8")
    declared = re.findall(r"^@prefix (\w*):", text, flags=re.M)
    body = "\n".join(line for line in text.splitlines() if not line.startswith("@prefix"))
    assert declared and all(f"{p}:" in body for p in declared)
    assert len(declared) < 14
    assert " ;\n\t" in body  # predicates grouped under their subject


def test_gexf_plays_in_time_with_weights_labels_and_colours(tmp_path: Path, built_store: Path) -> None:
    import networkx as nx

    out = tmp_path / "kg.gexf"
    assert CliRunner().invoke(cli, ["export", "--store", str(built_store), "--format", "gexf", "-o", str(out)]).exit_code == 0
    g = nx.read_gexf(out)
    assert g.graph["mode"] == "dynamic"
    asad = g.nodes["attack-2024-01-20-al-asad"]
    assert (asad["start"], asad["end"], asad["date_precision"]) == ("2024-01-20", "2024-01-20", "day")
    month = g.nodes["strike-2023-11-ac-130j-near-baghdad"]
    assert (month["start"], month["end"]) == ("2023-11-01", "2023-11-30")
    assert asad["viz"]["color"] == {"r": 255, "g": 127, "b": 14, "a": 1.0}
    kh = [d for u, v, d in g.edges(data=True) if (u, v) == ("kataib-hezbollah", "iran") and d["label"] == "backedBy"]
    assert kh and kh[0]["weight"] == 3.0  # three reports, whatever the number of claims
    timed = [d for u, v, d in g.edges(data=True) if u == "attack-2024-01-20-al-asad"]
    assert timed and all(d["start"] == "2024-01-20" for d in timed)
