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
    return list(ox.Store.read_only(str(store / manifest.generation)))


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
