"""Presentation only: one status per claim for colouring, and the sheet text cut into marked runs.

A claim has two verdicts (at publication, now); a page needs one colour and one label. The status
is the most telling of the two: a claim wrong when written is ``contradicted`` whatever it is now;
a claim right then but not now is ``outdated``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import Document

#: status → (label, what it means); the order is the legend's and the severity's (worst first).
STATUSES: dict[str, tuple[str, str]] = {
    "contradicted": ("Contradicted", "a source said otherwise when the sheet was published"),
    "inconsistent": ("Inconsistent", "the sheet (or another edition) says something that cannot also be true"),
    "outdated": ("Outdated", "right when published, no longer right"),
    "unverifiable": ("Unverifiable", "no source covers this claim or date"),
    "supported": ("Supported", "a source agrees"),
}
_SEVERITY = {name: rank for rank, name in enumerate(STATUSES)}


def as_json(value: Any) -> Any:
    """A model object (or a list of them) as its contract JSON; JSON stays as it is."""
    if isinstance(value, list | tuple):
        return [as_json(v) for v in value]
    to_json = getattr(value, "to_json", None)
    return to_json() if callable(to_json) else value


def status_of(verdict: dict[str, Any] | None) -> str:
    if not verdict:
        return "unverifiable"
    then = (verdict.get("at_publication") or {}).get("verdict")
    now = (verdict.get("now") or {}).get("verdict")
    if then == "inconsistent":
        return "inconsistent"
    if then == "contradicted" or now == "contradicted":
        return "contradicted"
    if now == "outdated":
        return "outdated"
    if then == "supported":
        return "supported"
    return "unverifiable"


def count_statuses(verdicts: list[dict[str, Any]]) -> dict[str, int]:
    counts = dict.fromkeys(STATUSES, 0)
    for verdict in verdicts:
        counts[status_of(verdict)] += 1
    return counts


@dataclass
class ClaimView:
    index: int
    claim: dict[str, Any]
    verdict: dict[str, Any] | None
    status: str

    @property
    def label(self) -> str:
        return STATUSES[self.status][0]


@dataclass
class Run:
    """A stretch of one block's text; ``claims`` is empty for plain text."""

    text: str
    claims: list[ClaimView] = field(default_factory=list)

    @property
    def status(self) -> str:
        return min((c.status for c in self.claims), key=_SEVERITY.__getitem__, default="supported")

    @property
    def statuses(self) -> list[str]:
        seen: list[str] = []
        for c in sorted(self.claims, key=lambda c: _SEVERITY[c.status]):
            if c.status not in seen:
                seen.append(c.status)
        return seen


@dataclass
class BlockView:
    kind: str  # header | heading | paragraph | link | text
    runs: list[Run]


def claim_views(claims: list[dict[str, Any]], verdicts: list[dict[str, Any]]) -> list[ClaimView]:
    by_claim = {v.get("claim"): v for v in verdicts if isinstance(v, dict)}
    views = []
    for index, claim in enumerate(claims):
        verdict = by_claim.get(index)
        views.append(ClaimView(index, claim, verdict, status_of(verdict)))
    return views


def _runs(text: str, start: int, end: int, views: list[ClaimView]) -> list[Run]:
    """Cut ``text[start:end]`` into plain runs and marked runs; overlapping claims share a run."""
    inside = sorted(
        (v for v in views if v.claim["span"][0] < end and v.claim["span"][1] > start),
        key=lambda v: (v.claim["span"][0], -v.claim["span"][1]),
    )
    runs: list[Run] = []
    pos = start
    cluster: list[ClaimView] = []
    c_start = c_end = start
    for view in inside:
        s, e = max(view.claim["span"][0], start), min(view.claim["span"][1], end)
        if cluster and s < c_end:
            cluster.append(view)
            c_end = max(c_end, e)
            continue
        if cluster:
            runs.append(Run(text[c_start:c_end], cluster))
            pos = c_end
        if s > pos:
            runs.append(Run(text[pos:s]))
        cluster, c_start, c_end = [view], s, e
    if cluster:
        runs.append(Run(text[c_start:c_end], cluster))
        pos = c_end
    if pos < end:
        runs.append(Run(text[pos:end]))
    return runs


def sheet_blocks(document: Document, views: list[ClaimView]) -> list[BlockView]:
    """The sheet as blocks of runs, ready for the template (which escapes every run)."""
    text = document.text
    usable = [v for v in views if _valid_span(v.claim, len(text))]
    if not document.blocks:
        return [BlockView("text", _runs(text, 0, len(text), usable))]
    return [BlockView(b.kind, _runs(text, b.start, b.end, usable)) for b in document.blocks]


def _valid_span(claim: dict[str, Any], length: int) -> bool:
    span = claim.get("span")
    return isinstance(span, list | tuple) and len(span) == 2 and 0 <= span[0] < span[1] <= length


def check_json(checked: Any, reference: Any) -> dict[str, Any]:
    """The body of ``POST /api/check``: the document, claims, verdicts, date, horizon, summary."""
    if reference is None:
        from ..reference import load_reference

        reference = load_reference()
    verdicts = as_json(checked.verdicts)
    horizon = reference.horizon()
    return {
        "document": checked.document.to_json(),
        "claims": as_json(checked.claims),
        "verdicts": verdicts,
        "as_of": checked.as_of.isoformat(),
        "horizon": horizon,
        "summary": count_statuses(verdicts),
    }
