"""Dates named by reference: "That year, the two countries signed …", "… that same day".

An event sentence that states no date of its own but points at one ("that year", "the same
year", "that same day") took place at the date it points to: the last date before the words in
the same sentence, else the last date of the sentence before it in the same paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from . import rules
from .pipeline import Unit

_SAME_TIME = re.compile(r"\b(?:[Tt]hat|the\s+same|that\s+same)\s+(?P<unit>year|day)\b")
_DATE = re.compile(rules.expand(r"(?P<date><<DATE>>)"))


def same_time(units: Sequence[Unit], unit: Unit) -> str | None:
    """The date "that year"/"that same day" in ``unit`` stands for, as written (a year only
    for "year"); None when the sentence has no such words or nothing they can point at."""
    prev = units[unit.index - 1] if unit.index > 0 else None
    before = prev.text if prev is not None and prev.block == unit.block else None
    return _pointed(unit.text, before)


@lru_cache(maxsize=256)
def _pointed(text: str, before: str | None) -> str | None:
    # cached: every dateless event of a sentence asks again, and the answer is the sentence's
    m = _SAME_TIME.search(text)
    if m is None:
        return None
    dates = list(_DATE.finditer(text, 0, m.start()))
    if not dates and before is not None:
        dates = list(_DATE.finditer(before))
    if not dates:
        return None
    raw = dates[-1]["date"]
    if m["unit"] == "year":
        years = re.findall(r"\d{4}", raw)
        return years[-1] if years else None
    return raw
