"""Standard serialisations of the whole store, provenance included."""

from __future__ import annotations

from typing import BinaryIO

from rdflib import Dataset

from kg.errors import UsageError

# Formats that keep named graphs (so each fact stays in its claim's graph) and the union-only one.
DATASET_FORMATS = {"trig": "ox-trig", "nq": "ox-nquads", "jsonld": "ox-json-ld"}
GRAPH_FORMATS = {"ttl": "ox-turtle"}

PREFIXES = {
    "kg": "https://w3id.org/kg-armed-actors/ns#",
    "id": "https://w3id.org/kg-armed-actors/id/",
    "src": "https://w3id.org/kg-armed-actors/source/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "oa": "http://www.w3.org/ns/oa#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
}


def export_dataset(ds: Dataset, fmt: str, out: BinaryIO) -> None:
    """Write the store in fmt. Turtle has no named graphs: it gets the union of all graphs."""
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    if fmt in DATASET_FORMATS:
        ds.serialize(out, format=DATASET_FORMATS[fmt])
    elif fmt in GRAPH_FORMATS:
        union = ds.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }").graph
        for prefix, ns in PREFIXES.items():
            union.bind(prefix, ns)
        union.serialize(out, format=GRAPH_FORMATS[fmt])
    else:
        raise UsageError(f"not an RDF export format: {fmt!r}")
