"""Sentence boundaries inside one block, aware of the genre's abbreviations and initials."""

from __future__ import annotations

import re

# Tokens that end with a period without ending a sentence.
ABBREVIATIONS = frozenset(
    ["u.s.", "d.c.", "no.", "nos.", "gen.", "st.", "mr.", "mrs.", "ms.", "dr.", "jr.", "sr.", "lt.", "col.", "gov.", "sen.", "rep.", "amb.", "hon.", "inc.", "co.", "corp.", "ltd.", "ft.", "mt.", "approx.", "e.g.", "i.e.", "etc.", "vs.", "jan.", "feb.", "mar.", "apr.", "aug.", "sept.", "sep.", "oct.", "nov.", "dec.", "u.n.", "u.k.", "e.u.", "p.m.", "a.m.", "a.d.", "b.c.", "ave.", "blvd.", "rd.", "ste.", "tel.", "fax.", "pres.", "adm.", "capt.", "sgt.", "maj.", "brig.", "cmdr.", "rev.", "prof.", "fr.", "op.", "vol.", "pp.", "art.", "sec.", "dept.", "est.", "fig.", "n.w.", "s.w.", "n.e.", "s.e.", "u.s.a.", "p.o."]
)
# Words that, after "U.S.", mean the abbreviation did end the sentence.
_STARTERS = frozenset(
    ["The", "In", "It", "This", "These", "Those", "Both", "Its", "A", "An", "Since", "As", "On", "At", "For", "From", "Today", "However"]
)
_CANDIDATE = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])")
_LAST_TOKEN = re.compile(r"(\S+)$")
_INITIAL = re.compile(r"^[A-Z]\.$")


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans in ``text[start:end]``, trimmed of surrounding white space."""
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in _CANDIDATE.finditer(text, start, end):
        stop = match.end()
        token = _LAST_TOKEN.search(text, cursor, match.start() + 1)
        word = token.group(1) if token else ""
        following = text[stop:end].lstrip()
        next_word = following.split(" ", 1)[0] if following else ""
        if text[match.start()] == "." and not _is_boundary(word, next_word):
            continue
        spans.append((cursor, stop))
        cursor = stop
    spans.append((cursor, end))
    return [t for t in (_trim(text, a, b) for a, b in spans) if t[0] < t[1]]


def _is_boundary(word: str, next_word: str) -> bool:
    lowered = word.lower().lstrip("(\"“‘'")
    if lowered in ("u.s.", "u.s.a.", "d.c.", "u.n.", "u.k."):
        return next_word.strip("\"“‘(") in _STARTERS
    if lowered in ABBREVIATIONS:
        return False
    # An initial ("Brian A. Nichols"), but not a sentence ending in a one-letter word like "I".
    return not _INITIAL.match(word.lstrip("(\"“‘'"))


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b
