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
            after = [m for m in actors if 0 < m.tok - t.i <= 9]  # "blamed a little-known armed faction, X,"
            if after:
                return after[0]
        if t.lower_ in P.BLAME_AFTER:
            before = [m for m in actors if 0 <= t.i - m.tok_end <= 3]
            if before:
                return before[-1]
    return None


def irrealis(trig) -> bool:  # type: ignore[no-untyped-def]
    """'might strike again if ...', 'shells often land there': no one event happened."""
    # "May" with a capital is the month ("On May 28"), not the modal
    if any(t.lower_ in P.IRREALIS_CUES and t.text != "May" for t in trig.doc[max(trig.sent.start, trig.i - 15):trig.i]):
        return True
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


def boundary(text: str, start: int) -> bool:
    """'since December 31', 'until March': a bound on a period, not when the narrated events happened."""
    words = [w.lower().strip(",") for w in text[:start].split()[-3:]]
    # "before dawn on Saturday", "after midnight on Monday": a time of day, not a bound
    words = [w for i, w in enumerate(words) if not (i + 1 < len(words) and words[i + 1] in P.TIMES_OF_DAY)]
    if "since" in words and "first" in text[:start].lower().split()[-5:]:
        return False  # "the first attack since May 2": the last one happened on May 2
    return any(w in P.BOUNDARY_WORDS for w in words)


def quoted(trig) -> bool:  # type: ignore[no-untyped-def]
    """'"... on the day of an attack," said a diplomat': a hypothetical act in someone's words."""
    before = [t.text for t in trig.doc[trig.sent.start:trig.i]]
    inside = before.count('"') % 2 == 1 or before.count("“") > before.count("”")
    # a quoted statement can tell a real event ('"the attack on X killed two," he said'); an indefinite
    # "an attack" in someone's words is a kind of act, not one the report narrates
    return inside and trig.i > 0 and trig.doc[trig.i - 1].lower_ in ("a", "an")


def speech_date(text: str, start: int) -> bool:
    """'said on Tuesday', 'announced Monday': the date a statement was made."""
    words = [w.lower().strip(",") for w in text[:start].split()[-2:]]
    return bool(words) and (words[-1] in P.SPEECH_DATE_VERBS or (words[-1] == "on" and len(words) == 2
                                                                   and words[0] in P.SPEECH_DATE_VERBS))


def definite(trig) -> bool:  # type: ignore[no-untyped-def]
    return any(t.lower_ in ("the", "these", "this", "that", "'s", "’s") for t in trig.doc[max(trig.sent.start, trig.i - 3):trig.i])


def elsewhere(doc: Doc, m: Mention) -> bool:
    """'fired from areas outside the Kurdistan Region': a place the act came from beyond, not where it
    happened ('on a road outside Yusufiya' is near the town, and counts)."""
    before = [t.lower_ for t in doc[max(doc[m.tok].sent.start, m.tok - 5):m.tok]]
    return "from" in before and any(w in P.NOT_THERE for w in before[before.index("from"):])


def definite_phrase(trig) -> bool:  # type: ignore[no-untyped-def]
    """'the Ain al-Asad or Erbil attacks', 'the Qayyarah attack', 'these drone strikes': the act is named
    as one the reader knows, by a definite phrase whose other words are names and modifiers."""
    k = trig.i - 1
    while k >= trig.sent.start and trig.i - k <= 8 and (
            trig.doc[k].text[:1].isupper() or trig.doc[k].lower_ in P.PHRASE_FILLER
            or trig.doc[k].lower_ in P.WEAPON_NOUNS):
        k -= 1
    return k >= trig.sent.start and trig.doc[k].lower_ in ("the", "these", "those", "this", "that")


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
    if len(between) <= 2 and trig.lower_ not in P.TRIGGER_VERBS and all(t.is_lower and t.is_alpha for t in between):
        return all(t.lower_ not in P.REACTION_VERBS | P.AGENT_VERBS for t in between)  # "an X drone attack"
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
    if m.cls == "State" and _abbreviated(m) and len(after) > 0 and (
            after[0].lower_ in P.WEAPON_NOUNS | P.AIRCRAFT_WORDS or after[0].lower_ in P.EVENT_TRIGGERS):
        return True  # "a US drone", "US jets", "a US strike": the state's weapon or act
    if m.cls == "State" and len(after) > 0 and after[0].lower_ in P.STATE_NOUNS:
        return True  # "U.S. bases", "US personnel": the state's bases were hit, not the state
    # "Iraqi officials", "Iranian Gen X": a nationality qualifies the word after it
    return demonym and len(after) > 0 and after[0].is_alpha


