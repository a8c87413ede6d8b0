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


def stamp_versions(verdicts: list[Verdict], reference: Any) -> list[Verdict]:
    versions = source_versions(reference)
    if not versions:
        return verdicts
    # verdicts of repeated claims share their assessments and evidence: each is stamped once
    done: dict[int, Any] = {}

    def evidence(e: Evidence) -> Evidence:
        if e.version is not None or e.source not in versions:
            return e
        found: Evidence | None = done.get(id(e))
        if found is None:
            found = done[id(e)] = evolve(e, version=versions[e.source])
        return found

    def assessment(a: Assessment) -> Assessment:
        if not a.evidence:
            return a
        found: Assessment | None = done.get(id(a))
        if found is None:
            stamped = tuple([evidence(e) for e in a.evidence])
            changed = not all(map(is_, stamped, a.evidence))
            found = done[id(a)] = evolve(a, evidence=stamped) if changed else a
        return found

    out = []
    for v in verdicts:
        pub, now = assessment(v.at_publication), assessment(v.now)
        out.append(v if pub is v.at_publication and now is v.now
                   else evolve(v, at_publication=pub, now=now))
    return out
