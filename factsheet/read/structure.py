"""Normalized text → header, blocks, sections, sentences and the closing link list.

Works line by line: every non-empty line is a block whose offsets point into the text (in
hard-wrapped plain text, every paragraph of lines). Nothing is removed from the text: header,
site chrome and footers stay in it as ``header`` blocks, so offsets never shift.

- The header is read from the first lines, up to the first line of the body: title ("U.S.
  Relations With <X>" or "Background Notes: <X>, <Month YYYY>"), bureau ("Bureau of …", also
  "Released by the Bureau of …" and in capitals), the "Fact Sheet" kicker, "Share" lines, the date
  line, and the site chrome that copies of web pages carry ("An official website of …", menus,
  breadcrumbs).
- Headings are the genre's known ones (GENRE.md, with their variants), the heading elements of an
  HTML page, or short title-like lines that sit between paragraphs.
- The link list is the run of short lines after the closing "More information about <X> is
  available from the Department of State …:" line, up to prose or a site footer.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any

from ..countries import to_iso2
from ..dates import DATE_PATTERN, from_match
from ..model import Block, Kind, Section, Sentence
from .sentences import split_sentences

_DASH = r"[-–—‐‑]"
_TITLE = re.compile(
    r"^(?:U\.\s?S\.?|US|United\s+States)\s*Relations\s+with\s+(?P<country>.+?)"
    r"(?:\s+[-|–—:]\s+(?:(?:the\s+)?(?:United\s+States\s+|U\.\s?S\.\s+)?Department\s+of\s+State"
    r"|(?:U\.\s?S\.\s+)?(?:Bilateral\s+Relations\s+)?Fact\s+Sheet))?\s*$",
    re.I,
)
_BG_NOTE = re.compile(
    rf"^Background\s+Notes?\s*:\s*(?P<country>.+?)(?:\s*[,;:]\s*(?:{DATE_PATTERN}))?\s*$", re.I
)
_BUREAU = re.compile(
    rf"^(?:Released\s+by\s+(?:the\s+)?)?(?P<bureau>Bureau\s+of\s+\S.*?)"
    rf"(?:\s*[|,;·•–—-]?\s*(?:{DATE_PATTERN}))?\s*$",
    re.I,
)
# The same without the date: the lazy name tries the date's dozens of month names at every
# character of the line, so the date is only looked for when the line ends with a year.
_BUREAU_UNDATED = re.compile(
    r"^(?:Released\s+by\s+(?:the\s+)?)?(?P<bureau>Bureau\s+of\s+\S.*?)\s*$", re.I
)
_YEAR = re.compile(r"1[789]\d\d|20\d\d")


def _bureau_match(line: str) -> re.Match[str] | None:
    tail = line.rstrip()
    if _YEAR.fullmatch(tail, max(0, len(tail) - 4)):
        return _BUREAU.match(line)
    return _BUREAU_UNDATED.match(line)


_KICKER = re.compile(
    r"^(?:U\.\s?S\.\s+)?(?:Bilateral\s+Relations\s+)?Fact\s*Sheets?\s*(?:[|,:·•–—-]\s*)?(?P<rest>.*)$",
    re.I,
)
_DATE_LINE = re.compile(
    rf"^(?:(?:Published|Released|Updated|Last\s+updated|Date)\s*:?\s*)?"
    rf"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?{DATE_PATTERN}\s*$",
    re.I,
)
_SHARE = re.compile(
    r"^(?:(?:Share(?:\s+this(?:\s+page)?)?|Print|E-?mail|Facebook|Twitter|X|LinkedIn|WhatsApp|"
    r"Copy\s+link)\s*[|/·•,]?\s*)+$",
    re.I,
)
# Site chrome that survives in copies of web pages; only looked for in the header.
_CHROME_AT_START = (
    r"An\s+official\s+website\s+of\s+the\s+United\s+States\s+government.*"
    r"|Here['’]s\s+how\s+you\s+know.*|Official\s+websites\s+use\s+\.gov.*"
    r"|Secure\s+\.gov\s+websites\s+use\s+HTTPS.*|A\s+\.gov\s+website\s+belongs.*"
    r"|A\s+lock\s+.*https.*|This\s+is\s+archived\s+content.*|This\s+is\s+an?\s+archive\b.*"
    r"|Skip\s+to\s+(?:main\s+)?content|Home|Menu|Search|Close|Breadcrumb"
    r"|(?:Note:\s*)?Background\s+Notes?\b.{0,80}\bno\s+longer\b.*"
    r"|(?:the\s+)?(?:U\.\s?S\.|United\s+States)\s+Department\s+of\s+State|Department\s+of\s+State"
    r"|Office\s+of\s+the\s+Spokesperson|Media\s+Note"
)
# Chrome recognized by words anywhere in the line: "archive" (in any case) or a breadcrumb's
# » or › (Home » Countries » Peru).
_CHROME_ANYWHERE = (
    r".*\barchived\s+content\b.{0,200}|.*\barchived?\s+(?:site|page|website)\b.{0,200}"
    r"|(?=.{0,150}$)\S[^»›\n]*\s[»›]\s.*"
)
_CHROME_LINE = re.compile(rf"^(?:{_CHROME_AT_START}|{_CHROME_ANYWHERE})\s*$", re.I)
_CHROME_START = re.compile(rf"^(?:{_CHROME_AT_START})\s*$", re.I)


def _is_chrome(line: str) -> bool:
    # The anywhere branches scan the whole line (backtracking from its end): only tried when it
    # holds what they need. re.I lets "ı" and "İ" match the i of "archive": they take that path.
    if "»" in line or "›" in line or "ı" in line or "İ" in line or "archive" in line.lower():
        return _CHROME_LINE.match(line) is not None
    return _CHROME_START.match(line) is not None


# Site footer lines after the link list of a copied page: the list ends there.
_FOOTER = re.compile(
    r"^(?:Back\s+to\s+Top|Related\s+(?:Articles|Content|Links)|Tags:?|Privacy(?:\s+Policy)?"
    r"|Copyright(?:\s+Information)?|FOIA|Accessibility(?:\s+Statement)?|Contact\s+Us"
    r"|No\s+FEAR\s+Act|Site\s+Map|Sitemap|Archives?|Share|Print|Email|Subscribe.*"
    r"|An\s+official\s+website\s+of\s+the\s+United\s+States.*|Top\s+of\s+Page"
    r"|References|Visible\s+links|Hidden\s+links)\s*$",
    re.I,
)
_OPENING = re.compile(
    r"^More\s+information\s+about\s+(?P<country>.+?)\s+is\s+available\s+on\b", re.I | re.S
)
_CLOSING = re.compile(
    r"^More\s+information\s+about\s+(?P<country>.+?)\s+is\s+available\s+from\b"
    r"(?:.*:|.*\b(?:listed\s+(?:here|below)|the\s+following)\s*[.:]?)\s*$",
    re.I | re.S,  # re.S: a hard-wrapped closing line spans line breaks
)

# The genre's headings (GENRE.md), matched against a whole line, any case.
_KNOWN_HEADINGS = (
    rf"(?:U\.\s?S\.?|United\s+States)\s?{_DASH}\s?\S.{{0,60}}?\s+Relations(?:hip)?",
    r"\S.{0,50}?\s+Today",
    r"U\.\s?S\.\s+(?:Foreign\s+|Development\s+)?Assistance(?:\s+(?:to|for|in)\s+\S.{0,60})?",
    r"(?:Bilateral\s+)?Economic\s+(?:and\s+Commercial\s+)?(?:Relations|Issues)",
    r"(?:\S.{0,80}?\s+)?Membership\s+in\s+International\s+Organi[sz]ations",
    r"Bilateral\s+Representation",
    r"Principal\s+U\.\s?S\.\s+(?:Embassy\s+)?Officials|Principal\s+Government\s+Officials",
    r"PROFILE",
    r"People(?:\s+and\s+History)?|History|Geography|Government(?:\s+and\s+Political\s+Conditions)?|"
    r"Political\s+Conditions|Economy|Foreign\s+Relations|Defense|National\s+Security|"
    r"Travel\s+and\s+Business\s+Information",
    r"Pandemic\s+Response|COVID-19\s+Response|Peace\s+and\s+Security|Travel\s+to\s+\S.{0,50}|"
    r"Public\s+Diplomacy\s+Environment|Border\s+and\s+International\s+Security",
)
_KNOWN = re.compile(r"^(?:" + "|".join(_KNOWN_HEADINGS) + r")$", re.I)
# The same without the two headings that end in a known word after any words ("… Today",
# "… Membership in International Organizations"): the regex engine tries those at up to 80
# places in every line, so they are only tried in a line that holds the word.
_KNOWN_AT_START = re.compile(
    r"^(?:" + "|".join(h for h in _KNOWN_HEADINGS if not h.startswith((r"\S", r"(?:\S"))) + r")$",
    re.I,
)


def _is_known(line: str) -> bool:
    """Is the line one of the genre's headings?"""
    lowered = line.lower()
    # re.I lets "ı", "İ" and "ſ" match the i and s of "membership": such a line takes the full path
    if "today" in lowered or "membership" in lowered or not line.isascii():
        return _KNOWN.match(line) is not None
    return _KNOWN_AT_START.match(line) is not None
