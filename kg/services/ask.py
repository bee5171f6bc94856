"""The query side: who-backs, backs, members, show, search, events, timeline, path, query, sparql."""


from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from kg import config
from kg.ask import answers, chains, entities
from kg.ask.answers import Graph, date_bounds
from kg.ask.resolve import ID_PREFIX, Resolution
from kg.errors import KGError, UsageError
from kg.kb.loader import parse_date
from kg.services.build import ensure_store
from kg.store import Location, open_store, queries

# --- the query side ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Answer:
    """Records for the CLI to render, and how each name the user gave was resolved."""

    records: list[dict]
    resolved: list[Resolution]


def open_graph(store: Location | None = None) -> Graph:
    return Graph(open_store(ensure_store(store)))


def _day(value: str | None, bound: int, option: str) -> str | None:
    """A date option (YYYY, YYYY-MM or YYYY-MM-DD) as its first (bound 0) or last (bound 1) day."""
    if value is None:
        return None
    try:
        return date_bounds(parse_date(value).lexical)[bound]
    except ValueError:
        raise UsageError(f"{option}: {value!r} is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)") from None


def _window(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    """--since and --until as days; a window that ends before it starts is a usage mistake."""
    lo, hi = _day(since, 0, "--since"), _day(until, 1, "--until")
    if lo and hi and lo > hi:
        raise UsageError(f"--since {since} is after --until {until}: the window is empty")
    return lo, hi


def _on_date(name: str, as_of: str | None, store: Location | None) -> tuple[Graph, Resolution, str | None]:
    """The graph, the named entity and the --as-of day, checked before any query runs."""
    day = _day(as_of, 0, "--as-of")
    g = open_graph(store)
    return g, g.resolve(name), day


def who_backs(name: str, direct: bool = False, as_of: str | None = None, store: Location | None = None) -> Answer:
    g, res, day = _on_date(name, as_of, store)
    return Answer(_rate(g, chains.who_backs(g, res.entity, direct, day)), [res])


def backs(name: str, direct: bool = False, as_of: str | None = None, store: Location | None = None) -> Answer:
    g, res, day = _on_date(name, as_of, store)
    return Answer(_rate(g, chains.backs(g, res.entity, direct, day)), [res])


def _rate(g: Graph, records: list[dict]) -> list[dict]:
    from kg.ask.strength import rank_chains, source_origins

    return rank_chains(records, source_origins(g))


def members(name: str, as_of: str | None = None, store: Location | None = None) -> Answer:
    g, res, day = _on_date(name, as_of, store)
    return Answer(chains.members(g, res.entity, day), [res])


def show(name: str, store: Location | None = None) -> Answer:
    g = open_graph(store)
    res = g.resolve(name)
    from kg.ask.figures import figures  # the figures the card's entity is counted in

    return Answer([{**entities.show(g, res.entity), "figures": figures(g, res.entity)}], [res])


def search(text: str, limit: int = 10, store: Location | None = None) -> Answer:
    if not text.strip():
        raise UsageError("give some text to search for")
    return Answer(entities.search(open_graph(store), text, limit), [])


def events(
    type: str | None = None, actor: str | None = None, role: str | None = None, target: str | None = None,
    place: str | None = None, weapon: str | None = None, since: str | None = None, until: str | None = None,
    store: Location | None = None,
) -> Answer:
    lo, hi = _window(since, until)
    g = open_graph(store)
    f = answers.EventFilter(type=type.lower() if type else None, since=lo, until=hi)
    resolved = []
    if role:
        f.roles = (answers.ROLES[role],)
    for text, attr, widen in ((actor, "actors", False), (target, "targets", True), (place, "places", True),
                              (weapon, "weapons", True)):
        if text is not None:
            res = g.resolve(text)
            resolved.append(res)
            setattr(f, attr, answers.within(g, res.entity) if widen else {res.entity.id})
    return Answer(answers.events(g, f), resolved)


def timeline(name: str | None = None, store: Location | None = None, since: str | None = None,
             until: str | None = None) -> Answer:
    lo, hi = _window(since, until)
    g = open_graph(store)
    res = g.resolve(name) if name else None
    return Answer(answers.timeline(g, res.entity if res else None, lo, hi), [res] if res else [])


def path(a: str, b: str, store: Location | None = None) -> Answer:
    g = open_graph(store)
    ra, rb = g.resolve(a), g.resolve(b)
    steps = entities.path(g, ra.entity, rb.entity)
    if not steps and ra.entity.id != rb.entity.id:
        raise KGError(f"no chain of relations links {ra.entity.label} and {rb.entity.label}")
    return Answer(steps, [ra, rb])


def named_queries() -> list[queries.NamedQuery]:
    return queries.list_queries()


def query(name_or_file: str, params: list[str], store: Location | None = None) -> Answer:
    """A named query (or a .rq file) as JSON-ready records (see kg.services.sparql.named_query)."""
    from kg.services.sparql import named_query

    result, resolved = named_query(name_or_file, params, store=store)
    return Answer(plain_rows(result.rows, open_graph(store)), resolved)


def plain_rows(rows: list[dict], g: Graph) -> list[dict]:
    """Rows for output: entity IRIs as {id, label, class}, other IRIs shortened, literals as their text."""
    return [{k: g.ref(v) if v.value.startswith(ID_PREFIX) and isinstance(v, ox.NamedNode)
             else config.shorten(v.value) for k, v in row.items()} for row in rows]
