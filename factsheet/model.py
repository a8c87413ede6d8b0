"""The plain values every stage passes along (see ../shared/design/CLAIMS.md).

All are frozen dataclasses; ``to_json()`` gives exactly the contract's JSON shape. Offsets are
code-point indices into ``Document.text``, the normalized text of the sheet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Kind = Literal["fact_sheet", "background_note", "unknown"]

#: Claims below this confidence are still reported, but marked ``low_confidence``.
LOW_CONFIDENCE = 0.5


def date_precision(value: str | None) -> Literal["day", "month", "year"] | None:
    """The precision an ISO date string carries: ``2016`` year, ``2016-07`` month, else day."""
    if not value:
        return None
    return {4: "year", 7: "month"}.get(len(value), "day")  # type: ignore[return-value]


@dataclass(frozen=True, slots=True)
class Section:
    """A titled part of the sheet: ``text[start:end]`` begins with the heading line."""

    heading: str
    start: int
    end: int
    body_start: int

    def to_json(self) -> dict[str, Any]:
        return {"heading": self.heading, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph, heading, header line or closing link: one run of text between line breaks."""

    kind: Literal["header", "heading", "paragraph", "link"]
    start: int
    end: int
    section: str | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    block: int  # index into Document.blocks
    section: str | None = None


Basis = Literal["stated", "given", "html_meta", "archive_url", "text_lower_bound", "unknown"]


@dataclass(frozen=True, slots=True)
class PublishedRange:
    """When the sheet was published: a range of days and how it is known (CLAIMS.md).

    ``latest`` None means "not after the check date" (an undated page read today); ``note``
    says what the range was inferred from, in words.
    """

    earliest: str | None = None
    latest: str | None = None
    basis: Basis = "unknown"
    note: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"earliest": self.earliest, "latest": self.latest, "basis": self.basis}
        if self.note:
            out["note"] = self.note
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> PublishedRange:
        if not data:
            return cls()
        return cls(earliest=data.get("earliest"), latest=data.get("latest"),
                   basis=data.get("basis") or "unknown", note=data.get("note"))

    def describe(self) -> str:
        """"2019-01-01 to 2026-11-27 (text_lower_bound: …)" for reports."""
        span = (self.earliest if self.earliest == self.latest
                else f"{self.earliest or 'unknown'} to {self.latest or 'the check date'}")
        return f"{span} ({self.basis}{': ' + self.note if self.note else ''})"


@dataclass(frozen=True, slots=True)
class Document:
    text: str
    sha256: str
    title: str | None = None
    country: str | None = None
    bureau: str | None = None
    kind: Kind = "unknown"
    published: str | None = None  # ISO date with only the precision the sheet gives
    sections: tuple[Section, ...] = ()
    blocks: tuple[Block, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    links: tuple[str, ...] = ()
    source: str | None = None  # path or URL it was read from, when known
    media_type: Literal["text", "html"] = "text"
    encoding: str = "utf-8"
    size: int = 0  # bytes read
    published_range: PublishedRange = PublishedRange()

    @property
    def published_precision(self) -> str | None:
        return date_precision(self.published)

    def section_at(self, offset: int) -> Section | None:
        for section in self.sections:
            if section.start <= offset < section.end:
                return section
        return None

    def to_json(self) -> dict[str, Any]:
        """The ``document`` object of CLAIMS.md."""
        return {
            "title": self.title,
            "country": self.country,
            "bureau": self.bureau,
            "kind": self.kind,
            "published": self.published,
            "published_range": self.published_range.to_json(),
            "sha256": self.sha256,
            "sections": [s.to_json() for s in self.sections],
            "links": list(self.links),
        }


@dataclass(frozen=True)
class Claim:
    """One checkable statement; ``text[span[0]:span[1]] == quote`` always."""

    type: str
    country: str | None
    fields: dict[str, Any]
    span: tuple[int, int]
    quote: str
    section: str | None = None
    confidence: float = 1.0
    rule: str | None = None  # id of the rule that produced it

    @property
    def low_confidence(self) -> bool:
        return self.confidence < LOW_CONFIDENCE

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "type": self.type,
            "country": self.country,
            "fields": dict(self.fields),
            "span": [self.span[0], self.span[1]],
            "quote": self.quote,
            "section": self.section,
            "confidence": round(self.confidence, 3),
        }
        if self.rule:
            out["rule"] = self.rule
        if self.low_confidence:
            out["low_confidence"] = True
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Claim:
        return cls(
            type=data["type"],
            country=data.get("country"),
            fields=dict(data.get("fields", {})),
            span=(int(data["span"][0]), int(data["span"][1])),
            quote=data["quote"],
            section=data.get("section"),
            confidence=float(data.get("confidence", 1.0)),
            rule=data.get("rule"),
        )


@dataclass(frozen=True)
class Fact:
    """One dated statement of a reference source.

    ``valid_from``/``valid_to`` are ISO dates (any precision) or None when open; ``observed`` is
    the snapshot or publication date the source stated it on.
    """

    source: str
    record: str
    country: str
    predicate: str
    value: Any
    valid_from: str | None = None
    valid_to: str | None = None
    observed: str | None = None
    citation: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "record": self.record,
            "country": self.country,
            "predicate": self.predicate,
            "value": self.value,
            "valid_from": self.valid_from,
            "valid_to": self.valid_to,
            "observed": self.observed,
            "citation": self.citation,
        }


@dataclass(frozen=True)
class Evidence:
    source: str
    value: str
    record: str | None = None
    snapshot: str | None = None
    citation: str | None = None
    claim: int | None = None  # for internal findings: the other claim involved
    version: str | None = None  # the source's upstream version ("HistoryAtState/pocom@44d2226df6b2")

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"source": self.source}
        for key in ("record", "snapshot", "claim"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        out["value"] = self.value
        if self.citation:
            out["citation"] = self.citation
        if self.version:
            out["version"] = self.version
        return out


@dataclass(frozen=True)
class Assessment:
    """The verdict on one date."""

    date: str
    verdict: str
    evidence: tuple[Evidence, ...] = ()
    current: str | None = None
    horizon: str | None = None
    reason: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"date": self.date, "verdict": self.verdict}
        if self.current is not None:
            out["current"] = self.current
        out["evidence"] = [e.to_json() for e in self.evidence]
        if self.horizon is not None:
            out["horizon"] = self.horizon
        if self.reason is not None:
            out["reason"] = self.reason
        return out


@dataclass(frozen=True)
class Verdict:
    claim: int
    at_publication: Assessment
    now: Assessment
    code: str
    message: str
    findings: tuple[str, ...] = field(default=())  # codes of internal findings, if any

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "claim": self.claim,
            "at_publication": self.at_publication.to_json(),
            "now": self.now.to_json(),
            "code": self.code,
            "message": self.message,
        }
        if self.findings:
            out["findings"] = list(self.findings)
        return out
