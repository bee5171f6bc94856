"""The CLI as a whole: documented commands, the README, exit codes, and the layering rule."""

from __future__ import annotations

import re
from pathlib import Path

import click
from click.testing import CliRunner

from kg.cli import cli

REPO = Path(__file__).resolve().parent.parent


def _commands(group: click.Group, prefix: str = "") -> dict[str, click.Command]:
    found: dict[str, click.Command] = {}
    for name, cmd in group.commands.items():
        if isinstance(cmd, click.Group):
            found.update(_commands(cmd, f"{prefix}{name} "))
        else:
            found[f"{prefix}{name}"] = cmd
    return found


def test_every_command_has_help_with_an_example() -> None:
    for name, cmd in _commands(cli).items():
        result = CliRunner().invoke(cli, [*name.split(), "--help"])
        assert result.exit_code == 0, name
        assert cmd.help and "Example" in cmd.help, f"`kg {name}` has no worked example in its help"


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    missing = [n for n in _commands(cli) if not re.search(rf"`kg {re.escape(n)}\b", readme)]
    assert not missing, f"commands missing from README.md: {missing}"


def test_unknown_command_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["who-is"])
    assert result.exit_code == 2
    assert "No such command" in result.output


def test_only_the_cli_imports_click() -> None:
    offenders = [
        str(p.relative_to(REPO)) for p in (REPO / "kg").rglob("*.py")
        if "cli" not in p.relative_to(REPO / "kg").parts
        and re.search(r"^\s*(import click|from click)", p.read_text(encoding="utf-8"), re.M)
    ]
    assert not offenders


def test_an_unwritable_output_path_is_a_clear_error_not_a_traceback(built_store: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    for args in (["export", "--format", "csv", "-o", str(blocker / "events.csv")],
                 ["viz", "-o", str(blocker / "graph.html")],
                 ["timeline", "--plot", str(blocker / "timeline.png")]):
        result = CliRunner().invoke(cli, [*args, "--store", str(built_store)])
        assert result.exit_code == 1, args
        assert result.output.startswith("Error: cannot write") and "Traceback" not in result.output
