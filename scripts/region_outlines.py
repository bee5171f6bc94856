"""Write kg/render/data/region.json: the outlines of the countries around Iraq and Syria, for `kg map`.

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    .venv/bin/python scripts/region_outlines.py package/countries-50m.json

world-atlas packages Natural Earth's 1:50m admin-0 countries (public domain) as TopoJSON. This decodes
the arcs of the countries whose outline enters the region's box and writes them as plain GeoJSON-like
rings of [longitude, latitude] rounded to 0.01°, so the map needs no library to draw them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

BOX = (29.0, 24.0, 56.0, 42.0)  # west, south, east, north
OUT = Path(__file__).resolve().parent.parent / "kg" / "render" / "data" / "region.json"


def decode(topo: dict) -> tuple[list[list[tuple[float, float]]], dict]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs, topo["objects"]["countries"]


def ring(arcs: list, indexes: list[int]) -> list[list[float]]:
    out: list[tuple[float, float]] = []
    for i in indexes:
        points = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        out.extend(points[1:] if out else points)
    return [[round(x, 2), round(y, 2)] for x, y in out]


def main(path: str) -> None:
    arcs, countries = decode(json.loads(Path(path).read_text(encoding="utf-8")))
    west, south, east, north = BOX
    features = []
    for geo in countries["geometries"]:
        polygons = geo["arcs"] if geo["type"] == "MultiPolygon" else [geo["arcs"]] if geo["type"] == "Polygon" else []
        rings = [ring(arcs, r) for polygon in polygons for r in polygon]
        rings = [r for r in rings if any(west <= x <= east and south <= y <= north for x, y in r)]
        if rings:
            features.append({"name": geo["properties"]["name"], "iso": geo.get("id"), "rings": rings})
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"source": "Natural Earth 1:50m admin-0 countries (public domain), via the world-atlas "
                                         "2.0.2 npm package", "box": BOX, "countries": features},
                              separators=(",", ":")), encoding="utf-8")
    print(f"{OUT}: {len(features)} countries, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main(sys.argv[1])
