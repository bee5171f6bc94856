"""The store: the on-disk Oxigraph database (local), its manifest, and the query runner (queries)."""

from kg.store.local import (  # noqa: F401
    Manifest,
    open_dataset,
    read_manifest,
    store_size,
    write_store,
)
