"""Standard serialisations of the whole store, provenance included."""

from __future__ import annotations

from typing import BinaryIO

import pyoxigraph as ox

from kg.errors import UsageError
from kg.store import Store

# Formats that keep named graphs (so each fact stays in its claim's graph) and the union-only one.
DATASET_FORMATS = {"trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS, "jsonld": ox.RdfFormat.JSON_LD}
GRAPH_FORMATS = {"ttl": ox.RdfFormat.TURTLE}

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


def export_dataset(store: Store, fmt: str, out: BinaryIO) -> None:
    """Write the store in fmt. Turtle has no named graphs: it gets the union of all graphs."""
    if fmt in DATASET_FORMATS:
        store.dump(out, DATASET_FORMATS[fmt], union=False, prefixes=PREFIXES)
    elif fmt in GRAPH_FORMATS:
        store.dump(out, GRAPH_FORMATS[fmt], union=True, prefixes=PREFIXES)
    else:
        raise UsageError(f"not an RDF export format: {fmt!r}")
