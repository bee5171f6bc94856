"""Named SPARQL queries (queries/*.rq) and running them with bound values.

Each .rq file starts with a comment block: what it answers, then a `Parameters:` line listing each as
`?name (type)` or `?name (type, optional)`, type one of entity, string, date, integer. Bound values are
pyoxigraph terms, validated when they are made (a NamedNode is a valid IRI, a Literal escapes itself);
the runner writes their N-Triples form into a `VALUES` block at the start of the WHERE clause, so user
text never becomes query syntax and the engine can use the value to narrow the query.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg import config
from kg.errors import KGError, UsageError
from kg.store.base import Row, Store, Term

XSD = "http://www.w3.org/2001/XMLSchema#"
PREFIXES = {
    "kg": config.NS + "ns#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dct": "http://purl.org/dc/terms/",
    "dcterms": "http://purl.org/dc/terms/",
    "xsd": XSD,
    "oa": "http://www.w3.org/ns/oa#",
    "owl": "http://www.w3.org/2002/07/owl#",
}
"""Predefined for every query; a query's own PREFIX declarations take precedence."""

_PARAM = re.compile(r"\?(\w+) \((entity|string|date|integer)(, optional)?\)")
_UPDATES = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
# What is not query syntax: comments, string literals, IRIs (each blanked out before looking for keywords).
_NOT_SYNTAX = re.compile(r"""#[^\n]*|'''(?:[^\\]|\\.)*?'''|\"\"\"(?:[^\\]|\\.)*?\"\"\"|'(?:[^'\\\n]|\\.)*'"""
                         r"""|"(?:[^"\\\n]|\\.)*"|<[^<>"{}|^`\\\s]*>""", re.S)
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# SERVICE as a keyword: anywhere but inside a longer name (a letter or _ before or after it, a variable's
# ? or $, a prefix's :). Digits and dots do not protect it: `?o.SERVICE` and `1SERVICE` parse as the keyword.
_SERVICE = re.compile(r"(?<![A-Za-z_?$:])SERVICE(?![A-Za-z_0-9:])", re.IGNORECASE)


class QueryError(KGError):
    """A query that cannot run: a syntax error, an update, a time limit, a parameter that names no variable."""


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    optional: bool


@dataclass(frozen=True)
class NamedQuery:
    name: str
    path: Path | None
    text: str
    description: str
    params: dict[str, Param]

    @property
    def ordered(self) -> bool:
        """Whether the query orders its own rows (ORDER BY)."""
        return re.search(r"\bORDER\s+BY\b", syntax_only(self.text), re.IGNORECASE) is not None


def parse_query(name: str, text: str, path: Path | None = None) -> NamedQuery:
    header = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        header.append(line.lstrip("#").strip())
    joined = " ".join(header)
    description = joined.split("Parameters:")[0].strip()
    params = {m.group(1): Param(m.group(1), m.group(2), bool(m.group(3))) for m in _PARAM.finditer(joined)}
    return NamedQuery(name, path, text, description, params)


def list_queries() -> list[NamedQuery]:
    return [load_query(p.stem) for p in sorted(config.queries_dir().glob("*.rq"))]


_CACHE: dict[Path, NamedQuery] = {}


def load_query(name_or_file: str) -> NamedQuery:
    """A query by name (queries/NAME.rq) or by the path of a .rq file."""
    path = Path(name_or_file)
    if path.suffix != ".rq" or not path.is_file():
        path = config.queries_dir() / f"{name_or_file}.rq"
    if path in _CACHE:
        return _CACHE[path]
    if not path.is_file():
        names = ", ".join(p.stem for p in sorted(config.queries_dir().glob("*.rq")))
        raise UsageError(f"no query named {name_or_file!r} (named queries: {names}; or give a .rq file)")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as ex:
        raise QueryError(f"{path}: not UTF-8 text (byte {ex.start}); save the query as UTF-8") from None
    except OSError as ex:
        raise QueryError(f"{path}: cannot read the query ({ex.strerror or ex})") from None
    query = _CACHE[path] = parse_query(path.stem, text, path)
    return query


def syntax_only(text: str) -> str:
    """The query with comments, strings and IRIs blanked (same length), \\u escapes decoded first."""
    return _NOT_SYNTAX.sub(lambda m: " " * len(m.group(0)), text)


def check_read_only(text: str, allow_service: bool = False) -> None:
    """Refuse what is not a plain read: updates (and LOAD), and SERVICE (a network request) unless allowed."""
    if not any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines()):
        raise QueryError("the query is empty")
    # The SPARQL grammar reads \\uXXXX escapes anywhere in a query, so S\\u0045RVICE is SERVICE: decode first.
    decoded = _CODEPOINT.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)) if int(m.group(1) or m.group(2), 16)
                             < 0x110000 else m.group(0), text)
    code = syntax_only(decoded)
    first = first_keyword(code)
    if first in _UPDATES:
        raise QueryError(f"{first} is a SPARQL update: kg runs read-only queries only "
                         "(edit data/ and run `kg build` to change the graph)")
    if not allow_service and _SERVICE.search(code):
        raise QueryError("SERVICE (a query sent to another server over the network) is refused; "
                         "pass --allow-service or set KG_ALLOW_SERVICE=1 to allow it")


