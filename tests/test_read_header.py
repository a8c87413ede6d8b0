"""The header of every era: title, country, bureau, kind and published date with its precision."""

from __future__ import annotations

import pytest

from factsheet import read

BODY = (
    "\n\nMore information about {x} is available on the {x} Page and from other Department of State "
    "publications and other sources listed at the end of this fact sheet.\n\n"
    "Bilateral Representation\n\nThe U.S. Ambassador to {x} is Jane Q. Doe; other principal embassy "
    "officials are listed in the Department's Key Officers List.\n"
)


def sheet(header: str, country: str = "Peru") -> bytes:
    return (header + BODY.format(x=country)).encode("utf-8")


@pytest.mark.parametrize(
    ("name", "iso"),
    [
        ("Peru", "PE"),
        ("the Democratic People's Republic of Korea", "KP"),
        ("the Democratic People’s Republic of Korea", "KP"),
        ("North Korea", "KP"),
        ("the Republic of Korea", "KR"),
        ("Burma", "MM"),
        ("Cabo Verde", "CV"),
        ("Côte d'Ivoire", "CI"),
        ("Cote d’Ivoire", "CI"),
        ("the Holy See", "VA"),
        ("The Bahamas", "BS"),
        ("the Republic of the Congo", "CG"),
        ("the Democratic Republic of the Congo", "CD"),
        ("Bosnia and Herzegovina", "BA"),
        ("Saint Vincent and the Grenadines", "VC"),
        ("Timor-Leste", "TL"),
        ("Micronesia", "FM"),
        ("Kosovo", "XK"),
        ("the Philippines", "PH"),
        ("PERU", "PE"),
    ],
)
def test_title_and_tricky_country_names(name: str, iso: str) -> None:
    doc = read(sheet(f"U.S. Relations With {name}\n\nBureau of African Affairs\nFact Sheet\nMay 2, 2016", name))
    assert doc.title == f"U.S. Relations With {name}"
    assert doc.country == iso


def test_capitals_of_the_wordpress_era() -> None:
    doc = read(sheet("U.S. RELATIONS WITH PERU\nBILATERAL RELATIONS FACT SHEET\n"
                     "BUREAU OF WESTERN HEMISPHERE AFFAIRS\nJANUARY 19, 2021"))
    assert (doc.title, doc.country, doc.kind, doc.published) == (
        "U.S. RELATIONS WITH PERU", "PE", "fact_sheet", "2021-01-19")
    assert doc.bureau == "Bureau of Western Hemisphere Affairs"


def test_date_on_the_line_after_share() -> None:
    doc = read(sheet("U.S. Relations With Peru\nBureau of Western Hemisphere Affairs\nFact Sheet\n"
                     "Share\nJanuary 25, 2017"))
    assert doc.published == "2017-01-25"
    assert [doc.text[b.start:b.end] for b in doc.blocks[:5] if b.kind == "header"][-2:] == [
        "Share", "January 25, 2017"]


def test_title_less_copy_starting_at_the_bureau_line() -> None:
    doc = read(sheet("Bureau of Western Hemisphere Affairs\nFact Sheet\nShare\nJanuary 25, 2017"))
    assert (doc.title, doc.country, doc.kind, doc.published) == (None, "PE", "fact_sheet", "2017-01-25")


def test_copy_without_any_header_takes_the_country_from_the_opening() -> None:
    doc = read(sheet("", "Cabo Verde"))
    assert (doc.title, doc.country, doc.kind, doc.published, doc.bureau) == (
        None, "CV", "fact_sheet", None, None)


def test_fact_sheet_and_date_on_one_line() -> None:
    doc = read(sheet("U.S. Relations with Peru\nBureau of Western Hemisphere Affairs\n"
                     "Fact Sheet | January 25, 2017"))
    assert (doc.kind, doc.published) == ("fact_sheet", "2017-01-25")


def test_background_note_header() -> None:
    doc = read(sheet("Background Notes: Peru, March 1998\n\nReleased by the Bureau of Inter-American "
                     "Affairs\nU.S. Department of State"))
    assert (doc.title, doc.country, doc.kind, doc.published, doc.bureau) == (
        "Background Notes: Peru, March 1998", "PE", "background_note", "1998-03",
        "Bureau of Inter-American Affairs")
    assert doc.blocks[2].kind == "header"  # "U.S. Department of State"


