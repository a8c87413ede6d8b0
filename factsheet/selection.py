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
