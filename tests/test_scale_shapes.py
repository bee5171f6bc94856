"""The build's shape gate (SHACL translated to SPARQL over Oxigraph) finds exactly what pyshacl finds.

Each case breaks the bundled knowledge base's quads in one way that a shape in ontology/shapes.ttl
forbids, then runs both the scalable check over a real Oxigraph store and the full pyshacl report over
an rdflib graph of the same quads, and asserts the same violations, worded the same.
"""

from __future__ import annotations

from collections.abc import Callable

import pyoxigraph as ox
import pytest
from rdflib import Graph, Namespace

from kg import config, services
from kg.kb.compile import ONTOLOGY_GRAPH, compile_quads
from kg.kb.validation import check_shapes, check_store, load_shapes

NS = "https://w3id.org/kg-armed-actors/"
KG, ID = NS + "ns#", NS + "id/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
PREF = "http://www.w3.org/2004/02/skos/core#prefLabel"
XSD = "http://www.w3.org/2001/XMLSchema#"
OA = "http://www.w3.org/ns/oa#"
PROV = "http://www.w3.org/ns/prov#wasDerivedFrom"
DCT = "http://purl.org/dc/terms/"
Quads = list[ox.Quad]
SH = Namespace("http://www.w3.org/ns/shacl#")


@pytest.fixture(scope="module")
def bundled() -> Quads:
    return compile_quads(services.load())


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _first(quads: Quads, s: str | None = None, p: str | None = None) -> ox.Quad:
    return next(q for q in quads if (s is None or q.subject.value == s) and (p is None or q.predicate.value == p))


def _replace(quads: Quads, old: ox.Quad, new: ox.Quad | None) -> Quads:
    return [q for q in quads if q != old] + ([new] if new else [])


def _with_object(q: ox.Quad, obj: ox.NamedNode | ox.Literal) -> ox.Quad:
    return ox.Quad(q.subject, q.predicate, obj, q.graph_name)


def _claim(quads: Quads) -> str:
    return _first(quads, p=PROV).subject.value


def _span(quads: Quads) -> str:
    return _first(quads, s=_claim(quads), p=KG + "evidence").object.value


def _event_with(quads: Quads, p: str) -> ox.Quad:
    return _first(quads, p=KG + p)


CASES: dict[str, Callable[[Quads], Quads]] = {
    "entity without a class": lambda qs: _replace(qs, _first(qs, ID + "kataib-hezbollah", RDF_TYPE), None),
    "entity without any label": lambda qs: [q for q in qs if not (q.subject.value == ID + "iran"
                                                                  and q.predicate.value == PREF)],
    "two English labels": lambda qs: qs + [_with_object(_first(qs, ID + "iran", PREF), ox.Literal("Persia", language="en"))],
    "no English label": lambda qs: _replace(qs, q := _first(qs, ID + "iran", PREF), _with_object(q, ox.Literal("Iran", language="fr"))),
    "label without a language": lambda qs: _replace(qs, q := _first(qs, ID + "iraq", PREF), _with_object(q, ox.Literal("Iraq"))),
    "event without a date": lambda qs: [q for q in qs if not (q.predicate.value == KG + "date"
                                                              and q.subject == _event_with(qs, "date").subject)],
    "date as a plain string": lambda qs: _replace(qs, q := _event_with(qs, "date"), _with_object(q, ox.Literal("2024-01-20"))),
    "negative death toll": lambda qs: _replace(qs, q := _event_with(qs, "killed"),
                                              _with_object(q, ox.Literal("-3", datatype=_n(XSD + "integer")))),
    "death toll as a decimal": lambda qs: _replace(qs, q := _event_with(qs, "killed"),
                                                  _with_object(q, ox.Literal("1.5", datatype=_n(XSD + "decimal")))),
    "claim with two sources": lambda qs: qs + [_with_object(_first(qs, _claim(qs), PROV), _n(NS + "source/brief-2024-01"))
                                               if _first(qs, _claim(qs), PROV).object.value != NS + "source/brief-2024-01"
                                               else _with_object(_first(qs, _claim(qs), PROV), _n(NS + "source/npr-2019-12-12"))],
    "claim without a source": lambda qs: _replace(qs, _first(qs, _claim(qs), PROV), None),
    "claim sourced to an entity": lambda qs: _replace(qs, q := _first(qs, _claim(qs), PROV), _with_object(q, _n(ID + "iran"))),
    "unknown stance": lambda qs: _replace(qs, q := _first(qs, _claim(qs), KG + "stance"), _with_object(q, _n(KG + "rumoured"))),
    "claim without evidence": lambda qs: _replace(qs, _first(qs, _claim(qs), KG + "evidence"), None),
    "asserted by a place": lambda qs: _replace(qs, q := _first(qs, p=KG + "assertedBy"), _with_object(q, _n(ID + "baghdad"))),
    "span ending before it starts": lambda qs: _replace(qs, q := _first(qs, _span(qs), OA + "end"),
                                                       _with_object(q, ox.Literal("1", datatype=_n(XSD + "integer")))),
    "span without an end": lambda qs: _replace(qs, _first(qs, _span(qs), OA + "end"), None),
    "span start as text": lambda qs: _replace(qs, q := _first(qs, _span(qs), OA + "start"), _with_object(q, ox.Literal("12"))),
    "negative span start": lambda qs: _replace(qs, q := _first(qs, _span(qs), OA + "start"),
                                              _with_object(q, ox.Literal("-1", datatype=_n(XSD + "integer")))),
    "source without a title": lambda qs: _replace(qs, _first(qs, p=DCT + "title"), None),
    "source with a bad hash": lambda qs: _replace(qs, q := _first(qs, p=KG + "contentSha256"), _with_object(q, ox.Literal("XYZ"))),
    "source issued as text": lambda qs: _replace(qs, q := _first(qs, p=DCT + "issued"), _with_object(q, ox.Literal("January"))),
    "member of a place": lambda qs: _replace(qs, q := _first(qs, p=KG + "memberOf"), _with_object(q, _n(ID + "baghdad"))),
    "a place backed by someone": lambda qs: qs + [ox.Quad(_n(ID + "baghdad"), _n(KG + "backedBy"), _n(ID + "iran"),
                                                          _first(qs, p=KG + "memberOf").graph_name)],
    "a weapon as target": lambda qs: _replace(qs, q := _first(qs, p=KG + "target"), _with_object(q, _n(ID + "drone"))),
    "range as text": lambda qs: qs + [ox.Quad(_n(ID + "drone"), _n(KG + "rangeKm"), ox.Literal("far"),
                                              _first(qs, p=KG + "memberOf").graph_name)],
    "figure qualifier outside the list": lambda qs: _replace(qs, q := _first(qs, p=KG + "qualifier"),
                                                            _with_object(q, ox.Literal("roughly"))),
    "figure without a value": lambda qs: [q for q in qs if not (q.predicate.value == KG + "value"
                                                                and q.subject == _first(qs, p=KG + "value").subject)],
}


