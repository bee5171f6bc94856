"""Relations a name or a description states with no verb: "U.S. Central Command" and "the U.S.
Department of Defense" are parts of the United States; "President Trump" leads the state the
knowledge base already says he leads, since the title alone does not say which state; "X, a former
PMF logistics officer" and "a Nujaba field commander known as X" are members of the group named."""

from __future__ import annotations

from spacy.tokens import Span

from kg.ingest.names import Mention, Names
from kg.ingest.patterns import PERSON_TITLES
from kg.kb.model import KnowledgeBase

# Titles a head of state or government carries before the name ("President X", "Prime Minister X").
HEAD_TITLES = {"president", "premier", "king", "emir", "sultan", "chancellor", "minister", "leader", "ayatollah"}
# The words a title may have in front of it ("Iraqi Prime Minister", "Supreme Leader", "former President"
# excluded: a former leader is not the leader the report describes).
TITLE_LEADS = {"prime", "supreme"}
# Agencies of a state: what a state's name in front of them makes a part of it.
STATE_PARTS = {"StateAgency"}


def known_leaders(kb: KnowledgeBase) -> dict[str, set[str]]:
    """Person -> the states the knowledge base's claims say the person leads."""
    out: dict[str, set[str]] = {}
    for c in kb.claims:
        for f in c.facts:
            obj = kb.entities.get(f.object) if f.object else None
            if f.predicate == "leaderOf" and obj is not None and obj.cls == "State":
                out.setdefault(f.subject, set()).add(obj.id)
    return out


def known_parts(kb: KnowledgeBase) -> set[tuple[str, str]]:
    """(part, whole) pairs the knowledge base already holds."""
    return {(f.subject, f.object) for c in kb.claims for f in c.facts if f.predicate == "partOf" and f.object}


def state_parts(sent: Span, ms: list[Mention], names: Names,
                known: set[tuple[str, str]]) -> list[tuple[str, str, str, Mention]]:
    """(agency, partOf, state, mention) for an agency named with its state's name in front. A common
    noun after the state ("US forces") gives it only when the knowledge base lacks it; a proper name ("US
    Central Command") is the report's own word for whose the agency is, and a new source for it."""
    doc, out = sent.doc, []
    for m in ms:
        if m.cls not in STATE_PARTS:
            continue
        before = [x for x in ms if x.tok_end == m.tok and x.cls == "State"]  # "the U.S. | Department of Defense"
        state = before[0].entity if before else None
        if state is None and m.tok_end - m.tok > 1:  # "U.S. Central Command", "Iraqi counterterrorism forces"
            first = names.known(doc[m.tok].text)
            if first and names.kb.entities[first].cls == "State":
                state = first
        # a proper name says it again in each report ("US Central Command"); "US forces" need not
        # ("U.S. Military Official Warns Of ...": a headline's capitals make no proper name)
        headline = m.tok_end < len(doc) and doc[m.tok_end].text[:1].isupper()
        proper = doc[m.tok if before else m.tok + 1].text[:1].isupper() and not headline
        if state and state != m.entity and (proper or (m.entity, state) not in known):
            out.append((m.entity, "partOf", state, m))
    return out


def titled_heads(sent: Span, ms: list[Mention], leaders: dict[str, set[str]]) -> list[tuple[str, str, str, Mention]]:
    """(person, leaderOf, state, mention) for "President X" where the knowledge base knows X's state."""
    doc, out = sent.doc, []
    for m in ms:
        if m.cls != "Person" or m.entity not in leaders or m.tok == 0:
            continue
        # "President Trump" may be the name the knowledge base lists, title and all
        at = m.tok + 1 if doc[m.tok].lower_ in HEAD_TITLES and m.tok_end - m.tok > 1 else m.tok
        title = doc[at - 1].lower_
        lead = doc[at - 2].lower_ if at >= 2 else ""
        if title not in HEAD_TITLES or (title in {"minister", "leader"} and lead not in TITLE_LEADS):
            continue
        if lead in {"former", "ex", "late"}:
            continue
        out += [(m.entity, "leaderOf", state, m) for state in sorted(leaders[m.entity])]
    return out


# Words for someone's place in a group: "a former PMF logistics officer", "a Nujaba field commander".
ROLE_NOUNS = {"officer", "officers", "commander", "commanders", "fighter", "fighters", "member", "members", "official",
              "officials", "operative", "operatives", "militant", "militants", "cadre", "veteran", "spokesman",
              "spokesperson", "figure", "leader", "leaders", "specialist", "engineer", "expert", "instructor"}
ROLE_LEADS = {"a", "an", "the", "former", "senior", "veteran", "one-time", "onetime", "top", "ex", "mid-level", "longtime",
              "mid", "-", "level", "high", "ranking", "junior", "local", "field", "its", "their", "deputy"}
