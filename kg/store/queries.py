"""Named SPARQL queries (queries/*.rq) and running them with bound parameters.

Each .rq file starts with a comment block: what it answers, then a `Parameters:` line listing each as
`?name (type)` or `?name (type, optional)`, type one of entity, string, date, integer. Values are bound
through rdflib's initBindings (Oxigraph substitutions): user text never becomes query text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import Dataset, Literal, Variable
from rdflib.term import Identifier

from kg import config
from kg.errors import KGError, UsageError

_PARAM = re.compile(r"\?(\w+) \((entity|string|date|integer)(, optional)?\)")
_UPDATE = re.compile(
    r"^\s*(?:(?:PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
    re.IGNORECASE,
)


class QueryError(KGError):
    """A query that cannot run: a syntax error, an update, or a parameter that names no variable."""


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


def load_query(name_or_file: str) -> NamedQuery:
    """A query by name (queries/NAME.rq) or by the path of a .rq file."""
    path = Path(name_or_file)
    if path.suffix != ".rq" or not path.is_file():
        path = config.queries_dir() / f"{name_or_file}.rq"
    if not path.is_file():
        names = ", ".join(p.stem for p in sorted(config.queries_dir().glob("*.rq")))
        raise UsageError(f"no query named {name_or_file!r} (named queries: {names}; or give a .rq file)")
    return parse_query(path.stem, path.read_text(encoding="utf-8"), path)


def refuse_updates(text: str) -> None:
    match = _UPDATE.match(text)
    if match:
        raise QueryError(f"{match.group(1).upper()} is a SPARQL update: kg runs read-only queries only "
                         "(edit data/ and run `kg build` to change the graph)")


def literal_for(param: Param, value: str) -> Identifier:
    """A literal of the parameter's type, from the text a user gave."""
    if param.type == "integer":
        if not re.fullmatch(r"-?\d+", value):
            raise UsageError(f"parameter {param.name} must be a whole number, not {value!r}")
        return Literal(int(value))
    return Literal(value)


def run(ds: Dataset, query: NamedQuery | str, bindings: dict[str, Identifier] | None = None) -> list[dict[str, Any]]:
    """Rows of a SELECT (each a dict of variable name to rdflib term, unbound variables left out)."""
    text = query.text if isinstance(query, NamedQuery) else query
    if not any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines()):
        raise QueryError("the query is empty")
    bindings = bindings or {}
    for name in bindings:
        if not re.search(rf"[?$]{re.escape(name)}\b", text):
            raise QueryError(f"parameter {name!r} names no variable in the query")
        # Oxigraph binds a parameter only where the variable is projected: say so rather than fail later.
        body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
        select = re.search(r"\bSELECT\b(.*?)(\bWHERE\b|\{)", body, re.S | re.I)
        projection = select.group(1) if select else "*"
        if "*" not in projection and not re.search(rf"[?$]{re.escape(name)}\b", projection):
            raise QueryError(f"parameter {name!r} must be one of the SELECT variables to be bound")
    refuse_updates(text)
    try:
        result = ds.query(text, initBindings={Variable(k): v for k, v in bindings.items()})
    except SyntaxError as ex:
        first = str(ex).splitlines()[0] if str(ex) else "unreadable query"
        raise QueryError(f"SPARQL syntax error: {first[:140]}{'…' if len(first) > 140 else ''}") from None
    except (ValueError, OSError, RuntimeError) as ex:  # Oxigraph reports evaluation errors as these
        raise QueryError(f"the query failed: {ex}") from None
    if result.type != "SELECT":
        raise QueryError(f"only SELECT queries return rows; this one is {result.type}")
    names = [str(v) for v in result.vars or []]
    return [{n: row[i] for i, n in enumerate(names) if row[i] is not None} for row in result]

