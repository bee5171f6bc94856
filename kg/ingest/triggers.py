"""Which words of a sentence tell an act of their own: the trigger words, less the hypothetical, the
quoted, the counted ("a string of attacks"), the generic ("US strikes against the militias") and the
ones pointing back to an act the reader knows ("the Qayyarah attack"). Small named tests over the
pattern tables; the roles around a trigger are read in kg/ingest/cues.py."""

from __future__ import annotations

from spacy.tokens import Span

from kg.ingest import patterns as P
from kg.ingest.cues import passive
from kg.ingest.names import Mention


def irrealis(trig) -> bool:  # type: ignore[no-untyped-def]
    """'might strike again if ...', 'shells often land there': no one event happened."""
    # "May" with a capital is the month ("On May 28"), not the modal
    if any(t.lower_ in P.IRREALIS_CUES and t.text != "May" for t in trig.doc[max(trig.sent.start, trig.i - 15):trig.i]):
        return True
    # "further attacks ... are LIKELY", "a repeat attack on shipping is possible": acts to come
    if any(t.lower_ in P.FUTURE_BEFORE for t in trig.doc[max(trig.sent.start, trig.i - 2):trig.i]) or any(
            t.lower_ in ("is", "are", "remain", "remains") and t.i + 1 < trig.sent.end
            and trig.doc[t.i + 1].lower_ in P.LIKELIHOOD_AFTER for t in trig.doc[trig.i + 1:trig.sent.end]):
        return True
    # "called on the government to strike", "vowed to attack": an act called for or promised, not done
    k = trig.i - 1
    while k > trig.sent.start and trig.doc[k].text in ('"', "“", "'"):  # 'to "strike with an iron hand"'
        k -= 1
    to = trig.doc[k] if k >= trig.sent.start else None
    if to is not None and to.lower_ == "to" and trig.lower_ in P.BARE_ACTS and not any(
            t.lower_ in P.ASPECTUAL for t in trig.doc[max(trig.sent.start, to.i - 2):to.i]):
        return True  # ... and "using Iraqi territory to attack": a purpose, not an act ("began to fire" is one)
    # "has been targeted repeatedly": how often, right after the act
    if any(t.lower_ in P.FREQUENCY_AFTER for t in trig.doc[trig.i + 1:min(trig.sent.end, trig.i + 3)]):
        return True
    # "no attack on US forces since Friday", "no further strikes": none happened
    if any(t.lower_ == "no" for t in trig.doc[max(trig.sent.start, trig.i - 2):trig.i]):
        return True
    # "we did not send any drone", "never fired a rocket": a denial of the act, not an act
    window = trig.doc[max(trig.sent.start, trig.i - 4):trig.i]
    negated = [t for t in window if t.lower_ in P.NEGATIONS]
    return bool(negated) and not any(t.lower_ in P.NEGATED_ELSEWHERE for t in trig.doc[negated[-1].i:trig.i])


def quoted(trig) -> bool:  # type: ignore[no-untyped-def]
    """'"... on the day of an attack," said a diplomat': a hypothetical act in someone's words."""
    before = [t.text for t in trig.doc[trig.sent.start:trig.i]]
    inside = before.count('"') % 2 == 1 or before.count("“") > before.count("”")
    # a quoted statement can tell a real event ('"the attack on X killed two," he said'); an indefinite
    # "an attack" in someone's words is a kind of act, not one the report narrates
    return inside and trig.i > 0 and trig.doc[trig.i - 1].lower_ in ("a", "an")


def definite(trig) -> bool:  # type: ignore[no-untyped-def]
    return any(t.lower_ in ("the", "these", "this", "that", "'s", "’s") for t in trig.doc[max(trig.sent.start, trig.i - 3):trig.i])


