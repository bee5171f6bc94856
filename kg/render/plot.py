"""The timeline as a picture (matplotlib): events over time, one row per actor held responsible."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from kg.errors import UsageError
from kg.files import write_output

PLOT_FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}


def plot_format(out: Path) -> str:
    """The picture format the file name asks for: PNG, SVG or PDF."""
    fmt = PLOT_FORMATS.get(out.suffix.lower())
    if fmt is None:
        raise UsageError(f"--plot {out}: give a file ending in .png, .svg or .pdf")
    return fmt

MARKERS = {"attack": ("^", "#ff7f0e"), "strike": ("v", "#8c564b"), "assassination-attempt": ("*", "#e377c2")}


def plot_timeline(events: list[dict[str, Any]], out: Path, title: str) -> int:
    """Draw events (records of kg.ask.answers.all_events) to a PNG, SVG or PDF (by the file's suffix);
    returns how many were drawn.

    Events dated only to a month or a year are drawn at its first day with a hollow marker.
    """
    fmt = plot_format(out)
    import matplotlib

    matplotlib.use("Agg")  # no display needed
    import matplotlib.pyplot as plt

    rows: list[str] = []
    points = []
    for ev in events:
        if not ev["date"]:
            continue
        responsible = ev["perpetrators"] + ev["claimed_by"] + ev["attributed_to"]
        actor = responsible[0]["entity"]["label"] if responsible else "(not attributed)"
        if actor not in rows:
            rows.append(actor)
        parts = [int(p) for p in ev["date"].split("-")] + [1, 1]
        points.append((dt.date(*parts[:3]), rows.index(actor), ev["type"], len(ev["date"]) == 10))
    fig, ax = plt.subplots(figsize=(11, 1.2 + 0.45 * max(len(rows), 1)), dpi=110)
    for kind, (marker, colour) in MARKERS.items():
        for exact in (True, False):
            xs = [p[0] for p in points if p[2] == kind and p[3] == exact]
            ys = [p[1] for p in points if p[2] == kind and p[3] == exact]
            if xs:
                ax.scatter(xs, ys, marker=marker, s=70, label=f"{kind}{'' if exact else ' (month or year only)'}",
                           facecolors=colour if exact else "none", edgecolors=colour, linewidths=1.5)
    ax.set_yticks(range(len(rows)), rows)
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.grid(axis="x", alpha=0.3)
    ax.set_title(title)
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8, frameon=False)
    fig.autofmt_xdate()
    fig.tight_layout()
    try:
        write_output(out, lambda f: fig.savefig(f, format=fmt))
    finally:
        plt.close(fig)
    return len(points)
