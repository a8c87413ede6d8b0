"""Reading a sheet: bytes or a path → a Document with exact offsets into its normalized text."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from .. import budget  # the module, not its names: budget imports .decode (a cycle)
from ..errors import EmptyInputError, InputNotFoundError, NotAFactSheetError
from ..model import Document
from .decode import DEFAULT_MAX_BYTES, check_size, decode, read_capped
from .html import extract_article, looks_like_html
from .mhtml import looks_like_mhtml, mhtml_location, unpack_mhtml
from .normalize import normalize_text
from .published import infer_published
from .structure import TRIM, parse_structure, title_country

__all__ = ["DEFAULT_MAX_BYTES", "read", "read_bytes"]


def read(
    source: str | os.PathLike[str] | bytes,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    force: bool = False,
    url: str | None = None,
) -> Document:
    """Read a fact sheet from a path or from raw bytes.

    Raises an ``InputError`` subclass for anything that is not a readable sheet; ``force`` reads
    an HTML page even when it holds nothing that looks like a fact sheet. ``url``, the address
    the page was copied from (a web-archive one dates it), helps date an undated sheet.
    """
    if isinstance(source, bytes | bytearray):
        return read_bytes(bytes(source), max_bytes=max_bytes, force=force, url=url)
    path = Path(source)
    name = str(path)
    if len(name) > 200 or not name.isprintable():  # keep the one-line message readable
        name = repr(name[:60] + "…")
    try:
        if not path.exists():
            raise InputNotFoundError(
                f"{name} does not exist: check the path (to read a sheet's text, pass bytes)."
            )
        if path.is_dir():
            raise InputNotFoundError(f"{name} is a directory: give a sheet file (.txt or .html).")
        if not path.is_file():
            raise InputNotFoundError(f"{name} is not a regular file: give a sheet file (.txt or .html).")
        size = path.stat().st_size
        if size > max_bytes:
            check_size(size, max_bytes, name)
        with path.open("rb") as handle:  # at most one byte over the limit, even if it grows
            raw = read_capped(handle, max_bytes)
    except PermissionError:
        raise InputNotFoundError(f"{name} cannot be read (permission denied).") from None
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise InputNotFoundError(f"{name} cannot be read: {reason}.") from None
    return read_bytes(raw, max_bytes=max_bytes, force=force, name=name, url=url)


def read_bytes(
    raw: bytes,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    force: bool = False,
    name: str = "input",
    url: str | None = None,
) -> Document:
    check_size(len(raw), max_bytes, name)
    if looks_like_mhtml(raw):
        decoded, encoding = unpack_mhtml(raw, name)
        is_html = True
        url = url or mhtml_location(raw)
    else:
        decoded, encoding = decode(raw, name)
        is_html = looks_like_html(decoded)
    if is_html:
        page = extract_article(decoded)
        text = normalize_text(page.text)
        hints = frozenset(normalize_text(h).strip(TRIM) for h in page.headings)
    else:
        text, hints = normalize_text(decoded), frozenset()
    if not text.strip():
        if is_html:
            raise NotAFactSheetError(
                f"{name} is an HTML page with no readable text: it is not a fact sheet."
            )
        raise EmptyInputError(f"{name} holds only white space: give a fact sheet as text or HTML.")
    structure = parse_structure(text, hints)
    budget.within("sentences", len(structure.sentences), budget.DEFAULT_BUDGET.max_sentences, name)
    header = structure.header
    if is_html and header.title is None and page.page_title:
        # The article lost its heading; the page's <title> still names the sheet.
        found = title_country(normalize_text(page.page_title))
        if found:
            header.title, country = found
            header.country = header.country or country
            structure.genre_signals += 1
            if header.kind == "unknown":
                header.kind = "fact_sheet"
    if is_html and not force and structure.genre_signals < 2:
        raise NotAFactSheetError(
            f"{name} is an HTML page with no fact sheet in it (no 'U.S. Relations With …' title, "
            "no 'More information about …' paragraph, no known section headings); pass --force "
            "to read it anyway."
        )
    published_range = infer_published(
        text, ((s.start, s.end) for s in structure.sentences), header.published,
        markup=decoded if is_html else None, url=url)
    return Document(
        text=text,
        sha256=hashlib.sha256(raw).hexdigest(),
        title=header.title,
        country=header.country,
        bureau=header.bureau,
        kind=header.kind,
        published=header.published,
        sections=tuple(structure.sections),
        blocks=tuple(structure.blocks),
        sentences=tuple(structure.sentences),
        links=tuple(structure.links),
        source=None if name == "input" else name,
        media_type="html" if is_html else "text",
        encoding=encoding,
        size=len(raw),
        published_range=published_range,
    )