_US_X_RELATIONS = re.compile(
    rf"^(?:U\.\s?S\.?|United\s+States)\s?{_DASH}\s?(?P<country>\S.{{0,60}}?)\s+Relations$", re.I
)
# Headings whose body is a list of Key--value lines (so such lines do not demote them).
_LIST_HEADINGS = re.compile(r"^(?:PROFILE|Principal\s+.*Officials)$", re.I)
# "Official Name--Republic of Peru" (1990s) and "Area: 1.28 million sq. km." (2000s) PROFILE lines.
_KEY_VALUE = re.compile(r"^[A-Z][^\n]{0,60}?\s?--\s?\S|^(?=.{0,150}$)[A-Z][\w.,'()/-]*(?: [\w.,'()/-]+){0,3}:\s+\S")


def _is_key_value(line: str) -> bool:
    # the regex tries dozens of places in a line; one with neither "--" nor ":" never matches
    return ("--" in line or ":" in line) and _KEY_VALUE.match(line) is not None
_BULLET = re.compile(r"^(?:[•·▪◦*–-]|\d{1,2}[.)])\s+")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_SMALL_WORDS = frozenset(
    ["a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the",
     "to", "with", "vs", "de", "d'", "del", "la", "le", "et", "and/or"]
)
_END_PUNCT = (".", ":", ";", ",", "?", "!")
_SENTENCE_END = (".", "!", "?", '"', "”", "’", ")", ":")


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
    genre_signals: int = 0  # how many genre landmarks were seen (title, opening, closing, headings)


