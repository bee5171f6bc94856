"""Name normalisation shared by span checks and name lookup.

"Kata'ib Hizballah", "KATAIB  HIZBALLAH" and "Kataʼib-Hizballah" normalise alike: case, accents,
apostrophes, hyphens and punctuation are ignored, and the Arabic article al-/el- is dropped.
"""

from __future__ import annotations

import re
import unicodedata

_POSSESSIVE = re.compile(r"['’‘ʼ`]s\b")
_APOSTROPHE = re.compile(r"['’‘ʼ`´]")
_NON_WORD = re.compile(r"[\W_]+")
_ARTICLE = re.compile(r"(?:^| )(?:al|el) (?=\w)")


def normalize(text: str) -> str:
    """Fold a name or a text for comparison: a space-separated string of lower-case tokens."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = _APOSTROPHE.sub("", _POSSESSIVE.sub("", text))
    text = _NON_WORD.sub(" ", text).strip()
    return _ARTICLE.sub(" ", text).strip()


def mentions(text_normalized: str, name: str) -> bool:
    """Whether the (normalised) text contains the name as whole tokens."""
    n = normalize(name)
    return bool(n) and f" {n} " in f" {text_normalized} "
