"""Network analysis over the networkx projection of the graph. No RDF here: tests build small graphs.

The projection (kg/network/projection.py) is a MultiDiGraph whose nodes carry `label`, `cls` and, for events,
`date` (the earliest reported, YYYY[-MM[-DD]]); whose edges carry `predicate` and `sources` (one entry
per claim, with its `stance`).
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
from collections import Counter
from typing import Any

import networkx as nx

ACTOR_CLASSES = {"Actor", "Person", "Organization", "State", "StateAgency", "ArmedGroup", "Coalition"}
EVENT_CLASSES = {"Event", "Attack", "Strike", "AssassinationAttempt"}
ACTOR_RELATIONS = {"memberOf", "partOf", "backedBy", "armedBy", "leaderOf", "alliedWith"}
"""The conflict network's ties: membership, backing, command and alliance. Not affiliatedWith (an
analyst's employer, an official's department): that ranked commentators by how often they were quoted."""
INVOLVEMENT = {"perpetrator", "claimedBy", "attributedTo", "target", "orderedBy"}
RESPONSIBLE = {"perpetrator", "claimedBy", "attributedTo"}
EXACT_UP_TO = 500  # actors up to which betweenness is exact


def node_ref(g: nx.MultiDiGraph, n: str) -> dict[str, str]:
    return {"id": n, "label": g.nodes[n].get("label", n), "class": g.nodes[n].get("cls", "")}


def counts_by_class(g: nx.MultiDiGraph) -> dict[str, int]:
    return dict(sorted(Counter(d.get("cls", "") for _, d in g.nodes(data=True)).items()))


def claims_by_stance(g: nx.MultiDiGraph) -> dict[str, int]:
    """Distinct claims behind the graph's edges, by stance."""
    claims = {s["claim"]: s["stance"] for _, _, d in g.edges(data=True) for s in d.get("sources", [])}
    return dict(sorted(Counter(claims.values()).items()))


def actor_network(g: nx.MultiDiGraph) -> nx.Graph:
    """The conflict network: actors linked by membership, backing, command and alliance, and by taking
    part in the same event (carrying it out, claiming it, being blamed, ordering it, being its target).
    Only its largest connected part is kept: a pair tied to nothing else (a speaker and his
    parliament) would otherwise outrank the parties to the conflict, as PageRank inflates small islands."""
    net = nx.Graph()
    net.add_nodes_from(n for n, d in g.nodes(data=True) if d.get("cls") in ACTOR_CLASSES)

    def link(a: str, b: str) -> None:
        if a != b:
            weight = net.get_edge_data(a, b, {"weight": 0})["weight"]
            net.add_edge(a, b, weight=weight + 1)

    for u, v, d in g.edges(data=True):
        if d["predicate"] in ACTOR_RELATIONS and u in net and v in net:
            link(u, v)
    for event, data in g.nodes(data=True):
        if data.get("cls") not in EVENT_CLASSES:
            continue
        involved = sorted({v for _, v, d in g.out_edges(event, data=True)
                           if d["predicate"] in INVOLVEMENT and v in net})
        for i, a in enumerate(involved):
            for b in involved[i + 1:]:
                link(a, b)
    if net.number_of_edges() == 0:
        return nx.Graph()
    return net.subgraph(max(nx.connected_components(net), key=lambda c: (len(c), sorted(c)))).copy()


def centrality(g: nx.MultiDiGraph, top: int = 10) -> list[dict[str, Any]]:
    """The most central actors by PageRank, with degree and betweenness beside it."""
    net = actor_network(g)
    if net.number_of_nodes() == 0:
        return []
    degree = nx.degree_centrality(net)
    # Exact betweenness is one BFS per actor (quadratic); above EXACT_UP_TO actors it is estimated from
    # that many sampled sources (networkx's k), with a fixed seed so that a rerun gives the same ranking.
    sample = None if net.number_of_nodes() <= EXACT_UP_TO else EXACT_UP_TO
    betweenness = nx.betweenness_centrality(net, k=sample, seed=0)
    pagerank = nx.pagerank(net, weight="weight")
    ranked = sorted(net.nodes, key=lambda n: (-pagerank[n], -degree[n], n))[:top]
    return [{"actor": node_ref(g, n), "degree": round(degree[n], 4), "betweenness": round(betweenness[n], 4),
             "pagerank": round(pagerank[n], 4), "links": net.degree(n)} for n in ranked]


def day_range(date: str) -> tuple[dt.date, dt.date]:
    """The first and last day a partial date (YYYY, YYYY-MM, YYYY-MM-DD) can mean."""
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 3:
        day = dt.date(*parts)
        return day, day
    if len(parts) == 2:
        return dt.date(parts[0], parts[1], 1), dt.date(parts[0], parts[1], calendar.monthrange(*parts)[1])
    return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)


def _umbrellas(g: nx.MultiDiGraph, actor: str) -> set[str]:
    """The actor and every umbrella or body above it (memberOf/partOf, any depth)."""
    seen, todo = {actor}, [actor]
    while todo:
        node = todo.pop()
        for _, parent, d in g.out_edges(node, data=True):
            if d["predicate"] in {"memberOf", "partOf"} and parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return seen