def _constructor(cls: type, names: tuple[str, str, str, str]) -> Callable[..., Any]:
    """A fast constructor of a frozen slots dataclass of four fields.

    A sheet makes dozens of blocks and sentences, and the generated ``__init__`` of a frozen
    dataclass calls ``object.__setattr__`` once per field: building them was a sixth of a read.
    Setting the slots through their descriptors makes the same objects (equal, hashable,
    frozen) in half the time.
    """
    if tuple(f.name for f in fields(cls)) != names:
        raise TypeError(f"{cls.__name__}'s fields are not {names}: update structure._constructor's callers")
    new = object.__new__
    set_a, set_b, set_c, set_d = (getattr(cls, name).__set__ for name in names)

    def make(a: Any, b: Any, c: Any, d: Any) -> Any:
        obj: Any = new(cls)
        set_a(obj, a)
        set_b(obj, b)
        set_c(obj, c)
        set_d(obj, d)
        return obj

    return make


_block: Callable[[str, int, int, str | None], Block] = _constructor(
    Block, ("kind", "start", "end", "section"))
_sentence: Callable[[int, int, int, str | None], Sentence] = _constructor(
    Sentence, ("start", "end", "block", "section"))

#: What a line is trimmed of: white space and the invisible characters web pages leave behind.
TRIM = " \t\f\v\ufeff\u200b\u200c\u200d\u2060"


