"""The furniture news sites print round a report's date, as named pattern tables.

`segments` splits a header line at its labels ("Published 3 March 2026 | Updated 4 March 2026") so
each date keeps the label it sits under; `yearless_dateline` reads wire datelines that give a month
and day but no year ("BAGHDAD, March 3 (Agency) -"); `page_style` says whether the page writes dates
month-first, for all-digit dates such as 03/04/2026. meta.py decides which date is the publication.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from kg.ingest.dates import MONTH, WEEKDAY, _parse, find_dates, numeric_ambiguous, numeric_date

# A label's role: "published" gives the publication date; "updated" never does, but bounds it from above.
# Order matters: the first label to claim a stretch of the line wins it ("Last modified" before "modified").
LABELS: list[tuple[str, str, str]] = [
    ("first published", "published", r"(?:first|originally) (?:published|posted)(?: on| at)?"),
    ("last modified", "updated", r"last (?:updated|modified|edited|revised)(?: on| at)?"),
    ("updated", "updated", r"updated?(?: on| at)?"),
    ("modified", "updated", r"(?:modified|revised|edited)(?: on| at)?"),
    ("reposted", "updated", r"re-?(?:posted|published)(?: on| at)?"),
    ("published", "published", r"published(?: on| at)?"),
    ("posted", "published", r"posted(?: on| at)?"),
    ("date", "published", r"(?:release |issue |publication )?date(?:d)?\s*:"),
    ("issued", "published", r"(?:issued|filed|created|distributed)(?: on| at)?"),
    ("embargoed until", "published", r"embargoed (?:until|till)"),
]
_LABELS = [(name, role, re.compile(rf"{rx}(?![a-z])\s*:?", re.I)) for name, role, rx in LABELS]

# Press-release furniture: it names the release, never its date, so it is not a label.
PRESS = re.compile(r"\bfor immediate release\b|\brelease (?:no|number)\b\.?|\bmedia (?:advisory|contact)\b", re.I)

# Header times relative to when the page was read: they give no date on their own.
RELATIVE: list[tuple[str, str]] = [
    ("ago", r"\b(?:\d+|an?|one|two|three|few) (?:sec(?:ond)?s?|min(?:ute)?s?|h(?:ou)?rs?|days?|weeks?) ago\b"),
    ("yesterday", r"^\W*(?:yesterday|today|just now)\b"),
]
_RELATIVE = [(name, re.compile(rx, re.I)) for name, rx in RELATIVE]

# Datelines that open a report with a place and a month and day but no year.
_WORD = rf"(?!{WEEKDAY}\b)(?:[a-z]{{1,2}}-)?[A-Z][\w'’.-]*"  # Baghdad, AL-QAIM, al-Qaim; not Tuesday
_PLACE = rf"{_WORD}(?: {_WORD}){{0,3}}(?:, {_WORD}(?: {_WORD}){{0,2}})?"
_AGENCY = r"(?:,? ?\((?P<agency>[^()\n]{1,40})\))?"
_DAY = rf"(?:{MONTH} \d{{1,2}}|\d{{1,2}} {MONTH})(?:st|nd|rd|th)?"
DATELINES: list[tuple[str, str]] = [
    ("place, date (agency) -",
     rf"^\W{{0,3}}(?P<place>{_PLACE})(?:,| [-–—])? (?:(?P<weekday>{WEEKDAY}),? )?(?P<date>{_DAY}){_AGENCY}"
     r" ?[-–—:]"),
    ("weekday, date", rf"^\W{{0,3}}(?P<weekday>{WEEKDAY}),? (?P<date>{_DAY})\W*$"),
    ("label date",
     rf"^\W{{0,3}}(?:Published|Posted|Filed|Date:)(?: on)?:? (?:{WEEKDAY},? )?(?P<date>{_DAY})\b(?!,? \d)"),
]
_DATELINES = [(name, re.compile(rx)) for name, rx in DATELINES]

# Signs a page writes dates month-first (the US style), for all-digit dates that read two ways.
US_ZONES = re.compile(r"\b(?:ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|PT|PST|PDT)\b|\b[ap]\.m\.")
NUMERIC = re.compile(r"\b(\d{1,2})([/.-])(\d{1,2})\2(?:\d{4}|\d{2}(?![\d/]))\b")
FULL = ("iso", "numeric", "month_day_year", "day_month_year")
WEEKDAY_RX = re.compile(WEEKDAY)
_TOUCH = re.compile(r"[\s:,|-]*(?:(?:on|at)\s+)?(?:[A-Z][a-z]{2,8},?\s+)?", re.I)
RIGHTS = re.compile(r"©|\bcopyright\b|\ball rights reserved\b", re.I)
BARE_LETTERS = 12  # letters beside a bare timestamp's date: 'Tue', 'PM GMT', 'a.m. ET'
STAMP_CHARS = 120  # page furniture is short; a longer line is prose
SEPARATORS = "|·•—–-,;:("


@dataclass(frozen=True)
class Segment:
    role: str  # "published", "updated" or "plain" (no label)
    label: str  # the LABELS entry
    said: str  # the label as the line writes it ("First published on")
    text: str
    start: int


@dataclass(frozen=True)
class Dated:
    day: dt.date
    text: str
    start: int  # in the line
    ambiguous: bool  # an all-digit date that reads two ways


def _heads(line: str, at: int) -> bool:
    """A label is furniture when capitalised, or first on its line, or after a separator; in a sentence
    ("the group posted a video on ...") or inside a word ("reposted", "Update:") it is not a label.
    Capitalised labels may be glued to the text before them, as extracted pages often are
    ("14.05 GMTFirst published on ...")."""
    before = line[:at].rstrip()
    if at and (line[at - 1] == "-" or line[at - 1].isalpha() and not line[at].isupper()):
        return False
    return line[at].isupper() or not re.sub(r"\W", "", before) or before[-1] in SEPARATORS


def segments(line: str) -> list[Segment]:
    """The line cut at each label; the text before the first label is a plain segment."""
    taken: list[tuple[int, int, str, str]] = []
    for name, role, rx in _LABELS:
        for m in rx.finditer(line):
            if _heads(line, m.start()) and not any(m.start() < e and s < m.end() for s, e, _, _ in taken):
                taken.append((m.start(), m.end(), name, role))
    taken.sort()
    cuts = [(0, 0, "", "plain")] + taken
    out = []
    for k, (s, e, name, role) in enumerate(cuts):
        stop = cuts[k + 1][0] if k + 1 < len(cuts) else len(line)
        if line[e:stop].strip():
            out.append(Segment(role, name, line[s:e].strip(" :"), line[e:stop], e))
    return out


def labelled(line: str) -> bool:
    """True when the line carries a date label ("Published On ...", "Posted: ..."): furniture, not a title."""
    return any(s.role != "plain" for s in segments(line))


def touches(line: str, seg: Segment, d: Dated) -> bool:
    """The date follows its label at once ("Published On Tue, 3 Mar 2026"), not words later."""
    return bool(_TOUCH.fullmatch(line[seg.start:d.start]))


def full_dates(text: str, month_first: bool, offset: int = 0) -> list[Dated]:
    """The dates with a day, month and year in text, earliest first."""
    out = []
    for d in find_dates(text):
        if d.kind not in FULL:
            continue
        numeric = d.kind in ("iso", "numeric")
        day = numeric_date(d.text, month_first) if numeric else _parse(d.text, dt.date.today())
        if day:
            out.append(Dated(day, d.text, offset + d.start, d.kind == "numeric" and numeric_ambiguous(d.text)))
    return sorted(out, key=lambda x: x.day)


def bare(line: str, d: Dated) -> bool:
    """A line that is little more than the date (and a time, a zone, a weekday)."""
    return len(re.sub(r"[^A-Za-z]", "", line.replace(d.text, ""))) <= BARE_LETTERS


def stamps(lines: list[str], near: int) -> list[tuple[int, str, Dated]]:
    """Dated timestamps anywhere on the page, nearest the given line first: (distance, role, date).

    A timestamp is a date under a label, or a line that is little more than a date and a time.
    """
    out = []
    for j, line in enumerate(lines):
        if RIGHTS.search(line) or len(line) > STAMP_CHARS:
            continue
        for seg in segments(line):
            for d in full_dates(seg.text, False):
                if seg.role != "plain" or bare(line, d):
                    out.append((abs(j - near), "updated" if seg.role == "updated" else "published", d))
    return sorted(out, key=lambda x: x[0])


def relative_time(line: str) -> str | None:
    """A header time relative to the reading ("2 hours ago", "Yesterday"), if the line holds one."""
    for _, rx in _RELATIVE:
        if m := rx.search(line):
            return m.group(0).strip(" -|·")
    return None


@dataclass(frozen=True)
class Yearless:
    pattern: str
    month: int
    day: int
    end: int  # where the dateline ends in its line
    weekday: str | None  # a weekday the dateline itself names ("Tuesday, March 3")


def yearless_dateline(line: str) -> Yearless | None:
    """A dateline, or a header line, giving a month and day but no year; else None."""
    for name, rx in _DATELINES:
        if (m := rx.match(line)) and not re.match(r",? ?\d{4}", line[m.end("date"):]):
            when = _parse(re.sub(r"(?<=\d)(?:st|nd|rd|th)", "", m.group("date")), dt.date(2000, 1, 1))
            if when:  # parsed in a leap year, for February 29
                return Yearless(name, when.month, when.day, m.end(), m.groupdict().get("weekday"))
    return None


def weekdays_near(text: str) -> list[str]:
    """The weekdays named in the first sentence of text ("Tuesday's attack", "on Tuesday")."""
    first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    return WEEKDAY_RX.findall(first)


def page_style(text: str) -> tuple[bool, str]:
    """(month-first?, why) for all-digit dates: day-first unless the page shows it writes month-first."""
    firsts = [(int(a), int(b)) for a, _, b in NUMERIC.findall(text)]
    if any(b > 12 >= a for a, b in firsts):
        return True, "the page writes another all-digit date month-first"
    if any(a > 12 for a, _ in firsts):
        return False, "the page writes another all-digit date day-first"
    kinds = [d.kind for d in find_dates(text) if d.kind in ("month_day_year", "day_month_year")]
    us = kinds.count("month_day_year") >= kinds.count("day_month_year")
    if US_ZONES.search(text) and us:
        return True, "the page gives US times" + (" and writes dates month-first" if kinds else "")
    return False, "nothing on the page shows it writes dates month-first"


def only_update(text: str, header_lines: int) -> tuple[dt.date, str] | None:
    """The header's earliest update date and its label, when the page gives no other date: with no
    publication label, dateline or byline date, the version read was published by then, and where nothing
    the text dates is later, that day stands for the publication."""
    lines = [x for x in text.splitlines() if x.strip()][:header_lines]
    month_first, _ = page_style(text)
    updates = sorted((d.day, seg.said) for line in lines for seg in segments(line) if seg.role == "updated"
                     for d in full_dates(seg.text, month_first, seg.start))
    if not updates:
        return None
    day, label = updates[0]
    if any((d := _parse(m.text, day)) is not None and d > day for m in find_dates(text)
           if m.kind in ("iso", "month_day_year", "day_month_year")):
        return None
    return day, label


def name_before(line: str, pos: int) -> str | None:
    """The capitalised name just before a date in a byline ('Example Daily 3 March 2023')."""
    words = re.findall(r"[A-Z][\w&.'’-]*(?: [A-Z][\w&.'’-]*)*", re.sub(r"<[^>]+>", "  ", line[:pos])[-60:])
    return words[-1].strip(" ,") if words else None
