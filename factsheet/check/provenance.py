"""Provenance: every piece of evidence names the version of the source it came from.

The reference knows each source's upstream version (``SourceInfo.version``: repository and
commit, or the date a query answer was fetched); a verdict's evidence gets it here, once, after
the checkers ran, so the checkers themselves need not carry it. A reference without per-source
information (an in-memory one in tests) leaves evidence as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from ..model import Assessment, Evidence, Verdict


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


def _stamp(evidence: Sequence[Evidence], versions: dict[str, str]) -> tuple[Evidence, ...]:
    return tuple(replace(e, version=versions[e.source]) if e.version is None and e.source in versions else e
                 for e in evidence)


def _assessment(a: Assessment, versions: dict[str, str]) -> Assessment:
    return replace(a, evidence=_stamp(a.evidence, versions)) if a.evidence else a


def stamp_versions(verdicts: list[Verdict], reference: Any) -> list[Verdict]:
    versions = source_versions(reference)
    if not versions:
        return verdicts
    return [replace(v, at_publication=_assessment(v.at_publication, versions), now=_assessment(v.now, versions))
            for v in verdicts]
