"""Raw bytes → str: size and binary guards, BOMs, UTF-8, then a detected single-byte code page."""

from __future__ import annotations

import codecs
import re
from typing import BinaryIO

from ..errors import BinaryInputError, EmptyInputError, EncodingError, InputTooLargeError

DEFAULT_MAX_BYTES = 5 * 1024 * 1024

_BINARY_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"%PDF", "a PDF file"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/Excel file)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"SQLite format 3", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0", "a Word 97-2003 (or other Office) document"),
    (b"bplist00", "a Safari web archive or other binary property list"),
    (b"{\\rtf", "an RTF document (save it as plain text)"),
)
_DECLARED_UTF8 = re.compile(rb"""charset\s*=\s*["']?utf-?8|encoding\s*=\s*["']utf-?8""", re.I)
# Bytes 0x80-0x9F are C1 controls in latin-1 but curly quotes and dashes in cp1252: their
# presence (and the absence of valid UTF-8) is what tells a Windows-saved sheet apart.
_CP1252_ONLY = re.compile(rb"[\x80-\x9f]")


def read_capped(handle: BinaryIO, max_bytes: int) -> bytes:
    """At most ``max_bytes + 1`` bytes of ``handle`` (a file or stdin), read in chunks: never a
    buffer of the limit's size up front (``--max-bytes 100000000000`` is not 100 GB of memory)."""
    chunks: list[bytes] = []
    left = max_bytes + 1
    while left > 0:
        chunk = handle.read(min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def check_size(size: int, max_bytes: int, name: str) -> None:
    if size == 0:
        raise EmptyInputError(f"{name} is empty: give a fact sheet as plain text or HTML.")
    if size > max_bytes:
        raise InputTooLargeError(
            f"{name} is {size:,} bytes, over the limit of {max_bytes:,} bytes; a fact sheet is "
            "a few kilobytes. Check the file, or raise the limit with --max-bytes."
        )


def decode(raw: bytes, name: str = "input") -> tuple[str, str]:
    """Return ``(text, encoding)``; raise a specific InputError for what cannot be a sheet."""
    for magic, what in _BINARY_MAGIC:
        if raw.startswith(magic):
            raise BinaryInputError(f"{name} is {what}, not a fact sheet: give a .txt or .html file.")
    if raw.startswith(codecs.BOM_UTF8):
        return _looks_ok(_strict(raw[3:], "utf-8", name), name), "utf-8-sig"
    for bom, encoding in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                          (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if raw.startswith(bom):
            return _looks_ok(_strict(raw[len(bom):], encoding, name), name), encoding
    if b"\x00" in raw:
        utf16 = _bomless_utf16(raw)
        if utf16:
            return _looks_ok(_strict(raw, utf16, name), name), utf16
        raise BinaryInputError(
            f"{name} contains NUL bytes: it is a binary file, not a fact sheet. "
            "Give the sheet as plain text (UTF-8) or HTML."
        )
    try:
        return _looks_ok(raw.decode("utf-8"), name), "utf-8"
    except UnicodeDecodeError as exc:
        if _DECLARED_UTF8.search(raw[:4096]):
            raise EncodingError(
                f"{name} declares UTF-8 but byte {exc.start} (0x{raw[exc.start]:02x}) is not valid "
                "UTF-8; re-save it as UTF-8 or remove the wrong charset declaration."
            ) from None
        if _UTF8_MULTIBYTE.search(raw):
            # Mostly UTF-8 with a few stray Windows bytes (text pasted from two sources): keep the
            # UTF-8 and read each stray byte as cp1252, rather than garbling every accent.
            return _looks_ok(raw.decode("utf-8", errors=_STRAY_BYTES), name), "utf-8+cp1252"
    encoding = "cp1252" if _CP1252_ONLY.search(raw) else "latin-1"
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError:  # cp1252 leaves five bytes undefined
        encoding, text = "latin-1", raw.decode("latin-1")
    return _looks_ok(text, name), encoding


def _stray_as_cp1252(exc: UnicodeError) -> tuple[str, int]:
    assert isinstance(exc, UnicodeDecodeError)
    bad = exc.object[exc.start : exc.end]
    return bad.decode("cp1252", errors="replace"), exc.end


_STRAY_BYTES = "factsheet-stray-cp1252"
codecs.register_error(_STRAY_BYTES, _stray_as_cp1252)
# A well-formed UTF-8 sequence of two to four bytes.
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _looks_ok(text: str, name: str) -> str:
    if _looks_binary(text):
        raise BinaryInputError(
            f"{name} looks binary (many control characters), not a fact sheet: give a .txt or "
            ".html file."
        )
    return text


def _bomless_utf16(raw: bytes) -> str | None:
    """UTF-16 without a byte-order mark: text in Latin script has a NUL in every other byte."""
    sample = raw[:4096]
    if len(sample) < 16 or len(sample) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.9 * half and even == 0:
        return "utf-16-le"
    if even > 0.9 * half and odd == 0:
        return "utf-16-be"
    return None


def _strict(raw: bytes, encoding: str, name: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise EncodingError(
            f"{name} looks like {encoding.upper()} (byte-order mark or NUL pattern) but byte "
            f"{exc.start} is not valid {encoding.upper()}; re-save the file as UTF-8."
        ) from None


#: the control characters a text does not hold (tab, line feed, form feed and carriage return it may)
_CONTROLS = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    # Counted in the UTF-8 bytes, where a control character is one byte and no other character
    # holds such a byte: bytes.translate deletes them at C speed (a regex scan is 10x slower).
    encoded = sample.encode("utf-8", "surrogatepass")
    controls = len(encoded) - len(encoded.translate(None, _CONTROLS))
    return controls > max(8, len(sample) // 100)
