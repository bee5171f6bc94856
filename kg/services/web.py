"""What the web app (`kg serve`) asks for: the CLI's answers, over one store kept open between requests.

A server answers many requests, so it opens the store once and reuses it (and the name index built
from it) until `kg build` switches the store to a new generation; the next request then reopens it.
The records are the ones the CLI renders (kg.ask.answers), so the app and `kg` never disagree.
Imported as `kg.services.web`, not re-exported by `kg.services`: `events` and `search` here are the
server's versions of the commands' functions of the same names.
"""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path
from typing import Any

from kg import config
from kg.ask import answers, chains, entities
from kg.ask.answers import Graph
from kg.ask.figures import figures
from kg.ask.resolve import EVENT_CLASSES, Resolution
from kg.ask.strength import rank_chains, source_origins
from kg.errors import KGError, UsageError
from kg.services.ask import Answer, _day, open_graph
from kg.services.build import ensure_store
from kg.store import Location, current_manifest

"""The roles in which `kg timeline NAME` lists an actor's events (kg.ask.answers.timeline)."""

ACTOR_CLASSES = {"ArmedGroup", "Coalition", "Organization", "StateAgency", "Person", "State", "Actor"}

PAGE_CACHE = 2048
"""Entity pages kept per store generation (a few kB each)."""

_lock = threading.Lock()
_open: dict[Location, tuple[str, Graph, dict[str, Any]]] = {}


class NotFound(KGError):
    """No entity with this id (the web app answers 404)."""


def prepare(store: Location | None = None) -> Location:
    """Build the store if it is missing or stale (once, when the server starts) and open it."""
    root = ensure_store(store)
    graph(root).names  # build the name index before the first request needs it
    return root


def graph(store: Location | None = None) -> Graph:
    """The open store, reopened when a build has switched it to a new generation."""
    root = store or config.store_location()
    manifest = current_manifest(root)
    if manifest is None:
        root = ensure_store(root)
        manifest = current_manifest(root)
    with _lock:
        cached = _open.get(root)
        if cached is None or cached[0] != manifest.generation:  # type: ignore[union-attr]
            cached = (manifest.generation, open_graph(root), {})  # type: ignore[union-attr]
            _open[root] = cached
        return cached[1]


def _cache(store: Location | None) -> dict[str, Any]:
    graph(store)
    return _open[store or config.store_location()][2]


def overview(store: Location | None = None) -> dict[str, Any]:
    """What the home page shows: the counts recorded when the store was built."""
    root = store or config.store_location()
    manifest = graph(root).store.manifest()
    counts = dict(manifest.counts) if manifest else {}
    return {"built_at": manifest.built_at if manifest else None, "counts": counts,
            "queries": [q.name for q in answers.queries.list_queries()]}


def entity_by_id(entity_id: str, store: Location | None = None) -> Resolution:
    g = graph(store)
    if entity_id not in g.names.entities:
        raise NotFound(f"no entity with the id {entity_id!r}")
    return Resolution(g.names.entities[entity_id], entity_id, "id")


def resolve(name: str, store: Location | None = None) -> Resolution:
    """The CLI's name resolution: an id, a name or alias in any language, then fuzzily."""
    return graph(store).resolve(name)


def search(text: str, limit: int = 10, store: Location | None = None) -> Answer:
    if not text.strip():
        return Answer([], [])
    return Answer(entities.search(graph(store), text, limit), [])


def entity_page(entity_id: str, store: Location | None = None, texts: Path | None = None) -> dict[str, Any]:
    """An entity's card (as `kg show`), who backs it and through whom (as `kg who-backs`), its events.

    With `texts` (a folder of the source texts), each source of a fact carries `quote`: the span of the
    report the claim rests on. A page depends only on the store, which a server never changes: it is
    made once per generation.
    """
    g = graph(store)
    res = entity_by_id(entity_id, store)
    pages = _cache(store).setdefault("pages", {})
    if (entity_id, texts) in pages:
        return pages[entity_id, texts]
    if len(pages) >= PAGE_CACHE:
        pages.clear()
    # As `kg show` and `kg who-backs` give them: the card with its figures, the chains rated.
    card = {**entities.show(g, res.entity), "figures": figures(g, res.entity)}
    backers = []
    if res.entity.cls in ACTOR_CLASSES:
        backers = rank_chains(chains.who_backs(g, res.entity), source_origins(g))
    events = []
    if res.entity.cls not in EVENT_CLASSES:
        events = answers.timeline(g, res.entity)  # the entity's own events, not every event in the store
    page = {**card, "backed_by": backers, "timeline": events}
    if texts is not None:
        page = _with_quotes(page, quotes(texts, store))
    pages[entity_id, texts] = page
    return page


