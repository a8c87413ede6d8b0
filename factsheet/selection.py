"""Which fact is "the latest" on a date — one rule for the writer and the checker.

Yearly estimates (poverty shares): the figure a reader could know on a date is the estimate of
the latest *year* among those published by then (a snapshot observed on or before the date);
a later snapshot restating an older year's estimate does not supersede a newer year, and a
revision of the same year (a later snapshot) replaces the earlier figure. Figures without a
year (the archive's 2018 rows lost them) are used only when no dated figure was published.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .dates import lower_bound
from .model import Fact


def _observed(fact: Fact) -> dt.date:
    try:
        return lower_bound(fact.observed or fact.valid_from or "")
    except (TypeError, ValueError):
        return dt.date.max


def published_by(facts: Iterable[Fact], on: dt.date) -> list[Fact]:
    """The facts a snapshot had stated on or before ``on``."""
    return [f for f in facts if isinstance(f.value, dict) and f.value.get("value") is not None
            and _observed(f) <= on]


def latest_estimate(facts: Iterable[Fact], on: dt.date, year: int | None = None) -> Fact | None:
    """The current estimate on ``on`` (see the module's rule); with ``year``, that year's
    latest published figure when there is one."""
    known = published_by(facts, on)
    if year is not None:
        same = [f for f in known if f.value.get("year") == year]
        if same:
            return max(same, key=lambda f: (_observed(f), f.record))
    dated = [f for f in known if f.value.get("year")]
    if dated:
        return max(dated, key=lambda f: (int(f.value["year"]), _observed(f), f.record))
    return max(known, key=lambda f: (_observed(f), f.record), default=None)


def _latest_stated(facts: Iterable[Fact]) -> Fact | None:
    """The most recently stated of several facts (latest snapshot, then latest start)."""
    return max(facts, key=lambda f: (f.observed or "", f.valid_from or ""), default=None)


def chief_of_mission(facts: Iterable[Fact], on: dt.date, pocom_last: str | None) -> Fact | None:
    """The U.S. chief of mission on ``on`` among the facts valid then: pocom's dated tenure while
    pocom covers the date (the Factbook's year-end snapshot lags a change by up to a year); past
    pocom's end (an open-ended pocom term only says "still serving in 2020"), the Factbook's
    holder when that one took up the post later."""
    items = list(facts)
    pocom = _latest_stated(f for f in items if f.source == "pocom")
    factbook = _latest_stated(f for f in items if f.source != "pocom")
    if pocom is None or factbook is None or not pocom_last:
        return pocom or factbook
    from .dates import upper_bound

    if on <= upper_bound(pocom_last):
        return pocom

    def start(f: Fact) -> str:
        value = f.value if isinstance(f.value, dict) else {}
        return str(value.get("since") or value.get("start") or f.valid_from or "")

    return factbook if start(factbook) >= start(pocom) else pocom
