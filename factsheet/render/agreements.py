"""The "Bilateral Economic Relations" agreement sentences: which trade agreements a sheet names
on a date, and under which name.

Records are chosen by what they are (the builder's ``kind``): the U.S.-partner trade agreement
and the plurilateral ones the genre presents as the country's (NAFTA, then USMCA from its entry
into force on 2020-07-01; CAFTA-DR); never a side agreement, a protocol or a one-industry pact
standing in for the trade agreement (Panama's 2012 environmental side agreement is not its TPA,
Canada's 1965 Auto Pact not its 1988 FTA). An agreement no longer in force on the date is left
out; one signed but not yet in force is named as signed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from ..dates import lower_bound
from ..model import Claim, Fact
from .sheet import SentenceOut

#: the genre's names of bilateral agreements HUGGO titles by the parties only ("US Peru")
AGREEMENT_NAMES: dict[str, tuple[str, str]] = {
    "PE": ("U.S.-Peru Trade Promotion Agreement", "TPA"),
    "CO": ("U.S.-Colombia Trade Promotion Agreement", "CTPA"),
    "PA": ("U.S.-Panama Trade Promotion Agreement", "TPA"),
    "KR": ("U.S.-Korea Free Trade Agreement", "KORUS FTA"),
    "AU": ("U.S.-Australia Free Trade Agreement", "AUSFTA"),
    "JP": ("U.S.-Japan Trade Agreement", "USJTA"),
}
#: plurilateral agreements the genre names on a member's sheet: (pattern in title or id, name, short)
MULTI_NAMES: tuple[tuple[str, str, str], ...] = (
    (r"CAFTA|Central America", "Dominican Republic-Central America-United States Free Trade Agreement", "CAFTA-DR"),
    (r"USMCA|United States Mexico Canada|US Mexico Canada", "United States-Mexico-Canada Agreement", "USMCA"),
    (r"NAFTA|North American Free", "North American Free Trade Agreement", "NAFTA"),
)


def _year(iso: str | None) -> int | None:
    return int(iso[:4]) if iso and iso[:4].isdigit() else None


def _kind(value: dict[str, Any]) -> str:
    kind = value.get("kind")
    if kind:
        return str(kind)
    members = [m for m in value.get("members") or [] if m != "US"]  # tables built before ``kind``
    return "plurilateral" if len(members) > 1 else "bilateral"


def agreement_name(value: dict[str, Any], iso: str, short: str,
                   base_claims: Sequence[Claim] | None = None) -> tuple[str, str | None] | None:
    """The agreement's name in the genre, or None for one the sheets do not present as a U.S.
    trade agreement with the country (GATT, TPP, side agreements, one-industry pacts)."""
    kind = _kind(value)
    if kind == "plurilateral":
        title = f"{value.get('title', '')} {value.get('id', '')}"
        for pattern, name, abbreviation in MULTI_NAMES:
            if re.search(pattern, title, re.I):
                return name, abbreviation
        return None
    if kind != "bilateral":
        return None
    named = [c for c in base_claims or () if c.type == "agreement" and c.fields.get("short_name")
             and str(c.fields.get("name", "")).startswith(("U.S.-", "United States"))]
    if named:  # keep the edition's own name for the agreement
        best = max(named, key=lambda c: len(str(c.fields["name"])))
        return str(best.fields["name"]), str(best.fields["short_name"])
    if iso in AGREEMENT_NAMES:
        return AGREEMENT_NAMES[iso]
    return f"U.S.-{short} Free Trade Agreement", "FTA"


def agreement_sentences(facts: Sequence[Fact], on: dt.date, iso: str, short: str,
                        base_claims: Sequence[Claim] | None = None) -> list[SentenceOut]:
    """One sentence per agreement in force (or signed) on ``on``, oldest first."""
    out: list[SentenceOut] = []
    for fact in sorted(facts, key=lambda f: (f.value or {}).get("signed") or ""):
        value = fact.value or {}
        named = agreement_name(value, iso, short, base_claims)
        if named is None:
            continue
        name, abbreviation = named
        signed, in_force, end = value.get("signed"), value.get("in_force"), value.get("end")
        if end and not end.startswith("9999") and lower_bound(end) <= on:
            continue  # no longer in force on the date
        if signed and lower_bound(signed) > on:
            continue
        label = f"The {name} ({abbreviation})" if abbreviation else f"The {name}"
        fields = {"name": name, **({"short_name": abbreviation} if abbreviation else {})}
        claims: list[dict[str, Any]] = []
        parts: list[str] = []
        if signed:
            parts.append(f"was signed in {_year(signed)}")
            claims.append({"type": "agreement", "fields": {**fields, "event": "signed", "year": _year(signed)}})
        if in_force and lower_bound(in_force) <= on:
            parts.append(f"entered into force in {_year(in_force)}")
            claims.append({"type": "agreement",
                           "fields": {**fields, "event": "entered_into_force", "year": _year(in_force)}})
        if parts:
            out.append(SentenceOut(f"{label} {' and '.join(parts)}.", tuple(claims), (fact,)))
    return out