def _lines(text: str) -> list[tuple[int, int]]:
    """Non-empty lines as trimmed (start, end) spans."""
    out: list[tuple[int, int]] = []
    pos = 0
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        if not raw or raw[0] in TRIM or raw[-1] in TRIM:
            stripped = raw.lstrip(TRIM)
            if not stripped.strip():
                continue
            start += len(raw) - len(stripped)
            end -= len(raw) - len(raw.rstrip(TRIM))
        if text[start] in _MARKUP_FIRST or text[end - 1] in _MARKUP_LAST:
            start, end = _strip_markup(text, start, end)
            if start >= end:
                continue
        out.append((start, end))
    return out


# Plain-text conversions of web pages (Markdown from html2text or pandoc, lynx -dump) mark
# headings, list items, bold lines and links; a line's span skips the marks, the text keeps them.
_MARKUP_FIRST = frozenset("#*-+•[_>")
_MARKUP_LAST = frozenset("*_)#")
_MARKUP_LEAD = re.compile(r"(?:(?:#{1,6}|[*+•-]|>)[ \t]+)?(?:\[\d{1,3}\][ \t]*)?")
_MARKDOWN_LINK = re.compile(r"\[([^\[\]\n]+)\]\([^()\s]*\)$")


def _strip_markup(text: str, start: int, end: int) -> tuple[int, int]:
    if m := _MARKUP_LEAD.match(text, start, end):
        start = m.end()
    if text.startswith(("**", "__"), start) and text.endswith(("**", "__"), start, end) and end - start > 4:
        start, end = start + 2, end - 2
    if text[end - 1] == "#":  # closing hashes of an ATX heading
        stripped = text[start:end].rstrip("#").rstrip()
        if stripped:
            end = start + len(stripped)
    if text[start] == "[" and (m := _MARKDOWN_LINK.match(text, start, end)):
        start, end = m.start(1), m.end(1)
    while start < end and text[start] in " \t":
        start += 1
    while end > start and text[end - 1] in " \t":
        end -= 1
    return start, end


def _is_prose(line: str) -> bool:
    """A paragraph line: long, or a full sentence."""
    return len(line) > 150 or (len(line) >= 40 and line.endswith(_SENTENCE_END) and " " in line)


def _bureau_name(raw: str) -> str:
    """The bureau's name as the genre writes it, also when the sheet shouts it in capitals."""
    name = re.split(r"\s*[,;|]\s*", raw.strip(), maxsplit=1)[0].strip(" .")
    if name.isupper():
        words = name.split()
        name = " ".join(
            w.lower() if i and w.lower() in _SMALL_WORDS else w.title() for i, w in enumerate(words)
        )
    return name


def title_country(line: str) -> tuple[str, str | None] | None:
    """``(title, ISO-2)`` when a line is a sheet's title (also a page's <title>), else None."""
    m = _TITLE.match(line.strip(TRIM))
    if m is None:
        return None
    return line[: m.end("country")].strip(TRIM), to_iso2(m["country"])


