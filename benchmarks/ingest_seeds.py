"""How well `kg ingest` drafts the five seed reports, scored against their hand-built claims in data/.

Each seed is ingested as if it were new: with the knowledge base minus that report's source entry and
claims (its entities stay: they are what a knowledge base that had read the other reports would hold,
near enough). The draft is scored against the hand-built claims:

- events: an event is right when its class, a date and its place (location) equal a hand-built one's
  (an undated or placeless hand-built event needs the draft's to be undated or placeless too);
- roles: for each matched event, each role (date, location, perpetrator, target, weapon, killed, ...)
  as (event, role, value) triples;
- relations: (subject, predicate, object) for memberOf, partOf, backedBy, armedBy, leaderOf, alliedWith;
- stances: of the relations and role facts that match, the share whose stance is the hand-built one;
- publication date: equal to sources.yaml's `published`.

    python benchmarks/ingest_seeds.py [--seeds ../shared/seeds] [--misses]

`--misses` also prints, per report, what the draft missed and what it proposed that the hand-built
claims lack, each with the text of its span (for reading on your own disk, not for the repo).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg import config  # noqa: E402
from kg.ask.resolve import EVENT_CLASSES  # noqa: E402
from kg.ingest.draft import make_draft  # noqa: E402
from kg.ingest.text import read_report  # noqa: E402
from kg.services.build import load  # noqa: E402

RELATIONS = {"memberOf", "partOf", "backedBy", "armedBy", "leaderOf", "alliedWith"}
ROLES = ["date", "location", "perpetrator", "claimedBy", "attributedTo", "target", "weapon", "killed",
         "wounded", "orderedBy", "respondsTo"]


def without(data: Path, sid: str, into: Path) -> Path:
    shutil.copytree(data, into, ignore=shutil.ignore_patterns("drafts"))
    (into / "claims" / f"{sid}.yaml").unlink()
    sources = [s for s in yaml.safe_load((into / "sources.yaml").read_text(encoding="utf-8")) if s["id"] != sid]
    (into / "sources.yaml").write_text(yaml.safe_dump(sources, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return into


SPANS: dict[str, list[tuple[int, int]]] = defaultdict(list)  # (source, subject or triple) -> spans, for --misses


def truth_of(kb, sid):  # type: ignore[no-untyped-def]
    """Hand-built facts of one source: event facts {event: {role: {(value, stance)}}}, relations {triple: stance}."""
    events: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    relations: dict[tuple, set] = defaultdict(set)
    for c in kb.claims:
        if c.source != sid:
            continue
        for f in c.facts:
            value = f.object or (f.value.lexical if f.value else None)
            if f.predicate in RELATIONS:
                relations[(f.subject, f.predicate, f.object)].add(c.stance)
                SPANS["truth", (f.subject, f.predicate, f.object)].append(tuple(c.span))
            elif kb.entities.get(f.subject) and kb.entities[f.subject].cls in EVENT_CLASSES and f.predicate in ROLES:
                events[f.subject][f.predicate].add((value, c.stance))
                SPANS["truth", f.subject].append(tuple(c.span))
    classes = {e: kb.entities[e].cls for e in events}
    return events, classes, relations


def draft_facts(draft):  # type: ignore[no-untyped-def]
    classes = {e["id"]: e["class"] for e in draft["entities"]}
    events: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    relations: dict[tuple, set] = defaultdict(set)
    for c in draft["claims"]:
        for pred, values in c["facts"].items():
            for v in values if isinstance(values, list) else [values]:
                if pred in RELATIONS:
                    relations[(c["subject"], pred, v)].add(c["stance"])
                    SPANS["draft", (c["subject"], pred, v)].append(tuple(c["span"]))
                elif classes.get(c["subject"]) in EVENT_CLASSES and pred in ROLES:
                    events[c["subject"]][pred].add((str(v), c["stance"]))
                    SPANS["draft", c["subject"]].append(tuple(c["span"]))
    return events, {e: classes[e] for e in events}, relations


def key(ev: dict[str, set], cls: str) -> tuple[str, set, set]:
    return cls, {v for v, _ in ev.get("date", ())}, {v for v, _ in ev.get("location", ())}


def match_events(tr, tcls, dr, dcls) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Draft event id -> hand-built event id, one to one: same class, a date and a place in common
    (or, for either, none on both sides)."""
    pairs, used = {}, set()
    for d, dev in dr.items():
        dc, dd, dl = key(dev, dcls[d])
        for t, tev in tr.items():
            tc, td, tl = key(tev, tcls[t])
            if t not in used and dc == tc and (dd & td or not (dd or td)) and (dl & tl or not (dl or tl)):
                pairs[d], _ = t, used.add(t)
                break
    return pairs


def pr(hit_p: int, n_p: int, hit_r: int, n_r: int) -> tuple[str, str]:
    return (f"{hit_p / n_p:.2f}" if n_p else "–"), (f"{hit_r / n_r:.2f}" if n_r else "–")


def _quote(text: str, spans: list[tuple[int, int]]) -> str:
    return " || ".join(" ".join(text[a:b].split())[:220] for a, b in sorted(set(spans))[:3])


def _show(ev: dict[str, set]) -> str:
    return "; ".join(f"{r}={sorted(str(v) for v, _ in vs)}" for r, vs in ev.items())


