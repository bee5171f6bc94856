"""How strong an answer is: each link's stance and independent sources, each chain's weakest link.

A link is as strong as the best stance any report gives it: `reported` (the report's own voice) is
strongest; `claimed` (the actor about itself) and `attributed` (a named third party) come next, equal;
then `alleged` (hedged); `denied` is weakest. A chain is as strong as its weakest link, so a chain with
an alleged link is alleged, however well reported the rest is.

Independent sources: reports count once per origin. The origin of a report is its publisher; a report
whose publisher is unknown stands alone, unless a site reposted it (`republished_by`), when that site
stands for it; reports with the same title are one report reposted. So two reports by NPR, or an
article and its repost, count once.
"""

from __future__ import annotations

from typing import Any

from kg.ask.answers import SOURCE_PREFIX, Graph, Record
from kg.ask.figures import text
from kg.kb.names import normalize

STRENGTH = {"reported": 3, "claimed": 2, "attributed": 2, "alleged": 1, "denied": 0}


def source_origins(g: Graph) -> dict[str, str]:
    """Source id -> an origin key; sources sharing a key are not independent of each other."""
    rows = [{k: text(v) for k, v in r.items()} for r in g.rows("source_origins")]
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        parent[find(a)] = find(b)

    for r in rows:
        sid = r["source"][len(SOURCE_PREFIX):]
        publisher = r["publisher"].strip()
        if publisher.casefold() != "unknown":
            union(sid, "publisher:" + normalize(publisher))
        elif r.get("republishedBy"):
            union(sid, "publisher:" + normalize(r["republishedBy"]))
        union(sid, "title:" + normalize(r["title"]))
    return {r["source"][len(SOURCE_PREFIX):]: find(r["source"][len(SOURCE_PREFIX):]) for r in rows}


def independent(sources: list[Record], origins: dict[str, str]) -> int:
    return len({origins.get(s["id"], s["id"]) for s in sources})


def link_strength(sources: list[Record]) -> str:
    """The best stance among a link's sources."""
    return max((s["stance"] for s in sources), key=lambda st: STRENGTH.get(st, 0), default="denied")


def rate_chain(record: Record, origins: dict[str, str]) -> Record:
    """Add strength and independent_sources to each link, and the chain's strength and weakest link."""
    weakest: tuple[int, int, int] | None = None
    for i, link in enumerate(record["links"]):
        link["strength"] = link_strength(link["sources"])
        link["independent_sources"] = independent(link["sources"], origins)
        key = (STRENGTH.get(link["strength"], 0), link["independent_sources"], i)
        if weakest is None or key < weakest:
            weakest = key
    if weakest is None:
        return record
    worst = record["links"][weakest[2]]
    record["strength"] = worst["strength"]
    record["weakest_link"] = {"index": weakest[2], "subject": worst["subject"], "predicate": worst["predicate"],
                              "object": worst["object"], "strength": worst["strength"],
                              "independent_sources": worst["independent_sources"]}
    record["independent_sources"] = min(link["independent_sources"] for link in record["links"])
    return record


def rank_chains(records: list[Record], origins: dict[str, str]) -> list[Record]:
    """Rate every chain and order them strongest first (ties: more independent sources, then shorter)."""
    rated = [rate_chain(r, origins) for r in records]
    order = sorted(range(len(rated)), key=lambda i: (-STRENGTH.get(rated[i].get("strength", ""), 0),
                                                     -rated[i].get("independent_sources", 0), i))
    out = [rated[i] for i in order]
    for n, r in enumerate(out, 1):
        r["rank"] = n
    return out


def strength_text(record: dict[str, Any]) -> str:
    """"alleged (weakest: IRI armedBy Iran, 1 source)" for a table cell."""
    w = record.get("weakest_link")
    if not w:
        return ""
    n = w["independent_sources"]
    return (f"{record['strength']} (weakest: {w['subject']['label']} {w['predicate']} {w['object']['label']}, "
            f"{n} independent source{'s' if n != 1 else ''})")
