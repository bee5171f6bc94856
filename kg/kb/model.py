"""The knowledge base as plain data: what the YAML says, checked, before it becomes RDF."""

from __future__ import annotations

from dataclasses import dataclass, field

STANCES = ("reported", "claimed", "attributed", "alleged", "denied")


@dataclass(frozen=True)
class Value:
    """A literal: its lexical form and XSD datatype IRI."""

    lexical: str
    datatype: str


@dataclass
class Entity:
    id: str
    cls: str
    label: str
    aliases: list[str] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # language tag -> name
    mentions: list[str] = field(default_factory=list)
    broader: str | None = None
    note: str | None = None
    where: str = ""  # file:line, for error messages

    def all_names(self) -> list[str]:
        return [self.label, *self.aliases, *self.names.values()]


@dataclass
class Source:
    id: str
    file: str
    sha256: str
    length: int
    title: str
    publisher: str
    published: Value
    date_basis: str
    author: str | None = None
    republished_by: str | None = None
    language: str = "en"
    url: str | None = None
    where: str = ""


@dataclass(frozen=True)
class Fact:
    subject: str
    predicate: str
    object: str | None = None  # an entity id, for object properties
    value: Value | None = None  # a literal, for value properties


@dataclass
class Claim:
    id: str
    source: str
    subject: str
    facts: list[Fact]
    stance: str
    span: tuple[int, int]
    by: str | None = None
    role: str | None = None
    valid_from: Value | None = None
    valid_until: Value | None = None
    note: str | None = None
    where: str = ""

    def entity_ids(self) -> list[str]:
        """The subject and every entity a fact points to, in order, once each."""
        ids = [self.subject]
        for fact in self.facts:
            for e in (fact.subject, fact.object):
                if e and e not in ids:
                    ids.append(e)
        return ids


@dataclass
class KnowledgeBase:
    entities: dict[str, Entity]
    sources: dict[str, Source]
    claims: list[Claim]
