"""Claims against the seed reports: hashes, spans, and that each span names what its claim is about."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from kg import services
from kg.cli import cli
from kg.kb.sources import read_text


def test_every_claim_is_verified_against_the_seed_reports(seeds_dir: Path) -> None:
    n = len(services.load().claims)
    result = CliRunner().invoke(cli, ["sources", "verify", str(seeds_dir)])
    assert result.exit_code == 0, result.output
    assert f"6 sources, {n} of {n} claims verified" in result.output


def test_a_changed_report_text_fails_its_hash(tmp_path: Path, seeds_dir: Path) -> None:
    texts = Path(shutil.copytree(seeds_dir, tmp_path / "texts"))
    target = texts / "002_a9f3002281662087.txt"
    target.write_text(read_text(target).replace("Tuesday", "Wednesday", 1), encoding="utf-8")
    result = CliRunner().invoke(cli, ["sources", "verify", str(texts)])
    assert result.exit_code == 1
    assert "wire-2024-01-23: SHA-256 is" in result.output
    assert "5 sources" in result.output


def test_a_span_that_does_not_name_its_subject_fails(seeds_dir: Path, data_copy: Path) -> None:
    claims = data_copy / "claims" / "wire-2024-01-23.yaml"
    text = claims.read_text(encoding="utf-8")
    # Point the claim that KH is in the Islamic Resistance at the report's dateline instead.
    start = text.index("id: kh-in-iri")
    span_at = text.index("span:", start)
    end_of_line = text.index("\n", span_at)
    claims.write_text(text[:span_at] + "span: [0, 40]" + text[end_of_line:], encoding="utf-8")
    result = CliRunner().invoke(cli, ["sources", "verify", str(seeds_dir), "--data", str(data_copy)])
    assert result.exit_code == 1
    assert "wire-2024-01-23/kh-in-iri: span [0, 40] names none of the names of" in result.output


def test_a_missing_text_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["sources", "verify", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert "no such directory" in result.output


def test_locate_prints_offsets_that_slice_back_to_the_phrase(seeds_dir: Path) -> None:
    path = seeds_dir / "002_a9f3002281662087.txt"
    result = CliRunner().invoke(cli, ["sources", "locate", str(path), "Kataib Hezbollah"])
    assert result.exit_code == 0, result.output
    text = read_text(path)
    spans = [tuple(int(x) for x in line.strip("[]").split(", ")) for line in result.output.splitlines()]
    assert len(spans) >= 3
    assert all(text[a:b] == "Kataib Hezbollah" for a, b in spans)


def test_locate_says_when_a_phrase_is_absent(seeds_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["sources", "locate", str(seeds_dir / "002_a9f3002281662087.txt"), "Atlantis"])
    assert result.exit_code == 1
    assert "does not occur" in result.output
