"""Relations between actors in a sentence, read with the relation rules (kg/ingest/relation_rules.py):
the cue, which side holds the subject, the phrase a describing cue sits in, and the names a state's
agency or a title carries with it.

`RelationRules` is mixed into the Extractor (kg/ingest/extract.py), which supplies the matchers, names,
knowledge base and the known parts and leaders.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kg.ingest import clauses, cues, titles
from kg.ingest import patterns as P
from kg.ingest.names import Mention
from kg.ingest.proposals import Proposal


class RelationRules:
    """The relation half of the extractor (state: kb, nlp, names, relations, rel_info, parts, leaders)."""

    def relations_in(self, sent: Span, ms: list[Mention], stance: str, by: str | None,
                     span: tuple[int, int]) -> list[Proposal]:
        out = []
        actors = [m for m in ms if m.cls in P.ACTOR_CLASSES | {"Place"}]
        # "the PMF militias": a name right before another only qualifies it
        all_actors = [m for m in actors if not any(x.tok == m.tok_end and x is not m for x in actors)]
        plural = clauses.plural_subject(sent, self.mentions)
        for name, s, e in self.relations(sent):
            rule = str(self.nlp.vocab.strings[name])
            pred, side = self.rel_info[rule]
            actors = [m for m in all_actors if rule in P.POSSESSIVE_RULES or m.text.lower() not in P.POSSESSIVES]
            s, e = sent.start + s, sent.start + e - (rule in P.LOOKAHEAD_RULES)
            inside = [m for m in actors if m.tok <= s and e <= m.tok_end]
            if inside:  # "Iran-backed militias", "US-led coalition" are one name: its first word names the other side
                pairs, heads = self._pairs_inside(sent, rule, pred, s, e, inside[0], actors), []
            else:
                found = self._pairs_around(sent, rule, pred, side, s, e, actors, plural)
                if found is None:
                    continue
                pairs, heads = found
            out += self._proposals(sent, rule, pred, s, pairs, bool(heads), actors, stance, by, span)
        # "U.S. Central Command", "President X": the name says it, in the report's own voice
        named = titles.state_parts(sent, ms, self.names, self.parts) + titles.titled_heads(sent, ms, self.leaders)
        for subj, pred, obj, _ in named:
            out.append(Proposal(subj, {pred: obj}, "reported", span, 0.6))
        for subj, pred, obj, _ in titles.affiliations(sent, ms) + titles.belongs_to_which(sent, ms) + \
                titles.state_clients(sent, ms):
            if self.typed(pred, subj, obj):  # "Nujaba named X as its commander": a group's word on its own
                told = "claimed" if stance == "attributed" and by == obj else stance
                out.append(Proposal(subj, {pred: obj}, told, span, 0.6, by))
        return out

    def _pairs_inside(self, sent: Span, rule: str, pred: str, s: int, e: int, m: Mention,
                      actors: list[Mention]) -> list[tuple[str, str, Mention]]:
        """(subject, object, mention) for a cue inside a name: "Iran-backed militias", "pro-Iran factions"."""
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
            pairs += [(x.entity, head, x) for x in clauses.apposed(sent.doc, m, actors) + self._others(sent, m, actors)]
        return pairs

    @staticmethod
    def _others(sent: Span, m: Mention, actors: list[Mention]) -> list[Mention]:
        """'Nujaba and other Iran-backed groups': the groups listed before 'and other' are of the kind too."""
        doc = sent.doc
        if m.tok < sent.start + 3 or doc[m.tok - 1].lower_ != "other" or doc[m.tok - 2].lower_ not in ("and", "or"):
            return []
        last = next((a for a in actors if a.tok_end == m.tok - 2 and a.cls in P.GROUP_CLASSES), None)
        return [last, *cues.conjoined(doc, last, actors)] if last is not None else []

    def _pairs_around(self, sent: Span, rule: str, pred: str, side: str, s: int, e: int, actors: list[Mention],
                      plural: list[Mention]) -> tuple[list[tuple[str, str, Mention]], list[Mention]] | None:
        """(pairs, the names a describing phrase is about) for a cue between its two sides, or None."""
        window = P.RELATION_WINDOW.get(rule, 8)
        # "the Missiles Directorate within": the cue's first word can be the name's last
        left = [m for m in actors if (m.tok_end <= s or (m.tok < s and m.tok_end == s + 1))
                and s - m.tok_end <= P.LEFT_WINDOW
                and not clauses.breaks_clause(sent.doc, m.tok_end, s)]
        right = [m for m in actors if m.tok >= e and m.tok - e <= window]
        if rule in P.ADJACENT_RULES:  # ... or "X, whose secretary-general, Y, said": "whose" is X's
            left = [m for m in left if m.tok_end == s or (rule in P.WHOSE_RULES and [
                t.lower_ for t in sent.doc[m.tok_end:s]] in (["whose"], [",", "whose"]))]
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
                            and sent.doc[m.tok_end].text in ("'s", "’s"))
                   and not (rule == "led-by" and cues.preposition(sent.doc, m) == "from")  # "split from Y ... led by Z"
                   and not (rule == "had-led" and cues.preposition(sent.doc, m) in ("on", "against", "of", "in", "at"))]
        carried = clauses.carried_subject(sent, s, actors)
        # "Both groups are part of X ..., and receive funding from Y": the two groups named before
        both = [m for m in plural if self._fits(m, subj_classes, pred, rule)] if side == "left" and (
            not subjects or carried is None and clauses.coordinated(sent, s)) else []
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
        if rule in P.SUBJECT_NEXT:  # "Iran's Quds Force"; "its leader is (believed to be) Y"
            subjects = [m for m in subjects if m.tok == e or rule == "leader-is" and all(
                t.lower_ in P.BLAME_HEDGES for t in sent.doc[e:m.tok])]
        if rule in P.OBJECT_NEXT:
            objects = [m for m in objects if m.tok - e <= 1]
        if rule == "organ-apposition":  # "the US command", not "the US said"
            objects = [m for m in objects if clauses.qualifies_noun(sent.doc, m)]
        # "X, one of the strongest Iran-backed factions ... and a member of Y", "A and B, both part of Y"
        heads = [m for m in self._described(sent.doc, rule, s, e, objects, actors)
                 if self._fits(m, subj_classes, pred, rule)]
        if not objects or not (subjects or heads or both):
            return None
        if pred == "memberOf" and any(self.cls(m.entity) == "Coalition" for m in objects):
            # "the PMF, the coalition of militias that includes X": the coalition, not "militias"
            objects = [m for m in objects if self.cls(m.entity) == "Coalition"]
        nearest_obj = objects[-1] if side == "right" else objects[0]
        # "the Quds Force of Iran's Revolutionary Guards, which has armed ...": the head of "A of B"
        if side == "right" and nearest_obj.tok > 1 and sent.doc[nearest_obj.tok - 1].lower_ == "of":
            nearest_obj = next((m for m in objects if m.tok_end == nearest_obj.tok - 1), nearest_obj)
        if heads or both:
            pairs = [(m.entity, nearest_obj.entity, m) for m in heads or both]
        elif rule in P.MANY_RULES:
            pairs = [(m.entity, nearest_obj.entity, m) for m in subjects]
        elif rule in P.LISTED_AFTER_RULES and side == "right":
            pairs = [(m.entity, nearest_obj.entity, m) for m in clauses.listed_after(sent.doc, subjects[0], actors)
                     if self._fits(m, subj_classes, pred, rule)]
        else:
            nearest_subj = subjects[-1] if side == "left" else subjects[0]
            pairs = [(nearest_subj.entity, nearest_obj.entity, nearest_subj)]
        return pairs, heads

    def _proposals(self, sent: Span, rule: str, pred: str, s: int, pairs: list[tuple[str, str, Mention]],
                   described: bool, actors: list[Mention], stance: str, by: str | None,
                   span: tuple[int, int]) -> list[Proposal]:
        """The claims for a rule's pairs, with the stance the sentence or the phrase gives them."""
        out = []
        for subj, obj, mention in pairs:
            pred_here = pred
            if pred == "memberOf" and (self.cls(subj) in P.PART_CLASSES or self.cls(obj) == "StateAgency"):
                pred_here = "partOf"  # units of a state or an organisation are parts, not members
            elif pred == "partOf" and self.cls(obj) == "Coalition" and self.cls(subj) == "ArmedGroup":
                pred_here = "memberOf"  # "a unit of the PMF": a coalition's groups are its members
            if subj == obj or not self.typed(pred_here, subj, obj):
                continue
            new = any(self.names.new.get(x) for x in (subj, obj))
            # "the group", "it", "that umbrella organization": the span reaches back to where it is named
            anchors = [m.anchor for m in [mention, *actors] if m.anchor is not None
                       and m.entity in (subj, obj) and (m is mention or m.tok >= sent.start)]
            where = (min(span[0], *anchors), span[1]) if anchors else span
            # a noun phrase's description is the report's own voice: "Iran-backed X", "X, a member of Y,"
            # ... but "officials said the group was a front for Y" is theirs: a copula makes a clause, not a phrase
            copular = mention.tok_end < len(sent.doc) and sent.doc[mention.tok_end].lower_ in P.DESCRIBING_COPULAS
            plain = rule in P.PHRASE_RULES or (described and not copular) or (
                rule in P.APPOSITIVE_RULES and clauses.in_apposition(sent.doc, s))
            # "X, whom he described as the leader of Y": the phrase is the speaker's word, not the report's
            if plain and any(t.lower_ in P.DESCRIBED_AS and t.nbor().lower_ == "as"
                             for t in sent.doc[max(sent.start, s - 4):s]):
                plain, stance = False, stance if stance != "reported" else "attributed"
            told = "reported" if plain else "claimed" if stance == "attributed" and by == subj else stance
            out.append(Proposal(subj, {pred_here: obj}, told, where,  # a group's word on itself: a claim
                                0.6 if new else 0.75, None if plain else by))
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
