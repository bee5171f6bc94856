"""Reading the knowledge base's YAML safely: line numbers kept, nothing silently coerced or dropped.

- libyaml's C parser for speed, with PyYAML's own (Python) composer on top: the C composer recurses on
  the C stack and crashes the process on a file nested a hundred thousand levels deep; ours stops at
  MAX_DEPTH with an error naming the line.
- A key given twice in one mapping is an error (YAML would keep the last one and drop a fact).
- Anchors and aliases (&name, *name) are refused: a knowledge base has no use for them, and a few lines
  of aliases can expand into gigabytes ("billion laughs").
- Dates stay text: `2024-02-30` reaches parse_date, which says why it is wrong, instead of failing
  inside the YAML library; `2024-01` and `2024` are not turned into something else.
- Mappings and lists remember their line, and a mapping the line of each key, for error messages.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node
from yaml.resolver import Resolver

from kg.errors import DataError
from kg.kb.inputs import read_text_file

MAX_DEPTH = 50


class Mapping(dict):
    """A YAML mapping that knows its line and the line of each key."""

    line = 0
    key_lines: dict[Any, int]


class Sequence(list):
    """A YAML list that knows its line and the line of each item."""

    line = 0
    item_lines: list[int]


class _Resolver(Resolver):
    pass


# No implicit timestamps: dates are validated by kg, not converted (or crashed on) by the parser.
_Resolver.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in Resolver.yaml_implicit_resolvers.items()
}

try:
    from yaml.cyaml import CParser as _Parser
except ImportError:  # PyYAML built without libyaml: the same rules, in pure Python
    from yaml.parser import Parser as _Parser  # type: ignore[assignment]
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _PurePython(Reader, Scanner, _Parser):  # type: ignore[misc, valid-type]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            _Parser.__init__(self)

    _Parser = _PurePython  # type: ignore[misc, assignment]


class _Loader(_Parser, Composer, SafeConstructor, _Resolver):  # type: ignore[misc, valid-type]
    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        _Resolver.__init__(self)
        self.depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise ConstructorError(None, None, "anchors and aliases (&name, *name) are not allowed",
                                   event.start_mark)
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ConstructorError(None, None, f"nested more than {MAX_DEPTH} levels deep", event.start_mark)
        try:
            return Composer.compose_node(self, parent, index)
        finally:
            self.depth -= 1


# The C parser defines its own (recursive, C-stack) composer; use PyYAML's Python one on top of it.
for _name in ("get_single_node", "compose_document", "compose_scalar_node", "compose_sequence_node",
              "compose_mapping_node", "check_node", "get_node"):
    setattr(_Loader, _name, getattr(Composer, _name))


def _construct_mapping(loader: _Loader, node: MappingNode):  # type: ignore[no-untyped-def]
    data = Mapping()
    data.line = node.start_mark.line + 1
    data.key_lines = {}
    yield data  # PyYAML's two-step construction
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise ConstructorError(None, None, "a mapping key must be plain text", key_node.start_mark) from None
        if key in data:
            raise ConstructorError(None, None, f"duplicate key '{key}' (first on line {data.key_lines[key]})",
                                   key_node.start_mark)
        data[key] = loader.construct_object(value_node, deep=True)
        data.key_lines[key] = key_node.start_mark.line + 1


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode):  # type: ignore[no-untyped-def]
    data = Sequence()
    data.line = node.start_mark.line + 1
    data.item_lines = [child.start_mark.line + 1 for child in node.value]
    yield data
    data.extend(loader.construct_object(child, deep=True) for child in node.value)


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)


def read_yaml(path: Path) -> Any:
    """The parsed document (None for an empty file), or DataError naming the file, the line and why."""
    text = read_text_file(path)
    try:
        loader = _Loader(text)
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as ex:
        mark = ex.problem_mark or ex.context_mark
        line = f":{mark.line + 1}" if mark else ""
        raise DataError([f"{path}{line}: malformed YAML: {ex.problem or ex.context}"]) from None
    except yaml.YAMLError as ex:  # the reader's complaints (control characters) carry no mark object
        raise DataError([f"{path}: malformed YAML: {str(ex).splitlines()[0]}"]) from None
    except RecursionError:
        raise DataError([f"{path}: malformed YAML: nested too deep"]) from None
