"""Memberships against the Factbook's "International organization participation" lists.

The partner's list on the publication date decides the claim; when the sheet says the United
States belongs too (``shared_with_us``), the U.S. list (country ``US``) on that date is checked
as well.
"""

from __future__ import annotations

import datetime as dt

from ..countries import country_name
from ..model import Claim, Evidence, Fact, Verdict
from ..organizations import display_name
from .base import Context, assess, evidence, make_verdict, perishable_now, snapshot_on, unverifiable

PREDICATE = "membership"


def _status(ctx: Context, country: str, org: str, day: dt.date) -> tuple[str | None, Fact | None, bool]:
    """(status of ``country`` in ``org`` on ``day`` or None, the fact, whether a list exists)."""
    key = ("membership-index", country, day)
    if key not in ctx.cache:
        facts = snapshot_on(ctx, PREDICATE, day, country, latest_only=False)
        index = {f.value.get("organization"): f for f in facts if isinstance(f.value, dict)}
        ctx.cache[key] = (index, facts[0] if facts else None)
    index, first = ctx.cache[key]
    fact = index.get(org)
    if fact is not None:
        status = str(fact.value.get("status") or "member")
        # anything but "observer" in the list ("WTO (2024)", "(associate)") is membership
        return ("observer" if status == "observer" else "member"), fact, True
    return None, first, first is not None


def _judge(ctx: Context, claim: Claim, day: dt.date) -> tuple[bool | None, list[Evidence], str, str]:
    """(holds?, evidence, what the sources say, why unknown)."""
    org = str(claim.fields.get("organization") or "")
    status = str(claim.fields.get("status") or "member")
    assert ctx.country
    who = [(ctx.country, country_name(ctx.country))]
    if claim.fields.get("shared_with_us") and ctx.country != "US":
        who.append(("US", "the United States"))
    ev: list[Evidence] = []
    said: list[str] = []
    holds = True
    for iso, name in who:
        found, fact, listed = _status(ctx, iso, org, day)
        if not listed:
            return None, ev, "", f"no Factbook list of {name}'s organizations for {day}"
        assert fact is not None
        raw = fact.value.get("raw", org) if isinstance(fact.value, dict) else org
        if found is None:
            ev.append(evidence(fact, f"{name}: {display_name(org)} not listed"))
            said.append(f"the Factbook's list for {name} on {day} has no {display_name(org)}")
            holds = False
        else:
            ev.append(evidence(fact, f"{name}: {raw} ({found})"))
            expected = status if iso == ctx.country else "member"
            if found != expected:
                holds = False
                said.append(f"the Factbook ({day}) lists {name} as {found} of {display_name(org)}, "
                            f"not {expected}")
            else:
                said.append(f"{name} lists {raw}")
    return holds, ev, "; ".join(said), ""


def check_membership(ctx: Context, index: int, claim: Claim) -> Verdict:
    org = claim.fields.get("organization")
    if not ctx.country or not org:
        return unverifiable(ctx, index, claim, "the claim names no organization", PREDICATE)
    if ctx.published is None:
        return unverifiable(ctx, index, claim, "the sheet has no publication date", PREDICATE)
    holds, ev, said, why = _judge(ctx, claim, ctx.published)
    if holds is None:
        return unverifiable(ctx, index, claim, why, PREDICATE)
    if not holds:
        pub = assess(ctx.published, "contradicted", ev, current=said)
        msg = said[:1].upper() + said[1:] + "."
        now_holds, now_ev, _, _ = _judge(ctx, claim, ctx.now_date(PREDICATE))
        now = assess(ctx.as_of, "current" if now_holds else "contradicted", now_ev,
                     horizon=ctx.horizon(PREDICATE))
        return make_verdict(index, claim, pub, now, msg)
    pub = assess(ctx.published, "supported", ev)
    msg = f"Factbook: {said}."
    now_holds, now_ev, now_said, now_why = _judge(ctx, claim, ctx.now_date(PREDICATE))
    if now_holds is False:
        msg += f" Now {now_said}."
    now = perishable_now(ctx, now_holds, now_ev, PREDICATE,
                         current=now_said if now_holds is False else None, reason=now_why or None)
    return make_verdict(index, claim, pub, now, msg)
