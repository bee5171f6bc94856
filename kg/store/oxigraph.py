"""The local store: the live generation of a store directory, opened read-only with pyoxigraph."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from kg.errors import StoreError
from kg.store.base import Raw, Store
from kg.store.generation import has_union
from kg.store.local import Manifest, read_manifest, store_size


class LocalStore(Store):
    def __init__(self, root: Path):
        manifest = read_manifest(root)
        if manifest is None:
            raise StoreError(f"no store at {root}; run `kg build`")
        self.root = root
        self.location = str(root)
        self._manifest = manifest
        self.directory = root / manifest.generation
        try:
            self.ox = ox.Store.read_only(str(self.directory))
            # A store built before the default graph held the union: fall back to Oxigraph's union mode.
            self._union_mode = not has_union(self.ox)
        except (OSError, RuntimeError) as ex:  # RocksDB reports a damaged database as a RuntimeError
            raise StoreError(f"cannot open the store at {root}: {ex}; run `kg build` to rebuild it") from None

    def execute(self, text: str, prefixes: dict[str, str] | None = None) -> Raw:
        result = self.ox.query(text, prefixes=prefixes, use_default_graph_as_union=self._union_mode)
        if isinstance(result, ox.QuerySolutions):
            return Raw(variables=[v.value for v in result.variables], solutions=result)
        if isinstance(result, ox.QueryBoolean):
            return Raw(boolean=bool(result))
        return Raw(triples=iter(result))

    def manifest(self) -> Manifest:
        return self._manifest

    def size(self) -> int:
        return store_size(self.root)

    def artifact(self, name: str) -> str | None:
        path = self.directory / name
        return str(path) if path.is_file() else None

    def dump(self, out: BinaryIO, fmt: ox.RdfFormat, union: bool, prefixes: dict[str, str]) -> None:
        if union and not self._union_mode:
            self.ox.dump(out, format=fmt, from_graph=ox.DefaultGraph(), prefixes=prefixes)
            return
        if union:
            triples = self.ox.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
            ox.serialize(triples, out, format=fmt, prefixes=prefixes)
            return
        named = (q for q in self.ox.quads_for_pattern(None, None, None) if not isinstance(q.graph_name, ox.DefaultGraph))
        ox.serialize(named, out, format=fmt, prefixes=prefixes)
