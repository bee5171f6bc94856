"""Chains of membership: who backs a group (directly or through the umbrellas it belongs to), whom an
actor backs, and the members of an umbrella, each link with the claims behind it."""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass

from kg.ask.answers import Graph, Record, add_source, source_of, valid_on
from kg.ask.resolve import EntityRef

# --- chains (memberOf / partOf) ------------------------------------------------------------------

@dataclass(frozen=True)
class Link:
    subject: str
    predicate: str
    object: str


def _links(rows: list[dict], g: Graph, as_of: str | None) -> dict[Link, list[Record]]:
    links: dict[Link, list[Record]] = defaultdict(list)
    for r in rows:
        if valid_on(r, as_of):
            link = Link(r["member"].value, r["predicate"].value, r["parent"].value)
            add_source(links[link], source_of(r, g))
    return links


def _shortest_chains(start: str, links: dict[Link, list[Record]], upward: bool) -> dict[str, list[Link]]:
    """For each entity reachable from start over the links, the shortest list of links that gets there."""
    step: dict[str, list[Link]] = defaultdict(list)
    for link in links:
        step[link.subject if upward else link.object].append(link)
    chains: dict[str, list[Link]] = {start: []}
    todo = deque([start])
    while todo:
        node = todo.popleft()
        for link in sorted(step[node], key=lambda l: (l.object, l.subject)):
            nxt = link.object if upward else link.subject
            if nxt not in chains:
                chains[nxt] = chains[node] + [link]
                todo.append(nxt)
    return chains


def _link_record(link: Link, sources: list[Record], g: Graph) -> Record:
    return {"subject": g.ref(link.subject), "predicate": link.predicate.rsplit("#", 1)[-1],
            "object": g.ref(link.object), "sources": sources}


def _chain_records(chain: list[Link], links: dict[Link, list[Record]], g: Graph) -> list[Record]:
    return [_link_record(l, links[l], g) for l in chain]


def _all_sources(link_records: list[Record]) -> list[Record]:
    out: list[Record] = []
    for lr in link_records:
        for s in lr["sources"]:
            add_source(out, s)
    return out


# --- who backs, whom does it back, members -------------------------------------------------------

def who_backs(g: Graph, group: EntityRef, direct_only: bool = False, as_of: str | None = None) -> list[Record]:
    links = _links(g.rows("memberships_up", root=group.iri), g, as_of)
    chains = _shortest_chains(group.iri, links, upward=True)
    backing: dict[Link, list[Record]] = defaultdict(list)
    for r in g.rows("who_backs", group=group.iri):
        if valid_on(r, as_of) and r["holder"].value in chains:
            add_source(backing[Link(r["holder"].value, r["predicate"].value, r["backer"].value)], source_of(r, g))
    records = []
    for link, sources in backing.items():
        chain = chains[link.subject]
        if direct_only and chain:
            continue
        steps = _chain_records(chain, links, g) + [_link_record(link, sources, g)]
        records.append({"backer": g.ref(link.object), "direct": not chain,
                        "via": [g.ref(l.object) for l in chain], "relation": steps[-1]["predicate"],
                        "links": steps, "sources": _all_sources(steps)})
    return sorted(records, key=lambda r: (not r["direct"], len(r["via"]), r["backer"]["label"], r["relation"]))


def backs(g: Graph, backer: EntityRef, direct_only: bool = False, as_of: str | None = None) -> list[Record]:
    records = []
    direct: dict[Link, list[Record]] = defaultdict(list)
    for r in g.rows("backed_by_actor", actor=backer.iri):
        if valid_on(r, as_of):
            add_source(direct[Link(r["backed"].value, r["predicate"].value, backer.iri)], source_of(r, g))
    for link, sources in direct.items():
        first = _link_record(link, sources, g)
        records.append({"backed": g.ref(link.subject), "direct": True, "via": [], "relation": first["predicate"],
                        "links": [first], "sources": sources})
        if direct_only:
            continue
        members = _links(g.rows("memberships_down", root=link.subject), g, as_of)
        for member, chain in _shortest_chains(link.subject, members, upward=False).items():
            if not chain:
                continue
            steps = [first] + _chain_records(chain, members, g)  # from the backer outward
            records.append({"backed": g.ref(member), "direct": False,
                            "via": [g.ref(link.subject)] + [g.ref(l.object) for l in chain[1:]],
                            "relation": first["predicate"], "links": steps, "sources": _all_sources(steps)})
    return sorted(records, key=lambda r: (not r["direct"], len(r["via"]), r["backed"]["label"]))


def members(g: Graph, umbrella: EntityRef, as_of: str | None = None) -> list[Record]:
    links = _links(g.rows("memberships_down", root=umbrella.iri), g, as_of)
    records = []
    for member, chain in _shortest_chains(umbrella.iri, links, upward=False).items():
        if not chain:
            continue
        steps = _chain_records(list(reversed(chain)), links, g)
        records.append({"member": g.ref(member), "via": [g.ref(l.object) for l in reversed(chain[1:])],
                        "relation": steps[0]["predicate"], "links": steps, "sources": _all_sources(steps)})
    return sorted(records, key=lambda r: (len(r["via"]), r["member"]["label"]))
