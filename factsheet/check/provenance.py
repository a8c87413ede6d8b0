"""Provenance: every piece of evidence names the version of the source it came from.

The reference knows each source's upstream version (``SourceInfo.version``: repository and
commit, or the date a query answer was fetched); a verdict's evidence gets it here, once, after
the checkers ran, so the checkers themselves need not carry it. A reference without per-source
information (an in-memory one in tests) leaves evidence as it is.
"""

from __future__ import annotations

from operator import is_
from typing import Any

from ..model import Assessment, Evidence, Verdict
from .base import evolve


def source_versions(reference: Any) -> dict[str, str]:
    """``{source: version}`` for every source the reference describes (empty if it does not)."""
    sources = getattr(reference, "sources", None)
    if not isinstance(sources, dict):
        return {}
    return {name: str(getattr(info, "version", "") or "") for name, info in sources.items()
            if getattr(info, "version", "")}


def source_horizons(reference: Any) -> dict[str, str]:
    """``{source: last date covered}``: the report's horizon, per source."""
    sources = getattr(reference, "sources", None)
    if not isinstance(sources, dict):
        return {}
    return {name: str(info.last) for name, info in sorted(sources.items()) if getattr(info, "last", None)}


class Stamper:
    """Gives verdicts their evidence's versions, each assessment and piece of evidence once:
    verdicts of repeated claims share them, so a check stamps its verdicts as they are made
    (then a copy per claim shares the stamped ones) and once more after the findings."""

    def __init__(self, reference: Any) -> None:
        self.versions = source_versions(reference)
        #: id → (the original, kept alive so that its id is not reused; the stamped one)
        self._done: dict[int, tuple[Any, Any]] = {}

    def evidence(self, e: Evidence) -> Evidence:
        if e.version is not None or e.source not in self.versions:
            return e
        hit = self._done.get(id(e))
        if hit is None:
            hit = self._done[id(e)] = (e, evolve(e, version=self.versions[e.source]))
        found: Evidence = hit[1]
        return found

    def assessment(self, a: Assessment) -> Assessment:
        if not a.evidence:
            return a
        hit = self._done.get(id(a))
        if hit is None:
            stamped = tuple([self.evidence(e) for e in a.evidence])
            changed = not all(map(is_, stamped, a.evidence))
            hit = self._done[id(a)] = (a, evolve(a, evidence=stamped) if changed else a)
        found: Assessment = hit[1]
        return found

    def verdict(self, v: Verdict) -> Verdict:
        if not self.versions:
            return v
        pub, now = self.assessment(v.at_publication), self.assessment(v.now)
        return v if pub is v.at_publication and now is v.now else evolve(
            v, at_publication=pub, now=now)


def stamp_versions(verdicts: list[Verdict], reference: Any) -> list[Verdict]:
    stamper = Stamper(reference)
    if not stamper.versions:
        return verdicts
    return [stamper.verdict(v) for v in verdicts]