def _store(quads: Quads) -> ox.Store:
    store = ox.Store()
    store.bulk_extend(quads)
    store.bulk_load(path=config.ontology_dir() / "kg.ttl", format=ox.RdfFormat.TURTLE, to_graph=ONTOLOGY_GRAPH)
    return store


def _pyshacl(quads: Quads) -> list:
    graph = Graph()
    graph.parse(data=ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES), format="nt")
    graph.parse(config.ontology_dir() / "kg.ttl", format="turtle")
    return check_shapes(graph, load_shapes(config.ontology_dir()))


def test_the_bundled_data_passes_both_checks(bundled: Quads) -> None:
    assert check_store(_store(bundled), config.ontology_dir()) == []
    assert _pyshacl(bundled) == []


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_kind_of_violation_is_caught_and_worded_as_pyshacl_words_it(bundled: Quads, case: str) -> None:
    broken = CASES[case](list(bundled))
    expected = _pyshacl(broken)
    assert expected, f"the case {case!r} should break a shape"
    assert check_store(_store(broken), config.ontology_dir()) == expected


def test_every_shape_in_shapes_ttl_is_translated_to_sparql_not_left_to_pyshacl(bundled: Quads) -> None:
    from kg.kb.shapes_sparql import classes_mentioned, translate
    from kg.kb.validation import _subclasses

    shapes = load_shapes(config.ontology_dir())
    checks = translate(shapes, _subclasses(_store(bundled), classes_mentioned(shapes)))
    targeted = {str(s) for p in ("targetClass", "targetSubjectsOf") for s in shapes.subjects(SH[p], None)}
    assert len(targeted) >= 12
    assert {c.shape for c in checks} == targeted  # every shape became SPARQL: none left to the fallback


def test_an_event_dated_only_by_a_bound_passes_and_one_with_neither_fails(bundled: Quads) -> None:
    dated = _event_with(bundled, "date")
    undated = [q for q in bundled if not (q.predicate.value == KG + "date" and q.subject == dated.subject)]
    bounded = undated + [ox.Quad(dated.subject, _n(KG + "notBefore"), dated.object, dated.graph_name)]
    assert check_store(_store(bounded), config.ontology_dir()) == _pyshacl(bounded) == []
    (violation,) = check_store(_store(undated), config.ontology_dir())
    assert violation == _pyshacl(undated)[0] and violation.focus == dated.subject.value
