"""The other names a report gives a new entity: a person's family name and a bracketed abbreviation
after the full name ("al-Bahadli", "(LFM)"), and a translated gloss ("X, or the Y Companies")."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from kg.ingest.name_rules import GLOSS_GAPS

if TYPE_CHECKING:
    from kg.ingest.names import Mention

ABBREVIATION = re.compile(r"^[A-Z][A-Z0-9-]{1,7}$")  # "LFM", "KH", "IRGC-QF"


def short_forms(doc: Doc, ent: dict, found: list[Mention]) -> list[str]:
    """The shorter names a report uses for a new entity once it has named it in full: a person's family
    name ("al-Bahadli", "Bahadli"), and an abbreviation in brackets after the name ("... (LFM)"), which
    becomes an alias."""
    out = []
    if ent["class"] == "Person" and len(words := ent["label"].split()) >= 2:
        last = words[-1]
        family = last.split("-", 1)[1] if last.lower().startswith(("al-", "el-")) else last
        out += [last, family] if family != last else [last]
    for m in found:
        if m.entity == ent["id"] and m.tok_end + 2 < len(doc) and doc[m.tok_end].text == "(" \
                and doc[m.tok_end + 2].text == ")" and ABBREVIATION.match(doc[m.tok_end + 1].text):
            abbr = doc[m.tok_end + 1].text
            out.append(abbr)
            if abbr not in ent["aliases"]:
                ent["aliases"].append(abbr)
    return [x for x in out if len(x) >= 3]


def merge_glosses(doc: Doc, found: list[Mention], new: dict[str, dict]) -> list[Mention]:
    """'X, or the Y Companies,': a new name glossed by another (a translation) is one entity."""
    found = sorted(found, key=lambda m: m.tok)
    for a, b in zip(found, found[1:]):
        gap = [t.lower_ for t in doc[a.tok_end:b.tok]]
        after = doc[b.tok_end:b.tok_end + 2]
        apposed = gap == [",", "the"] and len(after) == 2 and after[0].text == "," \
            and after[1].lower_ not in ("and", "or")  # "X, the Y Brigade, said": not a list
        if a.new and b.new and a.cls == b.cls == "ArmedGroup" and (gap in GLOSS_GAPS or apposed) \
                and b.entity in new \
                and a.entity != b.entity:
            gone = b.entity
            new[a.entity]["aliases"].append(new.pop(gone)["label"])
            for m in found:
                if m.entity == gone:
                    m.entity = a.entity
    return found
