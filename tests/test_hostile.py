"""Hostile and careless input: each case ends in one clear `Error:` (or works), loses nothing, and
leaves the previous store answering with the same counts. Grouped by the class of failure it guards.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import config, services
from kg.cli import cli
from kg.store import open_dataset, read_manifest
from kg.store.directory import MARKER

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
WIRE = "claims/wire-2024-01-23.yaml"


def quads(store: Path) -> int:
    return int(next(iter(open_dataset(store).query(COUNT)))[0])


def kg(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    """kg in a real process, for what CliRunner cannot show: file descriptors, signals, limits."""
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=120,
                          **kwargs)  # type: ignore[call-overload]


@pytest.fixture(scope="module")
def previous(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """A store built from the bundled data, and its quad count: every failed build must leave both."""
    store = tmp_path_factory.mktemp("previous") / "store"
    services.build(store=store)
    return store, quads(store)


# --- data loss: the store directory -------------------------------------------------------------

def test_build_refuses_a_directory_that_is_not_a_store_and_touches_nothing_in_it(tmp_path: Path) -> None:
    work = tmp_path / "w"
    (work / "gen-notes").mkdir(parents=True)
    (work / "gen-notes" / "draft.txt").write_text("mine")
    (work / ".building-x").mkdir()
    before = sorted(p.name for p in work.rglob("*"))

    result = CliRunner().invoke(cli, ["build", "--store", str(work)])

    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {work} is not a kg store and is not empty")
    assert sorted(p.name for p in work.rglob("*")) == before
    assert (work / "gen-notes" / "draft.txt").read_text() == "mine"


def test_queries_refuse_a_directory_that_is_not_a_store(tmp_path: Path) -> None:
    (tmp_path / "w" / "notes").mkdir(parents=True)
    result = CliRunner().invoke(cli, ["who-backs", "Nujaba", "--store", str(tmp_path / "w")])
    assert result.exit_code == 1
    assert "is not a kg store" in result.output
    assert [p.name for p in (tmp_path / "w").iterdir()] == ["notes"]


def test_a_store_deletes_only_the_generations_it_made(tmp_path: Path) -> None:
    store = tmp_path / "store"
    services.build(store=store)
    (store / "gen-notes").mkdir()  # a user's folder that looks like ours
    (store / ".building-mine").mkdir()
    for _ in range(3):
        services.build(store=store)
    assert (store / "gen-notes").is_dir() and (store / ".building-mine").is_dir()
    ours = [p.name for p in store.glob("gen-*") if p.name != "gen-notes"]
    assert len(ours) == 2  # the live generation and the one before it, for readers that opened it


def test_a_file_is_not_a_store(tmp_path: Path) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("mine")
    result = CliRunner().invoke(cli, ["build", "--store", str(target)])
    assert result.exit_code == 2 or "is not a directory" in result.output
    assert target.read_text() == "mine"


def test_a_lost_manifest_is_an_error_and_kg_build_rebuilds_from_the_stores_own_data(
    tmp_path: Path, data_copy: Path,
) -> None:
    actors = data_copy / "entities" / "actors.yaml"
    actors.write_text(actors.read_text().replace("label: Iran\n", "label: Iran (own data)\n"))
    store = tmp_path / "store"
    services.build(data_copy, store)
    (store / "CURRENT").unlink()

    asked = CliRunner().invoke(cli, ["who-backs", "Nujaba", "--store", str(store)])
    assert asked.exit_code == 1
    assert "the store's manifest (CURRENT) is missing" in asked.output
    assert f"--data {data_copy}" in asked.output
    assert not (store / "CURRENT").exists()  # nothing rebuilt behind the user's back

    rebuilt = CliRunner().invoke(cli, ["build", "--store", str(store)])
    assert rebuilt.exit_code == 0, rebuilt.output
    assert f"from {data_copy}" in rebuilt.output
    answer = CliRunner().invoke(cli, ["who-backs", "Nujaba", "--store", str(store), "--format", "json"])
    assert "Iran (own data)" in answer.output


def test_a_store_built_from_a_relative_data_path_is_not_rebuilt_from_elsewhere(
    tmp_path: Path, data_copy: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    store = tmp_path / "store"
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(cli, ["build", "--data", "data", "--store", str(store)]).exit_code == 0
    manifest = read_manifest(store)
    assert manifest is not None and manifest.data_dir == str(data_copy)
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "data").mkdir(parents=True)  # another, empty, data/ where the relative path now points
    monkeypatch.chdir(elsewhere)
    result = CliRunner().invoke(cli, ["who-backs", "Nujaba", "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert read_manifest(store) == manifest


def test_a_corrupt_manifest_is_reported_and_kg_build_recovers_without_orphans(tmp_path: Path) -> None:
    store = tmp_path / "store"
    services.build(store=store)
    (store / "CURRENT").write_text("{not json")
    asked = CliRunner().invoke(cli, ["who-backs", "Nujaba", "--store", str(store)])
    assert asked.exit_code == 1 and "unreadable store manifest" in asked.output
    for _ in range(3):
        result = CliRunner().invoke(cli, ["build", "--store", str(store)])
        assert result.exit_code == 0, result.output
    assert len(list(store.glob("gen-*"))) == 2
    assert quads(store) > 2000


def test_a_corrupt_store_database_is_an_error_and_kg_build_replaces_it(tmp_path: Path) -> None:
    store = tmp_path / "store"
    services.build(store=store)
    live = store / read_manifest(store).generation  # type: ignore[union-attr]
    for f in live.iterdir():
        if f.is_file():
            f.write_bytes(b"\0garbage")
    asked = CliRunner().invoke(cli, ["who-backs", "Nujaba", "--store", str(store)])
    assert asked.exit_code == 1 and asked.output.startswith("Error: ") and "Traceback" not in asked.output
    assert CliRunner().invoke(cli, ["build", "--store", str(store)]).exit_code == 0
    assert quads(store) > 2000


@pytest.mark.skipif(os.name != "posix", reason="file size limits are POSIX")
def test_a_full_disk_during_a_build_leaves_the_previous_store(tmp_path: Path) -> None:
    store = tmp_path / "store"
    services.build(store=store)
    before = read_manifest(store)

    def small_disk() -> None:  # every write past 64 kB fails as on a full disk (EFBIG instead of ENOSPC)
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (64_000, 64_000))

    result = kg("build", "--store", str(store), preexec_fn=small_disk)
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith(f"Error: cannot write the store at {store}")
    assert "the previous store is unchanged" in result.stderr and "Traceback" not in result.stderr
    assert read_manifest(store) == before
    assert not list(store.glob(".building-*"))
    assert quads(store) > 2000


# --- data loss: output files ----------------------------------------------------------------------

def test_output_into_a_fifo_is_streamed_not_replaced(tmp_path: Path, built_store: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = CliRunner().invoke(cli, ["export", "--format", "nq", "--store", str(built_store), "-o", str(fifo)])
    reader.join(timeout=30)
    assert result.exit_code == 0, result.output
    assert fifo.is_fifo()
    assert received and received[0].count(b"\n") > 2000


def test_output_through_a_link_replaces_the_file_and_keeps_the_link(tmp_path: Path, built_store: Path) -> None:
    real = tmp_path / "real.nq"
    real.write_text("old")
    os.chmod(real, 0o640)
    link = tmp_path / "link.nq"
    link.symlink_to(real)
    result = CliRunner().invoke(cli, ["export", "--format", "nq", "--store", str(built_store), "-o", str(link)])
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and real.read_text().count("\n") > 2000
    assert oct(real.stat().st_mode & 0o777) == oct(0o640)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []


@pytest.mark.parametrize(("output", "code", "message"), [
    ("", 2, "Error: the output file name is empty (use - for standard output)"),
    ("x" * 300 + ".nq", 1, "File name too long"),
    (".", 1, "it is a directory"),
], ids=["empty", "too-long", "directory"])
def test_bad_output_names_are_one_line_errors(
    tmp_path: Path, built_store: Path, monkeypatch: pytest.MonkeyPatch, output: str, code: int, message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["export", "--format", "nq", "--store", str(built_store), "-o", output])
    assert result.exit_code == code
    assert message in result.output and len(result.output.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_a_failed_export_keeps_the_existing_file(tmp_path: Path) -> None:
    out = tmp_path / "kg.nq"
    out.write_text("previous export")
    (tmp_path / "w" / "notes").mkdir(parents=True)
    result = CliRunner().invoke(cli, ["export", "--format", "nq", "--store", str(tmp_path / "w"), "-o", str(out)])
    assert result.exit_code == 1
    assert out.read_text() == "previous export"


def test_standard_output_full_closed_or_cut_short(built_store: Path) -> None:
    env = dict(os.environ, KG_STORE=str(built_store))
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "kg", "who-backs", "Nujaba"], stdout=full,
                                stderr=subprocess.PIPE, text=True, env=env, timeout=120)
    assert result.returncode == 1
    assert result.stderr.strip().endswith("Error: cannot write the output: No space left on device")

    closed = subprocess.run(f"{sys.executable} -m kg who-backs Nujaba >&-", shell=True, capture_output=True,
                            text=True, env=env, timeout=120)
    assert closed.returncode == 1 and closed.stderr.strip() == "Error: standard output is closed"

    cut = subprocess.run(f"{sys.executable} -m kg export --format nq | head -c 100 > /dev/null; "
                         "echo ${PIPESTATUS[0]}", shell=True, executable="/bin/bash", capture_output=True,
                         text=True, env=env, timeout=120)
    assert cut.stdout.strip() == "1"
    assert "Traceback" not in cut.stderr and "Exception" not in cut.stderr


# --- the knowledge base: every class of bad YAML --------------------------------------------------

def _replace(rel: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(data: Path) -> None:
        path = data / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture text {old!r} not in {rel}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return edit


# the line of the bundled data the lone-surrogate case edits, so the expected message follows the data
HAMAS_LINE = 1 + next(i for i, line in enumerate(
    (Path(__file__).parent.parent / "data" / "entities" / "actors.yaml").read_text(encoding="utf-8").splitlines())
    if line.strip() == "label: Hamas")


# _latin1 appends three lines to the bundled weapons.yaml; the bad byte is on the last of them
LATIN1_LINE = 3 + len((Path(__file__).parent.parent / "data" / "entities" / "weapons.yaml").read_text(
    encoding="utf-8").splitlines())


def _latin1(data: Path) -> None:
    with (data / "entities" / "weapons.yaml").open("ab") as f:
        f.write(b"- id: x\n  class: Weapon\n  label: caf\xe9\n")  # Latin-1, as an old editor might save it


def _alias_bomb(data: Path) -> None:
    rows = ["lol0: &a0 [x, x, x, x, x, x, x, x, x]"]
    rows += [f"lol{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 12)]
    (data / "entities" / "bomb.yaml").write_text("\n".join(rows) + "\n")


def _deep(data: Path) -> None:
    (data / "entities" / "deep.yaml").write_text("- id: deep\n  class: Weapon\n  label: " + "[" * 100_000 + "]" * 100_000 + "\n")


def _special(kind: str) -> Callable[[Path], None]:
    def make(data: Path) -> None:
        target = data / "claims" / "stray.yaml"
        if kind == "fifo":
            os.mkfifo(target)
        elif kind == "directory":
            target.mkdir()
        elif kind == "dangling":
            target.symlink_to(data / "nowhere.yaml")
        elif kind == "loop":
            target.symlink_to(target)
    return make


BAD_YAML: list[tuple[str, Callable[[Path], None], str, list[str]]] = [
    ("duplicate-key", _replace(WIRE, "    facts: {memberOf: islamic-resistance-in-iraq}",
                               "    facts:\n      memberOf: islamic-resistance-in-iraq\n      memberOf: iran"),
     WIRE, ["duplicate key 'memberOf' (first on line"]),
    ("alias-bomb", _alias_bomb, "bomb.yaml", ["anchors and aliases (&name, *name) are not allowed"]),
    ("deep-nesting", _deep, "deep.yaml", ["nested more than 50 levels deep"]),
    ("control-character", _replace("entities/actors.yaml", "label: Hamas", 'label: "Ha\\e]0;pwned\\amas"'),
     "actors.yaml", ["entry", "'hamas'", "label: expected one line of text", "control"]),
    ("raw-control-character", _replace("entities/actors.yaml", "label: Hamas", "label: Ha\x1bmas"),
     "actors.yaml", ["malformed YAML"]),
    ("lone-surrogate", _replace("entities/actors.yaml", "label: Hamas", 'label: "Ha\\ud800mas"'),
     "actors.yaml", [f"actors.yaml:{HAMAS_LINE}: malformed YAML: found invalid Unicode character escape code"]),
    ("string-for-list", _replace("entities/actors.yaml", "aliases: [Harakat al-Muqawama al-Islamiya]", "aliases: KH"),
     "actors.yaml", ["'hamas'", "aliases: expected a list of names ([a, b]), not 'KH'"]),
    ("null-label", _replace("entities/actors.yaml", "label: Hamas", "label: null"),
     "actors.yaml", ["'hamas'", "label: expected one line of text", "not nothing (null)"]),
    ("empty-label", _replace("entities/actors.yaml", "label: Hamas", "label: '  '"),
     "actors.yaml", ["'hamas'", "label: expected one line of text, not empty"]),
    ("map-for-string", _replace("entities/actors.yaml", "label: Hamas", "label: {en: Hamas}"),
     "actors.yaml", ["'hamas'", "label: expected one line of text", "not a mapping"]),
    ("yes-as-alias", _replace("entities/actors.yaml", "aliases: [Harakat al-Muqawama al-Islamiya]", "aliases: [yes]"),
     "actors.yaml", ["aliases[1]", "not true (YAML reads yes/no/on/off as true/false; quote it)"]),
    ("nan", _replace("claims/national-2024-01-21.yaml", "rangeKm: 250", "rangeKm: .nan"),
     "national-2024-01-21.yaml", ["rangeKm: expected a number, not nan"]),
    ("infinity", _replace("claims/national-2024-01-21.yaml", "rangeKm: 250", "rangeKm: .inf"),
     "national-2024-01-21.yaml", ["rangeKm: expected a number, not inf"]),
    ("impossible-date", _replace("claims/national-2024-01-21.yaml", "date: 2023-12", "date: 2024-02-30"),
     "national-2024-01-21.yaml", ["bad date '2024-02-30': day is out of range for month"]),
    ("year-zero", _replace("claims/national-2024-01-21.yaml", "date: 2023-12", "date: '0000'"),
     "national-2024-01-21.yaml", ["bad date '0000': there is no year 0"]),
    ("source-id-with-space", _replace("sources.yaml", "- id: brief-2024-01", "- id: brief 2024-01"),
     "sources.yaml", ["id: expected an id is lower-case letters, digits and hyphens"]),
    ("claim-id-with-hash", _replace(WIRE, "  - id: kh-in-iri", "  - id: kh#in<iri"),
     WIRE, ["id: expected an id is lower-case letters, digits and hyphens", "'kh#in<iri'"]),
    ("url-with-space", _replace("sources.yaml", "  language: en\n", "  language: en\n  url: http://example.org/a b\n"),
     "sources.yaml", ["url: expected an http(s) URL"]),
    ("language-tag", _replace("entities/actors.yaml", "names: {ar: حماس}", "names: {'ar x': حماس}"),
     "actors.yaml", ["names", "expected a BCP 47 language tag"]),
    ("fifo", _special("fifo"), "stray.yaml", ["not a regular file (a FIFO, socket or device)"]),
    ("directory", _special("directory"), "stray.yaml", ["a directory, not a file"]),
    ("dangling-link", _special("dangling"), "stray.yaml", ["a link to a file that does not exist"]),
    ("link-loop", _special("loop"), "stray.yaml", ["cannot be read"]),
    ("not-utf8", _latin1, "weapons.yaml", [f"weapons.yaml:{LATIN1_LINE}: not UTF-8 text"]),
    ("unknown-field", _replace("entities/actors.yaml", "label: Hamas", "lable: Hamas"),
     "actors.yaml", ["unknown field 'lable' (did you mean 'label'", "missing field label"]),
]


@pytest.mark.parametrize(("case", "breaks", "file", "expected"), BAD_YAML, ids=[c[0] for c in BAD_YAML])
def test_bad_yaml_is_one_clear_error_and_the_previous_store_answers(
    tmp_path: Path, previous: tuple[Path, int], case: str, breaks: Callable[[Path], None], file: str,
    expected: list[str],
) -> None:
    store, count = previous
    data = Path(shutil.copytree(config.data_dir(), tmp_path / "data"))
    breaks(data)
    before = read_manifest(store)

    result = kg("build", "--data", str(data), "--store", str(store))

    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("Error: ") and "Traceback" not in result.stderr
    line = next((l for l in result.stderr.splitlines() if file in l), "")
    assert line, result.stderr
    for fragment in expected:
        assert fragment in result.stderr, result.stderr
    assert read_manifest(store) == before
    assert quads(store) == count


def test_editor_leftovers_in_the_data_folder_are_not_inputs(tmp_path: Path, data_copy: Path) -> None:
    claims = data_copy / "claims"
    (claims / ".#wire-2024-01-23.yaml").symlink_to("root@host.1234:1700000000")  # an Emacs lock link
    (claims / "wire-2024-01-23.yaml~").write_text("- broken: [")
    (claims / ".wire-2024-01-23.yaml.swp").write_bytes(b"\0\1vim")
    result = CliRunner().invoke(cli, ["build", "--data", str(data_copy), "--store", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output


# --- reading files that are not text --------------------------------------------------------------

@pytest.mark.parametrize("target", ["fifo", "/dev/zero"])
def test_sources_locate_refuses_what_is_not_a_file(tmp_path: Path, target: str) -> None:
    path = Path(target)
    if target == "fifo":
        path = tmp_path / "report.txt"
        os.mkfifo(path)
    result = kg("sources", "locate", str(path), "al-Asad")
    assert result.returncode == 1
    assert result.stderr.strip() == f"Error: {path}: not a regular file (a FIFO, socket or device); kg reads only files"


def test_a_store_marker_is_written_by_every_build(tmp_path: Path) -> None:
    store = tmp_path / "s"
    services.build(store=store)
    assert (store / MARKER).is_file()


def test_a_made_up_name_is_not_taken_for_a_short_alias(built_store: Path) -> None:
    # "Atlantis" once resolved to the Islamic State through its alias "IS" (partial fuzzy matching).
    result = CliRunner().invoke(cli, ["who-backs", "Atlantis", "--store", str(built_store)])
    assert result.exit_code == 2
    assert result.output.startswith("Error: no entity called 'Atlantis'")
