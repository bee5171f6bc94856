"""How well `kg ingest` drafts reports no extraction rule was written for: benchmarks/heldout/.

The four reports in benchmarks/heldout/*.txt were written for this benchmark (invented events, our own
words, four outlet styles) without reading the extractor's rule tables, and each has an answer key
written by hand (benchmarks/heldout/*.yaml) before any draft of it was run. They are drafted against the
bundled knowledge base exactly as `kg ingest FILE... --format json` drafts them, and scored with
ingest_seeds.py's own functions: events by class + a date + a place, roles on matched events, relations
as (subject, predicate, object), stance agreement, and the publication date.

A drafted new entity (a name the knowledge base lacks) is scored under the key's id when its label or an
alias is one of the names the key lists for that entity: the draft cannot know our ids, and a reviewer
would rename it in seconds. Nothing else is mapped.

    python benchmarks/ingest_heldout.py [--dir benchmarks/heldout2] [--known-names] [--quiet]

--dir scores another folder of reports and keys in the same format (default benchmarks/heldout).
benchmarks/heldout2/ is a second set, written later and kept from whoever tunes the extractor: the
figures to trust once benchmarks/heldout/ has been used for tuning.

--known-names drafts against a copy of the knowledge base that already holds the keys' new entities
(their names as label and aliases): the seed benchmark's condition, where a report's entities stay in
the knowledge base. The gap between the two runs is what finding new names costs.

After the tables it prints, per report, the events, roles and relations missed or added (with the
draft's span text: these reports are ours, so quoting them is fine). --quiet prints the tables only.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from ingest_seeds import draft_facts, misses, score, tables  # noqa: E402

from kg import config  # noqa: E402
from kg.errors import KGError  # noqa: E402
from kg.services.build import load  # noqa: E402
from kg.ingest.name_rules import PERSON_TITLES  # noqa: E402
from kg.ingest.names import slug  # noqa: E402
from kg.services.ingest import draft_reports  # noqa: E402

HELDOUT = HERE / "heldout"


def _values(raw: Any, stance: str) -> set[tuple[str, str]]:
    """A key's role value(s) -> {(value, stance)}; a value may be {value: X, stance: S}."""
    out = set()
    for v in raw if isinstance(raw, list) else [raw]:
        if isinstance(v, dict):
            out.add((str(v["value"]), v["stance"]))
        else:
            out.add((str(v), stance))
    return out


def truth_of_key(key: dict[str, Any]):  # type: ignore[no-untyped-def]
    """The answer key in the shapes ingest_seeds.truth_of returns: events, classes, relations."""
    events: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    classes: dict[str, str] = {}
    for ev in key["events"]:
        classes[ev["id"]] = ev["class"]
        for role, raw in ev.items():
            if role not in ("id", "class", "stance"):
                events[ev["id"]][role] |= _values(raw, ev.get("stance", "reported"))
    relations: dict[tuple, set] = defaultdict(set)
    for s, p, o, stance in key["relations"]:
        relations[(s, p, o)].add(stance)
    return events, classes, relations


def _untitled(name: str) -> str:
    words = name.split()
    while len(words) > 2 and words[0].rstrip(".") in PERSON_TITLES:
        words = words[1:]
    return " ".join(words)


def rename_new(draft: dict[str, Any], key: dict[str, Any]) -> dict[str, str]:
    """Give the draft's new non-event entities the key's ids where a name matches; returns the renames."""
    ids = {slug(n): e["id"] for e in key.get("new_entities", []) for n in e["names"]}
    # "Hajj Jaafar al-X" in the key is the draft's "Jaafar al-X": a title is not part of a person's name
    ids |= {slug(u): e["id"] for e in key.get("new_entities", []) if e.get("class") == "Person"
            for n in e["names"] if (u := _untitled(n)) != n and slug(u) not in ids}
    renames = {}
    for ent in draft["entities"]:
        if ent.get("new") and "mentions" not in ent:  # new events keep the draft's ids (matched by content)
            for name in [ent["label"], *ent.get("aliases", [])]:
                if slug(name) in ids:
                    renames[ent["id"]] = ids[slug(name)]
                    break
    for ent in draft["entities"]:
        ent["id"] = renames.get(ent["id"], ent["id"])
    for claim in draft["claims"]:
        claim["subject"] = renames.get(claim["subject"], claim["subject"])
        for pred, vals in claim["facts"].items():
            claim["facts"][pred] = ([renames.get(v, v) if isinstance(v, str) else v for v in vals]
                                    if isinstance(vals, list) else renames.get(vals, vals) if isinstance(vals, str)
                                    else vals)
    return renames


