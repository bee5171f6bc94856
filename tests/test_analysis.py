"""Network analysis on small hand-made graphs with known answers (no RDF), and the stats/escalation commands."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.network import analysis
from kg.cli import cli


def src(claim: str, stance: str = "reported") -> dict:
    return {"id": "s", "title": "t", "publisher": "p", "date": "2024-01-01", "stance": stance, "claim": claim}


def graph(nodes: dict[str, tuple[str, str | None]], edges: list[tuple[str, str, str]]) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for n, (cls, date) in nodes.items():
        g.add_node(n, label=n.upper(), cls=cls, **({"date": date} if date else {}))
    for i, (u, p, v) in enumerate(edges):
        g.add_edge(u, v, key=p, predicate=p, sources=[src(f"c{i}", "alleged" if p == "backedBy" else "reported")])
    return g


def test_a_star_centre_is_most_central() -> None:
    g = graph({"hub": ("Coalition", None), "a": ("ArmedGroup", None), "b": ("ArmedGroup", None),
               "c": ("ArmedGroup", None), "x": ("Place", None)},
              [("a", "memberOf", "hub"), ("b", "memberOf", "hub"), ("c", "memberOf", "hub"), ("a", "controls", "x")])
    ranked = analysis.centrality(g)
    assert ranked[0]["actor"]["id"] == "hub"
    assert ranked[0]["degree"] == 1.0 and ranked[0]["betweenness"] == 1.0
    assert {r["actor"]["id"] for r in ranked} == {"hub", "a", "b", "c"}  # places are not actors
    assert analysis.counts_by_class(g) == {"ArmedGroup": 3, "Coalition": 1, "Place": 1}


def test_taking_part_in_one_event_links_actors() -> None:
    g = graph({"e": ("Attack", "2024-01-01"), "a": ("ArmedGroup", None), "s": ("State", None)},
              [("e", "perpetrator", "a"), ("e", "target", "s")])
    net = analysis.actor_network(g)
    assert net.has_edge("a", "s")


def test_claims_are_counted_once_by_stance() -> None:
    g = graph({"a": ("ArmedGroup", None), "b": ("State", None), "u": ("Coalition", None)},
              [("a", "backedBy", "b"), ("a", "memberOf", "u")])
    assert analysis.claims_by_stance(g) == {"alleged": 1, "reported": 1}


@pytest.fixture
def conflict() -> nx.MultiDiGraph:
    nodes = {
        "militia": ("ArmedGroup", None), "umbrella": ("Coalition", None), "state": ("State", None),
        "attack1": ("Attack", "2024-01-01"), "strike1": ("Strike", "2024-01-05"),  # explicit response
        "attack2": ("Attack", "2024-02-01"), "strike2": ("Strike", "2024-02-20"),  # inferred via umbrella, 19 days
        "strike3": ("Strike", "2024-06-01"),  # too late for any attack
        "attack3": ("Attack", "2024-03"), "strike4": ("Strike", "2024-04-10"),  # month precision: a lag range
    }
    edges = [("militia", "memberOf", "umbrella"),
             ("attack1", "perpetrator", "militia"), ("strike1", "perpetrator", "state"),
             ("strike1", "target", "militia"), ("strike1", "respondsTo", "attack1"),
             ("attack2", "claimedBy", "umbrella"), ("strike2", "target", "militia"),
             ("strike3", "target", "militia"),
             ("attack3", "attributedTo", "militia"), ("strike4", "target", "militia")]
    return graph(nodes, edges)


def test_escalation_pairs_explicit_and_inferred(conflict: nx.MultiDiGraph) -> None:
    pairs = {(p["cause"]["id"], p["response"]["id"]): p for p in analysis.escalation(conflict, window_days=30)}
    assert pairs[("attack1", "strike1")]["kind"] == "explicit" and pairs[("attack1", "strike1")]["lag_days"] == 4
    assert pairs[("attack2", "strike2")]["kind"] == "inferred" and pairs[("attack2", "strike2")]["lag_days"] == 19
    assert pairs[("attack2", "strike2")]["sources"]  # the claims that tie the attack and the strike to the actor
    assert (pairs[("attack3", "strike4")]["lag_days"], pairs[("attack3", "strike4")]["lag_days_max"]) == (10, 40)
    assert not any(r == "strike3" for _, r in pairs)
    assert ("attack1", "strike2") not in pairs  # 50 days: outside the window
    wider = {(p["cause"]["id"], p["response"]["id"]) for p in analysis.escalation(conflict, window_days=60)}
    assert ("attack1", "strike2") in wider


def test_escalation_pairs_tied_on_dates_and_cause_come_in_response_order() -> None:
    # Otherwise their order follows set iteration (string hashing, random per process) or the store's rows,
    # and two runs, or the local store and a server, answer the same pairs in different orders.
    strikes = [f"strike-{i:02d}" for i in range(20)]
    nodes = {"militia": ("ArmedGroup", None), "attack": ("Attack", "2024-03-02"),
             **{s: ("Strike", "2024-03") for s in strikes}}
    edges = [("attack", "perpetrator", "militia")] + [(s, "target", "militia") for s in strikes]
    for order in (nodes, dict(reversed(nodes.items()))):
        assert [p["response"]["id"] for p in analysis.escalation(graph(order, edges))] == strikes


def test_escalation_for_one_actor_and_monthly_counts(conflict: nx.MultiDiGraph) -> None:
    assert analysis.escalation(conflict, actor="state") == [p for p in analysis.escalation(conflict)
                                                           if p["response"]["id"] == "strike1"]
    assert analysis.monthly_counts(conflict) == [
        {"month": "2024-01", "attacks": 1, "strikes": 1}, {"month": "2024-02", "attacks": 1, "strikes": 1},
        {"month": "2024-03", "attacks": 1, "strikes": 0}, {"month": "2024-04", "attacks": 0, "strikes": 1},
        {"month": "2024-06", "attacks": 0, "strikes": 1}]


def test_stats_command_on_the_bundled_graph(built_store: Path) -> None:
    result = CliRunner().invoke(cli, ["stats", "--store", str(built_store), "--format", "json"])
    assert result.exit_code == 0, result.output
    (record,) = json.loads(result.stdout)
    assert record["entities_by_class"]["Strike"] == 6
    assert record["central_actors"][0]["actor"]["id"] == "kataib-hezbollah"
    csv_out = CliRunner().invoke(cli, ["stats", "--store", str(built_store), "--format", "csv"])
    assert csv_out.stdout.splitlines()[0] == "actor_id,actor_label,actor_class,degree,betweenness,pagerank,links"


def test_stats_counts_what_build_counts_and_ranks_the_conflict_not_the_quotes(built_store: Path) -> None:
    from kg.store import read_manifest

    built = read_manifest(built_store).counts
    (record,) = json.loads(CliRunner().invoke(cli, ["stats", "--store", str(built_store), "--top", "40",
                                                    "--format", "json"]).stdout)
    assert (record["claims"], record["entities"]) == (built["claims"], built["entities"])
    assert record["claims_by_stance"] == built["claims_by_stance"] and sum(record["claims_by_stance"].values()) == built["claims"]
    ranked = [a["actor"]["id"] for a in record["central_actors"]]
    commentators = {"behnam-ben-taleblu", "jon-finer", "sabrina-singh"}
    assert not commentators & set(ranked)  # quoted, not parties to the conflict
    assert ranked.index("joe-biden") < 10 and ranked[0] == "kataib-hezbollah"
    table = CliRunner(env={"COLUMNS": "80"}).invoke(cli, ["stats", "--store", str(built_store)]).stdout
    assert table.startswith(f"{built['entities']} entities: ")
    assert f"{built['claims']} claims from {built['sources']} sources: " in table


def test_escalation_command_links_the_january_2024_strikes_to_the_al_asad_attack(built_store: Path) -> None:
    result = CliRunner().invoke(cli, ["escalation", "KH", "--store", str(built_store), "--format", "json"])
    assert result.exit_code == 0, result.output
    (record,) = json.loads(result.stdout)
    pair = next(p for p in record["pairs"] if p["cause"]["id"] == "attack-2024-01-20-al-asad")
    assert pair["response"]["id"] == "strike-2024-01-23-kh-facilities"
    assert pair["kind"] == "explicit" and pair["lag_days"] == 3 and pair["sources"]
    assert {"month": "2024-01", "attacks": 4, "strikes": 2} in record["monthly"]
    bad = CliRunner().invoke(cli, ["escalation", "--window", "-3", "--store", str(built_store)])
    assert bad.exit_code == 2