def definite_phrase(trig) -> bool:  # type: ignore[no-untyped-def]
    """'the Ain al-Asad or Erbil attacks', 'the Qayyarah attack', 'these drone strikes': the act is named
    as one the reader knows, by a definite phrase whose other words are names and modifiers."""
    k = trig.i - 1
    while k >= trig.sent.start and trig.i - k <= 8 and (
            trig.doc[k].text[:1].isupper() or trig.doc[k].lower_ in P.PHRASE_FILLER
            or trig.doc[k].lower_ in P.WEAPON_NOUNS):
        k -= 1
    return k >= trig.sent.start and trig.doc[k].lower_ in ("the", "these", "those", "this", "that")


def tally(trig) -> bool:  # type: ignore[no-untyped-def]
    """'a handful of ISIS attacks this year', 'a string of rocket attacks': many acts counted, none told;
    'has not claimed an attack in Baghdad for several months': acts over a span of time."""
    after = trig.doc[trig.i + 1:min(trig.sent.end, trig.i + 10)]
    if any(t.lower_ == "for" and t.i + 2 < len(trig.doc) and trig.doc[t.i + 2].lower_ in P.DURATION_WORDS
           for t in after):
        return True
    # "had attacked US forces 19 times since January": a count of acts
    if any(t.lower_ == "times" and t.i > 0 and (t.doc[t.i - 1].like_num or t.doc[t.i - 1].lower_ in P.NUMBER_WORDS)
           for t in after):
        return True
    if not trig.lower_.endswith("s") or trig.lower_ in ("ambush",):
        return False
    return any(t.lower_ in P.TALLY_WORDS for t in trig.doc[max(trig.sent.start, trig.i - 6):trig.i])


def generic(trig) -> bool:  # type: ignore[no-untyped-def]
    """A bare plural ('strikes against the militias'), with no determiner or number: a kind of act."""
    if not trig.lower_.endswith("s") or trig.lower_ in ("ambush",):
        return False
    before = trig.doc[max(trig.sent.start, trig.i - 3):trig.i]
    return not any(t.lower_ in ("the", "these", "those", "its", "their", "his", "her", "'s", "’s") or t.like_num
                   for t in before)


def acted_by(trig, ms: list[Mention], under: list) -> bool:  # type: ignore[no-untyped-def]
    """'a US gunship killed', 'the group killed': an actor or weapon right before the verb, active voice."""
    if passive(trig, under) or reduced_relative(trig):
        return False
    return any(m.cls in P.ACTOR_CLASSES | {"Weapon"} and 0 <= trig.i - m.tok_end <= 1 for m in ms)


def reduced_relative(trig) -> bool:  # type: ignore[no-untyped-def]
    """'families of protesters killed in 2019': a transitive verb with no object after it describes the noun
    before it, which suffered the act; 'the group killed three' has its object."""
    nxt = trig.doc[trig.i + 1] if trig.i + 1 < trig.sent.end else None
    return nxt is None or nxt.is_punct or nxt.lower_ in P.REDUCED_RELATIVE_NEXT


def aggregate(tok) -> bool:  # type: ignore[no-untyped-def]
    """'dozens of attacks', 'their attacks', '20 convoys came under attack': a tally, not one event."""
    if tok.i >= 2 and tok.doc[tok.i - 1].lower_ == "under":  # "at least 20 convoys came under attack"
        subject = tok.doc[max(tok.i - 10, tok.sent.start):tok.i - 2]
        return any(t.like_num and t.lower_ not in ("one", "1") or t.lower_ in P.AGGREGATE_CUES for t in subject)
    if not tok.lower_.endswith("s") or tok.lower_ in ("ambush",):
        return False
    if tok.i > tok.sent.start and tok.doc[tok.i - 1].lower_ in ("for", "of"):  # "a staging site for attacks on X",
        return True  # "responsible for attacks", "a history of attacks": acts in general, none told
    before = {t.lower_ for t in tok.doc[max(tok.i - 4, tok.sent.start):tok.i]}
    after = {t.lower_ for t in tok.doc[tok.i + 1:min(tok.i + 11, tok.sent.end)]}
    if after & P.TREND_VERBS:  # "attacks on US troops surged after ...": a trend, not one event
        return True
    return bool(before & P.AGGREGATE_CUES) or any(t.like_num and t.text not in ("one", "1")
                                                  for t in tok.doc[max(tok.i - 3, tok.sent.start):tok.i])


