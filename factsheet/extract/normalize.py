"""Small pure normalizers: money, numbers (digits or words), shares, phones, demonyms, qualifiers.

Each takes the words of a sheet and returns the value CLAIMS.md wants, or None when the text is
not what it should be. No state, no I/O: the extractors and their tests call them directly.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from ..countries import demonym_iso2, to_iso2

_UNITS = {
    "zero": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000}
#: A number written in words ("four million", "twenty-five", "two hundred thousand").
NUMBER_WORDS = (
    r"(?:(?:" + "|".join(sorted([w for w in (*_UNITS, *_TENS) if w not in ("a", "an")], key=len, reverse=True))
    + r")(?:[\s-]+(?:and[\s-]+)?"
    r"(?:" + "|".join(sorted([*_UNITS, *_TENS, *_SCALES], key=len, reverse=True)) + r"))*)"
)
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "fifteenth": 15,
    "twentieth": 20, "twenty-fifth": 25, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "seventy-fifth": 75, "eightieth": 80, "ninetieth": 90,
    "hundredth": 100, "one hundredth": 100, "centennial": 100, "centenary": 100,
    "sesquicentennial": 150, "bicentennial": 200, "bicentenary": 200, "two hundredth": 200,
    "two-hundredth": 200, "quincentennial": 500, "semicentennial": 50, "tricentennial": 300,
    "quarter-century": 25, "golden": 50, "silver": 25, "diamond": 60,
}


def words_to_number(text: str) -> float | None:
    """"four million" → 4000000, "twenty-five" → 25, "one hundred" → 100; None if not a number."""
    tokens = [t for t in re.split(r"[\s-]+", text.strip().lower()) if t and t != "and"]
    if not tokens:
        return None
    total, current, seen = 0.0, 0.0, False
    for token in tokens:
        if token in _UNITS:
            current += _UNITS[token]
        elif token in _TENS:
            current += _TENS[token]
        elif token == "hundred":
            current = (current or 1) * 100
        elif token in _SCALES:
            total += (current or 1) * _SCALES[token]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_number(text: str) -> float | None:
    """Digits or words, with an optional scale: "500,000", "1.5 million", "four million"."""
    text = text.strip().lower().replace("\u2009", "")
    m = _NUMBER.fullmatch(text)
    if m:
        # Decimal, so "$8.2 billion" is 8200000000 and not 8199999999.999999
        value = Decimal(m[1].replace(",", ""))
        return float(value * Decimal(_SCALES[m[2]])) if m[2] else float(value)
    return words_to_number(text)


def parse_ordinal(text: str) -> int | None:
    """"75th" → 75, "twenty-fifth" → 25, "bicentennial" → 200."""
    text = text.strip().lower()
    m = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", text)
    if m:
        return int(m[1])
    if text in _ORDINALS:
        return _ORDINALS[text]
    number = words_to_number(text)
    return int(number) if number else None


class Money(NamedTuple):
    value_usd: float
    period: str  # "year" unless the figure is per day


#: Money as sheets write it: "$9 billion", "US $1.1 billion", "$450 million", "1.25 billion
#: dollars", "four billion dollars", "$500,000".
MONEY = (
    r"(?:(?:U\.?S\.?\s?)?\$\s?\d[\d,]*(?:\.\d+)?(?:\s*(?:billion|million|trillion|thousand)\b)?"
    r"|\d[\d,]*(?:\.\d+)?\s+(?:billion|million|trillion)\s+(?:U\.S\.\s+|US\s+)?dollars\b"
    rf"|\b{NUMBER_WORDS}\s+(?:billion|million|trillion)\s+(?:U\.S\.\s+|US\s+)?dollars\b)"
)
_PER_DAY = re.compile(r"^\W{0,3}(?:\w+\W+){0,6}?(?:a|each|per|every)\s+day\b|^\W{0,3}daily\b", re.I)


_US_PREFIX = re.compile(r"^U\.?S\.?\s?")
_DOLLARS_SUFFIX = re.compile(r"\s+(?:U\.S\.\s+|US\s+)?dollars$", re.I)


def parse_money(text: str, after: str = "") -> Money | None:
    """A money phrase → dollars; ``after`` (the words that follow) may make it a daily figure."""
    t = text.strip()
    if t[:1] == "U":
        t = _US_PREFIX.sub("", t)
    if t[-1:] in "sS":
        t = _DOLLARS_SUFFIX.sub("", t)
    t = t.lstrip("$").strip()
    value = parse_number(t)
    if value is None:
        return None
    period = "day" if _PER_DAY.search(after) else "year"
    return Money(value, period)


_SHARE_WORDS = {
    "half": 0.5, "one half": 0.5, "one-half": 0.5, "a half": 0.5,
    "one quarter": 0.25, "one-quarter": 0.25, "a quarter": 0.25, "quarter": 0.25,
    "one fourth": 0.25, "one-fourth": 0.25, "a fourth": 0.25,
    "three quarters": 0.75, "three-quarters": 0.75, "three fourths": 0.75,
    "one third": 1 / 3, "one-third": 1 / 3, "a third": 1 / 3, "two thirds": 2 / 3,
    "two-thirds": 2 / 3, "one fifth": 0.2, "one-fifth": 0.2, "a fifth": 0.2,
    "two fifths": 0.4, "two-fifths": 0.4, "one tenth": 0.1, "one-tenth": 0.1, "a tenth": 0.1,
}
#: A share of a whole: "one quarter", "25 percent", "25%", "two-thirds", "one in four".
SHARE = (
    r"(?:\d+(?:\.\d+)?\s*(?:percent\b|per\s+cent\b|%)"
    rf"|{NUMBER_WORDS}\s+percent\b"
    r"|(?:one|two|three|four)\s+in\s+(?:two|three|four|five|six|seven|eight|nine|ten)\b"
    r"|(?:" + "|".join(sorted((re.escape(k) for k in _SHARE_WORDS), key=len, reverse=True)) + r")\b)"
)


def parse_share(text: str) -> float | None:
    """"one quarter" → 0.25, "25 percent" → 0.25, "one in four" → 0.25."""
    t = re.sub(r"\s+", " ", text.strip().lower())
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(?:percent|per cent|%)", t)
    if m:
        return round(float(m[1]) / 100, 6)
    m = re.fullmatch(r"(.+?) percent", t)
    if m and (n := words_to_number(m[1])) is not None:
        return round(n / 100, 6)
    m = re.fullmatch(r"(\w+) in (\w+)", t)
    if m:
        a, b = words_to_number(m[1]), words_to_number(m[2])
        return round(a / b, 6) if a and b else None
    value = _SHARE_WORDS.get(t)
    return round(value, 6) if value is not None else None


_QUALIFIERS = {
    "approximately": "approximately", "approx.": "approximately", "about": "approximately",
    "around": "approximately", "roughly": "approximately", "some": "approximately",
    "an estimated": "estimated", "estimated": "estimated", "estimated at": "estimated", "nearly": "nearly", "almost": "nearly",
    "close to": "nearly", "more than": "more than", "over": "more than", "in excess of": "more than",
    "upwards of": "more than", "at least": "at least", "less than": "less than",
    "fewer than": "less than", "under": "less than", "up to": "up to",
}
#: The hedges as written (lower case).
QUALIFIERS = frozenset(_QUALIFIERS)
#: A hedge before a number; it goes in ``qualifier`` and never changes the value.
QUALIFIER = (
    r"(?:" + "|".join(sorted((re.escape(k) for k in _QUALIFIERS), key=len, reverse=True)) + r")"
)


def qualifier(text: str | None) -> str | None:
    if not text:
        return None
    return _QUALIFIERS.get(_SPACES.sub(" ", text.strip().lower()))


_NANP_SHAPE = re.compile(r"(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-]?)\d{3}[\s.-]?\d{4}")
_NUMBER = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(million|billion|trillion|thousand))?")
_SPACES = re.compile(r"\s+")
_EXTENSION = re.compile(r"(?<=\d)\s*(?:ext\.?|x)\s*\d+$", re.I)
_NON_DIGIT = re.compile(r"\D")


def phone_e164(text: str, region: str = "US") -> str | None:
    """"(202) 833-9860" → "+12028339860"; None when the digits are not a valid number."""
    digits = _EXTENSION.sub("", text.strip())
    if region == "US" and _NANP_SHAPE.fullmatch(digits):
        # the common case, "(202) 833-9860" / "202-833-9860" / "+1 202 833 9860": a valid North
        # American number needs no trip through phonenumbers (the costliest step of extraction)
        bare = _NON_DIGIT.sub("", digits)[-10:]
        if bare[0] in "23456789" and bare[3] in "23456789":
            return "+1" + bare
    import phonenumbers  # imported on first use: it is the slowest import of the package

    try:
        number = phonenumbers.parse(digits, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


_POSSESSIVE = re.compile(r"['’]s?$")
_STRAY_HYPHEN = re.compile(r"\w\.?\s*-\s+[A-Z]")
_HYPHEN = re.compile(r"\s*-\s*(?=[A-Z])")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=4096)
def country_iso2(text: str | None) -> str | None:
    """A country name, its adjective or its people → ISO-2: "Peruvian" → PE, "the Bahamas" → BS."""
    if not text:
        return None
    t = _POSSESSIVE.sub("", text.strip())
    return to_iso2(t) or demonym_iso2(t)


def clean_name(text: str) -> str:
    """A name as written, with stray spaces fixed: "U.S.- Peru TPA" → "U.S.-Peru TPA"."""
    # "-" first: no hyphen, no stray one (the regex would scan the whole text to learn it);
    # split() and \s break at the same white space, so the join is the regex substitution
    t = _HYPHEN.sub("-", text.strip()) if "-" in text and _STRAY_HYPHEN.search(text) else text
    return " ".join(t.split()).strip(" ,;:")


def _clean_name_plain(text: str) -> str:
    """``clean_name`` as first written (the reference its tests compare with)."""
    t = _HYPHEN.sub("-", text.strip()) if _STRAY_HYPHEN.search(text) else text
    t = _SPACES.sub(" ", t.strip())
    return t.strip(" ,;:")
