"""What every checker shares: the context of one check, date helpers, verdict builders.

A checker is a function ``(ctx, index, claim) -> Verdict``. It judges the claim on two dates:
``ctx.published`` (was it right when written?) and ``ctx.now`` (is it still right?). ``ctx.now``
is the check date, or the reference horizon when the check date lies past it: the last state the
sources know is what "now" is judged on, and the horizon is reported beside the verdict.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import MISSING, dataclass, field, fields
from functools import lru_cache
from typing import Any, Protocol, TypeVar

from ..dates import lower_bound, upper_bound
from ..model import Assessment, Claim, Document, Evidence, Fact, Verdict
from .codes import family_of, status_code

#: A perishable fact (a leader, an ambassador, a membership) that was current at the horizon is
#: still called ``current`` up to this many days past it; later it is ``unknown``.
STALE_AFTER_DAYS = 365


class AnswerLike(Protocol):
    @property
    def facts(self) -> tuple[Fact, ...]: ...

    @property
    def covered(self) -> bool: ...

    @property
    def sources(self) -> tuple[str, ...]: ...

    @property
    def horizon(self) -> str | None: ...

    @property
    def note(self) -> str: ...


class ReferenceLike(Protocol):
    """The part of ``factsheet.reference.Reference`` the checkers use (see CONTRACTS.md)."""

    def facts(self, country: str, predicate: str, on: dt.date | None = None) -> list[Fact]: ...

    def answer(self, country: str, predicate: str, on: dt.date) -> AnswerLike: ...

    def horizon(self, predicate: str | None = None) -> str | None: ...


_CACHES: weakref.WeakKeyDictionary[Any, dict[Any, Any]] = weakref.WeakKeyDictionary()
_CACHE_LIMIT = 50_000


def reference_cache(reference: Any) -> dict[Any, Any]:
    """A memo of answers derived from one (immutable) reference object, shared by checks."""
    try:
        cache = _CACHES.setdefault(reference, {})
    except TypeError:  # not weak-referenceable: a memo for this check only
        return {}
    if len(cache) > _CACHE_LIMIT:
        cache.clear()
    return cache


#: the reference cache's key for ``{source: version}``
_VERSIONS = ("source-versions",)


@dataclass(frozen=True)
class Edition:
    """Another edition of the same country's sheet, for cross-edition consistency."""

    document: Document
    claims: tuple[Claim, ...]


