"""Sentence boundaries: the genre's abbreviations, initials and typing slips."""

from __future__ import annotations

import pytest

from factsheet import read
from factsheet.read.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text, 0, len(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The U.S. Ambassador to Peru is Brian A. Nichols. He arrived in 2014.",
         ["The U.S. Ambassador to Peru is Brian A. Nichols.", "He arrived in 2014."]),
        ("Trade with the U.S. grew. The U.S. Embassy is in Lima.",
         ["Trade with the U.S. grew.", "The U.S. Embassy is in Lima."]),
        ("It sells more to the U.S. The two countries agree.",
         ["It sells more to the U.S.", "The two countries agree."]),
        ("The embassy is at 1700 Massachusetts Avenue, NW, Washington, D.C. 20036; tel. (202) 833-9860.",
         ["The embassy is at 1700 Massachusetts Avenue, NW, Washington, D.C. 20036; tel. (202) 833-9860."]),
        ("It has no embassy in Washington, D.C. Its mission in New York acts instead.",
         ["It has no embassy in Washington, D.C.", "Its mission in New York acts instead."]),
        ("The Council adopted Resolution No. 2397 in 2017. Sanctions followed.",
         ["The Council adopted Resolution No. 2397 in 2017.", "Sanctions followed."]),
        ("Gen. Aung San led the movement. St. Peter's Square is in Rome.",
         ["Gen. Aung San led the movement.", "St. Peter's Square is in Rome."]),
        ("President John F. Kennedy visited. J.F.K. Airport opened later.",
         ["President John F. Kennedy visited.", "J.F.K. Airport opened later."]),
        ("Area--1,285,216 sq. km. (496,225 sq. mi.); about the size of Alaska.",
         ["Area--1,285,216 sq. km. (496,225 sq. mi.); about the size of Alaska."]),
        ("Exports were $1.1 billion in 2015and imports $1.7 billion. Visits grew.",
         ["Exports were $1.1 billion in 2015and imports $1.7 billion.", "Visits grew."]),
        ("It includes the Apurimac River Valley . U.S. assistance promotes these objectives.",
         ["It includes the Apurimac River Valley .", "U.S. assistance promotes these objectives."]),
        ('It called the plan "historic." The vote followed. Was it wise? Yes!',
         ['It called the plan "historic."', "The vote followed.", "Was it wise?", "Yes!"]),
        ("Relations are close.\u00a0 The two work together.",
         ["Relations are close.", "The two work together."]),
        ("Relief goods, medicine, etc. The list is long.", ["Relief goods, medicine, etc.", "The list is long."]),
        ("Trade grew in 2015.The two countries agree.", ["Trade grew in 2015.", "The two countries agree."]),
        ("See travel.State.gov for advice. Visit e.g.Lima soon.",
         ["See travel.State.gov for advice.", "Visit e.g.Lima soon."]),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_sentences_stay_inside_their_line() -> None:
    doc = read(b"U.S. Relations With Peru\n\nThe first line has no period\nThe second line does. And more.\n")
    lines = [doc.text[s.start:s.end] for s in doc.sentences]
    assert lines == ["The first line has no period", "The second line does.", "And more."]
    for s in doc.sentences:
        assert "\n" not in doc.text[s.start:s.end]
