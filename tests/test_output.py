"""What the query commands print: 80-column tables that split no word, flat CSV and NDJSON, and no
control character from the data reaching the terminal raw."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result
from rich.cells import cell_len

from kg.cli import cli
from kg.cli.render import output_options, render, say

HOSTILE = "Evil\x1b[2J\x1b]0;pwned\x07 Group\x9b31m\u202egnp.exe"


def kg(store: Path, *args: str, width: int = 80) -> Result:
    return CliRunner(env={"COLUMNS": str(width)}).invoke(cli, [*args, "--store", str(store)])


def words(text: str) -> set[str]:
    return set(text.split())


@pytest.mark.parametrize("args", [
    ("backs", "Iran"), ("events", "--type", "strike", "--target", "Kataib Hezbollah"), ("timeline",),
    ("query", "who_backs", "--param", "group=Nujaba"), ("who-backs", "Kataib Hezbollah"), ("show", "Iran"),
    ("stats",), ("members", "Islamic Resistance in Iraq"),
])
def test_tables_fit_80_columns_and_split_no_word(built_store: Path, args: tuple[str, ...]) -> None:
    table = kg(built_store, *args)
    assert table.exit_code == 0, table.output
    assert all(cell_len(line.rstrip()) <= 80 for line in table.stdout.splitlines()), table.stdout
    data = kg(built_store, *args, "--format", "json")
    shown = words(table.stdout)
    for entity in _entities(json.loads(data.stdout)):
        # an entity shows whole: by its id (query rows), or by every word of its label
        assert entity["id"] in shown or all(w in shown or any(w in s for s in shown) for w in entity["label"].split()), \
            f"{entity} split"


def _entities(value: object) -> list[dict]:
    """Every entity in a JSON answer (not the sources' titles, which tables summarise)."""
    skip = ("sources", "asserted_by", "ordered_by", "condemned_by", "links", "weakest_link")
    if isinstance(value, dict):
        found = [value] if {"id", "label", "class"} <= value.keys() else []
        return found + [x for k, v in value.items() if k not in skip for x in _entities(v)]
    if isinstance(value, list):
        return [x for v in value for x in _entities(v)]
    return []


def test_backs_iran_is_short_and_sources_are_summarised_unless_asked(built_store: Path) -> None:
    summary = kg(built_store, "backs", "Iran")
    assert summary.exit_code == 0
    assert len(summary.stdout.splitlines()) <= 20  # six rows, was 60 lines
    full = kg(built_store, "backs", "Iran", "--sources")
    assert "attributed by Behnam Ben Taleblu" in " ".join(full.stdout.split())
    assert "attributed by" not in summary.stdout


def test_explain_never_wraps_claim_ids(built_store: Path) -> None:
    records = json.loads(kg(built_store, "who-backs", "Nujaba", "--format", "json").stdout)
    claims = {s["claim"] for r in records for s in r["sources"]}
    out = kg(built_store, "who-backs", "Nujaba", "--explain", width=40).stdout
    assert claims and all(f"claim {c}" in out for c in claims)


def test_show_csv_is_flat_one_row_per_relation_and_source(built_store: Path) -> None:
    card = json.loads(kg(built_store, "show", "Iran", "--format", "json").stdout)[0]
    out = kg(built_store, "show", "Iran", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert len(rows) == sum(len(r["sources"]) for r in card["relations"])
    assert {"subject_id", "subject_label", "predicate", "object_id", "object_label", "source_id",
            "source_publisher", "stance", "claim"} <= rows[0].keys()
    first = card["relations"][0]
    assert (rows[0]["subject_id"], rows[0]["subject_label"], rows[0]["claim"]) == (
        first["subject"]["id"], first["subject"]["label"], first["sources"][0]["claim"])
    cells = [c for r in rows for c in r.values()]
    assert not any(c == "—" or c.startswith("{") or c.startswith("[") for c in cells)


def test_ndjson_has_the_csv_rows_as_objects(built_store: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(kg(built_store, "events", "--format", "csv").stdout)))
    objects = [json.loads(line) for line in kg(built_store, "events", "--format", "ndjson").stdout.splitlines()]
    assert len(objects) == len(rows) > 26  # one per event and source
    assert [o["event_id"] for o in objects] == [r["event_id"] for r in rows]
    strike = next(o for o in objects if o["event_id"] == "strike-2024-01-23-kh-facilities")
    assert "kataib-hezbollah" in strike["targets_ids"].split("; ") and strike["type"] == "strike"
    undated_killed = next(r for r in rows if not r["killed"])
    assert undated_killed["killed"] == ""  # empty, not 0 or a dash


def _echo_records(records: list[dict]) -> click.Command:
    @click.command()
    @output_options
    def show(fmt: str) -> None:
        say(f"Using {HOSTILE}")
        render(records, fmt, [("Name", lambda r: r["entity"]), ("Note", lambda r: r["note"])])
    return show


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "ndjson"])
def test_no_control_character_from_the_data_reaches_the_terminal(fmt: str) -> None:
    records = [{"entity": {"id": "evil", "label": HOSTILE, "class": "ArmedGroup"}, "note": HOSTILE * 3}]
    result = CliRunner(env={"COLUMNS": "80"}).invoke(_echo_records(records), ["--format", fmt])
    assert result.exit_code == 0, result.output
    for stream in (result.stdout, result.stderr):
        assert not any(c in stream for c in "\x1b\x07\x9b\u202e"), repr(stream)
    if fmt == "json":
        assert json.loads(result.stdout)[0]["entity"]["label"] == HOSTILE
    elif fmt == "ndjson":
        assert json.loads(result.stdout)["entity_label"] == HOSTILE
    else:
        assert "\\x1b[2J" in result.stdout
    assert "\\x1b]0;pwned\\x07" in result.stderr


