"""Judging a claim at publication when the sheet's date is a range, not a day.

An undated sheet (every page of today's state.gov) carries an inferred ``published_range``
(``factsheet/read/published.py``). A claim is ``supported`` when it is true over the whole range,
``contradicted`` only when it is false over the whole range, and otherwise ``unverifiable`` with
the days it held and did not. "Over the whole range" is tested on its two ends and on every day
inside it where a fact of the claim's sources starts or ends (a president who served eight
months in the middle of the range is not missed). The now-verdict does not need the publication
date at all: it is the checker's verdict on the check date (or the horizon).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import replace

from ..dates import lower_bound, upper_bound
from ..errors import InvalidDateError
from ..model import Assessment, Claim, Document, PublishedRange, Verdict
from ..read.published import GENRE_FLOOR
from .base import Context, safe_lower, safe_upper
from .codes import family_of, status_code

Checker = Callable[[Context, int, Claim], Verdict]

#: the predicates whose facts' start and end days are tested inside a range, by claim family
FAMILY_PREDICATES: dict[str, tuple[str, ...]] = {
    "leader": ("chief_of_state", "head_of_government"),
    "ambassador": ("us_chief_of_mission", "partner_chief_of_mission", "us_mission_note"),
    "embassy": ("embassy_in_us",),
    "membership": ("membership",),
    "agreement": ("agreement",),
    "statistic": ("poverty_share",),
    "independence": ("independence",),
    "relations": ("relations.established", "relations.severed", "relations.restored",
                  "relations.recognized"),
}
#: families whose verdict at publication does not depend on the day (a past event's date against
#: the sources' own dating): judged once, on the range's last day
DATE_FREE = ("relations", "independence", "agreement", "trade", "investment", "people",
             "assistance")
#: at most this many days are tested inside one range (evenly chosen when there are more)
MAX_DAYS = 24


def validate_published(published: str | dt.date, option: str = "--published") -> str:
    """A publication date a user gave → ISO with its precision; InvalidDateError says why not."""
    if isinstance(published, dt.date):
        return published.isoformat()
    iso = published.strip()
    if len(iso) in (4, 7) and re.fullmatch(r"(?:1[89]|20)\d\d(?:-(?:0[1-9]|1[0-2]))?", iso):
        return iso  # a year or a month, like a sheet's own "March 1998"
    try:
        return dt.date.fromisoformat(iso).isoformat()
    except ValueError:
        raise InvalidDateError(f"{option} {published!r} is not a valid date: use YYYY-MM-DD, "
                               "YYYY-MM or YYYY, e.g. 2019-06-30.") from None


def given_published(document: Document, published: str | dt.date,
                    option: str = "--published") -> Document:
    """The document with a publication date the user gave (``--published``, ``published=``)."""
    iso = validate_published(published, option)
    rng = PublishedRange(lower_bound(iso).isoformat(), upper_bound(iso).isoformat(), "given")
    return replace(document, published=iso, published_range=rng)


def resolve_range(document: Document, as_of: dt.date) -> Document:
    """The document with a complete range: an open end is the check date, no start the genre's
    floor (a stated or given date is kept as it is)."""
    rng = document.published_range
    if document.published:
        if rng.basis in ("stated", "given"):
            return document
        rng = PublishedRange(lower_bound(document.published).isoformat(),
                             upper_bound(document.published).isoformat(), "stated")
        return replace(document, published_range=rng)
    latest = min(safe_upper(rng.latest) or as_of, as_of)
    earliest = safe_lower(rng.earliest) or safe_lower(GENRE_FLOOR) or latest
    earliest = min(earliest, latest)
    if rng.earliest == earliest.isoformat() and rng.latest == latest.isoformat():
        return document
    return replace(document, published_range=replace(
        rng, earliest=earliest.isoformat(), latest=latest.isoformat()))


def _days(ctx: Context, claim: Claim, earliest: dt.date, latest: dt.date) -> list[dt.date]:
    """The ends of the range and the days inside it where the claim's facts change."""
    if claim.type.split(".")[0] in DATE_FREE:
        return [latest]
    # past the sources' horizon they name no one: the range is judged up to it (the now-verdict
    # and its horizon rules speak for the days after)
    ends = [safe_upper(ctx.horizon(p)) for p in FAMILY_PREDICATES.get(claim.type.split(".")[0], ())]
    horizon = max((d for d in ends if d is not None), default=None)
    if horizon is not None and earliest <= horizon < latest:
        latest = horizon
    inside: set[dt.date] = set()
    iso = claim.country or ctx.country
    for predicate in FAMILY_PREDICATES.get(claim.type.split(".")[0], ()):
        for fact in ctx.all_facts(predicate, iso):
            # a change starts or ends a fact; a snapshot date changes nothing unless it is all
            # the fact has
            first = fact.valid_from or fact.observed
            for value, after in ((first, 0), (fact.valid_to, 1)):
                day = safe_lower(value) if after == 0 else safe_upper(value)
                if day is None:
                    continue
                day += dt.timedelta(days=after)
                if earliest < day < latest:
                    inside.add(day)
    middle = sorted(inside)
    if len(middle) > MAX_DAYS:
        step = len(middle) / MAX_DAYS
        middle = [middle[int(i * step)] for i in range(MAX_DAYS)]
    return [earliest, *middle, latest] if earliest < latest else [latest]


