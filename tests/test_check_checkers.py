"""Per-type checkers against a small in-memory reference (the CONTRACTS.md API)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import FIXTURES

from factsheet.check import check
from factsheet.check.memory import MemoryReference
from factsheet.model import Claim, Document, Fact

REF = MemoryReference.from_json(FIXTURES / "check" / "reference.json")
NOW = dt.date(2026, 11, 27)


def one(kind: str, fields: dict[str, Any], published: str | None = "2017-01-25",
        country: str = "PE", as_of: dt.date = NOW, reference: Any = REF) -> Any:
    text = "A sentence that states the claim."
    doc = Document(text=text, sha256="t", country=country, published=published)
    claim = Claim(kind, country, fields, (0, len(text)), text)
    [verdict] = check(doc, [claim], reference, as_of)
    return verdict


def test_leader_since_precision() -> None:
    v = one("leader", {"name": "Pedro Pablo Kuczynski", "title": "President", "since": "2016-07"})
    assert v.at_publication.verdict == "supported"
    v = one("leader", {"name": "Pedro Pablo Kuczynski", "title": "President", "since": "2016"})
    assert v.at_publication.verdict == "supported"
    # within 45 days of the Factbook's start: an inauguration or election date, supported
    v = one("leader", {"name": "Pedro Pablo Kuczynski", "title": "President", "since": "2016-08"})
    assert v.at_publication.verdict == "supported" and "within 45 days" in v.message
    v = one("leader", {"name": "Pedro Pablo Kuczynski", "title": "President", "since": "2016-11"})
    assert v.at_publication.verdict == "contradicted"
    assert "since 2016-07-28" in v.message


def test_leader_term_end_from_term_length() -> None:
    ok = one("leader", {"name": "Pedro Pablo Kuczynski", "title": "President", "since": "2016-07",
                        "term_ends": "2021-07"})
    assert ok.at_publication.verdict == "supported" and "5 years" in ok.message
    bad = one("leader", {"name": "Pedro Pablo Kuczynski", "title": "President", "since": "2016-07",
                         "term_ends": "2022-07"})
    assert bad.at_publication.verdict == "contradicted"
    assert bad.code == "V-LEAD-TERM-CONTRADICTED"
    # a successor serving out the term his predecessor began: 2016-07-28 + 5 years
    heir = one("leader", {"name": "Martin Vizcarra", "title": "President", "term_ends": "2021-07"},
               published="2019-01-10")
    assert heir.at_publication.verdict == "supported", heir.message
    assert "began on 2016-07-28" in heir.message


def test_perishable_facts_go_unknown_long_after_the_horizon() -> None:
    # the U.S. list still has the UN at the horizon (2026-01-22): current within a year of it
    claim = {"organization": "UN", "status": "member", "shared_with_us": True}
    assert one("membership", claim).now.verdict == "current"
    late = one("membership", claim, as_of=dt.date(2028, 1, 1))
    assert late.now.verdict == "unknown" and late.now.horizon == "2026-01-22"
    assert "more than 365 days" in (late.now.reason or "")
    # an outdated fact stays outdated; a timeless one stays current
    amb = {"side": "us_to_partner", "name": "Brian A. Nichols", "title": "Ambassador"}
    assert one("ambassador", amb, as_of=dt.date(2030, 1, 1)).now.verdict == "outdated"
    assert one("relations.established", {"year": 1827}, as_of=dt.date(2030, 1, 1)).now.verdict == "current"


def test_unverifiable_with_a_reason() -> None:
    # undated (issue 12): judged over the whole possible range, and now on the check date
    v = one("leader", {"name": "Pedro Pablo Kuczynski", "title": "President"}, published=None)
    assert v.at_publication.verdict == "unverifiable" and v.now.verdict == "outdated"
    assert "undated" in (v.at_publication.reason or "") and "but not on" in v.message
    v = one("relations.established", {"year": 1900}, country="FJ")
    assert v.at_publication.verdict == "unverifiable" and "rdcr has no relations history" in v.message
    v = one("embassy", {"side": "us_in_partner", "kind": "embassy", "address": "Avenida La Encalada"})
    assert v.code == "V-EMB-UNVERIFIABLE"
    v = one("statistic", {"subject": "literacy", "value": 0.9})
    assert v.at_publication.verdict == "unverifiable" and "literacy" in v.message
    v = one("novelty", {})
    assert v.code == "V-UNKNOWN-TYPE" and v.at_publication.verdict == "unverifiable"
    for kind in ("trade", "investment", "people", "assistance"):
        v = one(kind, {"flow": "two_way", "value_usd": 1e9, "year": 2015})
        assert v.at_publication.verdict == "unverifiable" and v.now.verdict == "unknown"
        assert v.at_publication.reason


def test_agreement_events() -> None:
    signed = {"name": "U.S.-Peru Trade Promotion Agreement", "short_name": "TPA", "event": "signed"}
    assert one("agreement", {**signed, "year": 2006}).at_publication.verdict == "supported"
    assert one("agreement", {**signed, "date": "2006-04-12"}).at_publication.verdict == "supported"
    wrong = one("agreement", {**signed, "year": 2009})
    assert wrong.code == "V-AGR-CONTRADICTED" and "2009 is the year it entered into force" in wrong.message
    assert one("agreement", {"name": "TPA", "short_name": "TPA", "event": "entered_into_force",
                             "date": "2009-02"}).at_publication.verdict == "supported"
    anniversary = one("agreement", {"name": "TPA", "short_name": "TPA", "event": "anniversary",
                                    "year": 2019, "years": 10})
    assert anniversary.at_publication.verdict == "supported"
    none = one("agreement", {"name": "Bilateral Investment Treaty", "short_name": "BIT",
                             "event": "signed", "year": 1993})
    assert none.at_publication.verdict == "unverifiable"


def test_membership_of_both_countries() -> None:
    shared = one("membership", {"organization": "NATO", "status": "member", "shared_with_us": True})
    assert shared.at_publication.verdict == "contradicted"
    alone = one("membership", {"organization": "IDB", "status": "member", "shared_with_us": False})
    assert alone.at_publication.verdict == "supported"
    # the U.S. list decides shared_with_us
    ref = REF.with_facts([Fact("factbook", "x", "PE", "membership",
                               {"organization": "CAN", "status": "member", "raw": "CAN"},
                               "2016-12-31", "2026-01-22", "2016-12-31")])
    v = one("membership", {"organization": "CAN", "status": "member", "shared_with_us": True},
            reference=ref)
    assert v.at_publication.verdict == "contradicted" and "United States" in v.message


def test_also_accredited_ambassador() -> None:
    facts = [
        Fact("pocom", "fj-1", "FJ", "us_chief_of_mission",
             {"name": "Judith Beth Cefkin", "role": "Ambassador", "start": "2015-11-19",
              "end": "2018-12-31"}, "2015-11-19", "2018-12-31"),
        Fact("pocom", "ki-1", "KI", "us_chief_of_mission",
             {"name": "Judith Beth Cefkin", "role": "Ambassador", "start": "2016-03-01",
              "end": "2018-12-31"}, "2016-03-01", "2018-12-31"),
        Fact("pocom", "ki-2", "KI", "us_chief_of_mission",
             {"name": "Other Person", "role": "Ambassador", "start": "2019-01-01", "end": None},
             "2019-01-01", None),
    ]
    ref = MemoryReference(facts, {"pocom": "2020-10-31"})
    fields = {"side": "us_to_partner", "title": "Ambassador", "resident_in": "FJ",
              "also_accredited_to": ["KI"]}
    v = one("ambassador", fields, published="2017-05-01", country="KI", reference=ref)
    assert v.at_publication.verdict == "supported", v.message
    v = one("ambassador", fields, published="2020-05-01", country="KI", reference=ref)
    assert v.at_publication.verdict in ("contradicted", "unverifiable")


@pytest.mark.parametrize("published", ["2017", "2017-01", "2017-01-25"])
def test_publication_precision(published: str) -> None:
    v = one("ambassador", {"side": "us_to_partner", "name": "Brian A. Nichols",
                           "title": "Ambassador"}, published=published)
    assert v.at_publication.verdict == "supported"


def _leader_facts(last_seen_end: bool) -> MemoryReference:
    value = {"name": "Pedro Pablo KUCZYNSKI Godard", "title": "President", "since": "2016-07-28",
             "raw": "President Pedro Pablo KUCZYNSKI Godard (since 28 July 2016)"}
    if last_seen_end:
        value |= {"end_basis": "last_seen", "last_seen": "2017-12-31"}
    return MemoryReference([Fact("factbook", "pe", "PE", "chief_of_state", value, "2016-07-28",
                                 "2017-12-31" if last_seen_end else None, "2016-12-31")],
                           {"factbook": "2026-01-22"})


def test_a_gap_in_the_history_is_unknown_not_current() -> None:
    fields = {"name": "Pedro Pablo Kuczynski", "title": "President"}
    gap = one("leader", fields, reference=_leader_facts(True))
    assert gap.at_publication.verdict == "supported" and gap.now.verdict == "unknown"
    assert "Now unknown" in gap.message
    still = one("leader", fields, reference=_leader_facts(False))
    assert still.now.verdict == "current"


def test_constitutional_term_when_no_source_states_it() -> None:
    fields = {"name": "Pedro Pablo Kuczynski", "title": "President", "since": "2016-07",
              "term_ends": "2021-07"}
    v = one("leader", fields, reference=_leader_facts(False))
    assert v.at_publication.verdict == "supported" and "constitutional term" in v.message
    v = one("leader", {**fields, "term_ends": "2020-07"}, reference=_leader_facts(False))
    assert v.code == "V-LEAD-TERM-CONTRADICTED"


def test_a_month_dated_sheet_is_right_if_the_claim_held_during_the_month() -> None:
    amb = {"side": "us_to_partner", "name": "Brian A. Nichols", "title": "Ambassador"}
    pocom = MemoryReference([
        Fact("pocom", "n", "PE", "us_chief_of_mission", {"name": "Brian A. Nichols",
             "role": "Ambassador", "start": "2014-07-03", "end": "2017-10-13"}),
        Fact("pocom", "u", "PE", "us_chief_of_mission", {"name": "Krishna R. Urs",
             "role": "Ambassador", "start": "2017-10-18", "end": None})], {"pocom": "2020-10-31"})
    # Nichols left on 2017-10-13: right for a sheet of October 2017, wrong for November
    october = one("ambassador", amb, published="2017-10", reference=pocom)
    assert october.at_publication.verdict == "supported" and "first day" in october.message
    assert october.at_publication.date == "2017-10-01"
    november = one("ambassador", amb, published="2017-11", reference=pocom)
    assert november.at_publication.verdict == "contradicted"
