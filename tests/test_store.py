"""The store layer: what a build lays down (union default graph, name index) and what queries get back."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.ask import answers
from kg.ask.answers import Graph
from kg.cli import cli
from kg.store import open_store, read_manifest
from kg.store.names import FILE, NameTable

ID = "https://w3id.org/kg-armed-actors/id/"


def generation(store: Path) -> Path:
    manifest = read_manifest(store)
    assert manifest is not None
    return store / manifest.generation


def test_the_default_graph_is_the_union_of_the_named_graphs_each_triple_once(built_store: Path) -> None:
    raw = ox.Store.read_only(str(generation(built_store)))
    named = {(q.subject, q.predicate, q.object) for q in raw if not isinstance(q.graph_name, ox.DefaultGraph)}
    default = [(q.subject, q.predicate, q.object) for q in raw.quads_for_pattern(None, None, None, ox.DefaultGraph())]
    assert len(default) == len(set(default)) == len(named)
    assert set(default) == named
    assert read_manifest(built_store).counts["quads"] == sum(1 for q in raw if not isinstance(q.graph_name, ox.DefaultGraph))


def test_the_name_index_is_a_file_of_the_generation_and_answers_names(built_store: Path) -> None:
    path = generation(built_store) / FILE
    assert path.is_file()
    table = NameTable(path)
    assert table.get("kataib-hezbollah").label == "Kataib Hezbollah"
    assert table.named("kataib hezbollah") == {"kataib-hezbollah"}
    g = Graph(open_store(built_store))
    assert g.resolve("Kata'ib Hizballah").entity.id == "kataib-hezbollah"
    assert g.resolve("kataib-hezbollah").how == "id"
    assert g.resolve("Kataib Hizbulla").how == "fuzzy"
    assert len(g.names.entities) == read_manifest(built_store).counts["entities"]


def _writable_copy(built_store: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "store"
    shutil.copytree(built_store, copy, ignore=shutil.ignore_patterns(".lock"))
    return copy


@pytest.mark.parametrize("command", [["who-backs", "Nujaba"], ["events", "--actor", "KH"], ["search", "hezbolah"],
                                     ["show", "Iran"]])
def test_a_store_built_before_the_index_and_union_graph_answers_the_same(built_store: Path, tmp_path: Path,
                                                                          command: list[str]) -> None:
    copy = _writable_copy(built_store, tmp_path)
    (generation(copy) / FILE).unlink()
    old = ox.Store(str(generation(copy)))
    old.clear_graph(ox.DefaultGraph())
    old.flush()
    del old
    expected = CliRunner().invoke(cli, [*command, "--format", "json", "--store", str(built_store)])
    result = CliRunner().invoke(cli, [*command, "--format", "json", "--store", str(copy)])
    assert expected.exit_code == result.exit_code == 0, result.output
    assert json.loads(result.stdout) == json.loads(expected.stdout)


@pytest.mark.parametrize("actor,roles", [("kataib-hezbollah", None), ("islamic-resistance-in-iraq", None),
                                         ("kataib-hezbollah", ("claimed_by",)), ("us-military", None),
                                         ("iran", ("attributed_to",))])
def test_events_by_actor_read_only_the_actor_s_events_and_find_the_same(built_store: Path, actor: str,
                                                                         roles: tuple[str, ...] | None) -> None:
    g = Graph(open_store(built_store))
    f = answers.EventFilter(actors={actor})
    if roles:
        f.roles = roles
    every = [ev for ev in answers.all_events(g) if f.matches(ev)]
    assert answers.events(g, f) == every
    if actor == "kataib-hezbollah" and roles is None:
        assert len(every) >= 3


def test_rows_leave_out_unbound_variables_and_keep_term_types(built_store: Path) -> None:
    g = Graph(open_store(built_store))
    rows = g.rows("who_backs", group=ID + "kataib-hezbollah")
    assert rows and all(isinstance(r["published"], ox.Literal) for r in rows)
    assert any("by" in r for r in rows) and any("by" not in r for r in rows)
    assert all(r["group"] == ox.NamedNode(ID + "kataib-hezbollah") for r in rows)


@pytest.mark.parametrize("actor", ["kataib-hezbollah", "al-asad-air-base", "united-states", "us-military",
                                   "iran", "popular-mobilization-forces"])
def test_a_timeline_reads_only_the_entity_s_events_and_finds_the_same(built_store: Path, actor: str) -> None:
    # Targets and whoever ordered an event count too: the events read first are those the entity is in
    # by any role (events_involving), and the filter keeps the roles of a timeline.
    g = Graph(open_store(built_store))
    ref = g.names.get(actor)
    assert ref is not None
    f = answers.EventFilter(actors={actor}, roles=("perpetrators", "claimed_by", "attributed_to", "targets",
                                                   "ordered_by"))
    every = [ev for ev in answers.all_events(g) if f.matches(ev)]
    assert answers.timeline(g, ref) == every
    assert every or actor == "popular-mobilization-forces"
