"""kg ingest and kg ingest accept on bad input: one line naming the file, exit non-zero, data/ untouched."""

from __future__ import annotations

import filecmp
import os
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from kg.cli import cli

REPORT = Path(__file__).parent / "reports" / "ghadab.txt"


def kg(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def snapshot(data: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(data, tmp_path / "before"))


def unchanged(before: Path, after: Path) -> bool:
    cmp = filecmp.dircmp(before, after, ignore=["drafts"])
    def same(c: filecmp.dircmp) -> bool:
        return not (c.left_only or c.right_only or c.diff_files) and all(same(s) for s in c.subdirs.values())
    return same(cmp)


def one_line_error(result: Result, *words: str) -> None:
    assert result.exit_code != 0
    lines = result.output.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    assert "Traceback" not in result.output
    for w in words:
        assert w in lines[0], lines[0]


@pytest.fixture(autouse=True)
def _texts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_TEXTS", str(tmp_path / "texts"))


@pytest.mark.parametrize(("name", "content", "words"), [
    ("empty.txt", b"", ["empty.txt", "empty"]),
    ("blank.txt", b"  \n\n ", ["blank.txt", "white space"]),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ["binary.txt", "binary"]),
    ("latin1.txt", "Rapport sur l'attaque à Bagdad, publié le 3 mars 2024.".encode("latin-1"),
     ["latin1.txt", "not UTF-8"]),
    ("undated.txt", b"A report with no date at all\n\nMilitants fired rockets at a base, officials said.\n",
     ["undated.txt", "no publication date", "--date"]),
])
def test_bad_reports_are_refused(tmp_path: Path, data_copy: Path, name: str, content: bytes, words: list[str]) -> None:
    before = snapshot(data_copy, tmp_path)
    path = tmp_path / name
    path.write_bytes(content)
    one_line_error(kg("ingest", str(path), "--data", str(data_copy)), *words)
    assert unchanged(before, data_copy) and not (data_copy / "drafts").exists()


