"""`kg init`: a knowledge base of the user's own, made their default."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from kg import config
from kg.errors import UsageError
from kg.files import write_output
from kg.services.build import BuildReport, build
from kg.store import Location

EMPTY_SOURCES = "# Sources: see README.md in the bundled data for the fields.\n[]\n"


def init_kb(target: Path, empty: bool = False, store: Location | None = None) -> BuildReport:
    """Create target as a copy of the bundled knowledge base (or an empty one), record it as this
    user's default data, and build the default store from it. Never writes into an existing folder
    that has anything in it."""
    target = target.expanduser().resolve()
    created = not target.exists()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise UsageError(f"{target} already exists and is not an empty folder: kg init never overwrites")
    bundled = config.bundled_data_dir()
    if empty:
        for sub in ("entities", "claims", "texts"):
            (target / sub).mkdir(parents=True, exist_ok=True)
        (target / "sources.yaml").write_text(EMPTY_SOURCES, encoding="utf-8")
        (target / "entities" / "entities.yaml").write_text("# Entities: see README.md.\n[]\n", encoding="utf-8")
        shutil.copy2(bundled / "README.md", target / "README.md")
    else:
        shutil.copytree(bundled, target, dirs_exist_ok=True)
    try:
        report = build(target, store)
    except BaseException:
        if created:
            shutil.rmtree(target, ignore_errors=True)  # ours, made just now: leave nothing half-done
        raise
    settings = config.user_config()
    settings.parent.mkdir(parents=True, exist_ok=True)
    write_output(settings, lambda f: f.write(json.dumps({"data": str(target)}, indent=2).encode("utf-8")))
    return report
