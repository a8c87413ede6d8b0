"""Accent and case folding shared by every lookup table and name comparison."""

from __future__ import annotations

import unicodedata


def fold_accents(text: str) -> str:
    """Case-folded, without combining accents, punctuation kept: "JERÍ Oré" → "jeri ore"."""
    if text.isascii():  # nothing to decompose (most text): the per-character pass is skipped
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
