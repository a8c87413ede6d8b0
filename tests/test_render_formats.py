"""Markdown and HTML views carry footnote citations; HTML escapes everything; JSON is complete."""

from __future__ import annotations

import json
from dataclasses import replace
from html.parser import HTMLParser

from test_render_fakes import FakeReference, peru_edition

from factsheet.model import Fact
from factsheet.render import SentenceOut, render_sheet
from factsheet.render.sheet import Paragraph


def test_markdown_footnotes() -> None:
    md = render_sheet("PE", "2026-11-27", FakeReference()).to_markdown()
    assert md.startswith("# U.S. Relations With Peru\n")
    assert "## Bilateral Representation" in md
    assert "in 1827, following its independence from Spain in 1821.[^1][^2]" in md
    assert "\n[^1]: Office of the Historian" in md
    notes = md.split("## Sources", 1)[1]
    # every footnote used is defined, and the reverse
    import re

    used = set(re.findall(r"\[\^(\d+)\](?!:)", md.split("## Sources")[0]))
    defined = set(re.findall(r"^\[\^(\d+)\]:", notes, re.M))
    assert used == defined and used


class _Texts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)


def test_html_escapes_everything() -> None:
    sheet = render_sheet("PE", "2026-11-27", FakeReference())
    evil = SentenceOut('<script>alert("x")</script> & more', origin="carried",
                       facts=(Fact("factbook", "r", "PE", "p", {}, citation='javascript:alert(1)"><b>'),))
    first = sheet.sections[0]
    sheet = replace(sheet, sections=(replace(first, paragraphs=(*first.paragraphs, Paragraph((evil,)))),
                                     *sheet.sections[1:]), links=("<img src=x onerror=alert(1)>",))
    html = sheet.to_html()
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; more" in html
    assert 'href="javascript' not in html
    parser = _Texts()
    parser.feed(html)
    assert "script" not in parser.tags and "sup" in parser.tags
    md = sheet.to_markdown()
    assert "\\<script\\>" in md


def test_json_has_every_sentence_with_facts_and_sources() -> None:
    doc, claims, verdicts = peru_edition()
    sheet = render_sheet("PE", "2026-11-27", FakeReference(), base=(doc, claims, verdicts))
    data = json.loads(sheet.render("json"))
    sentences = [s for sec in data["sections"] for p in sec["paragraphs"] for s in p]
    assert len(sentences) == len([s for s in sheet.sentences() if s.origin != "boilerplate"])
    for s in sentences:
        assert s["sources"], s["text"]
        for src in s["sources"]:
            assert set(src) == {"source", "record", "citation", "snapshot"}
        if s["origin"] == "reference":
            assert s["facts"] and s["claims"]
        else:
            assert s["sources"][0]["source"] == "edition" and s["base_claims"]
    assert data["base"]["published"] == "2016-03-03"
    assert data["text"] == sheet.to_text()


def test_template_context_numbers_notes_and_lists_changes() -> None:
    from test_render_update import _update

    from factsheet.render import template_context

    result = _update()
    ctx = template_context(result.sheet, result.changes)
    assert ctx["sheet"] is result.sheet and ctx["date_text"] == "November 27, 2026"
    sentences = [s for sec in ctx["sections"] for p in sec["paragraphs"] for s in p]
    used = {n for s in sentences for n in s["notes"]}
    assert used == {n["n"] for n in ctx["notes"]} and min(used) == 1
    assert [c["text"] for c in ctx["changes"]] == [c.to_text() for c in result.changes]
    assert template_context(result.sheet)["changes"] == []


def test_footnotes_do_not_repeat_the_source_name() -> None:
    from factsheet.render import SourceRef

    assert SourceRef("factbook", "r", "CIA World Factbook 1990", "1990-12-31").label() == (
        "CIA World Factbook, as of 1990-12-31")
    assert SourceRef("agreements", "x", "J. Hollway, manytrade, 2021; https://example.org/a.pdf").label() == (
        "J. Hollway, manytrade, 2021: https://example.org/a.pdf")
    assert SourceRef("rdcr", "pe", "https://history.state.gov/countries/peru").detail() == (
        "https://history.state.gov/countries/peru")
