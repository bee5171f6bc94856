"""Writing output files: all or nothing, and a clear error when the path cannot be written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from kg.errors import KGError


def write_atomically(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """Write through a .partial file renamed into place, so a reader never sees half a file."""
    partial = path.with_name(path.name + ".partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with partial.open("wb") as out:
            write(out)
        partial.replace(path)
    except OSError as ex:
        if partial.parent.is_dir():
            partial.unlink(missing_ok=True)
        raise KGError(f"cannot write {path}: {ex.strerror or ex}") from None