def test_a_50_mb_file_is_refused_without_reading_it(tmp_path: Path, data_copy: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(50_000_000)
    one_line_error(kg("ingest", str(path), "--data", str(data_copy)), "huge.txt", "too large")


def test_a_fifo_or_missing_file_is_refused_before_opening(tmp_path: Path, data_copy: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    one_line_error(kg("ingest", str(fifo), "--data", str(data_copy)), "pipe.txt", "not a regular file")
    one_line_error(kg("ingest", str(tmp_path / "gone.txt"), "--data", str(data_copy)), "gone.txt", "no such file")


def test_a_mistyped_subcommand_is_named_and_a_file_of_that_name_is_still_a_report(
        tmp_path: Path, data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(data_copy, tmp_path)
    result = kg("ingest", "acept", "drafts/x.yaml", "--data", str(data_copy))
    assert result.exit_code == 2 and "'acept' (did you mean 'accept'?)" in result.output
    assert unchanged(before, data_copy)
    monkeypatch.chdir(tmp_path)  # a report that happens to be called "acept" is read as one
    shutil.copy(REPORT, tmp_path / "acept")
    assert kg("ingest", "acept", "--format", "json", "--data", str(data_copy)).exit_code == 0


def test_an_undated_report_can_be_given_its_date(tmp_path: Path, data_copy: Path) -> None:
    path = tmp_path / "undated.txt"
    path.write_bytes(b"A report with no date at all\n\nMilitants fired rockets at al-Asad Air Base on Monday.\n")
    result = kg("ingest", str(path), "--date", "2025-05-07", "--format", "json", "--data", str(data_copy))
    assert result.exit_code == 0, result.output
    assert '"published": "2025-05-07"' in result.output and '"date": "2025-05-05"' in result.output
    one_line_error(kg("ingest", str(path), "--date", "May 2025", "--data", str(data_copy)), "--date", "bad date")


def test_a_report_already_in_the_knowledge_base_is_refused(tmp_path: Path, data_copy: Path, seeds_dir: Path) -> None:
    before = snapshot(data_copy, tmp_path)
    seed = seeds_dir / "002_a9f3002281662087.txt"
    one_line_error(kg("ingest", str(seed), "--data", str(data_copy)), seed.name, "already ingested",
                   "wire-2024-01-23")
    assert unchanged(before, data_copy) and not (data_copy / "drafts").exists()


def _draft(data: Path) -> Path:
    assert kg("ingest", str(REPORT), "--data", str(data)).exit_code == 0
    return next((data / "drafts").glob("*.yaml"))


def test_a_draft_edited_into_invalid_yaml_is_refused(tmp_path: Path, data_copy: Path) -> None:
    draft = _draft(data_copy)
    before = snapshot(data_copy, tmp_path)
    draft.write_text(draft.read_text(encoding="utf-8").replace("review: pending", "review: [pending", 1))
    one_line_error(kg("ingest", "accept", str(draft), "--data", str(data_copy)), draft.name, "malformed YAML")
    assert unchanged(before, data_copy)


def test_a_new_entity_whose_id_clashes_is_refused(tmp_path: Path, data_copy: Path) -> None:
    draft = _draft(data_copy)
    doc = yaml.safe_load(draft.read_text(encoding="utf-8"))
    for e in doc["entities"]:
        if e["id"] == "liwa-thar-al-ghadab":
            e["id"] = "kataib-hezbollah"  # the analyst renames it onto an existing id
    for c in doc["claims"]:
        c["review"] = "accepted"
        if c["subject"] == "liwa-thar-al-ghadab":
            c["subject"] = "kataib-hezbollah"
    draft.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True))
    before = snapshot(data_copy, tmp_path)
    one_line_error(kg("ingest", "accept", str(draft), "--data", str(data_copy)), draft.name,
                   "'kataib-hezbollah' is marked new", "already has it")
    assert unchanged(before, data_copy)


def test_a_draft_that_breaks_the_knowledge_base_changes_nothing(tmp_path: Path, data_copy: Path) -> None:
    draft = _draft(data_copy)
    doc = yaml.safe_load(draft.read_text(encoding="utf-8"))
    for c in doc["claims"]:
        c["review"] = "accepted"
    doc["claims"][0]["facts"] = {"backedBy": "no-such-entity"}
    draft.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True))
    before = snapshot(data_copy, tmp_path)
    one_line_error(kg("ingest", "accept", str(draft), "--data", str(data_copy)), draft.name,
                   "does not check", "no-such-entity", "nothing written")
    assert unchanged(before, data_copy)
    # Accepting twice: the second time the source is already there.
    doc["claims"][0]["review"] = "rejected"
    draft.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True))
    assert kg("ingest", "accept", str(draft), "--data", str(data_copy)).exit_code == 0
    again = snapshot(data_copy, tmp_path / "again")
    one_line_error(kg("ingest", "accept", str(draft), "--data", str(data_copy)), "already in sources.yaml")
    assert unchanged(again, data_copy)


def test_kg_will_not_write_into_its_installed_package(tmp_path: Path, data_copy: Path) -> None:
    """In a wheel the default knowledge base lives in site-packages/kg/_bundled/data: not the analyst's to grow."""
    bundled = Path(shutil.copytree(data_copy, tmp_path / "site" / "kg" / "_bundled" / "data"))
    before = snapshot(bundled, tmp_path)
    one_line_error(kg("ingest", str(REPORT), "--data", str(bundled)), "installed kg package", "--data")
    assert unchanged(before, bundled) and not (bundled / "drafts").exists()
    assert kg("ingest", str(REPORT), "--format", "json", "--data", str(bundled)).exit_code == 0  # reading is fine
    # a report that is not there is named first: the --data advice would not help
    one_line_error(kg("ingest", str(tmp_path / "nope.txt"), "--data", str(bundled)), "nope.txt", "no such file")
