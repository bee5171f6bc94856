"""data/datasets.yaml: the event tables the knowledge base includes, registered rather than converted.

Each entry names a file (relative to the data directory, or absolute), its SHA-256 and row count at
import, and how to cite it. `kg build` reads the rows straight from the file; a file whose hash no
longer matches is an error, so the store never silently mixes two versions of a dataset.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kg.errors import DataError
from kg.kb.loader import parse_date, read_yaml
from kg.kb.model import Value

FILE = "datasets.yaml"
FORMATS = ("acled",)
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_KEYS = {"id", "format", "file", "sha256", "rows", "title", "publisher", "published", "skipped_lines"}
_REQUIRED = _KEYS - {"skipped_lines"}


@dataclass
class Dataset:
    id: str
    format: str
    file: str
    sha256: str
    rows: int
    title: str
    publisher: str
    published: Value
    skipped_lines: list[int] = field(default_factory=list)
    where: str = ""

    def path(self, data_dir: Path) -> Path:
        return data_dir / self.file if not Path(self.file).is_absolute() else Path(self.file)

    def entry(self) -> dict[str, Any]:
        raw: dict[str, Any] = {"id": self.id, "format": self.format, "file": self.file, "sha256": self.sha256,
                               "rows": self.rows, "title": self.title, "publisher": self.publisher,
                               "published": self.published.lexical}
        if self.skipped_lines:
            raw["skipped_lines"] = self.skipped_lines
        return raw


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def read_datasets(data_dir: Path) -> list[Dataset]:
    """The registered datasets (none when there is no datasets.yaml); DataError lists every problem."""
    path = data_dir / FILE
    if not path.is_file():
        return []
    doc = read_yaml(path)
    if doc is None:
        return []
    if not isinstance(doc, list):
        raise DataError([f"{path}: expected a list of datasets"])
    problems: list[str] = []
    found: dict[str, Dataset] = {}
    for i, item in enumerate(doc):
        where = f"{path}:{getattr(item, 'line', '?')}: dataset '{item.get('id', '?') if isinstance(item, dict) else i + 1}'"
        if not isinstance(item, dict):
            problems.append(f"{path}: entry {i + 1} is not a mapping")
            continue
        unknown, missing = sorted(set(map(str, item)) - _KEYS), sorted(_REQUIRED - set(map(str, item)))
        if unknown or missing:
            problems.append(f"{where}: " + "; ".join(
                ([f"unknown field {', '.join(unknown)}"] if unknown else [])
                + ([f"missing field {', '.join(missing)}"] if missing else [])))
            continue
        problem = _problem(item, found)
        if problem:
            problems.append(f"{where}: {problem}")
            continue
        found[item["id"]] = Dataset(
            id=item["id"], format=item["format"], file=str(item["file"]), sha256=item["sha256"],
            rows=item["rows"], title=str(item["title"]), publisher=str(item["publisher"]),
            published=parse_date(item["published"]), skipped_lines=list(item.get("skipped_lines") or []),
            where=where)
    if problems:
        raise DataError(problems)
    return list(found.values())


def _problem(item: dict, found: dict[str, Dataset]) -> str | None:
    if not isinstance(item["id"], str) or not _ID.match(item["id"]):
        return "id must be lower-case letters, digits and hyphens"
    if item["id"] in found:
        return f"duplicate id (first at {found[item['id']].where})"
    if item["format"] not in FORMATS:
        return f"format {item['format']!r} is not one of {', '.join(FORMATS)}"
    if not isinstance(item["sha256"], str) or not re.fullmatch(r"[0-9a-f]{64}", item["sha256"]):
        return "sha256 must be 64 lower-case hex digits"
    if type(item["rows"]) is not int or item["rows"] < 0:
        return "rows must be a whole number"
    skipped = item.get("skipped_lines") or []
    if not isinstance(skipped, list) or not all(type(n) is int and n > 1 for n in skipped):
        return "skipped_lines must be a list of line numbers"
    try:
        parse_date(item["published"])
    except ValueError as ex:
        return f"published: {ex}"
    return None


def entry_text(dataset: Dataset) -> str:
    """One entry as YAML, appended to the file so that what a user wrote there is kept as written."""
    return yaml.safe_dump([dataset.entry()], sort_keys=False, allow_unicode=True, width=100)
