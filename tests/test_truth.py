"""Issue 9: the audited facts, figures, the strength of backing chains, and disputes between reports."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kg import config
from kg.cli import cli
from kg.kb.loader import load_knowledge_base
from kg.kb.model import Claim, KnowledgeBase
from kg.kb.vocabulary import load_vocabulary


def kg(store: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, [*args, "--store", str(store)])


def kg_json(store: Path, *args: str) -> list[dict]:
    result = kg(store, *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge_base(config.data_dir(), load_vocabulary(config.ontology_dir()))


def claims_with(kb: KnowledgeBase, subject: str, predicate: str, obj: str) -> list[Claim]:
    """Claims stating subject predicate obj (obj an entity id or a literal's lexical form)."""
    return [c for c in kb.claims for f in c.facts
            if f.subject == subject and f.predicate == predicate
            and (f.object == obj or (f.value is not None and f.value.lexical == obj))]


def claim(kb: KnowledgeBase, source: str, cid: str) -> Claim:
    (found,) = [c for c in kb.claims if c.source == source and c.id == cid]
    return found


def facts(c: Claim) -> dict[str, str]:
    return {f.predicate: f.object or f.value.lexical for f in c.facts}  # type: ignore[union-attr]


# --- the data: every span carries its claim, the audit's fixes hold ------------------------------

def test_every_claim_verifies_against_the_seed_reports(seeds_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["sources", "verify", str(seeds_dir)])
    assert result.exit_code == 0, result.output
    n = len(load_knowledge_base(config.data_dir(), load_vocabulary(config.ontology_dir())).claims)
    assert f"6 sources, {n} of {n} claims verified" in result.output  # the five reports and the gazetteer


def test_the_wrong_facts_the_audit_found_are_fixed(kb: KnowledgeBase) -> None:
    hinz = claim(kb, "national-2024-01-21", "al-aqsa-design-range")
    assert (hinz.stance, hinz.by) == ("attributed", "fabian-hinz")
    assert facts(claim(kb, "national-2024-01-21", "ac-130j-strike"))["location"] == "near-baghdad"
    rockets = facts(claim(kb, "national-2024-01-21", "late-2019-rockets"))
    assert "date" not in rockets and (rockets["notBefore"], rockets["notAfter"]) == ("2019-12", "2020")
    white_house = claim(kb, "wire-2024-01-23", "dec-strikes-white-house")
    assert (white_house.stance, white_house.by) == ("attributed", "white-house")
    assert facts(claim(kb, "standoff-2022-01", "strike-by-us"))["date"] == "2020"
    for cid in ("muhandis-pmu-deputy", "soleimani-quds-commander"):
        assert claim(kb, "standoff-2022-01", cid).valid_until.lexical == "2020"  # type: ignore[union-attr]
    assert claim(kb, "standoff-2022-01", "halbousi-speaker").valid_from is None
    iri = claim(kb, "national-2024-01-21", "iri-armed-by-iran")
    assert iri.stance == "alleged" and iri.span[0] < 4161 < iri.span[1]  # the section heading is in the span
    # Dates of the Erbil attack came from the strikes' spans: now only a bound, in both reports.
    assert not claims_with(kb, "attack-2023-12-erbil-drone", "date", "2023-12")
    assert len(claims_with(kb, "attack-2023-12-erbil-drone", "notAfter", "2023-12")) == 2
    # No one is named as the speaker where the brief quotes an unnamed source.
    assert all(c.by is None for c in kb.claims if c.source == "brief-2024-01" and c.span[0] == 47)
    assert claim(kb, "brief-2024-01", "militias-backed-by-iran").stance == "attributed"


def test_an_attribution_always_names_who_makes_it(kb: KnowledgeBase) -> None:
    unnamed = [f"{c.source}/{c.id}" for c in kb.claims if any(f.predicate == "attributedTo" for f in c.facts)
               and c.by is None]
    assert unnamed == []
    for c in kb.claims:
        if c.stance == "claimed":
            assert c.by is not None, f"{c.source}/{c.id}: a claim of an actor about itself names the actor"


@pytest.mark.parametrize(("subject", "predicate", "obj", "stance"), [
    ("strike-2020-01-soleimani-muhandis", "killed", "2", "reported"),
    ("joe-biden", "leaderOf", "united-states", "reported"),
    ("lloyd-austin", "leaderOf", "us-department-of-defense", "reported"),
    ("us-centcom", "partOf", "united-states", "reported"),
    ("strike-2023-12-kh-sites", "condemnedBy", "mohammed-shia-al-sudani", "reported"),
    ("strike-2024-01-23-kh-facilities", "target", "popular-mobilization-forces", "claimed"),
    ("strike-2024-01-eastern-baghdad", "target", "popular-mobilization-forces", "reported"),
    ("attack-2019-12-09-baghdad-airport", "attributedTo", "kataib-hezbollah", "attributed"),
    ("attack-2022-01-camp-victory", "respondsTo", "strike-2020-01-soleimani-muhandis", "reported"),
    ("attack-2019-protester-killings", "perpetrator", "iran-backed-militias-in-iraq", "alleged"),
    ("attack-basra-consulate-rockets", "target", "us-consulate-basra", "reported"),
    ("battle-2014-jurf-al-sakhar", "location", "jurf-al-sakhar", "reported"),
    ("ballistic-missile", "deployedAt", "iraq", "reported"),
])
def test_the_missing_facts_the_audit_listed_are_present(kb: KnowledgeBase, subject: str, predicate: str,
                                                        obj: str, stance: str) -> None:
    assert stance in {c.stance for c in claims_with(kb, subject, predicate, obj)}


def test_the_militias_iran_backing_is_in_each_reports_own_voice(kb: KnowledgeBase) -> None:
    voices = {c.source for c in claims_with(kb, "iran-backed-militias-in-iraq", "backedBy", "iran")
              if c.stance == "reported"}
    assert voices == {"national-2024-01-21", "brief-2024-01", "wire-2024-01-23", "npr-2019-12-12"}


def test_no_report_links_the_pmf_as_a_body_to_iran(built_store: Path, kb: KnowledgeBase) -> None:
    assert not [c for c in kb.claims for f in c.facts
                if f.subject == "popular-mobilization-forces" and f.predicate in {"backedBy", "armedBy"}]
    for record in kg_json(built_store, "who-backs", "Kataib Hezbollah"):
        assert "popular-mobilization-forces" not in {v["id"] for v in record["via"]}


def test_events_known_only_by_bounds_match_the_windows_they_allow(built_store: Path) -> None:
    december = {r["event"]["id"] for r in kg_json(built_store, "events", "--since", "2023-12", "--until", "2023-12")}
    assert "attack-2023-12-erbil-drone" in december  # in or before December 2023
    later = {r["event"]["id"] for r in kg_json(built_store, "events", "--since", "2024")}
    assert "attack-2023-12-erbil-drone" not in later
    (erbil,) = [r for r in kg_json(built_store, "events") if r["event"]["id"] == "attack-2023-12-erbil-drone"]
    assert erbil["date"] is None and [d["date"] for d in erbil["not_after"]] == ["2023-12"]


# --- figures ------------------------------------------------------------------------------------

def test_figures_give_qualifier_place_period_and_sources(built_store: Path) -> None:
    records = {r["figure"]["id"]: r for r in kg_json(built_store, "figures")}
    seventy = records["fig-attacks-us-iraq-since-2023-10-07"]
    assert (seventy["value"], seventy["qualifier"], seventy["text"]) == (70, "at-least", "at least 70")
    assert seventy["period_start"] == "2023-10-07" and [p["id"] for p in seventy["places"]] == ["iraq"]
    assert [(s["id"], s["stance"]) for s in seventy["sources"]] == [("brief-2024-01", "reported")]
    nth = records["fig-attacks-us-iraq-syria-to-2024-01-20"]
    assert (nth["text"], [e["id"] for e in nth["events"]]) == ("the 144th", ["attack-2024-01-20-al-asad"])
    troops = records["fig-us-troops-iraq-2024-01"]  # one figure, the same value from two reports
    assert troops["text"] == "about 2,500"
    assert {s["id"] for s in troops["sources"]} == {"national-2024-01-21", "brief-2024-01"}
    assert records["fig-us-troops-syria-2024-01"]["value"] == 900
    assert records["fig-convoys-attacked-iraq-2022"]["text"] == "at least 20"
    assert records["fig-attacks-us-iraq-syria-to-2024-01-23"]["text"] == "more than 151"
    assert all(r["sources"] for r in records.values())


def test_figures_in_every_format_and_by_name(built_store: Path) -> None:
    every = kg_json(built_store, "figures")
    table = kg(built_store, "figures")
    assert table.exit_code == 0 and "at least 70" in table.stdout and "the 144th" in table.stdout
    out = kg(built_store, "figures", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    # flat: one row per figure and source
    assert out.exit_code == 0 and len({r["figure_id"] for r in rows}) == len(every)
    assert len(rows) == sum(len(f["sources"]) for f in every)
    assert {"figure_id", "figure_label", "value", "qualifier", "places_labels", "period_start", "source_id",
            "stance"} <= set(rows[0])
    syria = kg_json(built_store, "figures", "Syria")
    assert syria and all("syria" in {p["id"] for p in r["places"]} for r in syria)
    assert len(syria) < len(every)
    unknown = kg(built_store, "figures", "Zzyzx")
    assert unknown.exit_code == 2 and unknown.output.startswith("Error: ")


def test_entity_cards_show_the_figures_an_entity_is_counted_in(built_store: Path) -> None:
    (card,) = kg_json(built_store, "show", "us-military")
    assert "fig-us-troops-iraq-2024-01" in {f["figure"]["id"] for f in card["figures"]}
    table = kg(built_store, "show", "us-military")
    assert "Figures:" in table.stdout and "about 2,500" in table.stdout


def test_a_figure_with_an_unknown_qualifier_does_not_build(data_copy: Path, tmp_path: Path) -> None:
    path = data_copy / "claims" / "brief-2024-01.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("qualifier: at-least", "qualifier: roughly"),
                    encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", "--data", str(data_copy), "--store", str(tmp_path / "s")])
    assert result.exit_code == 1
    assert "fig-attacks-us-iraq-since-2023-10-07 kg:qualifier" in result.output


def test_an_event_with_neither_date_nor_bound_does_not_build(data_copy: Path, tmp_path: Path) -> None:
    path = data_copy / "claims" / "npr-2019-12-12.yaml"
    text = path.read_text(encoding="utf-8").replace('      notAfter: "2019-12-12"\n    stance: reported\n'
                                                    '    span: [5437, 5577]', "    stance: reported\n"
                                                    "    span: [5437, 5577]")
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", "--data", str(data_copy), "--store", str(tmp_path / "s")])
    assert result.exit_code == 1 and "attack-basra-consulate-rockets" in result.output
    assert "an event needs a date, or a notBefore or notAfter bound" in result.output


# --- strength of a backing chain ------------------------------------------------------------------

def test_a_chain_is_as_strong_as_its_weakest_link(built_store: Path) -> None:
    (record,) = kg_json(built_store, "who-backs", "Nujaba")
    assert record["strength"] == "alleged" and record["independent_sources"] == 1
    weakest = record["weakest_link"]
    assert (weakest["subject"]["id"], weakest["predicate"], weakest["object"]["id"]) == (
        "islamic-resistance-in-iraq", "armedBy", "iran")
    assert [(l["strength"], l["independent_sources"]) for l in record["links"]] == [("reported", 1), ("alleged", 1)]
    explain = kg(built_store, "who-backs", "Nujaba", "--explain")
    assert "alleged (weakest: Islamic Resistance in Iraq armedBy Iran, 1 independent source)" in " ".join(
        explain.stdout.split())


def test_chains_are_ranked_strongest_first(built_store: Path) -> None:
    records = kg_json(built_store, "who-backs", "Kataib Hezbollah")
    assert [r["rank"] for r in records] == list(range(1, len(records) + 1))
    first = records[0]
    assert (first["backer"]["id"], first["direct"], first["strength"]) == ("iran", True, "reported")
    assert first["independent_sources"] == 3  # NPR, and two reports whose publishers are unknown
    order = {"reported": 3, "claimed": 2, "attributed": 2, "alleged": 1, "denied": 0}
    strengths = [order[r["strength"]] for r in records]
    assert strengths == sorted(strengths, reverse=True) and strengths[-1] == 1


def test_two_reports_of_one_publisher_count_once(data_copy: Path, tmp_path: Path) -> None:
    # A second, invented NPR piece that also says Iran backs Kataib Hezbollah: a fourth source, but
    # not a fourth independent one.
    with (data_copy / "sources.yaml").open("a", encoding="utf-8") as f:
        f.write("- id: npr-invented-follow-up\n  file: invented.txt\n  sha256: " + "a" * 64 + "\n"
                "  length: 100\n  title: An invented follow-up\n  publisher: NPR\n  published: 2019-12-20\n"
                "  date_basis: a test source written for this test\n")
    (data_copy / "claims" / "npr-invented-follow-up.yaml").write_text(
        "source: npr-invented-follow-up\nclaims:\n  - id: kh-backed\n    subject: kataib-hezbollah\n"
        "    facts: {backedBy: iran}\n    stance: reported\n    span: [0, 50]\n", encoding="utf-8")
    store = tmp_path / "store"
    assert CliRunner().invoke(cli, ["build", "--data", str(data_copy), "--store", str(store)]).exit_code == 0
    (direct,) = kg_json(store, "who-backs", "Kataib Hezbollah", "--direct")
    assert len(direct["links"][0]["sources"]) == 4
    assert direct["independent_sources"] == 3


# --- disputes -----------------------------------------------------------------------------------

def test_disputes_list_each_version_with_its_sources(built_store: Path) -> None:
    found = {(d["subject"]["id"], d["kind"]): d for d in kg_json(built_store, "disputes")}
    dates = found[("attack-2024-01-20-al-asad", "date")]
    assert [v["value"] for v in dates["versions"]] == ["2024-01-20", "2024-01-21"]
    assert {s["id"] for s in dates["versions"][1]["sources"]} == {"national-2024-01-21"}
    strike = found[("strike-2024-01-23-kh-facilities", "date")]
    assert {v["value"]: [s["id"] for s in v["sources"]] for v in strike["versions"]} == {
        "2024-01-23": ["wire-2024-01-23"], "2024-01-24": ["brief-2024-01"]}
    toll = found[("strike-2024-01-23-kh-facilities", "killed")]
    assert [(v["value"], v["sources"][0]["stance"]) for v in toll["versions"]] == [(1, "claimed"), (2, "attributed")]
    attempt = found[("assassination-attempt-2022-01-06-abd-al-razzaq", "responsibility")]
    assert {v["value"]["id"]: v["sources"][0]["stance"] for v in attempt["versions"]} == {
        "unidentified-gunmen": "reported", "united-states": "alleged"}
    # Not disputes: 4 wounded Americans and 1 wounded Iraqi from one report; three groups named together.
    assert ("attack-2024-01-20-al-asad", "wounded") not in found
    assert ("attack-2022-01-09-convoys", "responsibility") not in found
    assert ("strike-2024-01-23-kh-facilities", "responsibility") not in found  # CENTCOM and the US forces
    nov20 = found[("attack-2023-11-20-ballistic-missiles", "responsibility")]  # a group's own claim vs the rest
    assert {v["value"]["id"]: v["roles"] for v in nov20["versions"]} == {
        "iran-backed-militias-in-iraq": ["perpetrator"], "kataib-hezbollah": ["claimed by"]}


def test_disputes_by_name_and_in_every_format(built_store: Path) -> None:
    every = kg_json(built_store, "disputes")
    kh = kg_json(built_store, "disputes", "Kataib Hezbollah")
    assert kh and len(kh) < len(every)
    assert all(d["subject"]["id"] == "kataib-hezbollah"
               or "kataib-hezbollah" in {v["value"].get("id") for v in d["versions"] if isinstance(v["value"], dict)}
               for d in kh)
    out = kg(built_store, "disputes", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert out.exit_code == 0 and len({(r["subject_id"], r["kind"]) for r in rows}) == len(every)
    assert list(rows[0])[:5] == ["subject_id", "subject_label", "subject_class", "kind", "versions"]
    table = kg(built_store, "disputes", "al-asad-air-base")
    assert table.exit_code == 0 and "No disputes about 'al-asad-air-base'." in table.output


def test_a_denial_is_shown_against_the_claim_it_denies(data_copy: Path, tmp_path: Path) -> None:
    path = data_copy / "claims" / "npr-2019-12-12.yaml"
    path.write_text(path.read_text(encoding="utf-8") + (
        "  - id: invented-kh-denial\n    subject: attack-2019-12-09-baghdad-airport\n"
        "    facts: {attributedTo: kataib-hezbollah}\n    stance: denied\n    by: kataib-hezbollah\n"
        "    span: [4761, 4874]\n"), encoding="utf-8")
    store = tmp_path / "store"
    assert CliRunner().invoke(cli, ["build", "--data", str(data_copy), "--store", str(store)]).exit_code == 0
    (denial,) = [d for d in kg_json(store, "disputes", "Kataib Hezbollah") if d["kind"] == "denial"]
    assert denial["subject"]["id"] == "attack-2019-12-09-baghdad-airport"
    assert [(v["stance"], [s["stance"] for s in v["sources"]]) for v in denial["versions"]] == [
        ("given", ["attributed"]), ("denied", ["denied"])]


def test_a_figure_two_reports_give_differently_is_a_dispute(data_copy: Path, tmp_path: Path) -> None:
    path = data_copy / "claims" / "brief-2024-01.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("value: 2500") == 1
    path.write_text(text.replace("value: 2500", "value: 3000"), encoding="utf-8")
    store = tmp_path / "store"
    assert CliRunner().invoke(cli, ["build", "--data", str(data_copy), "--store", str(store)]).exit_code == 0
    (dispute,) = [d for d in kg_json(store, "disputes", "fig-us-troops-iraq-2024-01")]
    assert dispute["kind"] == "figure"
    assert {v["value"]: [s["id"] for s in v["sources"]] for v in dispute["versions"]} == {
        "about 2,500": ["national-2024-01-21"], "about 3,000": ["brief-2024-01"]}