def quotes(texts: Path, store: Location | None = None) -> dict[str, str]:
    """The text of each claim's span (by `source/claim` id), from the source texts in `texts`.

    Only texts whose SHA-256 is the one the knowledge base records are quoted: offsets into another
    version of a report would quote the wrong words.
    """
    cache = _cache(store)
    if ("quotes", texts) in cache:
        return cache["quotes", texts]
    from kg.kb.inputs import regular_file
    from kg.kb.sources import read_text
    from kg.services.build import load

    manifest = current_manifest(store or config.store_location())
    out: dict[str, str] = {}
    try:
        kb = load(Path(manifest.data_dir)) if manifest else None
    except KGError:
        kb = None  # the data the store was built from is gone or broken: nothing to quote from
    for source in kb.sources.values() if kb else []:
        path = texts / source.file
        try:
            if not regular_file(path) or hashlib.sha256(path.read_bytes()).hexdigest() != source.sha256:
                continue
            text = read_text(path)
        except (OSError, KGError):
            continue
        for claim in kb.claims:  # type: ignore[union-attr]
            if claim.source == source.id:
                out[f"{claim.source}/{claim.id}"] = text[claim.span[0]:claim.span[1]]
    cache["quotes", texts] = out
    return out


def _with_quotes(value: Any, found: dict[str, str]) -> Any:
    """A copy of a record in which every source of a claim carries the quoted span, where known."""
    if isinstance(value, list):
        return [_with_quotes(v, found) for v in value]
    if isinstance(value, dict):
        copy = {k: _with_quotes(v, found) for k, v in value.items()}
        if "claim" in value and "stance" in value and value["claim"] in found:
            copy["quote"] = found[value["claim"]]
        return copy
    return value


def _all_events(store: Location | None) -> list[dict[str, Any]]:
    """Every event with its facts: the same for every page until the store changes, so made once."""
    cache = _cache(store)
    if "events" not in cache:
        cache["events"] = answers.all_events(graph(store))
    return cache["events"]


def events(type: str | None = None, actor: str | None = None, target: str | None = None,
           place: str | None = None, since: str | None = None, until: str | None = None,
           store: Location | None = None) -> Answer:
    """`kg events` with the same filters, names resolved the same way."""
    g = graph(store)
    f = answers.EventFilter(type=type or None, since=_day(since or None, 0, "since"),
                            until=_day(until or None, 1, "until"))
    if f.type and f.type not in {"attack", "strike", "assassination-attempt", "event"}:
        raise UsageError(f"unknown event type {type!r} (attack, strike, assassination-attempt)")
    resolved = []
    for text, attr, widen in ((actor, "actors", False), (target, "targets", True), (place, "places", True)):
        if text:
            res = g.resolve(text)
            resolved.append(res)
            setattr(f, attr, answers.within(g, res.entity) if widen else {res.entity.id})
    return Answer([ev for ev in _all_events(store) if f.matches(ev)], resolved)


def graph_page(focus: str, depth: int = 2, store: Location | None = None) -> tuple[str, Resolution]:
    """The interactive graph page (as `kg viz --focus`) around one entity, as HTML text."""
    from kg.network.projection import project
    from kg.render import viz as pages

    if not 1 <= depth <= 4:
        raise UsageError(f"depth must be 1 to 4, not {depth}")
    g = graph(store)
    res = g.resolve(focus)
    cache = _cache(store)
    if "projection" not in cache:
        cache["projection"] = project(g)
    net = pages.select(cache["projection"], res.entity.id, depth)
    return pages.build_page(net, f"kg: {res.entity.label}, depth {depth}"), res
