"""What the rest of kg needs from a store, whatever kind it is (local Oxigraph now, a SPARQL endpoint later).

Query results are pyoxigraph objects whatever the store: rows are dicts of variable name -> term
(`NamedNode`, `Literal`, `BlankNode`), graph results are `Triple`s. A local store returns them as the
engine makes them; a remote one parses the W3C results formats into the same objects
(`pyoxigraph.parse_query_results`, `pyoxigraph.parse`). Nothing above kg/store knows which it has.

The default graph a store queries is the union of all its graphs with set semantics (a triple stated by
three claims is one triple); `GRAPH ?claim { ... }` reaches each claim's own graph.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO, Union

import pyoxigraph as ox

Term = Union[ox.NamedNode, ox.Literal, ox.BlankNode]
Row = dict[str, Term]


@dataclass
class Raw:
    """What the engine answered, before any limit: exactly one of the three is set by the query form."""

    variables: list[str] | None = None  # SELECT
    solutions: Iterator[ox.QuerySolution] | None = None  # SELECT
    boolean: bool | None = None  # ASK
    triples: Iterator[ox.Triple] | None = None  # CONSTRUCT, DESCRIBE


class Store(ABC):
    """A kg store, opened for reading."""

    location: str  # a directory or a URL, for messages

    @abstractmethod
    def execute(self, text: str, prefixes: dict[str, str] | None = None) -> Raw:
        """Run a read-only query (already checked by kg.store.queries) over the union default graph.

        Raises SyntaxError for a query the engine cannot parse and OSError/RuntimeError/ValueError for
        one it cannot evaluate; kg.store.queries turns both into QueryError.
        """

    @abstractmethod
    def manifest(self) -> Any:
        """What the store says about itself: generation, when and from what it was built, counts."""

    @abstractmethod
    def size(self) -> int:
        """Bytes the store takes (0 where that is not known)."""

    @abstractmethod
    def artifact(self, name: str) -> str | None:
        """A file the build stored beside the graph (e.g. the name index), as a local path, or None."""

    @abstractmethod
    def dump(self, out: BinaryIO, fmt: ox.RdfFormat, union: bool, prefixes: dict[str, str]) -> None:
        """The whole store: every named graph as it is (union=False), or the union of all (union=True)."""