def test_background_note_with_a_comma_in_the_country() -> None:
    doc = read(sheet("Background Note: Korea, North, October 2009"))
    assert (doc.kind, doc.published, doc.country) == ("background_note", "2009-10", "KP")


def test_chrome_lines_of_a_text_copy_are_header_blocks() -> None:
    doc = read(sheet("An official website of the United States government\nHere's how you know\n"
                     "This is archived content from the U.S. Department of State website.\n"
                     "U.S. Relations With Peru\nBilateral Relations Fact Sheet\n"
                     "Bureau of Western Hemisphere Affairs\nMarch 4, 2022"))
    assert doc.published == "2022-03-04" and doc.title == "U.S. Relations With Peru"
    assert [b.kind for b in doc.blocks[:7]] == ["header"] * 7
    assert not any("official website" in doc.text[s.start:s.end] for s in doc.sentences)


def test_a_date_in_the_body_is_not_the_publication_date() -> None:
    doc = read(b"The United States and Peru signed the agreement.\n\nApril 12, 2006\n\nIt entered into force.\n")
    assert doc.published is None and doc.kind == "unknown"


def test_breadcrumb_and_footer_of_a_copied_page_are_chrome() -> None:
    text = (
        "Home » Countries & Areas » Peru\nU.S. Relations With Peru\nBureau of Western Hemisphere "
        "Affairs\nFact Sheet\nJanuary 25, 2017" + BODY.format(x="Peru")
        + "\nMore information about Peru is available from the Department of State and other "
        "sources, some of which are listed here:\n\nDepartment of State Peru Page\nTravel Information\n"
        "Back to Top\nRelated Articles\nU.S. Relations With Chile\nPrivacy Policy\n"
    )
    doc = read(text.encode())
    assert doc.links == ("Department of State Peru Page", "Travel Information")
    assert doc.blocks[0].kind == "header" and doc.blocks[-1].kind == "header"
    assert doc.title == "U.S. Relations With Peru"
    assert not any("Chile" in doc.text[s.start:s.end] for s in doc.sentences)


def test_date_above_the_title() -> None:
    doc = read(sheet("JANUARY 19, 2021\nU.S. Relations With Peru\nBureau of Western Hemisphere Affairs"))
    assert doc.published == "2021-01-19" and doc.blocks[0].kind == "header"


def test_title_with_a_site_suffix_and_a_weekday_date() -> None:
    doc = read(sheet("U.S. Relations With Peru - United States Department of State\n"
                     "Bureau of Western Hemisphere Affairs\nWednesday, January 25, 2017"))
    assert (doc.country, doc.published) == ("PE", "2017-01-25")
    doc = read(sheet("U.S. Relations With Peru | Fact Sheet\nJanuary 25, 2017"))
    assert (doc.country, doc.published, doc.kind) == ("PE", "2017-01-25", "fact_sheet")


def test_invisible_characters_around_lines() -> None:
    doc = read(("\ufeff\u200bU.S. Relations With Peru\u200b\nBureau of Western Hemisphere Affairs\n"
                "January 25, 2017" + BODY.format(x="Peru").replace("Bilateral Representation",
                                                                    "Bilateral Representation\u200b:"))
               .encode("utf-8"))
    assert doc.title == "U.S. Relations With Peru" and doc.published == "2017-01-25"
    assert [s.heading for s in doc.sections] == ["Bilateral Representation\u200b:"]


def test_menu_lines_above_the_title_are_header() -> None:
    doc = read(sheet("Travel\nCareers\nCountries & Areas\nU.S. Relations With Peru\nBilateral Relations "
                     "Fact Sheet\nBureau of Western Hemisphere Affairs\nMarch 4, 2022"))
    assert [b.kind for b in doc.blocks[:7]] == ["header"] * 7
    assert doc.title == "U.S. Relations With Peru"


def test_closing_line_makes_a_fact_sheet() -> None:
    doc = read(b"Bureau of African Affairs\nJune 2, 2021\n\nThe two countries work together on trade "
               b"and health, and they meet often.\n\nMore information about Ghana is available from the "
               b"Department of State and other sources, some of which are listed here:\n\nU.S. Embassy\n")
    assert (doc.kind, doc.country, doc.published, doc.links) == ("fact_sheet", "GH", "2021-06-02", ("U.S. Embassy",))
