"""A report's metadata from its text: title, byline, publisher and publication date, with the reasoning.

Publication date, in order of trust:
1. The header, cut into labelled segments (headers.py): a date under "Published"/"Posted"/"Date:";
   else the first line's dates (a timestamp, a byline, a dateline with a year), where several (an
   original and a repost) give the earliest: a repost cannot predate it. "Updated"/"Reposted" dates
   never give the date but bound it from above. Past the first lines, only bare timestamps count.
2. A dateline with a month and day but no year: the year from the page's nearest timestamp, else its
   update date, else the latest year the text mentions (moved on one year if only that puts the day
   on a weekday the lead names). A copyright year alone is only an upper bound.
3. Otherwise, inferred from the dates in the text: the report was written after the latest event it
   dates. Years the text mentions are a lower bound; copyright notices are page furniture, never the
   date, but the earliest (or the first update) is an upper bound. When weekdays and dates both occur,
   the year is one in which the latest dated event fell on a weekday the report names, and the
   report's day is the first weekday it names (its lead) after that.
Header times relative to the reading ("2 hours ago") never give a date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from kg.ingest import headers
from kg.ingest.headline import BYLINE, FURNITURE, title_of
from kg.ingest.dates import _parse, find_dates

HEADER_LINES = 12
DATELINE_LINES = 25  # a wire dateline opens the body, which can follow a long header
DATELINE_CHARS = 60  # how far into a line a dateline's date can start
COPYRIGHT = re.compile(r"(?:©|\bcopyright\b)\s*(?:©\s*)?(\d{4})\s*,?\s*([A-Z][\w.&' -]{1,40})?", re.I)
YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")


@dataclass
class Metadata:
    title: str
    publisher: str
    published: str | None
    date_basis: str
    author: str | None = None
    republished_by: str | None = None


def _header(text: str, meta: Metadata) -> bool:
    """A date in the header: under a "Published" label first, else the first line's, never an update's."""
    lines = [x for x in text.splitlines() if x.strip()]
    # Past the first lines, the header goes on until the prose starts, but there only bare timestamps count.
    prose = next((i for i, x in enumerate(lines) if len(x) > headers.STAMP_CHARS and not BYLINE.match(x)
                  or headers.yearless_dateline(x)), len(lines))
    lines = lines[:max(HEADER_LINES, min(prose, DATELINE_LINES))]
    month_first, style = headers.page_style(text)
    labelled: list[tuple[headers.Dated, str, int]] = []
    ranked: dict[tuple[int, int], list[headers.Dated]] = {}  # (rank, line) -> its plain dates
    updates = []
    for i, line in enumerate(lines):
        deep, rights = i >= HEADER_LINES, headers.RIGHTS.search(line)
        for seg in headers.segments(line):
            dated = headers.full_dates(seg.text, month_first, seg.start)
            if seg.role != "plain":  # in prose ("Posted on Telegram on 3 March ...") the label must touch its date
                short = len(line) <= headers.STAMP_CHARS
                dated = [d for d in dated if short or not deep and headers.touches(line, seg, d)]
            if seg.role == "updated":
                updates += [(d.day, seg.said) for d in dated]
            elif seg.role == "published":
                labelled += [(d, seg.said, i) for d in dated]
            elif not rights:  # a copyright notice's part of the line is furniture
                for d in dated:
                    if (rank := _rank(line, d)) is not None and (rank == 0 or not deep):
                        ranked.setdefault((rank, i), []).append(d)
    # "9 January 2026 - Ain al-Asad", "Jan 21, 2026 - Jurf al-Sakhar": short lines with different dates
    # are a timeline's section headings, not the page's date
    # (a sentence that opens with a date, "On February 11, 2026, the group ...", is prose, not a heading)
    lines_by_day = {d.day: i for (rank, i), ds in ranked.items()
                    if rank != 1 and not lines[i].rstrip().endswith(('.', '!', '?', '"', '”')) for d in ds}
    if len(lines_by_day) > 1 and len(set(lines_by_day.values())) > 1:
        ranked = {k: ds for k, ds in ranked.items() if k[0] == 1}  # a byline's date still counts
    plain_at = min(ranked)[1] if ranked else -1
    plain = sorted((d for (_, i), ds in ranked.items() if i == plain_at for d in ds), key=lambda d: d.day)
    bound = min(updates) if updates else None
    later = f"; the '{bound[1]}' date {bound[0]} is a revision, never the publication" if bound else ""
    labelled = [x for x in labelled if not bound or x[0].day <= bound[0]]
    plain = [d for d in plain if not bound or d.day <= bound[0]]
    if labelled:
        first, label, i = min(labelled, key=lambda x: x[0].day)
        meta.published = first.day.isoformat()
        meta.date_basis = f"the '{label}' label (line {i + 1} of the header) gives {first.day}{later}"
        meta.date_basis += _ambiguity(first, month_first, style)
        return True
    if not plain:
        return False
    line, first = lines[plain_at], plain[0]
    meta.published = first.day.isoformat()
    where = "the byline" if BYLINE.match(line) else f"the dateline (line {plain_at + 1} of the header)"
    if len(plain) > 1:
        others = ", ".join(x.day.isoformat() for x in plain[1:])
        meta.date_basis = (f"{where} gives several dates; the earliest, {first.day}, is the original "
                           f"publication and the later ({others}) a repost")
        meta.publisher = headers.name_before(line, first.start) or meta.publisher
        again = headers.name_before(line, plain[1].start)
        if again and again != meta.publisher:
            meta.republished_by = again
    else:
        meta.date_basis = f"{where} gives {first.day}"
    meta.date_basis += later + _ambiguity(first, month_first, style)
    return True


def _updated_only(text: str, meta: Metadata) -> bool:
    """AP and CNN pages print only "Updated ...": that day stands for the publication (see headers.only_update)."""
    found = headers.only_update(text, HEADER_LINES)
    if found is None:
        return False
    day, label = found
    meta.published = day.isoformat()
    meta.date_basis = (f"the header gives only the '{label}' date, {day}: the report as read was published by "
                       "then, and nothing it dates is later")
    return True


def _rank(line: str, d: headers.Dated) -> int | None:
    """How surely a plain date is the page's: a bare timestamp, a byline's, a dateline's, a short line's.

    A date deep in a long line of prose is an event's (None)."""
    if headers.bare(line, d):
        return 0
    if BYLINE.match(line):
        return 1
    if d.start <= DATELINE_CHARS:
        return 2
    return 3 if len(line) <= headers.STAMP_CHARS else None


