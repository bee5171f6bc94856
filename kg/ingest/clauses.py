"""Cues for reading relations across a clause: where a clause ends, whom a verb after "and" is about,
what an apposition describes, and whether a cue opens a phrase set off by commas."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kg.ingest import patterns as P
from kg.ingest.names import Mention


def apposed(doc: Doc, m: Mention | int, actors: list[Mention]) -> list[Mention]:
    """The names a describing phrase set off by a comma is about, for the phrase holding m (a mention, or
    a token where the phrase's cue starts):
    'X, the largest of the Iran-backed groups' -> X; 'X, one of the strongest Iran-backed factions in Iraq and
    a member of Y' -> X (for either phrase); 'A and B, both formally part of Y' -> A and B."""
    start = m if isinstance(m, int) else m.tok
    k, coordinated = _phrase_start(doc, start, P.APPOSITION_WORDS, actors, stop_at_and=True)
    if coordinated:  # "... and a member of Y": the phrase before the "and" opens after the name
        k, _ = _phrase_start(doc, k - 1, P.APPOSITION_WORDS + P.APPOSITION_REACH, actors)
    if k < 1 or (doc[k].text != "," and doc[k].lower_ not in P.DESCRIBING_COPULAS) or k == start - 1:
        return []
    opener = doc[k + 1].lower_
    if opener not in P.APPOSITION_OPENERS and opener not in P.LIST_OPENERS:
        return []
    # "The X militia, one of ...": the name may end one common noun before the comma
    head = [x for x in actors if x.cls in ("ArmedGroup", "Coalition") and (x.tok_end == k or (
        x.tok_end == k - 1 and doc[k - 1].lower_ in P.GROUP_NOUNS))]
    if not head or opener not in P.LIST_OPENERS:
        return head
    return listed(doc, head[0], actors)


def _phrase_start(doc: Doc, start: int, reach: int, actors: list[Mention],
                  stop_at_and: bool = False) -> tuple[int, bool]:
    """Walk back from a describing phrase's cue over its lower-case words and the names inside it
    ("an Iranian-backed member of") to the comma that opens it; (its index, whether an "and" was met first)."""
    k = start - 1
    inside = {t for x in actors if x.cls not in ("ArmedGroup", "Coalition") for t in range(x.tok, x.tok_end)}
    while k >= 0 and start - k <= reach and doc[k].lower_ not in P.NOT_DESCRIBING and (
            doc[k].is_lower and doc[k].is_alpha or doc[k].text in ("-", "'s", "’s") or k in inside):
        if doc[k].lower_ == "and" and stop_at_and:
            return k, True
        if doc[k].lower_ in P.DESCRIBING_COPULAS:  # "X is the most powerful of Iraq's Iran-backed militias"
            return k, False
        k -= 1
    return k, False


def listed_after(doc: Doc, first: Mention, actors: list[Mention]) -> list[Mention]:
    """'A, B and C' starting with `first` ('backs both A and B'): the names of the list, in order."""
    out, m = [first], first
    while m.tok_end + 1 < len(doc):
        j = m.tok_end + (doc[m.tok_end].text == "," and doc[m.tok_end + 1].lower_ in ("and", "or"))
        if doc[j].lower_ not in (",", "and", "or"):
            break
        j += 1 + (j + 1 < len(doc) and doc[j + 1].lower_ == "the")
        m = next((x for x in actors if x.tok == j and x.cls == first.cls), None)
        if m is None:
            break
        out.append(m)
    return out


def listed(doc: Doc, last: Mention, actors: list[Mention]) -> list[Mention]:
    """'A, B and C': the names of the list that ends with `last`, in order."""
    out, m = [last], last
    while m.tok >= 3:
        j = m.tok - 1 - (doc[m.tok - 1].lower_ == "the")  # "A and the B militia"
        if doc[j].lower_ not in (",", "and", "or"):
            break
        j -= doc[j].lower_ == "and" and doc[j - 1].text == ","  # "A, B, and C"
        m = next((x for x in actors if x.tok_end == j and x.cls == last.cls), None)
        if m is None:
            break
        out.insert(0, m)
    return out


def _and_before(sent: Span, cue: int) -> int | None:
    """The "and" the cue's verb phrase follows ('..., and is now integrated into Z'), past its auxiliaries."""
    j = cue - 1
    while j > sent.start and sent.doc[j].lower_ in P.COORDINATED_VERB_LEAD:
        j -= 1
    return j if sent.doc[j].lower_ == "and" else None


def coordinated(sent: Span, cue: int) -> bool:
    """'..., Delaney said, and receive funding from X': the cue's verb phrase follows an "and"."""
    return _and_before(sent, cue) is not None


def plural_subject(sent: Span, mentions: list[Mention]) -> list[Mention]:
    """'Both groups are part of X', 'The two factions receive ...': the last two groups named before the
    sentence (of `mentions`, the report's names in order)."""
    words = [t.lower_ for t in sent[:3]]
    if not (words[:1] == ["both"] and len(words) > 1 and words[1] in P.PLURAL_GROUP_NOUNS
            or words[:2] == ["the", "two"] and len(words) > 2 and words[2] in P.PLURAL_GROUP_NOUNS):
        return []
    out: list[Mention] = []
    for m in reversed([m for m in mentions if m.tok < sent.start]):
        if m.cls == "ArmedGroup" and m.entity not in {x.entity for x in out}:
            out.append(m)
        if len(out) == 2:
            break
    return out if len(out) == 2 else []


def carried_subject(sent: Span, cue: int, actors: list[Mention]) -> Mention | None:
    """'X is part of Y and is now integrated into Z': X, the sentence's subject, for the verb after 'and'."""
    doc = sent.doc
    j = _and_before(sent, cue)
    if j is None:
        return None
    # "X, which operates within Y ... and receives support from Z": X, the name the relative clause is about
    rel = next((t for t in reversed(doc[sent.start:j]) if t.lower_ in ("which", "who") and t.i > sent.start + 1
                and doc[t.i - 1].text == ","), None)
    if rel is not None:
        head = [m for m in actors if m.tok_end == rel.i - 1 or (  # "the X militia, which"
            m.tok_end == rel.i - 2 and doc[rel.i - 2].lower_ in P.GROUP_NOUNS)]
        if head:
            return head[0]
    # the subject opens the sentence, or a clause reported after "say"/"that": "officials say the group ..."
    first = [m for m in actors if m.tok_end < j and (m.tok - sent.start <= 1 or (
        m.tok > sent.start and doc[m.tok - 1].lower_ in P.CLAUSE_OPENERS))]
    return first[-1] if first else None


def qualifies_noun(doc: Doc, m: Mention) -> bool:
    """'the US headquarters': the name is followed by a common noun it qualifies, not by a verb."""
    nxt = doc[m.tok_end] if m.tok_end < len(doc) else None
    return nxt is not None and nxt.is_alpha and nxt.is_lower and nxt.lower_ not in P.AGENT_VERBS \
        and nxt.lower_ not in P.REACTION_VERBS and nxt.lower_ not in P.VERBISH


QUOTES = {"“", "”", '"'}


def breaks_clause(doc: Doc, lo: int, hi: int) -> bool:
    """Whether a clause break stands between two tokens. A quotation that completes the clause
    ('X is "a wing of Y"', 'the commission is "an Iranian project" and is backed by Y') does not."""
    complement = False
    # a quotation opening right before the cue (works "hand in glove" with) is the cue's own
    for t in doc[lo:hi - 1] if hi - 1 >= lo and doc[hi - 1].text in QUOTES else doc[lo:hi]:
        if t.text in QUOTES:
            # ... and one opening on the verb right after the name: 'X "is one of the formations of Y'
            if not complement and t.i > 0 and (doc[t.i - 1].lower_ in P.QUOTE_CONTINUES or t.i == lo and t.i + 1 < len(
                    doc) and doc[t.i + 1].lower_ in P.COPULAS):
                complement = True
            elif complement:
                complement = False  # its closing mark
            else:
                return True
        elif t.lower_ in P.CLAUSE_BREAKS:
            return True
    return False


def in_apposition(doc: Doc, s: int) -> bool:
    """', a core member of Y,': the cue opens a phrase set off by a comma after a name, not a clause."""
    k = s - 1
    while k > 0 and s - k <= 4 and doc[k].is_alpha and doc[k].is_lower and doc[k].lower_ not in ("a", "an", "the", "one"):
        k -= 1
    return k > 0 and doc[k].lower_ in ("a", "an", "the", "one") and doc[k - 1].text == ","


def nesting(doc: Doc, m: Mention, ms: list[Mention]) -> list[str]:
    """The place a place is said to lie in, right after it: 'X in Anbar province', 'X, near Erbil'. One step
    only: further names are more often a list than a nesting."""
    nxt = next((x for x in ms if 0 < x.tok - m.tok_end <= 3 and x.entity != m.entity and x.cls in P.PLACE_CLASSES),
               None)
    if nxt is None:
        return []
    words = {t.lower_ for t in doc[m.tok_end:nxt.tok]}
    if not words & P.NESTING_WORDS or words - P.NESTING_WORDS - {",", "the", "'s", "’s"}:
        return []
    return [nxt.entity]
