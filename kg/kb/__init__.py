"""The knowledge base as data: the model, the YAML loader and its schema, compiling to quads, the
vocabulary read from the ontology, SHACL validation, and checks against the source texts."""
