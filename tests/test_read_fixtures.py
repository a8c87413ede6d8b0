"""The project's own fixture sheets against their golden structures.

Each ``tests/fixtures/sheets/r_*`` sheet has a golden ``tests/fixtures/structure/<stem>.json``.
To regenerate the goldens after a deliberate change of the reader, run
``FACTSHEET_REGEN_GOLDEN=1 .venv/bin/python -m pytest tests/test_read_fixtures.py`` and review every
changed file by hand (``git diff tests/fixtures/structure``) before committing: a golden is only
worth what its review was.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES

from factsheet import Document, read

SHEETS = sorted((FIXTURES / "sheets").glob("r_*"))
GOLDEN = FIXTURES / "structure"

# Written by hand from the sheets themselves (independent of the goldens).
EXPECTED: dict[str, tuple[str | None, str, str, str, str, int]] = {
    # stem: (title, country, kind, published, bureau, number of links)
    "r_burma_2015": ("U.S. Relations with Burma", "MM", "fact_sheet", "2015-01-20",
                     "Bureau of East Asian and Pacific Affairs", 9),
    "r_cabo_verde_2021": ("U.S. Relations With Cabo Verde", "CV", "fact_sheet", "2021-01-19",
                          "Bureau of African Affairs", 11),
    "r_cape_verde_1995": ("BACKGROUND NOTES: CAPE VERDE", "CV", "background_note", "1995-12",
                          "Bureau of African Affairs", 0),
    "r_cote_divoire_2022": ("U.S. Relations With Côte d’Ivoire", "CI", "fact_sheet", "2022-01-20",
                            "Bureau of African Affairs", 9),
    "r_holy_see_2018": ("U.S. Relations With the Holy See", "VA", "fact_sheet", "2018-03-06",
                        "Bureau of European and Eurasian Affairs", 7),
    "r_mexico_2020": ("U.S. Relations With Mexico", "MX", "fact_sheet", "2020-09-04",
                      "Bureau of Western Hemisphere Affairs", 12),
    "r_north_korea_2018": (None, "KP", "fact_sheet", "2018-04-09",
                           "Bureau of East Asian and Pacific Affairs", 7),
    "r_peru_1998": ("Background Notes: Peru, March 1998", "PE", "background_note", "1998-03",
                    "Bureau of Inter-American Affairs", 0),
    "r_philippines_2017": ("U.S. Relations With the Philippines", "PH", "fact_sheet", "2017-01-23",
                           "Bureau of East Asian and Pacific Affairs", 15),
    "r_vietnam_2016": ("U.S. Relations With Vietnam", "VN", "fact_sheet", "2016-05-19",
                       "Bureau of East Asian and Pacific Affairs", 12),
}


def structure(doc: Document) -> dict[str, Any]:
    return {
        "title": doc.title,
        "country": doc.country,
        "bureau": doc.bureau,
        "kind": doc.kind,
        "published": doc.published,
        "media_type": doc.media_type,
        "encoding": doc.encoding,
        "sections": [s.to_json() for s in doc.sections],
        "links": list(doc.links),
        "paragraphs": sum(1 for b in doc.blocks if b.kind == "paragraph"),
        "sentences": len(doc.sentences),
    }


def test_fixture_set_is_complete() -> None:
    assert len(SHEETS) >= 8
    assert {p.stem for p in SHEETS} == set(EXPECTED)
    assert {p.suffix for p in SHEETS} == {".txt", ".html"}
    for sheet in SHEETS:
        assert (GOLDEN / f"{sheet.stem}.json").exists(), f"no golden for {sheet.name}"


@pytest.mark.parametrize("sheet", SHEETS, ids=[p.stem for p in SHEETS])
def test_golden_structure(sheet: Path) -> None:
    doc = read(sheet)
    got = structure(doc)
    path = GOLDEN / f"{sheet.stem}.json"
    if os.environ.get("FACTSHEET_REGEN_GOLDEN"):
        path.write_text(json.dumps(got, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert got == json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("sheet", SHEETS, ids=[p.stem for p in SHEETS])
def test_hand_expectations(sheet: Path) -> None:
    doc = read(sheet)
    title, country, kind, published, bureau, links = EXPECTED[sheet.stem]
    assert (doc.title, doc.country, doc.kind, doc.published, doc.bureau, len(doc.links)) == (
        title, country, kind, published, bureau, links)


@pytest.mark.parametrize("sheet", SHEETS, ids=[p.stem for p in SHEETS])
def test_offsets_point_into_the_text(sheet: Path) -> None:
    doc = read(sheet)
    text = doc.text
    assert "\r" not in text and "\u00a0" not in text
    previous_end = 0
    for section in doc.sections:
        assert text[section.start:section.end].startswith(section.heading)
        assert section.start >= previous_end and section.end > section.body_start >= section.start
        assert not text[section.end - 1].isspace()
        previous_end = section.end
    for block in doc.blocks:
        # A block is one line; only in hard-wrapped text it is one paragraph of lines.
        assert "\n" not in text[block.start:block.end] or sheet.stem == "r_cape_verde_1995"
        assert "\n\n" not in text[block.start:block.end]
        assert text[block.start:block.end] == text[block.start:block.end].strip()
    for sentence in doc.sentences:
        block = doc.blocks[sentence.block]
        assert block.kind == "paragraph"
        assert block.start <= sentence.start < sentence.end <= block.end  # never crosses a block
        assert sentence.section == block.section
    assert [text[b.start:b.end] for b in doc.blocks if b.kind == "link"] == list(doc.links)


def test_headings_of_every_era() -> None:
    headings = {p.stem: [s.heading for s in read(p).sections] for p in SHEETS}
    assert headings["r_mexico_2020"][0] == "U.S.- Mexico Relations"  # stray space
    assert "Mexico Membership in International Organizations" in headings["r_mexico_2020"]
    assert "Travel to Mexico" in headings["r_mexico_2020"]
    assert "U.S. Assistance to Philippines" in headings["r_philippines_2017"]
    assert "Pandemic Response" in headings["r_cabo_verde_2021"]
    # Unknown headings, found as short title-like lines between paragraphs.
    assert headings["r_north_korea_2018"][:2] == ["Sanctions and Nonproliferation", "Humanitarian Concerns"]
    # The PROFILE's sub-labels ("People" above Key--value lines) are not sections.
    assert headings["r_peru_1998"] == [
        "PROFILE", "PEOPLE AND HISTORY", "GOVERNMENT AND POLITICAL CONDITIONS", "ECONOMY",
        "U.S.-PERUVIAN RELATIONS", "Principal U.S. Officials", "TRAVEL AND BUSINESS INFORMATION"]


def test_hard_wrapped_background_note_keeps_paragraphs_whole() -> None:
    doc = read(FIXTURES / "sheets" / "r_cape_verde_1995.txt")
    assert [s.heading for s in doc.sections] == [
        "PROFILE", "PEOPLE", "HISTORY", "GOVERNMENT AND POLITICAL CONDITIONS",
        "U.S.-CAPE VERDEAN RELATIONS", "Principal U.S. Officials"]
    people = [doc.text[s.start:s.end] for s in doc.sentences if s.section == "PEOPLE"]
    assert len(people) == 3 and people[0].startswith("Most Cape Verdeans") and people[0].endswith("trade.")
    officials = [doc.text[b.start:b.end] for b in doc.blocks if b.section == "Principal U.S. Officials"]
    assert officials[1:3] == ["Ambassador--Joseph M. Segars", "Deputy Chief of Mission--Peter A. Chaveas"]