def check_ranged(ctx: Context, index: int, claim: Claim, checker: Checker) -> Verdict:
    """Judge a claim of an undated sheet over its published range (module docstring)."""
    rng = ctx.document.published_range
    earliest, latest = safe_lower(rng.earliest), safe_upper(rng.latest)
    assert earliest is not None and latest is not None  # resolve_range filled them
    runs: list[tuple[dt.date, Verdict]] = []
    for day in reversed(_days(ctx, claim, earliest, latest)):
        sub = ctx.on_day.get(day)
        if sub is None:  # one per day and check, shared by the sheet's claims
            doc = replace(ctx.document, published=day.isoformat())
            sub = ctx.on_day[day] = Context(
                document=doc, claims=ctx.claims, reference=ctx.reference, as_of=ctx.as_of,
                editions=ctx.editions, cache=ctx.cache)
        runs.append((day, checker(sub, index, claim)))
        if len(runs) == 2 and {v.at_publication.verdict for _, v in runs} == {"unverifiable"}:
            # the sources cannot judge it at either end (no source, a gap): no need to go on
            break
    span = f"{earliest}/{latest}" if earliest < latest else latest.isoformat()  # ISO 8601 interval
    last = runs[0][1]
    last = replace(last, at_publication=replace(last.at_publication, date=span))
    where = rng.describe()
    kinds = {v.at_publication.verdict for _, v in runs}
    if kinds == {"supported"}:
        return replace(last, message=f"{last.message} (Undated sheet, published {where}: true "
                                     "over the whole range.)")
    if kinds == {"contradicted"}:
        return replace(last, message=f"{last.message} (Undated sheet, published {where}: false "
                                     "over the whole range.)")
    held = sorted(d for d, v in runs if v.at_publication.verdict == "supported")
    failed = sorted(d for d, v in runs if v.at_publication.verdict == "contradicted")
    if not held:
        if failed and kinds <= {"contradicted", "unverifiable"}:
            reason = (f"the sheet is undated (published {where}); the sources contradict it on "
                      f"{_days_text(failed)} and cannot judge it on other days of the range")
        else:
            return last
    else:
        reason = (f"the sheet is undated (published {where}): it held on {_days_text(held)}"
                  + (f" but not on {_days_text(failed)}" if failed else
                     ", and the sources cannot judge it on other days of the range"))
    support = next((v for _, v in runs if v.at_publication.verdict == "supported"), last)
    now = _now(last, support)
    evidence = tuple(dict.fromkeys((*support.at_publication.evidence,
                                    *last.at_publication.evidence)))
    pub = Assessment(date=span, verdict="unverifiable", evidence=evidence,
                     reason=reason)
    code = status_code(family_of(claim.type), "unverifiable", now.verdict)
    message = f"{reason[:1].upper()}{reason[1:]}. Now: {now.verdict}" + (
        f" ({now.current})" if now.current else "") + "."
    return Verdict(claim=index, at_publication=pub, now=now, code=code, message=message)


def _now(last: Verdict, support: Verdict) -> Assessment:
    """The check-date verdict: the latest run's, told as a change rather than an error (the
    claim held at some time in the range)."""
    now = last.now
    if now.verdict == "contradicted":
        return replace(now, verdict="outdated")
    if last.at_publication.verdict == "unverifiable" and support is not last:
        return support.now
    return now


def _days_text(days: list[dt.date]) -> str:
    if len(days) == 1:
        return days[0].isoformat()
    return f"{days[0].isoformat()} to {days[-1].isoformat()}" if len(days) == 2 else (
        f"{days[0].isoformat()}, …, {days[-1].isoformat()} ({len(days)} days tested)")
