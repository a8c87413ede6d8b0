"""A small hand-built reference (real Peru facts) for the render tests, and a test of it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from factsheet.dates import lower_bound, upper_bound
from factsheet.model import Fact

HORIZON = "2026-01-22"
FB = "https://www.cia.gov/the-world-factbook/"


def _f(country: str, predicate: str, value: Any, start: str | None, end: str | None = None,
       source: str = "factbook", observed: str | None = None, record: str = "r") -> Fact:
    return Fact(source, record, country, predicate, value, start, end, observed, FB if source == "factbook" else
                f"https://history.state.gov/{source}/{record}")


def peru_facts() -> list[Fact]:
    orgs_pe = ["UN", "OAS", "APEC", "IMF", "WORLD_BANK", "WTO", "IDB", "INTERPOL", "CELAC"]
    orgs_us = ["UN", "OAS", "APEC", "IMF", "WORLD_BANK", "WTO", "IDB", "INTERPOL", "NATO", "OSCE"]
    facts = [
        _f("PE", "relations.established", {"date": "1827-05-21", "text": "Establishment", "event": "established"},
           "1827-05-21", source="rdcr", record="peru-est"),
        _f("PE", "relations.recognized", {"date": "1826-05-02", "text": "Recognition", "event": "recognized"},
           "1826-05-02", source="rdcr", record="peru-rec"),
        _f("PE", "independence", {"date": "1821-07-28", "from": "Spain", "raw": "28 July 1821 (from Spain)"},
           "1821-07-28", observed="2016-12-31", record="pe-ind"),
        _f("PE", "chief_of_state", {"name": "Pedro Pablo KUCZYNSKI Godard", "title": "President",
                                    "since": "2016-07-28", "raw": "…"}, "2016-07-28", "2018-03-22",
           observed="2017-12-31", record="pe-cos-2016"),
        _f("PE", "head_of_government", {"name": "Pedro Pablo KUCZYNSKI Godard", "title": "President",
                                        "since": "2016-07-28", "raw": "…"}, "2016-07-28", "2018-03-22",
           observed="2017-12-31", record="pe-hog-2016"),
        _f("PE", "chief_of_state", {"name": "Jose Enrique JERI Ore", "title": "President",
                                    "since": "2025-10-10", "raw": "…"}, "2025-11-20", None,
           observed="2026-01-22", record="pe-cos-2025"),
        _f("PE", "head_of_government", {"name": "Jose Enrique JERI Ore", "title": "President",
                                        "since": "2025-10-10", "raw": "…"}, "2025-11-20", None,
           observed="2026-01-22", record="pe-hog-2025"),
        _f("PE", "us_chief_of_mission", {"name": "Brian A. Nichols", "role": "Ambassador", "start": "2014-07-03",
                                         "end": "2017-10-13", "note": None, "person_id": "nichols-brian-a"},
           "2014-07-03", "2017-10-13", source="pocom", record="nichols-brian-a"),
        _f("PE", "us_chief_of_mission", {"name": "Joan PERKINS", "title": "Chargé d'Affaires",
                                         "since": "2025-04-18", "raw": "…"}, "2025-04-18", None,
           observed="2026-01-22", record="pe-com-2026"),
        _f("PE", "embassy_in_us", {"address": "1700 Massachusetts Avenue NW", "city": "Washington", "region": "DC",
                                   "postal_code": "20036", "phones": ["+12028339860"],
                                   "phone_ranges": [["+12028339860", "+12028339869"]], "raw": "…"},
           "2010-01-01", None, observed="2026-01-22", record="pe-emb"),
        _f("PE", "agreement", {"id": "PER-USA[NA]_2006O", "title": "US Peru", "signed": "2006-04-12",
                               "in_force": "2009-02-01", "end": None, "members": ["PE", "US"]},
           "2006-04-12", None, source="agreements", record="PER-USA[NA]_2006O"),
    ]
    facts += [_f("PE", "membership", {"organization": o, "status": "member", "raw": o}, "1990-01-01",
                 observed="2026-01-22", record=f"pe-{o}") for o in orgs_pe]
    facts += [_f("US", "membership", {"organization": o, "status": "member", "raw": o}, "1990-01-01",
                 observed="2026-01-22", record=f"us-{o}") for o in orgs_us]
    return facts


class FakeReference:
    """The reference API of CONTRACTS.md over a list of facts."""

    def __init__(self, facts: list[Fact] | None = None, horizon: str | None = HORIZON) -> None:
        self._facts = peru_facts() if facts is None else facts
        self._horizon = horizon

    def facts(self, country: str, predicate: str, on: dt.date | None = None) -> list[Fact]:
        out = []
        for fact in self._facts:
            if fact.country != country or fact.predicate != predicate:
                continue
            if on is not None:
                if fact.valid_from and lower_bound(fact.valid_from) > on:
                    continue
                if fact.valid_to and upper_bound(fact.valid_to) < on:
                    continue
            out.append(fact)
        return out

    def horizon(self, predicate: str | None = None) -> str | None:
        return self._horizon


def test_fake_reference_filters_by_date() -> None:
    ref = FakeReference()
    assert [f.record for f in ref.facts("PE", "chief_of_state", dt.date(2017, 1, 25))] == ["pe-cos-2016"]
    assert [f.record for f in ref.facts("PE", "chief_of_state", dt.date(2026, 1, 22))] == ["pe-cos-2025"]
    assert ref.facts("PE", "chief_of_state", dt.date(2019, 1, 1)) == []


# -- a hand-written earlier edition (our own prose), with hand-made claims and verdicts ---------

EDITION = """U.S. Relations With Peru

