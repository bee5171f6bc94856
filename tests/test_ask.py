"""The query commands on the bundled knowledge base, through click, error paths included."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kg import services
from kg.cli import cli
from kg.store import open_dataset, read_manifest

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def kg(store: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, [*args, "--store", str(store)])


def kg_json(store: Path, *args: str) -> list[dict]:
    result = kg(store, *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def ids(entities: list[dict]) -> list[str]:
    return [e["id"] for e in entities]


# --- who-backs -----------------------------------------------------------------------------------

def test_who_backs_nujaba_through_the_islamic_resistance_with_its_sources(built_store: Path) -> None:
    result = kg(built_store, "who-backs", "Nujaba", "--format", "json")
    assert "Using Harakat Hezbollah al-Nujaba (harakat-hezbollah-al-nujaba" in result.stderr
    (record,) = json.loads(result.stdout)
    assert record["backer"] == {"id": "iran", "label": "Iran", "class": "State"}
    assert record["direct"] is False
    assert ids(record["via"]) == ["islamic-resistance-in-iraq"]
    assert [(l["subject"]["id"], l["predicate"], l["object"]["id"]) for l in record["links"]] == [
        ("harakat-hezbollah-al-nujaba", "memberOf", "islamic-resistance-in-iraq"),
        ("islamic-resistance-in-iraq", "armedBy", "iran")]
    stances = {(s["id"], s["stance"]) for s in record["sources"]}
    assert stances == {("national-2024-01-21", "reported"), ("national-2024-01-21", "alleged")}
    for s in record["sources"]:
        assert {"id", "title", "publisher", "date", "stance"} <= set(s)


def test_who_backs_kataib_hezbollah_directly_on_three_reports_and_through_the_iri(built_store: Path) -> None:
    records = kg_json(built_store, "who-backs", "Kataib Hezbollah")
    direct = [r for r in records if r["direct"]]
    assert [r["backer"]["id"] for r in direct] == ["iran"]
    sources = {(s["id"], s["stance"], s.get("asserted_by", {}).get("id")) for s in direct[0]["sources"]}
    assert sources == {("brief-2024-01", "attributed", None), ("npr-2019-12-12", "reported", None),
                       ("wire-2024-01-23", "attributed", "lloyd-austin")}
    assert any(ids(r["via"]) == ["islamic-resistance-in-iraq"] for r in records if not r["direct"])


def test_who_backs_the_revolutionary_commando_army(built_store: Path) -> None:
    (record,) = kg_json(built_store, "who-backs", "Revolutionary Commando Army")
    assert record["backer"]["id"] == "united-states" and record["direct"] is True
    assert [s["id"] for s in record["sources"]] == ["standoff-2022-01"]


def test_direct_drops_backing_through_umbrellas(built_store: Path) -> None:
    assert kg_json(built_store, "who-backs", "Nujaba", "--direct") == []


def test_explain_prints_each_link_with_its_sources(built_store: Path) -> None:
    result = kg(built_store, "who-backs", "Nujaba", "--explain")
    assert result.exit_code == 0
    assert "Harakat Hezbollah al-Nujaba —memberOf→ Islamic Resistance in Iraq" in result.stdout
    assert "claim national-2024-01-21/iri-armed-by-iran" in result.stdout


def test_as_of_keeps_only_relations_valid_on_that_date(tmp_path: Path, data_copy: Path) -> None:
    claims = data_copy / "claims" / "national-2024-01-21.yaml"
    text = claims.read_text(encoding="utf-8")
    at = text.index("- id: nujaba-in-iri")
    claims.write_text(text[:at] + text[at:].replace("  stance: reported", "  stance: reported\n  valid_until: 2020", 1))
    store = tmp_path / "store"
    services.build(data_copy, store)
    assert kg_json(store, "who-backs", "Nujaba", "--as-of", "2019-06") != []
    assert kg_json(store, "who-backs", "Nujaba", "--as-of", "2024-01-01") == []
    assert kg(store, "who-backs", "Nujaba", "--as-of", "June").exit_code == 2


@pytest.mark.parametrize("name", ["Kata'ib Hizballah", "kataib hezbollah", "KH", "KATAIB-HEZBOLLAH",
                                  "كتائب حزب الله", "Kataib Hezbolah", "kataib-hezbollah"])
def test_spellings_resolve_to_one_group(built_store: Path, name: str) -> None:
    result = kg(built_store, "who-backs", name, "--format", "json", "--direct")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["backer"]["id"] == "iran"


def test_an_ambiguous_name_lists_the_candidates(built_store: Path) -> None:
    result = kg(built_store, "who-backs", "Hezbollah")
    assert result.exit_code == 2
    assert "could mean several entities" in result.output
    assert "kataib-hezbollah" in result.output and "harakat-hezbollah-al-nujaba" in result.output
    assert "Traceback" not in result.output


def test_an_unknown_name_suggests(built_store: Path) -> None:
    result = kg(built_store, "members", "Islamic Resistanse in Irak Brigades of Atlantis")
    assert result.exit_code == 2
    assert "no entity called" in result.output


@pytest.mark.parametrize("name", ['x" } ; DROP ALL ; {', "} UNION { ?s ?p ?o }", "Iran\nDROP ALL",
                                  "<https://w3id.org/kg-armed-actors/id/iran>", "'; DELETE WHERE { ?s ?p ?o } #"])
def test_names_crafted_to_break_out_of_a_query_are_just_unknown_names(built_store: Path, name: str) -> None:
    before = int(next(iter(open_dataset(built_store).query(COUNT)))[0])
    manifest = read_manifest(built_store)
    result = kg(built_store, "who-backs", name)
    assert result.exit_code == 2
    assert result.output.startswith("Error: ")
    assert int(next(iter(open_dataset(built_store).query(COUNT)))[0]) == before
    assert read_manifest(built_store) == manifest


# --- backs, members, show, search ------------------------------------------------------------------

def test_backs_iran_directly_and_through_the_umbrellas_it_arms(built_store: Path) -> None:
    records = kg_json(built_store, "backs", "Iran")
    direct = {r["backed"]["id"] for r in records if r["direct"]}
    assert {"kataib-hezbollah", "islamic-resistance-in-iraq", "iran-backed-militias-in-iraq"} <= direct
    nujaba = [r for r in records if r["backed"]["id"] == "harakat-hezbollah-al-nujaba"]
    assert nujaba and ids(nujaba[0]["via"]) == ["islamic-resistance-in-iraq"] and not nujaba[0]["direct"]


def test_members_of_the_islamic_resistance_and_of_the_pmf(built_store: Path) -> None:
    iri = kg_json(built_store, "members", "Islamic Resistance in Iraq")
    assert sorted(r["member"]["id"] for r in iri) == ["harakat-hezbollah-al-nujaba", "kataib-hezbollah"]
    pmf = {r["member"]["id"]: r for r in kg_json(built_store, "members", "PMF")}
    assert "kataib-hezbollah" in pmf and "pmf-missiles-directorate" in pmf
    assert {s["id"] for s in pmf["kataib-hezbollah"]["sources"]} == {"national-2024-01-21", "npr-2019-12-12"}


def test_show_is_an_entity_card_with_sources(built_store: Path) -> None:
    (card,) = kg_json(built_store, "show", "KH")
    assert card["entity"]["id"] == "kataib-hezbollah" and card["class"] == "ArmedGroup"
    assert "Kata'ib Hizballah" in card["aliases"] and "كتائب حزب الله" in card["aliases"]
    rel = {(r["predicate"], r["object"]["id"] if isinstance(r["object"], dict) else r["object"])
           for r in card["relations"] if r["subject"]["id"] == "kataib-hezbollah"}
    assert ("memberOf", "islamic-resistance-in-iraq") in rel and ("backedBy", "iran") in rel
    assert "strike-2024-01-23-kh-facilities" in {e["event"]["id"] for e in card["events"]}
    assert all(r["sources"] for r in card["relations"])
    table = kg(built_store, "show", "KH")
    assert table.exit_code == 0 and "Kataib Hezbollah (kataib-hezbollah) · ArmedGroup" in table.stdout


def test_search_ranks_the_two_hezbollah_groups_first(built_store: Path) -> None:
    records = kg_json(built_store, "search", "hezbollah")
    assert {r["entity"]["id"] for r in records[:2]} == {"kataib-hezbollah", "harakat-hezbollah-al-nujaba"}
    assert kg(built_store, "search", "  ").exit_code == 2


# --- events, timeline, path -----------------------------------------------------------------------

def test_strikes_against_kataib_hezbollah(built_store: Path) -> None:
    records = kg_json(built_store, "events", "--type", "strike", "--target", "Kataib Hezbollah")
    assert [r["event"]["id"] for r in records] == [
        "strike-2021-kh-syria", "strike-2023-11-ac-130j-near-baghdad", "strike-2023-12-kh-sites",
        "strike-2024-01-23-kh-facilities"]
    jan = records[-1]
    assert [d["date"] for d in jan["dates"]] == ["2024-01-23", "2024-01-24"]
    assert {"attack-2024-01-20-al-asad", "attack-2024-01-23-al-asad-drones"} <= set(
        r["entity"]["id"] for r in jan["responds_to"])
    for key in ("event", "type", "date", "perpetrators", "claimed_by", "attributed_to", "targets", "places",
                "weapons", "killed", "wounded", "responds_to", "sources"):
        assert key in jan


def test_attacks_on_al_asad_include_those_placed_only_in_anbar(built_store: Path) -> None:
    by_base = {r["event"]["id"] for r in kg_json(built_store, "events", "--place", "al-Asad", "--type", "attack")}
    assert {"attack-2024-01-20-al-asad", "attack-2024-01-23-al-asad-drones", "attack-2020-01-iran-al-asad",
            "attack-2019-12-03-al-asad", "attack-2022-01-ayn-al-assad"} <= by_base
    in_anbar = {r["event"]["id"] for r in kg_json(built_store, "events", "--place", "Anbar")}
    assert "attack-2024-01-20-al-asad" in in_anbar  # al-Asad lies in Anbar


def test_event_filters_by_weapon_class_actor_role_and_dates(built_store: Path) -> None:
    rockets = {r["event"]["id"] for r in kg_json(built_store, "events", "--weapon", "rocket")}
    assert "attack-2019-11-08-qayyarah-west" in rockets  # 107 mm rockets are rockets
    claimed = kg_json(built_store, "events", "--actor", "KH", "--role", "claimed")
    assert [r["event"]["id"] for r in claimed] == ["attack-2023-11-20-ballistic-missiles", "attack-2023-12-erbil-drone"]
    window = kg_json(built_store, "events", "--since", "2024-01-20", "--until", "2024-01-21")
    # An event dated only to January 2024 may have happened in the window, so it is kept.
    assert [r["event"]["id"] for r in window] == ["strike-2024-01-eastern-baghdad", "attack-2024-01-20-al-asad"]
    assert kg(built_store, "events", "--until", "2024-02-30").exit_code == 2
    assert kg(built_store, "events", "--role", "claimed").exit_code == 2


def test_timeline_shows_which_strike_answered_which_attack(built_store: Path) -> None:
    records = {r["event"]["id"]: r for r in kg_json(built_store, "timeline", "Kataib Hezbollah")}
    erbil = records["attack-2023-12-erbil-drone"]
    assert [a["entity"]["id"] for a in erbil["answered_by"]] == ["strike-2023-12-kh-sites"]
    dates = [r["date"] for r in records.values() if r["date"]]  # events known only by bounds have none
    assert dates == sorted(dates, key=lambda d: (d + "-01-01")[:10])  # a year sorts at its first day
    csv_out = kg(built_store, "timeline", "--format", "csv")
    assert csv_out.exit_code == 0 and csv_out.stdout.splitlines()[0].startswith("event_id,event_label,event_class,type,date,")


def test_path_from_nujaba_to_iran(built_store: Path) -> None:
    steps = kg_json(built_store, "path", "Nujaba", "Iran")
    assert [(s["subject"]["id"], s["predicate"], s["object"]["id"]) for s in steps] == [
        ("harakat-hezbollah-al-nujaba", "memberOf", "islamic-resistance-in-iraq"),
        ("islamic-resistance-in-iraq", "armedBy", "iran")]
    assert all(s["sources"] for s in steps)


# --- named queries and SPARQL ----------------------------------------------------------------------

def test_queries_lists_each_named_query_with_its_parameters(built_store: Path) -> None:
    records = {r["name"]: r for r in json.loads(CliRunner().invoke(cli, ["queries", "--format", "json"]).stdout)}
    assert records["who_backs"]["parameters"] == ["group (entity)"]
    assert all(r["description"] for r in records.values())


def test_query_binds_an_entity_parameter_by_name(built_store: Path) -> None:
    rows = kg_json(built_store, "query", "who_backs", "--param", "group=Nujaba")
    assert {r["backer"]["id"] for r in rows} == {"iran"}
    assert {r["stance"] for r in rows} == {"kg:alleged"}


def test_query_parameter_errors(built_store: Path, tmp_path: Path) -> None:
    assert "has no parameter 'nope'" in kg(built_store, "query", "who_backs", "--param", "nope=1").output
    assert "needs --param group" in kg(built_store, "query", "who_backs").output
    assert kg(built_store, "query", "who_backs", "--param", "group").exit_code == 2
    assert "no query named" in kg(built_store, "query", "no_such_query").output
    rq = tmp_path / "mine.rq"
    rq.write_text("SELECT ?x WHERE { ?x a ?c }")
    result = kg(built_store, "query", str(rq), "--param", "y=1")
    assert result.exit_code == 1 and "names no variable" in result.output


def test_sparql_answers_selects_and_refuses_updates(built_store: Path) -> None:
    before = int(next(iter(open_dataset(built_store).query(COUNT)))[0])
    q = ("PREFIX kg: <https://w3id.org/kg-armed-actors/ns#> "
         "SELECT DISTINCT ?g WHERE { ?g kg:memberOf <https://w3id.org/kg-armed-actors/id/islamic-resistance-in-iraq> }")
    assert sorted(r["g"]["id"] for r in kg_json(built_store, "sparql", q)) == [
        "harakat-hezbollah-al-nujaba", "kataib-hezbollah"]
    for update in ("DROP ALL", "PREFIX x: <http://x/> INSERT DATA { x:a x:b x:c }", "delete where { ?s ?p ?o }"):
        result = kg(built_store, "sparql", update)
        assert result.exit_code == 1 and "read-only" in result.output
    bad = kg(built_store, "sparql", "SELECT ?x WHERE { ?x ?y }")
    assert bad.exit_code == 1 and "SPARQL syntax error" in bad.output
    assert int(next(iter(open_dataset(built_store).query(COUNT)))[0]) == before


def test_who_backs_imports_no_graph_analysis_or_drawing_library(built_store: Path) -> None:
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "kg", "who-backs", "Nujaba",
                             "--store", str(built_store)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    imported = {line.split("|")[-1].strip().split(".")[0] for line in result.stderr.splitlines() if "|" in line}
    assert "pyoxigraph" in imported
    # Queries run on pyoxigraph directly: rdflib (and SHACL) are for builds and validation only.
    assert not imported & {"networkx", "pyvis", "matplotlib", "pyshacl", "rdflib"}


def test_empty_and_unreadable_queries_and_blank_names(built_store: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.rq"
    empty.write_text("# only a comment\n")
    result = kg(built_store, "query", str(empty))
    assert result.exit_code == 1 and result.output == "Error: the query is empty\n"
    broken = kg(built_store, "sparql", "SELECT ?x WHERE { ?x ")
    assert broken.exit_code == 1 and len(broken.output.splitlines()) == 1 and "error at 1:" in broken.output
    blank = kg(built_store, "who-backs", "  ")
    assert blank.exit_code == 2 and "give a name" in blank.output
    unknown = kg(built_store, "who-backs", "Nobody")
    assert unknown.exit_code == 2 and "did you mean" not in unknown.output  # nothing is close: no wild guess
