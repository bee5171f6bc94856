"""The files a build reads, and how a store tells cheaply whether they have changed.

One listing serves the loader and the freshness check, so they never disagree about what the inputs
are. Editor leftovers (`.#x.yaml` lock links, `.x.yaml.swp`, `x.yaml~` backups) are not inputs.
Anything else named *.yaml in the places the loader reads is one, whatever it is: the loader reports a
FIFO, a directory or a dangling link there as a problem instead of hanging on it or skipping it.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from kg import __version__
from kg.errors import DataError

MAX_BYTES = 512 * 1024 * 1024


def is_editor_leftover(name: str) -> bool:
    return name.startswith((".", "#")) or name.endswith("~")


def yaml_files(folder: Path) -> list[Path]:
    """The *.yaml entries of a folder, sorted, editor leftovers left out (none if it is not a folder)."""
    try:
        names = os.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return []
    return [folder / n for n in sorted(names) if n.endswith(".yaml") and not is_editor_leftover(n)]


def input_files(data_dir: Path, ontology_dir: Path) -> list[Path]:
    """Every file a build of data_dir reads, ontology included."""
    files = [*yaml_files(data_dir / "entities"), data_dir / "sources.yaml", *yaml_files(data_dir / "claims")]
    files += [data_dir / "datasets.yaml", ontology_dir / "kg.ttl", ontology_dir / "shapes.ttl"]
    return files


def regular_file(path: Path) -> bool:
    """A regular file (following links): safe to open without blocking (a FIFO would block)."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def stat_signature(files: list[Path]) -> str:
    """A hash of each input's path, type, size and modification time: a stat per file, no reading."""
    h = hashlib.sha256(__version__.encode())
    for path in files:
        try:
            st = os.stat(path)
            h.update(f"{path}\0{stat.S_IFMT(st.st_mode)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
        except OSError:
            h.update(f"{path}\0-\n".encode())
    return h.hexdigest()


def content_fingerprint(files: list[Path], bases: tuple[Path, ...]) -> str:
    """A hash of each regular input's name (relative to its base) and bytes."""
    h = hashlib.sha256(__version__.encode())
    for path in files:
        if not regular_file(path):
            continue
        rel = next((str(path.relative_to(b)) for b in bases if path.is_relative_to(b)), path.name)
        try:
            h.update(rel.encode() + b"\0" + path.read_bytes() + b"\0")
        except OSError:
            h.update(rel.encode() + b"\0-\0")
    return h.hexdigest()


def read_text_file(path: Path, limit: int = MAX_BYTES) -> str:
    """A UTF-8 text file's contents, refusing (with DataError) what is not a readable regular file.

    Checked before opening: opening a FIFO blocks, and /dev/zero never ends. Line ends are kept as they
    are (\\r\\n stays two characters), so offsets match the bytes a source's hash covers.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if path.is_symlink():
            raise DataError([f"{path}: a link to a file that does not exist"]) from None
        raise DataError([f"{path}: no such file"]) from None
    except OSError as ex:  # a link loop, a name too long, a permission problem on the way
        raise DataError([f"{path}: cannot be read ({ex.strerror or ex})"]) from None
    if stat.S_ISDIR(st.st_mode):
        raise DataError([f"{path}: a directory, not a file"])
    if not stat.S_ISREG(st.st_mode):
        raise DataError([f"{path}: not a regular file (a FIFO, socket or device); kg reads only files"])
    if st.st_size > limit:
        raise DataError([f"{path}: {st.st_size} bytes, larger than kg reads ({limit} bytes)"])
    try:
        data = path.read_bytes()
    except OSError as ex:
        raise DataError([f"{path}: cannot be read ({ex.strerror or ex})"]) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as ex:
        line = data[: ex.start].count(b"\n") + 1
        raise DataError([f"{path}:{line}: not UTF-8 text ({ex.reason} at byte {ex.start})"]) from None
