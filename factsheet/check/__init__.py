"""Checking: a verdict for every claim, on the day the sheet was published and on the check date.

``check(document, claims)`` runs one checker per claim type against the reference data, then
the consistency rules within the sheet and across other editions of the same country. A claim
with an internal finding gets ``inconsistent`` at publication, with the other claims as evidence
(unless a source already contradicts it; the finding is then listed in ``Verdict.findings``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from operator import itemgetter
from typing import Any

from ..dates import lower_bound
from ..model import Claim, Document, Verdict
from .agreement import check_agreement
from .ambassador import check_ambassador
from .base import STALE_AFTER_DAYS, Context, Edition, ReferenceLike, evolve, safe_lower, safe_upper
from .base import unverifiable as unverifiable_verdict  # not shadowed by the module
from .consistency import Finding, across_editions, within_sheet
from .curated import settle
from .disagreement import note_disagreements
from .embassy import check_embassy
from .leader import check_leader
from .membership import check_membership
from .provenance import Stamper
from .published import check_ranged, given_published, resolve_range
from .relations import NOT_US_RELATIONS, check_independence, check_relations
from .statistic import check_statistic
from .unverifiable import check_unverifiable

Checker = Callable[[Context, int, Claim], Verdict]

CHECKERS: dict[str, Checker] = {
    "relations": check_relations,
    "independence": check_independence,
    "leader": check_leader,
    "ambassador": check_ambassador,
    "embassy": check_embassy,
    "membership": check_membership,
    "agreement": check_agreement,
    "statistic": check_statistic,
    "trade": check_unverifiable,
    "investment": check_unverifiable,
    "people": check_unverifiable,
    "assistance": check_unverifiable,
}

#: findings about a claim contradicting itself: ``inconsistent`` even when a source contradicts it
SELF_FINDINGS = ("V-CONS-TERM-ORDER", "V-CONS-SINCE-AFTER-PUBLICATION", "V-CONS-FUTURE-PAST")

_SELF = frozenset(SELF_FINDINGS)

#: findings a source settles: a claim the sources support is not inconsistent because of them
SOURCE_SETTLED = ("V-CONS-CONFLICT", "V-CONS-EDITION-VALUE", "V-CONS-AGREEMENT-DATES")

#: verdicts that make ``factsheet check`` exit 1
FAILING = ("contradicted", "inconsistent")


def check(
    document: Document,
    claims: Sequence[Claim],
    reference: ReferenceLike | None = None,
    as_of: dt.date | None = None,
    *,
    editions: Iterable[Edition | tuple[Document, Sequence[Claim]]] = (),
    published: str | dt.date | None = None,
) -> list[Verdict]:
    """One verdict per claim, in the claims' order (see CLAIMS.md).

    ``reference`` defaults to the shipped reference data; ``as_of`` (the check date) to today;
    ``editions`` are other (document, claims) editions of the same country; ``published`` a
    publication date to use instead of the sheet's own or inferred one (ISO, any precision).
    An undated sheet is judged over its inferred ``published_range`` (``check.published``).
    """
    as_of = as_of or dt.date.today()
    document = published_document(document, as_of, published)
    if reference is None:
        from ..reference import load_reference

        loaded: ReferenceLike = load_reference()
        reference = loaded
    ctx = Context(
        document=document,
        claims=claims,
        reference=reference,
        as_of=as_of,
        editions=tuple(e if isinstance(e, Edition) else Edition(e[0], tuple(e[1]))
                       for e in editions),
    )
    rng = document.published_range
    first, last = safe_lower(rng.earliest), safe_upper(rng.latest)
    # findings first: they do not depend on the verdicts, and a sheet over the budget is
    # refused before its claims are judged one by one
    findings = within_sheet(document, claims) + across_editions(document, claims, ctx.editions)
    from ..budget import DEFAULT_BUDGET, within

    within("consistency findings", len(findings), DEFAULT_BUDGET.max_findings,
           document.source or "input")
    stamper = Stamper(reference)

    def judge(c: Context, i: int, claim: Claim) -> Verdict:
        return stamper.verdict(_horizon_note(c, claim, settle(claim, _check_one(c, i, claim),
                                                              first, last, as_of)))

    verdicts = note_disagreements(ctx, claims, _verdicts(ctx, claims, judge), judge)
    derived = {i for i, c in enumerate(claims) if _derived_year(c)} if findings else set()
    if derived:  # a derived year conflicts with nothing (see _stated_in_clause)
        findings = [f for f in findings if f.code not in SOURCE_SETTLED or (
            f.claim not in derived and not any(e.claim in derived for e in f.evidence
                                               if e.source == "sheet"))]
    return [stamper.verdict(v) for v in merge_findings(verdicts, findings)]


def _verdicts(ctx: Context, claims: Sequence[Claim],
              judge: Callable[[Context, int, Claim], Verdict]) -> list[Verdict]:
    """One verdict per claim; a claim repeated word for word in the sheet is judged once (a
    verdict depends on the claim, not on its place, except a membership's sentence)."""
    memo: dict[Any, Verdict] = {}
    out = []
    for i, c in enumerate(claims):
        key = _repeat_key(c)
        done = memo.get(key) if key is not None else None
        if done is None:
            done = judge(ctx, i, c)
            if key is not None:
                memo[key] = done
        out.append(done if done.claim == i else evolve(done, claim=i))
    return out


_SCALARS = frozenset((str, int, float, bool, type(None)))
_first = itemgetter(0)


def _repeat_key(c: Claim) -> Any:
    """What makes two claims the same claim for a verdict (None: not comparable). Scalar fields
    are keyed by type and value (1, 1.0 and True stay apart, as in JSON); others as JSON."""
    where = tuple(c.span) if c.type.startswith("membership") else None
    fields = c.fields
    scalars = [(k, v.__class__, v) for k, v in fields.items() if v.__class__ in _SCALARS]
    if len(scalars) == len(fields):
        scalars.sort(key=_first)  # the keys are distinct: ordered by key alone
        return (c.type, c.country, c.quote, c.section, where, tuple(scalars))
    try:
        return json.dumps([c.type, c.country, fields, c.quote, c.section, where],
                          sort_keys=True, default=str)
    except (TypeError, ValueError):  # fields that are not JSON (a hand-made claim)
        return None


def published_document(document: Document, as_of: dt.date,
                       published: str | dt.date | None = None,
                       option: str = "published") -> Document:
    """The document as it is judged: with the date the caller gave, and a complete published
    range (reports show it: ``document.published_range``)."""
    if published is not None:
        document = given_published(document, published, option)
    return resolve_range(document, as_of)


def _horizon_note(ctx: Context, claim: Claim, verdict: Verdict) -> Verdict:
    """Say that "now" means the horizon when the check date lies past it (perishable facts;
    an ``outdated`` verdict is final and its message already names the latest source)."""
    now = verdict.now
    horizon = now.horizon
    if claim.type.split(".")[0] not in PERISHABLE or not horizon or now.verdict not in (
            "current", "unknown") or verdict.at_publication.verdict != "supported":
        return verdict
    last = safe_upper(horizon)
    if last is None or ctx.as_of <= last:
        return verdict
    covered = f"{horizon}, the latest date the sources cover"
    if now.verdict == "current":
        note = f"Current as of {covered}."
    elif now.reason and "more than" in now.reason:
        note = (f"It still held as of {covered}; the check date is more than "
                f"{STALE_AFTER_DAYS} days later, so it is now unknown.")
    else:
        return verdict
    if covered in verdict.message:
        return verdict
    return replace(verdict, message=f"{verdict.message} {note}")


def _check_one(ctx: Context, index: int, claim: Claim) -> Verdict:
    checker = CHECKERS.get(claim.type.split(".")[0])
    if checker is None:
        verdict = unverifiable_verdict(ctx, index, claim, f"no checker for claims of type “{claim.type}”")
        return replace(verdict, code="V-UNKNOWN-TYPE")
    try:
        if ctx.document.published is None:
            return _stated_in_clause(ctx, index, claim, check_ranged(ctx, index, claim, checker))
        verdict = checker(ctx, index, claim)
        return _stated_in_clause(ctx, index, claim,
                                 _coarse_publication(ctx, index, claim, checker, verdict))
    except (TypeError, ValueError, KeyError, AttributeError, IndexError) as exc:
        # a claim whose fields do not follow CLAIMS.md (hand-written or from a newer extractor)
        return unverifiable_verdict(ctx, index, claim, "the claim's fields do not follow the "
                                    f"contract ({exc.__class__.__name__}: {exc})")


_YEAR_IN_TEXT = re.compile(r"\b(1[6-9]\d\d|20\d\d)\b")
#: families whose claims carry the year of an event: a year the clause does not state (derived
#: from an anniversary and the publication year, or taken from another clause) cannot contradict
DATED_FAMILIES = ("relations", "independence", "agreement")


def _derived_year(claim: Claim) -> str | None:
    """The claim's event year when its clause does not state it, else None: the extractor
    marked it derived, or the clause states years but not this one. (A quote with no year at
    all is taken at its word: hand-written claims often quote a sentence loosely.)"""
    if claim.type.split(".")[0] not in DATED_FAMILIES:
        return None
    year = claim.fields.get("year") or str(claim.fields.get("date") or "")[:4]
    if not year:
        return None
    stated = _YEAR_IN_TEXT.findall(claim.quote)
    if claim.fields.get("derived_from") or (stated and str(year) not in stated):
        return str(year)
    return None


def _stated_in_clause(ctx: Context, index: int, claim: Claim, verdict: Verdict) -> Verdict:
    """No false alarm from a wrongly extracted value: a claim is contradicted only when its
    value comes from the clause that states the event, with the extractor's confidence."""
    if verdict.at_publication.verdict != "contradicted":
        return verdict
    why = None
    if claim.low_confidence:
        why = (f"the claim was extracted with low confidence ({claim.confidence:.2f}), so it "
               "cannot contradict")
    elif year := _derived_year(claim):
        why = (f"the year {year} is not stated in the clause (“{claim.quote[:80]}”): it was "
               "derived, so it cannot contradict")
    if why is None:
        return verdict
    pub = replace(verdict.at_publication, verdict="unverifiable", current=None,
                  reason=f"{why}; {verdict.message[:1].lower()}{verdict.message[1:]}")
    now = replace(verdict.now, verdict="unknown", current=None, reason=why)
    return replace(verdict, at_publication=pub, now=now,
                   code=f"V-{verdict.code.split('-')[1]}-UNVERIFIABLE",
                   message=f"{why[:1].upper()}{why[1:]}. {verdict.message}")


def _coarse_publication(ctx: Context, index: int, claim: Claim, checker: Checker,
                        verdict: Verdict) -> Verdict:
    """A sheet dated "January 2017" was right if the claim held on some day of January 2017:
    a perishable claim contradicted on the last day is judged again on the first."""
    published = ctx.document.published
    if (verdict.at_publication.verdict != "contradicted" or not published or len(published) == 10
            or claim.type.split(".")[0] not in PERISHABLE):
        return verdict
    first = Context(document=replace(ctx.document, published=lower_bound(published).isoformat()),
                    claims=ctx.claims, reference=ctx.reference, as_of=ctx.as_of,
                    editions=ctx.editions, cache=ctx.cache)
    again = checker(first, index, claim)
    if again.at_publication.verdict != "supported":
        return verdict
    return replace(again, message=f"{again.message} (The sheet is dated {published}: judged on "
                                  f"its first day.)")


def merge_findings(verdicts: list[Verdict], findings: Sequence[Finding]) -> list[Verdict]:
    """Turn findings into ``inconsistent`` verdicts.

    A contradiction by a source wins over a conflict with another claim (the finding is then
    listed in ``findings``); a claim that contradicts itself (SELF_FINDINGS) is inconsistent.
    """
    by_claim: dict[int, list[Finding]] = {}
    for finding in findings:
        by_claim.setdefault(finding.claim, []).append(finding)
    out = []
    for verdict in verdicts:
        mine = by_claim.get(verdict.claim)
        if mine and (verdict.at_publication.reason or "").startswith(NOT_US_RELATIONS):
            mine = [f for f in mine if f.code not in SOURCE_SETTLED]  # not the same fact at all
        if not mine:
            out.append(verdict)
            continue
        if verdict.at_publication.verdict == "supported":
            # two claims the sources both support speak of different events (relations with
            # Prussia in 1797, with the Federal Republic in 1955): no conflict
            settled = [f for f in mine if f.code in SOURCE_SETTLED]
            mine = [f for f in mine if f.code not in SOURCE_SETTLED]
            if not mine:
                codes = tuple(dict.fromkeys(f.code for f in settled))
                out.append(evolve(verdict, findings=codes, message=verdict.message + (
                    " Another claim of the sheet says otherwise; the sources support this one.")))
                continue
        codes = tuple(dict.fromkeys([f.code for f in mine]))
        self_contradiction = not _SELF.isdisjoint(codes)
        if verdict.at_publication.verdict == "contradicted" and not self_contradiction:
            out.append(evolve(verdict, findings=codes,
                               message=verdict.message + " " + " ".join([f.message for f in mine])))
            continue
        evidence = tuple([e for f in mine for e in f.evidence]) + verdict.at_publication.evidence
        pub = evolve(verdict.at_publication, verdict="inconsistent", evidence=evidence,
                      reason=verdict.at_publication.reason)
        message = " ".join([f.message for f in mine])
        if verdict.at_publication.verdict == "supported":
            message += f" (The sources support it: {verdict.message})"
        elif verdict.at_publication.verdict == "contradicted":
            message += f" (The sources also contradict it: {verdict.message})"
        out.append(evolve(verdict, at_publication=pub, code=codes[0],
                           message=message, findings=(*codes, verdict.code)))
    return out


#: families whose facts can go stale: their sources' horizon is the one a report states
PERISHABLE = ("leader", "ambassador", "embassy", "membership", "statistic", "trade")


def report_horizon(verdicts: Iterable[Verdict], reference: Any = None,
                   claims: Sequence[Claim] | None = None) -> str | None:
    """The horizon a report states: the latest one that perishable claims were judged against
    (timeless facts do not go stale), else any verdict's, else the reference's overall one."""
    verdicts = list(verdicts)
    horizons = [v.now.horizon for v in verdicts if v.now.horizon and claims is not None
                and claims[v.claim].type.split(".")[0] in PERISHABLE]
    horizons = horizons or [v.now.horizon for v in verdicts if v.now.horizon]
    if horizons:
        return max(horizons)
    return horizon_of(reference) if reference is not None else None


def horizon_of(reference: Any) -> str | None:
    """The reference's overall horizon, for reports."""
    try:
        horizon: str | None = reference.horizon()
        return horizon
    except Exception:
        return None


def exit_status(verdicts: Iterable[Verdict]) -> int:
    """0 when no claim is contradicted or inconsistent, else 1."""
    return 1 if any(v.at_publication.verdict in FAILING or v.now.verdict == "contradicted"
                    for v in verdicts) else 0


__all__ = ["CHECKERS", "Edition", "check", "exit_status", "horizon_of", "merge_findings",
           "published_document", "report_horizon"]
