"""SHACL validation of the compiled graph against ontology/shapes.ttl: pyshacl, and SPARQL at scale."""

from __future__ import annotations

import os
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kg.config import NS, shorten
from kg.errors import DataError

if TYPE_CHECKING:  # rdflib is imported when validating, so query commands start without it
    import pyoxigraph as ox
    from rdflib import Graph

SHACL = "http://www.w3.org/ns/shacl#"
RDFS_SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
ONTOLOGY = NS + "graph/ontology"


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


EXPLAIN_LIMIT = 500  # focus nodes whose violations pyshacl words; beyond this, the count is given


def _subclasses(store: "ox.Store", classes: set[str]) -> dict[str, list[str]]:
    found = {}
    for cls in sorted(classes):
        rows = store.query(f"SELECT DISTINCT ?c WHERE {{ ?c <{RDFS_SUBCLASS}>* <{cls}> }}",
                           use_default_graph_as_union=True)
        found[cls] = sorted({r["c"].value for r in rows} | {cls})
    return found


def _triples_to_rdflib(triples: "Iterable[ox.Triple]", into: Graph) -> Graph:
    import pyoxigraph as ox

    into.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    return into


def check_store(store: "ox.Store", ontology_dir: Path) -> list[Violation]:
    """The shapes checked over an Oxigraph store (the union of its graphs, ontology included).

    The shapes run as SPARQL inside the engine (kg.kb.shapes_sparql) to find the focus nodes that
    violate them; only those nodes and their neighbourhood are then handed to pyshacl, so a failing
    build words its violations exactly as `kg validate` does while a passing one never builds an
    rdflib graph. Shapes the translator does not cover are checked by pyshacl over the whole store.
    """
    from rdflib import Graph

    from kg.kb.shapes_sparql import Check, Untranslatable, classes_mentioned, translate

    shapes = load_shapes(ontology_dir)
    try:
        checks = translate(shapes, _subclasses(store, classes_mentioned(shapes)))
    except Untranslatable:
        union = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True)
        return check_shapes(_triples_to_rdflib(union, Graph()), shapes)
    flagged: dict[str, list[Violation]] = {}

    def run(c: Check) -> list[Violation]:
        rows = store.query(c.query, use_default_graph_as_union=True)
        return [Violation(row["f"].value, c.path, c.message, "Violation") for row in rows]

    # Oxigraph releases the GIL while it evaluates a query: the checks run side by side, one per core.
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        for found in pool.map(run, checks):
            for v in found:
                flagged.setdefault(v.focus, []).append(v)
    if not flagged:
        return []
    focus = sorted(flagged)[:EXPLAIN_LIMIT]
    values = " ".join(f"<{f}>" for f in focus)
    around = store.query(
        f"CONSTRUCT {{ ?f ?p ?o . ?o a ?t }} WHERE {{ VALUES ?f {{ {values} }} ?f ?p ?o OPTIONAL {{ ?o a ?t }} }}",
        use_default_graph_as_union=True)
    graph = _triples_to_rdflib(around, Graph())
    ontology = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{ONTOLOGY}> {{ ?s ?p ?o }} }}")
    worded = [v for v in check_shapes(_triples_to_rdflib(ontology, graph), shapes) if v.focus in flagged]
    explained = {v.focus for v in worded}
    # A node pyshacl does not word (should not happen) still fails the build, with the shape's message.
    rest = [v for f in focus if f not in explained for v in dict.fromkeys(flagged[f])]
    beyond = [v for f in sorted(flagged)[EXPLAIN_LIMIT:] for v in dict.fromkeys(flagged[f])]
    return sorted(worded + rest, key=lambda v: (v.focus, v.path, v.message)) + beyond
