"""The change list of an update, from a hand-made edition with hand-made verdicts."""

from __future__ import annotations

from test_render_fakes import FakeReference, peru_edition

from factsheet.render.compose import Base, render_sheet
from factsheet.render.update import Update, compute_changes


def _update(as_of: str = "2026-11-27") -> Update:
    doc, claims, verdicts = peru_edition(as_of)
    sheet = render_sheet("PE", as_of, FakeReference(), base=(doc, claims, verdicts))
    changes = compute_changes(Base(doc, tuple(claims), tuple(verdicts)), sheet)
    return Update(sheet, tuple(changes), doc, tuple(claims), tuple(verdicts))


def test_change_list_names_each_correction_and_update() -> None:
    result = _update()
    lines = {c.to_text() for c in result.changes}
    assert "Trade Promotion Agreement: signed in 2009 → signed in 2006, in force since 2009" in lines
    assert "President: Ollanta Humala (since July 2011) → Jose Enrique Jeri (since October 10, 2025)" in lines
    assert "U.S. Ambassador: Brian A. Nichols → Chargé d'Affaires Joan Perkins (since April 18, 2025)" in lines
    kinds = {c.to_text(): c.kind for c in result.changes}
    assert kinds["Trade Promotion Agreement: signed in 2009 → signed in 2006, in force since 2009"] == "corrected"
    assert kinds["U.S. Ambassador: Brian A. Nichols → Chargé d'Affaires Joan Perkins (since April 18, 2025)"] == "updated"


def test_every_old_claim_is_accounted_for() -> None:
    result = _update()
    seen = sorted(i for c in result.changes for i in c.claims)
    assert seen == list(range(len(result.claims)))
    by_claim = {i: c.kind for c in result.changes for i in c.claims}
    assert [by_claim[i] for i in (3, 4, 5, 6)] == ["carried"] * 4
    assert by_claim[0] == "kept" and by_claim[11] == "kept"
    assert {by_claim[i] for i in (7, 8, 9)} == {"kept"}


def test_additions_and_carried_lines() -> None:
    result = _update()
    added = [c for c in result.changes if c.kind == "added"]
    assert any(c.label == "Independence" and c.new == "from Spain in 1821" for c in added)
    orgs = next(c for c in added if c.label == "Shared international organizations")
    assert orgs.new is not None and "Organization of American States" in orgs.new and "United Nations" not in orgs.new
    carried = {c.label: c for c in result.changes if c.kind == "carried"}
    assert carried["Two-way trade (goods)"].old == "$15.5 billion in 2014"
    text = result.changes_text()
    assert text.startswith("Changes since the March 3, 2016 edition (sheet dated November 27, 2026; "
                           "the sources cover up to January 22, 2026):")
    assert "5 claims confirmed by the sources and kept" in text
    data = result.to_json()
    assert data["sheet"]["date"] == "2026-11-27" and len(data["changes"]) == len(result.changes)


def test_update_on_the_publication_date_changes_little() -> None:
    result = _update("2016-03-03")
    # no leader or chief-of-mission fact covers early 2016 in the fake data: nothing replaces them,
    # and their (hand-made) verdicts say outdated, so they are listed as removed, not kept
    kinds = {c.label: c.kind for c in result.changes}
    assert kinds["Trade Promotion Agreement"] == "corrected"
    assert "latest date the sources cover" not in result.sheet.to_text()


def test_claims_described_without_placeholders() -> None:
    from factsheet.render.claimtext import describe, label

    assert describe("people", {"kind": "visitors", "direction": "us_to_partner", "count": 500000,
                               "period": "year", "qualifier": "more than"}) == "more than 500,000 a year"
    assert label("investment", {"direction": "us_in_partner", "value_usd": 6.4e9, "year": 2015}) == "U.S. investment"
    assert describe("investment", {"direction": "us_in_partner", "value_usd": 6.4e9, "year": 2015}) == \
        "$6.4 billion in 2015"
    unnamed = describe("ambassador", {"side": "us_to_partner", "title": "Ambassador", "also_accredited_to": ["KI"]})
    assert unnamed == "Ambassador, name not given (also accredited to KI)"
    for text in (unnamed, describe("trade", {"flow": "two_way", "year": 2015})):
        assert "?" not in text and "None" not in text
