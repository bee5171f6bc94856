"""Event datasets imported in bulk: one module per format (acled), the registry, and rows into events."""
