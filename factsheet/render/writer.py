"""The state every section writer shares: the country, the date the sheet is known to, the facts valid then."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Protocol

from ..countries import country_name
from ..dates import lower_bound, upper_bound
from ..model import Fact
from . import formatting as fmt
from .carry import Base
from .sheet import SentenceOut


class ReferenceLike(Protocol):
    def facts(self, country: str, predicate: str, on: dt.date | None = None) -> list[Fact]: ...

    def horizon(self, predicate: str | None = None) -> str | None: ...


#: Predicates whose facts go stale: the sheet's horizon is the last date their sources cover.
PERISHABLE = ("chief_of_state", "head_of_government", "us_chief_of_mission", "membership", "embassy_in_us")


def _valid_on(fact: Fact, on: dt.date) -> bool:
    try:
        if fact.valid_from and lower_bound(fact.valid_from) > on:
            return False
        return not (fact.valid_to and upper_bound(fact.valid_to) < on)
    except ValueError:
        return True


def _latest(facts: Iterable[Fact]) -> Fact | None:
    """The most recently stated of several facts (latest snapshot, then latest start)."""
    items = list(facts)
    if not items:
        return None
    return max(items, key=lambda f: (f.observed or "", f.valid_from or ""))



class SectionWriter:
    def __init__(self, iso: str, as_of: dt.date, reference: ReferenceLike, base: Base | None) -> None:
        self.iso = iso
        self.as_of = as_of
        self.ref = reference
        self.base = base
        self.name = country_name(iso)
        self.short = country_name(iso, article=False)
        self.no_us_embassy = False  # set by _no_mission: the link list then drops "U.S. Embassy"
        # The date the sheet's perishable facts are known to: the latest any of their sources
        # covers (a source of country names reaching further does not make a leader current).
        known = [h for p in PERISHABLE if (h := reference.horizon(p))]
        horizon = max(known) if known else reference.horizon()
        self.horizon = horizon
        self.on = min(as_of, upper_bound(horizon)) if horizon else as_of
    def facts(self, predicate: str, country: str | None = None) -> list[Fact]:
        found = self.ref.facts(country or self.iso, predicate, on=self.on)
        return [f for f in found if _valid_on(f, self.on)]
    def not_yet(self, predicate: str, what: str) -> list[SentenceOut]:
        """A section the sources cannot fill on the date because their record starts later (the
        Factbook's membership lists in 1996, its embassy addresses in 1997): one plain sentence
        saying so rather than a silently missing section. It states no claim."""
        starts = [lower_bound(f.valid_from) for f in self.ref.facts(self.iso, predicate) if f.valid_from]
        if not starts or min(starts) <= self.on:
            return []
        return [SentenceOut(f"The sources used for this sheet give no {what} before "
                            f"{fmt.date(min(starts).isoformat())}.", origin="boilerplate")]