def hits_state_forces(trig, ms: list[Mention]) -> bool:  # type: ignore[no-untyped-def]
    """'a drone strike on US positions', 'strikes against American troops': the act hit a state's forces."""
    doc = trig.doc
    for t in doc[trig.i + 1:min(trig.sent.end, trig.i + 4)]:
        if t.lower_ in ("on", "against", "targeting"):
            return any(m.cls == "State" and 0 < m.tok - t.i <= 2 and m.tok_end < len(doc)
                       and doc[m.tok_end].lower_ in P.STATE_NOUNS for m in ms)
    return False


def passive(trig, under: list) -> bool:  # type: ignore[no-untyped-def]
    """'was struck', 'had been hit', 'came under attack': the trigger's subject is what was acted on."""
    doc = trig.doc
    j = trig.i - 1
    while j >= trig.sent.start and doc[j].lower_ in P.PASSIVE_SKIP:
        j -= 1
    if j >= trig.sent.start and doc[j].lower_ in P.PASSIVE_AUX and trig.lower_.endswith(("ed", "t", "hit")):
        return True
    return any(trig.sent.start + e == trig.i for _, s, e in under)


def by_agent(trig, m: Mention) -> bool:  # type: ignore[no-untyped-def]
    """'an attack by X', 'was struck by X', 'the strike was carried out by X': X acted."""
    doc = trig.doc
    k = m.tok - 1
    if k > 0 and doc[k].lower_ in ("the", "a", "an"):
        k -= 1
    if k <= 0 or doc[k].lower_ not in P.PERPETRATOR_AFTER or m.tok - trig.i > 15:
        return False
    before = doc[k - 1]  # the word before "by"
    if before.i != trig.i and before.lower_ in P.NOT_AGENT_PARTICIPLES:
        return False  # "struck facilities used by X": X used them
    if m.tok - trig.i <= 6:
        return True
    between = doc[trig.i + 1:k - 1]  # "the attack ... rockets launched by X": the participle is no new act
    return (before.lower_ in P.AGENT_PARTICIPLES and all(t.text not in (";", ":") for t in between)
            and all(t.lower_ not in P.EVENT_TRIGGERS for t in between))


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


def eve_of(sent: Span, date_start: int) -> bool:
    """'On the eve of the parade, held last Saturday, ...': the act came the day before the date."""
    before = sent.text[:max(0, date_start - sent.start_char)].lower()
    return "eve of" in before and len(before) - before.rfind("eve of") <= 80


def clock_place(doc: Doc, m: Mention) -> bool:
    """'3:40 a.m. (Baghdad time)': the place names a time zone."""
    return m.tok_end < len(doc) and doc[m.tok_end].lower_ in P.CLOCK_WORDS


def generic(trig) -> bool:  # type: ignore[no-untyped-def]
    """A bare plural ('strikes against the militias'), with no determiner or number: a kind of act."""
    if not trig.lower_.endswith("s") or trig.lower_ in ("ambush",):
        return False
    before = trig.doc[max(trig.sent.start, trig.i - 3):trig.i]
    return not any(t.lower_ in ("the", "these", "those", "its", "their", "his", "her", "'s", "’s") or t.like_num
                   for t in before)


def acted_by(trig, ms: list[Mention], under: list) -> bool:  # type: ignore[no-untyped-def]
    """'a US gunship killed', 'the group killed': an actor or weapon right before the verb, active voice."""
    if passive(trig, under):
        return False
    return any(m.cls in P.ACTOR_CLASSES | {"Weapon"} and 0 <= trig.i - m.tok_end <= 1 for m in ms)


def relative_clause(trig) -> tuple[int, int] | None:  # type: ignore[no-untyped-def]
    """'..., who were assassinated by X', 'when the group killed': the clause (token range) a trigger verb
    heads after a relative word, or None."""
    if trig.lower_ not in P.TRIGGER_VERBS:
        return None
    doc, sent = trig.doc, trig.sent
    rel = next((j for j in range(trig.i - 1, max(sent.start, trig.i - 5) - 1, -1)
                if doc[j].lower_ in P.RELATIVE_WORDS), None)
    if rel is None:
        return None
    end = next((j for j in range(trig.i + 1, sent.end) if doc[j].text in (";", "–", "—")), sent.end)
    return rel, end


def preposition(doc: Doc, m: Mention) -> str:
    """The word before a name, past an article: 'in' for 'in the district of X'."""
    k = m.tok - 1
    if k >= 1 and doc[k].lower_ == "of" and doc[k - 1].lower_ in P.PLACE_NOUNS:  # "in the city of X"
        k -= 2
    if k >= 0 and doc[k].lower_ in ("the", "a", "an"):
        k -= 1
    return doc[k].lower_ if k >= 0 else ""


