"""Find entity names in a spaCy Doc: the knowledge base's names, and new names found by context."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.ask.resolve import EVENT_CLASSES, AmbiguousName, NameIndex, NameNotFound
from kg.ingest.aliases import merge_glosses, short_forms
from kg.ingest.coref import antecedent, compound_modifier, described, described_by_of, indefinite, kind_of
from kg.ingest.patterns import (
    AFTER_COPULA,
    KIND_AFTER,
    ANAPHOR_BLOCKERS,
    ANAPHOR_DETERMINERS,
    ANAPHOR_MODIFIERS,
    ANAPHOR_NARROWING,
    ANAPHORS,
    AUXILIARIES,
    ACTOR_CLASSES,
    DESCRIPTOR_WORDS,
    FACILITY_KINDS,
    POSSESSED_WORDS,
    POSSESSIVES,
    REFLEXIVES,
    LEADING_CUE,
    NAME_PARTICLES,
    NAME_STOP,
    PERSON_TITLES,
    NEW_NAME_RULES,
    NOT_NAME_START,
    PRONOUN_VERBS,
    PRONOUNS,
    SPEECH_VERBS,
)
from kg.ingest.trained import TRAINED_LABELS, trained_pipeline
from kg.kb.model import KnowledgeBase
from kg.store.names import Entry, NameTable

FUZZY_ACCEPT = 90  # stricter than the CLI's: a wrong merge of two groups is worse than a new node


@dataclass
class Mention:
    start: int  # character offsets in the text
    end: int
    text: str
    entity: str
    cls: str
    new: bool
    tok: int  # first token index
    tok_end: int
    anchor: int | None = None  # for "the group": where its antecedent is named, so a span can reach it


def slug(text: str, limit: int = 48) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", text.lower().replace("’", "").replace("'", "")).strip("-")
    s = s[:limit].rstrip("-")
    return s if s and s[0].isalnum() else ("x-" + s).strip("-") or "x"


MILITARY_BASE = re.compile(r"\b(?:military|army) (base|airfield|garrison)$", re.I)


class Names:
    """The KB's names as spaCy matchers, a resolver for new candidates, and the new entities minted."""

    def __init__(self, nlp: Language, kb: KnowledgeBase):
        self.kb = kb
        self.index = NameIndex(NameTable(entries=[Entry(e.id, e.cls, e.label, e.all_names())
                                                  for e in kb.entities.values()]))
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        for e in kb.entities.values():
            if e.cls in EVENT_CLASSES:
                continue
            for name in set(e.all_names()):
                doc = nlp.make_doc(name)
                # Short and one-word names match case-exactly: "US" is not "us", "IS" not "is".
                (self.exact if len(doc) == 1 or name.isupper() else self.folded).add(e.id, [doc])
                if len(doc) == 1 and name.islower():  # "militias" opens a sentence as "Militias"
                    self.exact.add(e.id, [nlp.make_doc(name.capitalize())])
        self.rules = Matcher(nlp.vocab)
        self.rule_info: dict[str, tuple[str, int]] = {}
        for rule, cls, pattern, context in NEW_NAME_RULES:
            self.rules.add(rule, [pattern])
            self.rule_info[rule] = (cls, context)
        self.new: dict[str, dict] = {}  # id -> draft entity
        self.make_doc = nlp.make_doc
        self.model = trained_pipeline()

    def find(self, doc: Doc) -> list[Mention]:
        vocab = doc.vocab.strings
        # "a coalition" is someone new, but "a rocket attack" is a rocket
        known = [Span(doc, s, e, label=m) for m, s, e in self.exact(doc) + self.folded(doc)
                 if (not indefinite(doc, s, e) or self.kb.entities[vocab[m]].cls == "Weapon")
                 and not described_by_of(doc, s, e)]
        candidates = []
        for m, s, e in self.rules(doc):
            cls, context = self.rule_info[vocab[m]]
            if context == AFTER_COPULA:
                s = max(t.i for t in doc[s:e] if t.lower_ in ("is", "was")) + 1
            elif context == KIND_AFTER:
                name_end = e - 1 - (doc[e - 2].is_lower and e - 2 > s)  # before "oil refinery", "outpost"
                if doc[e - 1].is_lower and name_end - s >= 2:
                    e = name_end
            elif context == NAME_STOP:
                e = next((t.i for t in doc[s:e] if t.text == "," or t.is_lower and t.lower_ not in NAME_PARTICLES), e)
            elif context == LEADING_CUE:
                while s < e and not doc[s].text[:1].isupper():
                    s += 1
            elif context > 0:
                e -= context
            elif context < 0:
                s -= context
            while s < e and (doc[s].text in NOT_NAME_START or cls == "Person" and doc[s].text in PERSON_TITLES):
                s += 1
            while s < e and (doc[e - 1].text in {"-", "of", "'", "’"} or doc[e - 1].text in NAME_PARTICLES):
                e -= 1  # "Saraya al-Ghadab as a unit": an article only opens a word ("as-Sadr")
            if s < e and not all(t.lower_ in DESCRIPTOR_WORDS for t in doc[s:e]):
                candidates.append(Span(doc, s, e, label=cls))
        # "Prime Minister Mohammed Shia al-Sudani said": a person the knowledge base knows, not a new one
        ends = {k.end for k in known}
        candidates = [c for c in candidates if not (c.label_ == "Person" and c.end in ends)]
        # "the US base", "a Kurdish Peshmerga base": a site named only by who holds it
        owners = {i for k in known if self.kb.entities[vocab[k.label]].cls in ACTOR_CLASSES for i in range(k.start, k.end)}
        candidates = [c for c in candidates if not (c.label_ == "Facility" and all(
            t.lower_ in FACILITY_KINDS or t.lower_ in DESCRIPTOR_WORDS or t.i in owners for t in c))]
        trained = self._trained(doc, known + candidates)
        out = self._mentions(filter_spans(known + candidates) + trained)
        # "the Islamic Resistance in Iraq coalition": the common noun after a group's name is its head, not
        # another coalition
        group_ends = {m.tok_end for m in out if m.cls in ("Coalition", "ArmedGroup")}
        out = [m for m in out if not (m.tok in group_ends and m.text in ("coalition", "alliance", "umbrella"))]
        out = merge_glosses(doc, out, self.new)
        # Once a new name is known, its later bare mentions ("Liwa X claimed ...") count too.
        again = PhraseMatcher(doc.vocab, attr="LOWER")
        for eid, ent in self.new.items():
            again.add(eid, [self.make_doc(x) for x in [ent["label"], *short_forms(doc, ent, out)]])
        taken = {i for m in out for i in range(m.tok, m.tok_end)}
        for m, s, e in again(doc):
            if not taken & set(range(s, e)):
                eid = vocab[m]
                span = doc[s:e]
                out.append(Mention(span.start_char, span.end_char, span.text, eid, self.new[eid]["class"], True, s, e))
                taken |= set(range(s, e))
        return self._anaphora(doc, sorted(out, key=lambda m: m.tok))

    def _anaphora(self, doc: Doc, found: list[Mention]) -> list[Mention]:
        """Definite descriptions ("the group", "that umbrella organization") and subject pronouns ("it
        was led by", "they fired") become mentions of the entity they refer back to."""
        out = list(found)
        taken = {i for m in found for i in range(m.tok, m.tok_end)}
        for tok in doc:
            if tok.i in taken:
                continue
            found_ref = self._description(doc, tok, taken) or self._pronoun(doc, tok)
            if not found_ref:
                continue
            end, classes = found_ref
            ante = None if tok.lower_ in PRONOUNS else described(doc, out, tok.i, end, classes)
            ante = ante or antecedent(doc, out, tok.i, classes, pronoun=tok.lower_ in PRONOUNS)  # a chain: 'the group' can stand for 'it'
            if ante is not None:
                out.append(Mention(tok.idx, doc[end - 1].idx + len(doc[end - 1]), doc[tok.i:end].text, ante.entity,
                                   ante.cls, ante.new, tok.i, end, anchor=doc[ante.tok].sent.start_char))
                taken |= set(range(tok.i, end))
        return sorted(out, key=lambda m: m.tok)

    @staticmethod
    def _description(doc: Doc, tok, taken: set[int]) -> tuple[int, set[str]] | None:  # type: ignore[no-untyped-def]
        """'the group', 'that umbrella organization': (end token, classes it may refer to)."""
        if tok.lower_ not in ANAPHOR_DETERMINERS:
            return None
        j = tok.i + 1
        while j < len(doc) and j - tok.i <= 5 and doc[j].lower_ not in ANAPHORS and (
                doc[j].lower_ in ANAPHOR_MODIFIERS or compound_modifier(doc, j)):
            j += 1
        # "the umbrella organization": the last of the nouns is the head
        while j + 1 < len(doc) and doc[j].lower_ in ANAPHORS and doc[j + 1].lower_ in ANAPHORS:
            j += 1
        if j >= len(doc) or doc[j].lower_ not in ANAPHORS or j in taken:
            return None
        after = doc[j + 1] if j + 1 < len(doc) else None
        naming = doc[j + 1:j + 6]  # "the group, which calls itself X": it introduces X, it does not refer back
        if len(naming) > 2 and naming[0].text == "," and naming[1].lower_ in ("which", "who", "that") and any(
                t.lower_ in ("calls", "called", "named", "known", "styles", "names") for t in naming):
            return None
        if after is not None and (after.lower_ in ANAPHOR_BLOCKERS or after.text[:1].isupper() and after.i not in taken
                                  and after.is_alpha and not after.is_sent_start):
            return None
        classes = ANAPHORS[doc[j].lower_]
        for t in doc[tok.i + 1:j]:
            classes = classes & ANAPHOR_NARROWING.get(t.lower_, classes)
        return j + 1, classes

    @staticmethod
    def _pronoun(doc: Doc, tok) -> tuple[int, set[str]] | None:  # type: ignore[no-untyped-def]
        if tok.lower_ not in PRONOUNS or (tok.i > 0 and doc[tok.i - 1].lower_ in ("that", "which", "as", "if")):
            return None
        if tok.lower_ in REFLEXIVES:  # ("a group calling itself X" introduces X: it refers back to nothing)
            naming = tok.i > 0 and doc[tok.i - 1].lower_ in ("calling", "calls", "called", "styling", "styles", "dubbing")
            return None if naming else (tok.i + 1, PRONOUNS[tok.lower_])
        if tok.lower_ in POSSESSIVES:
            nxt = doc[tok.i + 1].lower_ if tok.i + 1 < len(doc) else ""
            return (tok.i + 1, PRONOUNS[tok.lower_]) if nxt in POSSESSED_WORDS else None
        j = tok.i + 1
        while j < len(doc) and doc[j].lower_ in AUXILIARIES:
            j += 1
        if j < len(doc) and doc[j].lower_ in PRONOUN_VERBS and not (tok.lower_ == "they"
                                                                   and doc[j].lower_ in SPEECH_VERBS):
            return tok.i + 1, PRONOUNS[tok.lower_]
        return None

    def _trained(self, doc: Doc, taken: list[Span]) -> list[Span]:
        """Names a trained spaCy pipeline finds, where it is installed, that no rule already covers."""
        if self.model is None:
            return []
        used = {i for span in taken for i in range(span.start, span.end)}
        out = []
        for ent in self.model(doc.text).ents:
            cls = TRAINED_LABELS.get(ent.label_)
            span = doc.char_span(ent.start_char, ent.end_char, label=cls or "", alignment_mode="expand")
            if cls and span is not None and not used & set(range(span.start, span.end)):
                out.append(span)
                used |= set(range(span.start, span.end))
        return out

    def _mentions(self, spans: list[Span]) -> list[Mention]:
        out = []
        for span in spans:
            label = span.label_
            owner = (self.named(span.text) or self.named(span[:-1].text)) if label == "Facility" and len(span) > 1 \
                else None
            if owner and self.kb.entities[owner].cls not in ("Place", "Facility", "State"):
                continue  # "a Popular Mobilization checkpoint" is the PMF's, not a place of that name
            if label in self.kb.entities:
                e = self.kb.entities[label]
                out.append(Mention(span.start_char, span.end_char, span.text, e.id, e.cls, False, span.start, span.end))
                continue
            ref = self.resolve(span.text, label)
            if ref:
                out.append(Mention(span.start_char, span.end_char, span.text, ref[0], ref[1], ref[2],
                                   span.start, span.end))
        return out

    def _lookup(self, name: str, cls: str | None = None) -> str | None:
        """The existing entity a name is one of the names of (not an event), or None. A fuzzy match needs
        FUZZY_ACCEPT and, given cls, a name of the same kind ("Tashkil Asad al-Jazira" is no air base);
        cls="" admits exact names only."""
        try:
            res = self.index.resolve(name)
        except NameNotFound:
            return None
        except AmbiguousName:
            # "Qayyarah West Airfield base" is close to the airfield and to the town: the one of the
            # candidate's class whose whole name it holds, the longest such name
            if not cls:
                return None
            held = sorted(((len(n), e.id) for e, _ in self.index.ranked(name, events=False) if e.cls == cls
                           for n in e.names if len(n) >= 5 and n.lower() in name.lower()), reverse=True)
            return held[0][1] if held and (len(held) == 1 or held[1][0] < held[0][0] or held[1][1] == held[0][1]) \
                else None
        if res.entity.cls in EVENT_CLASSES:
            return None
        if res.how == "fuzzy" and (cls == "" or res.score < FUZZY_ACCEPT
                                   or (cls is not None and kind_of(res.entity.cls) != kind_of(cls))):
            return None
        return res.entity.id

    def named(self, name: str) -> str | None:
        """The existing entity this is exactly one of the names of (no fuzzy match), or None."""
        return self._lookup(name, "")

    def known(self, name: str) -> str | None:
        """The existing entity a name is one of the names of, or None; mints nothing."""
        return self._lookup(name)

    def resolve(self, name: str, cls: str) -> tuple[str, str, bool] | None:
        """(id, class, new) for a candidate name: an existing entity if the name is one of its names."""
        if cls == "Facility":  # "the Zilkan military base" is the Zilkan base
            name = MILITARY_BASE.sub(r"\1", name)
        if found := self._lookup(name, cls):
            return found, self.kb.entities[found].cls, False
        for eid, ent in self.new.items():
            if name.lower() in (n.lower() for n in [ent["label"], *ent["aliases"]]):
                return eid, ent["class"], True
        if len(name) < 4 or cls == "Person" and len(name.split()) < 2:
            return None
        eid = base = slug(name)
        n = 2
        while eid in self.kb.entities or eid in self.new:
            eid, n = f"{base}-{n}", n + 1
        self.new[eid] = {"id": eid, "class": cls, "label": name, "aliases": [], "new": True}
        return eid, cls, True
