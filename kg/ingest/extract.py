"""Propose claims from a report's text: events with their roles, relations between actors, stances.

Sentence by sentence, with spaCy's rule-based tools only (a blank English pipeline, a sentencizer,
PhraseMatcher and Matcher); every claim's span is the sentence it rests on.
"""

from __future__ import annotations

import re

import spacy
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from kg.ingest import clauses, cues, titles
from kg.ingest import patterns as P
from kg.ingest.cues import boundary
from kg.ingest.dates import Pub, find_dates, resolve
from kg.ingest.events import Event, EventRules, Proposal, known_events
from kg.ingest.headline import body_sentence
from kg.ingest.layout import FOOTER, dated_heading, dateline_head, furniture
from kg.ingest.names import Mention, Names
from kg.ingest.proposals import containment
from kg.ingest.relations import RelationRules
from kg.kb.model import KnowledgeBase

__all__ = ["Event", "Extractor", "Proposal"]


@Language.component("kg_line_breaks")
def _line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: titles, datelines and bullets carry no full stop."""
    for tok in doc[:-1]:
        if "\n" in tok.text or "\n" in tok.whitespace_:
            doc[tok.i + 1].is_sent_start = True
    return doc


TAG = re.compile(r"</?[A-Za-z][^<>\n]{0,80}>")


def strip_tags(text: str) -> tuple[str, list[int]]:
    """The text without markup left over from a web page ("<u>Popular</u> <u>Mobilisation Forces</u>"),
    and for each of its characters the offset it had in the text (the last entry: the text's length)."""
    parts, where, pos = [], [], 0
    for m in TAG.finditer(text):
        parts.append(text[pos:m.start()])
        where.extend(range(pos, m.start()))
        pos = m.end()
    parts.append(text[pos:])
    where.extend(range(pos, len(text)))
    where.append(len(text))
    return "".join(parts), where


@Language.component("kg_abbreviations")
def _abbreviations(doc: Doc) -> Doc:
    """'Brig. Gen. A. Example', 'on Dec. 9': a title's or month's full stop ends no sentence."""
    for tok in doc[1:-1]:
        word = tok.text.rstrip(".")
        ends_abbrev = (tok.text == "." and doc[tok.i - 1].text in P.ABBREVIATIONS) or \
                      (tok.text.endswith(".") and word in P.ABBREVIATIONS)
        if ends_abbrev and "\n" not in tok.whitespace_:
            doc[tok.i + 1].is_sent_start = False
    return doc


def _pipeline() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("kg_line_breaks")
    nlp.add_pipe("kg_abbreviations")
    return nlp


def _matcher(nlp: Language, rules: list[tuple[str, list]]) -> Matcher:
    m = Matcher(nlp.vocab)
    for name, pattern in rules:
        m.add(name, [pattern])
    return m


class Extractor(EventRules, RelationRules):
    def __init__(self, kb: KnowledgeBase):
        self.nlp = _pipeline()
        self.kb = kb
        self.names = Names(self.nlp, kb)
        self.relations = Matcher(self.nlp.vocab)
        for rule, _, pattern, _ in P.RELATION_RULES:
            self.relations.add(rule, [pattern])
        self.rel_info = {rule: (pred, side) for rule, pred, _, side in P.RELATION_RULES}
        self.stances = _matcher(self.nlp, [(f"{s}-{i}", p) for i, (s, p) in enumerate(P.STANCE_RULES)])
        self.response = _matcher(self.nlp, [(f"r{i}", p) for i, p in enumerate(P.RESPONSE_CUES)])
        self.sequence = _matcher(self.nlp, [(f"q{i}", p) for i, p in enumerate(P.SEQUENCE_CUES)])
        self.under = _matcher(self.nlp, [("under", P.UNDER_ATTACK)])
        self.no_harm = _matcher(self.nlp, [(f"n{i}", p) for i, p in enumerate(P.NO_HARM_CUES)])
        self.orders = _matcher(self.nlp, [(f"o{i}", p) for i, p in enumerate(P.ORDER_CUES)])
        self.known = known_events(kb)
        self.within = containment(kb)
        self.leaders, self.parts = titles.known_leaders(kb), titles.known_parts(kb)
        self.mentions: list[Mention] = []  # every name of the report being read (set by run)

    def run(self, text: str, pub: Pub, title: str = "") -> tuple[list[Proposal], list[Event], dict[str, dict]]:
        clean, where = strip_tags(text)
        doc = self.nlp(clean)
        self.names.new = {}
        mentions = self.names.find(doc)
        self.mentions = mentions
        self.events: list[Event] = []
        self.seen: list[Event] = []
        self.dated: dict[str, str] = {}  # event id -> the first date this report gives it
        self.context: str | None = None
        proposals: list[Proposal] = []
        anchor: str | None = None
        last_event: Event | None = None
        self.section: str | None = None  # the date a dated heading gives the paragraphs under it
        for sent in doc.sents:
            if not sent.text.strip() or sent.text.strip() == title and not body_sentence(title):
                continue  # a headline restates the report in a few words, with no date
            if (day := dated_heading(clean, sent.start_char, pub)) is not None:
                self.section = day or None  # "9 January 2026 - Ain al-Asad" dates the entry under it
                self.context = self.section or self.context
                continue
            if furniture(clean, sent.start_char) or FOOTER.search(sent.text):
                continue  # "A version of this article appears in print on ...", "(Reporting by ...)"
            head = sent.start_char + dateline_head(sent.text)  # "AL-QAIM, Iraq —": no actor, no place
            ms = [m for m in mentions if sent.start <= m.tok < sent.end and m.start >= head]
            stance, by = self.stance(sent, ms)
            lead = len(sent.text) - len(sent.text.lstrip())
            span = (sent.start_char + lead, sent.start_char + len(sent.text.rstrip()))
            proposals += self.relations_in(sent, ms, stance, by, span)
            ev_props, anchor, last_event = self.events_in(sent, ms, stance, by, span, pub, anchor, last_event)
            self.context = next((v for d in find_dates(sent.text) if d.kind not in ("in_year",)
                                 and not boundary(sent.text, d.start)
                                 and (v := resolve(d, pub, anchor)) and len(v) >= 7), self.context)
            proposals += ev_props
        unique: dict[tuple, Proposal] = {}
        for p in proposals:
            p.span = (where[p.span[0]], where[p.span[1] - 1] + 1)  # back to offsets in the text as given
            unique.setdefault((p.subject, repr(sorted(p.facts.items())), p.span), p)
        return list(unique.values()), self.events, self.names.new

    # --- stance ---------------------------------------------------------------------------------
    def stance(self, sent: Span, ms: list[Mention], cues_found: list | None = None) -> tuple[str, str | None]:
        found = cues_found if cues_found is not None else sorted(
            self.stances(sent), key=lambda m: int(self.nlp.vocab.strings[m[0]].rsplit("-", 1)[1]))
        # "X, which has claimed several attacks, ...": a claim that describes a group is not the sentence's
        found = [f for f in found if not (self.nlp.vocab.strings[f[0]].startswith("claimed") and any(
            t.lower_ in ("which", "that") for t in sent[max(0, f[1] - 3):f[1]]))]
        # "X struck Y, in what Washington said was a response": the speaker names what it was, not the act
        found = [f for f in found if not any(t.lower_ == "what" for t in sent[max(0, f[1] - 3):f[1]])]
        if not found:
            return "reported", None
        name, s, e = found[0]
        stance = self.nlp.vocab.strings[name].rsplit("-", 1)[0]
        if stance == "unclaimed":  # "no group claimed it, but officials said ...": the next cue, not a claim
            rest = [f for f in found[1:] if not self.nlp.vocab.strings[f[0]].startswith(("claimed", "unclaimed"))
                    and (f[1] >= e or f[2] <= s)]  # not "statement" in "issued no statement"
            return self.stance(sent, ms, rest) if rest else ("reported", None)
        if stance == "alleged":  # a hedge in an official's words is theirs: "officials said X is believed to"
            said = [f for f in found if self.nlp.vocab.strings[f[0]].startswith("attributed")]
            if said:
                told, by = self._attributed(sent, ms, said[0][1], said[0][2])
                if by:
                    return told, by
            return stance, None
        if stance in ("claimed", "denied"):
            cue_tok = sent.start + s
            speakers = [m for m in ms if m.cls in P.ACTOR_CLASSES]
            # "an unknown Iraqi armed group claimed": a nationality qualifying a noun is not the claimant
            left = [m for m in speakers if m.tok_end <= cue_tok and not cues.modifier(sent.doc, m)]
            if not left:
                return stance, None
            # "X, the most powerful of the Y-backed militias, denied": X speaks, not the phrase describing it
            head = clauses.apposed(sent.doc, left[-1], left[:-1])
            return stance, (head[-1] if head else left[-1]).entity
        return self._attributed(sent, ms, s, e)

    def _attributed(self, sent: Span, ms: list[Mention], s: int, e: int) -> tuple[str, str | None]:
        """Who speaks, for a speech cue at s..e of the sentence ("said", "according to")."""
        cue_tok = sent.start + s
        speakers = [m for m in ms if m.cls in P.ACTOR_CLASSES]
        if sent[s].lower_ == "according":
            right = [m for m in speakers if 0 <= m.tok - (sent.start + e) <= 6  # "according to X", not "..., its"
                     and m.text.lower() not in P.PRONOUNS]
            right.sort(key=lambda m: m.cls != "Person")
            return "attributed", (right[0].entity if right else None)
        if sent[s].lower_ in P.OBJECT_CUES:  # "officials blamed X": X is blamed, not the one speaking
            speakers = [m for m in speakers if m.tok_end <= cue_tok]
        # "..., said X." speaks, and "X said it had ..."; in "said X is backed by Y", X is spoken of
        end = sent.start + e
        # an anaphor right after the cue is spoken of ("said the brigade receives"), one after a pause speaks
        # ("in its statement, the group said"), a pronoun right after it too ("X said (that) it had"; not "told
        # reporters they believe it is")
        pronoun = ("it", "they")
        speakers = [m for m in speakers if m.tok_end <= cue_tok or (m.anchor is not None and (
            m.text.lower() in pronoun and m.tok - end <= 1 or m.text.lower() not in pronoun and m.tok > end)) or (
            m.tok - end <= 2 and all(t.lower_ != "that" for t in sent.doc[end:m.tok])  # "noted that X": spoken of
            and (m.tok_end >= len(sent.doc) or not sent.doc[m.tok_end].is_alpha
                 or sent.doc[m.tok_end].lower_ in P.AFTER_SPEAKER))]
        near = sorted(speakers, key=lambda m: (min(abs(m.tok - cue_tok), abs(m.tok_end - cue_tok)),
                                               m.cls != "Person"))
        near = [m for m in near if min(abs(m.tok - cue_tok), abs(m.tok_end - cue_tok)) <= 6
                or 0 <= cue_tok - m.tok_end <= P.SPEAKER_REACH]  # "X, a faction set up in 2019, said"
        return "attributed", (near[0].entity if near else None)
