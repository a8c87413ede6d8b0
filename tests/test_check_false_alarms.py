"""Issue 12: timeless and perishable facts, qualifiers as bounds, curated events, no false alarms.

Sheets and clauses here are written for the project (facts real, sentences our own)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from factsheet import read
from factsheet.check import check
from factsheet.check.curated import load_events, settle
from factsheet.errors import ReferenceDataError
from factsheet.extract import extract
from factsheet.model import Claim, Document, Verdict
from factsheet.reference import load_reference

NOW = dt.date(2026, 11, 27)
REF = load_reference()


def one(kind: str, fields: dict[str, Any], quote: str, *, country: str,
        published: str | None = "2016-06-30", as_of: dt.date = NOW) -> Verdict:
    doc = Document(text=quote, sha256="t", country=country, published=published)
    [verdict] = check(doc, [Claim(kind, country, fields, (0, len(quote)), quote)], REF, as_of)
    return verdict


# -- point 3: timeless and perishable ---------------------------------------------------------


def test_in_effect_since_stays_current_unless_an_end_is_recorded() -> None:
    fields = {"name": "U.S.-Singapore Free Trade Agreement", "short_name": "FTA",
              "event": "in_effect_since", "year": 2004}
    v = one("agreement", fields, "Singapore and the United States have had a free trade "
            "agreement in effect since 2004.", country="SG")
    assert v.at_publication.verdict == "supported"
    # manytrade ends in 2021, years before the check date, and records no end: still current
    assert v.now.verdict == "current" and "No source records an end" in v.message


def test_signed_year_is_timeless() -> None:
    fields = {"name": "U.S.-Singapore Free Trade Agreement", "short_name": "FTA",
              "event": "signed", "year": 2003}
    v = one("agreement", fields, "The two countries signed a free trade agreement in 2003.",
            country="SG", as_of=dt.date(2040, 1, 1))
    assert (v.at_publication.verdict, v.now.verdict) == ("supported", "current")


# -- point 5: qualifiers as bounds ------------------------------------------------------------


def _poverty(quote: str, value: float, qualifier: str | None = None) -> Verdict:
    fields: dict[str, Any] = {"subject": "poverty_share", "value": value}
    if qualifier:
        fields["qualifier"] = qualifier
    return one("statistic", fields, quote, country="PE", published="2019-06-30")


def test_more_than_is_a_lower_bound() -> None:
    # the loaded Factbook of 2018 gives Peru 20.7% (2016 est.)
    assert _poverty("More than 10 percent of Peruvians live in poverty.", 0.10,
                    "more than").at_publication.verdict == "supported"
    # read as a point value, 10% would be far outside the 5-point tolerance
    v = _poverty("About 10 percent of Peruvians live in poverty.", 0.10, "about")
    assert v.at_publication.verdict != "supported"
    v = _poverty("More than 40 percent of Peruvians live in poverty.", 0.40, "more than")
    assert v.at_publication.verdict == "contradicted"


def test_less_than_and_nearly_are_bounds_too() -> None:
    assert _poverty("Less than 40 percent of Peruvians live in poverty.", 0.40,
                    "less than").at_publication.verdict == "supported"
    # the qualifier is read from the clause when the claim lacks it
    assert _poverty("Nearly 25 percent of Peruvians live in poverty.",
                    0.25).at_publication.verdict == "supported"
    assert _poverty("Nearly 10 percent of Peruvians live in poverty.",
                    0.10).at_publication.verdict == "contradicted"


# -- point 6: curated events --------------------------------------------------------------------


def test_curated_table_loads_and_is_validated(tmp_path: Path) -> None:
    events = load_events()
    assert {e.id for e in events} >= {"gsp-lapsed-2020", "usaid-programs-to-state-2025"}
    assert all(re.search(r"https?://", e.citation) for e in events)
    bad = tmp_path / "events.json"
    bad.write_text(json.dumps({"events": [{"id": "x", "date": "2020-12-31", "subject": "s",
                                           "current": "c", "types": ["agreement"],
                                           "match": "GSP", "citation": "no address"}]}))
    with pytest.raises(ReferenceDataError, match="public address"):
        load_events(bad)
    bad.write_text(json.dumps({"events": [{"id": "x", "date": "2020"}]}))
    with pytest.raises(ReferenceDataError, match="lacks"):
        load_events(bad)


def test_usaid_claim_is_outdated_now_with_the_citation() -> None:
    quote = "USAID supports health and education programs across the country."
    fields = {"agency": "USAID", "purposes": ["health", "education"]}
    v = one("assistance", fields, quote, country="PE", published="2019-06-30")
    assert v.now.verdict == "outdated" and v.now.evidence[0].source == "curated"
    assert "state.gov" in (v.now.evidence[0].citation or "")
    # a sheet published after the event, all present tense: contradicted
    v = one("assistance", fields, quote, country="PE", published="2025-10-01")
    assert v.at_publication.verdict == "contradicted"
    # past tense: history, not affected; before the event: not yet
    past = one("assistance", fields, "USAID funded schools there in the 1990s.", country="PE",
               published="2019-06-30")
    assert past.now.verdict == "unknown"
    early = one("assistance", fields, quote, country="PE", published="2019-06-30",
                as_of=dt.date(2024, 1, 1))
    assert early.now.verdict == "unknown"


def test_gsp_claim_and_other_claims_keep_their_sources() -> None:
    events = load_events()
    claim = Claim("agreement", "PE", {"name": "Generalized System of Preferences",
                                      "event": "eligible"}, (0, 10),
                  "Peru is eligible for trade benefits under the GSP program.")
    v = one("agreement", dict(claim.fields), claim.quote, country="PE", published="2018-03-01")
    assert v.now.verdict == "outdated" and "GSP lapsed" in (v.now.current or "")
    other = one("relations.established", {"year": 1827},
                "The United States established relations with Peru in 1827.", country="PE")
    assert settle(claim.__class__("relations.established", "PE", {"year": 1827}, (0, 5), "x"),
                  other, None, None, NOW, events) is other


# -- point 7: no false alarms -------------------------------------------------------------------


def test_independence_from_another_predecessor_is_not_contradicted() -> None:
    # the Dominican Republic restored its independence from Spain in 1865; the sources record
    # 1844 (from Haiti): a country can have become independent more than once
    v = one("independence", {"from": "Spain", "year": 1865},
            "following its independence from Spain in 1865", country="DO")
    assert v.at_publication.verdict == "unverifiable" and "more than once" in v.message
    # the sheet's own country as predecessor: another country's independence (Kosovo's)
    v = one("independence", {"from": "Serbia", "year": 2008},
            "Kosovo declared its independence from Serbia in 2008", country="RS")
    assert v.at_publication.verdict == "unverifiable" and "another country" in v.message
    # same predecessor and a year far from the source's: still contradicted
    v = one("independence", {"from": "Portugal", "year": 1990},
            "following its independence from Portugal in 1990", country="CV")
    assert v.at_publication.verdict == "contradicted"


def test_predecessor_spellings_match() -> None:
    v = one("independence", {"from": "a United Nations trusteeship"},
            "following its independence from a United Nations trusteeship", country="PG")
    assert v.at_publication.verdict == "supported"
    v = one("independence", {"from": "France and the United Kingdom"},
            "after its independence from France and the United Kingdom", country="VU")
    assert v.at_publication.verdict == "supported"


def test_a_derived_year_cannot_contradict_or_conflict() -> None:
    text = ("The United States established diplomatic relations with Vietnam in 1950. "
            "In 2015 the two countries marked the 20th anniversary of diplomatic relations.")
    doc = Document(text=text, sha256="t", country="VN", published="2016-08-25")
    first = Claim("relations.established", "VN", {"year": 1950}, (0, 72), text[:72])
    derived = Claim("relations.established", "VN", {"year": 1996, "derived_from": "anniversary"},
                    (73, len(text)), text[73:])
    verdicts = check(doc, [first, derived], REF, NOW)
    assert verdicts[1].at_publication.verdict == "unverifiable"
    assert "derived" in verdicts[1].message
    assert all(v.at_publication.verdict not in ("contradicted", "inconsistent") for v in verdicts)


def test_an_old_snapshot_cannot_contradict_a_statistic() -> None:
    # the loaded Factbook's latest Angola figure before 2016 is from its 2009 edition
    v = one("statistic", {"subject": "poverty_share", "value": 0.667},
            "About two-thirds of the population lives in poverty.", country="AO",
            published="2016-09-26")
    assert v.at_publication.verdict == "unverifiable" and "years older" in v.message


# The corpus: every contradicted or inconsistent verdict at publication is listed here and in
# docs/checking.md with why it is right (none since issue 12). Any other one fails the test.
LISTED: set[tuple[str, int]] = set()


def test_corpus_has_no_unlisted_false_alarm(shared: Path) -> None:
    manifest = json.loads((shared / "corpus" / "manifest.json").read_text(encoding="utf-8"))
    found: set[tuple[str, int]] = set()
    undated_leaders = 0
    for entry in manifest:
        path = shared / "corpus" / "sheets" / f"{entry['id']}.txt"
        doc = read(path)
        claims = extract(doc)
        for c, v in zip(claims, check(doc, claims, REF, NOW), strict=True):
            if v.at_publication.verdict in ("contradicted", "inconsistent"):
                found.add((entry["id"], v.claim))
            if doc.published is None and c.type == "leader" and not c.low_confidence \
                    and "a mention of the past" not in v.message:  # not who holds office
                # (a low-confidence claim is reported, not counted: a profile line's monarch)
                undated_leaders += 1
                assert v.now.verdict in ("current", "outdated"), (entry["id"], v.message)
        # the harness may also give what the manifest knows: the page's address, and its date
        # where the reader finds none
        given = entry["published"] if entry["published"] and not doc.published else None
        known = read(path, url=entry["url"])
        for v in check(known, extract(known), REF, NOW, published=given):
            if v.at_publication.verdict in ("contradicted", "inconsistent"):
                found.add((entry["id"], v.claim))
    assert found <= LISTED, f"unlisted contradicted/inconsistent verdicts: {sorted(found - LISTED)}"
    assert undated_leaders >= 1


# -- point 4: representation without names ------------------------------------------------------


def _amb(country: str, side: str, title: str, quote: str, published: str) -> Verdict:
    return one("ambassador", {"side": side, "title": title}, quote, country=country,
               published=published)


def test_charge_versus_ambassador_both_sides() -> None:
    v = _amb("SD", "us_to_partner", "Charge d'Affaires",
             "The U.S. Embassy in Khartoum is headed by a Chargé d'Affaires.", "2024-06-01")
    assert v.at_publication.verdict == "supported" and "Crenwelge" in v.message
    assert v.now.verdict == "current"
    # Iceland had an ambassador in 2023: an unnamed chargé is wrong then, right now
    v = _amb("IS", "us_to_partner", "Charge d'Affaires",
             "The U.S. Embassy in Reykjavik is headed by a Chargé d'Affaires.", "2023-06-01")
    assert v.at_publication.verdict == "contradicted" and v.now.verdict == "current"
    v = _amb("BY", "partner_to_us", "Charge d'Affaires",
             "Belarus's embassy in Washington is headed by a Chargé d'Affaires.", "2024-06-01")
    assert v.at_publication.verdict == "supported"


def test_protecting_power_and_no_embassy_from_the_mission_note() -> None:
    v = _amb("KP", "us_to_partner", "Ambassador", "Sweden serves as the protecting power for "
             "the United States in North Korea.", "2021-06-01")
    assert v.at_publication.verdict == "supported" and "Swedish" in v.message
    v = _amb("VU", "us_to_partner", "Ambassador",
             "The United States does not have an embassy in Vanuatu.", "2021-06-01")
    assert v.at_publication.verdict == "supported"
    # no loaded source records a suspension in 2023: unverifiable, never "names no one"
    v = _amb("SD", "us_to_partner", "Ambassador", "The United States suspended operations at "
             "its embassy in Khartoum in April 2023.", "2024-06-01")
    assert v.at_publication.verdict == "unverifiable" and "names no one" not in v.message
