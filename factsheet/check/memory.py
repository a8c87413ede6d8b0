"""An in-memory reference: the CONTRACTS.md API over a list of facts.

For tests, and for users who check sheets against facts of their own. ``facts(country,
predicate, on)`` returns the facts valid on ``on``; ``horizon`` the last date the facts cover.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model import Fact
from .base import safe_lower, safe_upper, valid_on


@dataclass(frozen=True)
class MemoryAnswer:
    facts: tuple[Fact, ...]
    covered: bool
    sources: tuple[str, ...]
    horizon: str | None
    note: str


class MemoryReference:
    def __init__(self, facts: Iterable[Fact], horizons: dict[str, str] | None = None) -> None:
        self._facts: dict[tuple[str, str], list[Fact]] = {}
        for fact in facts:
            self._facts.setdefault((fact.country, fact.predicate), []).append(fact)
        self._horizons = dict(horizons or {})  # source → last covered day

    @classmethod
    def from_json(cls, path: str | Path) -> MemoryReference:
        data: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
        facts = [Fact(**f) for f in data["facts"]]
        return cls(facts, data.get("horizons"))

    def with_facts(self, facts: Iterable[Fact]) -> MemoryReference:
        every = [f for group in self._facts.values() for f in group]
        return MemoryReference(every + list(facts), self._horizons)

    def facts(self, country: str, predicate: str, on: dt.date | None = None) -> list[Fact]:
        found = self._facts.get((country, predicate), [])
        return list(found) if on is None else [f for f in found if valid_on(f, on)]

    def _source_horizon(self, source: str) -> str | None:
        if source in self._horizons:
            return self._horizons[source]
        days = [safe_upper(f.valid_to) or safe_lower(f.observed or f.valid_from)
                for group in self._facts.values() for f in group if f.source == source]
        known = [d for d in days if d]
        return max(known).isoformat() if known else None

    def horizon(self, predicate: str | None = None) -> str | None:
        sources = {f.source for (_, p), group in self._facts.items() for f in group
                   if predicate is None or p == predicate}
        days = [h for h in (self._source_horizon(s) for s in sources) if h]
        return max(days) if days else None

    def answer(self, country: str, predicate: str, on: dt.date) -> MemoryAnswer:
        facts = tuple(self.facts(country, predicate, on))
        sources = tuple(sorted({f.source for f in self._facts.get((country, predicate), [])}))
        horizon = self.horizon(predicate)
        last = safe_upper(horizon)
        covered = bool(sources) and last is not None and on <= last
        note = "" if covered else f"no source covers {predicate} for {country} on {on}"
        return MemoryAnswer(facts, covered, sources, horizon, note)
