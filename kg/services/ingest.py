"""Ingest: draft claims from new reports, accept reviewed drafts, and the texts directory beside the store."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg import config
from kg.errors import KGError
from kg.kb.vocabulary import load_vocabulary
from kg.store import Location

__all__ = ["Drafted", "accept_draft", "add_quotes", "draft_json", "draft_reports", "find_text", "texts_dir"]


def texts_dir() -> Path:
    """Where report texts live on the user's disk: $KG_TEXTS, else `texts/` beside the store."""
    override = os.environ.get("KG_TEXTS")
    return Path(override).expanduser() if override else config.store_path().parent / "texts"


def find_text(file: str, sha256: str | None = None, folder: Path | None = None) -> Path | None:
    """The text of a source in the texts directory, if it is there (and has the recorded hash)."""
    path = (folder or texts_dir()) / file
    if not path.is_file():
        return None
    if sha256 and hashlib.sha256(path.read_bytes()).hexdigest() != sha256:
        return None
    return path


@dataclass(frozen=True)
class Drafted:
    report: Path
    draft: dict[str, Any]
    path: Path | None  # where it was written (None with --format json)
    text_copy: Path | None


def draft_reports(files: list[Path], data_dir: Path | None = None, *, date: str | None = None,
                  title: str | None = None, publisher: str | None = None, write: bool = True) -> list[Drafted]:
    """Draft claims from each report; write drafts/<source-id>.yaml (unless write is False)."""
    from kg.ingest.draft import dump, make_draft  # spaCy loads here, not when kg starts
    from kg.ingest.extract import Extractor
    from kg.ingest.text import IngestError, read_report
    from kg.services.build import load

    reports = [read_report(f) for f in files]  # check every file before drafting any (and before --data)
    data = _writable_data(data_dir, write)
    kb = load(data)
    extractor = Extractor(kb)
    out = []
    for report in reports:
        draft = make_draft(report, kb, extractor, date=date, title=title, publisher=publisher)
        if not write:
            out.append(Drafted(report.path, draft, None, None))
            continue
        target = data / "drafts" / f"{draft['source']['id']}.yaml"
        if target.exists():
            raise IngestError(f"{target}: a draft for this report already exists; accept or remove it first")
        copy = _keep_text(report.path, report.sha256, draft["source"])
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(dump(draft), encoding="utf-8")
        except OSError as ex:
            raise KGError(f"cannot write {target}: {ex.strerror or ex}") from None
        out.append(Drafted(report.path, draft, target, copy))
    return out


def _writable_data(data_dir: Path | None, write: bool) -> Path:
    """The knowledge base to write drafts and claims into; never the copy inside an installed kg."""
    data = data_dir or config.data_dir()
    if write and "_bundled" in data.resolve().parts:
        raise KGError(f"{data}: this is the knowledge base inside the installed kg package; give --data "
                      "(or KG_DATA) for a knowledge base of your own, e.g. a copy of it")
    return data


def _keep_text(path: Path, sha256: str, source: dict[str, Any]) -> Path | None:
    """Copy the report into the texts directory under its file name (or the source id if taken)."""
    folder = texts_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / path.name
        if target.exists() and hashlib.sha256(target.read_bytes()).hexdigest() != sha256:
            target = folder / f"{source['id']}{path.suffix or '.txt'}"
            source["file"] = target.name
        if not target.exists():
            shutil.copyfile(path, target)
        return target
    except OSError:
        return None  # the draft still works; quotes will say the text is not available


def accept_draft(path: Path, data_dir: Path | None = None, accept_pending: bool = False) -> Any:
    from kg.ingest.accept import accept
    from kg.services.build import load

    data = _writable_data(data_dir, True)
    vocab = load_vocabulary(config.ontology_dir())
    return accept(path, data, load(data), vocab, accept_pending)


def draft_json(drafted: list[Drafted]) -> str:
    docs = [d.draft for d in drafted]
    return json.dumps(docs[0] if len(docs) == 1 else docs, ensure_ascii=False, indent=2)


# --- quotes: each claim's span from the report text on the user's disk ------------------------------

def add_quotes(records: list[dict], store: Location | None = None) -> None:
    """Give every source record in records a `quote`: its claim's span, or None if the text is absent.

    The spans come from the knowledge base the store was built from (its manifest names it).
    """
    from kg.ask.answers import sources_in
    from kg.kb.sources import read_text
    from kg.services.build import ensure_store, load
    from kg.store import current_manifest

    manifest = current_manifest(ensure_store(store))
    built_from = Path(manifest.data_dir) if manifest else None  # a server's data may be on another machine
    kb = load(built_from) if built_from and built_from.is_dir() else load()
    spans = {f"{c.source}/{c.id}": c.span for c in kb.claims}
    texts: dict[str, str | None] = {}

    def text_of(sid: str) -> str | None:
        if sid not in texts:
            src = kb.sources.get(sid)
            path = find_text(src.file, src.sha256) if src else None
            texts[sid] = read_text(path) if path else None  # offsets count \r\n as two characters
        return texts[sid]

    for src in sources_in(records):
        text, span = text_of(src["id"]), spans.get(src["claim"])
        src["quote"] = " ".join(text[span[0]:span[1]].split()) if text and span else None