def _ambiguity(d: headers.Dated, month_first: bool, style: str) -> str:
    if not d.ambiguous:
        return ""
    return f"; {d.text} reads two ways: read {'month' if month_first else 'day'}-first, as {style}"


def _yearless(text: str, meta: Metadata) -> bool:
    """A dateline with a month and day but no year; the year from the nearest trustworthy evidence."""
    lines = [x for x in text.splitlines() if x.strip()]
    hit = next(((k, h) for k, x in enumerate(lines[:DATELINE_LINES]) if (h := headers.yearless_dateline(x))), None)
    if not hit:
        return False
    k, head = hit
    month, dom = head.month, head.day
    said = f"the dateline (line {k + 1}) gives {calendar.month_name[month]} {dom} without a year"

    def on(*years: int) -> dict[int, dt.date]:
        """The dateline's day in each year it exists in (February 29 only in leap years)."""
        return {y: dt.date(y, month, dom) for y in years if calendar.isleap(y) or (month, dom) != (2, 29)}
    stamps = headers.stamps(lines, k)
    for role in ("published", "updated"):
        for _, _, stamp in (x for x in stamps if x[1] == role):
            day = stamp.day
            near = on(day.year - 1, day.year, day.year + 1)
            if role == "updated":  # a report is updated after it is published, never before
                near = {y: d for y, d in near.items() if d <= day}
                why = (f"the page's update date {day} gives the year: the latest "
                       f"{calendar.month_abbr[month]} {dom} not after it")
            else:
                why = f"the page's timestamp {day} gives the year"
            if near:
                pick = max(near.values()) if role == "updated" else min(near.values(), key=lambda d: abs(d - day))
                meta.published, meta.date_basis = pick.isoformat(), f"{said}; {why}"
                return True
    lower, upper, _, _ = _years(text)
    if lower is None:
        return False  # a copyright year bounds the date from above; it does not give it
    named = ([head.weekday] if head.weekday else []) + headers.weekdays_near(lines[k][head.end:])
    years = on(*(y for y in (lower, lower + 1) if upper is None or y <= upper))
    fits = [(d, calendar.day_name[d.weekday()]) for d in years.values() if calendar.day_name[d.weekday()] in named]
    why = f"the latest year the text mentions is {lower}"
    if fits:
        pick, weekday = fits[0]
        why += f", and the lead's {weekday} puts {calendar.month_abbr[month]} {dom} in {pick.year}"
    elif lower in years:
        pick = years[lower]
    else:
        return False
    meta.published, meta.date_basis = pick.isoformat(), f"{said}; {why}"
    return True


