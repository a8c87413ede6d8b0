"""Edition against edition: claims added, removed and changed, with their verdicts.

Claims are matched by type and key fields (``claimtext.key``: the agreement and event, the
trade flow, scope and year, the organization, the side of an ambassador or embassy …); several
claims with one key pair up in text order. A matched pair whose content differs is "changed".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..model import Claim, Document, Verdict
from . import claimtext as ct
from . import formatting as fmt


@dataclass(frozen=True)
class DiffItem:
    status: str  # added | removed | changed | same
    type: str
    label: str
    old: str | None = None
    new: str | None = None
    old_claim: int | None = None
    new_claim: int | None = None
    old_verdict: str | None = None  # "supported/current" on the old edition's check
    new_verdict: str | None = None

    def to_text(self) -> str:
        def tag(v: str | None) -> str:
            return f" [{v}]" if v else ""

        if self.status == "added":
            return f"+ {self.label}: {self.new}{tag(self.new_verdict)}"
        if self.status == "removed":
            return f"- {self.label}: {self.old}{tag(self.old_verdict)}"
        if self.status == "changed":
            return f"~ {self.label}: {self.old}{tag(self.old_verdict)} → {self.new}{tag(self.new_verdict)}"
        return f"= {self.label}: {self.new}{tag(self.new_verdict)}"

    def to_json(self) -> dict[str, Any]:
        return {
            "status": self.status, "type": self.type, "label": self.label, "old": self.old, "new": self.new,
            "old_claim": self.old_claim, "new_claim": self.new_claim,
            "old_verdict": self.old_verdict, "new_verdict": self.new_verdict,
        }


@dataclass(frozen=True)
class Diff:
    old: dict[str, Any]
    new: dict[str, Any]
    items: tuple[DiffItem, ...] = field(default=())

    def of(self, status: str) -> list[DiffItem]:
        return [i for i in self.items if i.status == status]

    @property
    def counts(self) -> dict[str, int]:
        return {s: len(self.of(s)) for s in ("added", "removed", "changed", "same")}

    def to_text(self) -> str:
        def name(meta: dict[str, Any]) -> str:
            when = fmt.date(meta["published"]) if meta.get("published") else "undated"
            return f"{meta.get('title') or meta.get('source') or 'sheet'} ({when})"

        c = self.counts
        lines = [
            f"old: {name(self.old)}",
            f"new: {name(self.new)}",
            f"{c['added']} added, {c['removed']} removed, {c['changed']} changed, {c['same']} the same",
        ]
        for status in ("changed", "added", "removed"):
            lines += [item.to_text() for item in self.of(status)]
        return "\n".join(lines) + "\n"

    def to_json(self) -> dict[str, Any]:
        return {"old": self.old, "new": self.new, "counts": self.counts,
                "items": [i.to_json() for i in self.items]}


def _meta(document: Document) -> dict[str, Any]:
    return {"title": document.title, "country": document.country, "published": document.published,
            "sha256": document.sha256, "source": document.source}


def _verdict_text(v: Verdict | None) -> str | None:
    return f"{v.at_publication.verdict}/{v.now.verdict}" if v else None


def diff_claims(
    old: Document, old_claims: list[Claim], new: Document, new_claims: list[Claim],
    old_verdicts: list[Verdict] | None = None, new_verdicts: list[Verdict] | None = None,
) -> Diff:
    ov = {v.claim: v for v in old_verdicts or []}
    nv = {v.claim: v for v in new_verdicts or []}
    pool: dict[tuple[Any, ...], list[int]] = {}
    for j, claim in enumerate(new_claims):
        pool.setdefault(ct.key(claim.type, claim.fields), []).append(j)
    used: set[int] = set()
    items: list[DiffItem] = []
    for i, claim in enumerate(old_claims):
        k = ct.key(claim.type, claim.fields)
        free = [j for j in pool.get(k, []) if j not in used]
        label = ct.label(claim.type, claim.fields)
        old_text = ct.describe(claim.type, claim.fields)
        if not free:
            items.append(DiffItem("removed", claim.type, label, old_text, None, i, None, _verdict_text(ov.get(i))))
            continue
        # prefer a partner with the same content
        same = [j for j in free if ct.same_value(claim.type, claim.fields, new_claims[j].fields)]
        j = (same or free)[0]
        used.add(j)
        other = new_claims[j]
        status = "same" if same else "changed"
        items.append(DiffItem(status, claim.type, label, old_text, ct.describe(other.type, other.fields), i, j,
                              _verdict_text(ov.get(i)), _verdict_text(nv.get(j))))
    for j, claim in enumerate(new_claims):
        if j not in used:
            items.append(DiffItem("added", claim.type, ct.label(claim.type, claim.fields), None,
                                  ct.describe(claim.type, claim.fields), None, j, None, _verdict_text(nv.get(j))))
    return Diff(_meta(old), _meta(new), tuple(items))


def diff(old: Document, new: Document, *, reference: Any = None, as_of: dt.date | None = None,
         verdicts: bool = True) -> Diff:
    """Claims added, removed and changed from ``old`` to ``new`` (two editions of one country)."""
    from ..extract import extract

    old_claims, new_claims = extract(old), extract(new)
    old_v = new_v = None
    if verdicts:
        from ..check import check

        old_v = check(old, old_claims, reference, as_of=as_of)
        new_v = check(new, new_claims, reference, as_of=as_of)
    return diff_claims(old, old_claims, new, new_claims, old_v, new_v)
