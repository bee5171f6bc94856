"""The SHACL shapes (ontology/shapes.ttl) translated into SPARQL that Oxigraph runs over a built store.

pyshacl walks an in-memory rdflib graph, which at a million quads costs minutes and gigabytes. Here each
shape's targets and constraints become SELECT queries that return the focus nodes which violate it, so
the check runs inside the engine at engine speed. shapes.ttl stays the one definition of valid data:
nothing here names a class or a property of ours, it only knows SHACL-core. A shape using a construct
this module does not translate raises Untranslatable, and the caller falls back to pyshacl.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

SH = Namespace("http://www.w3.org/ns/shacl#")
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
SUBCLASS = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"


class Untranslatable(Exception):
    """A shape uses SHACL this translator does not cover; pyshacl must check it instead."""


@dataclass(frozen=True)
class Check:
    """One SPARQL query returning ?f, the focus nodes that violate `shape` (at `path`, if any)."""

    shape: str
    path: str
    message: str
    query: str


def _nt(node: Node) -> str:
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, Literal):
        return node.n3()
    raise Untranslatable(f"a blank node where a value was expected ({node})")


class _Translator:
    def __init__(self, shapes: Graph, subclasses: dict[str, list[str]]):
        self.g = shapes
        self.subclasses = subclasses  # class IRI -> it and every subclass, from the store's ontology
        self.var = 0

    def fresh(self) -> str:
        self.var += 1
        return f"?x{self.var}"

    def classes(self, cls: Node) -> str:
        return " ".join(f"<{c}>" for c in self.subclasses.get(str(cls), [str(cls)]))

    def list(self, node: Node) -> list[Node]:
        return list(Collection(self.g, node))

    # --- value-level constraints as a boolean "conforms" expression over a variable ----------------

    def conforms(self, v: str, shape: Node) -> str:
        """Whether v conforms to a shape used as a value (in sh:or, sh:node, a qualified shape...)."""
        path = self.g.value(shape, SH.path)
        if path is not None:
            return self.property_conforms(v, shape, path)
        return self.node_conforms(v, shape)

    def node_conforms(self, v: str, shape: Node) -> str:
        """Whether v meets the node-level constraints of a shape (for a property shape: each value's)."""
        parts = []
        for p, o in self.g.predicate_objects(shape):
            parts.extend(self.constraint(v, p, o))
        return "(" + " && ".join(parts) + ")" if parts else "true"

    def property_conforms(self, v: str, shape: Node, path: Node) -> str:
        """Whether node v conforms to a property shape used inside sh:or, sh:and, sh:not or sh:xone."""
        if not isinstance(path, URIRef):
            raise Untranslatable("a property path that is not a single predicate")
        p, x, y = _nt(path), self.fresh(), self.fresh()
        parts = []
        low, high = self.g.value(shape, SH.minCount), self.g.value(shape, SH.maxCount)
        if low is not None and int(low) > 1 or high is not None and int(high) > 1:
            raise Untranslatable("counts above 1 inside a logical constraint")
        if low is not None and int(low) == 1:
            parts.append(f"EXISTS {{ {v} {p} {x} }}")
        if high is not None:
            parts.append(f"NOT EXISTS {{ {v} {p} {x}, {y} FILTER(!sameTerm({x}, {y})) }}" if int(high) == 1
                         else f"NOT EXISTS {{ {v} {p} {x} }}")
        values = []
        for q, o in self.g.predicate_objects(shape):
            if q in _PROPERTY_LEVEL - {SH.minCount, SH.maxCount}:
                raise Untranslatable(f"{q} inside a logical constraint")
            values.extend(self.constraint(x, q, o))
        if values:
            parts.append(f"NOT EXISTS {{ {v} {p} {x} FILTER(!({' && '.join(values)})) }}")
        return "(" + " && ".join(parts) + ")" if parts else "true"

    def constraint(self, v: str, p: Node, o: Node) -> Iterator[str]:
        if p == SH["class"]:
            t = self.fresh()
            yield f"EXISTS {{ VALUES {t} {{ {self.classes(o)} }} {v} {RDF_TYPE} {t} }}"
        elif p == SH.datatype:
            yield f"(isLiteral({v}) && DATATYPE({v}) = {_nt(o)})"
        elif p == SH.nodeKind:
            kinds = {"IRI": f"isIRI({v})", "BlankNode": f"isBlank({v})", "Literal": f"isLiteral({v})",
                     "BlankNodeOrIRI": f"!isLiteral({v})", "BlankNodeOrLiteral": f"!isIRI({v})",
                     "IRIOrLiteral": f"!isBlank({v})"}
            yield kinds[str(o).rsplit("#", 1)[-1]]
        elif p in (SH.minInclusive, SH.maxInclusive, SH.minExclusive, SH.maxExclusive):
            op = {SH.minInclusive: ">=", SH.maxInclusive: "<=", SH.minExclusive: ">", SH.maxExclusive: "<"}[p]
            yield f"COALESCE({v} {op} {_nt(o)}, false)"
        elif p in (SH.minLength, SH.maxLength):
            op = ">=" if p == SH.minLength else "<="
            yield f"(!isBlank({v}) && STRLEN(STR({v})) {op} {int(o)})"
        elif p == SH.pattern:
            flags = self.g.value(self.owner(p, o), SH.flags)
            extra = f", {Literal(str(flags)).n3()}" if flags else ""
            yield f"(!isBlank({v}) && REGEX(STR({v}), {Literal(str(o)).n3()}{extra}))"
        elif p == SH["in"]:
            yield f"({v} IN ({', '.join(_nt(x) for x in self.list(o))}))"
        elif p == SH.languageIn:
            tests = " || ".join(f"LANGMATCHES(LANG({v}), {Literal(str(x)).n3()})" for x in self.list(o))
            yield f"(isLiteral({v}) && ({tests}))"
        elif p == SH["or"]:
            yield "(" + " || ".join(self.conforms(v, s) for s in self.list(o)) + ")"
        elif p == SH["and"]:
            yield "(" + " && ".join(self.conforms(v, s) for s in self.list(o)) + ")"
        elif p == SH["not"]:
            yield f"!{self.conforms(v, o)}"
        elif p == SH.xone:
            yield "((" + " + ".join(f"IF({self.conforms(v, s)}, 1, 0)" for s in self.list(o)) + ") = 1)"
        elif p == SH.node:
            if (o, SH.property, None) in self.g:
                raise Untranslatable("sh:node with property shapes")
            yield self.conforms(v, o)
        elif p in _IGNORED or p in _PROPERTY_LEVEL:
            return
        else:
            raise Untranslatable(f"constraint {p}")

    def owner(self, p: Node, o: Node) -> Node:
        return next(iter(self.g.subjects(p, o)))

    # --- shapes into checks ------------------------------------------------------------------------

    def focus(self, shape: Node) -> str:
        targets = []
        for cls in self.g.objects(shape, SH.targetClass):
            targets.append(f"{{ VALUES ?t {{ {self.classes(cls)} }} ?f {RDF_TYPE} ?t }}")
        for prop in self.g.objects(shape, SH.targetSubjectsOf):
            targets.append(f"{{ ?f {_nt(prop)} ?any }}")
        for prop in self.g.objects(shape, SH.targetObjectsOf):
            targets.append(f"{{ ?any {_nt(prop)} ?f }}")
        for node in self.g.objects(shape, SH.targetNode):
            targets.append(f"{{ BIND({_nt(node)} AS ?f) }}")
        return " UNION ".join(targets)

    def checks(self, shape: Node) -> Iterator[Check]:
        focus = self.focus(shape)
        if not focus:
            return  # a shape without targets is only used from other shapes (sh:or, sh:node)
        name = str(shape)
        own = self.node_conforms("?f", shape)
        if own != "true":  # one query per target: a UNION of them all is slower than its parts
            for part in focus.split(" UNION "):
                yield Check(name, "", self.message(shape), f"SELECT DISTINCT ?f WHERE {{ {part} FILTER(!{own}) }}")
        for prop in self.g.objects(shape, SH.property):
            yield from self.property_checks(name, focus, prop)

    def message(self, node: Node) -> str:
        m = self.g.value(node, SH.message)
        return str(m) if m is not None else "constraint not met"

    def property_checks(self, shape: str, focus: str, prop: Node) -> Iterator[Check]:
        path = self.g.value(prop, SH.path)
        if not isinstance(path, URIRef):
            raise Untranslatable("a property path that is not a single predicate")
        p, msg = _nt(path), self.message(prop)
        fs = f"{{ SELECT DISTINCT ?f WHERE {{ {focus} }} }}"

        def check(where: str) -> Check:
            return Check(shape, str(path), msg, f"SELECT DISTINCT ?f WHERE {{ {fs} {where} }}")

        values = self.node_conforms("?v", prop)
        if values != "true" and path in set(self.g.objects(self.owner(SH.property, prop), SH.targetSubjectsOf)):
            # Every subject of the path is a focus node of this shape: no need to find the targets first.
            yield Check(shape, str(path), msg, f"SELECT DISTINCT ?f WHERE {{ ?f {p} ?v FILTER(!{values}) }}")
        elif values != "true":
            yield check(f"?f {p} ?v FILTER(!{values})")
        low, high = self.g.value(prop, SH.minCount), self.g.value(prop, SH.maxCount)
        if low is not None and int(low) == 1 and high is None:
            yield check(f"FILTER NOT EXISTS {{ ?f {p} ?v }}")
        elif low is not None or high is not None:  # both bounds in one pass over the targets
            yield self.counted(shape, str(path), msg, fs, p, low, high, "true")
        qualified = self.g.value(prop, SH.qualifiedValueShape)
        if qualified is not None:
            if self.g.value(prop, SH.qualifiedValueShapesDisjoint) not in (None, Literal(False)):
                raise Untranslatable("sh:qualifiedValueShapesDisjoint")
            low, high = self.g.value(prop, SH.qualifiedMinCount), self.g.value(prop, SH.qualifiedMaxCount)
            if low is not None or high is not None:
                yield self.counted(shape, str(path), msg, fs, p, low, high, self.conforms("?v", qualified))
        if self.g.value(prop, SH.uniqueLang) == Literal(True):
            yield check(f"?f {p} ?v, ?w FILTER(?v != ?w && isLiteral(?v) && LANG(?v) != '' && LANG(?v) = LANG(?w))")
        for key, op in ((SH.lessThan, "<"), (SH.lessThanOrEquals, "<=")):
            for other in self.g.objects(prop, key):
                yield check(f"?f {p} ?v . ?f {_nt(other)} ?w FILTER(!COALESCE(?v {op} ?w, false))")
        for other in self.g.objects(prop, SH.equals):
            q = _nt(other)
            yield check(f"{{ ?f {p} ?v FILTER NOT EXISTS {{ ?f {q} ?v }} }} UNION "
                        f"{{ ?f {q} ?v FILTER NOT EXISTS {{ ?f {p} ?v }} }}")
        for other in self.g.objects(prop, SH.disjoint):
            yield check(f"?f {p} ?v . ?f {_nt(other)} ?v")
        for value in self.g.objects(prop, SH.hasValue):
            yield check(f"FILTER NOT EXISTS {{ ?f {p} {_nt(value)} }}")

    def counted(self, shape: str, path: str, msg: str, fs: str, p: str, low: Node | None, high: Node | None,
                ok: str) -> Check:
        inner = f"OPTIONAL {{ ?f {p} ?v FILTER({ok}) }}"
        having = " || ".join([f"COUNT(DISTINCT ?v) < {int(low)}"] * (low is not None)
                             + [f"COUNT(DISTINCT ?v) > {int(high)}"] * (high is not None))
        return Check(shape, path, msg, f"SELECT ?f WHERE {{ {fs} {inner} }} GROUP BY ?f HAVING ({having})")


_IGNORED = {RDF.type, SH.message, SH.severity, SH.name, SH.description, SH.order, SH.group, SH.flags,
            SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode, SH.property, SH.path,
            SH.deactivated, URIRef("http://www.w3.org/2000/01/rdf-schema#comment"),
            URIRef("http://www.w3.org/2000/01/rdf-schema#label")}
_PROPERTY_LEVEL = {SH.minCount, SH.maxCount, SH.qualifiedValueShape, SH.qualifiedMinCount, SH.qualifiedMaxCount,
                   SH.qualifiedValueShapesDisjoint, SH.uniqueLang, SH.lessThan, SH.lessThanOrEquals, SH.equals,
                   SH.disjoint, SH.hasValue}


def translate(shapes: Graph, subclasses: dict[str, list[str]]) -> list[Check]:
    """Every check the shapes define; raise Untranslatable if one cannot be expressed here."""
    t = _Translator(shapes, subclasses)
    if any(True for _ in shapes.subjects(SH.deactivated, Literal(True))):
        raise Untranslatable("sh:deactivated")
    if any(True for _ in shapes.subjects(SH.sparql, None)) or any(True for _ in shapes.subjects(SH.closed, None)):
        raise Untranslatable("SHACL-SPARQL or sh:closed")
    targeted = {s for p in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)
                for s in shapes.subjects(p, None)}
    checks: list[Check] = []
    for shape in sorted(targeted, key=str):
        if isinstance(shape, BNode):
            raise Untranslatable("a targeted shape without an IRI")
        checks.extend(t.checks(shape))
    return checks


def classes_mentioned(shapes: Graph) -> set[str]:
    """Every class a shape targets or requires, whose subclasses the checks need to know."""
    return {str(o) for p in (SH.targetClass, SH["class"]) for o in shapes.objects(None, p)}