def event_triggers(sent: Span, ms: list[Mention], under: list) -> list:
    """The words of a sentence that tell an event of their own: a trigger word outside any name, not a tally
    ('attacks' over several facilities is a list of events, not a tally), not hypothetical, not quoted; an
    agent-led word ('killed') only with its agent, a weapon verb ('exploded') only with a weapon, a
    particle verb ('shot') only with its particle ('dead')."""
    facilities = [m for m in ms if m.cls == "Facility"]
    triggers = [t for t in sent if t.lower_ in P.EVENT_TRIGGERS and not any(m.tok <= t.i < m.tok_end for m in ms)]
    triggers = [t for t in triggers if (lists_places(t, facilities) or not aggregate(t)) and not irrealis(t)
                and not quoted(t)]
    triggers = [t for t in triggers if t.lower_ not in P.AGENT_TRIGGERS or acted_by(t, ms, under)]
    triggers = [t for t in triggers if t.lower_ not in P.WEAPON_TRIGGERS
                or any(m.cls == "Weapon" and 0 <= t.i - m.tok_end <= 1 for m in ms)
                or (t.i > sent.start and sent.doc[t.i - 1].lower_ in P.WEAPON_NOUNS)]
    triggers = [t for t in triggers if t.lower_ not in P.OBJECT_WEAPON_TRIGGERS or sent_weapon(t, ms)]
    return [t for t in triggers if t.lower_ not in P.PARTICLE_TRIGGERS
            or (t.i + 1 < sent.end and sent.doc[t.i + 1].lower_ in P.PARTICLE_TRIGGERS[t.lower_])]


def sent_weapon(trig, ms: list[Mention]) -> bool:  # type: ignore[no-untyped-def]
    """'planted a roadside bomb', 'sent two drones at X': a weapon told for the first time right after the
    verb; not 'sent the drone against X' or 'whoever planted that bomb', which point back to one told."""
    doc = trig.doc
    at = trig.i + (trig.i + 1 < len(doc) and doc[trig.i + 1].text in ('"', "“"))  # 'sent "a swarm of drones"'
    after = doc[at + 1:min(trig.sent.end, at + 5)]
    if not any(m.cls == "Weapon" and at < m.tok <= at + 4 for m in ms) and not any(
            t.lower_ in P.WEAPON_NOUNS for t in after):
        return False
    return not any(t.lower_ in P.BACK_POINTING for t in after[:2]) and trig.doc[max(trig.sent.start, trig.i - 1)].lower_ != "whoever"


def lists_places(trig, facilities: list[Mention]) -> bool:  # type: ignore[no-untyped-def]
    """A plural trigger before several facilities ('attacks on A and B'): one event at each."""
    return trig.lower_.endswith("s") and len({m.entity for m in facilities if m.tok > trig.i}) > 1


def aircraft(trig) -> bool:  # type: ignore[no-untyped-def]
    """'F-15E jets struck', 'US aircraft hit', 'missiles fired by American aircraft': aircraft do the act."""
    doc, end = trig.doc, trig.sent.end
    by = trig.i + 1 < end and doc[trig.i + 1].lower_ == "by"  # "missiles fired by American aircraft"
    return any(t.lower_ in P.AIRCRAFT_WORDS for t in doc[max(trig.sent.start, trig.i - 3):trig.i]) or (
        by and any(t.lower_ in P.AIRCRAFT_WORDS for t in doc[trig.i + 2:min(end, trig.i + 5)]))
