"""What the extractor proposes (claims, events) and the knowledge base's events it matches them to."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from spacy.tokens import Span

from kg.ask.resolve import EVENT_CLASSES
from kg.ingest import cues, tolls
from kg.ingest import patterns as P
from kg.ingest.dates import compatible, find_dates, resolve
from kg.ingest.names import Mention, slug
from kg.kb.model import KnowledgeBase


@dataclass
class Proposal:
    subject: str
    facts: dict[str, object]
    stance: str
    span: tuple[int, int]
    confidence: float
    by: str | None = None


@dataclass
class Event:
    id: str
    cls: str
    date: str | None
    places: set[str] = field(default_factory=set)
    actors: set[str] = field(default_factory=set)
    new: bool = True
    label: str = ""
    mentions: list[str] = field(default_factory=list)
    told: int = -1  # the token where the last sentence that told of it ends


DOER_ROLES = {"perpetrator", "claimedBy", "attributedTo", "orderedBy"}


def known_events(kb: KnowledgeBase) -> list[Event]:
    """The knowledge base's events with what its claims say of them, for matching new reports to."""
    events = {e.id: Event(e.id, e.cls, None, new=False, label=e.label) for e in kb.entities.values()
              if e.cls in EVENT_CLASSES}
    dates: dict[str, list[str]] = {}
    for c in kb.claims:
        for f in c.facts:
            ev = events.get(f.subject)
            if not ev:
                continue
            if f.predicate == "date" and f.value:
                dates.setdefault(ev.id, []).append(f.value.lexical)
            elif f.predicate == "location" and f.object:
                ev.places.add(f.object)
            elif f.object and f.predicate in DOER_ROLES:  # who did it, not whom it hit
                ev.actors.add(f.object)
    out = []
    for ev in events.values():
        for d in dates.get(ev.id, [None]):  # type: ignore[list-item]
            out.append(Event(ev.id, ev.cls, d, ev.places, ev.actors, False, ev.label))
    return out


def containment(kb: KnowledgeBase) -> dict[str, set[str]]:
    """Place -> the towns, districts and provinces it lies in (never a whole country), from locatedIn claims."""
    up: dict[str, set[str]] = {}
    for c in kb.claims:
        for f in c.facts:
            whole = kb.entities.get(f.object) if f.object else None
            if f.predicate == "locatedIn" and whole is not None and whole.cls != "State":
                up.setdefault(f.subject, set()).add(whole.id)
    # "Eastern Baghdad", "Baghdad International Airport": a place named after the town it is in
    towns = {e.label.lower(): e.id for e in kb.entities.values() if e.cls == "Place"}
    for e in kb.entities.values():
        if e.cls in ("Place", "Facility"):
            words = e.label.lower().split()
            for n in range(1, len(words)):
                for part in (" ".join(words[n:]), " ".join(words[:n])):
                    if part in towns and towns[part] != e.id:
                        up.setdefault(e.id, set()).add(towns[part])
    for _ in range(3):  # a district in a city in a province
        for wholes in up.values():
            wholes |= {w for x in list(wholes) for w in up.get(x, ())}
    return up


def same_place(place: str | None, places: set[str], within: dict[str, set[str]]) -> bool:
    """One of the places, or inside one ("eastern Baghdad" and "Baghdad"), or holding one."""
    if not place:
        return False
    return place in places or bool(within.get(place, set()) & places) or any(
        place in within.get(p, ()) for p in places)


def match_event(events: list[Event], known: list[Event], cls: str, date: str | None, place: str | None,
                actors: set[str], doers: set[str] | None = None,
                within: dict[str, set[str]] | None = None) -> Event | None:
    """An event already read or already known: same class, compatible date, a place or actor shared.

    actors: everyone the sentence involves, matched against this report's events; doers: those who
    carried it out, matched against the knowledge base's (which record only who did each act): a
    strike by the US military and an attack on it are not one event."""
    within = within or {}
    # Within one report a day is a day; across reports, one day's difference is the same event
    # told from another time zone or deadline.
    dated = [ev for ev in events if ev.cls == cls and date and ev.date and compatible(ev.date, date, 0)]
    for ev in dated:  # in one report, "a strike in Baghdad" is the strike in eastern Baghdad told before
        if same_place(place, ev.places, within) or (actors & ev.actors):
            return ev
    doers = actors if doers is None else doers
    dated += [ev for ev in known if ev.cls == cls and date and ev.date and compatible(ev.date, date)]
    for ev in dated:
        if (place and place in ev.places) or (doers & ev.actors):
            return ev
    if date and place:  # a scene told first without its day, then with it
        untold = [ev for ev in events if ev.cls == cls and not ev.date and same_place(place, ev.places, within)]
        if len(untold) == 1:
            untold[0].date = date
            return untold[0]
    if not date and place:  # "a new militia's attack on Ain al-Asad", undated: the one this report told there
        there = [ev for ev in events if ev.cls == cls and ev.date and same_place(place, ev.places, within)]
        if len({ev.id for ev in there}) == 1:
            return there[0]
    for ev in events:  # one report, one class, one day: the same event unless the places differ
        if ev.cls == cls and date and len(date) == 10 and ev.date == date and not (place and ev.places):
            return ev
    if not place and not actors and date and len(date) == 10:
        # "Saturday's attack": the attack of that day this report has read, else the one known
        here = [ev for ev in events if ev.date == date]
        if here:
            return here[-1]
        same_day = [ev for ev in dated if ev.date == date]
        if len({e.id for e in same_day}) == 1:
            return same_day[0]
    return None