def test_type_is_case_insensitive_and_an_empty_window_is_a_usage_error(built_store: Path) -> None:
    upper = kg(built_store, "events", "--type", "Strike", "--format", "json")
    lower = kg(built_store, "events", "--type", "strike", "--format", "json")
    assert upper.exit_code == 0 and upper.stdout == lower.stdout and json.loads(upper.stdout)
    backwards = kg(built_store, "events", "--since", "2025", "--until", "2019")
    assert backwards.exit_code == 2
    assert backwards.stderr == "Error: --since 2025 is after --until 2019: the window is empty\n"
    assert kg(built_store, "timeline", "--since", "2025", "--until", "2019").exit_code == 2


def test_timeline_since_until(built_store: Path) -> None:
    every = json.loads(kg(built_store, "timeline", "--format", "json").stdout)
    window = json.loads(kg(built_store, "timeline", "--since", "2024-01", "--until", "2024-01",
                           "--format", "json").stdout)
    assert 0 < len(window) < len(every)
    assert all(any(d["date"].startswith("2024-01") for d in ev["dates"]) for ev in window)
    assert len(window) == sum(1 for ev in every if any(d["date"].startswith("2024-01") for d in ev["dates"]))


@pytest.mark.parametrize("suffix,magic", [(".svg", b"<svg"), (".pdf", b"%PDF"), (".png", b"\x89PNG")])
def test_timeline_plot_honours_the_suffix(built_store: Path, tmp_path: Path, suffix: str, magic: bytes) -> None:
    out = tmp_path / f"t{suffix}"
    result = kg(built_store, "timeline", "--plot", str(out))
    assert result.exit_code == 0, result.output
    head = out.read_bytes()[:400]
    assert magic in head


def test_timeline_plot_refuses_an_unknown_suffix(built_store: Path, tmp_path: Path) -> None:
    result = kg(built_store, "timeline", "--plot", str(tmp_path / "t.gif"))
    assert result.exit_code == 2 and "give a file ending in .png, .svg or .pdf" in result.stderr
    assert not (tmp_path / "t.gif").exists()


def test_search_scores_rank_the_closest_name_first(built_store: Path) -> None:
    hits = json.loads(kg(built_store, "search", "hezbollah", "--format", "json").stdout)
    assert len({h["score"] for h in hits}) > 1
    nujaba = json.loads(kg(built_store, "search", "Nujaba", "--format", "json").stdout)
    assert nujaba[0]["entity"]["id"] == "harakat-hezbollah-al-nujaba"
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
