"""Normalized text → header, blocks, sections, sentences and the closing link list.

Works line by line: every non-empty line is a block whose offsets point into the text. The
header is looked for among the first lines; headings are the genre's known ones or short,
title-like lines between paragraphs; the link list follows the closing "More information" line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..countries import to_iso2
from ..dates import DATE_PATTERN, from_match
from ..model import Block, Kind, Section, Sentence
from .sentences import split_sentences

_TITLE = re.compile(
    r"^(?:U\.\s?S\.|US|United States)\s*(?:Relations|Relationship)\s+[Ww]ith\s+(?P<country>.+?)\s*$"
)
_BG_NOTE = re.compile(
    r"^Background\s+Notes?\s*:\s*(?P<country>[^,]+?)(?:\s*,\s*(?P<date>.+?))?\s*$", re.I
)
_BUREAU = re.compile(r"^(?:Released\s+by\s+(?:the\s+)?)?(?P<bureau>Bureau\s+of\s+[^\n]+?)\s*$", re.I)
_FACT_SHEET = re.compile(r"^(?:Bilateral\s+Relations\s+)?Fact\s*Sheet\s*$", re.I)
_DATE_LINE = re.compile(rf"^\s*(?:Fact\s+Sheet\s*[|,–-]\s*)?{DATE_PATTERN}\s*$", re.I)
_SHARE = re.compile(r"^(?:Share|Print|Email|Share\s*[|/].*)\s*$", re.I)
_MORE_INFO_OPEN = re.compile(r"^More information about (?P<country>.+?) is available on\b")
_CLOSING = re.compile(
    r"^More information about (?P<country>.+?) is available from the Department of State\b.*"
    r"(?:listed here|following)\s*:?\s*$",
    re.I,
)

# The genre's headings (see GENRE.md), matched against a whole line.
_KNOWN_HEADINGS = [
    r"U\.\s?S\.\s?-\s?.+?\s+Relations",
    r".+?\s+Today",
    r"U\.\s?S\.\s+Assistance\s+to\s+.+",
    r"Bilateral\s+Economic\s+(?:Relations|Issues)",
    r".+?(?:['’]s?)?\s+Membership\s+in\s+International\s+Organizations",
    r"Bilateral\s+Representation",
    r"Principal\s+U\.\s?S\.\s+Officials",
    r"PROFILE",
    r"(?:People|History|Government|Economy|Foreign\s+Relations|Political\s+Conditions|"
    r"Government\s+and\s+Political\s+Conditions|Travel\s+and\s+Business\s+Information|"
    r"Defense|National\s+Security|Principal\s+Government\s+Officials)",
    r"Pandemic\s+Response|Peace\s+and\s+Security|Travel\s+to\s+.+|Public\s+Diplomacy\s+Environment|"
    r"Border\s+and\s+International\s+Security",
]
_KNOWN = re.compile(r"^(?:" + "|".join(_KNOWN_HEADINGS) + r")\s*$", re.I)
_SMALL_WORDS = frozenset(["a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with", "vs"])


@dataclass
class Header:
    title: str | None = None
    country: str | None = None
    bureau: str | None = None
    kind: Kind = "unknown"
    published: str | None = None
    lines: set[int] = field(default_factory=set)  # indexes of the header's lines


@dataclass
class Structure:
    header: Header
    blocks: list[Block]
    sections: list[Section]
    sentences: list[Sentence]
    links: list[str]


def _lines(text: str) -> list[tuple[int, int]]:
    """Non-empty lines as trimmed (start, end) spans."""
    out: list[tuple[int, int]] = []
    pos = 0
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            out.append((start, end))
    return out


def parse_header(text: str, lines: list[tuple[int, int]], limit: int = 14) -> Header:
    header = Header()
    after_share = False
    for index, (start, end) in enumerate(lines[:limit]):
        line = text[start:end]
        if header.title is None and (m := _TITLE.match(line)):
            header.title, header.country = line, to_iso2(m["country"])
            header.lines.add(index)
        elif header.title is None and (m := _BG_NOTE.match(line)):
            header.title, header.country, header.kind = line, to_iso2(m["country"]), "background_note"
            header.lines.add(index)
            if m["date"] and (d := _DATE_LINE.match(m["date"])):
                header.published = from_match(d)
        elif header.bureau is None and (m := _BUREAU.match(line)) and len(line) < 120:
            header.bureau = m["bureau"]
            header.lines.add(index)
        elif _FACT_SHEET.match(line):
            if header.kind == "unknown":
                header.kind = "fact_sheet"
            header.lines.add(index)
        elif _SHARE.match(line):
            after_share = True
            header.lines.add(index)
        elif header.published is None and (d := _DATE_LINE.match(line)) and (
            header.title or header.bureau or header.kind != "unknown" or after_share
        ):
            header.published = from_match(d)
            header.lines.add(index)
        elif header.country is None and (m := _MORE_INFO_OPEN.match(line)):
            header.country = to_iso2(m["country"])
    return header


def _is_heading(text: str, lines: list[tuple[int, int]], index: int) -> bool:
    start, end = lines[index]
    line = text[start:end]
    if _KNOWN.match(line) and len(line) < 90 and not line.endswith((".", ":", ";", ",")):
        return True
    # An unknown heading: a short title-like line with a paragraph after it.
    if len(line) > 70 or line.endswith((".", ":", ";", ",", "?", "!")) or index + 1 >= len(lines):
        return False
    words = re.findall(r"[A-Za-z][\w'’-]*", line)
    if not 1 <= len(words) <= 9:
        return False
    if not all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in words):
        return False
    nxt = text[lines[index + 1][0] : lines[index + 1][1]]
    return len(nxt) > 80 and nxt.rstrip().endswith((".", ":", "”", '"'))


def parse_structure(text: str) -> Structure:
    lines = _lines(text)
    header = parse_header(text, lines)
    if header.country is None:
        for start, end in lines:
            m = _CLOSING.match(text[start:end]) or _MORE_INFO_OPEN.match(text[start:end])
            if m and (iso := to_iso2(m["country"])):
                header.country = iso
                break

    closing = next(
        (i for i, (s, e) in enumerate(lines) if i not in header.lines and _CLOSING.match(text[s:e])),
        None,
    )
    blocks: list[Block] = []
    sections: list[Section] = []
    links: list[str] = []
    current: str | None = None
    for index, (start, end) in enumerate(lines):
        if index in header.lines:
            blocks.append(Block("header", start, end))
        elif closing is not None and index > closing:
            blocks.append(Block("link", start, end, current))
            links.append(text[start:end])
        elif closing is not None and index == closing:
            _close(sections, start)
            current = None
            blocks.append(Block("paragraph", start, end, None))
        elif _is_heading(text, lines, index):
            _close(sections, start)
            current = text[start:end]
            sections.append(Section(current, start, end, end))
            blocks.append(Block("heading", start, end, current))
        else:
            blocks.append(Block("paragraph", start, end, current))
    end_of_body = lines[closing][0] if closing is not None else len(text.rstrip())
    _close(sections, end_of_body)

    sentences = [
        Sentence(a, b, i, block.section)
        for i, block in enumerate(blocks)
        if block.kind == "paragraph"
        for a, b in split_sentences(text, block.start, block.end)
    ]
    return Structure(header, blocks, sections, sentences, links)


def _close(sections: list[Section], at: int) -> None:
    """Give the last open section its end (the start of what follows, trimmed)."""
    if sections and sections[-1].end == sections[-1].body_start:
        last = sections[-1]
        sections[-1] = Section(last.heading, last.start, max(at, last.body_start), last.body_start)