def _related(g: nx.MultiDiGraph, event: str, predicates: set[str]) -> set[str]:
    return {v for _, v, d in g.out_edges(event, data=True) if d["predicate"] in predicates}


def _pair(g: nx.MultiDiGraph, cause: str, response: str, kind: str, sources: list[dict]) -> dict[str, Any]:
    """A pair with the lag in days; where a date is only a month or year, the lag is the range it allows
    (a response cannot come first, so the least lag is never below 0)."""
    (a_lo, a_hi), (r_lo, r_hi) = day_range(g.nodes[cause]["date"]), day_range(g.nodes[response]["date"])
    return {"cause": node_ref(g, cause), "response": node_ref(g, response), "kind": kind,
            "cause_date": g.nodes[cause]["date"], "response_date": g.nodes[response]["date"],
            "lag_days": max(0, (r_lo - a_hi).days), "lag_days_max": (r_hi - a_lo).days, "sources": sources}


def escalation(g: nx.MultiDiGraph, window_days: int = 30, actor: str | None = None) -> list[dict[str, Any]]:
    """Event → response pairs: explicit (respondsTo), and inferred (a strike against an actor within
    window_days after an attack by, claimed by or attributed to that actor or an umbrella above it).

    Linear in events, not quadratic: attacks are indexed by each actor responsible and sorted by their
    first possible day, so a strike only looks at the attacks of the actors it targets (and their
    umbrellas) whose dates can fall in the window before it.
    """
    events = {n for n, d in g.nodes(data=True) if d.get("cls") in EVENT_CLASSES and d.get("date")}
    pairs: dict[tuple[str, str], dict[str, Any]] = {}
    for response, cause, d in g.edges(data=True):
        if d["predicate"] == "respondsTo" and response in events and cause in events:
            pairs[(cause, response)] = _pair(g, cause, response, "explicit", d["sources"])
    by_actor: dict[str, list[tuple[dt.date, dt.date, str]]] = {}
    for attack in (n for n in events if g.nodes[n]["cls"] == "Attack"):
        lo, hi = day_range(g.nodes[attack]["date"])
        for a in _related(g, attack, RESPONSIBLE):
            by_actor.setdefault(a, []).append((lo, hi, attack))
    for attacks in by_actor.values():
        attacks.sort()
    starts = {a: [lo for lo, _, _ in attacks] for a, attacks in by_actor.items()}
    umbrellas = _Umbrellas(g)
    # A date spans at most a year, so an attack that can fall in the window starts at most this early.
    widest = dt.timedelta(days=window_days + 366)
    for strike in (n for n in events if g.nodes[n]["cls"] == "Strike"):
        r_lo, r_hi = day_range(g.nodes[strike]["date"])
        candidates = set()
        for target in _related(g, strike, {"target"}):
            for a in umbrellas(target) & by_actor.keys():
                first = bisect.bisect_left(starts[a], r_lo - widest)
                last = bisect.bisect_right(starts[a], r_hi)
                candidates.update(attack for lo, hi, attack in by_actor[a][first:last]
                                  if (r_lo - hi).days <= window_days)
        for attack in sorted(candidates):
            if (attack, strike) in pairs:
                continue
            pair = _pair(g, attack, strike, "inferred", [])
            if pair["lag_days_max"] >= 0 and pair["lag_days"] <= window_days:
                pair["sources"] = _sources(g, attack, RESPONSIBLE) + _sources(g, strike, {"target"})
                pairs[(attack, strike)] = pair
    found = list(pairs.values())
    if actor is not None:
        def involves(event: str) -> bool:
            return any(actor in umbrellas(a) for a in _related(g, event, INVOLVEMENT))
        found = [p for p in found if involves(p["cause"]["id"]) or involves(p["response"]["id"])]
    # The response's id too: pairs tied on dates and cause would otherwise come in set order (string hashes,
    # random per process), so two runs, or the local store and a server, listed them differently.
    return sorted(found, key=lambda p: (p["cause_date"], p["response_date"], p["cause"]["id"], p["response"]["id"]))


class _Umbrellas:
    """_umbrellas, remembered per actor (a strike's targets repeat across thousands of strikes)."""

    def __init__(self, g: nx.MultiDiGraph):
        self.g = g
        self.seen: dict[str, set[str]] = {}

    def __call__(self, actor: str) -> set[str]:
        if actor not in self.seen:
            self.seen[actor] = _umbrellas(self.g, actor)
        return self.seen[actor]


def _sources(g: nx.MultiDiGraph, event: str, predicates: set[str]) -> list[dict]:
    return [s for _, _, d in g.out_edges(event, data=True) if d["predicate"] in predicates for s in d["sources"]]


def monthly_counts(g: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Attacks and strikes per month, for events dated at least to the month."""
    counts: dict[str, Counter] = {}
    for _, d in g.nodes(data=True):
        if d.get("cls") in {"Attack", "Strike"} and d.get("date") and len(d["date"]) >= 7:
            counts.setdefault(d["date"][:7], Counter())[d["cls"]] += 1
    return [{"month": m, "attacks": c["Attack"], "strikes": c["Strike"]} for m, c in sorted(counts.items())]
