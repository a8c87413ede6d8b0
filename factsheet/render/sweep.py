"""The self-check: render a country's sheet on a date, read it back, extract and check it on that
same date. A sheet written from the sources must come out with no ``contradicted``,
``inconsistent`` or ``outdated`` claim; anything else is a fault of the reference tables, the
writer or the checker. Used by ``bench/sweep.py`` (all countries, eight dates) and the test suite.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

#: the issue's dates; the last one is the Factbook's horizon (leaders, chiefs of mission)
SWEEP_DATES = tuple(dt.date.fromisoformat(d) for d in (
    "1995-06-01", "2000-06-01", "2005-06-01", "2010-06-01", "2015-06-01", "2020-06-01",
    "2024-06-01", "2026-01-22"))

#: the verdicts a sheet of true facts must never get
BAD = ("contradicted", "inconsistent", "outdated")


@dataclass(frozen=True)
class Problem:
    country: str
    date: str
    verdict: str  # contradicted | inconsistent | outdated | error | empty
    claim_type: str
    text: str
    message: str

    def line(self) -> str:
        return f"{self.country} {self.date} {self.verdict} {self.claim_type}: {self.text!r} — {self.message}"


@dataclass
class SweepResult:
    sheets: int = 0
    claims: int = 0
    problems: list[Problem] = field(default_factory=list)
    #: claims a sheet declares that the extractor did not read back (not checked; see round trip)
    unread: int = 0
    skipped: list[tuple[str, str, str]] = field(default_factory=list)  # usage errors: not a sheet

    def counts(self) -> dict[str, Counter[str]]:
        """Per date: problems by verdict."""
        out: dict[str, Counter[str]] = {}
        for p in self.problems:
            out.setdefault(p.date, Counter())[p.verdict] += 1
        return out


def declared_unread(country: str, on: dt.date, reference: Any) -> int:
    """How many claims the rendered sheet declares beyond those the extractor reads back."""
    from ..extract import extract
    from ..read import read
    from . import render_sheet

    sheet = render_sheet(country, on, reference)
    declared = sum(len(s.claims) for s in sheet.sentences())
    return max(0, declared - len(extract(read(sheet.to_text().encode("utf-8")))))


def check_rendered(country: str, on: dt.date, reference: Any,
                   check_reference: Any = None) -> tuple[int, list[Problem]]:
    """Render ``country`` on ``on``, then read, extract and check the text on the same date
    (against ``check_reference``, default the same reference). Returns the number of claims
    checked and the problems found."""
    from ..check import check
    from ..extract import extract
    from ..read import read
    from . import render_sheet

    sheet = render_sheet(country, on, reference)
    text = sheet.to_text()
    document = read(text.encode("utf-8"))
    claims = extract(document)
    verdicts = check(document, claims, check_reference or reference, on)
    date = on.isoformat()
    problems = []
    for v in verdicts:
        claim = claims[v.claim]
        for verdict in (v.at_publication.verdict, v.now.verdict):
            if verdict in BAD:
                problems.append(Problem(country, date, verdict, claim.type, claim.quote, v.message))
                break
    if not any(s.claims for s in sheet.sentences()):
        problems.append(Problem(country, date, "empty", "-", sheet.title, "the sheet states no claim"))
    return len(claims), problems


def sweep(countries: Iterable[str], dates: Iterable[dt.date], reference: Any, *,
          count_unread: bool = False) -> SweepResult:
    """Every (country, date): render, then check on the same date (``count_unread``: also count
    the declared claims the extractor does not read back)."""
    from ..errors import UsageError

    result = SweepResult()
    dates = list(dates)
    for country in sorted(countries):
        for on in dates:
            try:
                n, problems = check_rendered(country, on, reference)
            except UsageError as exc:  # a place or date no sheet can speak of: said, not written
                result.skipped.append((country, on.isoformat(), str(exc)))
                continue
            result.sheets += 1
            result.claims += n
            result.problems += problems
            if count_unread:
                result.unread += declared_unread(country, on, reference)
    return result
