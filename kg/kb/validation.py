"""SHACL validation (pyshacl) of the compiled graph against ontology/shapes.ttl."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kg.config import shorten
from kg.errors import DataError

if TYPE_CHECKING:  # rdflib is imported when validating, so query commands start without it
    from rdflib import Graph

SHACL = "http://www.w3.org/ns/shacl#"


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str
    message: str
    severity: str

    def __str__(self) -> str:
        return f"{shorten(self.focus)} {shorten(self.path)}: {self.message}".replace("  ", " ")


def load_shapes(ontology_dir: Path) -> Graph:
    from rdflib import Graph

    path = ontology_dir / "shapes.ttl"
    try:
        return Graph().parse(path, format="turtle")
    except FileNotFoundError:
        raise DataError([f"{path}: the SHACL shapes file is missing"]) from None
    except Exception as ex:  # rdflib raises several parser exception types
        raise DataError([f"{path}: not valid Turtle: {ex}"]) from None


def check_shapes(data: Graph, shapes: Graph) -> list[Violation]:
    """Run the shapes over data (one graph: the union, ontology included); return every violation."""
    from pyshacl import validate  # heavy: imported only when validating
    from rdflib import Namespace

    SH = Namespace(SHACL)

    _conforms, report, _text = validate(data, shacl_graph=shapes, inference="none", advanced=True)
    violations = []
    for result in report.subjects(SH.resultSeverity, None):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        severity = report.value(result, SH.resultSeverity)
        violations.append(Violation(
            focus=str(focus), path=str(path) if path is not None else "",
            message=str(message) if message is not None else "constraint not met",
            severity=str(severity).rsplit("#", 1)[-1],
        ))
    return sorted(violations, key=lambda v: (v.focus, v.path, v.message))
