"""Events in a sentence: trigger words, their class, date, place and roles, and whether the event is
one already read in this report or already in the knowledge base.

`EventRules` is mixed into the Extractor (kg/ingest/extract.py), which supplies the matchers and names.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Span

from kg.ingest import clauses, cues, layout
from kg.ingest import patterns as P
from kg.ingest import triggers as acts
from kg.ingest.dates import Pub, compatible, find_dates, resolve
from kg.ingest.names import Mention
from kg.ingest.proposals import Event, EventBook, Proposal, known_events

__all__ = ["Event", "EventRules", "Proposal", "known_events"]


class EventRules(EventBook):
    """The event half of the extractor (state: kb, names, seen, events, context; set by Extractor)."""

    def events_in(self, sent: Span, ms: list[Mention], stance: str, by: str | None, span: tuple[int, int],
                  pub: Pub, anchor: str | None, last: Event | None) -> tuple[list[Proposal], str | None, Event | None]:
        facilities = [m for m in ms if m.cls == "Facility"]
        triggers = acts.event_triggers(sent, ms, self.under(sent))
        pair = [t for t in triggers if t.i > sent.start and sent.doc[t.i - 1].lower_ in P.BOTH_WORDS]
        if pair and self.casualties(sent):  # "neither attack caused casualties": the last two told
            two = [e for e in self.seen if e.cls == (P.EVENT_TRIGGERS[pair[0].lower_] or e.cls)][-2:]
            return [Proposal(e.id, dict(self.casualties(sent)), stance, span, 0.5, by) for e in two], anchor, last
        if not triggers:
            return self.toll_of_last(sent, ms, stance, by, span, last), anchor, last
        if acts.lists_places(triggers[0], facilities):
            return self.each_place(triggers[0], ms, facilities, sent, span, stance, by, pub, anchor, last)
        responses = [(sent.start + s, sent.start + e) for _, s, e in self.response(sent)]
        said = list(responses)
        # "after another attack": only after an act already told in the sentence, and "after" alone is the cue
        said += [(sent.start + s, sent.start + s + 1) for _, s, e in self.sequence(sent)
                 if any(t.i < sent.start + s for t in triggers)]
        said.sort()
        cut, cut_end = said[0] if said else (None, None)
        responding = cut is not None and any(s == cut for s, _ in responses)
        # "retaliatory strikes": the trigger the cue qualifies is the response itself
        after = [t for t in triggers if cut_end is not None and t.i >= cut_end
                 and not (t.i == cut_end and sent.doc[cut].lower_ == "retaliatory")]
        main = [t for t in triggers if t not in after][:1] or triggers[:1]
        cause = after[:1]
        dates = []
        # "said on Tuesday it struck a day earlier": counted from the date before it in the sentence; with no
        # event dated yet, "two days later" counts from the last day read ("sirens sounded on Sunday ...")
        local = anchor or self.section or (self.context if self.context and len(self.context) == 10 else None)
        for d in find_dates(sent.text, sent.start_char):
            value = resolve(d, pub, local)
            if value and not cues.boundary(sent.text, d.start - sent.start_char) \
                    and not layout.dateline(sent.text, d.start - sent.start_char, d.end - sent.start_char):
                dates.append((d, value))
                local = value if len(value) == 10 else local
        spoken = [x for x in dates if cues.speech_date(sent.text, x[0].start - sent.start_char)]
        if spoken and any(len(v) == 10 for x in dates if x not in spoken for v in [x[1]]):  # another day dates the act
            dates = [x for x in dates if x not in spoken]
        elif spoken and main and acts.definite_phrase(main[0]):
            dates = [x for x in dates if x not in spoken]  # "said on Thursday it had no part in the attack": not its day
        # "..., which they said had fired drones in February": that clause's date and names are its own
        clauses = {t.i: rel for t in triggers if t not in main and t not in cause
                   and (rel := cues.relative_clause(t)) is not None and (cut is None or t.i < cut)}
        # a "when" clause tells the main event's time and manner ("the attack this year, when it fired
        # missiles on Saturday"): it stays with the main event
        inner = [(sent.doc[a].idx, sent.doc[b - 1].idx + len(sent.doc[b - 1])) for a, b in clauses.values()
                 if sent.doc[a].lower_ not in P.TIME_RELATIVES]
        outside = [x for x in dates if x[0] is None or not any(lo <= x[0].start < hi for lo, hi in inner)]
        main_dates = outside if main and main[0].i not in clauses else dates
        ms_main = [m for m in ms if not any(lo <= m.start < hi for lo, hi in inner)]
        out: list[Proposal] = []
        cause_ev = ev = date = None
        split = sent.doc[cause[0].i - 1].idx if cause else None
        if cause and cut_end is not None and cut_end <= cause[0].i - 1:
            split = sent.doc[cut_end].idx  # "in response to the March 9 drone attack": its date follows the cue
        before = [m for m in ms_main if split is None or m.start < split]
        # "came hours (four days) after X": X's day is counted back from the response's, so read that first
        gap = cues.days_between(sent.doc[cut:cut_end]) if cut is not None else None  # the days counted: no date
        dates, main_dates = (cues.outside(xs, sent.doc[cut:cut_end]) if gap else xs for xs in (dates, main_dates))
        soon = cut is not None and (gap is not None or any(t.lower_ in P.SHORT_INTERVAL for t in sent.doc[cut:cut_end]))
        main_toll = sent.doc[sent.start:cut] if cause else None  # a response and its cause: each its clause's toll
        if soon:
            ev, date = self.event(main[0], before, [x for x in main_dates if split is None or x[0].start < split],
                                  sent, last, span, stance, by, out, toll=main_toll)
        if cause:
            later, own = [m for m in ms if m.start >= split], self.cause_dates(sent, dates, split, cut, gap, soon, ev)
            # "strikes in response to a drone strike": tit for tat; "a halt to attacks, days after a strike": no answer
            cause_ev, _ = self.event(cause[0], later, own, sent, last, span, stance, by, out, cause=True,
                                     answered=P.EVENT_TRIGGERS.get(main[0].lower_) if main and responding else None,
                                     toll=sent.doc[cut:sent.end])
            cause_ev = cause_ev or self.cause(cause[0], [v for d, v in dates if d.start > cause[0].idx])
        if not soon:
            ev, date = self.event(main[0], before, [x for x in main_dates if split is None or x[0].start < split],
                                  sent, last, span, stance, by, out, toll=main_toll)
        for t_i, (start, end) in clauses.items():  # "X, who was killed by a US strike in 2020": an event
            t = sent.doc[t_i]                               # of its own, in its own clause
            # "X, which fired ...": the name the relative word follows is the clause's subject
            head = [m for m in ms if m.tok_end in (start, start - 1) and m.tok_end <= start]
            own = [m for m in ms if start <= m.tok < end] + head[-1:]
            lo, hi = sent.doc[start].idx, sent.doc[end - 1].idx + len(sent.doc[end - 1])
            when = sent.doc[start].lower_ in P.TIME_RELATIVES
            if when and ev is not None:
                continue  # the main event, told again
            self.event(t, own, [x for x in dates if lo <= x[0].start < hi] or (outside[:1] if when else []),
                       sent, last, span, stance, by, out, cause=not when,
                       subject=None if when or not head else head[-1])
        if ev and cut is not None and sent.doc[cut].lower_ != "before":  # "days before a drone attack": no answer
            target = cause_ev or self._latest_other(ev)
            if target and target.id != ev.id and target.cls != ev.cls:
                self._add(out, ev, {"respondsTo": target.id}, span, stance, by, 0.6)
        if ev:
            for _, s, e in self.orders(sent):
                people = [m for m in ms if m.cls == "Person" and abs(m.tok - (sent.start + s)) <= 6]
                if people:
                    self._add(out, ev, {"orderedBy": people[0].entity}, span, stance, by, 0.6)
        return out, (date or anchor), (ev or last)

    def event(self, trig, ms, dates, sent, last, span, stance, by, out, fresh=False, cause=False,  # type: ignore[no-untyped-def]
              subject=None, answered=None, toll=None):
        """cause: the event a response answers, told in its clause ("after an attack on X"); it happened
        before the sentence's time, so it takes no date but its own. subject: the name a relative clause
        ("X, which fired ...") is about."""
        i = trig.i
        if acts.tally(trig) and not cause and not fresh:
            return None, None
        ms = [m for m in ms if not (m.cls in P.PLACE_CLASSES and cues.clock_place(sent.doc, m))]
        on_forces = cues.hits_state_forces(trig, ms)
        adjectival = [m for m in ms if cues.modifier(sent.doc, m) and (  # "American drone strikes"
            cues.demonym_agent(trig, m) or cues.demonym_by(trig, m, ms))]  # "was hit by US airstrikes"
        ms = [m for m in ms if not cues.modifier(sent.doc, m)]
        passive = cues.passive(trig, self.under(sent))
        places = [m for m in ms if m.cls in P.PLACE_CLASSES and not cues.elsewhere(sent.doc, m)]
        countries = [m for m in ms if m.cls == "State" and m.tok > 0 and sent.doc[m.tok - 1].lower_ in P.IN_WORDS]  # "in Iraq"
        places = [m for m in places if m.tok - i <= P.PLACE_REACH] or places  # one far past the act is another's
        facility = ([m for m in places if m.cls == "Facility"] or [m for m in places if m.tok > i] or places
                    or [m for m in countries if m.tok > i])
        actors = [m for m in ms if m.cls in P.ACTOR_CLASSES - {"Person"} and m not in countries]
        claimer = next((m for m in actors if m.tok > i and cues.claimed_by(sent.doc, m)), None)  # not its doer
        actors = [m for m in actors if m is not claimer]
        perp = [m for m in actors if m.tok > i and cues.by_agent(trig, m)]
        claims_own = [m for m in actors if by and m.entity == by and m.anchor is not None and m.tok_end <= i
                      and not passive and cues.agent(trig, m)]  # "X said it had fired ...": X claims its act
        # of the actors before the trigger that acted, the nearest: "the Israel-Hamas war, set off by a Hamas attack"
        perp = perp or [m for m in actors if m.tok_end <= i and not passive and not (
            m.tok > 0 and sent.doc[m.tok - 1].lower_ in P.TARGET_BEFORE) and m.entity != by
            and cues.agent(trig, m)][-1:] or adjectival[-1:]
        if subject is not None and subject.cls in P.ACTOR_CLASSES - {"Person"} and not passive and not perp:
            perp = [subject]
        perp = perp[:1]
        own_men = by is not None and cues.own_men(trig)  # "X said its fighters had targeted ...": X's own men
        if not perp and by and self.cls(by) in P.STATE_CLASSES and (claims_own or own_men):
            perp = [m for m in actors if m.entity == by][:1]  # a state's word on its own act names the doer
        blamed = cues.blamed(sent, actors)
        targets = [m for m in actors if m not in perp and m.entity != by and 0 < m.tok - i <= 10
                   and (cues.preposition(sent.doc, m) not in ("in", "of", "from", "and", "by", "including")
                        or cues.members_of(sent.doc, m))
                   and not (blamed and m.entity == blamed.entity) and m.entity not in {x.entity for x in perp}]
        # "X was struck", "X came under attack": the subject of a passive is what was hit
        targets += [m for m in actors + [p for p in places if p.cls == "Facility"]  # a region is hit in, not hit
                    if passive and m.tok_end <= i and m not in perp and m.entity != by
                    and i - m.tok_end <= 6 and not cues.modifier(sent.doc, m)]
        targets += cues.victims(trig, ms)  # "X, who was killed in a drone strike"
        if P.EVENT_TRIGGERS[trig.lower_] == "AssassinationAttempt":  # its target is a person
            targets += [m for m in ms if m.cls == "Person" and 0 < m.tok - i <= 4]
        # "gunmen shot dead the activist X", "opened fire on the car of X": a person singled out
        singled = [m for m in ms if m.cls == "Person" and 0 < m.tok - i <= 10] if trig.lower_ in P.TARGETED else []
        # "an attack on al-Asad Air Base": the base is where it happened and what was hit
        targets += [m for m in facility[:1] if m.tok > 0 and sent.doc[m.tok - 1].lower_ in P.TARGET_BEFORE - {"near"}
                    and 0 < m.tok - i <= 10]
        weapons = [m for m in ms if m.cls == "Weapon" and abs(m.tok - i) <= 12]
        cls = P.EVENT_TRIGGERS[trig.lower_]
        # "struck", "fired": a state's act is a Strike, an armed group's (its "strike" too) an Attack
        if cls is None or (cls == "Strike" and perp):
            cls = "Strike" if (perp and perp[0].cls in P.STATE_CLASSES) or (not perp and acts.aircraft(trig)) \
                else "Attack"
        elif cls == "Strike" and (any(m.cls in P.STATE_CLASSES for m in targets)
                                  and not any(m.cls == "ArmedGroup" for m in targets) or (
                stance == "claimed" and by and self.cls(by) not in P.STATE_CLASSES) or (on_forces and not perp)
                or (not perp and facility and facility[0].cls == "Facility" and not facility[0].new)):
            # ... and "Saturday's drone strike on Victory Base": a known base hit, and no state named as the doer
            cls = "Attack"  # "a drone strike killed three US soldiers", "X claimed a drone strike": a group's act
        owned = cues.owned_target(trig, ms)  # "a bomb went off beside the convoy of X": X was the one aimed at
        if cls == "Attack" and (singled and not any(m.cls == "Weapon" for m in ms) or owned):
            cls, targets = "AssassinationAttempt", targets + (owned or singled)[:1]
        if cause and answered == cls and not perp and cls in ("Strike", "Attack"):
            cls = "Attack" if cls == "Strike" else "Strike"  # "strikes in response to a drone strike": tit for tat
        # the most precise date, then the nearest: "X, founded in 2019, said on Thursday it fired": Thursday;
        # "its worst attack this year, on Saturday": Saturday
        near = min(dates, key=lambda x: (-len(x[1]), abs(x[0].start - trig.idx) if x[0] is not None else 0)) \
            if dates else None
        date = near[1] if near else None
        if date and near and near[0] is not None and cues.eve_of(sent, near[0].start):
            date = (dt.date.fromisoformat(date) - dt.timedelta(days=1)).isoformat()  # "on the eve of X, held Saturday"
        background = any(t.lower_ in P.BACKGROUND_CUES for t in sent)
        if date is None and self.context and cls and not acts.definite(trig) and not acts.definite_phrase(trig) \
                and not background and not cause:
            # The story's current time (the last date read), to the month: the reference time of narrative
            # news, weaker than a date in the sentence.
            date = self.section or self.context[:7]  # a dated heading's day, else the story's month
        if acts.definite(trig) and not dates:  # "that attack ... led to a bombardment at X": X is not its place
            facility = [m for m in facility if abs(m.tok - i) <= P.BACKREF_PLACE_WINDOW]
        place = facility[0].entity if facility else None
        involved = {m.entity for m in perp + targets}
        if acts.generic(trig) and not place and not (dates and len(dates[0][1]) == 10) and not (
                not dates and self.continues(last, sent)):  # "a third struck a hangar": the act just told
            return None, None  # "US strikes against the militias", no place, no day: a kind of act, not one event
        # "another attack", "a second strike": not one told before ("the second attack" is)
        # ("a third struck a hangar": with a verb, "a third" is the third drone, not another act)
        another = P.EVENT_TRIGGERS[trig.lower_] is not None and not trig.lower_.endswith("ed") and any(
            t.lower_ in P.ANOTHER_WORDS and not (t.i > sent.start and sent.doc[t.i - 1].lower_ == "the")
            for t in sent.doc[max(sent.start, i - 3):i])
        doers = {m.entity for m in perp} | ({blamed.entity} if blamed else set()) | (
            {by} if by and stance == "claimed" else set())
        ev = None if another else self.match(cls, date, place, involved, doers)  # "another attack" is not one told
        if ev is None and cause and place and not another:  # "after the attack on X": the one this report told
            ev = next((e for e in reversed(self.seen) if e.cls == cls and place in e.places
                       and compatible(e.date, date, 0)), None)
        if ev is None:
            definite = acts.definite(trig)
            # "that attack" can stand for any act told before; "the strike" for a strike
            same = [e for e in self.seen if (e.cls == cls or trig.lower_ in P.GENERAL_TRIGGERS)
                    and not (cause and e.cls == answered != cls)]  # a strike answers an attack, not itself
            doer = perp[0].cls if perp else (self.cls(by) if by and stance == "claimed" else None)
            if doer:  # a group claims or carries out attacks, a state strikes
                same = [e for e in same if (e.cls == "Strike") == (doer in P.STATE_CLASSES)]
            again = None if fresh or another or cause else self.told_again(trig, sent, same, place, definite, dates,
                                                                             passive, last)
            # "that attack", and "that attack, on Jan. 28" when the day fits the month told before
            if again is not None:
                ev = again
                if not dates or date and not compatible(ev.date, date, 0):
                    date = None  # "wounded in the attack on X, died Monday": Monday is not the attack's day
            elif same and definite and not fresh and not another and (
                    not date or (same[-1].date and compatible(same[-1].date, date, 0) and not place)):
                ev = same[-1]
            elif definite and date and len(date) == 10 and not fresh and not another and (
                    told := [e for e in same if e.date == date]):
                ev = told[-1]  # "Tuesday's attack", with a place beside it: the attack this report told of that day
            elif not date and not cause and acts.definite_phrase(trig) and not self.casualties(sent):
                return None, None  # "no part in the Qayyarah attack": an act the reader is meant to know, not told here
            elif (place and not (facility[0] in countries and not (date and len(date) == 10))) or (date and involved):
                # a country alone ("attacks in Iraq") is too vague to mint an event on, without its day
                ev = self.mint(cls, date, place, involved, trig)
            else:
                return None, None
        if ev not in self.seen:
            self.seen.append(ev)
        ev.told = sent.end
        if trig.text not in ev.mentions:
            ev.mentions.append(trig.text)
        facts: dict[str, object] = {}
        if date:
            facts["date"] = date  # this report's date for it, even where another report dates it too
            self.dated.setdefault(ev.id, date)
        # "Ain al-Asad air base in Anbar province", "Erbil airport": the places the report nests it in
        nested = list(dict.fromkeys(clauses.nesting(sent.doc, facility[0], ms) + self.wholes_named(
            facility[0], places))) if place and facility else []
        if place:
            facts["location"] = [place, *nested] if nested else place
        if (stance == "claimed" or claims_own or own_men and self.cls(by) in P.GROUP_CLASSES) and by:
            facts["claimedBy"] = by  # "X claimed responsibility for the attack"
            stance = "claimed"
        elif claimer is not None:
            facts["claimedBy"] = claimer.entity
        elif stance == "denied" and by and self.cls(by) in P.ACTOR_CLASSES - {"Person"}:
            facts["perpetrator"] = by  # "X denied any role in the attack": X's part in it, denied
        elif blamed:
            ids = cues.named_with(sent.doc, blamed, actors)  # "officials blamed X (and Y)", "X was behind it"
            facts["attributedTo"], perp = ids[0] if len(ids) == 1 else ids, [m for m in perp if m.entity not in ids]
            involved.add(blamed.entity)
        if perp and "claimedBy" not in facts:
            # "X and Y fired rockets": every actor listed with the agent acted
            doers = sorted({m.entity for m in [perp[0], *cues.conjoined(sent.doc, perp[0], actors)]
                            if m.entity != (blamed.entity if blamed else None)})
            facts["perpetrator"] = doers[0] if len(doers) == 1 else doers
        if targets := cues.hit(targets, perp):
            facts["target"] = sorted({m.entity for m in targets})
        if weapons:
            facts["weapon"] = sorted({m.entity for m in weapons})
        facts.update(self.casualties(toll or sent))
        ev.places.update([place] if place else [])
        ev.places.update(nested)
        ev.actors.update(involved)
        if facts:
            conf = 0.45 + 0.15 * bool(date) + 0.15 * bool(place) + 0.1 * bool(perp) + 0.05 * (not ev.new)
            # a role named by "the group", "it", "the base": the span reaches back to where it is named
            anchors = [m.anchor for m in perp + targets + facility[:1] + claims_own if m.anchor is not None]
            here = (min(span[0], *anchors), span[1]) if anchors else span
            self._add(out, ev, facts, here, stance, by, round(min(conf, 0.95), 2))
        return ev, date