ROLE_GAP = 3  # words between the group's name and the role noun ("PMF logistics officer")
NAMING = {"known", "named", "called", "nicknamed", "dubbed"}  # "a Nujaba officer known as X"
# "X, is reported to have been a KH field commander", "X, reportedly a former KH officer": words between a
# person and the describing phrase that only hedge it (the stance is the sentence's)
HEDGE_CHAIN = {"is", "was", "reported", "said", "believed", "thought", "alleged", "understood", "suspected", "to",
               "have", "been", "be", "reportedly", "allegedly", "once", "also", "previously"}
OWNERS = {"its", "their"}  # "whom it described as its deputy military commander": the group "it" names
SERVED = {"served", "serves", "fought", "fights", "worked", "works", "commanded"}  # "who served in a PMF brigade"


def _role_after(doc, start: int, groups: list[Mention],  # type: ignore[no-untyped-def]
                bare: bool = False, owner: Mention | None = None) -> tuple[Mention, int] | None:
    """From a token, "(a former) GROUP (words) ROLE" or "(a former) ROLE in GROUP": the group and the role
    noun's index. bare: a title with no article ("Kataib Hezbollah security official X"), whose name must
    follow the role at once. owner: the group an "its" before the role refers to."""
    if start + 2 < len(doc) and doc[start].lower_ == "one" and doc[start + 1].lower_ == "of":
        start += 2  # "one of its field commanders"
    i = start
    while i < len(doc) and doc[i].lower_ in ROLE_LEADS:
        i += 1
    if owner is not None and doc[start].lower_ in OWNERS:  # "its deputy military commander"
        j = next((j for j in range(i, min(i + 3, len(doc))) if doc[j].lower_ in ROLE_NOUNS), None)
        if j is not None and all(t.is_lower and t.is_alpha for t in doc[i:j]):
            return owner, j
    if i < len(doc) and doc[i].lower_ in ROLE_NOUNS and i > start and i + 1 < len(doc) \
            and doc[i + 1].lower_ in ("in", "of", "with"):  # "a former officer in the PMF"
        if doc[i].lower_ == "leader" and doc[i - 1].lower_ == "the":
            return None  # "the leader of X" leads it: a leaderOf, which the relation rules read
        k = i + 2 + (i + 2 < len(doc) and doc[i + 2].lower_ == "the")
        group = next((g for g in groups if g.tok == k), None)
        return (group, i) if group is not None else None
    group = next((g for g in groups if g.tok == i), None)
    possessed = group is not None and group.tok_end < len(doc) and doc[group.tok_end].text in ("'s", "’s")
    if group is None or (i == start and not possessed and not bare):  # "LFM's deputy commander" needs no article
        return None
    for j in range(group.tok_end, min(group.tok_end + ROLE_GAP + 1, len(doc))):
        if doc[j].lower_ in ROLE_NOUNS:
            return (group, j) if not bare or (j + 1 < len(doc) and doc[j + 1].text[:1].isupper()) else None
        if not doc[j].is_alpha and doc[j].text not in ("'s", "’s", "-"):  # "LFM's deputy commander"
            return None
    return None


