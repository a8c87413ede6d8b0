"""The partner's embassy in Washington against the Factbook ("Diplomatic representation in the US").

Addresses are compared normalized ("Avenue, NW" = "Avenue NW" = "Ave. N.W."), phones as E.164
numbers against the Factbook's numbers and ranges ("833-9860 through 9869" covers 833-9860),
postal codes on their first five digits.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..model import Claim, Fact, Verdict
from .base import (
    Context,
    as_of_phrase,
    assess,
    evidence,
    make_verdict,
    perishable_now,
    safe_lower,
    snapshot_on,
    unverifiable,
)
from .names import fold

PREDICATE = "embassy_in_us"
_ABBREV = {
    "avenue": "ave", "street": "st", "road": "rd", "boulevard": "blvd", "place": "pl",
    "drive": "dr", "suite": "ste", "northwest": "nw", "northeast": "ne", "southwest": "sw",
    "southeast": "se", "north": "n", "south": "s", "east": "e", "west": "w", "circle": "cir",
    "terrace": "ter", "parkway": "pkwy", "court": "ct", "lane": "ln", "floor": "fl",
    "building": "bldg", "square": "sq", "first": "1st", "second": "2nd", "third": "3rd",
}
_PHONE = re.compile(r"\[(?P<cc>\d{1,3})\]\s*\(?(?P<area>\d{3})\)?\s*(?P<a>\d{3})[-\s.]?(?P<b>\d{4})"
                    r"(?:\s*(?:through|thru|to|–|-)\s*(?P<end>\d{1,4})\b)?")


def normalize_address(text: str) -> str:
    """"1700 Massachusetts Avenue, NW" → "1700 massachusetts ave nw"."""
    folded = fold(text.replace("N.W.", "NW").replace("N.E.", "NE").replace("S.W.", "SW")
                  .replace("S.E.", "SE"))
    return " ".join(_ABBREV.get(w, w) for w in folded.split())


def phone_ranges(value: dict[str, Any]) -> list[tuple[int, int]]:
    """Every number and range the Factbook gives, as (first, last) integers of E.164 digits."""
    out: list[tuple[int, int]] = []
    for phone in value.get("phones") or []:
        digits = re.sub(r"\D", "", str(phone))
        if digits:
            out.append((int(digits), int(digits)))
    for pair in value.get("phone_ranges") or []:
        lo, hi = (re.sub(r"\D", "", str(p)) for p in pair)
        if lo and hi:
            out.append((int(lo), int(hi)))
    if not out:
        for m in _PHONE.finditer(str(value.get("raw") or "")):
            first = f"{m['cc']}{m['area']}{m['a']}{m['b']}"
            last = first
            if m["end"]:
                last = first[: len(first) - len(m["end"])] + m["end"]
            out.append((int(first), int(last)))
    return out


def _address_of(value: dict[str, Any]) -> str:
    if value.get("address"):
        return str(value["address"])
    m = re.search(r"chancery:\s*([^|]+)", str(value.get("raw") or ""))
    return m.group(1).split(",")[0].strip() if m else ""


def _describe(value: dict[str, Any]) -> str:
    parts = [_address_of(value)]
    place = " ".join(str(value.get(k) or "") for k in ("region", "postal_code")).strip()
    if value.get("city"):
        parts.append(str(value["city"]))
    if place:
        parts.append(place)
    text = ", ".join(p for p in parts if p)
    m = re.search(r"telephone:\s*([^|]+)", str(value.get("raw") or ""))
    if m:
        text += f"; telephone {m.group(1).strip()}"
    elif value.get("phones"):
        text += f"; telephone {', '.join(value['phones'])}"
    return text


def compare(fields: dict[str, Any], value: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(fields that match, fields that differ) between a claim and a Factbook record."""
    same: list[str] = []
    differ: list[str] = []
    if fields.get("address") and _address_of(value):
        a, b = normalize_address(str(fields["address"])), normalize_address(_address_of(value))
        (same if a == b or a in b or b in a else differ).append("address")
    for key in ("city", "region"):
        if fields.get(key) and value.get(key):
            (same if fold(str(fields[key])) == fold(str(value[key])) else differ).append(key)
    if fields.get("postal_code") and value.get("postal_code"):
        a, b = (re.sub(r"\D", "", str(x))[:5] for x in (fields["postal_code"], value["postal_code"]))
        (same if a == b else differ).append("postal code")
    if fields.get("phone"):
        ranges = phone_ranges(value)
        if ranges:
            number = int(re.sub(r"\D", "", str(fields["phone"])) or 0)
            (same if any(lo <= number <= hi for lo, hi in ranges) else differ).append("telephone")
    return same, differ


