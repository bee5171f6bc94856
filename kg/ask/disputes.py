"""Where the record is contested: facts on which the reports (or one report) give different versions.

Kinds of dispute:
- `date`: an event dated to days that cannot be the same (20 vs 21 January; "2023-11" and "2023-11-20"
  agree, a month containing the day);
- `killed`, `wounded`, `munitions`: an event given different counts by different voices (a voice is a
  report, or the party it quotes): one voice giving a count another does not, and the other giving a
  count the first does not. A report that gives 4 wounded Americans and 1 wounded Iraqi does not
  dispute a report that gives 1 wounded Iraqi;
- `responsibility`: an event put down to different actors (perpetrator, claimed by, attributed to),
  unless one claim names them together (joint responsibility) or one is a member or part of the other;
- `figure`: a figure given different values or qualifiers;
- `denial`: a fact one claim gives and another denies.
Each dispute lists every version with the sources behind it.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import Any

from kg.ask.answers import Graph, Record, add_source, all_events, date_bounds, source_of
from kg.ask.figures import all_figures, text
from kg.ask.resolve import EntityRef

_COUNTS = ("killed", "wounded", "munitions")
_RESPONSIBLE = {"perpetrators": "perpetrator", "claimed_by": "claimed by", "attributed_to": "attributed to"}


def _dispute(subject: Record, kind: str, versions: list[Record]) -> Record:
    sources: list[Record] = []
    for v in versions:
        for s in v["sources"]:
            add_source(sources, s)
    return {"subject": subject, "kind": kind, "versions": versions, "sources": sources}


def _dates_disagree(dates: list[str]) -> bool:
    spans = [date_bounds(d) for d in dates]
    return any(a[1] < b[0] or b[1] < a[0] for a, b in combinations(spans, 2))


def _voices(sources: list[Record]) -> set[tuple[str, str]]:
    return {(s["id"], s.get("asserted_by", {}).get("id", "")) for s in sources}


def _counts_disagree(values: list[Record]) -> bool:
    voices = [_voices(v["sources"]) for v in values]
    return any(a - b and b - a for a, b in combinations(voices, 2))


def _claims(version: Record) -> set[str]:
    return {s["claim"] for s in version["sources"]}


def _responsibility_disagrees(versions: list[Record], linked: set[tuple[str, str]]) -> bool:
    for a, b in combinations(versions, 2):
        ids = (a["value"]["id"], b["value"]["id"])
        if not (_claims(a) & _claims(b)) and ids not in linked and ids[::-1] not in linked:
            return True
    return False


def event_disputes(ev: Record, linked: set[tuple[str, str]] = frozenset()) -> list[Record]:  # type: ignore[assignment]
    out = []
    if _dates_disagree([d["date"] for d in ev["dates"]]):
        out.append(_dispute(ev["event"], "date", [{"value": d["date"], "sources": d["sources"]}
                                                  for d in ev["dates"]]))
    for key in _COUNTS:
        if len(ev[key]) > 1 and _counts_disagree(ev[key]):
            out.append(_dispute(ev["event"], key, [{"value": v["value"], "sources": v["sources"]}
                                                   for v in sorted(ev[key], key=lambda v: v["value"])]))
    versions: dict[str, Record] = {}
    for key, role in _RESPONSIBLE.items():
        for v in ev[key]:
            version = versions.setdefault(v["entity"]["id"], {"value": v["entity"], "roles": [], "sources": []})
            if role not in version["roles"]:
                version["roles"].append(role)
            for s in v["sources"]:
                add_source(version["sources"], s)
    if len(versions) > 1 and _responsibility_disagrees(list(versions.values()), linked):
        out.append(_dispute(ev["event"], "responsibility", list(versions.values())))
    return out


def figure_disputes(g: Graph) -> list[Record]:
    by_figure: dict[str, list[Record]] = defaultdict(list)
    for f in all_figures(g):
        by_figure[f["figure"]["id"]].append(f)
    out = []
    for versions in by_figure.values():
        if len({(v["value"], v["qualifier"]) for v in versions}) > 1:
            out.append(_dispute(versions[0]["figure"], "figure",
                                [{"value": v["text"], "sources": v["sources"]} for v in versions]))
    return out


def _above(rows: list[dict], predicates: tuple[str, ...]) -> dict[str, set[str]]:
    """For each entity, every entity above it over the predicates, at any depth."""
    up: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        if text(r["predicate"]).rsplit("#", 1)[-1] in predicates:
            up[_id(r["subject"])].add(_id(r["object"]))
    above: dict[str, set[str]] = {}
    for start in list(up):
        todo, seen = [start], set()
        while todo:
            for nxt in up.get(todo.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        above[start] = seen
    return above


def membership(rows: list[dict], agencies: set[str] = frozenset()) -> set[tuple[str, str]]:  # type: ignore[assignment]
    """Pairs of entity ids that cannot dispute an event's responsibility: a member or part and the
    whole it belongs to (memberOf, partOf, any depth), and two state agencies of one state (a command
    and the armed forces). Two members of one coalition still can, and so can two militias folded
    into one security force."""
    pairs = {(a, b) for a, ups in _above(rows, ("memberOf", "partOf")).items() for b in ups}
    parts = _above(rows, ("partOf",))
    for a, b in combinations(sorted(parts.keys() & agencies), 2):
        if parts[a] & parts[b]:
            pairs.add((a, b))
    return pairs


def _id(term: object) -> str:
    return text(term).rsplit("/", 1)[-1]


def denial_disputes(g: Graph, rows: list[dict]) -> list[Record]:
    """Facts that some claim denies and another gives in any other stance."""
    facts: dict[tuple[str, str, str], dict[str, list[Record]]] = defaultdict(lambda: defaultdict(list))
    for r in rows:
        key = (text(r["subject"]), text(r["predicate"]).rsplit("#", 1)[-1], text(r["object"]))
        src = source_of(r, g)
        add_source(facts[key]["denied" if src["stance"] == "denied" else "given"], src)
    out = []
    for (subject, predicate, obj), sides in sorted(facts.items()):
        if sides["denied"] and sides["given"]:
            value = g.ref(obj) if obj.startswith("http") else obj
            out.append(_dispute(g.ref(subject), "denial", [
                {"value": value, "predicate": predicate, "stance": "given", "sources": sides["given"]},
                {"value": value, "predicate": predicate, "stance": "denied", "sources": sides["denied"]}]))
    return out


def _involves(d: Record, entity: EntityRef) -> bool:
    if d["subject"]["id"] == entity.id:
        return True
    return any(isinstance(v["value"], dict) and v["value"].get("id") == entity.id for v in d["versions"])


def disputes(g: Graph, about: EntityRef | None = None) -> list[Record]:
    """Every dispute in the graph, or those about one entity (its subject, or an actor in a version)."""
    rows = g.rows("claim_facts")
    agencies = {e.id for e in g.names.entities.values() if e.cls == "StateAgency"}
    linked = membership(rows, agencies)
    found: list[Record] = []
    for ev in all_events(g):
        found.extend(event_disputes(ev, linked))
    found.extend(figure_disputes(g))
    found.extend(denial_disputes(g, rows))
    if about is not None:
        found = [d for d in found if _involves(d, about)]
    return found


def version_text(v: dict[str, Any]) -> str:
    value = v["value"]["label"] if isinstance(v["value"], dict) else str(v["value"])
    if v.get("roles"):
        value += f" ({', '.join(v['roles'])})"
    if v.get("stance"):
        value = f"{v['predicate']} {value}: {v['stance']}"
    return value
