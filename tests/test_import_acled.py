"""kg import acled: a table in ACLED's real column format (invented events) registered, built and asked.

The rows below are made up for the tests, in our own words; only the column layout is ACLED's.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
import yaml
from click.testing import CliRunner

from kg.cli import cli
from kg.imports.acled import COLUMNS
from kg.store import read_manifest

NS = "https://w3id.org/kg-armed-actors/"
PREFIX = (f"PREFIX kg: <{NS}ns#> PREFIX id: <{NS}id/> PREFIX prov: <http://www.w3.org/ns/prov#> "
          "PREFIX oa: <http://www.w3.org/ns/oa#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
          "PREFIX geo: <http://www.w3.org/2003/01/geo/wgs84_pos#> ")
REMOTE = "Explosions/Remote violence"

GOOD = [
    dict(event_id_cnty="IRQ90001", event_date="2024-02-03", time_precision="1", event_type=REMOTE,
         sub_event_type="Air/drone strike", actor1="Military Forces of the United States (2021-)", inter1="8",
         actor2="Kataib Hezbollah", inter2="3", country="Iraq", admin1="Al Anbar", location="Al Qaim",
         latitude="34.3700", longitude="41.0900", geo_precision="1", source="Invented Wire",
         notes="Invented for a test: a night strike on a depot.", fatalities=""),
    dict(event_id_cnty="IRQ90002", event_date="05 February 2024", time_precision="2", event_type=REMOTE,
         sub_event_type="Air/drone strike", actor1="Islamic Resistance in Iraq", inter1="Political militia",
         actor2="Military Forces of the United States (2021-)", inter2="8", country="Iraq", admin1="Al Anbar",
         location="Ain al-Asad", latitude="33.80", longitude="42.44", geo_precision="2",
         source="Invented Daily", notes="Invented: two drones, one shot down,\nthe other missed.", fatalities="0"),
    dict(event_id_cnty="IRQ90003", event_date="2024-01-15", time_precision="3", event_type=REMOTE,
         sub_event_type="Shelling/artillery/missile attack", actor1="Unidentified Armed Group (Iraq)",
         actor2="Civilians (Iraq)", inter2="7", country="Iraq", admin1="Erbil", location="Kani Qirzhala",
         latitude="36.1500", longitude="43.9600", geo_precision="2", source="Invented Wire", fatalities="2"),
    dict(event_id_cnty="IRQ90004", event_date="01 March 2024", time_precision="1", event_type="Battles",
         sub_event_type="Armed clash", actor1="Saraya Invented al-Test", inter1="3",
         actor2="Military Forces of Iraq (2022-)", inter2="1", country="Iraq", admin1="Baghdad",
         location="Baghdad", latitude="33.34", longitude="44.40", geo_precision="1", fatalities="1"),
]
BAD = [
    dict(event_id_cnty="IRQ90005", event_date="31 Febtember 2024", event_type="Battles", actor1="X"),
    dict(event_id_cnty="IRQ90006", event_date="2024-03-02", event_type="Battles", actor1="X", fatalities="several"),
    dict(event_id_cnty="IRQ90007", event_date="2024-03-03", event_type="Battles", actor1="X", latitude="north",
         longitude="44"),
    dict(event_id_cnty="IRQ90001", event_date="2024-03-04", event_type="Battles", actor1="X"),
]


def write_table(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for r in rows:
            writer.writerow({c: r.get(c, "") for c in COLUMNS})
    return path


def invoke(*args: str) -> object:
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def imported(tmp_path: Path, data_copy: Path) -> tuple[Path, Path, ox.Store]:
    table = write_table(tmp_path / "acled-test.csv", GOOD)
    result = invoke("import", "acled", str(table), "--data", str(data_copy))
    assert result.exit_code == 0, result.output
    store = tmp_path / "store"
    result = invoke("build", "--data", str(data_copy), "--store", str(store))
    assert result.exit_code == 0, result.output
    manifest = read_manifest(store)
    assert manifest is not None
    return table, data_copy, ox.Store.read_only(str(store / manifest.generation))


def ask(store: ox.Store, query: str) -> list[dict[str, str]]:
    rows = store.query(PREFIX + query, use_default_graph_as_union=True)
    found = [{v.value: str(r[v].value) for v in rows.variables if r[v] is not None} for r in rows]
    # Set semantics: a triple is also in the store's materialised default graph, so it may come twice.
    return [dict(t) for t in dict.fromkeys(tuple(sorted(d.items())) for d in found)]


def facts(store: ox.Store, event: str) -> set[tuple[str, str]]:
    rows = ask(store, f"SELECT ?p ?o WHERE {{ id:{event} ?p ?o }}")
    return {(r["p"].rsplit("#", 1)[-1], r["o"].replace(NS + "id/", "")) for r in rows}


def test_the_import_registers_the_file_and_says_how_names_resolved(tmp_path: Path, data_copy: Path) -> None:
    table = write_table(tmp_path / "acled-test.csv", GOOD)
    result = invoke("import", "acled", str(table), "--data", str(data_copy))
    assert result.exit_code == 0, result.output
    assert "as dataset 'acled-test'" in result.output
    assert "4 rows imported; events: Attack 2, Event 1, Strike 1" in result.output
    assert "Military Forces of the United States (2021-) -> us-military" in result.output
    (entry,) = yaml.safe_load((data_copy / "datasets.yaml").read_text())
    assert entry["file"] == str(table.resolve()) and entry["rows"] == 4 and entry["format"] == "acled"
    assert len(entry["sha256"]) == 64 and entry["published"] == "2024-03-01"
    # Registered, not converted: no YAML of events was written.
    assert sorted(p.name for p in data_copy.rglob("*.yaml") if "acled" in p.read_text()) == ["datasets.yaml"]


def test_dates_in_both_formats_at_the_precision_acled_gives(imported: tuple[Path, Path, ox.Store]) -> None:
    _, _, store = imported
    rows = ask(store, "SELECT ?e ?d (DATATYPE(?d) AS ?t) WHERE { ?e kg:date ?d FILTER(STRSTARTS(STR(?e), "
                      f"'{NS}id/acled-test-')) }}")
    got = {r["e"].rsplit("/", 1)[-1]: (r["d"], r["t"].rsplit("#", 1)[-1]) for r in rows}
    assert got == {"acled-test-irq90001": ("2024-02-03", "date"),  # YYYY-MM-DD, exact day
                   "acled-test-irq90002": ("2024-02", "gYearMonth"),  # DD Month YYYY, within a week
                   "acled-test-irq90003": ("2024-01", "gYearMonth"),  # within the month
                   "acled-test-irq90004": ("2024-03-01", "date")}


def test_actors_resolve_to_our_entities_and_unknown_ones_become_new(imported: tuple[Path, Path, ox.Store]) -> None:
    _, _, store = imported
    strike = facts(store, "acled-test-irq90001")
    assert ("perpetrator", "us-military") in strike and ("target", "kataib-hezbollah") in strike
    assert ask(store, "SELECT ?c WHERE { id:acled-test-irq90001 a ?c }") == [{"c": NS + "ns#Strike"}]
    attack = facts(store, "acled-test-irq90002")
    assert {("perpetrator", "islamic-resistance-in-iraq"), ("target", "us-military"), ("weapon", "drone")} <= attack
    # "Unidentified Armed Group" is no one: no perpetrator; the civilians are a new actor.
    shelling = facts(store, "acled-test-irq90003")
    assert not any(p == "perpetrator" for p, _ in shelling)
    assert ask(store, "SELECT ?c ?l WHERE { ?a skos:prefLabel 'Civilians (Iraq)'@en ; a ?c }") == [
        {"c": NS + "ns#Actor"}]
    # A new group, and a state force under its ACLED name without the years of the government.
    clash = facts(store, "acled-test-irq90004")
    assert {("perpetrator", "saraya-invented-test"), ("target", "military-forces-of-iraq")} <= clash
    assert ask(store, "SELECT ?c WHERE { id:military-forces-of-iraq a ?c }") == [{"c": NS + "ns#StateAgency"}]
    assert ask(store, "SELECT ?l WHERE { id:military-forces-of-iraq skos:altLabel ?l }") == [
        {"l": "Military Forces of Iraq (2022-)"}]


def test_fatalities_blank_stays_unknown_and_zero_is_zero(imported: tuple[Path, Path, ox.Store]) -> None:
    _, _, store = imported
    killed = {e: [o for p, o in facts(store, f"acled-test-irq9000{e}") if p == "killed"] for e in (1, 2, 3)}
    assert killed == {1: [], 2: ["0"], 3: ["2"]}


def test_places_match_ours_or_are_new_with_coordinates(imported: tuple[Path, Path, ox.Store]) -> None:
    _, _, store = imported
    assert ("location", "al-qaim") in facts(store, "acled-test-irq90001")  # our al-Qaim, by name
    (place,) = [o for p, o in facts(store, "acled-test-irq90003") if p == "location"]
    assert place == "kani-qirzhala-iraq"
    # The row's point is a fact of the row's claim (sourced like the rest), in the ontology's terms.
    assert ask(store, f"""SELECT ?la ?lo ?geo ?c WHERE {{ GRAPH ?c {{ id:{place} kg:latitude ?la ;
                          kg:longitude ?lo ; kg:geoPrecision ?geo }} }}""") == [
        {"la": "36.15", "lo": "43.96", "geo": "2", "c": NS + "claim/acled-test/irq90003"}]


def test_each_row_is_a_claim_citing_the_dataset_and_the_rows_characters(imported: tuple[Path, Path, ox.Store]) -> None:
    table, _, store = imported
    rows = ask(store, """SELECT ?c ?src ?stance ?start ?end ?note ?geo WHERE {
        GRAPH ?c { id:acled-test-irq90002 kg:date ?d }
        ?c prov:wasDerivedFrom ?src ; kg:stance ?stance ; kg:evidence ?span ; kg:timePrecision ?geo ;
           <http://www.w3.org/2000/01/rdf-schema#comment> ?note .
        ?span oa:start ?start ; oa:end ?end }""")
    (r,) = rows
    assert r["src"] == NS + "source/acled-test" and r["stance"] == NS + "ns#reported" and r["geo"] == "2"
    # Offsets are characters of the file as written (its \r\n line ends kept, as csv writes them).
    record = table.open(encoding="utf-8", newline="").read()[int(r["start"]):int(r["end"])]
    assert next(csv.reader(io.StringIO(record)))[0] == "IRQ90002" and record.endswith(",0,,")  # the whole row, two lines
    assert r["note"].startswith("ACLED source: Invented Daily")


def test_events_answer_with_the_dataset_as_their_source(imported: tuple[Path, Path, ox.Store], tmp_path: Path) -> None:
    result = invoke("events", "--target", "Kataib Hezbollah", "--since", "2024-02", "--format", "json",
                    "--store", str(tmp_path / "store"))
    assert result.exit_code == 0, result.output
    strikes = [e for e in json.loads(result.stdout) if e["event"]["id"] == "acled-test-irq90001"]
    assert strikes and strikes[0]["dates"][0]["sources"][0]["id"] == "acled-test"


def test_bad_rows_are_reported_by_line_and_nothing_is_imported(tmp_path: Path, data_copy: Path) -> None:
    table = write_table(tmp_path / "t.csv", GOOD + BAD)
    result = invoke("import", "acled", str(table), "--data", str(data_copy))
    assert result.exit_code == 1
    assert not (data_copy / "datasets.yaml").exists()
    assert f"Error: 4 bad rows in {table}, nothing imported:" in result.output
    # The second good row's notes span two lines, so the bad rows start on lines 7 to 10.
    for line, reason in [(7, "event_date '31 Febtember 2024' is not a date"),
                         (8, "fatalities 'several' is not a whole number"),
                         (9, "latitude/longitude 'north', '44' are not numbers"),
                         (10, "event_id_cnty 'IRQ90001' repeats the row at line 2")]:
        assert f"{table}:{line}: {reason}" in result.output
    assert "Traceback" not in result.output


def test_skip_bad_rows_imports_the_rest_and_lists_what_it_skipped(tmp_path: Path, data_copy: Path) -> None:
    table = write_table(tmp_path / "t.csv", GOOD + BAD)
    result = invoke("import", "acled", str(table), "--data", str(data_copy), "--skip-bad-rows", "--id", "acled-t")
    assert result.exit_code == 0, result.output
    assert "Skipped 4 bad rows:" in result.output and f"{table}:8: fatalities" in result.output
    store = tmp_path / "store"
    result = invoke("build", "--data", str(data_copy), "--store", str(store))
    assert result.exit_code == 0, result.output
    gen = ox.Store.read_only(str(store / read_manifest(store).generation))  # type: ignore[union-attr]
    ids = {r["e"] for r in ask(gen, "SELECT ?e WHERE { ?c prov:wasDerivedFrom <" + NS + "source/acled-t> . "
                                    "GRAPH ?c { ?e kg:date ?d } }")}
    assert ids == {f"{NS}id/acled-t-irq9000{i}" for i in (1, 2, 3, 4)}


def test_a_table_changed_after_import_fails_the_build_and_keeps_the_store(
        imported: tuple[Path, Path, ox.Store], tmp_path: Path) -> None:
    table, data, _ = imported
    store = tmp_path / "store"
    before = read_manifest(store)
    table.write_text(table.read_text().replace("Invented Wire", "Edited Wire"))
    (data / "entities" / "actors.yaml").touch()
    result = invoke("build", "--data", str(data), "--store", str(store))
    assert result.exit_code == 1
    assert f"{table} has changed since it was imported (its SHA-256 differs)" in result.output
    assert read_manifest(store) == before


def test_a_file_that_is_not_an_acled_table_is_refused(tmp_path: Path, data_copy: Path) -> None:
    other = tmp_path / "other.csv"
    other.write_text("name,value\nx,1\n")
    result = invoke("import", "acled", str(other), "--data", str(data_copy))
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: 1 problem in the data:\n  {other}:1: not an ACLED table: no column "
                                    "event_id_cnty, event_date, event_type, actor1")
    missing = invoke("import", "acled", str(tmp_path / "nope.csv"), "--data", str(data_copy))
    assert missing.exit_code == 1 and f"Error: {tmp_path / 'nope.csv'}: no such file" in missing.output
