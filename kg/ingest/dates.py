"""Date expressions in a report, and their resolution against the publication date.

The expressions are a small named table (`PATTERNS`); dateparser reads the absolute ones ("Dec. 9",
"21 January 2024"), and the relative ones ("Saturday", "late last month", "two days later") are
counted from the publication date or from the date read just before.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

import dateparser

MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
         r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|"
         # an agency's or ministry's stamp in capitals: "22 NOV 2026", "NOVEMBER 22, 2026"
         r"JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?|"
         r"SEPT?(?:EMBER)?|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?)\.?")
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "a": 1}
_N = r"(?P<n>\d+|" + "|".join(NUMBER_WORDS) + "|" + "|".join(w.title() for w in NUMBER_WORDS) + r")"

# Where a full date ends: not in more digits, unless a time is glued on ("March 3, 20264:12 PM").
_END = r"(?:(?!\d)|(?=\d{1,2}[:.]\d\d))"

# name -> pattern. Order matters: the first pattern to claim a stretch of text wins it.
PATTERNS: list[tuple[str, str]] = [
    ("iso", rf"\b\d{{4}}([-/.])\d{{1,2}}\1\d{{1,2}}{_END}"),  # 2026-03-03, 2026/3/3, 2026.03.03, 2026-03-03T13:22Z
    ("numeric", rf"\b\d{{1,2}}([/.-])\d{{1,2}}\1\d{{4}}{_END}"),          # 03/03/2026, 3.3.2026: see numeric_date
    ("numeric", r"\b\d{1,2}/\d{1,2}/\d{2}(?![\d/])"),  # 03/18/26, a US page's stamp: the year in two digits
    ("numeric", r"\b\d{1,2}\.\d{1,2}\.\d{2}(?![\d.])"),  # 03.03.26, a European page's stamp
    ("month_day_year", rf"\b{MONTH},? \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}{_END}"),  # also "January, 05, 2026"
    ("day_month_year", rf"\b\d{{1,2}}(?:st|nd|rd|th)? (?:of )?{MONTH},? \d{{4}}{_END}"),
    ("day_month_year", rf"\b\d{{1,2}}-{MONTH}-\d{{4}}{_END}"),  # 03-Mar-2026
    # "14 Apr 26 | 1905 gmt": a year in two digits, only where a stamp's time, a bar or the line's end follows
    ("day_month_year", rf"\b\d{{1,2}} {MONTH} \d\d(?=\s*(?:[|,]|$|\d{{1,2}}[:.]?\d\d\b))"),
    ("month_day", rf"\b{MONTH} \d{{1,2}}(?:st|nd|rd|th)?\b(?!,? \d)"),
    ("day_month", rf"\b\d{{1,2}} {MONTH}(?!,? \d)"),
    ("month_year", rf"\b{MONTH},? \d{{4}}\b"),
    # "in October last year", "in early May of last year"
    ("in_month_last_year", r"\b[Ii]n (?:early |mid-|mid |late )?(?P<m>January|February|March|April|May|June|July|August|September|October|November|December) (?:of )?last year\b"),
    # "mid-November", "late October", "at the end of October": a part of a month
    ("in_month", r"\b(?:[Mm]id-|(?<![Ii]n )(?:[Ee]arly|[Ll]ate) |the (?:end|start|beginning|middle) of )(?P<m>January|February|March|April|May|June|July|August|September|October|November|December)\b"),
    ("in_month", r"\b[Ii]n (?:early |mid-|mid |late )?(?P<m>January|February|March|April|June|July|August|September|October|November|December)\b"),
    ("part_of_year", r"\b(?:first|opening|last|closing|final) (?:week|weeks|days|month) of (?:19|20)\d\d\b"),
    ("year_of_event", r"\b(?:19|20)\d\d(?= (?:[a-z-]+ ){0,2}(?:attacks?|strikes?|airstrikes?|bombing|raid|assault)\b)"),
    ("in_year", r"\b(?:[Ii]n|[Dd]uring|[Ss]ummer|[Ww]inter|[Ss]pring|[Aa]utumn) (?:of )?(?:(?:early|mid|late)[- ])?"
                r"(?:19|20)\d\d\b"),
    ("years_ago", rf"\b{_N} years? ago\b"),
    ("days_ago", rf"\b{_N} days? ago\b"),
    ("weeks_ago", rf"\b{_N} weeks? ago\b"),
    ("months_ago", rf"\b{_N} months? ago\b"),
    ("last_weekday", rf"\blast {WEEKDAY}\b"),
    ("last_named_month", r"\blast (?P<m>January|February|March|April|May|June|July|August|September|October|November|December)\b"),
    ("weekday", rf"\b{WEEKDAY}\b"),
    # the report's own day: "earlier today", "this morning", "overnight" (the night that ends in it)
    ("today", r"\b(?:today|tonight|overnight|this (?:morning|afternoon|evening))\b"),
    ("yesterday", r"\b(?:yesterday|last night)\b"),
    ("this_week", r"\b(?:earlier |late |early )?this week\b"),
    ("last_week", r"\b(?:(?:late |early )?last week|the previous week|the week before)\b"),
    ("this_month", r"\b(?:(?:earlier |late |early )?this month|earlier in the month)\b"),
    ("last_month", r"\b(?:late |early )?last month\b"),
    ("this_year", r"\b(?:earlier )?this year\b"),
    ("last_year", r"\blast year\b"),
    ("new_years_eve", r"\bNew Year[’']s Eve\b"),
    ("christmas", r"\b(?:last )?Christmas\b"),
    ("days_after", rf"\b{_N} days? (?:later|after)\b"),
    ("days_before", rf"\b{_N} days? (?:earlier|before)\b"),
    ("weeks_after", rf"\b{_N} weeks? (?:later|after)\b"),
    ("weeks_before", rf"\b{_N} weeks? (?:earlier|before)\b"),
    ("next_day", r"\bthe (?:next|following) (?:day|morning|afternoon|evening|night)\b"),
    ("day_before", r"\bthe (?:day before|previous day|previous night|night before)\b"),
    ("hours_after", r"\b(?:hours|minutes|moments) (?:later|after)\b"),
]
_COMPILED = [(name, re.compile(p)) for name, p in PATTERNS]
# Words that open a relative date at a sentence's start ("Last July, ..."). Not "Today" or "Overnight": there
# they open a press release's first line or a key-events bullet more often than an act's telling.
OPENERS = re.compile(r"\b(?:Last|Earlier|Late|Early|This|Yesterday|The)\b")


@dataclass(frozen=True)
class Pub:
    """The publication date at its precision: day (2024-01-23), month (2024-01) or year (2024)."""

    day: dt.date  # the last day it can be, for "before the report" arithmetic
    lexical: str

    @property
    def precision(self) -> str:
        return {10: "day", 7: "month", 4: "year"}[len(self.lexical)]

    @classmethod
    def parse(cls, lexical: str) -> Pub:
        parts = [int(p) for p in lexical.split("-")]
        if len(parts) == 3:
            return cls(dt.date(*parts), lexical)
        if len(parts) == 2:
            return cls(dt.date(parts[0], parts[1], calendar.monthrange(*parts)[1]), lexical)
        return cls(dt.date(parts[0], 12, 31), lexical)


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    kind: str
    text: str


def find_dates(text: str, offset: int = 0) -> list[DateMention]:
    """Every date expression in text, in order, none overlapping."""
    taken: list[tuple[int, int]] = []
    found = []
    text = OPENERS.sub(lambda m: m.group(0).lower(), text)  # "Last July", "Earlier this week": a sentence's start
    for name, rx in _COMPILED:
        for m in rx.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append(DateMention(offset + m.start(), offset + m.end(), name, m.group(0)))
    # "on Saturday, December 20, 2025": the weekday only names the day the full date gives
    full = {d.start for d in found if d.kind in ("month_day_year", "day_month_year", "month_day", "day_month")}
    found = [d for d in found if d.kind != "weekday" or not any(
        re.fullmatch(r",? ", text[d.end - offset:s - offset]) for s in full if s > d.start)]
    return sorted(found, key=lambda d: d.start)


def _parse(text: str, base: dt.date) -> dt.date | None:
    when = dateparser.parse(text.replace("’s", "").replace("'s", ""), languages=["en"], settings={
        "RELATIVE_BASE": dt.datetime.combine(base, dt.time()), "PREFER_DATES_FROM": "past",
        "PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False})
    return when.date() if when else None


def numeric_date(text: str, month_first: bool = False) -> dt.date | None:
    """An all-digit date: year first (ISO), else day first unless month_first or day-first is impossible.
    Dots are the day-first style wherever they are used (12.01.2026 is 12 January), never the US one."""
    parts = [int(p) for p in re.split(r"[-/.]", text)[:3]]
    month_first = month_first and "." not in text
    if text[:4].isdigit():
        y, m, d = parts
    else:
        a, b, y = parts
        y += 2000 if y < 100 else 0
        d, m = (b, a) if (month_first and b <= 31 and a <= 12) or b > 12 else (a, b)
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def numeric_ambiguous(text: str) -> bool:
    """True when an all-digit date reads as two different days (03/04/2026, not 13/04/2026, 3/3/2026 or
    03.04.2026, which is day-first)."""
    if text[:4].isdigit() or "." in text:
        return False
    a, b = (int(p) for p in re.split(r"[-/.]", text)[:2])
    return a != b and a <= 12 and b <= 12


def _month_shift(day: dt.date, months: int) -> str:
    y, m = divmod(day.year * 12 + day.month - 1 + months, 12)
    return f"{y:04d}-{m + 1:02d}"


def _latest(month: int, dom: int, pub: Pub) -> dt.date:
    year = pub.day.year if (month, dom) <= (pub.day.month, pub.day.day) else pub.day.year - 1
    return dt.date(year, month, dom)


def resolve(mention: DateMention, pub: Pub, anchor: str | None = None) -> str | None:
    """The date a mention means, as YYYY-MM-DD / YYYY-MM / YYYY, or None when it cannot be known.

    anchor: the date read just before, for "two days later".
    """
    kind, text, base = mention.kind, mention.text, pub.day
    if kind in ("iso", "numeric"):
        d = numeric_date(text)
        return d.isoformat() if d else None
    if kind in ("month_day_year", "day_month_year"):
        d = _parse(text, base)
        return d.isoformat() if d else None
    if kind in ("month_day", "day_month"):
        d = _parse(text, base)
        return _latest(d.month, d.day, pub).isoformat() if d else None
    if kind == "month_year":
        d = _parse("1 " + text, base)
        return f"{d.year:04d}-{d.month:02d}" if d else None
    if kind == "in_month_last_year":
        d = _parse("1 " + text.split()[-3 - text.endswith("of last year")].split("-")[-1], base)
        return f"{base.year - 1:04d}-{d.month:02d}" if d else None
    if kind in ("days_ago", "weeks_ago"):  # "three days ago": counted back from the report's own day
        if pub.precision != "day":
            return None
        m = re.search(_N, text)
        n = int(NUMBER_WORDS.get(m.group("n").lower(), m.group("n"))) if m else 1
        return (base - dt.timedelta(days=n * (7 if kind == "weeks_ago" else 1))).isoformat()
    if kind == "in_month":
        d = _parse("1 " + text.split()[-1].split("-")[-1], base)
        return _latest(d.month, 1, pub).isoformat()[:7] if d else None
    if kind == "last_named_month":  # "last October": the latest October before this month
        d = _parse("1 " + text.split()[-1], base)
        return f"{base.year - (d.month >= base.month):04d}-{d.month:02d}" if d and pub.precision != "year" else None
    if kind == "part_of_year":
        return text[-4:] + ("-01" if text.split()[0] in ("first", "opening") else "-12")
    if kind == "year_of_event":
        return text
    if kind == "in_year":
        return text[-4:]
    if kind in ("years_ago", "months_ago"):  # "two years ago": the year (or month) only, never the day
        m = re.search(_N, text)
        n = int(NUMBER_WORDS.get(m.group("n").lower(), m.group("n"))) if m else 1
        return str(base.year - n) if kind == "years_ago" else (
            _month_shift(base, -n) if pub.precision != "year" else None)
    if kind == "this_month":
        return base.isoformat()[:7] if pub.precision != "year" else None
    if kind == "last_month":
        return _month_shift(base, -1) if pub.precision != "year" else None
    if kind == "this_year":
        return str(base.year)
    if kind == "last_year":
        return str(base.year - 1)
    if kind == "new_years_eve":
        return _latest(12, 31, pub).isoformat()
    if kind == "christmas":
        return _latest(12, 25, pub).isoformat()
    if pub.precision != "day" and kind in ("weekday", "last_weekday", "today", "yesterday", "this_week", "last_week"):
        return None  # a weekday means nothing without the day the report was written
    if kind in ("weekday", "last_weekday"):
        name = text.split()[-1].split("’")[0].split("'")[0]
        back = (base.weekday() - list(calendar.day_name).index(name)) % 7
        back = back or 7 * (kind == "last_weekday")  # "last Tuesday", written on a Tuesday: a week back
        return (base - dt.timedelta(days=back)).isoformat()
    if kind in ("today", "yesterday"):
        return (base - dt.timedelta(days=kind == "yesterday")).isoformat()
    if kind in ("this_week", "last_week"):  # the month, when the whole week up to the report lies in one
        monday = base - dt.timedelta(days=base.weekday() + 7 * (kind == "last_week"))
        end = base if kind == "this_week" else monday + dt.timedelta(days=6)
        return monday.isoformat()[:7] if monday.month == end.month else None
    if kind in ("days_after", "days_before", "next_day", "day_before", "weeks_after", "weeks_before", "hours_after"):
        if not anchor or len(anchor) != 10:
            return None
        m = re.search(_N, text)
        n = int(NUMBER_WORDS.get(m.group("n").lower(), m.group("n"))) if m else 1
        n = {"next_day": 1, "day_before": -1, "hours_after": 0, "days_before": -n, "weeks_after": 7 * n,
             "weeks_before": -7 * n}.get(kind, n)
        return (dt.date.fromisoformat(anchor) + dt.timedelta(days=n)).isoformat()
    return None


def compatible(a: str | None, b: str | None, slack_days: int = 1) -> bool:
    """Two dates can be the same event's: one contains the other, or days at most slack_days apart."""
    if not a or not b:
        return True
    if a.startswith(b) or b.startswith(a):
        return True
    if len(a) == 10 and len(b) == 10:
        return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days) <= slack_days
    return False
