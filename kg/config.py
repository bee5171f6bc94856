"""Where things are: the bundled ontology, queries and data, and the store. Resolved in one place.

Each location can be moved by an environment variable (KG_ONTOLOGY, KG_QUERIES, KG_DATA, KG_STORE).
In a source checkout the folders sit beside the package; in an installed wheel they are bundled
inside it under kg/_bundled/ (see pyproject.toml).
"""

from __future__ import annotations

import json
import os
import re
from importlib import resources
from pathlib import Path

NS = "https://w3id.org/kg-armed-actors/"
"""Base of every IRI kg mints: ns# for terms, id/ for entities, source/, claim/, graph/."""


_SHORT = ((NS + "id/", ""), (NS + "ns#", "kg:"), (NS + "claim/", "claim/"), (NS + "source/", "source/"),
          ("http://www.w3.org/ns/oa#", "oa:"), ("http://www.w3.org/ns/prov#", "prov:"),
          ("http://www.w3.org/2004/02/skos/core#", "skos:"), ("http://purl.org/dc/terms/", "dcterms:"),
          ("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdf:"))


def shorten(iri: str) -> str:
    """An IRI as a reader would write it: kg:Attack, claim/SOURCE/ID, an entity by its id."""
    for long, short in _SHORT:
        if iri.startswith(long):
            return short + iri[len(long):]
    return iri


def _bundled(name: str, env: str) -> Path:
    override = os.environ.get(env)
    if override:
        return Path(override).expanduser()
    inside = Path(str(resources.files("kg"))) / "_bundled" / name
    if inside.is_dir():
        return inside
    return Path(__file__).resolve().parent.parent / name


def ontology_dir() -> Path:
    return _bundled("ontology", "KG_ONTOLOGY")


def queries_dir() -> Path:
    return _bundled("queries", "KG_QUERIES")


def bundled_data_dir() -> Path:
    """The knowledge base that ships with kg (what `kg init` copies)."""
    return _bundled("data", "KG_BUNDLED_DATA")


def user_config() -> Path:
    """Where `kg init` records the user's own knowledge base: $XDG_CONFIG_HOME/kg/config.json."""
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "kg" / "config.json"


def data_dir() -> Path:
    """$KG_DATA, else the knowledge base `kg init` made the user's default, else the bundled one."""
    if not os.environ.get("KG_DATA"):
        try:
            chosen = json.loads(user_config().read_text(encoding="utf-8")).get("data")
        except (OSError, ValueError, AttributeError):
            chosen = None
        if chosen:
            return Path(chosen)
    return _bundled("data", "KG_DATA")


def store_location() -> Path | str:
    """The default store: $KG_STORE (a directory, or the http(s) URL of a SPARQL endpoint), else
    $XDG_DATA_HOME/kg/store (~/.local/share/kg/store)."""
    override = os.environ.get("KG_STORE")
    if override and re.match(r"(?i)https?://", override):
        return override
    if override:
        return Path(override).expanduser()
    return default_store_dir()


def default_store_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "kg" / "store"


def store_path() -> Path:
    """The default store directory: $KG_STORE when it is a directory, else ~/.local/share/kg/store."""
    location = store_location()
    return location if isinstance(location, Path) else default_store_dir()


DEFAULT_QUERY_TIMEOUT = 30.0


def query_timeout(timeout: float | None = None) -> float:
    """The time limit of a query: the one given, else $KG_QUERY_TIMEOUT, else 30 s."""
    from kg.errors import UsageError

    if timeout is None:
        raw = os.environ.get("KG_QUERY_TIMEOUT", "").strip()
        if not raw:
            return DEFAULT_QUERY_TIMEOUT
        try:
            timeout = float(raw)
        except ValueError:
            raise UsageError(f"KG_QUERY_TIMEOUT must be a number of seconds, not {raw!r}") from None
    if not timeout > 0 or timeout == float("inf"):
        raise UsageError(f"the time limit must be a positive number of seconds, not {timeout!r}")
    return timeout