def _years(text: str) -> tuple[int | None, int | None, list[tuple[int, str]], int | None]:
    """(latest year the text mentions, earliest copyright or update year, copyright (year, holder) pairs,
    earliest update year).

    The report was written in or after the latest year it mentions, and no later than its copyright
    notice or its first update.
    """
    body, rights, updates = [], [], []
    for line in text.splitlines():
        if FURNITURE.search(line):
            rights += [(int(m.group(1)), (m.group(2) or "").strip(" .")) for m in COPYRIGHT.finditer(line)]
            updates += [d.day.year for s in headers.segments(line) if s.role == "updated"
                        for d in headers.full_dates(s.text, False)]
        else:
            body.append(re.sub(r"https?://\S+", "", line))
    years = [int(y) for y in YEAR.findall("\n".join(body))]
    bounds = updates + [y for y, _ in rights]
    return (max(years) if years else None), (min(bounds) if bounds else None), rights, min(updates, default=None)


def _inferred(text: str, meta: Metadata) -> bool:
    lower, upper, rights, updated = _years(text)
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
    unsure = (f"no dateline; the page was updated in {updated}, but the text mentions no year after {year}: "
              "the publication year is unsure") if updated and updated > year else ""
    if not days and unsure:
        meta.date_basis = unsure
        return False
    if not days:
        meta.published = str(year)
        meta.date_basis = f"no dateline; the latest year the text mentions is {year}"
        return True
    # The latest dated day is the one followed by the longest gap round the calendar.
    def gap(i: int) -> int:
        a, b = days[i], days[(i + 1) % len(days)]
        da, db = dt.date(2000, *a), dt.date(2000, *b)  # a leap year: February 29 is a day too
        return (db - da).days % 366 or 366
    last = days[max(range(len(days)), key=gap)]
    weekdays = [m.text for m in find_dates(text) if m.kind == "weekday"]
    basis = f"no dateline; the latest day the text dates is {calendar.month_name[last[0]]} {last[1]}"
    if weekdays and upper is not None and lower is not None:
        lead = weekdays[0]
        named = {w for w in weekdays if w != lead}
        fits = [y for y in range(lower, upper + 1) if (calendar.isleap(y) or last != (2, 29))
                and calendar.day_name[dt.date(y, *last).weekday()] in named]
        if fits:
            y = fits[-1]
            d = dt.date(y, *last)
            ahead = (list(calendar.day_name).index(lead) - d.weekday()) % 7 or 7
            meta.published = (d + dt.timedelta(days=ahead)).isoformat()
            meta.date_basis = (f"{basis}; copyright notices and update dates are page furniture but bound "
                               f"the year to {lower}-{upper}, in which only {y} puts that day on a "
                               f"{calendar.day_name[d.weekday()]}, "
                               f"a weekday the report names; its lead names {lead}, the first after it")
            return True
    if unsure:
        meta.date_basis = unsure
        return False
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
    meta = Metadata(title=title_of(lines), publisher="unknown", published=None, date_basis="")
    for line in lines:
        if m := BYLINE.match(line):
            meta.author = m.group(1)
            break
    if not (_header(text, meta) or _yearless(text, meta) or _updated_only(text, meta) or _inferred(text, meta)):
        meta.date_basis = meta.date_basis or "no date found"
    relative = next((r for x in lines if (r := headers.relative_time(x))), None)
    if relative and not meta.date_basis.startswith(("the '", "the byline", "the dateline (line")):
        meta.date_basis = (f"the header's '{relative}' counts from when the page was read, not a date; "
                           + meta.date_basis)
    meta.title = _clean(meta.title) or "untitled"
    meta.publisher = _clean(meta.publisher) or "unknown"
    meta.author, meta.republished_by = _clean(meta.author), _clean(meta.republished_by)
    return meta
