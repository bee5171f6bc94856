"""What a build adds to a generation after loading its quads: the union default graph and the name index.

The default graph holds the union of all named graphs, each triple once (a graph is a set), so that a
query over the default graph has set semantics: a fact stated by three claims is one fact, not three rows.
Oxigraph's own union mode would repeat it once per graph. Provenance stays in each claim's graph.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg.config import queries_dir
from kg.store.names import FILE, entries_from_rows, write_index

# Triples without blank nodes go through Oxigraph's bulk loader; the few with blank nodes (the
# ontology's OWL lists) are added as they are, since a loader gives blank nodes new identities.
_UNION = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } FILTER(!isBlank(?s) && !isBlank(?o)) }"
_UNION_BLANK = "SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(isBlank(?s) || isBlank(?o)) }"


def finish_generation(store: ox.Store, directory: Path) -> None:
    """Fill the default graph with the union of the named graphs and write the name index file."""
    triples = store.query(_UNION).serialize(format=ox.RdfFormat.N_TRIPLES)
    store.bulk_load(input=triples, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())
    store.extend([ox.Quad(r["s"], r["p"], r["o"], ox.DefaultGraph()) for r in store.query(_UNION_BLANK)])
    names = (queries_dir() / "entity_names.rq").read_text(encoding="utf-8")
    result = store.query(names, use_default_graph_as_union=True)
    variables = [v.value for v in result.variables]
    rows = [{v: s[v] for v in variables if s[v] is not None} for s in result]
    write_index(directory / FILE, entries_from_rows(rows))


def has_union(store: ox.Store) -> bool:
    """Whether the default graph was filled by finish_generation (stores built before it was not)."""
    return next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None
