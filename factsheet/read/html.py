"""HTML → the readable text of the article: chrome dropped, block elements as line breaks."""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

_HTML_START = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|div|p|article|main|meta)\b", re.I | re.S)

_DROP_TAGS = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button",
              "svg", "iframe", "template", "select", "input", "label", "figure"}
_BLOCK_TAGS = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li",
               "ul", "ol", "br", "tr", "table", "blockquote", "dd", "dt", "dl", "hr", "pre",
               "address", "title", "td", "th", "center"}
# Class or id fragments of site chrome on state.gov pages of both eras.
_CHROME = re.compile(
    r"(?:^|[\s_-])(?:usa-banner|banner|site-header|header|footer|nav|navbar|menu|breadcrumb|"
    r"share|social|sidebar|skip|search|related|cookie|modal|tags|print|subscribe|alert-archive|"
    r"archived|utility|toolbar|pagination|translat)(?:$|[\s_-])",
    re.I,
)
# Containers that hold the article itself, in order of preference.
_ARTICLE_XPATHS = (
    "//article",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' entry-content ')]",
    "//*[@id='centerblock']",
    "//*[@id='content']",
    "//main",
    "//body",
)


def looks_like_html(text: str) -> bool:
    return bool(_HTML_START.match(text[:2000]))


def html_to_text(markup: str) -> str:
    """Readable text of the page's article; every block element ends a line."""
    try:
        root = lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        return ""
    for bad in root.xpath("//comment() | //processing-instruction()"):
        _remove(bad)
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower()
        attrs = f"{el.get('class', '')} {el.get('id', '')} {el.get('role', '')}"
        chrome = tag not in ("body", "html", "article", "main") and _CHROME.search(attrs)
        if tag in _DROP_TAGS or el.get("hidden") is not None or chrome:
            _remove(el)
    container = root
    for xpath in _ARTICLE_XPATHS:
        found = root.xpath(xpath)
        if found:
            container = found[0]
            break
    parts: list[str] = []
    _walk(container, parts)
    text = "".join(parts)
    text = re.sub(r"[ \t\f\v]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


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


def _walk(el: etree._Element, parts: list[str]) -> None:
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    block = tag in _BLOCK_TAGS
    if block:
        parts.append("\n\n" if tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6") else "\n")
    if el.text and tag != "br":
        parts.append(el.text.replace("\n", " "))
    for child in el:
        _walk(child, parts)
        if child.tail:
            parts.append(child.tail.replace("\n", " "))
    if block:
        parts.append("\n\n" if tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6") else "\n")
