"""Cues read around an event's trigger word in spaCy's tokens: who is blamed, whether a date bounds a
period, whether an actor named before the trigger carried it out, and whether a name only qualifies
another word. Small named tests, each over the pattern tables. Whether a word tells an act at all is
kg/ingest/triggers.py."""

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
            before = [m for m in actors if 0 <= t.i - m.tok_end <= 3 or (
                0 <= t.i - m.tok_end <= 8 and all(w.lower_ in P.BLAME_HEDGES for w in sent.doc[m.tok_end:t.i]))]
            if before:
                return before[-1]
    return None


def boundary(text: str, start: int) -> bool:
    """'since December 31', 'until March': a bound on a period, not when the narrated events happened."""
    words = [w.lower().strip(",") for w in text[:start].split()[-3:]]
    if words[-1:] == ["the"]:
        return False  # "since the January 2024 drone strike": the date of the act named, not a bound
    # "before dawn on Saturday", "after midnight on Monday": a time of day, not a bound
    words = [w for i, w in enumerate(words) if not (i + 1 < len(words) and words[i + 1] in P.TIMES_OF_DAY)]
    if "since" in words and "first" in text[:start].lower().split()[-5:]:
        return False  # "the first attack since May 2": the last one happened on May 2
    return any(w in P.BOUNDARY_WORDS for w in words)


def speech_date(text: str, start: int) -> bool:
    """'said on Tuesday', 'announced Monday': the date a statement was made."""
    words = [w.lower().strip(",") for w in text[:start].split()[-2:]]
    return bool(words) and (words[-1] in P.SPEECH_DATE_VERBS or (words[-1] == "on" and len(words) == 2
                                                                   and words[0] in P.SPEECH_DATE_VERBS))


def own_men(trig) -> bool:  # type: ignore[no-untyped-def]
    """'its fighters had targeted', 'their drones struck': the speaker's own men or weapons did it."""
    before = [t.lower_ for t in trig.doc[max(trig.sent.start, trig.i - 4):trig.i]]
    return any(w in ("its", "their") and k + 1 < len(before) and before[k + 1] in P.OWN_MEN
               for k, w in enumerate(before))


def claimed_by(doc: Doc, m: Mention) -> bool:
    """'an attack claimed by the Islamic Resistance in Iraq': the name after 'claimed by'."""
    k = m.tok - 1 - (m.tok > 0 and doc[m.tok - 1].lower_ == "the")
    return k >= 1 and doc[k].lower_ == "by" and doc[k - 1].lower_ in ("claimed", "claim")


def elsewhere(doc: Doc, m: Mention) -> bool:
    """'fired from areas outside the Kurdistan Region': a place the act came from beyond, not where it
    happened ('on a road outside Yusufiya' is near the town, and counts); 'home to the U.S. Embassy', 'a
    base hosting X': what a place holds."""
    before = [t.lower_ for t in doc[max(doc[m.tok].sent.start, m.tok - 5):m.tok]]
    if "home to" in " ".join(before[-3:]) or before[-1:] and before[-1] in P.HOSTING:
        return True  # "the Green Zone, home to the U.S. Embassy": what the place holds, not where the act was
    return "from" in before and any(w in P.NOT_THERE for w in before[before.index("from"):])


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
    for t in doc[trig.i + 1:min(trig.sent.end, trig.i + 6)]:
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
    k = _past_demonym(doc, m.tok - 1)
    if k > 0 and doc[k].lower_ in ("the", "a", "an"):
        k -= 1
    if k > 1 and doc[k].lower_ in ("from", "of") and doc[k - 1].lower_ in P.MEN_OF:  # "by fighters from X"
        k -= 2 + (k > 2 and doc[k - 2].lower_ in ("the", "a", "an"))
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


def eve_of(sent: Span, date_start: int) -> bool:
    """'On the eve of the parade, held last Saturday, ...': the act came the day before the date."""
    before = sent.text[:max(0, date_start - sent.start_char)].lower()
    return "eve of" in before and len(before) - before.rfind("eve of") <= 80