def misses(sid, text, truth, drafted, pairs) -> None:  # type: ignore[no-untyped-def]
    """Print what the draft of one report missed and what it proposed beyond the hand-built claims."""
    (tr, tcls, trel), (dr, dcls, drel) = truth, drafted
    print(f"\n===== {sid}")
    for t in sorted(set(tr) - set(pairs.values())):
        print(f"MISSED EVENT {tcls[t]} {t}: {_show(tr[t])}\n    {_quote(text, SPANS['truth', t])}")
    for d in sorted(set(dr) - set(pairs)):
        print(f"EXTRA EVENT {dcls[d]} {d}: {_show(dr[d])}\n    {_quote(text, SPANS['draft', d])}")
    for d, t in pairs.items():
        for role in ROLES:
            dv = {(pairs.get(v, v) if role == "respondsTo" else v) for v, _ in dr[d].get(role, ())}
            tv = {v for v, _ in tr[t].get(role, ())}
            if dv != tv:
                print(f"ROLE {t} {role}: hand {sorted(map(str, tv))} draft {sorted(map(str, dv))}")
    for triple in sorted(set(trel) - set(drel)):
        print(f"MISSED REL {triple} {sorted(trel[triple])}\n    {_quote(text, SPANS['truth', triple])}")
    for triple in sorted(set(drel) - set(trel)):
        print(f"EXTRA REL {triple}\n    {_quote(text, SPANS['draft', triple])}")
    for triple in sorted(set(drel) & set(trel)):
        if not drel[triple] & trel[triple]:
            print(f"STANCE REL {triple}: hand {sorted(trel[triple])} draft {sorted(drel[triple])}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    parser.add_argument("--misses", action="store_true", help="print what each draft missed or added")
    args = parser.parse_args()
    data = config.data_dir()
    full = load(data)
    role_counts: Counter = Counter()
    tot: Counter = Counter()
    rows = []
    for sid, src in full.sources.items():
        if not (args.seeds / src.file).is_file():
            continue  # not one of the reports (the gazetteer's extract lives in data/texts)
        with tempfile.TemporaryDirectory() as tmp:
            kb = load(without(data, sid, Path(tmp) / "data"))
            draft = make_draft(read_report(args.seeds / src.file), kb)
        truth, drafted = truth_of(full, sid), draft_facts(draft)
        row, pairs = score(sid, truth, drafted, draft["source"]["published"], src.published.lexical, tot, role_counts)
        if args.misses:
            text = (args.seeds / src.file).read_text(encoding="utf-8")
            misses(sid, text, truth, drafted, pairs)
        rows.append(row)
    tables(rows, tot, role_counts)


def score(sid, truth, drafted, pub, published, tot, role_counts):  # type: ignore[no-untyped-def]
    """Score one report's draft against its hand-built facts: adds to the totals and role counts, returns
    the report's table row and the event pairs (draft id -> hand-built id)."""
    (tr, tcls, trel), (dr, dcls, drel) = truth, drafted
    pairs = match_events(tr, tcls, dr, dcls)
    ep, er = pr(len(pairs), len(dr), len(pairs), len(tr))
    agree = total = 0
    for d, t in pairs.items():
        for role in ROLES:
            dv = {(pairs.get(v, v) if role == "respondsTo" else v) for v, _ in dr[d].get(role, ())}
            tv = {v for v, _ in tr[t].get(role, ())}
            role_counts[role, "draft"] += len(dv)
            role_counts[role, "truth"] += len(tv)
            role_counts[role, "hit"] += len(dv & tv)
            for v in dv & tv:
                total += 1
                agree += bool({s for x, s in dr[d][role] if pairs.get(x, x) == v} & {s for x, s in tr[t][role] if x == v})
    hits = set(drel) & set(trel)
    for triple in hits:
        total += 1
        agree += bool(drel[triple] & trel[triple])
    rp, rr = pr(len(hits), len(drel), len(hits), len(trel))
    tot.update(te=len(tr), de=len(dr), me=len(pairs), tr=len(trel), dr=len(drel), mr=len(hits), agree=agree,
               total=total, pub=pub == published, n=1)
    row = (f"| {sid} | {len(tr)} | {len(dr)} | {ep} | {er} | {len(trel)} | {len(drel)} | {rp} | {rr} | "
           f"{(f'{agree / total:.2f}' if total else '–')} ({total}) | {pub} {'✓' if pub == published else '✗'} |")
    return row, pairs


def tables(rows: list[str], tot: Counter, role_counts: Counter) -> None:
    """Print the per-report table with its totals, then the role table."""
    print("| report | events (hand) | events (draft) | event P | event R | relations (hand) | relations (draft) "
          "| relation P | relation R | stance agreement (facts) | published |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    print("\n".join(rows))
    ep, er = pr(tot["me"], tot["de"], tot["me"], tot["te"])
    rp, rr = pr(tot["mr"], tot["dr"], tot["mr"], tot["tr"])
    print(f"| **all** | {tot['te']} | {tot['de']} | {ep} | {er} | {tot['tr']} | {tot['dr']} | {rp} | {rr} | "
          f"{tot['agree'] / max(tot['total'], 1):.2f} ({tot['total']}) | {tot['pub']} of {tot['n']} right |")
    print("\n| role (matched events only) | hand | draft | right | P | R |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for role in ROLES:
        t, d, h = role_counts[role, "truth"], role_counts[role, "draft"], role_counts[role, "hit"]
        p, r = pr(h, d, h, t)
        print(f"| {role} | {t} | {d} | {h} | {p} | {r} |")


if __name__ == "__main__":
    main()
