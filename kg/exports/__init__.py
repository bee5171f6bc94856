"""Exports, one module per family: rdf (TriG, N-Quads, JSON-LD, Turtle), network (GraphML, GEXF for
Gephi), acled (an ACLED-style event table as CSV)."""

RDF_FORMATS = ("trig", "nq", "jsonld", "ttl")
NETWORK_FORMATS = ("graphml", "gexf")
TABLE_FORMATS = ("csv",)
FORMATS = RDF_FORMATS + NETWORK_FORMATS + TABLE_FORMATS
