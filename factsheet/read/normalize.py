"""The text normalization of CLAIMS.md: NFC, LF line ends, every Unicode space separator → ' '."""

from __future__ import annotations

import re
import unicodedata

#: The Unicode space separators (category Zs) other than U+0020, written out because computing
#: them at import takes a third of a second; tests/test_read_encodings.py checks the list against
#: the running Python's Unicode database.
SPACE_SEPARATORS = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_NEWLINES = re.compile(r"\r\n?")


def normalize_text(text: str) -> str:
    if not text.isascii():
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        # Replaced one for one, so that offsets keep their meaning after the swap; a search per
        # separator (C-speed, and none at all for the ones wider than the text's characters)
        # costs half a regex scan of the text.
        for space in SPACE_SEPARATORS:
            if space in text:
                text = text.replace(space, " ")
    if "\r" in text:
        text = _NEWLINES.sub("\n", text)
    return text