def parse_header(text: str, lines: list[tuple[int, int]], limit: int = 40) -> Header:
    header = Header()
    after_share = False
    has_opening = False
    pending: tuple[int, str | None] | None = None
    unknown: list[int] = []
    for index, (start, end) in enumerate(lines[:limit]):
        line = text[start:end]
        if len(line) > 300:
            break
        if opening := _OPENING.match(line):
            has_opening = True
            header.country = header.country or to_iso2(opening["country"])
            break
        if header.title is None and (m := _TITLE.match(line)):
            header.title = line
            header.country = to_iso2(m["country"]) or header.country
            header.lines.add(index)
        elif header.title is None and (m := _BG_NOTE.match(line)):
            header.title, header.kind = line, "background_note"
            header.country = to_iso2(m["country"]) or header.country
            header.published = from_match(m) or header.published
            header.lines.add(index)
        elif header.title is not None and (_TITLE.match(line) or _BG_NOTE.match(line)):
            header.lines.add(index)  # the title again (a page title above the heading)
        elif header.bureau is None and len(line) < 120 and (m := _bureau_match(line)):
            header.bureau = _bureau_name(m["bureau"])
            if header.published is None:
                header.published = from_match(m)
            header.lines.add(index)
        elif (m := _KICKER.match(line)) and (
            not m["rest"] or (kicker_date := _DATE_LINE.match(m["rest"]))
        ):
            if header.kind == "unknown":
                header.kind = "fact_sheet"
            if m["rest"] and kicker_date and header.published is None:
                header.published = from_match(kicker_date)
            header.lines.add(index)
        elif _SHARE.match(line):
            after_share = True
            header.lines.add(index)
        elif d := _DATE_LINE.match(line):
            if header.title or header.bureau or header.kind != "unknown" or after_share:
                if header.published is None:
                    header.published = from_match(d)
                header.lines.add(index)
            elif pending is None:
                pending = (index, from_match(d))  # a date above the title: kept if a header follows
        elif _is_chrome(line):
            header.lines.add(index)
        elif _is_prose(line) or _is_known(line):
            break  # the body begins
        elif len(line) < 80:
            unknown.append(index)
    if pending is not None and (header.title or header.bureau or header.kind != "unknown"):
        header.lines.add(pending[0])
        header.published = header.published or pending[1]
    if header.lines:
        # Short lines above or among the header's own lines are menus and other page furniture.
        last = max(header.lines)
        header.lines.update(i for i in unknown if i < last)
    if header.kind == "unknown" and (header.title or has_opening):
        header.kind = "fact_sheet"
    return header


def _is_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    """Hard-wrapped plain text (the 1990s Background Notes): long lines stop near one width."""
    long = [text[a:b] for a, b in lines if b - a >= 40]
    if len(long) < 8:
        return False
    narrow = sum(1 for line in long if len(line) <= 80)
    open_ended = sum(1 for line in long if not line.endswith(_SENTENCE_END))
    return narrow >= 0.9 * len(long) and open_ended >= 0.3 * len(long)


def _unwrap(
    text: str, lines: list[tuple[int, int]], header_lines: set[int]
) -> tuple[list[tuple[int, int]], set[int]]:
    """Join the lines of each wrapped paragraph into one block (its span keeps the line breaks)."""
    units: list[tuple[int, int]] = []
    unit_header: set[int] = set()
    for index, (start, end) in enumerate(lines):
        if units and index not in header_lines and (index - 1) not in header_lines:
            prev_start, prev_end = units[-1]
            prev_line = text[lines[index - 1][0] : lines[index - 1][1]]
            line = text[start:end]
            marked = text[text.rfind("\n", 0, start) + 1 : start].strip()  # a list mark, a heading's #
            joins = (
                text.count("\n", prev_end, start) == 1
                and not marked
                and not _is_key_value(line)
                and not line.startswith(("-", "*", "•"))
                and (len(prev_line) >= 45 or line[0].islower())
                and not prev_line.endswith(":")
                and not _is_known(prev_line)
            )
            if joins:
                units[-1] = (prev_start, end)
                continue
        if index in header_lines:
            unit_header.add(len(units))
        units.append((start, end))
    return units, unit_header


def _title_like(line: str) -> bool:
    """A short line in title case or capitals, without sentence punctuation."""
    if not 2 <= len(line) <= 80 or line.endswith(_END_PUNCT) or "--" in line:
        return False
    if line[0].isdigit() or line[0] in "$•*-–(":
        return False
    words = _WORD.findall(line)
    if not 1 <= len(words) <= 10:
        return False
    if not words[0][0].isupper():
        return False
    return all(w[0].isupper() or w.lower() in _SMALL_WORDS or len(w) <= 2 for w in words)


