"""A report's metadata from its text: title, byline, publisher and publication date, with the reasoning.

Publication date, in order of trust:
1. A dateline or byline date near the top (a full day, month and year). When the byline carries
   several (an original and a repost), the earliest is the original: a repost cannot predate it.
2. Otherwise, inferred from the dates in the text: the report was written after the latest event it
   dates. Years the text mentions are a lower bound; copyright notices are page furniture, never the
   date, but the earliest is an upper bound. When weekdays and dates both occur, the year is one in
   which the latest dated event fell on a weekday the report names, and the report's day is the
   first weekday it names (its lead) after that.
Copyright lines and "updated"/"reposted" lines never give the date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from kg.ingest.dates import _parse, find_dates

HEADER_LINES = 12
FURNITURE = re.compile(r"©|\bcopyright\b|\ball rights reserved\b|\bupdated\b|\breposted\b|\bmodified\b", re.I)
COPYRIGHT = re.compile(r"(?:©|\bcopyright\b)\s*(?:©\s*)?(\d{4})\s*,?\s*([A-Z][\w.&' -]{1,40})?", re.I)
BYLINE = re.compile(r"^\s*By\s+(?:<[^>]+>)?\s*([A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3})")
YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
TAG = re.compile(r"<[^>]+>")
FULL = ("iso", "month_day_year", "day_month_year")


@dataclass
class Metadata:
    title: str
    publisher: str
    published: str | None
    date_basis: str
    author: str | None = None
    republished_by: str | None = None


def _title(lines: list[str]) -> str:
    for line in lines:
        clean = TAG.sub("", line).strip()
        if len(clean.split()) >= 5 and len(clean) <= 200 and not FURNITURE.search(clean) \
                and not BYLINE.match(clean):
            return clean
    return next((TAG.sub("", x).strip() for x in lines if x.strip()), "untitled")


def _name_before(line: str, pos: int) -> str | None:
    """The capitalised name just before a date in a byline ('Example Daily 3 March 2023')."""
    words = re.findall(r"[A-Z][\w&.'’-]*(?: [A-Z][\w&.'’-]*)*", TAG.sub("  ", line[:pos])[-60:])
    return words[-1].strip(" ,") if words else None


def _dateline(text: str, meta: Metadata) -> bool:
    lines = [x for x in text.splitlines() if x.strip()][:HEADER_LINES]
    for i, line in enumerate(lines):
        if FURNITURE.search(line):
            continue
        full = [d for d in find_dates(line) if d.kind in FULL]
        dated = [(_parse(d.text, dt.date.today()), d) for d in full]
        dated = [(day, d) for day, d in dated if day]
        if not dated:
            continue
        dated.sort(key=lambda x: x[0])
        day, first = dated[0]
        meta.published = day.isoformat()
        where = "the byline" if BYLINE.match(line) else f"the dateline (line {i + 1} of the header)"
        if len(dated) > 1:
            others = ", ".join(x[0].isoformat() for x in dated[1:])
            meta.date_basis = (f"{where} gives several dates; the earliest, {day}, is the original "
                               f"publication and the later ({others}) a repost")
            meta.publisher = _name_before(line, first.start) or meta.publisher
            later = _name_before(line, dated[1][1].start)
            if later and later != meta.publisher:
                meta.republished_by = later
        else:
            meta.date_basis = f"{where} gives {day}"
        return True
    return False


def _years(text: str) -> tuple[int | None, int | None, list[tuple[int, str]]]:
    """(latest year the text mentions, earliest copyright year, copyright (year, holder) pairs)."""
    body, rights = [], []
    for line in text.splitlines():
        if FURNITURE.search(line):
            rights += [(int(m.group(1)), (m.group(2) or "").strip(" .")) for m in COPYRIGHT.finditer(line)]
        else:
            body.append(re.sub(r"https?://\S+", "", line))
    years = [int(y) for y in YEAR.findall("\n".join(body))]
    return (max(years) if years else None), (min(y for y, _ in rights) if rights else None), rights


def _inferred(text: str, meta: Metadata) -> bool:
    lower, upper, rights = _years(text)
    if rights:
        holders = sorted(rights)
        if holders[0][1]:
            meta.publisher = holders[0][1].split(".")[0].strip()
        if len(holders) > 1 and holders[-1][1] and holders[-1][1] != holders[0][1]:
            meta.republished_by = holders[-1][1]
    mentions = [d for d in find_dates(text) if d.kind in ("month_day", "day_month") and not
                FURNITURE.search(text[text.rfind("\n", 0, d.start) + 1:text.find("\n", d.end)])]
    days = sorted({(p.month, p.day) for d in mentions if (p := _parse(d.text, dt.date(2000, 1, 1)))})
    if lower is None:
        return False  # a copyright year alone bounds the date; it does not give it
    year = lower
    if not days:
        meta.published = str(year)
        meta.date_basis = f"no dateline; the latest year the text mentions is {year}"
        return True
    # The latest dated day is the one followed by the longest gap round the calendar.
    def gap(i: int) -> int:
        a, b = days[i], days[(i + 1) % len(days)]
        da, db = dt.date(2001, *a), dt.date(2001, *b)
        return (db - da).days % 365 or 365
    last = days[max(range(len(days)), key=gap)]
    weekdays = [m.text for m in find_dates(text) if m.kind == "weekday"]
    basis = f"no dateline; the latest day the text dates is {calendar.month_name[last[0]]} {last[1]}"
    if weekdays and upper is not None and lower is not None:
        lead = weekdays[0]
        named = {w for w in weekdays if w != lead}
        fits = [y for y in range(lower, upper + 1) if calendar.day_name[dt.date(y, *last).weekday()] in named]
        if fits:
            y = fits[-1]
            d = dt.date(y, *last)
            ahead = (list(calendar.day_name).index(lead) - d.weekday()) % 7 or 7
            meta.published = (d + dt.timedelta(days=ahead)).isoformat()
            meta.date_basis = (f"{basis}; copyright notices are page furniture but bound the year "
                               f"to {lower}-{upper}, in which only {y} puts that day on a {calendar.day_name[d.weekday()]}, "
                               f"a weekday the report names; its lead names {lead}, the first after it")
            return True
    meta.published = f"{year:04d}-{last[0]:02d}"
    meta.date_basis = (f"{basis}, and the latest year it mentions is {year}; the report was "
                       "written after it, so we record the month only")
    return True


def _clean(value: str | None) -> str | None:
    """No control or invisible formatting characters in metadata (the loader refuses them)."""
    if value is None:
        return None
    return " ".join("".join(c for c in value if unicodedata.category(c) not in ("Cc", "Cf")).split())


def detect(text: str) -> Metadata:
    lines = [x for x in text.splitlines() if x.strip()][:HEADER_LINES]
    meta = Metadata(title=_title(lines), publisher="unknown", published=None, date_basis="")
    for line in lines:
        if m := BYLINE.match(line):
            meta.author = m.group(1)
            break
    if not _dateline(text, meta):
        _inferred(text, meta)
    meta.title = _clean(meta.title) or "untitled"
    meta.publisher = _clean(meta.publisher) or "unknown"
    meta.author, meta.republished_by = _clean(meta.author), _clean(meta.republished_by)
    return meta
