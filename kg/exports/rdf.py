"""Standard serialisations of the whole store, provenance included.

TriG and N-Quads keep one graph per claim (Oxigraph's serialisers). JSON-LD keeps them too, compacted
against an inline `@context` of our prefixes, so it reads as `kg:memberOf` / `id:kataib-hezbollah` and
any JSON-LD processor expands it without fetching anything. Turtle has no named graphs: it is the
union, one block per subject, declaring only the prefixes it uses.
"""

from __future__ import annotations

from typing import BinaryIO

from rdflib import Dataset, Graph

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


def _union(ds: Dataset) -> Graph:
    """Every triple of every graph, once (set semantics), with only our prefixes bound."""
    union = Graph(bind_namespaces="none")
    for triple in ds.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }").graph:
        union.add(triple)
    for prefix, ns in PREFIXES.items():
        union.bind(prefix, ns)
    return union


def export_dataset(ds: Dataset, fmt: str, out: BinaryIO) -> None:
    """Write the store in fmt."""
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    if fmt in DATASET_FORMATS:
        ds.serialize(out, format=DATASET_FORMATS[fmt])
    elif fmt == "jsonld":
        ds.serialize(out, format="json-ld", context=PREFIXES, encoding="utf-8")
    elif fmt == "ttl":
        _union(ds).serialize(out, format="turtle", encoding="utf-8")  # rdflib's writer: used prefixes only
    else:
        raise UsageError(f"not an RDF export format: {fmt!r}")