def clock_place(doc: Doc, m: Mention) -> bool:
    """'3:40 a.m. (Baghdad time)': the place names a time zone."""
    return m.tok_end < len(doc) and doc[m.tok_end].lower_ in P.CLOCK_WORDS


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


def _past_demonym(doc: Doc, k: int) -> int:
    """'by Iraqi militias': the index before a nationality that qualifies a name (or k itself)."""
    t = doc[k] if k >= 1 else None
    return k - 1 if t is not None and t.text[:1].isupper() and t.is_alpha and t.lower_.endswith(P.DEMONYM_ENDINGS) \
        and doc[k - 1].is_lower else k


def preposition(doc: Doc, m: Mention) -> str:
    """The word before a name, past an article (and a nationality): 'in' for 'in the district of X'."""
    k = _past_demonym(doc, m.tok - 1)
    if k >= 1 and doc[k].lower_ == "of" and doc[k - 1].lower_ in P.PLACE_NOUNS:  # "in the city of X"
        k -= 2
    if k >= 0 and doc[k].lower_ in ("the", "a", "an"):
        k -= 1
    return doc[k].lower_ if k >= 0 else ""


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


def demonym_by(trig, m: Mention, ms: list[Mention]) -> bool:  # type: ignore[no-untyped-def]
    """'was hit by US airstrikes', 'struck by an American drone': a state's adjective after a passive's "by",
    before a word for the act, an aircraft or a weapon, names who carried it out ("by Iraqi militias" does not)."""
    doc = trig.doc
    if m.cls != "State" or m.tok <= trig.i or not by_agent(trig, m):
        return False
    for k in range(m.tok_end, min(m.tok_end + 2, trig.sent.end)):
        word = doc[k].lower_
        if word in P.EVENT_TRIGGERS or word in P.AIRCRAFT_WORDS or any(w.tok == k and w.cls == "Weapon" for w in ms):
            return True
        if not doc[k].is_lower:
            return False
    return False


def hit(targets: list[Mention], perp: list[Mention]) -> list[Mention]:
    """The targets an act hit: a country is where a group's act was, not what it hit ("Iran struck Israel",
    one state hitting another, keeps it)."""
    return [m for m in targets if m.cls != "State" or (perp and perp[0].cls == "State")]


def owned_target(trig, ms: list[Mention]) -> list[Mention]:  # type: ignore[no-untyped-def]
    """'fired at the car of X', 'beside the convoy of Sheikh X', "X's convoy": the person whose vehicle or
    home an act was aimed at, named within a few words after the act."""
    doc = trig.doc
    for m in (m for m in ms if m.cls == "Person" and 0 < m.tok - trig.i <= 14):  # within 14 tokens
        before = doc[max(trig.i + 1, m.tok - 6):m.tok]  # "the car of women's rights activist X"
        of = [t for t in before if t.lower_ == "of"]
        if of and of[-1].i > 0 and doc[of[-1].i - 1].lower_ in P.OWNED_THINGS and not any(
                t.text in (",", ";") for t in doc[of[-1].i:m.tok]):
            return [m]
        if m.tok_end + 1 < len(doc) and doc[m.tok_end].text in ("'s", "’s") \
                and doc[m.tok_end + 1].lower_ in P.OWNED_THINGS:
            return [m]
    return []


def days_between(span: Span) -> int | None:
    """'came four days after', 'two days later': the number of days a sequence cue counts, if it gives one."""
    for t in span:
        if t.lower_ in ("days", "day") and t.i > span.start:
            word = t.doc[t.i - 1].lower_
            return int(word) if word.isdigit() else P.NUMBER_WORDS.get(word)
    return None


def outside(dates: list, span: Span) -> list:
    """The dates (mention, value) not written inside span ("came four days after": a gap, not a day)."""
    lo, hi = span.start_char, span.end_char
    return [x for x in dates if x[0] is None or not lo <= x[0].start < hi]


def named_with(doc: Doc, m: Mention, actors: list[Mention]) -> list[str]:
    """m's entity and those listed beside it ('blamed the United States and Israel'), sorted."""
    return sorted({m.entity, *(a.entity for a in conjoined(doc, m, actors))})


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
