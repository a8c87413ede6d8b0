"""Markdown and HTML views of a sheet, with numbered footnote citations (Jinja2 templates).

Every sentence is followed by the numbers of its sources; the notes at the end give each
source's name, record, snapshot and citation. HTML is autoescaped throughout.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .formatting import date

if TYPE_CHECKING:
    import jinja2

    from .sheet import Change, Sheet, SourceRef


@lru_cache(maxsize=2)
def _env(kind: str) -> jinja2.Environment:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("factsheet.render", "templates"),
        autoescape=kind == "html",
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


def template_context(sheet: Sheet, changes: Iterable[Change] | None = None) -> dict[str, Any]:
    """The sheet as the Markdown and HTML templates (and the web pages) use it.

    Keys: ``sheet`` (the Sheet), ``date_text`` ("July 28, 2016"), ``intro`` and ``sections``
    (``{"key", "heading", "paragraphs"}``; a paragraph is a list of ``{"text", "origin",
    "notes"}`` sentences, ``notes`` the footnote numbers of its sources), ``notes`` (one per
    source, numbered in first-use order: ``{"n", "label", "prefix", "source", "record",
    "snapshot", "citation", "url"}``, the citation without a repeat of the source's name) and
    ``changes`` (``Change.to_json()`` of each change given, in the order given; empty without an
    update).
    """
    context = _context(sheet)
    context["changes"] = [c.to_json() for c in changes or ()]
    return context


def _context(sheet: Sheet) -> dict[str, Any]:
    """The sheet as plain data, each sentence with its footnote numbers."""
    notes: list[SourceRef] = []
    index: dict[tuple[str, str | None, str | None], int] = {}

    def numbers(sentence: Any) -> list[int]:
        out = []
        for ref in sentence.all_sources():
            key = ref.note_key
            if key in index and index[key] in out:
                continue
            if key not in index:
                notes.append(ref)
                index[key] = len(notes)
            out.append(index[key])
        return out

    def paragraphs(items: Any) -> list[list[dict[str, Any]]]:
        return [
            [{"text": s.text, "origin": s.origin, "notes": numbers(s)} for s in p.sentences]
            for p in items
        ]

    intro = paragraphs(sheet.intro)
    sections = [
        {"key": sec.key, "heading": sec.heading, "paragraphs": paragraphs(sec.paragraphs)}
        for sec in sheet.sections
    ]
    return {
        "sheet": sheet,
        "date_text": date(sheet.date),
        "intro": intro,
        "sections": sections,
        "notes": [
            {"n": n, "label": ref.label(), "prefix": ref.prefix(), "source": ref.source, "record": ref.record,
             "snapshot": ref.snapshot, "citation": ref.detail(),
             "url": ref.detail() if (ref.detail() or "").startswith(("http://", "https://")) else None}
            for n, ref in enumerate(notes, start=1)
        ],
    }


def _md_escape(text: str) -> str:
    """Keep prose literal in Markdown: escape the characters that would start markup."""
    out = text.replace("\\", "\\\\")
    for ch in ("*", "_", "[", "]", "`", "<", ">"):
        out = out.replace(ch, "\\" + ch)
    return out


def _md_note(note: dict[str, Any]) -> str:
    text = _md_escape(note["prefix"])
    if note["url"]:
        return f"{text}: <{note['url']}>"
    if note["citation"] and note["source"] != "edition":
        return f"{text}: {_md_escape(note['citation'])}"
    return text


def to_markdown(sheet: Sheet) -> str:
    env = _env("markdown")
    env.filters["md"] = _md_escape
    env.filters["md_note"] = _md_note
    return env.get_template("sheet.md.j2").render(**_context(sheet))


def to_html(sheet: Sheet) -> str:
    return _env("html").get_template("sheet.html.j2").render(**_context(sheet))