def check_embassy(ctx: Context, index: int, claim: Claim) -> Verdict:
    side = claim.fields.get("side") or "partner_in_us"
    kind = claim.fields.get("kind") or "embassy"
    if side == "us_in_partner" and kind in ("none", "interests_section") and ctx.country:
        by_note = _check_no_us_embassy(ctx, index, claim, kind)
        if by_note is not None:
            return by_note
    if side != "partner_in_us":
        return unverifiable(ctx, index, claim, "no loaded source gives U.S. embassy addresses "
                            "abroad", PREDICATE)
    if kind != "embassy":
        return unverifiable(ctx, index, claim, f"only embassies are checked, not {kind.replace('_', ' ').replace('un ', 'UN ')}"
                            " claims", PREDICATE)
    if not ctx.country or ctx.published is None:
        return unverifiable(ctx, index, claim, "the sheet has no country or publication date",
                            PREDICATE)
    facts = [f for f in snapshot_on(ctx, PREDICATE, ctx.published) if isinstance(f.value, dict)]
    if not facts:
        return unverifiable(ctx, index, claim, f"no Factbook record of the embassy for "
                            f"{ctx.published}", PREDICATE)
    fact = facts[0]
    same, differ = compare(claim.fields, fact.value)
    ev = [evidence(fact, _describe(fact.value))]
    if not same and not differ:
        return unverifiable(ctx, index, claim, "the claim gives no address, postal code or "
                            "telephone to compare", PREDICATE)
    if differ:
        later = _later_record(ctx, claim, ctx.published)
        if later is not None:
            # the Factbook's record lagged a move the sheet already reports
            pub = assess(ctx.published, "supported", [evidence(later, _describe(later.value))])
            msg = (f"The Factbook's record for {ctx.published} still gives {_describe(fact.value)}, "
                   f"but its record of {later.observed or later.valid_from} gives "
                   f"{_describe(later.value)}, as the sheet does: the Factbook lagged.")
            now_fact = _latest(ctx)
            holds = None if now_fact is None else not compare(claim.fields, now_fact.value)[1]
            now = perishable_now(ctx, holds, [evidence(now_fact, _describe(now_fact.value))]
                                 if now_fact else [], PREDICATE,
                                 current=_describe(now_fact.value) if now_fact else None,
                                 reason="no Factbook record for the check date")
            return make_verdict(index, claim, pub, now, msg)
        much_later = _later_record(ctx, claim, ctx.published, days=None)
        if much_later is not None:
            reason = (f"the Factbook's record for {ctx.published} gives {_describe(fact.value)}; "
                      f"it gives the sheet's address only from "
                      f"{much_later.observed or much_later.valid_from} on, and its records lag "
                      "moves, so when the embassy moved is not known")
            return unverifiable(ctx, index, claim, reason, PREDICATE)
    if differ:
        pub = assess(ctx.published, "contradicted", ev, current=_describe(fact.value))
        msg = (f"The Factbook's record for {ctx.published} gives {_describe(fact.value)}: the "
               f"{' and '.join(differ)} differ{'s' if len(differ) == 1 else ''}"
               + (f"; the {', '.join(same)} match." if same else "."))
        now_fact = _latest(ctx)
        verdict = "contradicted"
        if now_fact is not None and not compare(claim.fields, now_fact.value)[1]:
            verdict = "current"
        now = assess(ctx.as_of, verdict, [evidence(now_fact, _describe(now_fact.value))]
                     if now_fact else [], horizon=ctx.horizon(PREDICATE))
        return make_verdict(index, claim, pub, now, msg)
    pub = assess(ctx.published, "supported", ev)
    msg = (f"The Factbook's record for {ctx.published} gives {_describe(fact.value)}: the "
           f"{', '.join(same)} match.")
    now_fact = _latest(ctx)
    if now_fact is None:
        now = perishable_now(ctx, None, (), PREDICATE, reason="no Factbook record for the check date")
        return make_verdict(index, claim, pub, now, msg)
    _now_same, now_differ = compare(claim.fields, now_fact.value)
    now_ev = [evidence(now_fact, _describe(now_fact.value))]
    if now_differ:
        where = as_of_phrase(ctx, ctx.now_date(PREDICATE), ctx.horizon(PREDICATE), "factbook")
        msg += (f" {where[0].upper() + where[1:]} gives "
                f"{_describe(now_fact.value)}: the {' and '.join(now_differ)} changed.")
        now = perishable_now(ctx, False, now_ev, PREDICATE, current=_describe(now_fact.value))
    else:
        now = perishable_now(ctx, True, now_ev, PREDICATE)
    return make_verdict(index, claim, pub, now, msg)


