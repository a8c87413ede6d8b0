"""Trade, investment, people and assistance: no offline source covers them.

They are ``unverifiable`` against external data, with the reason — unless the user imported
official trade figures (``factsheet check --trade-csv``, source ``user_trade``), which then judge
``trade`` claims of the same year, flow and scope within the claim's rounding (and 5% when the
sheet hedges: "approximately", "nearly", "some").
"""

from __future__ import annotations

from ..model import Claim, Fact, Verdict
from .base import Context, assess, evidence, evolve, make_verdict, timeless_now, unverifiable

REASONS = {
    "trade": "no offline source gives U.S. trade by partner and year (import official figures "
             "with --trade-csv)",
    "investment": "no offline source gives direct investment by partner",
    "people": "no offline source gives visitor, student or resident counts",
    "assistance": "no offline source gives U.S. assistance amounts or programs",
}
HEDGES = {"approximately", "about", "around", "nearly", "almost", "some", "roughly",
          "an estimated", "estimated", "close to"}
LOWER_BOUNDS = {"more than", "over", "at least", "exceeding", "in excess of", "above"}
UPPER_BOUNDS = {"less than", "under", "below", "up to", "fewer than"}
#: a figure without a scope is total, goods or goods and services: these are compared
WHOLE_SCOPES = ("goods_and_services", "total", "goods")


def half_unit(value: float) -> float:
    """Half the last stated digit: $14 billion → $0.5 billion, $8.8 billion → $0.05 billion."""
    number = round(abs(value))
    if number == 0:
        return 0.0
    text = str(number)
    zeros = len(text) - len(text.rstrip("0"))
    return 0.5 * 10 ** zeros


def tolerance(value: float, qualifier: str | None) -> tuple[float, str]:
    q = (qualifier or "").lower().strip()
    tol = max(half_unit(value), 0.01 * abs(value))
    words = "the sheet's rounding (at least 1%)"
    if q in HEDGES:
        tol, words = max(tol, 0.05 * abs(value)), f"5% (the sheet says “{q}”)"
    return tol, words


def _money(value: float) -> str:
    if abs(value) >= 1e9:
        return f"${value / 1e9:,.2f} billion".replace(".00 ", " ")
    if abs(value) >= 1e6:
        return f"${value / 1e6:,.1f} million".replace(".0 ", " ")
    return f"${value:,.0f}"


def check_unverifiable(ctx: Context, index: int, claim: Claim) -> Verdict:
    family = claim.type.split(".")[0]
    if family == "trade" and ctx.country:
        facts = ctx.all_facts("trade")
        if facts:
            return _check_trade(ctx, index, claim, facts)
    # the same verdict for every claim of the type (a sheet may state thousands of figures)
    key = ("unverifiable", claim.type)
    done: Verdict | None = ctx.memo.get(key)
    if done is None:
        done = ctx.memo[key] = unverifiable(
            ctx, index, claim, REASONS.get(family, f"no source for {claim.type} claims"),
            "trade" if family == "trade" else "")
    return done if done.claim == index else evolve(done, claim=index)


def _check_trade(ctx: Context, index: int, claim: Claim, facts: list[Fact]) -> Verdict:
    f = claim.fields
    year, flow, scope = f.get("year"), f.get("flow"), f.get("scope")
    if f.get("period", "year") != "year" or year is None or f.get("value_usd") is None:
        return unverifiable(ctx, index, claim, "only yearly figures with a year are compared "
                            "with imported trade data", "trade")
    scopes = (scope,) if scope else WHOLE_SCOPES
    rows = [x for x in facts if isinstance(x.value, dict) and int(x.value.get("year", 0)) == int(year)
            and x.value.get("flow") == flow and x.value.get("scope") in scopes]
    if not rows:
        return unverifiable(ctx, index, claim, f"the imported trade data has no {flow} "
                            f"{scope or ''} figure for {year}".replace("  ", " "), "trade")
    claimed = float(f["value_usd"])
    tol, words = tolerance(claimed, f.get("qualifier"))
    q = str(f.get("qualifier") or "").lower()

    def holds(actual: float) -> bool:
        if q in LOWER_BOUNDS:
            return actual >= claimed - tol
        if q in UPPER_BOUNDS:
            return actual <= claimed + tol
        return abs(actual - claimed) <= tol

    def describe(x: Fact) -> str:
        return f"{x.value['flow']} {x.value['scope']} {x.value['year']}: {_money(float(x.value['value_usd']))}"

    good = [x for x in rows if holds(float(x.value["value_usd"]))]
    if good:
        pub = assess(ctx.published, "supported", [evidence(x, describe(x)) for x in good])
        msg = (f"Imported trade data: {describe(good[0])}; the sheet's {_money(claimed)} is "
               f"within {words}.")
        return make_verdict(index, claim, pub, timeless_now(ctx, pub, "trade"), msg)
    ev = [evidence(x, describe(x)) for x in rows]
    pub = assess(ctx.published, "contradicted", ev, current=describe(rows[0]))
    msg = (f"Imported trade data: {'; '.join(describe(x) for x in rows)}; the sheet's "
           f"{_money(claimed)} is outside {words}.")
    return make_verdict(index, claim, pub, timeless_now(ctx, pub, "trade"), msg)
