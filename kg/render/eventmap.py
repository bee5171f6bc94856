"""The event map: one self-contained HTML file, no library and no network (Content-Security-Policy
forbids any request). Country outlines come bundled (kg/render/data/region.json, from Natural Earth);
events are drawn as SVG circles by type, sized by the lowest reported death toll, filtered by date
and type in the page; a click lists the event's facts and the reports behind them. Text from the
data is embedded as escaped JSON and shown with textContent only.
"""

from __future__ import annotations

import json
import math
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from kg.files import write_output
from kg.render.style import STYLE
from kg.render.viz import script_json

TYPE_COLOURS = {"attack": STYLE["Attack"][0], "strike": STYLE["Strike"][0],
                "assassination-attempt": STYLE["AssassinationAttempt"][0]}


def outlines() -> dict[str, Any]:
    return json.loads((resources.files("kg") / "render" / "data" / "region.json").read_text(encoding="utf-8"))


def spread(points: list[dict[str, Any]]) -> None:
    """Events at the same point (a town, a province's capital) set around it, so each can be clicked."""
    at: dict[tuple[float, float], list[dict[str, Any]]] = {}
    for p in points:
        at.setdefault((p["lat"], p["long"]), []).append(p)
    for group in at.values():
        for i, p in enumerate(group[1:], start=1):
            angle, ring = i * 2.4, 0.08 * math.sqrt(i)  # a sunflower spiral, in degrees
            p["draw_lat"] = round(p["lat"] + ring * math.sin(angle), 4)
            p["draw_long"] = round(p["long"] + ring * math.cos(angle), 4)


def build_map(events: list[dict[str, Any]], unplaced: list[dict[str, Any]], title: str) -> str:
    spread(events)
    data = {"events": events, "unplaced": unplaced, "outlines": outlines(), "colours": TYPE_COLOURS}
    env = Environment(loader=FileSystemLoader(str(resources.files("kg") / "render" / "templates")),
                      autoescape=select_autoescape(["html"]))
    dates = sorted(d for e in events + unplaced for d in (e.get("start"), e.get("end")) if d)
    return env.get_template("map.html").render(title=title, data_json=script_json(data),
                                               first=dates[0] if dates else "", last=dates[-1] if dates else "",
                                               colours=TYPE_COLOURS, placed=len(events), unplaced=len(unplaced))


def write_map(html: str, out: Path) -> None:
    write_output(out, lambda f: f.write(html.encode("utf-8")))
