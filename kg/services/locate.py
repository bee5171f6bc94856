"""Near misses for `kg sources locate`: where a phrase that does not occur almost does."""

from __future__ import annotations

from pathlib import Path

from kg.kb.sources import read_text

NEAR = 80  # rapidfuzz partial-ratio score for a passage close enough to offer


def near_miss(path: Path, phrase: str) -> tuple[int, int, str, float] | None:
    """The passage of the text closest to phrase: (start, end, passage, score), or None if none is close."""
    from rapidfuzz import fuzz

    text = read_text(path)
    if not phrase.strip() or not text:
        return None
    hit = fuzz.partial_ratio_alignment(phrase, text, score_cutoff=NEAR)
    if hit is None:
        return None
    start, end = hit.dest_start, hit.dest_end
    while start > 0 and text[start - 1].isalnum():  # whole words: the offsets are for a span
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return start, end, text[start:end], hit.score