Bureau of Western Hemisphere Affairs
Fact Sheet
March 3, 2016

U.S.-PERU RELATIONS

The United States and Peru have had diplomatic relations since 1827. The U.S.-Peru Trade Promotion Agreement (TPA) was signed in 2009.

Peru Today

President Ollanta Humala has been in office since July 2011. Roughly a fifth of Peruvians live below the poverty line.

U.S. Assistance to Peru

The United States provided $75 million in Foreign Assistance funds to Peru in Fiscal Year 2015.

Bilateral Economic Relations

Two-way goods trade reached $15.5 billion in 2014and kept growing. About 450,000 Americans traveled to Peru in 2014.

Peru's Membership in International Organizations

Peru and the United States are both members of the United Nations, the World Bank, and the World Trade Organization.

Bilateral Representation

Brian A. Nichols is the U.S. Ambassador to Peru.

Peru's embassy in the United States is at 1700 Massachusetts Avenue, NW, Washington, DC 20036; tel. (202) 833-9860.

More information about Peru is available from the Department of State and other sources, some of which are listed here:

Department of State Peru Page
CIA World Factbook Peru Page
"""

# (type, fields, quote, verdict at publication, verdict now)
EDITION_CLAIMS: list[tuple[str, dict[str, Any], str, str, str]] = [
    ("relations.established", {"year": 1827}, "have had diplomatic relations since 1827", "supported", "current"),
    ("agreement", {"name": "U.S.-Peru Trade Promotion Agreement", "short_name": "TPA", "event": "signed",
                   "year": 2009}, "The U.S.-Peru Trade Promotion Agreement (TPA) was signed in 2009.",
     "contradicted", "contradicted"),
    ("leader", {"name": "Ollanta Humala", "title": "President", "since": "2011-07"},
     "President Ollanta Humala has been in office since July 2011.", "supported", "outdated"),
    ("statistic", {"subject": "poverty_share", "value": 0.2, "qualifier": "roughly"},
     "Roughly a fifth of Peruvians live below the poverty line", "unverifiable", "unknown"),
    ("assistance", {"value_usd": 75_000_000, "fiscal_year": 2015}, "$75 million", "unverifiable", "unknown"),
    ("trade", {"flow": "two_way", "scope": "goods", "value_usd": 15_500_000_000, "year": 2014},
     "Two-way goods trade reached $15.5 billion in 2014", "unverifiable", "unknown"),
    ("people", {"kind": "visitors", "direction": "us_to_partner", "count": 450000, "year": 2014,
                "qualifier": "about"}, "About 450,000 Americans traveled to Peru in 2014.", "unverifiable", "unknown"),
    ("membership", {"organization": "UN", "status": "member", "shared_with_us": True}, "United Nations",
     "supported", "current"),
    ("membership", {"organization": "WORLD_BANK", "status": "member", "shared_with_us": True}, "World Bank",
     "supported", "current"),
    ("membership", {"organization": "WTO", "status": "member", "shared_with_us": True}, "World Trade Organization",
     "supported", "current"),
    ("ambassador", {"side": "us_to_partner", "name": "Brian A. Nichols", "title": "Ambassador"},
     "Brian A. Nichols is the U.S. Ambassador to Peru", "supported", "outdated"),
    ("embassy", {"side": "partner_in_us", "kind": "embassy", "address": "1700 Massachusetts Avenue, NW",
                 "city": "Washington", "region": "DC", "postal_code": "20036", "phone": "+12028339860"},
     "1700 Massachusetts Avenue, NW, Washington, DC 20036; tel. (202) 833-9860", "supported", "current"),
]


def peru_edition(check_date: str = "2026-11-27") -> tuple[Any, list[Any], list[Any]]:
    from factsheet import read
    from factsheet.model import Assessment, Claim, Verdict

    doc = read(EDITION.encode())
    claims, verdicts = [], []
    for i, (kind, fields, quote, at_pub, now) in enumerate(EDITION_CLAIMS):
        start = doc.text.index(quote)
        section = doc.section_at(start)
        claims.append(Claim(kind, "PE", fields, (start, start + len(quote)), quote,
                            section.heading if section else None))
        verdicts.append(Verdict(i, Assessment("2016-03-03", at_pub), Assessment(check_date, now,
                                                                                horizon=HORIZON),
                                f"V-{kind.upper()}-{now.upper()}", f"{kind}: {at_pub}, now {now}"))
    return doc, claims, verdicts


def test_edition_reads_as_expected() -> None:
    doc, claims, _ = peru_edition()
    assert doc.country == "PE" and doc.published == "2016-03-03"
    assert doc.sections[0].heading == "U.S.-PERU RELATIONS"
    assert all(doc.text[c.span[0]:c.span[1]] == c.quote for c in claims)
