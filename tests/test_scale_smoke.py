"""The scale benchmark end to end at its smallest size (10k quads), as CI runs it: no timing asserted.

benchmarks/scale.py checks every command's answer itself (the synthetic group's backer, its events,
central actors, escalation pairs, a written page) and exits non-zero on a wrong one, so this test fails
if any step of import, build or the commands breaks at scale, not only on the bundled data.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_the_scale_benchmark_runs_at_10k_quads_and_every_answer_checks(tmp_path: Path) -> None:
    figures = tmp_path / "figures.json"
    done = subprocess.run([sys.executable, str(REPO / "benchmarks" / "scale.py"), "--sizes", "10k",
                           "--work", str(tmp_path / "work"), "--json", str(figures), "--timeout", "300"],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    (row,) = json.loads(figures.read_text())
    assert 9_000 < row["quads"] < 12_000
    steps = {"import", "build", "raw load", "rdflib load", "who-backs", "events --actor", "stats", "escalation",
             "viz --focus"}
    assert set(row) - {"quads"} == steps
    assert all(row[s][0] is not None and row[s][2] > 0 for s in steps)  # each ran to the end, memory measured
    assert f"| {row['quads']:,} |" in done.stdout and "build ÷ raw load" in done.stdout
