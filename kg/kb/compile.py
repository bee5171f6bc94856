"""Compile a checked KnowledgeBase into quads.

Graphs:
- one named graph per claim (the claim's IRI) holding the facts it states;
- graph/provenance: each claim's source, evidence span, stance, asserter, role and validity (PROV-O,
  Web Annotation), and each source's metadata (Dublin Core);
- graph/entities: each entity's class, labels (SKOS), note, and weapon-class hierarchy.
The ontology itself is loaded into graph/ontology by the store.
"""

from __future__ import annotations

from collections.abc import Iterator

from pyoxigraph import Literal, NamedNode, Quad

from kg.config import NS
from kg.kb.model import Claim, KnowledgeBase, Source, Value
from kg.kb.vocabulary import TERMS

RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_COMMENT = NamedNode("http://www.w3.org/2000/01/rdf-schema#comment")
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"
OA = "http://www.w3.org/ns/oa#"
XSD = "http://www.w3.org/2001/XMLSchema#"

ENTITIES_GRAPH = NamedNode(NS + "graph/entities")
PROVENANCE_GRAPH = NamedNode(NS + "graph/provenance")
ONTOLOGY_GRAPH = NamedNode(NS + "graph/ontology")


def entity_iri(eid: str) -> NamedNode:
    return NamedNode(NS + "id/" + eid)


def source_iri(sid: str) -> NamedNode:
    return NamedNode(NS + "source/" + sid)


def claim_iri(source: str, cid: str) -> NamedNode:
    return NamedNode(f"{NS}claim/{source}/{cid}")


def term(name: str) -> NamedNode:
    return NamedNode(TERMS + name)


def _literal(v: Value) -> Literal:
    return Literal(v.lexical, datatype=NamedNode(v.datatype))


def _en(text: str) -> Literal:
    return Literal(" ".join(str(text).split()), language="en")


def entity_quads(kb: KnowledgeBase) -> Iterator[Quad]:
    g = ENTITIES_GRAPH
    for e in kb.entities.values():
        s = entity_iri(e.id)
        yield Quad(s, RDF_TYPE, term(e.cls), g)
        yield Quad(s, NamedNode(SKOS + "prefLabel"), Literal(e.label, language="en"), g)
        for alias in e.aliases:
            yield Quad(s, NamedNode(SKOS + "altLabel"), Literal(alias, language="en"), g)
        for lang, name in e.names.items():
            yield Quad(s, NamedNode(SKOS + "prefLabel"), Literal(name, language=lang), g)
        for mention in e.mentions:
            yield Quad(s, term("mention"), Literal(mention, language="en"), g)
        if e.broader:
            yield Quad(s, NamedNode(SKOS + "broader"), entity_iri(e.broader), g)
        if e.note:
            yield Quad(s, RDFS_COMMENT, _en(e.note), g)


def source_quads(src: Source) -> Iterator[Quad]:
    g, s = PROVENANCE_GRAPH, source_iri(src.id)
    yield Quad(s, RDF_TYPE, term("Source"), g)
    yield Quad(s, NamedNode(DCT + "title"), Literal(src.title), g)
    yield Quad(s, NamedNode(DCT + "publisher"), Literal(src.publisher), g)
    yield Quad(s, NamedNode(DCT + "issued"), _literal(src.published), g)
    yield Quad(s, NamedNode(DCT + "language"), Literal(src.language), g)
    yield Quad(s, term("contentSha256"), Literal(src.sha256), g)
    yield Quad(s, term("fileName"), Literal(src.file), g)
    yield Quad(s, term("dateBasis"), _en(src.date_basis), g)
    if src.author:
        yield Quad(s, NamedNode(DCT + "creator"), Literal(str(src.author)), g)
    if src.republished_by:
        yield Quad(s, term("republishedBy"), Literal(str(src.republished_by)), g)
    if src.url:
        yield Quad(s, NamedNode(DCT + "source"), NamedNode(str(src.url)), g)


def claim_quads(claim: Claim) -> Iterator[Quad]:
    c = claim_iri(claim.source, claim.id)
    for fact in claim.facts:
        obj = entity_iri(fact.object) if fact.object else _literal(fact.value)  # type: ignore[arg-type]
        yield Quad(entity_iri(fact.subject), term(fact.predicate), obj, c)
    g = PROVENANCE_GRAPH
    span = NamedNode(c.value + "#span")
    yield Quad(c, RDF_TYPE, term("Claim"), g)
    yield Quad(c, NamedNode(PROV + "wasDerivedFrom"), source_iri(claim.source), g)
    yield Quad(c, term("stance"), term(claim.stance), g)
    yield Quad(c, term("evidence"), span, g)
    yield Quad(span, RDF_TYPE, NamedNode(OA + "TextPositionSelector"), g)
    yield Quad(span, NamedNode(OA + "start"), Literal(str(claim.span[0]), datatype=NamedNode(XSD + "integer")), g)
    yield Quad(span, NamedNode(OA + "end"), Literal(str(claim.span[1]), datatype=NamedNode(XSD + "integer")), g)
    if claim.by:
        yield Quad(c, term("assertedBy"), entity_iri(claim.by), g)
    if claim.role:
        yield Quad(c, term("role"), Literal(str(claim.role)), g)
    if claim.valid_from:
        yield Quad(c, term("validFrom"), _literal(claim.valid_from), g)
    if claim.valid_until:
        yield Quad(c, term("validUntil"), _literal(claim.valid_until), g)
    if claim.note:
        yield Quad(c, RDFS_COMMENT, _en(claim.note), g)


def iter_quads(kb: KnowledgeBase) -> Iterator[Quad]:
    """Every quad of the knowledge base, ontology excluded, one at a time (a build streams them)."""
    yield from entity_quads(kb)
    for src in kb.sources.values():
        yield from source_quads(src)
    for claim in kb.claims:
        yield from claim_quads(claim)


def compile_quads(kb: KnowledgeBase) -> list[Quad]:
    """Every quad of the knowledge base as a list, for tests and small graphs."""
    return list(iter_quads(kb))
