"""HTML → the readable text of the article: chrome dropped, block elements as line breaks.

State Department pages of both eras wrap a short article in a lot of site chrome (banners, menus,
share widgets, tags, related articles, footers). Class names differ between eras and mirrors, so
the article is found by its content rather than by its markup: the elements that hold the
sheet's title, its "More information about …" paragraphs and its known headings are *anchors*;
the article is their lowest common ancestor, and chrome is removed from it only where it holds no
anchor. Pages with no anchor fall back to ``<main>``/``<article>``/``<body>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

# Matched at the first tag, after the prolog (white space, an XML declaration, comments) has
# been skipped by _prolog_end: a regex that skips a run of comments itself backtracks
# exponentially on "<!-- a --><!-- a -->…x" (issue 14).
_HTML_START = re.compile(
    r"<(?:!doctype\s+html|html|head|body|div|p|article|main|meta|title|section|h[1-6]|table)\b",
    re.I,
)
_ANY_TAG_START = re.compile(r"<[a-zA-Z][\w-]*[\s>/]")
_PROLOG_SPACE = re.compile(r"\s*")
_PROLOG_DECL = re.compile(r"<\?xml[^>]*>", re.I)
_CLOSING_TAG = re.compile(r"</[a-zA-Z][\w-]*\s*>")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>", re.I)
# Plain lxml elements (no lxml.html class lookup per element): about twice as fast.
_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
# Characters lxml refuses in any string it is given (controls, lone surrogates, U+FFFE/U+FFFF):
# they would surface as a foreign ValueError from deep inside the tree (issue 14).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
#: attributes of one element past which its attributes are dropped before parsing: libxml2
#: checks each new attribute against the earlier ones (quadratic: 200,000 attributes take
#: minutes in C, uninterruptible); real pages have a handful per element.
MAX_ATTRIBUTES = 500
# A start tag with MAX_ATTRIBUTES units (white space runs or quoted values, each followed by an
# unquoted stretch), then the rest of the tag. Possessive and atomic throughout, and no unquoted
# "<", so each start scans only its own tag: linear.
_ATTRIBUTE_UNIT = r"(?:\s++|\"[^\"]*+\"|'[^']*+')[^\s\"'<>]*+"
_ATTRIBUTE_FLOOD = re.compile(
    r"(<[a-zA-Z][^\s\"'<>/]*+)" + f"(?>(?:{_ATTRIBUTE_UNIT}){{{MAX_ATTRIBUTES}}})(?:{_ATTRIBUTE_UNIT})*+"
)

# Never part of an article; removed with their content (their tail text is kept).
_ALWAYS_DROP = ("script", "style", "noscript", "template", "svg", "iframe", "object", "embed",
                "canvas", "audio", "video", "map", "select", "textarea", "button", "input")
# Site furniture by tag: removed unless it holds an anchor (<header> only outside the article).
_CHROME_TAGS = frozenset(["nav", "footer", "aside", "form", "label", "figure", "dialog"])
# Parts of class/id names (split on '-' and '_') that mark site chrome on state.gov pages.
_CHROME_PARTS = frozenset([
    "banner", "masthead", "footer", "nav", "navbar", "navigation", "menu", "breadcrumb",
    "breadcrumbs", "crumbs", "share", "sharing", "social", "sidebar", "skip", "search", "related",
    "cookie", "modal", "tags", "tag", "print", "subscribe", "archived", "utility", "toolbar",
    "tools", "pagination", "translate", "logo", "popup", "newsletter", "feedback", "comments",
])
# Whole class/id names of chrome. "header" alone is the site's; an "entry-header" or
# "page-header" holds the article's title, bureau and date, so header parts are not enough.
_CHROME_NAMES = frozenset([
    "header", "hidden", "sr-only", "screen-reader-text", "visually-hidden", "visuallyhidden",
    "element-invisible", "offscreen", "d-none", "invisible", "wm-ipp", "wm-ipp-base",
])
_CHROME_PREFIXES = ("site-header", "global-header", "usa-header", "main-header", "top-header",
                    "header-wrap", "header-top", "header-container", "header-inner", "wm-ipp")
_SPLIT = re.compile(r"[_-]+")
_BLOCK_TAGS = frozenset(["p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5",
                         "h6", "li", "ul", "ol", "br", "tr", "table", "blockquote", "dd", "dt",
                         "dl", "hr", "pre", "address", "title", "td", "th", "center", "caption",
                         "tbody", "thead", "header", "footer", "nav", "aside", "figcaption"])
_PARAGRAPH_TAGS = frozenset(["p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table"])
_HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# Block boundaries, marked with control characters that cannot survive in the markup.
_LINE_MARK, _PARAGRAPH_MARK = "\x00", "\x01"
_MARKS = re.compile(r"[\x00\x01][ \x00\x01]*")  # starts with a character set: scanned fast
_SPACES = re.compile(r"  +")  # starts with a literal: scanned fast

# Text that marks an element as part of the sheet (matched on an element's own text).
_TITLE_ANCHOR = re.compile(
    r"^\s*(?:U\.\s?S\.|US|United\s+States)\s*Relations?\s+[Ww]ith\s+\S|^\s*Background\s+Notes?\s*:",
    re.I,
)
_BODY_ANCHOR = re.compile(
    r"^\s*More\s+information\s+about\s+.{2,80}?\s+is\s+available\s+(?:on|from)\b"
    r"|^\s*(?:U\.\s?S\.\s?[-–—]\s?\S.{0,60}Relations|Bilateral\s+Representation|Bilateral\s+Economic\s+"
    r"(?:Relations|Issues)|.{0,60}Membership\s+in\s+International\s+Organizations)\s*$",
    re.I,
)
_ANCHOR_INITIALS = frozenset("UuMmBbRr")  # U.S./United, More, Bureau/Background/Bilateral, Released
_BUREAU_ANCHOR = re.compile(r"^\s*(?:Released\s+by\s+(?:the\s+)?)?Bureau\s+of\s+\w", re.I)
_ANCHOR_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "div", "span", "li", "td", "strong", "b",
                "em", "font", "center", "section", "article")


@dataclass(frozen=True, slots=True)
class HtmlText:
    """The readable text of a page and the texts of its heading elements (hints for sections)."""

    text: str
    headings: frozenset[str]
    page_title: str | None = None  # the <title> of the page, white space collapsed


def looks_like_html(text: str) -> bool:
    """A page or a fragment: starts with a tag (after comments) and closes one soon after."""
    head = text[:4000]
    start = _prolog_end(head)
    if start is None:
        return False
    if _HTML_START.match(head, start):
        return True
    return bool(_ANY_TAG_START.match(head, start)) and bool(_CLOSING_TAG.search(head))


def _prolog_end(head: str) -> int | None:
    """Where the first tag starts after white space, an XML declaration and comments; None when
    a comment is not closed. One pass, each character looked at once."""
    pos = _PROLOG_SPACE.match(head).end()  # type: ignore[union-attr]
    decl = _PROLOG_DECL.match(head, pos)
    if decl:
        pos = _PROLOG_SPACE.match(head, decl.end()).end()  # type: ignore[union-attr]
    while head.startswith("<!--", pos):
        end = head.find("-->", pos + 4)
        if end == -1:
            return None
        pos = _PROLOG_SPACE.match(head, end + 3).end()  # type: ignore[union-attr]
    return pos


def html_to_text(markup: str) -> str:
    """Readable text of the page's article; every block element ends a line."""
    return extract_article(markup).text


