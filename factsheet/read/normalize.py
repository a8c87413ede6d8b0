"""The text normalization of CLAIMS.md: NFC, LF line ends, every Unicode space separator → ' '."""

from __future__ import annotations

import re
import unicodedata

# Zs minus the plain space: replaced one for one so offsets keep their meaning after the swap.
_SPACES = "".join(
    chr(cp) for cp in range(0x110000) if cp != 0x20 and unicodedata.category(chr(cp)) == "Zs"
)
_SPACE_TABLE = str.maketrans(_SPACES, " " * len(_SPACES))
_NEWLINES = re.compile(r"\r\n?")


def normalize_text(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = _NEWLINES.sub("\n", text)
    return text.translate(_SPACE_TABLE)
