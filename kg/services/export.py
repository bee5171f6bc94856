"""Exports: the whole graph as RDF with provenance, a network for Gephi, or an ACLED-style event table."""

from __future__ import annotations

import io
from pathlib import Path
from typing import BinaryIO

from kg.ask import answers
from kg.errors import UsageError
from kg.exports import NETWORK_FORMATS, RDF_FORMATS
from kg.exports.rdf import export_dataset
from kg.services.ask import open_graph
from kg.services.build import ensure_store
from kg.store import open_store


def export(fmt: str, out: BinaryIO, store: Path | None = None) -> None:
    """Write the graph in fmt: RDF with provenance, a network for Gephi, or an ACLED-style event table."""
    if fmt in RDF_FORMATS:
        export_dataset(open_store(ensure_store(store)), fmt, out)
        return
    g = open_graph(store)
    if fmt in NETWORK_FORMATS:
        from kg.exports.network import write_network
        from kg.network.projection import project

        write_network(project(g), fmt, out)
        return
    if fmt != "csv":
        raise UsageError(f"unknown export format {fmt!r}")
    from kg.exports.acled import write_acled

    by_id = {e.id: e for e in g.names.entities.values()}
    drones = answers.within(g, by_id["drone"]) if "drone" in by_id else set()
    projectiles = set().union(*(answers.within(g, by_id[w]) for w in ("rocket", "ballistic-missile") if w in by_id))
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    write_acled(answers.all_events(g), drones, projectiles, text)
    text.flush()
    text.detach()


