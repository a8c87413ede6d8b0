"""Diplomatic representation: the U.S. mission note, the chancery address and its phones."""

from __future__ import annotations

import re
from typing import Any

from .people import parse_holder

_NOTE_KINDS = [
    ("no_embassy", re.compile(r"does not (?:have|maintain) an? (?:official )?(?:embassy|presence)|no (?:US )?embassy|"
                              r"suspended operations|operations (?:are |were )?suspended|closed", re.I)),
    ("interests", re.compile(r"\binterests?\b|protecting power|Interests Section|represents the US", re.I)),
    ("unofficial", re.compile(r"unofficial|American Institute in Taiwan", re.I)),
    ("accredited", re.compile(r"\baccredited\b", re.I)),
    ("vacant", re.compile(r"\bvacant\b", re.I)),
    ("territory", re.compile(r"^none\s*\(|territory|overseas|collectivity|free association|Crown dependency", re.I)),
    ("none", re.compile(r"^none\b", re.I)),
]


def mission_note(text: str) -> dict[str, Any] | None:
    """What a U.S. chief-of-mission text says when it names nobody: "the US does not have an
    embassy in Tonga; the US Ambassador to Fiji is accredited to Tonga", "US interests are
    represented by the Swiss Embassy", "Ambassador (vacant)" → {"kind", "note"}; None when it
    names a chief of mission (or says nothing)."""
    body = re.split(r";?\s*\bnote\b\s*[-:–]", text, maxsplit=1, flags=re.I)[0].split(" | ")[0].strip(" ;,.")
    if not body or parse_holder(text, prefer_since=True) is not None:
        return None
    if re.match(r"^(?:FAX|telephone|APO|\+|\[)", body, re.I):
        return None  # a stray contact line, not a statement about the mission
    kind = next((k for k, pattern in _NOTE_KINDS if pattern.search(body)), "other")
    return {"kind": kind, "note": body[:300]}


_ADDRESS = re.compile(
    r"^(?P<address>.+?),\s*(?P<city>[A-Z][A-Za-z .]*?),?\s+(?P<region>[A-Z]{2}|D\.\s?C\.?)"
    r"(?:\s+(?P<postal>\d{5}(?:-\d{4})?))?(?![\w-])"
)


#: "1333 16th Street, NW Washington": the quadrant belongs to the street, not to the city.
_QUADRANT = re.compile(r",?\s+\b([NS])\.?\s?([EW])\.?,?\s+(?=[A-Z][a-z])")


def split_address(chancery: str) -> dict[str, str | None] | None:
    """"1333 16th Street, NW Washington, D.C. 20036" → address "1333 16th Street NW", city
    "Washington", region "DC", postal code "20036"; None when no city/state is found."""
    text = re.sub(r"^[a-z ]*address:\s*", "", chancery.replace(" | ", ", "), flags=re.I)
    text = _QUADRANT.sub(lambda q: f" {q.group(1)}{q.group(2)}, ", text)
    m = _ADDRESS.match(text)
    if not m:
        return None
    return {"address": m.group("address").strip(" ,"), "city": m.group("city").strip(),
            "region": re.sub(r"[.\s]", "", m.group("region")), "postal_code": m.group("postal")}


_NANP = re.compile(
    r"\[(?P<cc>\d{1,3})\]"
    r"|(?P<full>\(?\b(?P<area>\d{3})\)?[\s.-]*(?P<ex>\d{3})[\s.-]*(?P<line>\d{4})\b)"
    r"|(?P<short>\b(?P<ex2>\d{3})[\s-](?P<line2>\d{4})\b)"
    r"|(?:through|thru|to)\s+(?P<upto>\d{1,4})\b"
    r"|(?<=\d)-(?P<upto2>\d{2})\b"
    r"|(?:,|\band\b)\s*(?P<tail>\d{4})\b(?!\s*-)", re.I)


def parse_phones(text: str) -> tuple[list[str], list[list[str]]]:
    """``"[1] (202) 833-9860 through 9869"`` → (["+12028339860"], [["+12028339860", "+12028339869"]]).

    Washington numbers are read as the Factbook writes them: "[1] (202) 332-2249, 939-8950" (a
    second number in the same area), "244-7488, 7490 through 7492", "449-9822-23" (a range),
    "202-483-6410" (no country code: +1), "223-24l8" (a letter l for a one); a FAX number is
    not a telephone. Numbers under another country code are read one by one."""
    text = re.split(r"\bFAX\b", text, maxsplit=1, flags=re.I)[0]
    text = re.sub(r"(?<=\d)[lI](?=\d)", "1", text)
    if any(cc != "1" for cc in re.findall(r"\[(\d{1,3})\]", text)):
        return _parse_phones_any(text)
    phones: list[str] = []
    ranges: list[list[str]] = []
    area: str | None = None
    last: str | None = None
    for m in _NANP.finditer(text):
        if m.group("cc"):
            continue
        if m.group("full") or m.group("short") or m.group("tail"):
            if m.group("full"):
                area = m.group("area")
                number = f"+1{area}{m.group('ex')}{m.group('line')}"
            elif m.group("short") and area:
                number = f"+1{area}{m.group('ex2')}{m.group('line2')}"
            elif m.group("tail") and last:
                number = last[:-4] + m.group("tail")
            else:
                continue
            if number[2] in "01":  # not a NANP area code: not a number
                continue
            last = number
            if number not in phones:
                phones.append(number)
            continue
        upto = m.group("upto") or m.group("upto2")
        if upto and last and len(upto) < len(last):
            end = last[: len(last) - len(upto)] + upto
            if end > last and [last, end] not in ranges:
                ranges.append([last, end])
    return phones, ranges


def _parse_phones_any(text: str) -> tuple[list[str], list[list[str]]]:
    import phonenumbers  # only the build needs it: keep it out of the loader's imports

    phones: list[str] = []
    ranges: list[list[str]] = []
    for m in re.finditer(r"\[(\d{1,3})\]\s*((?:\(\d+\)\s*)*\d[\d\s.\-]*\d)(?:\s+(?:through|thru|to)\s+(\d{1,4})\b)?", text):
        cc, local, upto = m.group(1), re.sub(r"\D", "", m.group(2)), m.group(3)
        try:
            number = phonenumbers.parse(f"+{cc}{local}", None)
        except phonenumbers.NumberParseException:
            continue
        if not phonenumbers.is_possible_number(number):
            continue
        e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        phones.append(e164)
        if upto and len(upto) < len(e164):
            end = e164[: len(e164) - len(upto)] + upto
            if end > e164:
                ranges.append([e164, end])
    return phones, ranges


def parse_embassy(chancery: str | None, telephone: str | None) -> dict[str, Any] | None:
    if not chancery:
        return None
    value: dict[str, Any] = {"address": None, "city": None, "region": None, "postal_code": None}
    parts = split_address(chancery)
    if parts:
        value.update(parts)
    phones, ranges = parse_phones(telephone or "")
    value["phones"] = phones
    value["phone_ranges"] = ranges
    value["raw"] = chancery if telephone is None else f"{chancery} | telephone: {telephone}"
    return value

