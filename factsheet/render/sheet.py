"""The written sheet: sections of paragraphs of sentences, each sentence with what it states.

A ``SentenceOut`` keeps, beside its text, the claims it states (``{"type", "fields"}`` in the
CLAIMS.md vocabulary: what an extractor should read back from it), the reference facts behind it
and their sources. Sentences carried over unchanged from an earlier edition cite that edition.
Text, Markdown, HTML and JSON are views of the same value; Markdown and HTML number the sources
as footnotes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from ..model import Fact

Origin = Literal["reference", "carried", "boilerplate"]

_SOURCE_NAMES = {
    "factbook": "CIA World Factbook",
    "pocom": "Office of the Historian, Principal Officers and Chiefs of Mission",
    "rdcr": "Office of the Historian, Guide to Recognition, Diplomatic, and Consular Relations",
    "gsh": "Office of the Historian, Countries and Territories (gsh)",
    "agreements": "J. Hollway, manytrade, 2021",
    "visits": "Office of the Historian, Visits by Foreign Leaders",
    "user_trade": "Imported trade figures",
}


@dataclass(frozen=True)
class SourceRef:
    """Where a sentence's content comes from: one reference record, or an earlier edition."""

    source: str
    record: str | None = None
    citation: str | None = None
    snapshot: str | None = None

    @classmethod
    def of(cls, fact: Fact) -> SourceRef:
        return cls(fact.source, fact.record, fact.citation, fact.observed)

    @property
    def note_key(self) -> tuple[str, str | None, str | None]:
        """Footnotes group records that share a citation (one Factbook page, many entries)."""
        return (self.source, self.citation or self.record, self.snapshot)

    def label(self) -> str:
        """One footnote's text."""
        prefix, detail = self.prefix(), self.detail()
        if self.source == "edition" or not detail:
            return prefix
        return f"{prefix}: {detail}"

    def detail(self) -> str | None:
        """The citation as a footnote adds it after ``prefix()``: without the source's name when
        it repeats it ("CIA World Factbook 1990" says no more than "CIA World Factbook, as of
        1990-12-31"; "J. Hollway, manytrade, 2021; https://…" → the URL)."""
        name = _SOURCE_NAMES.get(self.source)
        if not self.citation or not name or not self.citation.startswith(name):
            return self.citation
        rest = self.citation[len(name):].strip(" ,;:")
        return None if not rest or rest.isdigit() else rest

    def prefix(self) -> str:
        """The footnote's text without its citation."""
        if self.source == "edition":
            when = f"the {self.snapshot} edition" if self.snapshot else "an earlier edition"
            where = f" ({self.citation})" if self.citation else ""
            return f"Carried over unchanged from {when} of this sheet{where}; not checked against the sources."
        parts = [_SOURCE_NAMES.get(self.source, self.source)]
        if self.record and not self.citation:
            parts.append(f"record {self.record}")
        if self.snapshot:
            parts.append(f"as of {self.snapshot}")
        return ", ".join(parts)

    def to_json(self) -> dict[str, Any]:
        return {"source": self.source, "record": self.record, "citation": self.citation, "snapshot": self.snapshot}


@dataclass(frozen=True)
class SentenceOut:
    text: str
    claims: tuple[dict[str, Any], ...] = ()  # {"type": …, "fields": {…}} as CLAIMS.md
    facts: tuple[Fact, ...] = ()
    origin: Origin = "reference"
    sources: tuple[SourceRef, ...] = ()
    base_claims: tuple[int, ...] = ()  # ids of the base edition's claims it carries over

    def all_sources(self) -> tuple[SourceRef, ...]:
        """Its sources, those of its facts first, without repeats."""
        seen: dict[tuple[str, str | None, str | None], SourceRef] = {}
        for ref in (*(SourceRef.of(f) for f in self.facts), *self.sources):
            seen.setdefault((ref.source, ref.record, ref.snapshot), ref)
        return tuple(seen.values())

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "text": self.text,
            "origin": self.origin,
            "claims": [dict(c) for c in self.claims],
            "facts": [f.to_json() for f in self.facts],
            "sources": [s.to_json() for s in self.all_sources()],
        }
        if self.base_claims:
            out["base_claims"] = list(self.base_claims)
        return out


