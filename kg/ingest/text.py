"""Read a report file as text, refusing what cannot be a report: empty, binary, huge or not UTF-8."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KGError

MAX_BYTES = 5_000_000  # a long report is ~100 kB; anything this size is a dump, not one report


class IngestError(KGError):
    """A report or draft that cannot be ingested or accepted; the message names the file."""


@dataclass(frozen=True)
class Report:
    path: Path
    text: str
    sha256: str


def read_report(path: Path) -> Report:
    if not path.exists():
        raise IngestError(f"{path}: no such file")
    if not path.is_file():  # a FIFO or device would hang or never end: refuse before opening
        raise IngestError(f"{path}: not a regular file")
    size = path.stat().st_size
    if size == 0:
        raise IngestError(f"{path}: the file is empty")
    if size > MAX_BYTES:
        raise IngestError(f"{path}: {size / 1e6:.1f} MB is too large for one report "
                          f"(the limit is {MAX_BYTES / 1e6:.0f} MB)")
    raw = path.read_bytes()
    if b"\x00" in raw:
        raise IngestError(f"{path}: a binary file, not a text report")
    try:
        text = raw.decode("utf-8")  # offsets count characters of exactly these bytes, \r\n included
    except UnicodeDecodeError as ex:
        raise IngestError(f"{path}: not UTF-8 text ({ex.reason} at byte {ex.start}); "
                          "convert it first, e.g. iconv -t UTF-8") from None
    if not text.strip():
        raise IngestError(f"{path}: the file holds only white space")
    if any(ord(c) < 32 and c not in "\n\r\t\f" for c in text):
        raise IngestError(f"{path}: contains control characters; not a plain-text report")
    return Report(path, text, hashlib.sha256(raw).hexdigest())