def parse_structure(text: str, heading_hints: frozenset[str] = frozenset()) -> Structure:
    lines = _lines(text)
    header = parse_header(text, lines)
    if _is_wrapped(text, lines):
        lines, header.lines = _unwrap(text, lines, header.lines)
    line_texts = [text[s:e] for s, e in lines]
    signals = int(header.title is not None) + int(header.bureau is not None)

    closing: int | None = None
    for i, line in enumerate(line_texts):
        if line.startswith(("More", "MORE")) and i not in header.lines:
            if (m := _CLOSING.match(line)) is not None:
                closing = i
                signals += 1
                if header.country is None:
                    header.country = to_iso2(m["country"])
                if header.kind == "unknown":
                    header.kind = "fact_sheet"  # the closing link list is the fact sheets' own
                break
            if (m := _OPENING.match(line)) is not None:
                signals += 1
                if header.country is None:
                    header.country = to_iso2(m["country"])
                if header.kind == "unknown":
                    header.kind = "fact_sheet"

    blocks: list[Block] = []
    open_sections: list[tuple[str, int, int, int]] = []  # heading, start, body_start, last end
    links: list[str] = []
    current: str | None = None
    in_links = in_footer = False
    for index, (start, end) in enumerate(lines):
        line = line_texts[index]
        if index in header.lines or in_footer:
            blocks.append(_block("header", start, end, None))
            continue
        if in_links and _FOOTER.match(line):
            in_footer = True  # site chrome after the link list of a copied page
            blocks.append(_block("header", start, end, None))
            continue
        if closing is not None and index == closing:
            current = None
            in_links = True
            blocks.append(_block("paragraph", start, end, None))
        elif in_links and not _is_prose(line) and len(line) <= 160:
            bullet = _BULLET.match(line)
            if bullet and bullet.end() < len(line):
                start += bullet.end()
                line = line[bullet.end():]
            blocks.append(_block("link", start, end, None))
            links.append(line)
        elif not in_links and _is_heading(line_texts, index, header.lines, heading_hints):
            current = line
            open_sections.append((current, start, end, end))
            blocks.append(_block("heading", start, end, current))
            if _is_known(line):
                signals += 1
            if header.country is None and (m := _US_X_RELATIONS.match(line)):
                header.country = to_iso2(m["country"])
        else:
            in_links = False
            blocks.append(_block("paragraph", start, end, current))
        if current is not None:
            heading, first, body, _ = open_sections[-1]
            open_sections[-1] = (heading, first, body, end)
    sections = [Section(h, a, z, b) for h, a, b, z in open_sections]

    sentences = [
        _sentence(a, b, i, block.section)
        for i, block in enumerate(blocks)
        if block.kind == "paragraph"
        for a, b in split_sentences(text, block.start, block.end)
    ]
    return Structure(header, blocks, sections, sentences, links, signals)


def _is_heading(
    line_texts: list[str], index: int, header_lines: set[int], hints: frozenset[str]
) -> bool:
    line = line_texts[index]
    if len(line) > 120 or line.endswith((".", ";", ",")):
        return False
    nxt = line_texts[index + 1] if index + 1 < len(line_texts) else None
    if nxt is None:
        return False  # a heading heads something
    if _is_key_value(nxt) and not _LIST_HEADINGS.match(line):
        return False  # a sub-label of the PROFILE list ("People" above "Nationality--…")
    if line in hints and not line.endswith(":"):
        return True
    if "--" not in line and _is_known(line.rstrip(":" + TRIM)):
        return True
    # An unknown heading: a short title-like line between paragraphs.
    if not _title_like(line) or not _is_prose(nxt):
        return False
    prev = index - 1
    return prev < 0 or prev in header_lines or _is_prose(line_texts[prev])
