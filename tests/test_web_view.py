"""Cutting a sheet into marked runs, and the one status a claim is coloured by."""

from __future__ import annotations

from typing import Any

from factsheet.model import Block, Document
from factsheet.web.view import claim_views, count_statuses, sheet_blocks, status_of


def verdict(index: int, then: str, now: str) -> dict[str, Any]:
    return {"claim": index, "at_publication": {"verdict": then}, "now": {"verdict": now}}


def claim(text: str, quote: str, start_at: int = 0) -> dict[str, Any]:
    start = text.index(quote, start_at)
    return {"type": "t", "span": [start, start + len(quote)], "quote": quote}


def test_status_prefers_what_was_wrong_when_written() -> None:
    assert status_of(verdict(0, "contradicted", "contradicted")) == "contradicted"
    assert status_of(verdict(0, "supported", "outdated")) == "outdated"
    assert status_of(verdict(0, "inconsistent", "unknown")) == "inconsistent"
    assert status_of(verdict(0, "supported", "current")) == "supported"
    assert status_of(verdict(0, "unverifiable", "unknown")) == "unverifiable"
    assert status_of(None) == "unverifiable"
    assert count_statuses([verdict(0, "supported", "current"), verdict(1, "supported", "outdated")]) == {
        "contradicted": 0, "inconsistent": 0, "outdated": 1, "unverifiable": 0, "supported": 1}


def test_runs_cover_the_text_exactly_and_merge_overlaps() -> None:
    text = "Title\nTrade was $9 billion in 2009 and $14 billion in 2015. Done."
    doc = Document(text=text, sha256="x", blocks=(Block("header", 0, 5), Block("paragraph", 6, len(text))))
    claims = [claim(text, "$9 billion in 2009"), claim(text, "$14 billion in 2015"),
              claim(text, "Trade was $9 billion")]  # overlaps the first
    views = claim_views(claims, [verdict(0, "supported", "current"), verdict(1, "contradicted", "contradicted")])
    blocks = sheet_blocks(doc, views)
    assert [b.kind for b in blocks] == ["header", "paragraph"]
    runs = blocks[1].runs
    assert "".join(r.text for r in runs) == text[6:]
    marked = [(r.text, [c.index for c in r.claims], r.status) for r in runs if r.claims]
    assert marked == [
        ("Trade was $9 billion in 2009", [2, 0], "unverifiable"),  # the worse of the two
        ("$14 billion in 2015", [1], "contradicted"),
    ]
    # claim 2 has no verdict: unverifiable; the run's statuses list it after the worse ones
    assert runs[0].statuses == ["unverifiable", "supported"]


def test_spans_outside_the_text_are_ignored() -> None:
    text = "Short sheet."
    doc = Document(text=text, sha256="x")
    views = claim_views([{"type": "t", "span": [5, 500], "quote": "?"}, {"type": "t", "span": None}], [])
    blocks = sheet_blocks(doc, views)
    assert [(r.text, r.claims) for r in blocks[0].runs] == [(text, [])]