@dataclass(frozen=True)
class Paragraph:
    sentences: tuple[SentenceOut, ...]

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)


@dataclass(frozen=True)
class SheetSection:
    key: str  # relations | today | economic | membership | representation | other
    heading: str
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Sheet:
    country: str
    name: str  # the country as the genre names it ("Peru", "the Philippines")
    title: str
    bureau: str | None
    date: str  # ISO: the sheet's date (the as-of date)
    covered_to: str  # ISO: the date the facts are stated for (the as-of date, or the horizon)
    intro: tuple[Paragraph, ...] = ()
    sections: tuple[SheetSection, ...] = ()
    closing: str | None = None
    links: tuple[str, ...] = ()
    horizon: str | None = None
    base: dict[str, Any] | None = field(default=None)  # the edition it was updated from

    # -- views ---------------------------------------------------------------------------------
    def sentences(self) -> list[SentenceOut]:
        out = [s for p in self.intro for s in p.sentences]
        out += [s for sec in self.sections for p in sec.paragraphs for s in p.sentences]
        return out

    def claims(self) -> list[dict[str, Any]]:
        """Every claim the sheet states, in reading order."""
        return [c for s in self.sentences() for c in s.claims]

    def to_text(self) -> str:
        from .text import to_text

        return to_text(self)

    def to_markdown(self) -> str:
        from .markup import to_markdown

        return to_markdown(self)

    def to_html(self) -> str:
        from .markup import to_html

        return to_html(self)

    def to_json(self) -> dict[str, Any]:
        return {
            "country": self.country,
            "title": self.title,
            "bureau": self.bureau,
            "kind": "fact_sheet",
            "date": self.date,
            "covered_to": self.covered_to,
            "horizon": self.horizon,
            "base": self.base,
            "intro": [[s.to_json() for s in p.sentences] for p in self.intro],
            "sections": [
                {
                    "key": sec.key,
                    "heading": sec.heading,
                    "paragraphs": [[s.to_json() for s in p.sentences] for p in sec.paragraphs],
                }
                for sec in self.sections
            ],
            "closing": self.closing,
            "links": list(self.links),
            "text": self.to_text(),
        }

    def render(self, fmt: str) -> str:
        """The sheet in one of text | markdown | html | json (json as a string)."""
        if fmt == "text":
            return self.to_text()
        if fmt == "markdown":
            return self.to_markdown()
        if fmt == "html":
            return self.to_html()
        if fmt == "json":
            import json

            return json.dumps(self.to_json(), ensure_ascii=False, indent=2)
        raise ValueError(f"unknown format {fmt!r}")


@dataclass(frozen=True)
class Change:
    """One entry of an update's change list (``factsheet.render.update``): what became of a claim
    of the old edition, or a fact the new sheet adds."""

    kind: str
    label: str
    old: str | None = None
    new: str | None = None
    claims: tuple[int, ...] = ()  # ids of the old edition's claims
    code: str | None = None  # the verdict's code, when checked
    note: str | None = None

    def to_text(self) -> str:
        if self.kind in ("corrected", "updated"):
            return f"{self.label}: {self.old} → {self.new}"
        if self.kind == "added":
            return f"{self.label}: {self.new} (added)"
        if self.kind == "removed":
            return f"{self.label}: {self.old} (removed{'; ' + self.note if self.note else ''})"
        if self.kind == "carried":
            return f"{self.label}: {self.old} (carried over unchanged; {self.note or 'not checked'})"
        if self.kind == "not_carried":
            return f"{self.label}: {self.old} (not carried over: {self.note})"
        return f"{self.label}: {self.old} (unchanged)"

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "label": self.label, "old": self.old, "new": self.new,
            "claims": list(self.claims), "code": self.code, "note": self.note, "text": self.to_text(),
        }
