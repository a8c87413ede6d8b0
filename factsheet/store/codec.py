"""Model values ↔ table rows: what the store writes, and how it rebuilds Documents and Verdicts."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..dates import lower_bound, upper_bound
from ..errors import StoreError
from ..model import (
    Assessment,
    Block,
    Claim,
    Document,
    Evidence,
    PublishedRange,
    Section,
    Sentence,
    Verdict,
)


def dumps(value: Any) -> str:
    """Compact, stable JSON (sorted keys: equal values give equal text)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True, default=str)


@dataclass(frozen=True)
class Encoded:
    """A document, its claims and verdicts as table rows (built in the worker process, so the
    single writer only executes inserts). Row dicts lack the ids the writer assigns."""

    sha256: str
    source: str | None
    country: str | None
    published: str | None
    document: dict[str, Any]
    claims: list[tuple[Any, ...]]
    verdicts: list[tuple[Any, ...]] | None  # None: not checked
    check_date: str | None = None
    reference: Any = None  # pipeline.ReferenceStamp


def published_on(published: str | None) -> str | None:
    """The first day a publication date of any precision can mean, as YYYY-MM-DD."""
    if not published:
        return None
    try:
        return lower_bound(published).isoformat()
    except (ValueError, IndexError):
        return None


def validate_verdicts(name: str, n_claims: int, items: tuple[Verdict, ...] | list[Verdict]) -> None:
    """One verdict per claim, each naming a claim of this document."""
    if len(items) != n_claims:
        raise StoreError(
            f"{name}: {len(items)} verdicts for {n_claims} claims; the checker must give one "
            "verdict per claim."
        )
    if sorted(v.claim for v in items) != list(range(n_claims)):
        bad = sorted({v.claim for v in items} - set(range(n_claims)))
        raise StoreError(f"{name}: verdict for claim {bad[0] if bad else '?'}, which the document "
                         "does not have (or two verdicts for one claim).")


def encode(
    doc: Document,
    claims: tuple[Claim, ...] | list[Claim],
    verdicts: tuple[Verdict, ...] | list[Verdict] | None,
    check_date: str | None,
    reference: Any,
) -> Encoded:
    if verdicts is not None:
        validate_verdicts(doc.source or doc.sha256[:12], len(claims), verdicts)
    row = {
        "sha256": doc.sha256,
        "source": doc.source,
        "title": doc.title,
        "country": doc.country,
        "bureau": doc.bureau,
        "kind": doc.kind,
        "published": doc.published,
        "published_on": published_on(doc.published),
        "media_type": doc.media_type,
        "encoding": doc.encoding,
        "size": doc.size,
        "text": doc.text,
        "structure": encode_structure(doc),
        "n_claims": len(claims),
        "published_earliest": doc.published_range.earliest,
        "published_latest": doc.published_range.latest,
        "published_basis": doc.published_range.basis,
        "published_note": doc.published_range.note,
    }
    return Encoded(
        doc.sha256, doc.source, doc.country, doc.published, row,
        [claim_row(i, c) for i, c in enumerate(claims)],
        None if verdicts is None else [verdict_row(v) for v in verdicts],
        check_date, reference,
    )


def encode_structure(doc: Document) -> str:
    """Sections, blocks, sentences and links as compact arrays; section names by index."""
    names: list[str] = []
    index: dict[str, int] = {}

    def ref(name: str | None) -> int | None:
        if name is None:
            return None
        if name not in index:
            index[name] = len(names)
            names.append(name)
        return index[name]

    return dumps(
        {
            "v": 1,
            "names": names,
            "sections": [[ref(s.heading), s.start, s.end, s.body_start] for s in doc.sections],
            "blocks": [[b.kind, b.start, b.end, ref(b.section)] for b in doc.blocks],
            "sentences": [[s.start, s.end, s.block, ref(s.section)] for s in doc.sentences],
            "links": list(doc.links),
        }
    )


def decode_document(row: Any) -> Document:
    """A ``documents`` row → the Document the reader produced (structure included)."""
    data = json.loads(row.structure)
    names: list[str] = data["names"]

    def name(i: int | None) -> str | None:
        return None if i is None else names[i]

    return Document(
        text=row.text,
        sha256=row.sha256,
        title=row.title,
        country=row.country,
        bureau=row.bureau,
        kind=row.kind,
        published=row.published,
        sections=tuple(Section(names[h], s, e, b) for h, s, e, b in data["sections"]),
        blocks=tuple(Block(k, s, e, name(n)) for k, s, e, n in data["blocks"]),
        sentences=tuple(Sentence(s, e, b, name(n)) for s, e, b, n in data["sentences"]),
        links=tuple(data["links"]),
        source=row.source,
        media_type=row.media_type,
        encoding=row.encoding,
        size=row.size,
        published_range=_published_range(row),
    )


