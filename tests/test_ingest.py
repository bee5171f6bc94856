"""kg ingest: a report written for these tests (our own words, invented events) goes from text to answers."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from kg.cli import cli
from kg.ingest.dates import Pub, find_dates, resolve
from kg.ingest.meta import detect

REPORT = Path(__file__).parent / "reports" / "ghadab.txt"


def kg(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def texts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "texts"
    monkeypatch.setenv("KG_TEXTS", str(folder))
    return folder


def test_draft_json_holds_source_entities_and_sourced_claims(data_copy: Path, texts: Path) -> None:
    result = kg("ingest", str(REPORT), "--format", "json", "--data", str(data_copy))
    assert result.exit_code == 0, result.output
    draft = json.loads(result.output)
    text = REPORT.read_text(encoding="utf-8")
    src = draft["source"]
    assert src["published"] == "2025-03-14" and "dateline" in src["date_basis"]
    assert src["length"] == len(text) and len(src["sha256"]) == 64
    entities = {e["id"]: e for e in draft["entities"]}
    group = entities["liwa-thar-al-ghadab"]
    assert group["new"] is True and group["class"] == "ArmedGroup"
    assert entities["al-asad-air-base"]["new"] is False and entities["iran"]["new"] is False
    claims = draft["claims"]
    assert all(c["review"] == "pending" and 0 < c["confidence"] <= 1 for c in claims)
    referenced = {c["subject"] for c in claims} | {c.get("by") for c in claims} - {None}
    assert referenced <= set(entities)  # every entity any claim uses is listed
    backed = [c for c in claims if c["facts"] == {"backedBy": "iran"}]
    assert [(c["subject"], c["stance"], c["by"]) for c in backed] == [("liwa-thar-al-ghadab", "attributed", "sabrina-singh")]
    start, end = backed[0]["span"]
    assert "backed by Iran" in text[start:end]
    attack = next(c for c in claims if c["facts"].get("location") == "al-asad-air-base")
    # "on Wednesday" before a report of Friday 14 March 2025
    assert attack["facts"]["date"] == "2025-03-12" and attack["facts"]["perpetrator"] == "liwa-thar-al-ghadab"
    assert attack["facts"]["wounded"] == 2 and entities[attack["subject"]]["class"] == "Attack"
    strike = next(c for c in claims if c["facts"].get("location") == "al-qaim")
    # "two days later" counts from the attack's date, not from the publication date
    assert strike["facts"]["date"] == "2025-03-14" and entities[strike["subject"]]["class"] == "Strike"
    responds = [c for c in claims if c["subject"] == strike["subject"] and "respondsTo" in c["facts"]]
    assert responds and responds[0]["facts"]["respondsTo"] == attack["subject"]
    claimed = [c for c in claims if c["stance"] == "claimed"]
    assert claimed and claimed[0]["facts"] == {"claimedBy": "liwa-thar-al-ghadab"}
    assert not (data_copy / "drafts").exists()  # --format json writes nothing
    assert not texts.exists()


def test_ingest_review_accept_build_then_who_backs_quotes_the_span(data_copy: Path, texts: Path, tmp_path: Path,
                                                                  seeds_dir: Path) -> None:
    result = kg("ingest", str(REPORT), "--data", str(data_copy))
    assert result.exit_code == 0, result.output
    draft_path = next((data_copy / "drafts").glob("*.yaml"))
    assert f"kg ingest accept {draft_path}" in result.output
    assert (texts / REPORT.name).read_bytes() == REPORT.read_bytes()  # a copy beside the store, not in the repo
    refused = kg("ingest", "accept", str(draft_path), "--data", str(data_copy))
    assert refused.exit_code == 1 and "still pending review" in refused.output
    # The analyst reviews: rejects one claim, accepts the rest.
    draft = yaml.safe_load(draft_path.read_text(encoding="utf-8"))
    for c in draft["claims"]:
        c["review"] = "rejected" if "respondsTo" in c["facts"] else "accepted"
    draft_path.write_text(yaml.safe_dump(draft, sort_keys=False, allow_unicode=True), encoding="utf-8")
    accepted = kg("ingest", "accept", str(draft_path), "--data", str(data_copy))
    assert accepted.exit_code == 0, accepted.output
    assert "1 rejected" in accepted.output
    sid = draft["source"]["id"]
    merged = yaml.safe_load((data_copy / "claims" / f"{sid}.yaml").read_text(encoding="utf-8"))
    assert all("review" not in c and "confidence" not in c for c in merged["claims"])
    assert not any("respondsTo" in c["facts"] for c in merged["claims"])
    store = tmp_path / "store"
    built = kg("build", "--data", str(data_copy), "--store", str(store))
    assert built.exit_code == 0, built.output
    answer = kg("who-backs", "Liwa Thar al-Ghadab", "--explain", "--quotes", "--store", str(store))
    assert answer.exit_code == 0, answer.output
    flat = " ".join(answer.output.split())
    assert "Liwa Thar al-Ghadab —backedBy→ Iran" in flat and "attributed by Sabrina Singh" in flat
    assert "“The Liwa Thar al-Ghadab militia is backed by Iran, according to Pentagon spokesperson Sabrina Singh.”" in flat
    events = kg("events", "--place", "al-Asad Air Base", "--since", "2025", "--quotes", "--format", "json",
                "--store", str(store))
    assert events.exit_code == 0, events.output
    (attack,) = json.loads(events.stdout)
    assert attack["date"] == "2025-03-12"
    quotes = {s["quote"] for s in attack["sources"]}
    assert "Liwa Thar al-Ghadab claimed responsibility for the attack in a message posted online." in quotes
    card = kg("show", "Liwa Thar al-Ghadab", "--quotes", "--store", str(store))
    assert card.exit_code == 0, card.output
    assert "Quotes:" in card.output and "backed by Iran" in " ".join(card.output.split())
    # The texts directory is where `kg sources verify` looks by default; the drafted spans name what they claim.
    for seed in sorted(seeds_dir.glob("*.txt")):
        shutil.copyfile(seed, texts / seed.name)
    verified = kg("sources", "verify", "--data", str(data_copy))
    assert verified.exit_code == 0, verified.output
    # the seeds, the new report and the gazetteer (whose text ships in data/texts/)
    assert verified.output.startswith(f"{len(list(seeds_dir.glob('*.txt'))) + 2} sources, ")
    # Without the text, the answer still comes, and says the text is not there.
    (texts / REPORT.name).unlink()
    bare = kg("who-backs", "Liwa Thar al-Ghadab", "--explain", "--quotes", "--store", str(store))
    assert bare.exit_code == 0 and "text is not available" in " ".join(bare.output.split())


@pytest.mark.parametrize("name", ["The Kataeb Hezbollah militia", "The group called كتائب حزب الله"])
def test_known_group_under_another_spelling_resolves_to_it(data_copy: Path, texts: Path, tmp_path: Path,
                                                           name: str) -> None:
    """A misspelling (fuzzy) or the Arabic name is the group the knowledge base has, not a new one."""
    report = tmp_path / "kh.txt"
    report.write_text(f"Analyst notes on the groups near Baghdad\n\nApril 2, 2025\n\n{name} is backed by Iran, "
                      "a regional analyst wrote on Tuesday.\n", encoding="utf-8")
    draft = json.loads(kg("ingest", str(report), "--format", "json", "--data", str(data_copy)).output)
    assert [c["subject"] for c in draft["claims"] if "backedBy" in c["facts"]] == ["kataib-hezbollah"]
    assert not any(e["new"] for e in draft["entities"])


def test_an_event_already_known_gets_the_new_claims(data_copy: Path, texts: Path, tmp_path: Path) -> None:
    report = tmp_path / "asad.txt"
    report.write_text("Another look at the January barrage\n\nJanuary 25, 2024\n\nOn Saturday, January 20, "
                      "militants fired ballistic missiles at al-Asad Air Base in western Iraq.\n", encoding="utf-8")
    draft = json.loads(kg("ingest", str(report), "--format", "json", "--data", str(data_copy)).output)
    nested = ["al-asad-air-base", "western-iraq"]
    subjects = {c["subject"] for c in draft["claims"] if c["facts"].get("location") == nested}
    assert subjects == {"attack-2024-01-20-al-asad"}  # at the base, and in the region the report places it
    assert {e["id"]: e["new"] for e in draft["entities"]}["attack-2024-01-20-al-asad"] is False


@pytest.mark.parametrize(("phrase", "published", "expected"), [
    ("on Saturday", "2024-01-23", "2024-01-20"),       # a Tuesday report
    ("late last month", "2024-01-23", "2023-12"),
    ("earlier this month", "2024-01", "2024-01"),
    ("New Year's Eve", "2024-01-05", "2023-12-31"),
    ("Dec. 9", "2019-12-12", "2019-12-09"),
    ("in November", "2019-12-12", "2019-11"),
    ("on Saturday", "2024-01", None),                  # a weekday means nothing without the report's day
])
def test_relative_dates_resolve_against_the_publication_date(phrase: str, published: str, expected: str | None) -> None:
    found = find_dates(phrase)
    assert len(found) == 1
    assert resolve(found[0], Pub.parse(published)) == expected


def test_publication_date_ignores_copyright_and_repost_dates() -> None:
    repost = detect("A title of several words here\n\nBy Ann Writer Reposts Daily, March 3, 2023 "
                    "The Original Post 1 March 2023\n\nBody text about events.\n")
    assert repost.published == "2023-03-01" and "repost" in repost.date_basis
    assert repost.publisher == "The Original Post"
    furniture = detect("© 2031 Some Station\nA title of several words here\n\nRockets fell on Tuesday near the "
                       "port. The earlier attack, on Sept. 2, was on a Sunday raid, officials said.\n"
                       "Copyright 2027 Some Network\n")
    assert furniture.published is None  # copyright years bound the date but never give it: ask the analyst


def test_who_backs_does_not_import_spacy_or_dateparser(built_store: Path) -> None:
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "kg", "who-backs", "Nujaba",
                             "--store", str(built_store)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    imported = {line.split("|")[-1].strip().split(".")[0] for line in result.stderr.splitlines() if "|" in line}
    assert not imported & {"spacy", "dateparser", "thinc"}


def test_a_trained_pipeline_when_given_adds_the_names_it_finds(data_copy: Path, texts: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A bare name with no context word is found only by a pipeline that knows it (here one saved to disk)."""
    import spacy

    report = tmp_path / "bare.txt"
    report.write_text("Notes on a quiet week near Baghdad\n\nApril 2, 2025\n\nNahr Example is backed by Iran, "
                      "an analyst wrote on Tuesday.\n", encoding="utf-8")
    args = ["ingest", str(report), "--format", "json", "--data", str(data_copy)]
    assert "nahr-example" not in kg(*args).output  # the rules alone need "the X militia", "X Brigades", "Kataib X"
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns([{"label": "ORG", "pattern": "Nahr Example"}])
    nlp.to_disk(tmp_path / "pipeline")
    monkeypatch.setenv("KG_SPACY_MODEL", str(tmp_path / "pipeline"))
    draft = json.loads(kg(*args).output)
    assert {"id": "nahr-example", "class": "ArmedGroup", "label": "Nahr Example", "aliases": [],
            "new": True} in draft["entities"]
    assert [c["facts"] for c in draft["claims"] if c["subject"] == "nahr-example"] == [{"backedBy": "iran"}]
    monkeypatch.setenv("KG_SPACY_MODEL", str(tmp_path / "missing"))
    broken = kg(*args)
    assert broken.exit_code == 1 and broken.output.startswith("Error: KG_SPACY_MODEL=")


