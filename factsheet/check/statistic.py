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
from .base import Context, assess, evidence, make_verdict, perishable_now, unverifiable

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
    within = abs(actual - claimed) <= tolerance + 1e-9
    said = f"the sheet's {_fmt(claimed)}"
    other_source = OTHER_SOURCE.search(claim.quote)
    gap = abs(actual - claimed)
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
        still = abs(now_actual - claimed) <= tolerance + 1e-9
        now_ev = [evidence(latest, _describe(latest.value))]
        if not still:
            msg += f" The latest figure ({latest.observed}) is {_describe(latest.value)}."
        now = perishable_now(ctx, still, now_ev, predicate,
                             current=None if still else _describe(latest.value))
    return make_verdict(index, claim, pub, now, msg)
