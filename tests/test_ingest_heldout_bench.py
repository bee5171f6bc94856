"""The held-out ingest benchmark: its answer keys stay valid against data/, and it runs to its tables.

No figure is asserted: the held-out reports exist to measure the extractor, not to be tuned to.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from kg.ask.resolve import EVENT_CLASSES
from kg.services.build import load

REPO = Path(__file__).resolve().parent.parent
HELDOUT = REPO / "benchmarks" / "heldout"
RELATIONS = {"memberOf", "partOf", "backedBy", "armedBy", "leaderOf", "alliedWith"}
ENTITY_ROLES = {"location", "perpetrator", "claimedBy", "attributedTo", "target", "weapon", "orderedBy"}


def _ids(raw: object) -> list[str]:
    values = raw if isinstance(raw, list) else [raw]
    return [v["value"] if isinstance(v, dict) else v for v in values]


def test_every_answer_key_names_a_report_of_250_to_500_words_and_only_known_or_declared_ids() -> None:
    kb = load(REPO / "data")
    keys = sorted(HELDOUT.glob("*.yaml"))
    assert len(keys) == 4
    for path in keys:
        key = yaml.safe_load(path.read_text(encoding="utf-8"))
        text = (HELDOUT / key["file"]).read_text(encoding="utf-8")
        assert 250 <= len(text.split()) <= 500, path.name
        new = {e["id"] for e in key["new_entities"]}
        assert not new & set(kb.entities), f"{path.name}: a new id clashes with data/entities"
        known = set(kb.entities) | new
        events = {ev["id"] for ev in key["events"]}
        for ev in key["events"]:
            assert ev["class"] in EVENT_CLASSES, (path.name, ev["id"])
            for role in ENTITY_ROLES & set(ev):
                assert set(_ids(ev[role])) <= known, (path.name, ev["id"], role)
            assert set(_ids(ev.get("respondsTo", []))) <= events, (path.name, ev["id"])
        for s, p, o, stance in key["relations"]:
            assert {s, o} <= known and p in RELATIONS, (path.name, s, p, o)
            assert stance in {"reported", "claimed", "attributed", "alleged", "denied"}


def test_the_heldout_benchmark_drafts_every_report_and_prints_both_tables() -> None:
    done = subprocess.run([sys.executable, str(REPO / "benchmarks" / "ingest_heldout.py")],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    rows = [line for line in done.stdout.splitlines() if line.startswith("| ")]
    for path in HELDOUT.glob("*.txt"):
        assert any(r.startswith(f"| {path.stem} | ") for r in rows), path.stem
        assert f"===== {path.stem}" in done.stdout  # its misses are listed
    assert any(r.startswith("| **all** | ") and "of 4 right" in r for r in rows)
    assert "| respondsTo |" in done.stdout