def first_keyword(code: str) -> str:
    """The first word after the PREFIX and BASE declarations (their IRIs already blanked)."""
    words = iter(re.findall(r"[^\s{(]+|[{(]", code))
    for word in words:
        upper = word.upper()
        if upper == "PREFIX":
            next(words, None)  # the prefix name
        elif upper != "BASE":
            return re.sub(r"\W.*", "", upper)
    return ""


def literal_for(param: Param, value: str) -> ox.Literal:
    """A literal of the parameter's type, from the text a user gave."""
    if param.type == "integer":
        if not re.fullmatch(r"-?\d+", value):
            raise UsageError(f"parameter {param.name} must be a whole number, not {value!r}")
        return ox.Literal(str(int(value)), datatype=ox.NamedNode(XSD + "integer"))
    return ox.Literal(value)


def values_block(bindings: Mapping[str, Term | Sequence[Term]]) -> str:
    """`VALUES (?a ?b) { (<iri> "text") }` from terms, in their N-Triples form (escaped by Oxigraph).

    A variable given a list of terms gets one row per term (several lists: every combination).
    """
    names, columns = [], []
    for name, value in bindings.items():
        if not re.fullmatch(r"\w+", name):
            raise QueryError(f"{name!r} is not a variable name")
        values = list(value) if isinstance(value, (list, tuple, set, frozenset)) else [value]
        for v in values:
            if not isinstance(v, (ox.NamedNode, ox.Literal)):
                raise QueryError(f"parameter {name!r} must be an IRI or a literal, not {type(v).__name__}")
        names.append(f"?{name}")
        columns.append([str(v) for v in values])
    rows = " ".join(f"({' '.join(cells)})" for cells in itertools.product(*columns))
    return f"VALUES ({' '.join(names)}) {{ {rows} }}"


def bind(text: str, bindings: Mapping[str, Term | Sequence[Term]]) -> str:
    """The query with a VALUES block for the bindings as the first thing its WHERE clause evaluates.

    A variable the query itself assigns (`... AS ?x`) cannot be given a value before that: its VALUES
    block goes at the end of the query instead, where it filters the results.
    """
    if not bindings:
        return text
    code = syntax_only(text)
    for name in bindings:
        if not re.search(rf"[?$]{re.escape(name)}\b", code):
            raise QueryError(f"parameter {name!r} names no variable in the query")
    late = {k: v for k, v in bindings.items() if re.search(rf"\bAS\s+[?$]{re.escape(k)}\b", code, re.I)}
    early = {k: v for k, v in bindings.items() if k not in late}
    if late:
        text = text.rstrip() + "\n" + values_block(late) + "\n"
    if not early:
        return text
    where = re.search(r"\bWHERE\s*\{", code, re.IGNORECASE) or re.search(r"\{", code)
    if where is None:
        raise QueryError("the query has no WHERE clause to bind parameters in")
    at = where.end()
    return text[:at] + " " + values_block(early) + " " + text[at:]


def engine_error(ex: Exception) -> QueryError:
    if isinstance(ex, SyntaxError):
        first = str(ex).splitlines()[0] if str(ex) else "unreadable query"
        return QueryError(f"SPARQL syntax error: {first[:140]}{'…' if len(first) > 140 else ''}")
    return QueryError(f"the query failed: {str(ex).splitlines()[0] if str(ex) else type(ex).__name__}")


def run(store: Store, query: NamedQuery | str,
        bindings: Mapping[str, Term | Sequence[Term]] | None = None) -> list[Row]:
    """Rows of a SELECT (each a dict of variable name to pyoxigraph term, unbound variables left out)."""
    text = query.text if isinstance(query, NamedQuery) else query
    check_read_only(text)
    try:
        raw = store.execute(bind(text, bindings or {}), PREFIXES)
        if raw.solutions is None or raw.variables is None:
            raise QueryError("only SELECT queries return rows; use `kg sparql` for ASK, CONSTRUCT and DESCRIBE")
        names = raw.variables
        rows = []
        for solution in raw.solutions:
            row = {}
            for n in names:
                value = solution[n]
                if value is not None:
                    row[n] = value
            rows.append(row)
        return rows
    except (SyntaxError, ValueError, OSError, RuntimeError) as ex:  # how Oxigraph reports a failed query
        raise engine_error(ex) from None
