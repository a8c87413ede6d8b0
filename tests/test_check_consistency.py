"""Internal findings within a sheet and across editions (no reference data involved)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from factsheet.check import check
from factsheet.check.base import Edition
from factsheet.check.consistency import across_editions, within_sheet
from factsheet.check.memory import MemoryReference
from factsheet.model import Claim, Document

EMPTY = MemoryReference([])


def sheet(text: str, published: str, claims: list[tuple[str, str, dict[str, Any]]],
          country: str = "PE") -> tuple[Document, list[Claim]]:
    doc = Document(text=text, sha256=f"{published}-{len(text)}", country=country,
                   published=published, title="U.S. Relations With Peru")
    out = []
    for quote, kind, fields in claims:
        start = text.index(quote)
        out.append(Claim(kind, country, fields, (start, start + len(quote)), quote))
    return doc, out


def codes(findings: list[Any]) -> list[tuple[int, str]]:
    return sorted((f.claim, f.code) for f in findings)


def test_future_tense_about_a_date_before_publication() -> None:
    doc, claims = sheet(
        "The two countries will celebrate 200 years of relations in December 2022. Trade grew.",
        "2023-03-01",
        [("will celebrate 200 years of relations in December 2022", "relations.established",
          {"year": 1822})])
    found = within_sheet(doc, claims)
    assert codes(found) == [(0, "V-CONS-FUTURE-PAST")]
    assert "December 2022" in found[0].message and "2023-03-01" in found[0].message
    # the same sentence in a sheet published before December 2022 is fine
    doc2 = Document(text=doc.text, sha256="y", country="PE", published="2022-06-01")
    assert within_sheet(doc2, claims) == []
    # past tense about the same date is fine
    doc3, claims3 = sheet("The two countries celebrated 200 years of relations in December 2022.",
                          "2023-03-01", [("celebrated 200 years", "relations.established",
                                          {"year": 1822})])
    assert within_sheet(doc3, claims3) == []


def test_the_text_wide_future_screen_misses_no_sentence() -> None:
    # every text in which _FUTURE matches passes the screen, whatever the case or the letters
    # that re.IGNORECASE folds (dotted and dotless i, long s)
    from factsheet.check.consistency import _FUTURE, _may_speak_of_future

    pieces = ["Peru will host", "it IS SCHEDULED TO", "an upcoming visit", "swill", "willing",
              "they plan to", "Forthcoming talks", "no tense here", "is set to open", "ſhall",
              "İntends to", "are due to", "Is Going To", "are slated to", "are expected to"]
    for a in pieces:
        for b in pieces:
            text = f"{a}. {b}"
            if _FUTURE.search(text):
                assert _may_speak_of_future(text), text
    assert _FUTURE.search("ſhall") and _FUTURE.search("İntends to")
    assert not _may_speak_of_future("Peru and the United States trade goods.")
    # a sheet with no future word has no future-tense finding (the test above: one with it has)
    doc, claims = sheet("Relations were established in 1826. The embassy opened in 1827.",
                        "2023-03-01", [("established in 1826", "relations.established",
                                        {"year": 1826})])
    assert within_sheet(doc, claims) == []


def test_since_after_publication_and_term_order() -> None:
    doc, claims = sheet(
        "President A. Example has served since March 2021. President B. Sample took office in "
        "July 2016 and his term ends in July 2015.",
        "2020-02-01",
        [("President A. Example has served since March 2021", "leader",
          {"name": "A. Example", "title": "President", "since": "2021-03"}),
         ("President B. Sample took office in July 2016 and his term ends in July 2015", "leader",
          {"name": "B. Sample", "title": "President", "since": "2016-07", "term_ends": "2015-07"})])
    assert codes(within_sheet(doc, claims)) == [(0, "V-CONS-SINCE-AFTER-PUBLICATION"),
                                                (1, "V-CONS-TERM-ORDER")]


def test_trade_sums() -> None:
    text = ("U.S. agricultural exports were $2.1 billion in 2015. U.S. exports totaled $1.8 billion "
            "in 2015. Two-way trade was $1.5 billion in 2015. U.S. exports were $1.1 billion in 2014.")
    doc, claims = sheet(text, "2016-05-01", [
        ("U.S. agricultural exports were $2.1 billion in 2015", "trade",
         {"flow": "us_exports", "scope": "agricultural", "value_usd": 2.1e9, "year": 2015}),
        ("U.S. exports totaled $1.8 billion in 2015", "trade",
         {"flow": "us_exports", "scope": "total", "value_usd": 1.8e9, "year": 2015}),
        ("Two-way trade was $1.5 billion in 2015", "trade",
         {"flow": "two_way", "value_usd": 1.5e9, "year": 2015}),
        ("U.S. exports were $1.1 billion in 2014", "trade",
         {"flow": "us_exports", "value_usd": 1.1e9, "year": 2014}),
    ])
    found = codes(within_sheet(doc, claims))
    assert (0, "V-CONS-PART-ABOVE-TOTAL") in found and (1, "V-CONS-PART-ABOVE-TOTAL") in found
    assert (2, "V-CONS-TWO-WAY-BELOW-FLOW") in found and (1, "V-CONS-TWO-WAY-BELOW-FLOW") in found
    assert not any(i == 3 for i, _ in found)  # another year: no finding


def test_rounding_is_not_an_inconsistency() -> None:
    # $1.1 billion of a part vs "$1 billion" total: within the total's rounding (0.5 billion)
    doc, claims = sheet("Farm exports were $1.1 billion in 2015 of $1 billion in all.", "2016-01-01", [
        ("Farm exports were $1.1 billion in 2015", "trade",
         {"flow": "us_exports", "scope": "agricultural", "value_usd": 1.1e9, "year": 2015}),
        ("$1 billion in all", "trade", {"flow": "us_exports", "value_usd": 1e9, "year": 2015}),
    ])
    assert within_sheet(doc, claims) == []


def test_seed_gold_claims_are_consistent(shared: Any) -> None:
    gold = json.loads((shared / "gold" / "000_a886b017fe743fdd.claims.json").read_text())
    text = (shared / "seeds" / "000_a886b017fe743fdd.txt").read_text()
    from factsheet import read

    doc = read(shared / "seeds" / "000_a886b017fe743fdd.txt")
    assert doc.text.startswith(text[:20])
    assert within_sheet(doc, [Claim.from_json(c) for c in gold["claims"]]) == []


def test_agreement_given_two_signing_years() -> None:
    doc, claims = sheet("The FTA was signed in 2004. Since the FTA's signing in 2005, trade grew. "
                        "The FTA entered into force in 2006.", "2010-01-01", [
        ("The FTA was signed in 2004", "agreement",
         {"name": "U.S.-Peru FTA", "short_name": "FTA", "event": "signed", "year": 2004}),
        ("Since the FTA's signing in 2005", "agreement",
         {"name": "FTA", "short_name": "FTA", "event": "signed", "year": 2005}),
        ("The FTA entered into force in 2006", "agreement",
         {"name": "FTA", "short_name": "FTA", "event": "entered_into_force", "year": 2006}),
    ])
    assert codes(within_sheet(doc, claims)) == [(0, "V-CONS-AGREEMENT-DATES"),
                                                (1, "V-CONS-AGREEMENT-DATES")]


def test_editions_same_metric_and_year() -> None:
    old = sheet("Two-way trade was $9 billion in 2009.", "2012-01-01", [
        ("Two-way trade was $9 billion in 2009", "trade",
         {"flow": "two_way", "value_usd": 9e9, "year": 2009})])
    new = sheet("Two-way trade was $12 billion in 2009. It was $9.2 billion in 2010.", "2014-01-01", [
        ("Two-way trade was $12 billion in 2009", "trade",
         {"flow": "two_way", "value_usd": 12e9, "year": 2009}),
        ("$9.2 billion in 2010", "trade", {"flow": "two_way", "value_usd": 9.2e9, "year": 2010})])
    found = across_editions(*new, [Edition(old[0], tuple(old[1]))])
    assert codes(found) == [(0, "V-CONS-EDITION-VALUE")]
    assert found[0].evidence[0].source == "edition" and found[0].evidence[0].snapshot == "2012-01-01"
    assert "$9 billion" in found[0].message and "$12 billion" in found[0].message
    # a revision within rounding is not flagged
    same = sheet("Two-way trade was $9.4 billion in 2009.", "2014-01-01", [
        ("Two-way trade was $9.4 billion in 2009", "trade",
         {"flow": "two_way", "value_usd": 9.4e9, "year": 2009})])
    assert across_editions(*same, [Edition(old[0], tuple(old[1]))]) == []


def test_editions_going_back_in_time() -> None:
    def leader(published: str, name: str, since: str) -> tuple[Document, list[Claim]]:
        text = f"President {name} has been in office since {since}."
        return sheet(text, published, [(text, "leader", {"name": name, "title": "President",
                                                         "since": since})])

    older = leader("2019-01-01", "Martin Vizcarra", "2018-03")
    newer = leader("2020-01-01", "Pedro Pablo Kuczynski", "2016-07")
    found = across_editions(*newer, [Edition(older[0], tuple(older[1]))])
    assert codes(found) == [(0, "V-CONS-EDITION-BACKWARDS")]
    # the older edition is not the one going backwards
    assert across_editions(*older, [Edition(newer[0], tuple(newer[1]))]) == []

    def ambassador(published: str, name: str) -> tuple[Document, list[Claim]]:
        text = f"The U.S. Ambassador to Peru is {name}."
        return sheet(text, published, [(text, "ambassador", {"side": "us_to_partner",
                                                             "name": name, "title": "Ambassador"})])

    a, b, c = (ambassador("2015-01-01", "Brian A. Nichols"), ambassador("2018-01-01", "Krishna R. Urs"),
               ambassador("2019-01-01", "Brian A. Nichols"))
    found = across_editions(*c, [Edition(a[0], tuple(a[1])), Edition(b[0], tuple(b[1]))])
    assert codes(found) == [(0, "V-CONS-EDITION-BACKWARDS")]
    assert across_editions(*b, [Edition(a[0], tuple(a[1]))]) == []


def test_check_turns_findings_into_inconsistent_verdicts() -> None:
    doc, claims = sheet("Two-way trade was $1 billion in 2015, and U.S. exports were $3 billion in 2015.",
                        "2016-01-01", [
        ("Two-way trade was $1 billion in 2015", "trade",
         {"flow": "two_way", "value_usd": 1e9, "year": 2015}),
        ("U.S. exports were $3 billion in 2015", "trade",
         {"flow": "us_exports", "value_usd": 3e9, "year": 2015})])
    verdicts = check(doc, claims, EMPTY, dt.date(2026, 1, 1))
    assert [v.at_publication.verdict for v in verdicts] == ["inconsistent", "inconsistent"]
    assert [v.now.verdict for v in verdicts] == ["unknown", "unknown"]
    assert verdicts[0].code == "V-CONS-TWO-WAY-BELOW-FLOW"
    assert verdicts[0].at_publication.evidence[0].claim == 1
    assert "V-TRADE-UNVERIFIABLE" in verdicts[0].findings
    # editions given as plain (document, claims) pairs work too
    other = sheet("Two-way trade was $5 billion in 2015.", "2017-01-01", [
        ("Two-way trade was $5 billion in 2015", "trade",
         {"flow": "two_way", "value_usd": 5e9, "year": 2015})])
    verdicts = check(doc, claims, EMPTY, dt.date(2026, 1, 1), editions=[other])
    assert "V-CONS-EDITION-VALUE" in verdicts[0].findings
