"""Writing output files: regular files all or nothing, special files by streaming, and clear errors.

A regular file (or a new one) is written to a temporary file beside it and renamed into place, so a
reader never sees half a file and a failed write leaves the old one. Anything else that already exists
at the path (a device such as /dev/null, a FIFO, a terminal) is written to directly: renaming over it
would replace the device node itself. `-` means standard output. A symbolic link is followed: the file
it points to is replaced, the link stays.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from kg.errors import KGError, UsageError

STDOUT = "-"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _describe(path: Path | str) -> str:
    text = str(path)
    return text if len(text) <= 120 else text[:60] + "…" + text[-40:]


def write_output(path: Path | str, write: Callable[[BinaryIO], None]) -> None:
    """Write through `write(binary_file)` to path: atomically for a regular file, streamed otherwise."""
    if str(path) == "":
        raise UsageError("the output file name is empty (use - for standard output)")
    if str(path) == STDOUT:
        write(sys.stdout.buffer)
        sys.stdout.buffer.flush()
        return
    target = Path(path)
    try:
        target = target.resolve()  # follow a link to the file it names
        mode = os.stat(target).st_mode if target.exists() else None
        if mode is not None and stat.S_ISDIR(mode):
            raise KGError(f"cannot write {_describe(path)}: it is a directory")
        if mode is not None and not stat.S_ISREG(mode):
            with open(target, "wb") as out:  # a device, FIFO or terminal: stream into it
                write(out)
            return
        _write_regular(target, write, mode)
    except OSError as ex:
        raise KGError(f"cannot write {_describe(path)}: {ex.strerror or ex}") from None


def _write_regular(target: Path, write: Callable[[BinaryIO], None], mode: int | None) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name[:80]}.", suffix=".partial")
    partial = Path(name)
    try:
        with os.fdopen(fd, "wb") as out:
            write(out)
        os.chmod(partial, stat.S_IMODE(mode) if mode is not None else 0o666 & ~_umask())
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise

