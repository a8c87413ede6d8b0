"""Agreements by event and date against manytrade/HUGGO (U.S. trade agreements).

A claim names an agreement and an event (signed, entered into force, in effect since,
anniversary); the matching record's date for that event decides. When the claimed year is the
year of the other event ("signed in 2009" for an agreement that entered into force in 2009), the
message says so.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..model import Claim, Fact, Verdict
from .base import (
    Context,
    assess,
    claim_date,
    date_matches,
    evidence,
    make_verdict,
    perishable_now,
    safe_upper,
    timeless_now,
    unverifiable,
)
from .names import fold

PREDICATE = "agreement"
_ACRONYMS = {
    "tpa": "trade promotion agreement",
    "fta": "free trade agreement",
    "bit": "bilateral investment treaty",
    "tifa": "trade and investment framework agreement",
    "cafta": "central america free trade agreement",
    "cafta dr": "dominican republic central america free trade agreement",
    "nafta": "north american free trade agreement",
    "usmca": "united states mexico canada agreement",
    "agoa": "african growth and opportunity act",
}
#: (acronym, its words, the acronym as a word), compiled once
_ACRONYM_WORDS = tuple((a, w, re.compile(rf"\b{a}\b")) for a, w in _ACRONYMS.items())
_STOP = {"the", "of", "and", "us", "u", "s", "united", "states", "agreement", "between", "america",
         "on", "for", "a", "an", "government", "republic"}
_EVENTS = {"signed": "signed", "entered_into_force": "in_force", "in_effect_since": "in_force"}
_WORDS = {"signed": "signed", "in_force": "entered into force"}


def _words(text: str) -> set[str]:
    return {w for w in fold(text).split() if w not in _STOP and len(w) > 1}


def _expand(claim: Claim) -> str:
    name = str(claim.fields.get("name") or "")
    short = fold(str(claim.fields.get("short_name") or ""))
    text = fold(name)
    for acronym, words, pattern in _ACRONYM_WORDS:
        if short == acronym or pattern.search(text):
            text += " " + words
    return text


#: words every trade agreement's name may carry: they tell no agreement from another
_GENERIC = {"free", "trade", "promotion", "fta", "tpa", "ctpa", "agreement", "agreements", "area"}
#: words of a claim that asks for a side instrument or a one-industry pact by what it is
_SIDE_WORDS = {"side", "environmental", "environment", "labor", "labour", "protocol", "amendment"}
_SECTOR_WORDS = {"automotive", "auto", "pact", "automobile", "textile", "textiles", "steel"}


def _kind(fact: Fact) -> str:
    value = fact.value if isinstance(fact.value, dict) else {}
    if value.get("kind"):
        return str(value["kind"])
    members = [m for m in value.get("members") or [] if m != "US"]
    return "plurilateral" if len(members) > 1 else "bilateral"


def _eligible(claim: Claim, facts: list[Fact]) -> list[Fact]:
    """Records of the kind the claim names: a side agreement or a one-industry pact only when the
    claim asks for one (it never stands in for the trade agreement itself)."""
    words = _words(_expand(claim))
    allowed = {"bilateral", "plurilateral"}
    if words & _SIDE_WORDS:
        allowed.add("side")
    if words & _SECTOR_WORDS:
        allowed.add("sector")
    return [f for f in facts if _kind(f) in allowed]


def find_agreement(claim: Claim, facts: list[Fact], country_words: set[str]) -> Fact | None:
    """The record the claim names: the best overlap of the words that tell agreements apart
    (not "free trade agreement", not the countries' names) among records of the claim's kind."""
    wanted = _words(_expand(claim)) - country_words
    specific = wanted - _GENERIC
    if not specific:
        return None  # "U.S.-Canada Free Trade Agreement": the bilateral record decides
    best: tuple[float, Fact | None] = (0.0, None)
    for fact in _eligible(claim, facts):
        value = fact.value if isinstance(fact.value, dict) else {}
        title = _words(str(value.get("title") or "")) - country_words
        if not title or not specific & title:
            continue
        score = len(wanted & title) / len(wanted | title)
        if score > best[0]:
            best = (score, fact)
    return best[1] if best[0] >= 0.25 else None


def _bilateral(claim: Claim, facts: list[Fact], country: str) -> Fact | None:
    """HUGGO titles some bilateral agreements by the parties only ("US Peru"): a claim naming a
    U.S.-partner trade agreement matches the one agreement of exactly these two members and of
    the claim's kind."""
    words = _words(_expand(claim))
    if not words & {"trade", "free", "promotion"}:
        return None
    pair = [f for f in _eligible(claim, facts) if isinstance(f.value, dict)
            and set(f.value.get("members") or []) == {"US", country}]
    if len(pair) > 1 and not words & (_SIDE_WORDS | _SECTOR_WORDS):
        pair = [f for f in pair if _kind(f) == "bilateral"]
    return pair[0] if len(pair) == 1 else None


def _describe(value: dict[str, Any], on: dt.date | None = None) -> str:
    parts = [str(value.get("title") or value.get("id") or "agreement")]
    if value.get("signed"):
        parts.append(f"signed {value['signed']}")
    if value.get("in_force"):
        parts.append(f"in force {value['in_force']}")
    if value.get("end"):
        end = safe_upper(str(value["end"]))
        past = end is not None and on is not None and end <= on
        parts.append(f"{'ended' if past else 'set to end'} {value['end']}")
    return ", ".join(parts)


def _record(ctx: Context, claim: Claim, facts: list[Fact]) -> Fact | None:
    """The record the claim names, found once per country and name (a sheet names one
    agreement again and again: its words are not compared with every record each time)."""
    assert ctx.country
    name, short = claim.fields.get("name"), claim.fields.get("short_name")
    key = ("agreement-record", ctx.country, str(name or ""), str(short or ""), id(facts))
    hit = ctx.cache.get(key)
    if hit is not None and hit[0] is facts:
        found: Fact | None = hit[1]
        return found
    from ..countries import country_name

    country_words = _words(country_name(ctx.country)) | {fold(ctx.country)}
    found = find_agreement(claim, facts, country_words)
    if found is None:
        found = _bilateral(claim, facts, ctx.country)
    ctx.cache[key] = (facts, found)
    return found


def check_agreement(ctx: Context, index: int, claim: Claim) -> Verdict:
    event = str(claim.fields.get("event") or "")
    if not ctx.country:
        return unverifiable(ctx, index, claim, "the sheet names no country", PREDICATE)
    facts = ctx.all_facts(PREDICATE)
    if not facts:
        return unverifiable(ctx, index, claim, "manytrade lists no U.S. trade agreement with "
                            f"{ctx.country}", PREDICATE)
    fact = _record(ctx, claim, facts)
    if fact is None:
        return unverifiable(ctx, index, claim, "manytrade lists no agreement that matches "
                            f"“{claim.fields.get('name')}” (it covers trade agreements only)",
                            PREDICATE)
    value: dict[str, Any] = fact.value
    ev = [evidence(fact, _describe(value, ctx.as_of))]
    claimed = claim_date(claim.fields, "date", "year")
    if event == "anniversary" and claim.fields.get("years") and claimed:
        base = int(str(claimed)[:4]) - int(claim.fields["years"])
        key = next((k for k in ("in_force", "signed") if value.get(k)
                    and str(value[k])[:4] == str(base)), None)
        verdict = "supported" if key else "contradicted"
        pub = assess(ctx.published, verdict, ev, current=None if key else _describe(value, ctx.as_of))
        msg = (f"{claim.fields['years']} years after {_WORDS[key]} {value[key]}." if key
               else f"manytrade: {_describe(value, ctx.as_of)}; {claimed} is no anniversary of either date.")
        return make_verdict(index, claim, pub, timeless_now(ctx, pub, PREDICATE), msg)
    key = _EVENTS.get(event)
    if key is None or claimed is None:
        return unverifiable(ctx, index, claim, f"no date to compare for the event “{event or '?'}”",
                            PREDICATE)
    actual = value.get(key)
    if not actual:
        return unverifiable(ctx, index, claim, f"manytrade gives no {_WORDS[key]} date for "
                            f"{value.get('title')}", PREDICATE)
    if date_matches(claimed, str(actual)):
        pub = assess(ctx.published, "supported", ev)
        msg = f"manytrade: {_describe(value, ctx.as_of)}."
        now = timeless_now(ctx, pub, PREDICATE)
        if event == "in_effect_since":
            # perishable, but current unless a source records an end: agreements rarely end,
            # and manytrade stopping in 2021 says nothing about one ending later (issue 12)
            end = safe_upper(value.get("end"))
            ended = end is not None and end <= ctx.as_of
            if ended:
                msg += f" It ended on {value['end']}."
                now = perishable_now(ctx, False, ev, PREDICATE, current=f"ended {value.get('end')}")
            else:
                now = assess(ctx.as_of, "current", ev, horizon=ctx.horizon(PREDICATE))
                if ctx.past_horizon(PREDICATE):
                    msg += (f" No source records an end (manytrade covers up to "
                            f"{ctx.horizon(PREDICATE)}).")
        return make_verdict(index, claim, pub, now, msg)
    other = "signed" if key == "in_force" else "in_force"
    short = claim.fields.get("short_name") or claim.fields.get("name")
    msg = (f"The {short} was {_WORDS['signed']} on {value.get('signed') or '?'} and "
           f"{_WORDS['in_force']} on {value.get('in_force') or '?'} (manytrade); the sheet says "
           f"{_WORDS[key]} in {claimed}.")
    if value.get(other) and date_matches(claimed, str(value[other])):
        msg += f" {claimed} is the year it {_WORDS[other]}."
    pub = assess(ctx.published, "contradicted", ev, current=f"{_WORDS[key]} {actual}")
    return make_verdict(index, claim, pub, timeless_now(ctx, pub, PREDICATE), msg)