class EventBook:
    """The events a report tells, as the extractor keeps them (state: kb, names, seen, events, known, within,
    no_harm; set by Extractor): matching a mention to one told or known, minting a new one, adding its facts."""

    def casualties(self, sent: Span) -> dict[str, int]:
        return tolls.casualties(sent, self.no_harm)

    def match(self, cls: str, date: str | None, place: str | None, actors: set[str],
              doers: set[str] | None = None) -> Event | None:
        return match_event(self.events, self.known, cls, date, place, actors, doers, self.within)

    def mint(self, cls: str, date: str | None, place: str | None, actors: set[str], trig) -> Event:  # type: ignore[no-untyped-def]
        where = place or next(iter(sorted(actors)), None)
        label_where = self.label(where) if where else "an unnamed place"
        base = slug(f"{cls}-{date or 'undated'}-{where or 'event'}", 60)
        eid, n = base, 2
        while eid in self.kb.entities or any(e.id == eid for e in self.events):
            eid, n = f"{base}-{n}", n + 1
        ev = Event(eid, cls, date, label=f"{cls} at {label_where}, {date or 'date unknown'}")
        self.events.append(ev)
        return ev

    def each_place(self, trig, ms, facilities, sent, span, stance, by, pub, anchor, last):  # type: ignore[no-untyped-def]
        """'Attacks targeted base A, base B and base C': one event at each place listed (each read by the
        extractor's event(), kg/ingest/events.py)."""
        dates = [(d, v) for d in find_dates(sent.text, sent.start_char) if (v := resolve(d, pub, anchor))]
        out: list[Proposal] = []
        ev, date = None, None
        listed = [m for m in facilities if m.tok > trig.i and sent.doc[m.tok - 1].lower_ not in P.LOCATOR_WORDS]
        for place in {m.entity: m for m in listed}.values():
            others = [m for m in ms if m.cls != "Facility" or m is place]
            ev, date = self.event(trig, others, dates, sent, last, span, stance, by, out, fresh=True)
        return out, (date or anchor), (ev or last)

    def wholes_named(self, site: Mention, places: list[Mention]) -> list[str]:
        """The places a site lies in that the report names with it: 'Erbil airport' (Erbil, in its name),
        'Camp Victory near Baghdad airport' (the airport, named beside it)."""
        wholes = self.within.get(site.entity, set()) - {site.entity}
        beside = [m.entity for m in places if m.entity in wholes]
        in_name = sorted(w for w in wholes if w in self.kb.entities and re.search(
            rf"\b{re.escape(self.kb.entities[w].label)}\b", site.text, re.I))
        return list(dict.fromkeys(beside + in_name))

    def cause(self, trig, dates: list[str]) -> Event | None:  # type: ignore[no-untyped-def]
        """The event a response answers ("in retaliation for Saturday's attack"): one already read."""
        cls = P.EVENT_TRIGGERS[trig.lower_] or "Attack"
        for ev in reversed([*self.seen, *self.known]):
            if ev.cls == cls and (not dates or (ev.date and compatible(ev.date, dates[0]))):
                if dates or ev in self.seen:
                    return ev
        return None

    def cause_dates(self, sent: Span, dates: list, split: int, cut: int | None, gap: int | None, soon: bool,
                    ev: Event | None) -> list:
        """The dates of the act a response answers: its clause's own; else, for "hours (or N days) after X",
        counted back from the day this report gave the response; else, for "days after X" beside a month
        ("in late January 2024, days after a drone strike killed ..."), that month."""
        own = [x for x in dates if x[0].start >= split]
        told = self.dated.get(ev.id) if ev is not None else None
        if not own and soon and told and len(told) == 10:
            return [(None, (dt.date.fromisoformat(told) - dt.timedelta(days=gap or 0)).isoformat())]
        near_by = cut is not None and cut > sent.start and sent.doc[cut - 1].lower_ in P.FEW_DAYS
        earlier = [v for d, v in dates if d.start < split and (len(v) == 7 or len(v) == 10 and int(v[8:]) >= 15)]
        return [(None, earlier[-1][:7])] if not own and near_by and earlier else own

    def toll_of_last(self, sent: Span, ms: list, stance: str, by: str | None, span: tuple[int, int],
                     last: Event | None) -> list[Proposal]:
        """A sentence with no act of its own, right after one: its casualties (and the place it gives)
        are the last act's."""
        toll: dict[str, object] = dict(self.casualties(sent))
        harm = any(t.lower_ in P.CASUALTY_WORDS for t in sent)
        follows = self.continues(last, sent)  # told in the sentence just before
        if harm and follows and last is not None and not last.places:
            # "Gunmen raided his house in the X district, killing ...": the next sentence says where
            where = [m for m in ms if m.cls in P.PLACE_CLASSES and cues.preposition(sent.doc, m) in
                     P.IN_WORDS | {"at", "near"}]
            if where:
                toll["location"] = where[0].entity
                last.places.add(where[0].entity)
        # "X claimed responsibility in a Telegram post": a claim, with no act named, of the act just told
        if stance == "claimed" and by and self.cls(by) in P.GROUP_CLASSES and follows and last is not None:
            toll["claimedBy"] = by
        # "The coalition denied any involvement": a denial, with no act named, of a part in the act just told
        if stance == "denied" and by and self.cls(by) in P.ACTOR_CLASSES - {"Person"} and follows and any(
                t.lower_ in ("involvement", "role", "part", "responsibility") for t in sent):
            toll["perpetrator"] = by
        if toll and follows and last is not None:  # "one soldier was wounded": the toll of the event just told
            last.told = sent.end  # ... and the act is still the one being told in the sentence after
            return [Proposal(last.id, toll, stance, span, 0.5, by)]
        return []

    def told_again(self, trig, sent: Span, same: list[Event], place: str | None, definite: bool,  # type: ignore[no-untyped-def]
                   dates: list, passive: bool, last: Event | None) -> Event | None:
        """An act this report told before, met again: 'the rockets had been launched from X' (a definite
        weapon before a passive verb: X is where they came from); 'wounded in the attack on X' (a definite
        phrase at a place it told an act at); 'a third struck a hangar' (no place and no day, in the sentence
        right after the act)."""
        # a day of its own that does not fit makes it another act ("the three rockets fired at X on 19 December")
        own = [v for d, v in dates if d is None or not cues.speech_date(sent.text, d.start - sent.start_char)]
        same = [e for e in same if all(compatible(e.date, v, 0) for v in own)]
        if not same:
            return None
        doc = trig.doc
        before = [t.lower_ for t in doc[max(sent.start, trig.i - 5):trig.i]]
        weapon_back = passive and any(w in ("the", "these", "those") and i + 1 < len(before) and (
            before[i + 1] in P.WEAPON_NOUNS) for i, w in enumerate(before))
        if weapon_back:
            return same[-1]
        if definite and place:
            return next((e for e in reversed(same) if same_place(place, e.places, self.within)), None)
        if not place and not dates and self.continues(last, sent) and last in same:
            # "... four days after a rocket attack. No group claimed that attack": of the acts told together,
            # the one of the kind named
            peers = [e for e in same if e.told == last.told and e.cls == P.EVENT_TRIGGERS.get(trig.lower_)]
            return peers[-1] if peers and last not in peers else last
        return None

    @staticmethod
    def continues(last: Event | None, sent: Span) -> bool:
        """Whether the sentence comes right after the one that told the last act."""
        return last is not None and 0 <= last.told <= sent.start and all(
            t.is_space for t in sent.doc[last.told:sent.start])

    def label(self, eid: str) -> str:
        e = self.kb.entities.get(eid)
        return e.label if e else self.names.new[eid]["label"]

    def _latest_other(self, ev: Event) -> Event | None:
        others = [e for e in self.seen if e is not ev and e.cls != ev.cls]
        return others[-1] if others else None

    def _add(self, out: list[Proposal], ev: Event, facts: dict[str, object], span: tuple[int, int],
             stance: str, by: str | None, conf: float) -> None:
        out.append(Proposal(ev.id, facts, stance, span, conf, by))
