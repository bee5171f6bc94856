"""A page's layout as it bears on events: headlines and tag lines, "Related:" links, print and reporting
footers, and a timeline's dated entry headings ("9 January 2026 - Ain al-Asad")."""

from __future__ import annotations

import re

from kg.ingest import patterns as P
from kg.ingest.dates import WEEKDAY, Pub, find_dates, resolve

# a sentence's dateline: a place in capitals, up to three comma-set parts, an agency in brackets, a dash
DATELINE = re.compile(r"\s*[A-Z][A-Z.'’ -]{2,}(?:,\s*[^,—–()\n]{2,30}?){0,3}\s*(?:\([^)\n]{1,40}\))?\s*[—–-]{1,2}\s")
FOOTER = re.compile(r"\b(?:appears in print|contributed reporting|[Rr]eporting by|[Ee]diting by|[Ww]riting by|"
                    r"[Aa]dditional reporting|[Ff]ollow (?:us|the latest)|[Ss]ign up for|[Aa]ll rights reserved)\b")
HEADING_WORDS = 10
HEADLINE_WORDS = 25  # a line this short with no full stop is a headline, a caption tag or a link
RELATED = re.compile(r"^(?:related|read more|see also|also read|more on this|recommended|watch|listen)\b\s*:", re.I)
HEADING_DATE_CHARS = 12  # "Saturday 2 May": the date opens the heading
HEADER_LABELS = {"updated", "published", "posted", "modified", "last", "first", "by", "date", "filed", "issued"}


def dated_heading(text: str, pos: int, pub: Pub) -> str | None:
    """The date a timeline's entry heading gives ("9 January 2026 - Ain al-Asad", "Saturday 2 May - Erbil"):
    a short line that opens with a date and ends without a full stop. "" for a heading with no day in it
    ("Late May - al-Qaim"), None for no heading."""
    start, end = text.rfind("\n", 0, pos) + 1, text.find("\n", pos)
    line = text[start:end if end >= 0 else len(text)].strip()
    if not line or line[-1] in '.!?"”’' or len(line.split()) > HEADING_WORDS:
        return None
    after = text[end:].lstrip("\n").split("\n", 1)[0] if end >= 0 else ""
    if len(after.split()) < HEADING_WORDS + 2:
        return None  # a byline's date ("Oct. 14, 2025") is followed by more furniture, an entry by its text
    if not any(len(x.split()) >= HEADING_WORDS * 2 for x in text[:start].split("\n")):
        return None  # above the first paragraph it is the page's timestamp, not an entry's
    if line.split()[0].lower().rstrip(":") in HEADER_LABELS:
        return None  # "Updated Oct. 16, 2025": the page's furniture, not an entry
    found = find_dates(line)
    if not found or (found[0].start > 0 and not re.fullmatch(rf"{WEEKDAY},? ", line[:found[0].start])):
        return ""  # a heading that gives no day ("Late May - al-Qaim") ends the section before it
    # "Saturday 2 May": the day and month, not the weekday counted back from the publication
    opening = [(v, d.kind != "weekday") for d in found if d.start <= HEADING_DATE_CHARS and (v := resolve(d, pub, None))]
    best = max(opening, key=lambda x: (len(x[0]), x[1]), default=("", False))[0]
    return best if len(best) >= 7 else ""


def furniture(text: str, pos: int) -> bool:
    """Headlines, subheads, tag lists and related links: a short line that ends without a full stop.
    They restate the story with no date ("Drones hit refinery near Erbil"), so they tell no event."""
    start, end = text.rfind("\n\n", 0, pos) + 1, text.find("\n\n", pos)  # a paragraph: lines may be wrapped
    line = " ".join(text[start:end if end >= 0 else len(text)].split())
    if RELATED.match(line):
        return True  # "Related: ...", "Read more: ...": links to other stories
    rest = text[end:].lstrip() if end >= 0 else ""
    if rest[:1].islower():
        return False  # a sentence a stray blank line cut in two goes on in the next paragraph
    return bool(line) and line[-1] not in '.!?"”’)' and len(line.split()) <= HEADLINE_WORDS


def dateline(text: str, start: int, end: int) -> bool:
    """'BAGHDAD, March 14, 2025 —': the date a report was filed, at its head, not an event's date."""
    head, tail = text[:start].strip(), text[end:].lstrip()
    return start < dateline_head(text) or (
        tail[:1] in P.DATELINE_DASHES and (not head or head.rstrip(",").replace(" ", "").isupper()))


def dateline_head(text: str) -> int:
    """Where the body starts after a sentence's dateline (a place in capitals, up to three comma-set parts, an
    agency in brackets, a dash: 'AL-QAIM, Iraq —', 'BAGHDAD, April 9 (Reuters) -'), or 0: the names in it say
    where the report was filed, not who acted."""
    found = DATELINE.match(text)
    return found.end() if found else 0