def extract_article(markup: str) -> HtmlText:
    markup = _XML_DECL.sub("", markup, count=1)  # lxml refuses str input with an encoding decl
    markup = _NOT_XML.sub("", markup)  # and characters that are not XML
    markup = _ATTRIBUTE_FLOOD.sub(r"\1", markup)
    try:
        root = etree.fromstring(markup, _PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        root = None
    if root is None:
        return HtmlText("", frozenset())
    head_title = root.find("head/title")
    page_title = _collapse(_text(head_title)).strip() if head_title is not None else None
    etree.strip_elements(root, *_ALWAYS_DROP, with_tail=False)
    body = root.find("body")
    if body is None:
        body = root
    anchors = _anchors(body)
    container = _common_ancestor(anchors) if anchors else _fallback(body)
    protected: set[etree._Element] = set()
    for anchor in anchors:
        el: etree._Element | None = anchor
        while el is not None and el not in protected:
            protected.add(el)
            el = el.getparent()
    doomed = [
        el for el in container.iterdescendants()
        if isinstance(el.tag, str) and el not in protected and _is_chrome(el)
    ]
    for el in doomed:
        _remove(el)
    parts: list[str] = []
    headings: set[str] = set()
    _walk(container, parts, headings)
    text = _collapse("".join(parts))
    text = _MARKS.sub(_breaks, text.replace(" \x00", "\x00").replace(" \x01", "\x01"))
    return HtmlText(text.strip(" \n") + "\n", frozenset(headings), page_title or None)


def _collapse(text: str) -> str:
    """Source white space → one space, as a browser shows it (U+00A0 is kept: the normalizer
    maps it to a space one for one)."""
    for ws in "\n\t\r\f\v":
        if ws in text:
            text = text.replace(ws, " ")
    return _SPACES.sub(" ", text)


def _breaks(m: re.Match[str]) -> str:
    return "\n\n" if _PARAGRAPH_MARK in m.group() else "\n"


def _anchors(body: etree._Element) -> list[etree._Element]:
    titles: list[etree._Element] = []
    found: list[etree._Element] = []
    bureaus: list[etree._Element] = []
    for el in body.iter(*_ANCHOR_TAGS):
        text = _text(el) if el.tag in _HEADING_TAGS else el.text
        if not text or len(text) > 400:
            continue
        first = text.lstrip()[:1]
        if first not in _ANCHOR_INITIALS and "embership" not in text:
            continue  # cheap test before the three patterns
        if _TITLE_ANCHOR.match(text):
            titles.append(el)
        elif _BODY_ANCHOR.match(text):
            found.append(el)
        elif _BUREAU_ANCHOR.match(text) and len(text) < 120:
            bureaus.append(el)
    # The page's own title is a heading outside the chrome; a breadcrumb or a "related articles"
    # list may name the sheet too, and so may the titles of other sheets.
    title = min(
        titles,
        key=lambda el: (_in_chrome(el), el.tag not in _HEADING_TAGS, titles.index(el)),
        default=None,
    )
    if not found:
        return [title] if title is not None else []
    if title is None:
        # No title: a bureau line just before the body still belongs to the sheet's header.
        first = found[0]
        before = [b for b in bureaus if _precedes(b, first) and not _in_chrome(b)]
        return before[-1:] + found
    return [title, *found]


def _in_chrome(el: etree._Element) -> bool:
    return any(
        _is_chrome(a) and a.tag != "header"  # a page's <header> may hold the article's title
        for a in (el, *el.iterancestors())
        if a.tag not in ("body", "html")
    )


def _precedes(a: etree._Element, b: etree._Element) -> bool:
    la, lb = a.sourceline, b.sourceline
    return la is not None and lb is not None and la <= lb


def _common_ancestor(elements: list[etree._Element]) -> etree._Element:
    first = [elements[0], *elements[0].iterancestors()]
    common = set(first)
    for el in elements[1:]:
        common &= {el, *el.iterancestors()}
    for el in first:
        if el in common:
            return el
    return first[-1]


def _fallback(body: etree._Element) -> etree._Element:
    for path in ("//main", "//*[@role='main']", "//article", "//*[@id='centerblock']",
                 "//*[@id='content']"):
        found = body.xpath(path)
        if found:
            return found[0]
    return body


def _is_chrome(el: etree._Element) -> bool:
    tag = el.tag
    if tag in _CHROME_TAGS:
        return True
    if tag == "header":
        return not any(a.tag in ("main", "article") for a in el.iterancestors())
    attrib = el.attrib
    if not attrib:
        return False
    if "hidden" in attrib or attrib.get("aria-hidden") == "true":
        return True
    style = attrib.get("style")
    if style and re.search(r"display\s*:\s*none|visibility\s*:\s*hidden", style, re.I):
        return True
    for name in f"{attrib.get('class', '')} {attrib.get('id', '')}".lower().split():
        if name in _CHROME_NAMES or name.startswith(_CHROME_PREFIXES):
            return True
        if not _CHROME_PARTS.isdisjoint(_SPLIT.split(name)):
            return True
    return attrib.get("role") in ("navigation", "banner", "contentinfo", "search", "complementary")


def _remove(el: etree._Element) -> None:
    """Remove an element but keep its tail text, which belongs to the parent."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _text(el: etree._Element) -> str:
    return "".join(el.itertext())


def _walk(el: etree._Element, parts: list[str], headings: set[str]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag == "pre":
        # Preformatted text (the 1990s Background Notes): keep its lines and blank lines.
        raw = _text(el).replace("\r\n", "\n").replace("\r", "\n")
        raw = re.sub(r"\n[ \t]*\n\s*", _PARAGRAPH_MARK, raw)
        parts.append(_PARAGRAPH_MARK + raw.replace("\n", _LINE_MARK) + _PARAGRAPH_MARK)
        return
    block = tag in _BLOCK_TAGS
    if block:
        mark = _PARAGRAPH_MARK if tag in _PARAGRAPH_TAGS else _LINE_MARK
        parts.append(mark)
        if tag in _HEADING_TAGS:
            heading = _collapse(_text(el)).strip()
            if heading:
                headings.add(heading)
        elif tag == "p" and len(el) == 1 and el[0].tag in ("strong", "b") and not (el.text or "").strip():
            # <p><strong>Heading</strong></p>: the older pages' way of writing a heading.
            only = el[0]
            if not (only.tail or "").strip() and len(only) == 0 and only.text and len(only.text) < 100:
                headings.add(_collapse(only.text).strip())
    if el.text and tag != "br":
        parts.append(el.text)
    for child in el:
        _walk(child, parts, headings)
        if child.tail:
            parts.append(child.tail)
    if block:
        parts.append(mark)