def _published_range(row: Any) -> PublishedRange:
    basis = getattr(row, "published_basis", None)
    if basis:
        return PublishedRange(row.published_earliest, row.published_latest, basis,
                              row.published_note)
    if row.published:  # stored before migration 5: the stated date is the range
        return PublishedRange(lower_bound(row.published).isoformat(),
                              upper_bound(row.published).isoformat(), "stated")
    return PublishedRange()


#: Column order of the rows ``claim_row`` and ``verdict_row`` give (after the id the writer adds).
CLAIM_COLUMNS = ("document_id", "idx", "type", "country", "fields", "span_start", "span_end", "quote",
                 "section", "confidence", "rule")
VERDICT_COLUMNS = ("check_id", "claim_idx", "at_publication", "now", "code", "message", "current",
                   "horizon", "body")


def claim_row(idx: int, claim: Claim) -> tuple[Any, ...]:
    """A claims row without its document_id, in CLAIM_COLUMNS order."""
    return (idx, claim.type, claim.country, dumps(claim.fields), claim.span[0], claim.span[1], claim.quote,
            claim.section, float(claim.confidence), claim.rule)


def decode_claim(row: Any) -> Claim:
    return Claim(
        type=row.type,
        country=row.country,
        fields=json.loads(row.fields),
        span=(row.span_start, row.span_end),
        quote=row.quote,
        section=row.section,
        confidence=row.confidence,
        rule=row.rule,
    )


def verdict_row(verdict: Verdict) -> tuple[Any, ...]:
    """A verdicts row without its check_id, in VERDICT_COLUMNS order."""
    return (verdict.claim, verdict.at_publication.verdict, verdict.now.verdict, verdict.code, verdict.message,
            verdict.now.current, verdict.now.horizon, dumps(verdict.to_json()))


def evidence_from_json(data: dict[str, Any]) -> Evidence:
    return Evidence(
        source=data["source"],
        value=data.get("value", ""),
        record=data.get("record"),
        snapshot=data.get("snapshot"),
        citation=data.get("citation"),
        claim=data.get("claim"),
        version=data.get("version"),
    )


def assessment_from_json(data: dict[str, Any]) -> Assessment:
    return Assessment(
        date=data["date"],
        verdict=data["verdict"],
        evidence=tuple(evidence_from_json(e) for e in data.get("evidence", ())),
        current=data.get("current"),
        horizon=data.get("horizon"),
        reason=data.get("reason"),
    )


def verdict_from_json(data: dict[str, Any]) -> Verdict:
    """The inverse of ``Verdict.to_json()`` (model.py has no from_json for verdicts)."""
    return Verdict(
        claim=int(data["claim"]),
        at_publication=assessment_from_json(data["at_publication"]),
        now=assessment_from_json(data["now"]),
        code=data["code"],
        message=data["message"],
        findings=tuple(data.get("findings", ())),
    )


def summarize(claim_type: str, fields: dict[str, Any]) -> str:
    """A short human value for a claim, for history tables ("Ambassador Brian A. Nichols")."""
    f = fields
    if claim_type in ("ambassador", "leader"):
        who = " ".join(str(x) for x in (f.get("title"), f.get("name")) if x)
        return who or "—"
    if claim_type in ("trade", "investment"):
        value = f.get("value_usd")
        money = f"${value / 1e9:,.2f} billion" if isinstance(value, int | float) and value >= 1e8 else (
            f"${value:,.0f}" if isinstance(value, int | float) else "?"
        )
        label = f.get("flow") or f.get("direction") or ""
        return f"{label} {money} ({f.get('year', '?')})".strip()
    if claim_type == "membership":
        return f"{f.get('organization')} ({f.get('status', 'member')})"
    if claim_type == "agreement":
        when = f.get("date") or f.get("year")
        return f"{f.get('short_name') or f.get('name')} {f.get('event')} {when or ''}".strip()
    if claim_type == "embassy":
        return ", ".join(str(x) for x in (f.get("address"), f.get("city"), f.get("phone")) if x) or str(
            f.get("kind")
        )
    if claim_type == "independence":
        when = f.get("date") or f.get("year")
        return " ".join(str(x) for x in (f"from {f['from']}" if f.get("from") else None, when) if x) or "—"
    if claim_type.startswith("relations."):
        return str(f.get("date") or f.get("year") or f.get("note") or "—")
    return ", ".join(f"{k}={v}" for k, v in sorted(f.items()))[:80]
