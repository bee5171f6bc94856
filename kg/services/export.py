"""Exports: the whole graph as RDF with provenance, a network for Gephi, or an ACLED-style event table."""

from __future__ import annotations

import io
from typing import BinaryIO

from kg.ask import answers
from kg.errors import UsageError
from kg.exports import NETWORK_FORMATS, RDF_FORMATS
from kg.exports.rdf import export_dataset
from kg.services.ask import open_graph
from kg.services.build import ensure_store
from kg.store import Location, open_store


def acled_context(g: answers.Graph):  # -> kg.exports.acled.Context
    """Weapon kinds, coordinates, countries and provinces, labels and classes for the ACLED table."""
    from kg.ask import places
    from kg.exports.acled import Context

    by_id = {e.id: e for e in g.names.entities.values()}
    ctx = Context(labels={e.id: e.label for e in by_id.values()}, classes={e.id: e.cls for e in by_id.values()})
    ctx.drones = answers.within(g, by_id["drone"]) if "drone" in by_id else set()
    ctx.projectiles = set().union(*(answers.within(g, by_id[w]) for w in ("rocket", "ballistic-missile")
                                    if w in by_id))
    ctx.points = places.coordinates(g)
    chains = places.containers(g)
    ctx.where = {p: places.country_and_admin1(g, p, chains) for p in by_id}
    for r in g.rows("entity_links"):  # an agency's state, for ACLED's state-forces code
        s, o, p = r["subject"].value.rsplit("/", 1)[-1], r["object"].value.rsplit("/", 1)[-1], r["predicate"].value
        if p.endswith("#partOf") and ctx.classes.get(o) == "State":
            ctx.states[s] = o
        if (p.endswith(("#memberOf", "#leaderOf"))
                and ctx.classes.get(s) in {"State", "StateAgency"} and ctx.classes.get(o) == "Coalition"):
            ctx.of_states.add(o)  # a coalition that states or their forces belong to or lead
    return ctx


def export(fmt: str, out: BinaryIO, store: Location | None = None) -> None:
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

    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    write_acled(answers.all_events(g), acled_context(g), text)
    text.flush()
    text.detach()


