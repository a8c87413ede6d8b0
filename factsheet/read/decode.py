"""Raw bytes → str: size and binary guards, BOMs, UTF-8, then a detected single-byte code page."""

from __future__ import annotations

import codecs
import re

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
)
_DECLARED_UTF8 = re.compile(rb"""charset\s*=\s*["']?utf-?8|encoding\s*=\s*["']utf-?8""", re.I)
# Bytes 0x80-0x9F are C1 controls in latin-1 but curly quotes and dashes in cp1252: their
# presence (and the absence of valid UTF-8) is what tells a Windows-saved sheet apart.
_CP1252_ONLY = re.compile(rb"[\x80-\x9f]")


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
        return _strict(raw[3:], "utf-8", name), "utf-8-sig"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(raw, "utf-16", name), "utf-16"
    if b"\x00" in raw[:4096]:
        raise BinaryInputError(
            f"{name} contains NUL bytes: it is binary or UTF-16 without a byte-order mark. "
            "Save it as UTF-8 text or HTML."
        )
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if _DECLARED_UTF8.search(raw[:4096]):
            raise EncodingError(
                f"{name} declares UTF-8 but byte {exc.start} (0x{raw[exc.start]:02x}) is not valid "
                "UTF-8; re-save it as UTF-8 or remove the wrong charset declaration."
            ) from None
    encoding = "cp1252" if _CP1252_ONLY.search(raw) else "latin-1"
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError:  # cp1252 leaves five bytes undefined
        encoding, text = "latin-1", raw.decode("latin-1")
    if _looks_binary(text):
        raise BinaryInputError(f"{name} looks binary (many control characters), not a fact sheet.")
    return text, encoding


def _strict(raw: bytes, encoding: str, name: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise EncodingError(
            f"{name} starts with a {encoding.upper()} byte-order mark but byte {exc.start} is not "
            f"valid {encoding.upper()}; re-save the file."
        ) from None


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    return controls > max(8, len(sample) // 100)
