"""Encodings and line ends: the same sheet read from every way it can be saved."""

from __future__ import annotations

import codecs

import pytest
from conftest import FIXTURES

from factsheet import read
from factsheet.errors import EncodingError
from factsheet.read.normalize import normalize_text

SHEETS = FIXTURES / "sheets"
VIETNAM = (SHEETS / "r_vietnam_2016.txt").read_text(encoding="utf-8")
ACCENTED = VIETNAM.replace("Department's", "Department’s").replace("Two-way", "Two–way")


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        (ACCENTED.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + ACCENTED.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + ACCENTED.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + ACCENTED.encode("utf-16-be"), "utf-16-be"),
        (ACCENTED.encode("utf-16-le"), "utf-16-le"),  # no byte-order mark
        (ACCENTED.encode("cp1252"), "cp1252"),
        (ACCENTED.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
        (ACCENTED.replace("\n", "\r").encode("utf-8"), "utf-8"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le-nobom", "cp1252", "crlf", "cr"],
)
def test_every_encoding_gives_the_same_document(raw: bytes, encoding: str) -> None:
    reference = read(ACCENTED.encode("utf-8"))
    doc = read(raw)
    assert doc.encoding == encoding
    assert doc.text == reference.text
    assert doc.sections == reference.sections and doc.sentences == reference.sentences
    assert (doc.title, doc.country, doc.published, len(doc.links)) == (
        "U.S. Relations With Vietnam", "VN", "2016-05-19", 12)
    assert "Department’s" in doc.text


def test_cp1252_fixture_is_detected_not_guessed() -> None:
    raw = (SHEETS / "r_burma_2015.txt").read_bytes()
    assert b"\x92" in raw  # the right single quote of Windows-1252
    doc = read(raw)
    assert doc.encoding == "cp1252"
    assert "country’s independence" in doc.text and "“Burma Strategy”" in doc.text
    assert "conflict – goals" in doc.text


def test_latin1_without_windows_bytes() -> None:
    doc = read("U.S. Relations With Côte d'Ivoire\n\nThe café.\n".encode("latin-1"))
    assert doc.encoding == "latin-1"
    assert doc.country == "CI" and "café" in doc.text


def test_stray_windows_bytes_in_utf8_keep_the_utf8() -> None:
    raw = "U.S. Relations With Côte d'Ivoire\n\nIt is the world".encode() + b"\x92s largest grower.\n"
    doc = read(raw)
    assert doc.encoding == "utf-8+cp1252"
    assert "Côte" in doc.text and "world’s" in doc.text


def test_crlf_and_no_break_spaces_fixture() -> None:
    raw = (SHEETS / "r_holy_see_2018.txt").read_bytes()
    assert b"\r\n" in raw and "\u00a0".encode() in raw
    doc = read(raw)
    assert "\r" not in doc.text and "\u00a0" not in doc.text
    assert "is Callista L. Gingrich" in doc.text
    # One for one: the no-break space became exactly one plain space.
    assert "relief, and the protection of refugees.  Pope Francis" in doc.text


def test_normalization_keeps_offsets_one_for_one() -> None:
    raw = "A\u00a0B\u2009C\u3000D\r\nE\rF\u202fG"
    assert normalize_text(raw) == "A B C D\nE\nF G"
    # NFC composes: e + combining acute → é
    assert normalize_text("Cote\u0301") == "Coté"


def test_invalid_utf8_under_a_bom_is_an_encoding_error() -> None:
    with pytest.raises(EncodingError, match="not valid UTF-8"):
        read(codecs.BOM_UTF8 + b"U.S. Relations With Peru \xff\xfe\n")


def test_space_separators_are_all_of_category_zs() -> None:
    import unicodedata

    from factsheet.read.normalize import SPACE_SEPARATORS

    zs = {chr(cp) for cp in range(0x110000) if unicodedata.category(chr(cp)) == "Zs"} - {" "}
    assert set(SPACE_SEPARATORS) == zs
