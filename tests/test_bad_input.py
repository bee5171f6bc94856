"""Bad data: each mistake gets an error naming file, line and reason, and the store keeps answering."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import services
from kg.store import local as store_module
from kg.cli import cli
from kg.store import open_dataset, read_manifest
from kg.store.directory import read_ledger

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _claims(data: Path) -> Path:
    return data / "claims" / "wire-2024-01-23.yaml"


def malformed_yaml(data: Path) -> None:
    with _claims(data).open("a", encoding="utf-8") as f:
        f.write("  - id: [unclosed\n    subject: x\n")


def unknown_entity(data: Path) -> None:
    _edit(_claims(data), "subject: kataib-hezbollah", "subject: kataib-hezbolah")


def unknown_property(data: Path) -> None:
    _edit(_claims(data), "memberOf:", "memberof:")


def duplicate_id(data: Path) -> None:
    with (data / "entities" / "weapons.yaml").open("a", encoding="utf-8") as f:
        f.write("- id: kataib-hezbollah\n  class: ArmedGroup\n  label: Another KH\n")


def bad_date(data: Path) -> None:
    _edit(data / "claims" / "national-2024-01-21.yaml", "date: 2023-12", "date: 2023-13")


def span_outside_source(data: Path) -> None:
    text = _claims(data).read_text(encoding="utf-8")
    first_span = re.search(r"span: \[\d+, \d+\]", text).group(0)  # type: ignore[union-attr]
    _edit(_claims(data), first_span, "span: [4000, 99999]")


def missing_source(data: Path) -> None:
    _edit(_claims(data), "source: wire-2024-01-23", "source: wire-2024-01-32")


def empty_claims_file(data: Path) -> None:
    _claims(data).write_text("", encoding="utf-8")


CASES: list[tuple[Callable[[Path], None], str, list[str]]] = [
    (malformed_yaml, "wire-2024-01-23.yaml", ["malformed YAML"]),
    (unknown_entity, "wire-2024-01-23.yaml", ["unknown entity 'kataib-hezbolah'", "did you mean 'kataib-hezbollah'"]),
    (unknown_property, "wire-2024-01-23.yaml", ["unknown property 'memberof'", "'memberOf'"]),
    (duplicate_id, "weapons.yaml", ["entity 'kataib-hezbollah'", "duplicate id", "actors.yaml:"]),
    (bad_date, "national-2024-01-21.yaml", ["bad date '2023-13'"]),
    (span_outside_source, "wire-2024-01-23.yaml", ["span [4000, 99999] lies outside source 'wire-2024-01-23'"]),
    (missing_source, "wire-2024-01-23.yaml", ["source 'wire-2024-01-32' is not in sources.yaml",
                                              "did you mean 'wire-2024-01-23'"]),
    (empty_claims_file, "wire-2024-01-23.yaml", ["expected a mapping with 'source:' and a list under 'claims:'"]),
]


@pytest.mark.parametrize(("breaks", "file", "expected"), CASES, ids=[c[0].__name__ for c in CASES])
def test_bad_data_is_rejected_with_file_line_and_reason_and_the_store_still_answers(
    tmp_path: Path, data_copy: Path, breaks: Callable[[Path], None], file: str, expected: list[str],
) -> None:
    store = tmp_path / "store"
    services.build(data_copy, store)
    before = read_manifest(store)
    answers_before = int(next(iter(open_dataset(store).query(COUNT)))[0])

    breaks(data_copy)
    result = CliRunner().invoke(cli, ["build", "--data", str(data_copy), "--store", str(store)])

    assert result.exit_code == 1
    assert result.output.startswith("Error: ")
    assert "Traceback" not in result.output
    line = next(l for l in result.output.splitlines() if file in l)
    assert re.search(re.escape(file) + r"(:\d+)?:", line), line
    for fragment in expected:
        assert fragment in result.output
    assert read_manifest(store) == before
    assert int(next(iter(open_dataset(store).query(COUNT)))[0]) == answers_before


def test_a_build_interrupted_while_loading_leaves_the_previous_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    store = tmp_path / "store"
    services.build(store=store)
    before = read_manifest(store)

    def interrupted(*args: object, **kwargs: object) -> bytes:
        raise KeyboardInterrupt  # as if the user pressed Ctrl-C half way through the load

    monkeypatch.setattr(store_module.ox, "serialize", interrupted)
    with pytest.raises(KeyboardInterrupt):
        services.build(store=store)
    monkeypatch.undo()

    assert read_manifest(store) == before
    assert not list(store.glob(".building-*"))
    assert int(next(iter(open_dataset(store).query(COUNT)))[0]) > 2000


def test_a_killed_build_leaves_only_a_scratch_folder_that_the_next_build_removes(tmp_path: Path) -> None:
    store = tmp_path / "store"
    services.build(store=store)
    before = read_manifest(store)
    scratch = store / ".building-gen-killed"
    ledger = read_ledger(store)
    assert ledger is not None
    ledger.add(scratch.name)  # what `kill -9` during a load leaves: a ledger entry and a half-written folder
    scratch.mkdir()
    (scratch / "000001.sst").write_bytes(b"half-written")

    assert int(next(iter(open_dataset(store).query(COUNT)))[0]) > 2000
    services.build(store=store)
    assert not scratch.exists()
    after = read_manifest(store)
    assert after is not None and before is not None and after.generation != before.generation


def test_a_missing_data_directory_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["build", "--data", str(tmp_path / "nope"), "--store", str(tmp_path / "s")])
    assert result.exit_code == 1
    assert "no such data directory" in result.output
