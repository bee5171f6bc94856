"""A wheel built from the repo carries the ontology, queries and data, and works outside the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_the_wheel_bundles_the_knowledge_base_and_builds_from_it(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(REPO)],
                   check=True, capture_output=True)
    (wheel,) = wheels.glob("kg-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in ("kg/_bundled/ontology/kg.ttl", "kg/_bundled/ontology/shapes.ttl",
                     "kg/_bundled/data/sources.yaml", "kg/_bundled/data/entities/actors.yaml",
                     "kg/_bundled/data/claims/wire-2024-01-23.yaml", "kg/_bundled/queries/who_backs.rq",
                     "kg/render/templates/graph.html"):
        assert required in names, required

    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    env["PYTHONPATH"] = str(site)
    env["KG_STORE"] = str(tmp_path / "store")
    run = [sys.executable, "-c", "import kg.cli, kg.config as c; print(c.data_dir()); kg.cli.main()"]
    result = subprocess.run([*run, "build"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == str(site / "kg" / "_bundled" / "data")
    assert "6 sources" in result.stdout
