"""Setting kg up: `kg init` (a knowledge base of your own) and shell completion of entity names."""

from __future__ import annotations

from pathlib import Path

import click
from click.shell_completion import CompletionItem

from kg import services
from kg.cli import STORE, _built, cli


def complete_entity(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Entity ids and labels starting with what was typed (any case), for the shell's TAB."""
    try:
        from kg.kb.names import normalize

        g = services.open_graph(ctx.params.get("store"))
        typed = normalize(incomplete)
        out = []
        for e in sorted(g.names.entities.values(), key=lambda e: e.label):
            for name in (e.id, e.label):
                if normalize(name).startswith(typed) or name.lower().startswith(incomplete.lower()):
                    out.append(CompletionItem(name, help=f"{e.label} ({e.cls})"))
        return out[:200]
    except Exception:  # completion must never print a traceback into the user's shell
        return []


@cli.command()
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False))
@click.option("--empty", is_flag=True, help="Start from an empty knowledge base, not a copy of the bundled one.")
@STORE
def init(directory: Path, empty: bool, store: Path | None) -> None:
    """Create your own knowledge base in DIRECTORY and make it your default.

    Copies the bundled knowledge base there (or starts an empty one with --empty), records it in
    ~/.config/kg/config.json so every command uses it, and builds the store from it. Edit the YAML in
    DIRECTORY; the next command rebuilds. DIRECTORY must not exist or be empty: nothing is overwritten.
    KG_DATA or --data still choose another knowledge base for one command.

    \b
    Examples:
      kg init ~/kg-data
      kg init ./my-kb --empty
    """
    report = services.init_kb(directory, empty, store)
    click.echo(f"Created {report.manifest.data_dir}; it is now your default knowledge base.")
    _built(report)
