"""Validate each YAML file of the knowledge base against its JSON Schema (data/schema/<kind>.schema.json).

The schemas are the definition of the file formats (data/README.md explains them); this module only
runs them and turns each failure into a message naming the file, the line, the entry and the field, in
words: `aliases: expected a list of names ([a, b]), not 'KH'`.

Two validators run the same schema: fastjsonschema (the schema compiled to Python, about 20 times
faster: it decides whether a file is valid, which at a million facts is most of a build's checking) and,
only for a file that is not, jsonschema, which lists every error with its path for the messages.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rapidfuzz import process

from kg.kb.yamlfile import Mapping, Sequence

if TYPE_CHECKING:  # jsonschema is imported only when a build validates, not by every query
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

KINDS = ("entities", "sources", "claims", "datasets")


def schema_dir(data_dir: Path) -> Path:
    """The schemas shipped beside the data format documentation (a user's data folder may lack them)."""
    from kg import config

    own = data_dir / "schema"
    return own if (own / "claims.schema.json").is_file() else config.data_dir() / "schema"


@cache
def _schema(folder: Path, kind: str) -> dict[str, Any]:
    return json.loads((folder / f"{kind}.schema.json").read_text(encoding="utf-8"))


@cache
def _validator(folder: Path, kind: str) -> Draft202012Validator:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(_schema(folder, kind))


@cache
def _is_valid(folder: Path, kind: str) -> Callable[[Any], bool]:
    import fastjsonschema

    # Our schemas use only keywords that mean the same in draft 7, the newest fastjsonschema compiles.
    compiled = fastjsonschema.compile(dict(_schema(folder, kind), **{"$schema": "http://json-schema.org/draft-07/schema#"}))

    def valid(doc: Any) -> bool:
        try:
            compiled(doc)
        except fastjsonschema.JsonSchemaValueException:
            return False
        return True
    return valid


def _shown(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (YAML reads yes/no/on/off as true/false; quote it)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, float) and value != value or value in (float("inf"), float("-inf")):
        return repr(value)
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "...'"


def _where(doc: Any, path: list[Any]) -> tuple[int, str, str]:
    """The line, the entry ("entity 'kh'") and the field path for an error at path inside doc."""
    line, entry, node, fields = getattr(doc, "line", 0), "", doc, []
    for step in path:
        if isinstance(node, Mapping) and step in node:
            line = node.key_lines.get(step, line)
            node = node[step]
            fields.append(str(step))
        elif isinstance(node, Sequence) and isinstance(step, int) and step < len(node):
            line = node.item_lines[step]
            node = node[step]
            if isinstance(node, Mapping) and not entry:
                entry = f"entry {step + 1}" + (f" '{node['id']}'" if isinstance(node.get("id"), str) else "")
                fields = []
            else:
                fields.append(f"[{step + 1}]")
        else:
            break
    return line, entry, ".".join(fields).replace(".[", "[")


def _message(error: ValidationError) -> str:
    if error.validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = sorted(set(error.instance) - set(allowed), key=str)
        parts = []
        for key in extra:
            close = [c for c, score, _ in process.extract(str(key), allowed, limit=3) if score >= 60]
            hint = f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""
            parts.append(f"unknown field '{key}'{hint}")
        return "; ".join(parts)
    if error.validator == "required":
        return f"missing field {error.message.split(chr(39))[1]}"
    wanted = error.schema.get("message") if isinstance(error.schema, dict) else None
    if error.validator in ("anyOf", "oneOf") and not wanted:
        best = min(error.context or [], key=lambda e: len(list(e.absolute_path)), default=None)
        if best is not None:
            return _message(best)
    if wanted:
        return f"expected {wanted}, not {_shown(error.instance)}"
    return error.message


def check(kind: str, doc: Any, path: Path, data_dir: Path) -> list[str]:
    """Every schema problem of one file, each as `file:line: entry: field: what is wrong`."""
    folder = schema_dir(data_dir)
    if _is_valid(folder, kind)(doc):
        return []
    problems = []
    for error in sorted(_validator(folder, kind).iter_errors(doc), key=lambda e: list(map(str, e.absolute_path))):
        line, entry, field = _where(doc, list(error.absolute_path))
        head = f"{path}:{line}" if line else str(path)
        parts = [head] + [p for p in (entry, field) if p]
        problems.append(": ".join(parts) + ": " + _message(error))
    return problems