def test_rules_on_a_second_invented_report(data_copy: Path, texts: Path) -> None:
    """Listed bases, reactions, hypotheticals, 'the group', appositions and denials, on our own text."""
    report = Path(__file__).parent / "reports" / "harbor.txt"
    text = report.read_text(encoding="utf-8")
    draft = json.loads(kg("ingest", str(report), "--format", "json", "--data", str(data_copy)).output)
    assert draft["source"]["author"] == "Dana Example" and draft["source"]["published"] == "2025-06-09"
    entities = {e["id"]: e for e in draft["entities"]}
    claims = draft["claims"]
    located = {c["facts"]["location"]: c for c in claims if "location" in c["facts"]}
    # one rocket attack at each base the sentence lists, dated to the Sunday before a Monday report
    for base in ("camp-falcon-ridge", "camp-cedar-point"):
        assert entities[base]["class"] == "Facility" and entities[base]["new"] is True
        assert located[base]["facts"]["date"] == "2025-06-08" and located[base]["facts"]["weapon"] == ["rocket"]
        assert entities[located[base]["subject"]]["class"] == "Attack"
    assert located["camp-falcon-ridge"]["subject"] != located["camp-cedar-point"]["subject"]
    # the government that condemned the strikes did not carry them out
    strike = next(c for c in claims if c["facts"].get("location") == "qurnat-al-sabah"
                  and entities[c["subject"]]["class"] == "Strike")
    assert strike["facts"]["date"] == "2025-06-09"
    assert "perpetrator" not in strike["facts"]
    # "could strike again if ...": nothing happened, so no event
    assert not any("could strike" in text[c["span"][0]:c["span"][1]] for c in claims)
    # "The group is part of ...": the span reaches back to the sentence that names the group
    member = next(c for c in claims if "memberOf" in c["facts"])
    assert (member["subject"], member["facts"]["memberOf"]) == ("harakat-al-fajr-al-sadiq", "popular-mobilization-forces")
    assert text[member["span"][0]:member["span"][1]].startswith("The Harakat al-Fajr al-Sadiq militia")
    # a leader named in apposition; the denial in his sentence is about the rockets, not his role
    leader = next(c for c in claims if "leaderOf" in c["facts"])
    assert (leader["subject"], leader["facts"]["leaderOf"], leader["stance"]) == (
        "abu-layla-al-basri", "harakat-al-fajr-al-sadiq", "reported")
    assert entities["abu-layla-al-basri"]["class"] == "Person"
    # blame by a third party is attributedTo, not perpetrator; the town is known from earlier in the report
    bombing = next(c for c in claims if "attributedTo" in c["facts"])
    assert bombing["facts"] == {"date": "2025-06-07", "location": "qurnat-al-sabah",
                                "attributedTo": "harakat-al-fajr-al-sadiq"}
    assert bombing["stance"] == "attributed" and entities[bombing["subject"]]["class"] == "Attack"