def dateline(text: str, start: int, end: int) -> bool:
    """'BAGHDAD, March 14, 2025 —': the date a report was filed, at its head, not an event's date."""
    head, tail = text[:start].strip(), text[end:].lstrip()
    return tail[:1] in P.DATELINE_DASHES and (not head or head.rstrip(",").replace(" ", "").isupper())


def _abbreviated(m: Mention) -> bool:
    """'US', 'U.S.', 'UK': a state's short name, used as an adjective ('a US drone')."""
    return len(m.text) <= 4 and (m.text.isupper() or "." in m.text)


def demonym_agent(trig, m: Mention) -> bool:  # type: ignore[no-untyped-def]
    """'American drone strikes', 'Israeli airstrikes': a state's adjective right before the act (or its
    weapon word) names who carried it out."""
    doc = trig.doc
    between = doc[m.tok_end:trig.i]
    return (m.cls == "State" and (m.text.lower().endswith(P.DEMONYM_ENDINGS) or _abbreviated(m)) and m.tok_end <= trig.i
            and len(between) <= 2
            and all(t.is_lower and t.is_alpha for t in between))


def conjoined(doc: Doc, m: Mention, actors: list[Mention]) -> list[Mention]:
    """'X, Y and Z fired': the actors listed with m, joined only by commas, 'and', 'or' and articles."""
    out, ordered = [], sorted(actors, key=lambda a: a.tok)
    for step in (-1, 1):
        cur = m
        while True:
            nxt = [a for a in ordered if (a.tok_end <= cur.tok if step < 0 else a.tok >= cur.tok_end)]
            if not nxt:
                break
            a = nxt[-1] if step < 0 else nxt[0]
            gap = doc[a.tok_end:cur.tok] if step < 0 else doc[cur.tok_end:a.tok]
            if not gap or any(t.lower_ not in P.LIST_JOINERS for t in gap) or not any(
                    t.lower_ in (",", "and", "or") for t in gap) or a.cls != m.cls:
                break
            out.append(a)
            cur = a
    return out


def victims(trig, ms: list[Mention]) -> list[Mention]:  # type: ignore[no-untyped-def]
    """'X, who was killed in a drone strike': the people a relative clause says the act killed or hit."""
    doc, out = trig.doc, []
    for m in ms:
        k = m.tok_end
        if m.cls != "Person" or k + 2 >= len(doc) or doc[k].text != "," or doc[k + 1].lower_ not in ("who", "whom"):
            continue
        clause = doc[k + 2:trig.i]
        if 0 < trig.i - k <= 9 and any(t.lower_ in P.CASUALTY_WORDS or t.lower_ in P.EVENT_TRIGGERS
                                       for t in clause):
            out.append(m)
    return out


def members_of(doc: Doc, m: Mention) -> bool:
    """'killed two members of X': X, whose people were hit, is a target."""
    k = m.tok - 1
    if k >= 1 and doc[k].lower_ in ("the", "a", "an"):  # "members of the X brigade"
        k -= 1
    return k >= 1 and doc[k].lower_ == "of" and doc[k - 1].lower_ in P.MEMBER_NOUNS


def aggregate(tok) -> bool:  # type: ignore[no-untyped-def]
    """'dozens of attacks', 'their attacks', '20 convoys came under attack': a tally, not one event."""
    if tok.i >= 2 and tok.doc[tok.i - 1].lower_ == "under":  # "at least 20 convoys came under attack"
        subject = tok.doc[max(tok.i - 10, tok.sent.start):tok.i - 2]
        return any(t.like_num and t.lower_ not in ("one", "1") or t.lower_ in P.AGGREGATE_CUES for t in subject)
    if not tok.lower_.endswith("s") or tok.lower_ in ("ambush",):
        return False
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
    after = doc[trig.i + 1:min(trig.sent.end, trig.i + 5)]
    if not any(m.cls == "Weapon" and trig.i < m.tok <= trig.i + 4 for m in ms) and not any(
            t.lower_ in P.WEAPON_NOUNS for t in after):
        return False
    return not any(t.lower_ in P.BACK_POINTING for t in after[:2]) and trig.doc[max(trig.sent.start, trig.i - 1)].lower_ != "whoever"


def lists_places(trig, facilities: list[Mention]) -> bool:  # type: ignore[no-untyped-def]
    """A plural trigger before several facilities ('attacks on A and B'): one event at each."""
    return trig.lower_.endswith("s") and len({m.entity for m in facilities if m.tok > trig.i}) > 1


def aircraft(trig) -> bool:  # type: ignore[no-untyped-def]
    """'F-15E jets struck', 'US aircraft hit': aircraft right before the act."""
    return any(t.lower_ in P.AIRCRAFT_WORDS for t in trig.doc[max(trig.sent.start, trig.i - 3):trig.i])
