"""benchmarks/remote.py end to end at 10k quads, as CI runs it: no timing asserted.

The benchmark builds the same synthetic knowledge base into the local store, Oxigraph server (INSERT DATA
and N-Quads to /store) and Virtuoso, runs the main commands against each and exits non-zero when a step
fails or a store answers differently from the local one. At 10k quads one graph (the union) holds more
triples than Virtuoso's SPARQL parser takes in one GRAPH block, which the bundled data never reaches.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from tests.servers import missing

REPO = Path(__file__).resolve().parent.parent
STORES = ["local", "oxigraph", "oxigraph-gsp", "virtuoso"]


def test_every_store_builds_10k_quads_and_answers_as_the_local_store(tmp_path: Path) -> None:
    if not (Path(sys.executable).parent / "oxigraph").is_file() and not shutil.which("oxigraph"):
        missing("Oxigraph's server not found (pip install oxigraph, a test dependency of kg)")
    if not shutil.which("virtuoso-t"):
        missing("Virtuoso not found (Debian: apt-get install virtuoso-opensource)")
    figures = tmp_path / "figures.json"
    done = subprocess.run([sys.executable, str(REPO / "benchmarks" / "remote.py"), "--sizes", "10k",
                           "--work", str(tmp_path / "work"), "--json", str(figures), "--timeout", "300"],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    (row,) = json.loads(figures.read_text())
    assert 9_000 < row["quads"] < 12_000
    assert list(row["stores"]) == STORES
    for key in STORES:
        figures_of = row["stores"][key]
        assert figures_of["build"][0] is not None and figures_of["export (quads written)"] == f"{row['quads']:,}"
        if key != "local":
            assert figures_of["answers = local"] == "all same"
    assert "| answers = local | (reference) | all same | all same | all same |" in done.stdout
