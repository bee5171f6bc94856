"""The ontology and the shapes: they parse, and every term is documented and typed."""

from __future__ import annotations

from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.collection import Collection

from kg import config
from kg.kb.validation import load_shapes
from kg.kb.vocabulary import TERMS, load_ontology, load_vocabulary

KG = lambda name: URIRef(TERMS + name)  # noqa: E731

CLASSES = ["Actor", "Person", "Organization", "State", "ArmedGroup", "Coalition", "StateAgency", "Event",
           "Attack", "Strike", "Place", "Facility", "Weapon", "Source", "Claim"]
PROPERTIES = ["memberOf", "backedBy", "backs", "partOf", "leaderOf", "alliedWith", "perpetrator", "claimedBy",
              "attributedTo", "target", "location", "weapon", "respondsTo", "orderedBy", "date", "killed",
              "wounded", "stance", "assertedBy"]


def test_ontology_has_a_versioned_header() -> None:
    g = load_ontology(config.ontology_dir())
    (onto,) = g.subjects(RDF.type, OWL.Ontology)
    assert g.value(onto, OWL.versionInfo) is not None
    assert g.value(onto, OWL.versionIRI) is not None


def test_required_classes_and_properties_exist() -> None:
    g = load_ontology(config.ontology_dir())
    for name in CLASSES:
        assert (KG(name), RDF.type, OWL.Class) in g, name
    for name in PROPERTIES:
        assert any((KG(name), RDF.type, t) in g for t in (OWL.ObjectProperty, OWL.DatatypeProperty)), name


def test_every_term_has_label_comment_domain_and_range() -> None:
    g = load_ontology(config.ontology_dir())
    terms = {s for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(TERMS)}
    assert len(terms) > 60
    for t in terms:
        assert g.value(t, RDFS.label) is not None, f"{t} has no rdfs:label"
        assert g.value(t, RDFS.comment) is not None, f"{t} has no rdfs:comment"
        if (t, RDF.type, OWL.ObjectProperty) in g or (t, RDF.type, OWL.DatatypeProperty) in g:
            assert g.value(t, RDFS.domain) is not None, f"{t} has no rdfs:domain"
            assert g.value(t, RDFS.range) is not None, f"{t} has no rdfs:range"


def test_indirect_backing_is_a_property_chain_through_membership() -> None:
    g = load_ontology(config.ontology_dir())
    chains = [list(Collection(g, c)) for c in g.objects(KG("indirectlyBackedBy"), OWL.propertyChainAxiom)]
    assert [KG("memberOf"), KG("backedBy")] in chains
    assert [KG("memberOf"), KG("indirectlyBackedBy")] in chains
    assert (KG("backedBy"), OWL.inverseOf, KG("backs")) in g


def test_shapes_parse_and_cover_entities_events_and_claims() -> None:
    shapes = load_shapes(config.ontology_dir())
    sh = "http://www.w3.org/ns/shacl#"
    targets = set(shapes.objects(None, URIRef(sh + "targetClass")))
    assert {KG("Event"), KG("Claim"), KG("Source")} <= targets
    assert isinstance(shapes, Graph) and len(shapes) > 100


def test_claims_may_use_domain_relations_but_not_derived_or_bookkeeping_ones() -> None:
    vocab = load_vocabulary(config.ontology_dir())
    assert {"memberOf", "backedBy", "perpetrator", "date", "killed"} <= set(vocab.properties)
    assert "indirectlyBackedBy" not in vocab.properties  # derived by queries
    assert "stance" not in vocab.properties and "mention" not in vocab.properties
    assert vocab.properties["backs"].inverse_of == "backedBy"


def test_event_queries_list_every_event_class_of_the_ontology() -> None:
    """event_facts.rq lists kg:Event's subclasses (a path there trips Virtuoso); the list must follow the
    ontology, as must the event classes the resolver knows."""
    import re

    from kg.ask.resolve import EVENT_CLASSES

    g = load_ontology(config.ontology_dir())
    event = URIRef(TERMS + "Event")
    closure = {str(c)[len(TERMS):] for c in g.transitive_subjects(RDFS.subClassOf, event)}
    text = (config.queries_dir() / "event_facts.rq").read_text(encoding="utf-8")
    listed = set(re.findall(r"kg:(\w+)", re.search(r"VALUES \?class \{([^}]*)\}", text).group(1)))
    assert listed == closure == EVENT_CLASSES
