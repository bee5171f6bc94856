"""Cues read around an event's trigger word in spaCy's tokens: who is blamed, whether the event is only
hypothetical, whether a date bounds a period, whether an actor named before the trigger carried it out,
and whether a name only qualifies another word. Small named tests, each over the pattern tables."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kg.ingest import patterns as P
from kg.ingest.names import Mention


def blamed(sent: Span, actors: list[Mention]) -> Mention | None:
    """The actor a third party holds responsible: 'blamed X', 'attributed to X', 'X was behind'."""
    for t in sent:
        if t.lower_ in P.BLAME_BEFORE:
            after = [m for m in actors if 0 < m.tok - t.i <= 6]
            if after:
                return after[0]
        if t.lower_ in P.BLAME_AFTER:
            before = [m for m in actors if 0 <= t.i - m.tok_end <= 3]
            if before:
                return before[-1]
    return None


def irrealis(trig) -> bool:  # type: ignore[no-untyped-def]
    """'might strike again if ...', 'shells often land there': no one event happened."""
    return any(t.lower_ in P.IRREALIS_CUES for t in trig.doc[max(trig.sent.start, trig.i - 15):trig.i])


def boundary(text: str, start: int) -> bool:
    """'since December 31', 'until March': a bound on a period, not when the narrated events happened."""
    words = text[:start].split()[-3:]
    return any(w.lower().strip(",") in P.BOUNDARY_WORDS for w in words)


def definite(trig) -> bool:  # type: ignore[no-untyped-def]
    return any(t.lower_ in ("the", "these", "this", "that", "'s", "’s") for t in trig.doc[max(trig.sent.start, trig.i - 3):trig.i])


def agent(trig, m: Mention) -> bool:  # type: ignore[no-untyped-def]
    """An actor named before the trigger carried it out only if an act links them: "X's attack",
    "X fired", "X carried out strikes"; not "X condemned the strikes"."""
    between = trig.doc[m.tok_end:trig.i]
    if len(between) > 12:
        return False
    if len(between) <= 4 and between and between[0].text in ("'s", "’s"):
        return True  # "Iran's 2020 missile attack"
    if m.tok > 0 and trig.doc[m.tok - 1].lower_ in P.OBJECT_MARKERS:
        return False  # "a plan to target the guards ... launched": the object of another verb
    if len(between) <= 1 or (trig.lower_ in P.TRIGGER_VERBS and len(between) <= 6):
        return all(t.lower_ not in P.REACTION_VERBS for t in between)
    return any(t.lower_ in P.AGENT_VERBS for t in between) and all(t.lower_ not in P.REACTION_VERBS for t in between)


def modifier(doc: Doc, m: Mention) -> bool:
    """'Iran' in 'Iran-backed militia' or 'Iraqi' in 'Iraqi troops' qualifies another word; it takes no
    part in the event itself."""
    after = doc[m.tok_end:m.tok_end + 2]
    if len(after) == 2 and after[0].text == "-" and after[1].lower_ in P.MODIFIER_WORDS:
        return True
    demonym = m.cls == "State" and m.text.lower().endswith(P.DEMONYM_ENDINGS)
    return demonym and len(after) > 0 and after[0].is_alpha and after[0].is_lower
