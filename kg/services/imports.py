"""Importing event datasets (kg import acled) and streaming their rows into a build."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pyoxigraph import Quad

from kg import config
from kg.errors import DataError, KGError
from kg.files import write_output
from kg.imports.acled import Row, read_rows
from kg.imports.events import Mapper
from kg.imports.registry import FILE, Dataset, entry_text, read_datasets, sha256_file
from kg.kb.compile import source_quads
from kg.kb.model import KnowledgeBase, Source, Value

XSD = "http://www.w3.org/2001/XMLSchema#"
SHOWN = 20  # bad rows listed in an error; the rest are counted


@dataclass
class ImportReport:
    dataset: Dataset
    registry: Path
    events: dict[str, int]
    skipped: list[tuple[int, str]]
    matched: dict[str, str]  # ACLED spelling -> the id of our entity it resolved to
    new_entities: dict[str, int] = field(default_factory=dict)


def _bad_rows_error(path: Path, bad: list[tuple[int, str]]) -> KGError:
    listed = [f"  {path}:{line}: {reason}" for line, reason in bad[:SHOWN]]
    if len(bad) > SHOWN:
        listed.append(f"  ... and {len(bad) - SHOWN} more")
    head = f"{len(bad)} bad row{'s' if len(bad) != 1 else ''} in {path}, nothing imported:"
    return KGError("\n".join([head, *listed, "Fix them, or import the other rows with --skip-bad-rows."]))


def _default_id(path: Path) -> str:
    from kg.imports.events import _slug

    slug = _slug(path.stem)
    return slug if slug.startswith("acled") else f"acled-{slug}"


def import_acled(path: Path, data_dir: Path | None = None, skip_bad_rows: bool = False,
                 dataset_id: str | None = None, title: str | None = None) -> ImportReport:
    """Check every row of an ACLED table and register the file in data_dir/datasets.yaml."""
    from kg.services.build import load

    data_dir = data_dir or config.data_dir()
    if not path.is_file():
        raise KGError(f"{path}: no such file")
    rows: list[Row] = []
    bad: list[tuple[int, str]] = []
    for item in read_rows(path):
        if isinstance(item, Row):
            rows.append(item)
        else:
            bad.append((item[0], str(item[1])))
    if bad and not skip_bad_rows:
        raise _bad_rows_error(path, bad)
    kb = load(data_dir)
    registered = read_datasets(data_dir)
    did = dataset_id or _default_id(path)
    for ds in registered:
        if ds.id == did:
            raise KGError(f"dataset '{did}' is already registered ({ds.where}); give another --id, or remove "
                          f"that entry from {data_dir / FILE} to import the file again")
    if did in kb.sources:
        raise KGError(f"'{did}' is already a source in sources.yaml; give the dataset another --id")
    mapper = Mapper(kb.entities)
    drone = mapper.existing("drone", {"Weapon"})
    for row in rows:  # mapped now only to tell the user how the names resolve
        mapper.row_quads(did, row, drone)
    resolved = path.resolve()
    try:
        file = str(resolved.relative_to(data_dir.resolve()))
    except ValueError:
        file = str(resolved)
    dataset = Dataset(
        id=did, format="acled", file=file, sha256=sha256_file(path), rows=len(rows) + len(bad),
        title=title or f"ACLED events: {path.name}", publisher="ACLED", published=_published(path, rows),
        skipped_lines=[line for line, _ in bad])
    registry = data_dir / FILE
    before = registry.read_text(encoding="utf-8") if registry.is_file() else ""
    text = (before if not before or before.endswith("\n") else before + "\n") + entry_text(dataset)
    write_output(registry, lambda out: out.write(text.encode("utf-8")))
    read_datasets(data_dir)  # what was written reads back
    matched = {spelling: eid for spelling, eid in sorted(mapper.matched)}
    event_classes = {"Event", "Attack", "Strike", "AssassinationAttempt"}
    return ImportReport(dataset, registry, {k: v for k, v in sorted(mapper.counts.items()) if k in event_classes},
                        bad, matched, {k: v for k, v in sorted(mapper.counts.items()) if k not in event_classes})


def _published(path: Path, rows: list[Row]) -> Value:
    """The day of the latest event the table holds: what it is current to."""
    days = [r.date.lexical for r in rows if len(r.date.lexical) == 10]
    day = max(days) if days else dt.date.fromtimestamp(path.stat().st_mtime).isoformat()
    return Value(day, XSD + "date")


def dataset_source(ds: Dataset) -> Source:
    return Source(id=ds.id, file=Path(ds.file).name, sha256=ds.sha256, length=ds.rows, title=ds.title,
                  publisher=ds.publisher, published=ds.published,
                  date_basis=f"the latest event in the table ({ds.rows} rows, imported with kg import {ds.format})")


def check_datasets(kb: KnowledgeBase, data_dir: Path) -> list[Dataset]:
    """The registered datasets, each file present and unchanged since it was imported."""
    datasets = read_datasets(data_dir)
    problems = []
    for ds in datasets:
        path = ds.path(data_dir)
        if ds.id in kb.sources:
            problems.append(f"{ds.where}: the id is also a source in sources.yaml")
        elif not path.is_file():
            problems.append(f"{ds.where}: {path}: no such file")
        elif sha256_file(path) != ds.sha256:
            problems.append(f"{ds.where}: {path} has changed since it was imported (its SHA-256 differs); "
                            f"remove the entry and run `kg import {ds.format}` again")
    if problems:
        raise DataError(problems)
    return datasets


def dataset_quads(kb: KnowledgeBase, datasets: list[Dataset], data_dir: Path, counts: dict[str, Any]) -> Iterator[Quad]:
    """Every dataset's rows as quads, streamed; `counts` (the build's) is brought up to date at the end."""
    if not datasets:
        return
    mapper = Mapper(kb.entities)
    drone = mapper.existing("drone", {"Weapon"})
    claims = facts = 0
    for ds in datasets:
        yield from source_quads(dataset_source(ds))
        path, skip, seen = ds.path(data_dir), set(ds.skipped_lines), 0
        for item in read_rows(path):
            seen += 1
            if not isinstance(item, Row):
                line, reason = item
                if line in skip:
                    continue
                raise DataError([f"{path}:{line}: {reason}"])
            quads, claim = mapper.row_quads(ds.id, item, drone)
            claims += 1
            facts += len(claim.facts)
            yield from quads
        if seen != ds.rows:
            raise DataError([f"{ds.where}: {path} has {seen} rows, not the {ds.rows} registered"])
    by_class = Counter(counts["entities_by_class"])
    by_class.update(mapper.counts)
    by_stance = Counter(counts["claims_by_stance"])
    by_stance["reported"] += claims
    counts.update(entities=counts["entities"] + sum(mapper.counts.values()), sources=counts["sources"] + len(datasets),
                  claims=counts["claims"] + claims, facts=counts["facts"] + facts, datasets=len(datasets),
                  entities_by_class=dict(sorted(by_class.items())), claims_by_stance=dict(sorted(by_stance.items())))


__all__ = ["ImportReport", "check_datasets", "dataset_quads", "import_acled"]
