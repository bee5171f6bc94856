"""data/datasets.yaml: the event tables the knowledge base includes, registered rather than converted.

Each entry names a file (relative to the data directory, or absolute), its SHA-256 and row count at
import, and how to cite it. `kg build` reads the rows straight from the file; a file whose hash no
longer matches is an error, so the store never silently mixes two versions of a dataset.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kg.errors import DataError
from kg.kb import schema
from kg.kb.loader import parse_date, read_yaml
from kg.kb.model import Value

FILE = "datasets.yaml"
FORMATS = ("acled",)


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
    if not path.exists() and not path.is_symlink():
        return []
    doc = read_yaml(path)
    problems = schema.check("datasets", doc, path, data_dir)
    if problems:
        raise DataError(problems)
    found: dict[str, Dataset] = {}
    for item in doc or []:
        where = f"{path}:{item.line}: dataset '{item['id']}'"
        if item["id"] in found:
            problems.append(f"{where}: duplicate id (first at {found[item['id']].where})")
            continue
        try:
            published = parse_date(item["published"])
        except ValueError as ex:
            problems.append(f"{where}: published: {ex}")
            continue
        found[item["id"]] = Dataset(
            id=item["id"], format=item["format"], file=item["file"], sha256=item["sha256"], rows=item["rows"],
            title=item["title"], publisher=item["publisher"], published=published,
            skipped_lines=list(item.get("skipped_lines") or []), where=where)
    if problems:
        raise DataError(problems)
    return list(found.values())


def entry_text(dataset: Dataset) -> str:
    """One entry as YAML, appended to the file so that what a user wrote there is kept as written."""
    return yaml.safe_dump([dataset.entry()], sort_keys=False, allow_unicode=True, width=100)
