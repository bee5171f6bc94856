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

from kg.ingest import patterns as P
from kg.ingest import clauses, cues, titles
from kg.ingest.layout import FOOTER, dated_heading, furniture
from kg.ingest.cues import boundary
from kg.ingest.dates import Pub, find_dates, resolve
from kg.ingest.events import Event, EventRules, Proposal, containment, known_events
from kg.ingest.names import Mention, Names
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


class Extractor(EventRules):
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

    def run(self, text: str, pub: Pub, title: str = "") -> tuple[list[Proposal], list[Event], dict[str, dict]]:
        clean, where = strip_tags(text)
        doc = self.nlp(clean)
        self.names.new = {}
        mentions = self.names.find(doc)
        self.events: list[Event] = []
        self.seen: list[Event] = []
        self.dated: dict[str, str] = {}  # event id -> the first date this report gives it
        self.context: str | None = None
        proposals: list[Proposal] = []
        anchor: str | None = None
        last_event: Event | None = None
        self.section: str | None = None  # the date a dated heading gives the paragraphs under it
        for sent in doc.sents:
            if not sent.text.strip() or sent.text.strip() == title:
                continue  # a headline restates the report in a few words, with no date
            if (day := dated_heading(clean, sent.start_char, pub)) is not None:
                self.section = day or None  # "9 January 2026 - Ain al-Asad" dates the entry under it
                self.context = self.section or self.context
                continue
            if furniture(clean, sent.start_char) or FOOTER.search(sent.text):
                continue  # "A version of this article appears in print on ...", "(Reporting by ...)"
            ms = [m for m in mentions if sent.start <= m.tok < sent.end]
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
    def stance(self, sent: Span, ms: list[Mention]) -> tuple[str, str | None]:
        found = sorted(self.stances(sent), key=lambda m: int(self.nlp.vocab.strings[m[0]].rsplit("-", 1)[1]))
        if not found:
            return "reported", None
        name, s, e = found[0]
        stance = self.nlp.vocab.strings[name].rsplit("-", 1)[0]
        if stance == "unclaimed":
            return "reported", None
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
            right = [m for m in speakers if 0 <= m.tok - (sent.start + e) <= 6]
            right.sort(key=lambda m: m.cls != "Person")
            return "attributed", (right[0].entity if right else None)
        if sent[s].lower_ in P.OBJECT_CUES:  # "officials blamed X": X is blamed, not the one speaking
            speakers = [m for m in speakers if m.tok_end <= cue_tok]
        # "..., said X." speaks, and "X said it had ..."; in "said X is backed by Y", X is spoken of
        end = sent.start + e
        # an anaphor right after the cue is spoken of ("said the brigade receives"), one after a pause speaks
        # ("in its statement, the group said"), a pronoun always ("X said it had")
        speakers = [m for m in speakers if m.tok_end <= cue_tok or (m.anchor is not None and (
            m.text.lower() in ("it", "they") or m.tok > end)) or (
            m.tok - end <= 2 and (m.tok_end >= len(sent.doc) or not sent.doc[m.tok_end].is_alpha
                                  or sent.doc[m.tok_end].lower_ in P.AFTER_SPEAKER))]
        near = sorted(speakers, key=lambda m: (min(abs(m.tok - cue_tok), abs(m.tok_end - cue_tok)),
                                               m.cls != "Person"))
        near = [m for m in near if min(abs(m.tok - cue_tok), abs(m.tok_end - cue_tok)) <= 6
                or 0 <= cue_tok - m.tok_end <= P.SPEAKER_REACH]  # "X, a faction set up in 2019, said"
        return "attributed", (near[0].entity if near else None)

    # --- relations ------------------------------------------------------------------------------
    def relations_in(self, sent: Span, ms: list[Mention], stance: str, by: str | None,
                     span: tuple[int, int]) -> list[Proposal]:
        out = []
        actors = [m for m in ms if m.cls in P.ACTOR_CLASSES | {"Place"}]
        # "the PMF militias": a name right before another only qualifies it
        all_actors = [m for m in actors if not any(x.tok == m.tok_end and x is not m for x in actors)]
        for name, s, e in self.relations(sent):
            rule = str(self.nlp.vocab.strings[name])
            pred, side = self.rel_info[rule]
            actors = [m for m in all_actors if rule in P.POSSESSIVE_RULES or m.text.lower() not in P.POSSESSIVES]
            s, e = sent.start + s, sent.start + e
            inside = [m for m in actors if m.tok <= s and e <= m.tok_end]
            heads: list[Mention] = []
            if inside:  # "Iran-backed militias", "US-led coalition" are one name: its first word names the other side
                m = inside[0]
                head = None
                if s > m.tok and rule in P.ADJACENT_RULES:
                    # "Iran-backed militias"; in "the Iran-backed faction" (it refers back) the word before the cue
                    head = self.names.known(sent.doc[m.tok:s].text if m.anchor is None else sent.doc[s - 1].text)
                elif rule == "pro-x" and e < m.tok_end:  # "pro-Iran factions": the backer follows the cue
                    head = self.names.known(sent.doc[e].text)
                pairs = []
                if head and pred == "leaderOf":
                    pairs = [(head, m.entity, m)]
                elif head:
                    pairs = [(m.entity, head, m)]
                    pairs += [(x.entity, head, x) for x in clauses.apposed(sent.doc, m, actors)]
            else:
                window = P.RELATION_WINDOW.get(rule, 8)
                # "the Missiles Directorate within": the cue's first word can be the name's last
                left = [m for m in actors if (m.tok_end <= s or (m.tok < s and m.tok_end == s + 1))
                        and s - m.tok_end <= P.LEFT_WINDOW
                        and not clauses.breaks_clause(sent.doc, m.tok_end, s)]
                right = [m for m in actors if m.tok >= e and m.tok - e <= window]
                if rule in P.ADJACENT_RULES:
                    left = [m for m in left if m.tok_end == s]
                if rule == "titled-leader":  # "a Kataib Hezbollah commander, X" is one of its commanders
                    left = [m for m in left if m.tok == 0 or sent.doc[m.tok - 1].lower_ not in P.INDEFINITE_LEADS]
                subj_side, obj_side = (right, left) if side == "right" else (left, right)
                subj_classes, obj_classes = P.RELATION_TYPES[pred]
                subj_classes = P.RULE_SUBJECTS.get(rule, subj_classes)
                obj_classes = P.RULE_OBJECTS.get(rule, obj_classes)
                subjects = [m for m in subj_side if self._fits(m, subj_classes, pred, rule)]
                # "part of the country's forces": a possessor is not the object, the thing possessed is
                objects = [m for m in obj_side if self._fits(m, obj_classes, pred)
                           and not (m.tok_end != s and m.tok_end < len(sent.doc)
                                    and sent.doc[m.tok_end].text in ("'s", "’s"))]
                carried = clauses.carried_subject(sent, s, actors)
                if side == "left" and carried is not None and self._fits(carried, subj_classes, pred, rule):
                    subjects = [carried]  # the verb after "and" shares the sentence's subject
                elif side == "right" and carried is not None and self._fits(carried, obj_classes, pred):
                    objects = [carried]  # "X works with Y and is led by Z": Z leads X, not Y
                if rule in P.NAMED_BEFORE_RULES:  # "X was most likely a Nujaba unit"
                    objects = [m for m in left if m.tok_end == s and m.tok > 0
                               and sent.doc[m.tok - 1].lower_ in ("a", "an")]
                    subjects = [m for m in subjects if objects and m.tok_end < objects[0].tok and any(
                        t.lower_ in P.COPULAS for t in sent.doc[m.tok_end:objects[0].tok])]
                if rule == "pro-x":  # "pro-Iran factions": the backer follows the cue
                    objects = [m for m in actors if m.tok == e and self.cls(m.entity) in P.STATE_CLASSES]
                    subjects = []
                if rule == "name-used-by":  # "used by a unit of X", not "used by fighters who move between it and X"
                    objects = [m for m in objects if all(t.lower_ in P.USED_BY_FILLER for t in sent.doc[e:m.tok])]
                if rule in P.SUBJECT_NEXT:
                    subjects = [m for m in subjects if m.tok == e]
                if rule in P.OBJECT_NEXT:
                    objects = [m for m in objects if m.tok - e <= 1]
                if rule == "organ-apposition":  # "the US command", not "the US said"
                    objects = [m for m in objects if clauses.qualifies_noun(sent.doc, m)]
                # "X, one of the strongest Iran-backed factions ... and a member of Y", "A and B, both part of Y"
                heads = [m for m in self._described(sent.doc, rule, s, e, objects, actors)
                         if self._fits(m, subj_classes, pred, rule)]
                if not objects or not (subjects or heads):
                    continue
                if pred == "memberOf" and any(self.cls(m.entity) == "Coalition" for m in objects):
                    # "the PMF, the coalition of militias that includes X": the coalition, not "militias"
                    objects = [m for m in objects if self.cls(m.entity) == "Coalition"]
                nearest_obj = objects[-1] if side == "right" else objects[0]
                # "the Quds Force of Iran's Revolutionary Guards, which has armed ...": the head of "A of B"
                if side == "right" and nearest_obj.tok > 1 and sent.doc[nearest_obj.tok - 1].lower_ == "of":
                    nearest_obj = next((m for m in objects if m.tok_end == nearest_obj.tok - 1), nearest_obj)
                if heads:
                    pairs = [(m.entity, nearest_obj.entity, m) for m in heads]
                elif rule in P.MANY_RULES:
                    pairs = [(m.entity, nearest_obj.entity, m) for m in subjects]
                elif rule in P.LISTED_AFTER_RULES and side == "right":
                    pairs = [(m.entity, nearest_obj.entity, m) for m in clauses.listed_after(sent.doc, subjects[0], actors)
                             if self._fits(m, subj_classes, pred, rule)]
                else:
                    nearest_subj = subjects[-1] if side == "left" else subjects[0]
                    pairs = [(nearest_subj.entity, nearest_obj.entity, nearest_subj)]
            for subj, obj, mention in pairs:
                pred_here = pred
                if pred == "memberOf" and (self.cls(subj) in P.PART_CLASSES or self.cls(obj) == "StateAgency"):
                    pred_here = "partOf"  # units of a state or an organisation are parts, not members
                if subj == obj or not self.typed(pred_here, subj, obj):
                    continue
                new = any(self.names.new.get(x) for x in (subj, obj))
                # "the group", "it", "that umbrella organization": the span reaches back to where it is named
                anchors = [m.anchor for m in [mention, *actors] if m.anchor is not None
                           and m.entity in (subj, obj) and (m is mention or m.tok >= sent.start)]
                where = (min(span[0], *anchors), span[1]) if anchors else span
                # a noun phrase's description is the report's own voice: "Iran-backed X", "X, a member of Y,"
                plain = rule in P.PHRASE_RULES or bool(heads) or (
                    rule in P.APPOSITIVE_RULES and clauses.in_apposition(sent.doc, s))
                told = "reported" if plain else "claimed" if stance == "attributed" and by == subj else stance
                out.append(Proposal(subj, {pred_here: obj}, told, where,  # a group's word on itself: a claim
                                    0.6 if new else 0.75, None if plain else by))
        # "U.S. Central Command", "President X": the name says it, in the report's own voice
        named = titles.state_parts(sent, ms, self.names, self.parts) + titles.titled_heads(sent, ms, self.leaders)
        for subj, pred, obj, _ in named:
            out.append(Proposal(subj, {pred: obj}, "reported", span, 0.6))
        for subj, pred, obj, _ in titles.affiliations(sent, ms) + titles.belongs_to_which(sent, ms):
            if self.typed(pred, subj, obj):
                out.append(Proposal(subj, {pred: obj}, stance, span, 0.6, by))
        return out

    @staticmethod
    def _described(doc: Doc, rule: str, s: int, e: int, objects: list[Mention], actors: list[Mention]) -> list[Mention]:
        """The names a phrase set off by a comma describes, for a cue inside it: ", a member of Y" (the
        cue opens it), ", one of the Iran-backed factions" (the backer's name opens the cue) or ", one of
        the pro-Iran factions" (it follows the cue); a common noun for groups, not a name, comes next."""
        if rule in P.APPOSITIVE_RULES:
            return clauses.apposed(doc, s, actors)
        if rule not in P.GENERIC_BACKING or not objects:
            return []
        nxt = objects[-1].tok_end if rule == "pro-x" else e
        if any(m.tok == nxt for m in actors):
            return []
        words = list(doc[nxt:nxt + 3])
        head = next((i for i, t in enumerate(words) if t.lower_ in P.GENERIC_GROUPS), None)
        if head is None or not all(t.is_lower and t.is_alpha for t in words[:head + 1]):
            return []
        return clauses.apposed(doc, s if rule == "pro-x" else objects[-1], actors)

    def _fits(self, m: Mention, classes: set[str], pred: str, rule: str = "") -> bool:
        if rule in P.RULE_SUBJECTS and classes is P.RULE_SUBJECTS[rule]:
            return self.cls(m.entity) in classes  # a rule's narrower subjects admit no parts
        return self.cls(m.entity) in classes or (pred == "memberOf" and self.cls(m.entity) in P.PART_CLASSES)

    def cls(self, eid: str) -> str:
        e = self.kb.entities.get(eid)
        return e.cls if e else self.names.new[eid]["class"]

    def typed(self, pred: str, subj: str, obj: str) -> bool:
        subjects, objects = P.RELATION_TYPES[pred]
        return self.cls(subj) in subjects and self.cls(obj) in objects

    # --- events ---------------------------------------------------------------------------------
