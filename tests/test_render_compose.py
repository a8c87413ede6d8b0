"""Composing a sheet from hand-built reference facts: structure, voice, dates, no placeholders."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from test_render_fakes import FakeReference, peru_edition

from factsheet.errors import InvalidDateError, NoSheetError, UnknownCountryError
from factsheet.render import render_sheet


def _no_placeholders(text: str) -> None:
    for bad in ("None", "null", "{", "}", "TODO", "XXX", "??", "nan"):
        assert bad not in text, f"{bad!r} in the sheet"


def test_current_sheet_past_the_horizon() -> None:
    sheet = render_sheet("Peru", dt.date(2026, 11, 27), FakeReference())
    text = sheet.to_text()
    lines = text.splitlines()
    assert lines[:5] == ["U.S. Relations With Peru", "", "Bureau of Western Hemisphere Affairs", "Fact Sheet",
                         "November 27, 2026"]
    assert "as of January 22, 2026, the latest date the sources cover" in text
    assert sheet.covered_to == "2026-01-22" and sheet.date == "2026-11-27"
    assert [s.heading for s in sheet.sections] == [
        "U.S.-Peru Relations", "Peru Today", "Bilateral Economic Relations",
        "Peru's Membership in International Organizations", "Bilateral Representation",
    ]
    assert "established diplomatic relations with Peru in 1827" in text
    assert "independence from Spain in 1821" in text
    assert "President Jose Enrique Jeri has been in office since October 10, 2025." in text
    assert "KUCZYNSKI" not in text and "JERI" not in text
    assert "Trade Promotion Agreement (TPA) was signed in 2006 and entered into force in 2009." in text
    assert "The U.S. Chargé d'Affaires in Peru is Joan Perkins" in text
    assert "1700 Massachusetts Avenue, NW, Washington, DC 20036; tel. (202) 833-9860." in text
    # organizations both belong to, not those only one does
    assert "Organization of American States" in text and "North Atlantic" not in text and "CELAC" not in text
    assert text.rstrip().endswith("Travel Information")
    _no_placeholders(text)


def test_sheet_on_a_past_date_uses_the_facts_of_that_date() -> None:
    text = render_sheet("PE", "2017-01-25", FakeReference()).to_text()
    assert "January 25, 2017" in text
    assert "President Pedro Pablo Kuczynski has been in office since July 28, 2016." in text
    assert "The U.S. Ambassador to Peru is Brian A. Nichols" in text
    assert "latest date the sources cover" not in text


def test_missing_data_writes_no_sentence() -> None:
    # 2019: no leader and no chief-of-mission fact in the fake data covers that date
    sheet = render_sheet("PE", "2019-06-01", FakeReference())
    text = sheet.to_text()
    assert "Ambassador" not in text and "Chargé" not in text
    # the leaders' section is not dropped silently: it says the sources name nobody on the date
    today = next(sec for sec in sheet.sections if sec.key == "today")
    [note] = [s for p in today.paragraphs for s in p.sentences]
    assert note.claims == () and "name no leader of Peru on June 1, 2019" in note.text
    _no_placeholders(text)
    # sources with nothing at all about the place: a usage error that says so, never an empty sheet
    with pytest.raises(NoSheetError, match="no government and no relations"):
        render_sheet("PE", "2019-06-01", FakeReference(facts=[]))


def test_agreement_not_yet_in_force_is_only_signed() -> None:
    text = render_sheet("PE", "2007-01-01", FakeReference()).to_text()
    assert "was signed in 2006." in text and "entered into force" not in text


def test_bad_country_and_date() -> None:
    with pytest.raises(UnknownCountryError):
        render_sheet("Atlantis", "2020-01-01", FakeReference())
    with pytest.raises(UnknownCountryError):
        render_sheet("US", "2020-01-01", FakeReference())
    with pytest.raises(InvalidDateError):
        render_sheet("PE", "2021-02-30", FakeReference())


def test_every_sentence_states_facts_with_sources() -> None:
    sheet = render_sheet("PE", "2026-11-27", FakeReference())
    for sentence in sheet.sentences():
        if sentence.origin == "reference":
            assert sentence.claims and sentence.facts and sentence.all_sources()
    data = sheet.to_json()
    first = data["sections"][0]["paragraphs"][0][0]
    assert first["claims"][0] == {"type": "relations.established",
                                  "fields": {"year": 1827, "after": "independence from Spain"}}
    assert {s["source"] for s in first["sources"]} == {"rdcr", "factbook"}
    assert all({"source", "record", "citation", "snapshot"} <= set(s) for s in first["sources"])


def test_base_edition_claims_are_carried_over_unchanged() -> None:
    doc, claims, verdicts = peru_edition()
    sheet = render_sheet("PE", "2026-11-27", FakeReference(), base=(doc, claims, verdicts))
    text = sheet.to_text()
    # uncheckable: carried with their years, typing slips fixed ("2014and")
    assert "Two-way goods trade reached $15.5 billion in 2014 and kept growing." in text
    assert "About 450,000 Americans traveled to Peru in 2014." in text
    assert "Roughly a fifth of Peruvians live below the poverty line." in text
    assert "U.S. Assistance to Peru" in [s.heading for s in sheet.sections]
    # checked: rewritten from the sources, the old wording is gone
    assert "signed in 2009" not in text and "Ollanta Humala" not in text and "Nichols" not in text
    assert "Ollanta" not in text
    carried = [s for s in sheet.sentences() if s.origin == "carried"]
    assert all(s.all_sources()[0].source == "edition" for s in carried)
    assert sorted(i for s in carried for i in s.base_claims) == [3, 4, 5, 6]
    # the sections stay in the genre's order
    assert [s.key for s in sheet.sections] == ["relations", "today", "other", "economic", "membership",
                                               "representation"]
    assert sheet.links == ("Department of State Peru Page", "CIA World Factbook Peru Page")
    assert re.search(r"Peru Today\n\nPresident Jose Enrique Jeri [^\n]+ Roughly a fifth", text) is None


def _ref_with(*extra: object) -> FakeReference:
    from test_render_fakes import peru_facts

    return FakeReference(facts=[*peru_facts(), *extra])  # type: ignore[list-item]


def test_severance_and_reestablishment() -> None:
    from factsheet.model import Fact

    def rel(pred: str, day: str, text: str = "t") -> Fact:
        return Fact("rdcr", day, "PE", pred, {"date": day, "text": text, "event": pred}, day)

    new_state = "Division of Germany and the Establishment of Diplomatic Relations with the German Federal Republic (FRG), 1949-1955"
    ref = _ref_with(rel("relations.severed", "1917-02-03"), rel("relations.restored", "1921-12-10"),
                    rel("relations.severed", "1941-12-11"), rel("relations.established", "1949-09-21", new_state))
    sheet = render_sheet("PE", "2026-11-27", ref)
    text = sheet.to_text()
    # a restoration reads as one; a new establishment (a new state) as an establishment, never "again"
    assert "severed diplomatic relations with Peru in 1917; relations were restored in 1921." in text
    assert ("severed diplomatic relations with Peru in 1941 and established diplomatic relations with the "
            "Federal Republic of Germany in 1949.") in text
    assert {"type": "relations.restored", "fields": {"year": 1921}} in sheet.claims()
    assert {"type": "relations.established", "fields": {"year": 1949}} in sheet.claims()
    before = render_sheet("PE", "1945-01-01", ref).to_text()
    assert "in 1949" not in before and "in 1941." in before
    # an rdcr establishment that names no state: the country's own name
    plain = _ref_with(rel("relations.severed", "1941-12-11"), rel("relations.established", "1949-09-21"))
    assert "in 1941 and established diplomatic relations with Peru in 1949." in render_sheet(
        "PE", "2026-11-27", plain).to_text()


def test_un_mission_when_the_embassy_is_in_new_york() -> None:
    from factsheet.model import Fact

    facts = [f for f in FakeReference().facts("PE", "embassy_in_us")]
    mission = Fact("factbook", "pe-un", "PE", "embassy_in_us",
                   {"address": "Permanent Mission to the UN, 820 Second Avenue, Suite #1600", "city": "New York",
                    "region": "NY", "postal_code": "10017", "phones": ["+12126874400"]},
                   "2025-01-01", None, "2026-01-22")
    ref = FakeReference(facts=[f for f in FakeReference()._facts if f not in facts] + [mission])
    sheet = render_sheet("PE", "2026-11-27", ref)
    text = sheet.to_text()
    assert ("Peru has no embassy in Washington, DC, but has a permanent mission to the United Nations in New "
            "York. The mission is located at 820 Second Avenue, Suite 1600, New York, NY 10017; tel. (212) 687-4400."
            ) in text
    claim = next(c for c in sheet.claims() if c["type"] == "embassy")
    assert claim["fields"]["kind"] == "un_mission" and claim["fields"]["suite"] == "Suite 1600"


def test_leaders_left_out_when_not_the_countrys_leader() -> None:
    from factsheet.model import Fact

    deputy = Fact("factbook", "d", "PE", "head_of_government",
                  {"name": "Mohammed B.S. JALLOW", "title": "Vice President", "since": "2024-02-23"},
                  "2024-02-23", None, "2026-01-22")
    debris = Fact("factbook", "x", "PE", "chief_of_state",
                  {"name": "Presidential Council, Mohammed al-MANFI", "title": "President", "since": "2021-02-05"},
                  "2026-01-01", None, "2026-01-22")
    text = render_sheet("PE", "2026-11-27", _ref_with(deputy, debris)).to_text()
    assert "Jallow" not in text and "Presidential Council" not in text
    assert "President Jose Enrique Jeri has been in office since October 10, 2025." in text


def test_carried_sentence_keeps_the_sentence_it_points_back_to() -> None:
    from factsheet import read
    from factsheet.extract import extract

    doc = read(b"U.S. Relations With Peru\n\nFact Sheet\nMarch 3, 2016\n\nU.S. Assistance to Peru\n\n"
               b"Lima has pledged to halve coca cultivation in the valleys of the south by the end of the decade. "
               b"U.S. assistance advances these aims through bilateral programs that support alternative "
               b"development and better governance.\n")
    claims = extract(doc)
    assert [c.type for c in claims] == ["assistance"]
    sheet = render_sheet("PE", "2026-11-27", FakeReference(), base=(doc, claims))
    carried = [s for s in sheet.sentences() if s.origin == "carried"]
    assert [s.text for s in carried] == [
        "Lima has pledged to halve coca cultivation in the valleys of the south by the end of the decade. "
        "U.S. assistance advances these aims through bilateral programs that support alternative development "
        "and better governance."]
    assert carried[0].base_claims == (0,)


def test_leader_titles_in_the_genres_words() -> None:
    from factsheet.render.wording import leader_title

    assert leader_title("Queen of Australia", government=False) == ("Queen", "Queen")
    assert leader_title("President of the Islamic Republic of Afghanistan", government=False) == (
        "President", "President")
    assert leader_title("Prime Minister and Co-Vice President", government=True) == ("Prime Minister", "Prime Minister")
    assert leader_title("King and Prime Minister", government=False) == ("King", "King")
    assert leader_title("Acting Presidents", government=False) == ("Acting President", "President")
    assert leader_title("French Coprince", government=False) == ("Co-prince", "Co-prince")
    assert leader_title("President of the Government of Spain", government=True) == (
        "President of the Government", "President of the Government")
    assert leader_title("GNU Interim Prime Minister", government=True) == ("Interim Prime Minister", "Prime Minister")
    chairman = "Chairman of the Council of Ministers"
    assert leader_title(chairman, government=True)[0] == chairman  # no country in it: unchanged


def test_embassy_address_cleaned_of_source_notes() -> None:
    from factsheet.model import Fact

    facts = [f for f in FakeReference().facts("PE", "embassy_in_us")]
    odd = Fact("factbook", "tv", "PE", "embassy_in_us",
               {"address": "Note - Peru does not have an embassy in Washington, D.C.; UN office located at 800 2nd "
                           "Avenue, 2nd floor", "city": "New York City", "region": "NY", "postal_code": "10017"},
               "2025-01-01", None, "2026-01-22")
    ref = FakeReference(facts=[f for f in FakeReference()._facts if f not in facts] + [odd])
    sheet = render_sheet("PE", "2026-11-27", ref)
    assert "The mission is located at 800 2nd Avenue, 2nd Floor, New York, NY 10017." in sheet.to_text()
