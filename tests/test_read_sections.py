"""Section headings, their variants, unknown headings, PROFILE lists and the closing link list."""

from __future__ import annotations

import pytest

from factsheet import read

PARAGRAPH = ("The two countries work together on trade, security, health and education, and their "
             "officials meet often to review the partnership.")


def headings(*lines: str) -> list[str]:
    text = "U.S. Relations With Peru\nBureau of Western Hemisphere Affairs\nFact Sheet\nMay 2, 2016\n\n"
    text += "\n\n".join(lines) + "\n"
    return [s.heading for s in read(text.encode()).sections]


@pytest.mark.parametrize(
    "heading",
    ["U.S.-PERU RELATIONS", "U.S.- Peru Relations", "U.S. - Peru Relations", "U.S.–Peru Relations",
     "U.S.-Peru Bilateral Relations", "United States-Peru Relations", "Peru Today",
     "U.S. Assistance to Peru", "U.S. Assistance to Philippines", "U.S. Assistance",
     "Bilateral Economic Relations", "Bilateral Economic Issues", "Economic Relations",
     "Peru's Membership in International Organizations",
     "Peru’s Membership in International Organizations",
     "Peru Membership in International Organizations", "Membership in International Organizations",
     "Bilateral Representation", "BILATERAL REPRESENTATION", "Bilateral Representation:",
     "Pandemic Response", "Peace and Security", "Travel to Peru", "Public Diplomacy Environment",
     "Border and International Security",
     # unknown headings: short title-like lines between paragraphs
     "Energy and Climate Cooperation", "Countering Transnational Crime", "COVID-19 RESPONSE",
     "Science, Technology and Innovation"],
)
def test_heading_variants(heading: str) -> None:
    assert headings(PARAGRAPH, heading, PARAGRAPH) == [heading]


@pytest.mark.parametrize(
    "line",
    ["The two countries agree", "Department of State Peru Page", "1700 Massachusetts Avenue NW",
     "Ambassador--Brian A. Nichols", "Lima, Peru", "$14 billion in two-way trade",
     "a line in lower case only"],
)
def test_lines_that_are_not_headings(line: str) -> None:
    # Between two short lines (a list), or before another short line, nothing is a heading.
    assert headings(PARAGRAPH, line, "Short line", PARAGRAPH) == []


def test_profile_of_the_2000s_background_notes() -> None:
    text = ("Background Note: Peru\nBureau of Western Hemisphere Affairs\nMarch 2008\n\nPROFILE\n\n"
            "Geography\nArea: 1.28 million sq. km. (496,225 sq. mi.); slightly smaller than Alaska.\n"
            "Cities: Capital--Lima.\n\nPeople\nNationality: Noun and adjective--Peruvian(s).\n"
            "Population (2007 est.): 28.7 million.\n\nPEOPLE\n\n" + PARAGRAPH + "\n")
    doc = read(text.encode())
    assert (doc.kind, doc.published, doc.country) == ("background_note", "2008-03", "PE")
    assert [s.heading for s in doc.sections] == ["PROFILE", "PEOPLE"]


def test_closing_without_a_colon_and_bulleted_links() -> None:
    text = (PARAGRAPH + "\n\nMore information about Peru is available from the Department of State "
            "and other sources listed here\n\n- Department of State Peru Page\n• Travel Information\n")
    doc = read(text.encode())
    assert doc.links == ("Department of State Peru Page", "Travel Information")
    assert [doc.text[b.start:b.end] for b in doc.blocks if b.kind == "link"] == list(doc.links)


def test_link_list_ends_at_prose() -> None:
    text = (PARAGRAPH + "\n\nMore information about Peru is available from the Department of State "
            "and other sources, some of which are listed here:\n\nTravel Information\n" + PARAGRAPH + "\n")
    doc = read(text.encode())
    assert doc.links == ("Travel Information",)
    assert doc.blocks[-1].kind == "paragraph"


def test_title_repeated_is_header() -> None:
    doc = read(b"U.S. Relations With Peru\nU.S. Relations With Peru\nBureau of Western Hemisphere "
               b"Affairs\nMay 2, 2016\n\n" + PARAGRAPH.encode() + b"\n")
    assert [b.kind for b in doc.blocks] == ["header"] * 4 + ["paragraph"]