@dataclass
class Context:
    document: Document
    claims: Sequence[Claim]
    reference: ReferenceLike
    as_of: dt.date
    editions: tuple[Edition, ...] = ()
    _horizons: dict[str, str | None] = field(default_factory=dict)
    cache: dict[Any, Any] = field(default_factory=dict)  # memo of answers derived from the reference
    #: for an undated sheet: this context on each day of its published range (check.published)
    on_day: dict[dt.date, Context] = field(default_factory=dict)
    #: answers that depend on this context's days (publication, check date), not only on the
    #: reference: for this context only
    memo: dict[Any, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.cache:
            self.cache = reference_cache(self.reference)

    @property
    def country(self) -> str | None:
        return self.document.country

    @property
    def published(self) -> dt.date | None:
        """The day the sheet speaks for: the last day its stated date can mean."""
        if not self.document.published:
            return None
        return _upper_bound(self.document.published)

    def horizon(self, predicate: str | None = None) -> str | None:
        key = predicate or ""
        if key not in self._horizons:
            self._horizons[key] = self.reference.horizon(predicate or None)
        return self._horizons[key]

    def now_date(self, *predicates: str) -> dt.date:
        """The date "now" is judged on: the check date, or the horizon of these predicates."""
        key = ("now_date", predicates)
        found: dt.date | None = self.memo.get(key)
        if found is None:
            horizons = [h for h in (self.horizon(p) for p in predicates) if h]
            found = self.memo[key] = self.as_of if not horizons else min(
                self.as_of, max(safe_upper(h) or self.as_of for h in horizons))
        return found

    def past_horizon(self, *predicates: str) -> bool:
        return self.now_date(*predicates) < self.as_of

    def stale(self, *predicates: str) -> bool:
        """True when the check date is so far past the horizon that a perishable fact is unknown."""
        return (self.as_of - self.now_date(*predicates)).days > STALE_AFTER_DAYS

    def stamped(self, ev: Evidence) -> Evidence:
        """``ev`` with its source's version, as ``provenance.stamp_versions`` would give it: for
        evidence made once and cited by many claims (stamped once, not once per verdict)."""
        versions: dict[str, str] | None = self.cache.get(_VERSIONS)
        if versions is None:
            from .provenance import source_versions

            versions = self.cache[_VERSIONS] = source_versions(self.reference)
        if ev.version is not None or ev.source not in versions:
            return ev
        return evolve(ev, version=versions[ev.source])

    def all_facts(self, predicate: str, country: str | None = None) -> list[Fact]:
        iso = country or self.country
        if not iso:
            return []
        key = ("all", iso, predicate)
        if key not in self.cache:
            self.cache[key] = list(self.reference.facts(iso, predicate))
        found: list[Fact] = self.cache[key]
        return found


# --------------------------------------------------------------------------------------------
# dates


def iso(day: dt.date | None) -> str:
    return day.isoformat() if day else "unknown"


def date_matches(claimed: str | int | None, actual: str | None) -> bool:
    """A claimed date of any precision holds when the actual date lies within it.

    ``"2016-07"`` is supported by ``"2016-07-28"``; ``2016`` by anything in 2016. An actual date of
    coarser precision than the claim matches when its range contains the claim's.
    """
    if claimed is None or actual is None:
        return False
    c = str(claimed)
    try:
        c_lo, c_hi = lower_bound(c), upper_bound(c)
        a_lo, a_hi = lower_bound(actual), upper_bound(actual)
    except (ValueError, IndexError):
        return False
    return (c_lo <= a_lo and a_hi <= c_hi) or (a_lo <= c_lo and c_hi <= a_hi)


def claim_date(fields: dict[str, Any], *keys: str) -> str | None:
    """The most precise date a claim gives among ``keys`` (``date`` before ``year``)."""
    for key in keys:
        value = fields.get(key)
        if value not in (None, ""):
            return str(value)
    return None


#: asked once per claim of the same sheet
_upper_bound = lru_cache(maxsize=256)(upper_bound)


@lru_cache(maxsize=8192)
def safe_lower(value: str | None) -> dt.date | None:
    try:
        return lower_bound(value) if value else None
    except (ValueError, IndexError):
        return None


@lru_cache(maxsize=8192)
def safe_upper(value: str | None) -> dt.date | None:
    try:
        return upper_bound(value) if value else None
    except (ValueError, IndexError):
        return None


def fact_start(fact: Fact) -> dt.date | None:
    return safe_lower(fact.valid_from)


def fact_end(fact: Fact) -> dt.date | None:
    return safe_upper(fact.valid_to)


def valid_on(fact: Fact, day: dt.date) -> bool:
    start, end = fact_start(fact), fact_end(fact)
    return (start is None or start <= day) and (end is None or day <= end)


def latest_observed(facts: Iterable[Fact], day: dt.date, *, max_age_days: int = 400) -> list[Fact]:
    """The facts of the latest snapshot observed on or before ``day`` (not older than a year or so).

    Snapshot sources (the Factbook) state lists and figures as of a date; the sheet writer could
    only know the snapshot before publication.
    """
    dated = [(safe_lower(f.observed or f.valid_from), f) for f in facts]
    eligible = [(d, f) for d, f in dated if d is not None and d <= day and (day - d).days <= max_age_days]
    if not eligible:
        return []
    last = max(d for d, _ in eligible)
    return [f for d, f in eligible if d == last]


def latest_on_or_before(facts: Iterable[Fact], day: dt.date) -> dt.date | None:
    dates = [safe_lower(f.observed or f.valid_from) for f in facts]
    known = [d for d in dates if d is not None and d <= day]
    return max(known) if known else None


# --------------------------------------------------------------------------------------------
# evidence and verdicts


_T = TypeVar("_T")

#: class → its fields' defaults, for ``build``
_DEFAULTS: dict[type, dict[str, Any]] = {}


def build(cls: type[_T], /, **values: Any) -> _T:
    """``cls(**values)`` for the model's frozen, unvalidated classes (Verdict, Assessment,
    Evidence) without the dataclass ``__init__``, which sets each field through
    ``object.__setattr__``: a check makes several per claim (issue 14). Unnamed fields get
    their defaults."""
    defaults = _DEFAULTS.get(cls)
    if defaults is None:
        if any(f.default_factory is not MISSING for f in fields(cls)):  # type: ignore[arg-type]
            return cls(**values)  # a default made per object: the dataclass makes it
        defaults = _DEFAULTS[cls] = {f.name: f.default for f in fields(cls)  # type: ignore[arg-type]
                                     if f.default is not MISSING}
    new = object.__new__(cls)
    attrs = new.__dict__
    attrs.update(defaults)
    attrs.update(values)  # the callers name existing fields only
    return new


def evidence(fact: Fact, value: str) -> Evidence:
    source = fact.source
    return build(Evidence, source=source, record=fact.record,
                 snapshot=fact.observed if source in ("factbook", "user_trade") else None,
                 value=value, citation=fact.citation)


def evolve(obj: _T, **changes: Any) -> _T:
    """``dataclasses.replace`` for the model's frozen, unvalidated classes (Verdict, Assessment,
    Evidence) without its per-call introspection: a check of a sheet of thousands of claims
    makes tens of thousands of copies (issue 14)."""
    new = object.__new__(type(obj))
    new.__dict__.update(obj.__dict__, **changes)  # the callers name existing fields only
    return new


def assess(day: dt.date | None, verdict: str, ev: Iterable[Evidence] = (), *,
           current: str | None = None, horizon: str | None = None,
           reason: str | None = None) -> Assessment:
    return build(Assessment, date=day.isoformat() if day else "unknown", verdict=verdict,
                 evidence=tuple(ev), current=current, horizon=horizon, reason=reason)


def make_verdict(index: int, claim: Claim, pub: Assessment, now: Assessment, message: str,
                 *, code: str | None = None) -> Verdict:
    return build(Verdict, claim=index, at_publication=pub, now=now,
                 code=code or status_code(family_of(claim.type), pub.verdict, now.verdict),
                 message=message)


def unverifiable(ctx: Context, index: int, claim: Claim, reason: str,
                 *predicates: str) -> Verdict:
    """A claim no source can judge: unverifiable when published, unknown now, reason given."""
    horizon = ctx.horizon(predicates[0]) if predicates else ctx.horizon()
    return make_verdict(
        index, claim,
        assess(ctx.published, "unverifiable", reason=reason),
        assess(ctx.as_of, "unknown", horizon=horizon, reason=reason),
        sentence(reason),
    )


SOURCE_NAMES = {"factbook": "the Factbook", "pocom": "pocom", "rdcr": "rdcr", "gsh": "gsh",
                "agreements": "manytrade", "user_trade": "the imported trade data"}


def source_name(source: str) -> str:
    return SOURCE_NAMES.get(source, source)


def as_of_phrase(ctx: Context, day: dt.date, horizon: str | None, source: str) -> str:
    """"the latest source (2026-01-22)" past the horizon, else "on 2019-01-01 pocom"."""
    if horizon and day >= (safe_upper(horizon) or day):
        return f"the latest source ({horizon})"
    return f"on {day} {source_name(source)}"


#: source names written in lower case, also at the start of a sentence
LOWER_CASE_SOURCES = ("rdcr", "gsh", "pocom", "manytrade")


def sentence(text: str) -> str:
    """Capitalized (unless it starts with a source name) and ending with a full stop."""
    if not text.startswith(LOWER_CASE_SOURCES):
        text = text[:1].upper() + text[1:]
    return text if text.endswith(".") else text + "."


def timeless_now(ctx: Context, pub: Assessment, *predicates: str) -> Assessment:
    """A timeless fact (a date in the past) stays as it was judged at publication."""
    horizon = ctx.horizon(predicates[0]) if predicates else ctx.horizon()
    if pub.verdict == "supported":
        return assess(ctx.as_of, "current", pub.evidence, horizon=horizon)
    if pub.verdict == "contradicted":
        return assess(ctx.as_of, "contradicted", pub.evidence, current=pub.current, horizon=horizon)
    return assess(ctx.as_of, "unknown", horizon=horizon, reason=pub.reason)


def perishable_now(ctx: Context, same: bool | None, ev: Iterable[Evidence], *predicates: str,
                   current: str | None = None, reason: str | None = None) -> Assessment:
    """Judge a fact that can change on the check date, from the state the sources last know.

    ``same``: the claim still holds at ``ctx.now_date`` (True), no longer (False), or the sources
    do not say (None). A change is final (``outdated``); a fact that still held at the horizon is
    ``current`` until ``STALE_AFTER_DAYS`` past it, then ``unknown``.
    """
    horizon = ctx.horizon(*predicates[:1]) if predicates else ctx.horizon()
    if same is None:
        return assess(ctx.as_of, "unknown", ev, horizon=horizon, reason=reason)
    if not same:
        return assess(ctx.as_of, "outdated", ev, current=current, horizon=horizon)
    if ctx.stale(*predicates):
        return assess(ctx.as_of, "unknown", ev, horizon=horizon,
                      reason=f"the sources end on {horizon}, more than {STALE_AFTER_DAYS} days "
                             f"before the check date")
    return assess(ctx.as_of, "current", ev, horizon=horizon)


def snapshot_on(ctx: Context, predicate: str, day: dt.date, country: str | None = None,
                *, latest_only: bool = True) -> list[Fact]:
    """The facts a snapshot source stated for ``day``: those valid on that day (with
    ``latest_only``, only the ones that started last), else the latest snapshot before it."""
    key = (predicate, day, country or ctx.country, latest_only)
    if key not in ctx.cache:
        ctx.cache[key] = _snapshot_on(ctx, predicate, day, country, latest_only=latest_only)
    found: list[Fact] = ctx.cache[key]
    return found


def _snapshot_on(ctx: Context, predicate: str, day: dt.date, country: str | None,
                 *, latest_only: bool) -> list[Fact]:
    iso = country or ctx.country
    if not latest_only and iso:
        # the reference's own index answers "valid on"; fall back to a scan when it says nothing
        indexed = [f for f in ctx.reference.facts(iso, predicate, day) if f.valid_from or f.observed]
        if indexed:
            return indexed
    facts = ctx.all_facts(predicate, country)
    valid = [f for f in facts if (f.valid_from or f.observed) and valid_on(f, day)]
    if valid and not latest_only:
        return valid
    if valid:
        starts = [fact_start(f) or safe_lower(f.observed) or dt.date.min for f in valid]
        last = max(starts)
        return [f for f, s in zip(valid, starts, strict=True) if s == last]
    return latest_observed(facts, day)
