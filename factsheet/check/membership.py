"""Memberships against the Factbook's "International organization participation" lists.

The partner's list on the publication date decides the claim; when the sheet says the United
States belongs too (``shared_with_us``), the U.S. list (country ``US``) on that date is checked
as well.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import replace

from ..countries import country_name
from ..model import Claim, Evidence, Fact, Verdict
from ..organizations import display_name
from .base import (
    Context,
    assess,
    evidence,
    make_verdict,
    perishable_now,
    safe_lower,
    snapshot_on,
    unverifiable,
)

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
    """(holds?, evidence, what the sources say, why unknown), once per check for each
    organization, status and day (a sheet names the same organizations again and again; the
    evidence is shared, never changed)."""
    org = str(claim.fields.get("organization") or "")
    status = str(claim.fields.get("status") or "member")
    shared = bool(claim.fields.get("shared_with_us"))
    key = ("membership-judge", ctx.country, org, status, shared, day)
    found: tuple[bool | None, list[Evidence], str, str] | None = ctx.memo.get(key)
    if found is None:
        found = ctx.memo[key] = _judge_anew(ctx, org, status, shared, day)
    return found


def _judge_anew(ctx: Context, org: str, status: str, shared: bool,
                day: dt.date) -> tuple[bool | None, list[Evidence], str, str]:
    assert ctx.country
    who = [(ctx.country, country_name(ctx.country))]
    if shared and ctx.country != "US":
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


#: a snapshot source lags: a membership the next snapshot (this many days or fewer after the
#: sheet) lists is taken as already true when the sheet was written
LATER_SNAPSHOT_DAYS = 400


def _observer_in_sentence(ctx: Context, claim: Claim) -> bool:
    """"… member of the AU, and an observer to the Organization of American States": the
    sentence's last status word before the organization is "observer"."""
    start = claim.span[0]
    text = ctx.document.text
    prefix = text[text.rfind(". ", 0, start) + 1:start]  # when the reader gave no sentences
    sentences = ctx.document.sentences
    # bisection, not a scan per claim (quadratic on a sheet of many claims)
    k = bisect.bisect_right(sentences, start, key=lambda s: s.start) - 1
    for s in sentences[max(k - 1, 0):k + 1]:
        if s.start <= start <= s.end:
            prefix = text[s.start:start]
            break
    words = re.findall(r"\b(observers?|members?|belongs?|participants?)\b", prefix, re.IGNORECASE)
    return bool(words) and words[-1].lower().startswith("observer")


def _later_snapshot(ctx: Context, claim: Claim, day: dt.date) -> tuple[dt.date, list[Evidence]] | None:
    """The first later snapshot (within LATER_SNAPSHOT_DAYS) where the claim holds, if any."""
    assert ctx.country
    org = str(claim.fields.get("organization") or "")
    starts = sorted({d for f in ctx.all_facts(PREDICATE)
                     if isinstance(f.value, dict) and f.value.get("organization") == org
                     and (d := safe_lower(f.valid_from or f.observed)) is not None
                     and day < d and (d - day).days <= LATER_SNAPSHOT_DAYS})
    for d in starts[:1]:
        holds, ev, _, _ = _judge(ctx, claim, d)
        if holds:
            return d, ev
    return None


def _known_organizations(ctx: Context) -> set[str] | None:
    """Every organization the loaded Factbook lists for any country (None: cannot tell)."""
    key = ("membership-universe",)
    if key not in ctx.cache:
        countries = getattr(ctx.reference, "countries", None)
        universe: set[str] | None = None
        if isinstance(countries, (set, frozenset, list, tuple)):
            universe = set()
            for country in countries:
                try:
                    facts = ctx.reference.facts(country, PREDICATE)
                except Exception:  # codes the reference lists but cannot answer
                    continue
                universe.update(str(f.value.get("organization")) for f in facts
                                if isinstance(f.value, dict))
        ctx.cache[key] = universe
    found: set[str] | None = ctx.cache[key]
    return found


def _doubtful_absence(ctx: Context, claim: Claim, day: dt.date) -> str:
    """Why "not listed" proves nothing here ('' when it does): the Factbook never lists the
    organization at all, or lists this country in it only later (its lists lag by years)."""
    assert ctx.country
    org = str(claim.fields.get("organization") or "")
    universe = _known_organizations(ctx)
    if universe is not None and org not in universe:
        return f"the Factbook's lists, as loaded, never name {display_name(org)}"
    if claim.fields.get("status", "member") == "member":
        later = sorted(d for f in ctx.all_facts(PREDICATE) if isinstance(f.value, dict)
                       and f.value.get("organization") == org
                       and (d := safe_lower(f.valid_from or f.observed)) is not None and d > day)
        if later:
            return (f"the Factbook lists it from {later[0]} on; its lists lag by months or years, "
                    "so the sheet may have been right")
    return ""


def check_membership(ctx: Context, index: int, claim: Claim) -> Verdict:
    org = claim.fields.get("organization")
    if not ctx.country or not org:
        return unverifiable(ctx, index, claim, "the claim names no organization", PREDICATE)
    if ctx.published is None:
        return unverifiable(ctx, index, claim, "the sheet has no publication date", PREDICATE)
    holds, ev, said, why = _judge(ctx, claim, ctx.published)
    if holds is None:
        return unverifiable(ctx, index, claim, why, PREDICATE)
    if (not holds and claim.fields.get("status", "member") != "observer"
            and _status(ctx, ctx.country, str(org), ctx.published)[0] == "observer"
            and _observer_in_sentence(ctx, claim)):
        # the sentence says "observer" though the claim reads member: judge what the sheet says
        claim = replace(claim, fields={**claim.fields, "status": "observer",
                                       "shared_with_us": False})
        holds, ev, said, why = _judge(ctx, claim, ctx.published)
        if holds:
            said += " (the sentence calls it an observer)"
    if not holds:
        later = _later_snapshot(ctx, claim, ctx.published)
        if later is not None:
            day, later_ev = later
            pub = assess(ctx.published, "supported", later_ev)
            msg = (f"The Factbook's snapshot before the sheet does not list it ({said}), but the "
                   f"next one ({day}) does: the sources lag, so the sheet is taken as right.")
            now_holds, now_ev, now_said, now_why = _judge(ctx, claim, ctx.now_date(PREDICATE))
            now = perishable_now(ctx, now_holds, now_ev, PREDICATE,
                                 current=now_said if now_holds is False else None,
                                 reason=now_why or None)
            return make_verdict(index, claim, pub, now, msg)
    if not holds:
        doubt = _doubtful_absence(ctx, claim, ctx.published)
        if doubt:
            return unverifiable(ctx, index, claim, f"{said}, but {doubt}", PREDICATE)
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
