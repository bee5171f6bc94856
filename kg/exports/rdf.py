"""Standard serialisations of the whole store, provenance included.

TriG and N-Quads keep one graph per claim (Oxigraph's serialisers). JSON-LD keeps them too, compacted
against an inline `@context` of our prefixes, so it reads as `kg:memberOf` / `id:kataib-hezbollah` and
any JSON-LD processor expands it without fetching anything. Turtle has no named graphs: it is the
union, one block per subject, declaring only the prefixes it uses.
"""

from __future__ import annotations

from typing import Any, BinaryIO

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef

from kg.errors import UsageError

DATASET_FORMATS = {"trig": "ox-trig", "nq": "ox-nquads"}

PREFIXES = {
    "kg": "https://w3id.org/kg-armed-actors/ns#",
    "id": "https://w3id.org/kg-armed-actors/id/",
    "src": "https://w3id.org/kg-armed-actors/source/",
    "claim": "https://w3id.org/kg-armed-actors/claim/",
    "graph": "https://w3id.org/kg-armed-actors/graph/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "oa": "http://www.w3.org/ns/oa#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
}


def _ox(term: Any) -> Any:
    """An rdflib term as a pyoxigraph one, lexical form kept (rdflib would write 300 as 300.0)."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)) if term.datatype else None)
    return term


def write_turtle(ds: Dataset, out: BinaryIO) -> None:
    """The union of all graphs, each triple once, grouped by subject, declaring only the prefixes used."""
    union = sorted({tuple(_ox(t) for t in triple)
                    for triple in ds.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }").graph},
                   key=lambda t: (isinstance(t[0], ox.BlankNode), str(t)))
    iris = {str(t.value) for triple in union for t in triple if isinstance(t, ox.NamedNode)}
    iris |= {t.datatype.value for _, _, t in union if isinstance(t, ox.Literal)}
    used = {p: ns for p, ns in PREFIXES.items() if any(i.startswith(ns) for i in iris)}
    out.write(ox.serialize([ox.Triple(*t) for t in union], format=ox.RdfFormat.TURTLE, prefixes=used))


def export_dataset(ds: Dataset, fmt: str, out: BinaryIO) -> None:
    """Write the store in fmt."""
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    if fmt in DATASET_FORMATS:
        ds.serialize(out, format=DATASET_FORMATS[fmt])
    elif fmt == "jsonld":
        ds.serialize(out, format="json-ld", context=PREFIXES, encoding="utf-8")
    elif fmt == "ttl":
        write_turtle(ds, out)
    else:
        raise UsageError(f"not an RDF export format: {fmt!r}")
