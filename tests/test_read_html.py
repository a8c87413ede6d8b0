"""HTML pages of both eras: chrome dropped, the article kept, blocks as lines, entities decoded."""

from __future__ import annotations

import pytest
from conftest import FIXTURES

from factsheet import read
from factsheet.read.html import extract_article, looks_like_html

SHEETS = FIXTURES / "sheets"
CHROME = [
    "An official website", "Here’s how you know", "Official websites use", "archived content",
    "Skip to", "Travel and Business", "Privacy", "Related Articles", "Tags", "Facebook", "Twitter",
    "Search", "Menu", "Copyright", "U.S. Relations With Ghana", "U.S. Relations With Nowhere",
    "Secretary of State", "Office of Website Management", "dataLayer", "_gaq", "{", "Home »",
]


@pytest.mark.parametrize("name", ["r_philippines_2017.html", "r_cote_divoire_2022.html"])
def test_chrome_is_dropped_and_the_article_kept(name: str) -> None:
    doc = read(SHEETS / name)
    assert doc.media_type == "html"
    for chrome in CHROME:
        assert chrome not in doc.text, chrome
    assert doc.text.count("More information about") == 2
    assert doc.links[-1] == "Travel Information"
    assert "&" not in doc.text.replace("Press & Public", "")  # entities decoded


def test_old_era_note_is_a_header_line_not_a_paragraph() -> None:
    doc = read(SHEETS / "r_philippines_2017.html")
    notes = [b for b in doc.blocks if doc.text[b.start:b.end].startswith("Note: Background Notes")]
    assert len(notes) == 1 and notes[0].kind == "header"
    assert not any(doc.text[s.start:s.end].startswith("Note:") for s in doc.sentences)


def test_entities_and_no_break_spaces() -> None:
    doc = read(SHEETS / "r_cote_divoire_2022.html")
    assert doc.title == "U.S. Relations With Côte d’Ivoire"
    assert "$525 million" in doc.text  # &nbsp; → U+00A0 → one plain space
    assert "Department’s Key Officers List." in doc.text  # inline <a> stays inside its line


def test_br_separated_links_become_lines() -> None:
    doc = read(SHEETS / "r_cote_divoire_2022.html")
    assert doc.links[:2] == ("Department of State Côte d’Ivoire Page", "U.S. Embassy")
    assert len(doc.links) == 9


def test_heading_elements_are_section_hints() -> None:
    page = b"""<html><body><div class="content">
    <h1>U.S. Relations With Kenya</h1><p>Bureau of African Affairs</p><p>March 3, 2019</p>
    <p>More information about Kenya is available on the Kenya Page and from other Department of
    State publications and other sources listed at the end of this fact sheet.</p>
    <h2>U.S.-KENYA RELATIONS</h2><p>The United States established diplomatic relations with Kenya in
    1964, following its independence from the United Kingdom.</p>
    <h2>Energy: Power Africa</h2><p>Power Africa works with Kenya to add new generation capacity.</p>
    <p><strong>Wildlife Trafficking</strong></p><p>Both countries fight the illegal ivory trade.</p>
    </div></body></html>"""
    doc = read(page)
    assert [s.heading for s in doc.sections] == [
        "U.S.-KENYA RELATIONS", "Energy: Power Africa", "Wildlife Trafficking"]
    assert (doc.country, doc.published, doc.bureau) == ("KE", "2019-03-03", "Bureau of African Affairs")


def test_bureau_and_date_run_together_in_markup() -> None:
    page = (b"<!doctype html><html><body><main><h1>U.S. Relations With Ghana</h1>"
            b"<div><span>Bureau of African Affairs</span><span>JUNE 2, 2021</span></div>"
            b"<p>More information about Ghana is available on the Ghana Page and from other sources."
            b"</p><h3>Bilateral Representation</h3><p>The U.S. Ambassador to Ghana is Stephanie S. "
            b"Sullivan; other officials are listed in the Key Officers List.</p></main></body></html>")
    doc = read(page)
    assert (doc.bureau, doc.published, doc.country) == ("Bureau of African Affairs", "2021-06-02", "GH")


def test_xhtml_with_xml_declaration_and_windows_1252() -> None:
    page = (b'<?xml version="1.0" encoding="windows-1252"?>\n<html><head><meta http-equiv="Content-Type"'
            b' content="text/html; charset=windows-1252"/></head><body><h1>U.S. Relations With Peru</h1>'
            b"<p>Bureau of Western Hemisphere Affairs</p><p>Peru\x92s coast is long, and it is a desert "
            b"along most of its length from Ecuador to Chile.</p><h3>Bilateral Representation</h3>"
            b"<p>Peru maintains an embassy in the United States.</p></body></html>")
    doc = read(page)
    assert doc.encoding == "cp1252" and "Peru’s coast" in doc.text and doc.country == "PE"


def test_looks_like_html() -> None:
    assert looks_like_html("<!DOCTYPE html>\n<html>")
    assert looks_like_html("<!-- saved from url=(0043) -->\n<html>")
    assert looks_like_html('<?xml version="1.0"?><html>')
    assert looks_like_html("<span>U.S. Relations With Peru</span><p>Bureau</p>")
    assert not looks_like_html("U.S. Relations With Peru\n<b>not markup</b>")
    assert not looks_like_html("<Peru> is not a tag without a closing tag")


