"""Sentence boundaries inside one block, aware of the genre's abbreviations and initials.

A period ends a sentence when white space and a capital letter, a digit or an opening quote
follow, unless the word it ends is an abbreviation that never ends a sentence ("Gen.", "St.",
"No. 2397", "sq. km."), an initial ("Brian A. Nichols", "J.F."), or an abbreviation that usually
does not ("U.S. Ambassador", "D.C. 20036") and is not followed by a word that starts sentences.
"""

from __future__ import annotations

import re

# Tokens that end with a period without ending a sentence.
ABBREVIATIONS = frozenset(
    ["mr.", "mrs.", "ms.", "dr.", "gen.", "lt.", "col.", "gov.", "sen.", "rep.", "amb.", "hon.",
     "st.", "ste.", "ft.", "mt.", "approx.", "e.g.", "i.e.", "vs.", "jan.", "feb.", "mar.", "apr.",
     "aug.", "sept.", "sep.", "oct.", "nov.", "dec.", "ave.", "blvd.", "rd.", "tel.", "fax.",
     "pres.", "adm.", "capt.", "sgt.", "maj.", "brig.", "cmdr.", "rev.", "prof.", "fr.", "op.",
     "vol.", "pp.", "art.", "sec.", "dept.", "fig.", "n.w.", "s.w.", "n.e.", "s.e.", "p.o.",
     "sq.", "km.", "mi.", "pop.", "cf.", "nos.", "msgr.", "sr.", "jr.", "mmes.", "messrs.",
     "gov't.", "est.", "min.", "max.", "ca.", "c.", "ph.d.", "mln.", "bn."]
)
# Abbreviations that end a sentence only when a word that starts sentences follows them.
_AMBIGUOUS = frozenset(
    ["u.s.", "u.s.a.", "u.n.", "u.k.", "e.u.", "etc.", "inc.", "co.", "corp.", "ltd.", "a.m.",
     "p.m.", "a.d.", "b.c.", "no."]
)
_STARTERS = frozenset(
    ["The", "In", "It", "This", "These", "Those", "Both", "Its", "A", "An", "Since", "As", "On",
     "At", "For", "From", "Today", "However", "He", "She", "They", "We", "There", "His", "Her",
     "Their", "Our", "After", "Before", "During", "While", "When", "Under", "Although", "Despite",
     "Many", "Most", "Some", "Also", "Approximately", "About", "More", "Each", "All", "Other",
     "Such", "That", "Following", "Through", "By", "To", "Over", "Yet", "But", "And", "Then"]
)


def _candidates(end_marks: str) -> re.Pattern[str]:
    return re.compile(
        # the lookaheads capture the word that follows (group 1 after white space, group 2 glued
        # to the period), so neither the next word nor the next sentence's start is searched for
        # again
        rf"{end_marks}(?:[\"'”’)\]]*(?=\s+([\"“‘(\[]?[A-Z0-9]\S*))"
        # a missing space after the period ("in 2015.The two …"), but not "travel.State.gov"
        rf"|(?<=[a-z0-9]{end_marks})(?=(?=[A-Z][a-z]*[\s,;:])(\S+)))"
    )


_CANDIDATE = _candidates("[.!?]")
# The same for a paragraph without "!" or "?" (nearly all): a pattern that starts with one
# character is found by a tight loop, one that starts with a class by testing the class at every
# character (10x slower: the scan was a third of the splitting).
_PERIOD_CANDIDATE = _candidates(r"\.")
_INITIALS = re.compile(r"^(?:[A-Z]\.)+$")
_OPENERS = "(\"“‘'["
#: how far back the word a period ends is looked for in one slice (longer words: char by char)
_WORD_WINDOW = 64


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans in ``text[start:end]``, trimmed of surrounding white space."""
    spans: list[tuple[int, int]] = []
    cursor = start  # where the current sentence begins: never on white space
    while cursor < end and text[cursor].isspace():
        cursor += 1
    plain = text.find("!", start, end) < 0 and text.find("?", start, end) < 0
    for match in (_PERIOD_CANDIDATE if plain else _CANDIDATE).finditer(text, start, end):
        dot = match.start()
        if text[dot] == ".":
            # The word the period ends, found backwards: O(word), not O(sentence so far).
            lo = max(cursor, dot - _WORD_WINDOW)
            word = text[lo : dot + 1].rsplit(None, 1)[-1]
            if lo > cursor and len(word) == dot + 1 - lo:  # no white space in the window
                first = lo
                while first > cursor and not text[first - 1].isspace():
                    first -= 1
                word = text[first : dot + 1]
            next_word = match.group(1) or match.group(2)
            if not _is_boundary(word.lstrip(_OPENERS), next_word.lstrip(_OPENERS).rstrip(",;:")):
                continue
        # the sentence ends on the period or its closing quote, the next one begins on the word
        # the lookahead found: neither span needs trimming
        spans.append((cursor, match.end()))
        cursor = match.start(1) if match.start(1) >= 0 else match.end()
    while end > cursor and text[end - 1].isspace():
        end -= 1
    if cursor < end:
        spans.append((cursor, end))
    return spans


def _is_boundary(word: str, next_word: str) -> bool:
    lowered = word.lower()
    if lowered == "d.c.":
        # "Washington, D.C. The mission …" ends; "D.C. 20036" does not.
        return next_word[:1].isalpha()
    if lowered in _AMBIGUOUS:
        return next_word in _STARTERS
    if lowered in ABBREVIATIONS:
        return False
    # An initial ("Brian A. Nichols", "J.F. Kennedy"), but a one-letter word like "I" that ends a
    # sentence has no period inside and is rare enough in the genre to ignore.
    return not _INITIALS.match(word)
