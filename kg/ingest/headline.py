"""A report's headline: the first line of its header that reads as one."""

from __future__ import annotations

import re

from kg.ingest import headers

FURNITURE = re.compile(r"©|\bcopyright\b|\ball rights reserved\b|\bupdated\b|\breposted\b|\bmodified\b", re.I)
BYLINE = re.compile(r"^\s*By\s+(?:<[^>]+>)?\s*([A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3})")
TAG = re.compile(r"<[^>]+>")


def title_of(lines: list[str]) -> str:
    """The headline: the first line of the header that reads as one, not a masthead, a section path, an
    author list or the lede's first sentence; else the first line that is no furniture."""
    plain = [c for line in lines if (c := TAG.sub("", line).strip()) and _not_furniture(c)]
    return next((c for c in plain if _headline(c)), None) or next((c for c in plain if _fallback(c)), None) or next(
        (TAG.sub("", x).strip() for x in lines if x.strip()), "untitled")


def _fallback(line: str) -> bool:
    """Short of a headline, a line of five words or more that is neither a sentence, a name list nor a stamp."""
    return len(line.split()) >= 5 and len(line) <= 200 and not body_sentence(line) and not _author_list(line) \
        and not CLOCK.search(line)


def _not_furniture(line: str) -> bool:
    return not FURNITURE.search(line) and not headers.PRESS.search(line) and not headers.labelled(line) \
        and not any(headers.bare(line, d) for d in headers.full_dates(line, False)) and not BYLINE.match(line)


def _headline(line: str) -> bool:
    """'Drone hits Iraq's al-Asad base': a headline has five words or more and no full stop of a sentence;
    'SHAFAQ NEWS', 'Home > Iraq > Security' and 'Ann Lee, Omar Said and Ben Cole' are none."""
    words = line.split()
    if not 5 <= len(words) <= 30 or len(line) > 200 or NAV.search(line) or line.upper() == line \
            or DATED.match(line) or CLOCK.search(line):
        return False
    return not body_sentence(line) and not _author_list(line)


def _author_list(line: str) -> bool:
    """'Ann Lee, Omar Said, and Ben Cole': names and commas only."""
    return line.count(",") >= 2 and all(w[:1].isupper() for w in line.split() if w not in ("and", "&"))


DATED = re.compile(r"^(?:\d|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\b)")  # an edition's date line
CLOCK = re.compile(r"\b\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\b|GMT|UTC|ET\b)", re.I)  # "Cutoff: 10:00 am ET"
NAV = re.compile(r" [|>›»] |^(?:Home|News)\b")  # a section path or a site's name beside the headline


def body_sentence(line: str) -> bool:
    """A sentence, ending in a full stop (not the one of "U.S."): a lede or a dateline opening the body,
    never a headline. A report with no headline gets it as its title, but its facts are still read."""
    words = line.split()
    return bool(words) and line.endswith(".") and "." not in words[-1][:-1]
