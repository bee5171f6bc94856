"""Cold wall time of `kg who-backs Nujaba`, beside the floor it cannot beat: importing oxrdflib.

Each run is a new Python process (cold: nothing imported, the store opened afresh); the store itself is
built once beforehand, so the figure is the query path a user waits for, not the first-use build.
Both commands run interleaved in the same session so that machine load affects them alike.

    python benchmarks/who_backs_cold.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, KG_STORE=str(Path(tmp) / "store"), NO_COLOR="1")
        subprocess.run([sys.executable, "-m", "kg", "build"], env=env, check=True, stdout=subprocess.DEVNULL)
        commands = {
            "python -c 'import oxrdflib'": [sys.executable, "-c", "import oxrdflib"],
            "python -c 'import kg.cli'": [sys.executable, "-c", "import kg.cli"],
            "kg who-backs Nujaba": [sys.executable, "-m", "kg", "who-backs", "Nujaba"],
            "kg who-backs Nujaba --format json": [sys.executable, "-m", "kg", "who-backs", "Nujaba", "--format", "json"],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, cmd in commands.items():
                times[name].append(timed(cmd, env))
    floor = statistics.median(times["python -c 'import oxrdflib'"])
    print(f"{args.runs} cold runs each, interleaved; Python {sys.version.split()[0]}, {os.cpu_count()} cores\n")
    print("| command | median (ms) | min (ms) | max (ms) | vs import oxrdflib |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, ts in times.items():
        med = statistics.median(ts)
        print(f"| `{name}` | {med * 1000:.0f} | {min(ts) * 1000:.0f} | {max(ts) * 1000:.0f} | {med / floor:.2f}x |")


if __name__ == "__main__":
    main()
