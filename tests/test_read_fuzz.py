"""Whatever the bytes, the reader returns a consistent Document or raises an InputError."""

from __future__ import annotations

import base64

from conftest import FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factsheet import Document, read
from factsheet.errors import InputError

SHEETS = sorted((FIXTURES / "sheets").glob("r_*"))
RAW = [p.read_bytes() for p in SHEETS]
MHTML = (b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"B\"\r\n\r\n--B\r\n"
         b"Content-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n\r\n"
         + base64.encodebytes((FIXTURES / "sheets" / "r_philippines_2017.html").read_bytes()) + b"\r\n--B--\r\n")
RAW.append(MHTML)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(doc: Document) -> None:
    text = doc.text
    assert "\r" not in text and "\u00a0" not in text
    for section in doc.sections:
        assert text[section.start:section.end].startswith(section.heading)
    for block in doc.blocks:
        assert 0 <= block.start < block.end <= len(text)
    for sentence in doc.sentences:
        block = doc.blocks[sentence.block]
        assert block.start <= sentence.start < sentence.end <= block.end


def read_or_refuse(raw: bytes, force: bool = False) -> None:
    try:
        doc = read(raw, force=force)
    except InputError as exc:
        assert exc.message and "\n" not in exc.message
        return
    check(doc)


@SETTINGS
@given(st.binary(max_size=3000))
def test_random_bytes(raw: bytes) -> None:
    read_or_refuse(raw)


@SETTINGS
@given(st.text(max_size=3000))
def test_random_text(text: str) -> None:
    read_or_refuse(text.encode("utf-8"))
    read_or_refuse(("<html><body>" + text + "</body></html>").encode("utf-8"), force=True)


@SETTINGS
@given(
    st.sampled_from(RAW),
    st.lists(st.tuples(st.integers(0, 10_000), st.binary(max_size=12)), max_size=6),
    st.integers(0, 3000),
)
def test_damaged_fixtures(raw: bytes, insertions: list[tuple[int, bytes]], cut: int) -> None:
    data = bytearray(raw[: max(1, len(raw) - cut)])
    for at, junk in insertions:
        data[at % len(data):at % len(data)] = junk
    read_or_refuse(bytes(data))
    read_or_refuse(bytes(data), force=True)
