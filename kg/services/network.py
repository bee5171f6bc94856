"""The network side (networkx, imported only by these commands): stats, escalation, viz, timeline plot."""


from __future__ import annotations

from pathlib import Path

from kg.errors import UsageError
from kg.services.ask import Answer, _window, open_graph, timeline
from kg.store import Location

# --- the network side (networkx, imported only by these commands) --------------------------------

def stats(top: int = 10, store: Location | None = None) -> Answer:
    from kg.network import analysis
    from kg.network.projection import project

    g = open_graph(store)
    counts = g.store.manifest().counts  # what `kg build` counted: every entity and claim in the data
    net = project(g)
    actors = analysis.actor_network(net)
    record = {"entities": counts["entities"], "entities_by_class": counts["entities_by_class"],
              "sources": counts["sources"], "claims": counts["claims"], "claims_by_stance": counts["claims_by_stance"],
              "facts": counts["facts"],
              "conflict_network": {"actors": actors.number_of_nodes(), "links": actors.number_of_edges(),
                                   "ties": sorted(analysis.ACTOR_RELATIONS), "event_roles": sorted(analysis.INVOLVEMENT)},
              "central_actors": analysis.centrality(net, top)}
    return Answer([record], [])


def escalation(name: str | None = None, window: int = 30, store: Location | None = None) -> Answer:
    from kg.network import analysis
    from kg.network.projection import project

    g = open_graph(store)
    res = g.resolve(name) if name else None
    net = project(g)
    record = {"pairs": analysis.escalation(net, window, res.entity.id if res else None),
              "monthly": analysis.monthly_counts(net)}
    return Answer([record], [res] if res else [])


def viz(out: Path, focus: str | None = None, depth: int = 2, since: str | None = None, until: str | None = None,
        classes: list[str] | None = None, store: Location | None = None) -> tuple[Answer, int, int]:
    """Write the interactive graph page; returns how the focus resolved and the node and edge counts."""
    from kg.network.projection import project, project_around
    from kg.render import viz as pages

    lo, hi = _window(since, until)
    g = open_graph(store)
    res = g.resolve(focus) if focus else None
    known = {c.lower(): c for c in sorted({e.cls for e in g.names.entities.values()})}
    unknown = [c for c in classes or [] if c.lower() not in known]
    if unknown:
        raise UsageError(f"unknown class {unknown[0]!r}: choose from {', '.join(known.values())}")
    wanted = {known[c.lower()] for c in classes} if classes else None
    whole = project_around(g, res.entity.id, depth) if res else project(g)
    net = pages.select(whole, res.entity.id if res else None, depth, lo, hi, wanted)
    title = f"kg: {res.entity.label}, depth {depth}" if res else "kg: the actor network"
    names = {e.id: list(e.names) for e in g.names.entities.values()}
    pages.write_page(pages.build_page(net, title, res.entity.id if res else None, names), out)
    return Answer([], [res] if res else []), net.number_of_nodes(), net.number_of_edges()


def timeline_plot(out: Path, name: str | None = None, store: Location | None = None, since: str | None = None,
                  until: str | None = None) -> tuple[Answer, int]:
    from kg.render.plot import plot_format, plot_timeline

    plot_format(out)  # an unsupported suffix fails before any work
    answer = timeline(name, store, since, until)
    title = f"Events involving {answer.resolved[0].entity.label}" if answer.resolved else "Attacks and strikes"
    return answer, plot_timeline(answer.records, out, title)
