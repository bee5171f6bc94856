"""Colours and shapes by class, shared by the graph page, the map and the Gephi export (no imports)."""

from __future__ import annotations

STYLE: dict[str, tuple[str, str]] = {  # class -> (colour, vis-network shape)
    "State": ("#1f77b4", "square"), "StateAgency": ("#6baed6", "square"), "ArmedGroup": ("#d62728", "dot"),
    "Coalition": ("#ff9896", "hexagon"), "Organization": ("#9467bd", "dot"), "Person": ("#2ca02c", "dot"),
    "Attack": ("#ff7f0e", "triangle"), "Strike": ("#8c564b", "triangleDown"),
    "AssassinationAttempt": ("#e377c2", "star"), "Facility": ("#7f7f7f", "diamond"), "Place": ("#bcbd22", "diamond"),
    "Weapon": ("#17becf", "box"),
}
OTHER = ("#c7c7c7", "dot")


def rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)
