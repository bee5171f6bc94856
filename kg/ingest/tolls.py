"""Casualty figures in a sentence: 'killed 3', 'wounding at least six', 'no one was hurt'."""

from __future__ import annotations

import re

from spacy.matcher import Matcher
from spacy.tokens import Span, Token

from kg.ingest import patterns as P
from kg.ingest.dates import MONTH

YEAR = re.compile(r"^(?:19|20)\d\d$")  # "killed in January 2020": a year, not a toll
MONTH_WORD = re.compile(rf"^{MONTH}\.?$")  # "On 27 September, gunmen shot dead ...": a day, not a toll
APPROXIMATORS = {"at", "least", "about", "around", "some", "nearly", "almost", "roughly", "more", "than", "up", "to",
                 "over", "an", "estimated"}


def casualties(sent: Span, no_harm: Matcher) -> dict[str, int]:
    """'killed 3', 'wounding at least six', 'two deaths', 'four guards were injured'."""
    out: dict[str, int] = {}
    toks = list(sent)
    for _, _s, e in no_harm(sent):  # "no one was hurt", "no casualties": a toll of zero
        for role in P.NO_HARM_ROLES[sent[e - 1].lower_]:
            out.setdefault(role, 0)
    for k, t in enumerate(toks):
        role = P.CASUALTY_WORDS.get(t.lower_)
        if not role or role in out:
            continue
        after = toks[k + 1:k + 4] if t.lower_ not in P.CASUALTY_NOUNS else []
        # "killed at least three": the figure follows at once; "were killed and five wounded": it is another's
        stop = next((j for j, w in enumerate(after) if not (w.text.isdigit() or w.lower_ in P.NUMBER_WORDS
                                                             or w.lower_ in APPROXIMATORS)), len(after))
        after = after[:stop]
        before = list(reversed(toks[max(0, k - 6):k]))
        for w in after + before:
            if w.text.isdigit() and day_of_month(w):
                continue
            n = int(w.text) if w.text.isdigit() and not YEAR.match(w.text) else P.NUMBER_WORDS.get(w.lower_)
            if n is not None:
                out[role] = n
                break
    return out


def day_of_month(w: Token) -> bool:
    """'27 September', 'Sept. 27': a number beside a month's name is a date."""
    doc = w.doc
    return any(0 <= j < len(doc) and MONTH_WORD.match(doc[j].text) for j in (w.i - 1, w.i + 1))
