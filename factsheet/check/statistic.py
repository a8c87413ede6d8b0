"""Statistics within a stated tolerance of the source's figure.

Only subjects with a source are judged; the tolerance and the source are named in the message.
The figure compared at publication is the one of the latest snapshot before it (what the writer
could know), or the one of the claim's year when the claim states a year.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..model import Claim, Fact, Verdict
from ..selection import latest_estimate
from .base import Context, assess, evidence, make_verdict, perishable_now, safe_lower, unverifiable

#: subject → (predicate, absolute tolerance, unit word)
TOLERANCES: dict[str, tuple[str, float, str]] = {
    "poverty_share": ("poverty_share", 0.05, "percentage points"),
}


def _fmt(value: float) -> str:
    return f"{value * 100:.1f}%".replace(".0%", "%")


def _pick(ctx: Context, predicate: str, day: dt.date, year: int | None) -> Fact | None:
    """The figure of the claim's year published by ``day``, else the current estimate then
    (``factsheet.selection``: the writer picks with the same rule)."""
    return latest_estimate(ctx.all_facts(predicate), day, year)


def _describe(value: dict[str, Any]) -> str:
    year = f" ({value['year']} est.)" if value.get("year") else ""
    return f"{_fmt(float(value['value']))}{year}"


#: a figure outside the tolerance but within this many times it is unverifiable, not wrong
DOUBT_FACTOR = 2.0
OTHER_SOURCE = re.compile(r"\baccording to\b|\bgovernment (?:figures|data|statistics|survey)\b|"
                          r"\bWorld Bank\b|\bcensus\b|\bnational statistics\b", re.IGNORECASE)


#: a figure from a snapshot this many years or more before the sheet cannot contradict it: the
#: loaded Factbook lacks the editions the writer had (the sheet may quote a newer figure)
MAX_AGE_YEARS = 3

#: qualifiers as bounds: the figure lies above, below or just below the number stated
_ABOVE = re.compile(r"^(?:more than|over|above|greater than|in excess of|exceeds?|at least|upwards of)$")
_BELOW = re.compile(r"^(?:less than|under|below|fewer than|at most|up to)$")
_JUST_BELOW = re.compile(r"^(?:nearly|almost|just under|close to|not quite)$")
_QUALIFIER_IN_TEXT = re.compile(
    r"\b(more than|over|above|greater than|in excess of|at least|upwards of|less than|under|below|"
    r"fewer than|at most|up to|nearly|almost|just under|close to|about|approximately|roughly|"
    r"around|some|an estimated)\s+(?:\$?\d|one|two|three|four|five|six|seven|eight|nine|half|a "
    r"(?:third|quarter|half|fifth))", re.IGNORECASE)


def bounds(claim: Claim, claimed: float) -> tuple[float, float, str | None]:
    """The interval the claim allows (before the tolerance) and the qualifier that made it."""
    qualifier = str(claim.fields.get("qualifier") or "").strip().lower()
    if not qualifier and (m := _QUALIFIER_IN_TEXT.search(claim.quote)):
        qualifier = m.group(1).lower()
    if _ABOVE.match(qualifier):
        return claimed, float("inf"), qualifier
    if _BELOW.match(qualifier):
        return float("-inf"), claimed, qualifier
    if _JUST_BELOW.match(qualifier):
        return claimed - TOLERANCE_NEARLY, claimed, qualifier
    return claimed, claimed, qualifier or None


#: how far below its number "nearly 40 percent" may lie, before the tolerance
TOLERANCE_NEARLY = 0.05


def check_statistic(ctx: Context, index: int, claim: Claim) -> Verdict:
    subject = str(claim.fields.get("subject") or "")
    if subject not in TOLERANCES:
        return unverifiable(ctx, index, claim, f"no loaded source gives “{subject or '?'}”")
    predicate, tolerance, unit = TOLERANCES[subject]
    try:
        claimed = float(claim.fields["value"])
    except (KeyError, TypeError, ValueError):
        return unverifiable(ctx, index, claim, "the claim gives no number", predicate)
    if not ctx.country or ctx.published is None:
        return unverifiable(ctx, index, claim, "the sheet has no country or publication date",
                            predicate)
    year = claim.fields.get("year")
    fact = _pick(ctx, predicate, ctx.published, int(year) if year else None)
    if fact is None:
        return unverifiable(ctx, index, claim, f"the Factbook gives no {subject.replace('_', ' ')} "
                            f"for {ctx.country} before {ctx.published}", predicate)
    tol = f"{tolerance * 100:g}-{unit[:-1] if unit.endswith('s') else unit}"
    actual = float(fact.value["value"])
    ev = [evidence(fact, _describe(fact.value))]
    lo, hi, qualifier = bounds(claim, claimed)
    gap = max(lo - actual, actual - hi, 0.0)
    within = gap <= tolerance + 1e-9
    said = f"the sheet's {qualifier + ' ' if qualifier else ''}{_fmt(claimed)}"
    other_source = OTHER_SOURCE.search(claim.quote)
    seen = safe_lower(fact.observed or fact.valid_from)
    age = (ctx.published - seen).days / 365.25 if seen else 0.0
    if not within and age >= MAX_AGE_YEARS:
        reason = (f"Factbook ({fact.observed}): {_describe(fact.value)}; {said} differs, but the "
                  f"loaded Factbook's latest snapshot before the sheet is {age:.0f} years older "
                  "than it, and the sheet may quote a newer figure")
        pub = assess(ctx.published, "unverifiable", ev, reason=reason)
        return make_verdict(index, claim, pub, assess(ctx.as_of, "unknown", ev, reason=reason,
                                                      horizon=ctx.horizon(predicate)),
                            reason[:1].upper() + reason[1:] + ".")
    if not within and (gap <= DOUBT_FACTOR * tolerance + 1e-9
                       or (other_source and gap <= 3 * tolerance + 1e-9)):
        # sheets quote national or newer figures: a moderate gap is no proof of an error
        why = ("the sheet cites another source" if other_source and
               gap > DOUBT_FACTOR * tolerance + 1e-9 else
               f"within {DOUBT_FACTOR:g} times the tolerance")
        reason = (f"Factbook ({fact.observed}): {_describe(fact.value)}; {said} is outside the "
                  f"{tol} tolerance, but {why}: sheets often quote a national or newer figure")
        pub = assess(ctx.published, "unverifiable", ev, reason=reason)
        return make_verdict(index, claim, pub, assess(ctx.as_of, "unknown", ev, reason=reason,
                                                      horizon=ctx.horizon(predicate)),
                            reason[:1].upper() + reason[1:] + ".")
    if not within:
        pub = assess(ctx.published, "contradicted", ev, current=_describe(fact.value))
        msg = (f"{fact.source.capitalize() if fact.source != 'factbook' else 'Factbook'} "
               f"({fact.observed}): {_describe(fact.value)}; {said} is outside the {tol} tolerance.")
        return make_verdict(index, claim, pub,
                            assess(ctx.as_of, "contradicted", ev, horizon=ctx.horizon(predicate)),
                            msg)
    pub = assess(ctx.published, "supported", ev)
    msg = (f"Factbook ({fact.observed}): {_describe(fact.value)}; {said} is within the {tol} "
           "tolerance.")
    latest = _pick(ctx, predicate, ctx.now_date(predicate), None)
    if latest is None:
        now = perishable_now(ctx, None, (), predicate, reason="no figure for the check date")
    else:
        now_actual = float(latest.value["value"])
        still = max(lo - now_actual, now_actual - hi, 0.0) <= tolerance + 1e-9
        now_ev = [evidence(latest, _describe(latest.value))]
        if not still:
            msg += f" The latest figure ({latest.observed}) is {_describe(latest.value)}."
        now = perishable_now(ctx, still, now_ev, predicate,
                             current=None if still else _describe(latest.value))
    return make_verdict(index, claim, pub, now, msg)
