"""The text normalization of CLAIMS.md: NFC, LF line ends, every Unicode space separator → ' '."""

from __future__ import annotations

import re
import unicodedata

# Zs minus the plain space: replaced one for one so offsets keep their meaning after the swap.
_SPACES = re.compile(
    "["
    + "".join(
        chr(cp) for cp in range(0x80, 0x110000) if unicodedata.category(chr(cp)) == "Zs"
    )
    + "]"
)
_NEWLINES = re.compile(r"\r\n?")


def normalize_text(text: str) -> str:
    if not text.isascii():
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        text = _SPACES.sub(" ", text)
    if "\r" in text:
        text = _NEWLINES.sub("\n", text)
    return text