def affiliations(sent: Span, ms: list[Mention]) -> list[tuple[str, str, str, Mention]]:
    """(person, memberOf, group, mention) for a person described as one of a group's officers."""
    doc, out = sent.doc, []
    groups = [m for m in ms if m.cls in {"ArmedGroup", "Coalition", "StateAgency"}]
    for p in (m for m in ms if m.cls == "Person"):
        # "X, a former PMF logistics officer"; "X, whom she described as a mid-level KH commander and a former
        # officer in the PMF"
        # ... and "X is LFM's deputy commander", "X was an IRGC-QF officer"
        if p.tok_end < sent.end and (doc[p.tok_end].text == "," or doc[p.tok_end].lower_ in ("is", "was")):
            starts = [p.tok_end + 1] + [t.i + 1 for t in doc[p.tok_end + 1:min(sent.end, p.tok_end + 7)]
                                        if t.lower_ == "as"]
            hedged = p.tok_end + 1
            while hedged < sent.end and doc[hedged].lower_ in HEDGE_CHAIN:
                hedged += 1
            starts += [hedged] if hedged > p.tok_end + 1 else []
            # whose "its": the group that speaks ("X named ... whom it described as its commander"), else the last
            speaking = [g for g in groups if p.tok_end <= g.tok < p.tok_end + 4 and g.text.lower() in ("it", "they")]
            owner = (speaking or [g for g in groups if g.tok < p.tok and g.cls != "StateAgency"] or [None])[-1]
            found_any = False
            for st in starts:
                for at in [st] + [t.i + 1 for t in doc[st:min(sent.end, st + 8)] if t.lower_ == "and"]:
                    if found := _role_after(doc, at, groups, owner=owner):
                        out.append((p.entity, "memberOf", found[0].entity, p))
                        found_any = True
            if found_any:
                continue
        # "X, who previously served in a PMF brigade"; "X previously served in a Nujaba-affiliated PMF brigade"
        after = doc[p.tok_end:min(p.tok_end + 8, sent.end)]
        if len(after) > 2 and ((after[0].text == "," and after[1].lower_ == "who") or any(
                t.lower_ in SERVED for t in after[:3])):
            verb = next((t for t in after if t.lower_ in SERVED), None)
            group = next((g for g in groups if verb is not None and 0 < g.tok - verb.i <= 4), None)
            if group is not None and doc[verb.i + 1].lower_ in ("in", "with", "for"):
                out.append((p.entity, "memberOf", group.entity, p))
                continue
        # "a former Nujaba field officer known by the nom de guerre X", "a KH commander, X"
        for g in groups:
            if not 0 < p.tok - g.tok_end <= 12:
                continue
            found = _role_after(doc, max(sent.start, g.tok - 3), [g]) or _role_after(doc, max(sent.start, g.tok - 2), [g]) \
                or _role_after(doc, max(sent.start, g.tok - 1), [g]) or _role_after(doc, g.tok, [g], bare=True)
            # "a KH commander, Sheikh X": the name right after the comma, past its titles; not "the PMF
            # commander, who belongs to a rival faction, described X"
            apposed = doc[found[1] + 1].text == "," and all(t.text in PERSON_TITLES for t in doc[found[1] + 2:p.tok]) \
                if found else False
            if found and all(t.is_alpha or t.text in {",", "-"} for t in doc[found[1] + 1:p.tok]) and (
                    found[1] + 1 == p.tok or apposed or doc[found[1] + 1].lower_ in NAMING):
                out.append((p.entity, "memberOf", g.entity, p))
                break
    return out


def belongs_to_which(sent: Span, ms: list[Mention]) -> list[tuple[str, str, str, Mention]]:
    """(member, memberOf, whole, mention): "the Islamic Resistance in Iraq, a loose alliance of groups to which
    Kataib Hezbollah belongs" (the alliance the phrase describes, not the groups it lists)."""
    doc, out = sent.doc, []
    for t in sent:
        if t.lower_ != "to" or t.i + 1 >= sent.end or doc[t.i + 1].lower_ != "which":
            continue
        tail = doc[t.i + 2:min(sent.end, t.i + 9)]
        verb = next((x for x in tail if x.lower_ in ("belongs", "belong", "belonged")), None)
        member = next((m for m in ms if verb is not None and t.i + 1 < m.tok < verb.i
                       and m.cls in ("ArmedGroup", "Person")), None)
        wholes = [m for m in ms if m.tok_end <= t.i and m.cls in ("Coalition", "ArmedGroup") and m is not member]
        coalitions = [m for m in wholes if m.cls == "Coalition"]
        whole = (coalitions or wholes)[-1:] if member is not None else []
        if whole and whole[0].entity != member.entity:
            out.append((member.entity, "memberOf", whole[0].entity, member))
    return out


CLIENT_NOUNS = {"proxy", "proxies", "partner", "partners", "ally", "allies", "client", "clients"}
CLIENT_LEADS = {",", "is", "was", "are", "were", "remains", "as"}  # "X, Iran's ally", "X is Iran's proxy", "regards X as"
CLIENT_REACH = 12  # tokens back from the state to the group the phrase describes


def state_clients(sent: Span, ms: list[Mention]) -> list[tuple[str, str, str, Mention]]:
    """(group, backedBy, state, mention) for a group described as a state's partner: "X, Iran's closest ally
    in Iraq", "X is Iran's main proxy", "X, which Washington regards as Iran's most capable partner"."""
    doc, out = sent.doc, []
    for st in (m for m in ms if m.cls == "State" and m.tok > sent.start):
        if st.tok_end >= sent.end or doc[st.tok_end].text not in ("'s", "’s") or doc[st.tok - 1].lower_ not in CLIENT_LEADS:
            continue
        noun = next((t for t in doc[st.tok_end + 1:min(sent.end, st.tok_end + 5)] if t.lower_ in CLIENT_NOUNS), None)
        if noun is None or not all(t.is_lower and t.is_alpha for t in doc[st.tok_end + 1:noun.i]):
            continue
        groups = [g for g in ms if g.cls in ("ArmedGroup", "Coalition") and g.tok_end < st.tok
                  and st.tok - g.tok_end <= CLIENT_REACH and (doc[st.tok - 1].text != "," or g.tok_end == st.tok - 1)]
        if groups:
            out.append((groups[-1].entity, "backedBy", st.entity, groups[-1]))
    return out
