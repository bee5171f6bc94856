"""Standard serialisations of the whole store, provenance included.

TriG and N-Quads keep one graph per claim (Oxigraph's serialisers, through the store). JSON-LD keeps
them too, compacted against an inline `@context` of our prefixes (rdflib's writer: Oxigraph's writes
expanded JSON-LD only), so it reads as `kg:memberOf` / `id:kataib-hezbollah` and any JSON-LD processor
expands it without fetching anything. Turtle has no named graphs: it is the union, each triple once,
one block per subject, declaring only the prefixes it uses.
"""

from __future__ import annotations

import io
from typing import BinaryIO

import pyoxigraph as ox

from kg.errors import UsageError
from kg.store import Store

DATASET_FORMATS = {"trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS}

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


def write_turtle(store: Store, out: BinaryIO) -> None:
    """The union of all graphs, each triple once, grouped by subject, declaring only the prefixes used."""
    triples = store.execute("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }").triples or iter(())
    union = sorted(set(triples), key=lambda t: (isinstance(t.subject, ox.BlankNode), str(t.subject),
                                                str(t.predicate), str(t.object)))
    iris = {t.value for triple in union for t in triple if isinstance(t, ox.NamedNode)}
    iris |= {t.object.datatype.value for t in union if isinstance(t.object, ox.Literal)}
    used = {p: ns for p, ns in PREFIXES.items() if any(i.startswith(ns) for i in iris)}
    out.write(ox.serialize(union, format=ox.RdfFormat.TURTLE, prefixes=used))


def write_jsonld(store: Store, out: BinaryIO) -> None:
    """One graph per claim, compacted against an inline @context of PREFIXES."""
    from rdflib import Dataset

    quads = io.BytesIO()
    store.dump(quads, ox.RdfFormat.N_QUADS, union=False, prefixes={})
    ds = Dataset()
    ds.parse(data=quads.getvalue().decode("utf-8"), format="nquads")
    ds.serialize(out, format="json-ld", context=PREFIXES, encoding="utf-8")


def export_dataset(store: Store, fmt: str, out: BinaryIO) -> None:
    """Write the store in fmt."""
    if fmt in DATASET_FORMATS:
        store.dump(out, DATASET_FORMATS[fmt], union=False, prefixes=PREFIXES)
    elif fmt == "jsonld":
        write_jsonld(store, out)
    elif fmt == "ttl":
        write_turtle(store, out)
    else:
        raise UsageError(f"not an RDF export format: {fmt!r}")