def key_ids_known(keys: list[dict[str, Any]], data: Path) -> dict[str, str]:
    """A key's new entity that the knowledge base has since learnt under another id ('Islamic Revolutionary
    Guard Corps' written as `islamic-revolutionary-guard-corps` before the KB held `irgc`) takes the KB's id,
    where one of the key's names is exactly one of that entity's names. Rewrites the keys; returns the renames."""
    kb_ids = {slug(n): e.id for e in load(data).entities.values() for n in e.all_names() if e.cls != "Event"}
    renames = {e["id"]: kb_ids[slug(n)] for k in keys for e in k.get("new_entities", [])
               for n in e.get("names", []) if slug(n) in kb_ids and e["id"] not in kb_ids.values()}

    def swap(v: Any) -> Any:
        if isinstance(v, list):
            return [swap(x) for x in v]
        if isinstance(v, dict) and "value" in v:
            return {**v, "value": swap(v["value"])}
        return renames.get(v, v) if isinstance(v, str) else v

    for k in keys:
        for ev in k["events"]:
            for role in ev:
                if role not in ("id", "class", "stance", "date"):
                    ev[role] = swap(ev[role])
        k["relations"] = [[swap(s), p, swap(o), st] for s, p, o, st in k["relations"]]
        k["new_entities"] = [e for e in k.get("new_entities", []) if e["id"] not in renames]
    return renames


def with_names(data: Path, keys: list[dict[str, Any]], into: Path) -> Path:
    """A copy of the knowledge base with the keys' new entities added (entities/heldout-names.yaml)."""
    shutil.copytree(data, into, ignore=shutil.ignore_patterns("drafts"))
    known = set(load(into).entities)  # a key's new name the knowledge base has since learnt is there already
    entries = {e["id"]: {"id": e["id"], "class": e["class"], "label": e["names"][0], "aliases": e["names"][1:]}
               for k in keys for e in k.get("new_entities", []) if "names" in e and e["id"] not in known}
    (into / "entities" / "heldout-names.yaml").write_text(
        yaml.safe_dump(list(entries.values()), sort_keys=False, allow_unicode=True), encoding="utf-8")
    return into


def _draft_one(path: Path, data: Path, date: str | None = None) -> Any:
    """The draft of one report; a report kg refuses (no date found) scores as an empty draft."""
    try:
        return draft_reports([path], data, date=date, write=False)[0]
    except KGError as ex:
        print(f"{path.name}: kg ingest refuses it: {ex}", file=sys.stderr)
        empty = {"source": {"published": "none", "date_basis": str(ex)}, "entities": [], "claims": []}
        return SimpleNamespace(draft=empty)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--known-names", action="store_true",
                        help="draft against a knowledge base that already holds the reports' new entities")
    parser.add_argument("--quiet", action="store_true", help="print the tables only, not the misses")
    parser.add_argument("--key-dates", action="store_true",
                        help="give each report the key's publication date (--date), to score extraction apart "
                             "from date detection")
    parser.add_argument("--dir", type=Path, default=HELDOUT,
                        help="folder of reports (*.txt) and answer keys (*.yaml); default benchmarks/heldout")
    args = parser.parse_args()
    folder = args.dir.resolve()
    keys = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.yaml"))]
    if not keys:
        sys.exit(f"Error: no answer keys (*.yaml) in {folder}")
    files = [folder / k["file"] for k in keys]
    learnt = key_ids_known(keys, config.data_dir())
    if learnt and not args.quiet:
        print(f"key ids the knowledge base has learnt under its own id: {learnt}")
    with tempfile.TemporaryDirectory() as tmp:
        data = with_names(config.data_dir(), keys, Path(tmp) / "data") if args.known_names else config.data_dir()
        # as `kg ingest FILE --format json` (with --key-dates, as `kg ingest FILE --date KEY'S-DATE`)
        drafted = [_draft_one(f, data, str(k["published"]) if args.key_dates else None) for f, k in zip(files, keys)]
    role_counts: Counter = Counter()
    tot: Counter = Counter()
    rows, later = [], []
    for key, path, done in zip(keys, files, drafted):
        name = path.stem
        renames = rename_new(done.draft, key)
        truth, facts = truth_of_key(key), draft_facts(done.draft)
        row, pairs = score(name, truth, facts, done.draft["source"]["published"], str(key["published"]), tot,
                           role_counts)
        rows.append(row)
        later.append((name, path, truth, facts, pairs, renames, done.draft["source"]))
    tables(rows, tot, role_counts)
    if args.quiet:
        return
    for name, path, truth, facts, pairs, renames, source in later:
        misses(name, path.read_text(encoding="utf-8"), truth, facts, pairs)
        print(f"published: draft {source['published']} ({source.get('date_basis')}); new entities renamed: {renames}")


if __name__ == "__main__":
    main()
