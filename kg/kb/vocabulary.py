"""The ontology as the loader needs it: which classes exist and which predicates a claim may use.

The ontology (ontology/kg.ttl) is the single source of truth: adding a property there makes it usable
in claims, with its kind (entity or value) and datatype taken from its declaration.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # rdflib is imported where the ontology is read, so query commands start without it
    from rdflib import Graph, URIRef

from kg.config import NS
from kg.errors import DataError

TERMS = NS + "ns#"

# Properties that describe claims, sources or entities themselves, not facts a claim can state.
_NOT_FOR_CLAIMS = {"mention"}


@dataclass(frozen=True)
class Property:
    name: str
    iri: str
    is_object: bool
    datatype: str | None  # for value properties: an XSD IRI, or None for "a date at some precision"
    inverse_of: str | None = None  # set when the claim must be stored the other way round


@dataclass(frozen=True)
class Vocabulary:
    classes: frozenset[str]
    properties: dict[str, Property]


def load_ontology(ontology_dir: Path) -> Graph:
    from rdflib import Graph

    path = ontology_dir / "kg.ttl"
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except FileNotFoundError:
        raise DataError([f"{path}: the ontology file is missing"]) from None
    except Exception as ex:  # rdflib raises several parser exception types
        raise DataError([f"{path}: not valid Turtle: {ex}"]) from None
    return graph


def _local(iri: URIRef) -> str | None:
    return str(iri)[len(TERMS):] if str(iri).startswith(TERMS) else None


def load_vocabulary(ontology_dir: Path) -> Vocabulary:
    from rdflib import OWL, RDF, RDFS, URIRef

    graph = load_ontology(ontology_dir)
    classes = frozenset(n for c in graph.subjects(RDF.type, OWL.Class) if (n := _local(c)))
    excluded_domains = {URIRef(TERMS + "Claim"), URIRef(TERMS + "Source")}
    properties: dict[str, Property] = {}
    for kind, is_object in ((OWL.ObjectProperty, True), (OWL.DatatypeProperty, False)):
        for prop in graph.subjects(RDF.type, kind):
            name = _local(prop)
            if not name or name in _NOT_FOR_CLAIMS or graph.value(prop, RDFS.domain) in excluded_domains:
                continue
            if (prop, OWL.propertyChainAxiom, None) in graph:
                continue  # derived by queries, never asserted
            rng = graph.value(prop, RDFS.range)
            datatype = None if is_object or rng == RDFS.Literal else str(rng)
            properties[name] = Property(name, str(prop), is_object, datatype)
    # `backs` may be written in a claim; it is stored as the declared direction, `backedBy`.
    for prop, inverse in graph.subject_objects(OWL.inverseOf):
        name, canonical = _local(inverse), _local(prop)
        if name in properties and canonical in properties:
            properties[name] = Property(name, str(inverse), True, None, inverse_of=canonical)
    return Vocabulary(classes, properties)