#: a record this many days or fewer after the sheet that matches it shows the Factbook lagged
LATER_RECORD_DAYS = 400


def _later_record(ctx: Context, claim: Claim, day: dt.date,
                  days: int | None = LATER_RECORD_DAYS) -> Fact | None:
    """The first later Factbook record (within ``days``; None: any) matching the claim in full."""
    later = sorted((f for f in ctx.all_facts(PREDICATE) if isinstance(f.value, dict)
                    and (start := safe_lower(f.valid_from or f.observed)) is not None
                    and day < start and (days is None or (start - day).days <= days)),
                   key=lambda f: f.valid_from or f.observed or "")
    for fact in later:
        same, differ = compare(claim.fields, fact.value)
        if same and not differ:
            return fact
    return None


def _latest(ctx: Context) -> Fact | None:
    facts = [f for f in snapshot_on(ctx, PREDICATE, ctx.now_date(PREDICATE))
             if isinstance(f.value, dict)]
    return facts[0] if facts else None


#: Factbook mission-note kinds that mean no U.S. embassy in the country
_NO_EMBASSY = {"none": ("no_embassy", "none", "interests", "unofficial"),
               "interests_section": ("interests",)}


def _check_no_us_embassy(ctx: Context, index: int, claim: Claim, kind: str) -> Verdict | None:
    """"The United States does not have an embassy in Kiribati" against the Factbook's note on
    the U.S. mission; None (unverifiable) unless the note says so."""
    from .ambassador import mission_note, note_kind, note_text

    day = ctx.published
    note = mission_note(ctx, day) if day is not None else None
    if note is None or note_kind(note) not in _NO_EMBASSY[kind]:
        return None
    pub = assess(day, "supported", [evidence(note, note_text(note))])
    now_day = ctx.now_date("us_mission_note")
    later = mission_note(ctx, now_day)
    holds = later is not None and note_kind(later) in _NO_EMBASSY[kind]
    now = perishable_now(ctx, True if holds else None,
                         [evidence(later, note_text(later))] if later is not None else [],
                         "us_mission_note",
                         reason=f"the Factbook's note on the U.S. mission on {now_day} does not "
                                "say so any more")
    msg = f"The Factbook ({note.observed or note.valid_from}) says: “{note_text(note)}”."
    return make_verdict(index, claim, pub, now, msg)