def test_unparseable_markup_gives_no_text() -> None:
    assert extract_article("<html></html>").text.strip() == ""


WAYBACK = """<!DOCTYPE html><html><head><title>U.S. Relations With Kenya</title>
<script src="//archive.org/includes/analytics.js"></script></head><body>
<div id="wm-ipp-base"><div id="wm-ipp"><p>The Wayback Machine - https://web.archive.org/web/2020/https://www.state.gov/u-s-relations-with-kenya/</p>
<p>35 captures</p></div></div>
<header class="site-header__inner"><a href="/">U.S. Department of State</a>
<ul><li><a href="/countries">Countries &amp; Areas</a></li><li><a href="/policy">Policy Issues</a></li></ul></header>
<ol class="crumbs"><li>Home</li><li>Countries</li><li>U.S. Relations With Kenya</li></ol>
<main><article>
<header class="entry-header"><p class="kicker">Bilateral Relations Fact Sheet</p>
<h1 class="entry-title">U.S. Relations With Kenya</h1>
<div class="page-header__meta"><span class="bureau">Bureau of African Affairs</span>
<span class="hidden-xs">|</span> <time>January 21, 2020</time></div></header>
<div class="entry-content">
<p>More information about Kenya is available on the Kenya Page and from other Department of State
publications and other sources listed at the end of this fact sheet.</p>
<h2>U.S.-Kenya Relations</h2>
<p>The United States established diplomatic relations with Kenya in 1964, following its
independence from the United Kingdom.</p>
<p>More information about Kenya is available from the Department of State and other sources, some of
which are listed here:</p>
<ul><li><a href="#">Department of State Kenya Page</a></li><li><a href="#">U.S. Embassy</a></li></ul>
</div></article></main>
<div><ul><li><a href="/privacy">Privacy Policy</a></li><li><a href="/foia">FOIA</a></li></ul></div>
</body></html>"""


def test_wayback_copy_with_article_header_and_unclassed_footer() -> None:
    doc = read(WAYBACK.encode())
    assert (doc.title, doc.country, doc.bureau, doc.published, doc.kind) == (
        "U.S. Relations With Kenya", "KE", "Bureau of African Affairs", "2020-01-21", "fact_sheet")
    assert doc.links == ("Department of State Kenya Page", "U.S. Embassy")
    for chrome in ("Wayback", "captures", "Countries & Areas", "Home", "Privacy", "FOIA"):
        assert chrome not in doc.text, chrome
    assert [s.heading for s in doc.sections] == ["U.S.-Kenya Relations"]


def _mhtml(html: bytes, charset: str = "") -> bytes:
    import quopri

    content_type = b"text/html" + (f"; charset={charset}".encode() if charset else b"")
    return (b"From: <Saved by Blink>\r\nSubject: U.S. Relations\r\nMIME-Version: 1.0\r\n"
            b'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="--B"\r\n\r\n'
            b"----B\r\nContent-Type: " + content_type + b"\r\nContent-Transfer-Encoding: quoted-printable"
            b"\r\n\r\n" + quopri.encodestring(html).replace(b"\n", b"\r\n")
            + b"\r\n----B\r\nContent-Type: text/css\r\n\r\nbody{}\r\n----B--\r\n")


def test_page_saved_as_one_file_mhtml() -> None:
    html = (SHEETS / "r_cote_divoire_2022.html").read_bytes()
    doc, page = read(_mhtml(html)), read(html)
    assert doc.encoding == "mhtml utf-8" and doc.media_type == "html"
    assert (doc.text, doc.sections, doc.links) == (page.text, page.sections, page.links)
    latin = read(_mhtml(WAYBACK.replace("Kenya in 1964", "Kenya in 1964 (café)").encode("cp1252"), "windows-1252"))
    assert latin.encoding == "mhtml windows-1252" and "café" in latin.text


def test_mhtml_without_a_page() -> None:
    from factsheet.errors import NotAFactSheetError

    raw = _mhtml(b"x").replace(b"Content-Type: text/html", b"Content-Type: text/plain")
    with pytest.raises(NotAFactSheetError, match="MHTML"):
        read(raw)


def test_page_title_names_a_sheet_whose_heading_was_lost() -> None:
    page = (b"<html><head><title>U.S. Relations With Peru - United States Department of State</title>"
            b"</head><body><main><p>Bureau of Western Hemisphere Affairs</p><p>January 25, 2017</p>"
            b"<p>The United States established diplomatic relations with Peru in 1827.</p>"
            b"<h3>Bilateral Representation</h3><p>The U.S. Ambassador to Peru is Brian A. Nichols.</p>"
            b"</main></body></html>")
    doc = read(page)
    assert (doc.title, doc.country, doc.kind, doc.published) == (
        "U.S. Relations With Peru", "PE", "fact_sheet", "2017-01-25")
    assert "Department of State" not in doc.text
