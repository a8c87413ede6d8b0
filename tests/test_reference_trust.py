"""Issue 13's examples: sheets written from the sources come out true when checked on their date.

Each test names the example of the issue it stands for. Rules are tested on hand-made facts
(``MemoryReference``); the shipped tables only where the example is about them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from factsheet.check import check
from factsheet.check.memory import MemoryReference
from factsheet.model import Claim, Document, Fact
from factsheet.selection import latest_estimate

HORIZONS = {"factbook": "2026-01-22", "pocom": "2020-10-31", "rdcr": "2025-01-01"}


def verdict_of(kind: str, fields: dict[str, Any], facts: list[Fact], *, country: str,
               on: str) -> Any:
    text = "A sentence that states the claim."
    doc = Document(text=text, sha256="t", country=country, published=on)
    claim = Claim(kind, country, fields, (0, len(text)), text)
    [verdict] = check(doc, [claim], MemoryReference(facts, HORIZONS), dt.date.fromisoformat(on))
    return verdict


def poverty(country: str, share: float, year: int | None, observed: str) -> Fact:
    y = str(year) if year else None
    return Fact("factbook", f"{country}/{year}@{observed}", country, "poverty_share",
                {"raw": f"{share:.1%}", "value": share, "year": year}, y, y, observed)


# ---------------------------------------------------------------- estimates


ZA = [poverty("ZZ", 0.313, 2009, "2013-12-31"), poverty("ZZ", 0.166, 2016, "2017-12-31"),
      poverty("ZZ", 0.166, None, "2018-12-31"), poverty("ZZ", 0.555, 2014, "2021-05-23")]


def test_a_2016_estimate_is_not_outdated_by_a_later_snapshot_of_a_2014_one() -> None:
    assert latest_estimate(ZA, dt.date(2026, 1, 22)).value["year"] == 2016  # type: ignore[union-attr]
    v = verdict_of("statistic", {"subject": "poverty_share", "value": 0.166, "year": 2016}, ZA,
                   country="ZZ", on="2026-01-22")
    assert (v.at_publication.verdict, v.now.verdict) == ("supported", "current"), v.message


def test_an_estimate_is_judged_by_what_was_published_by_the_date() -> None:
    # a revision of the 1993 figure published later does not make the 1999 one wrong in 2000
    facts = [poverty("ZZ", 0.253, 1993, "1999-12-31"), poverty("ZZ", 0.09, 1993, "2002-12-31")]
    v = verdict_of("statistic", {"subject": "poverty_share", "value": 0.253, "year": 1993}, facts,
                   country="ZZ", on="2000-06-01")
    assert v.at_publication.verdict == "supported", v.message
    assert latest_estimate(facts, dt.date(2003, 1, 1)).value["value"] == 0.09  # type: ignore[union-attr]


def test_a_newer_year_does_supersede() -> None:
    facts = [poverty("ZZ", 0.35, 2001, "2002-12-31"), poverty("ZZ", 0.22, 2018, "2024-04-04")]
    v = verdict_of("statistic", {"subject": "poverty_share", "value": 0.35, "year": 2001}, facts,
                   country="ZZ", on="2025-01-01")
    assert v.now.verdict == "outdated", v.message


# ---------------------------------------------------------------- holders by snapshot order


def chief(country: str, name: str, title: str, since: str | None, start: str, end: str | None,
          basis: str = "successor") -> Fact:
    raw = f"{title} {name}" + (f" (since {dt.date.fromisoformat(since):%d %B %Y})"
                                 if since and len(since) == 10 else "")
    return Fact("factbook", f"{country}@{start}", country, "us_chief_of_mission",
                {"name": name, "title": title, "since": since, "raw": raw,
                 "end_basis": basis if end else "open"}, start, end, start)


MADAGASCAR = [
    chief("MG", "Amy J. HYATT", "Chargé d'Affaires", "2021-06", "2021-06", "2022-06-23"),
    chief("MG", "Tobias H. GLUCKSMAN", "Chargé d'Affaires", None, "2022-06-23", "2022-12-29"),
    # the ambassador's "since" (2022-05-02) is earlier than the chargé listed before her
    chief("MG", "Claire PIERANGELO", "Ambassador", "2022-05-02", "2022-12-29", None),
]


@pytest.mark.parametrize(("on", "name", "expected"), [
    ("2024-06-01", "Claire Pierangelo", "supported"),
    ("2024-06-01", "Tobias H. Glucksman", "contradicted"),
    ("2022-09-01", "Tobias H. Glucksman", "supported"),
])
def test_the_latest_snapshot_names_the_chief_of_mission_not_the_latest_since(
        on: str, name: str, expected: str) -> None:
    title = "Ambassador" if "Pierangelo" in name else "Chargé d'Affaires"
    v = verdict_of("ambassador", {"side": "us_to_partner", "name": name, "title": title}, MADAGASCAR,
                   country="MG", on=on)
    assert v.at_publication.verdict == expected, v.message
    if expected == "supported":
        assert v.now.verdict == "current", v.message
