"""The extraction normalizers: small pure functions, each with its own cases."""

from __future__ import annotations

import pytest

from factsheet.countries import demonym_iso2
from factsheet.extract import normalize as nz


@pytest.mark.parametrize(("text", "value"), [
    ("four", 4), ("twenty-five", 25), ("one hundred", 100), ("four million", 4_000_000),
    ("two hundred thousand", 200_000), ("one hundred and twenty", 120), ("ninety-nine", 99),
    ("three billion", 3_000_000_000),
])
def test_words_to_number(text: str, value: int) -> None:
    assert nz.words_to_number(text) == value


@pytest.mark.parametrize("text", ["", "quarter", "many", "four apples"])
def test_words_to_number_rejects(text: str) -> None:
    assert nz.words_to_number(text) is None


@pytest.mark.parametrize(("text", "value"), [
    ("500,000", 500_000), ("1.5 million", 1_500_000), ("four million", 4_000_000), ("2,900", 2900),
    ("12", 12), ("1.25 billion", 1_250_000_000),
])
def test_parse_number(text: str, value: float) -> None:
    assert nz.parse_number(text) == value


@pytest.mark.parametrize(("text", "after", "value", "period"), [
    ("$9 billion", "", 9e9, "year"),
    ("US $1.1 billion", " in 2015", 1.1e9, "year"),
    ("U.S. $450 million", "", 450e6, "year"),
    ("$8.8 billion", "", 8.8e9, "year"),
    ("1.25 billion dollars", " of two-way trade each day", 1.25e9, "day"),
    ("four billion dollars", "", 4e9, "year"),
    ("$1.7 billion", " a day", 1.7e9, "day"),
    ("$500,000", "", 500_000, "year"),
    ("$2 trillion", "", 2e12, "year"),
])
def test_parse_money(text: str, after: str, value: float, period: str) -> None:
    money = nz.parse_money(text, after)
    assert money is not None
    assert money.value_usd == pytest.approx(value)
    assert money.period == period


@pytest.mark.parametrize(("text", "value"), [
    ("one quarter", 0.25), ("one-quarter", 0.25), ("a quarter", 0.25), ("25 percent", 0.25),
    ("25%", 0.25), ("12.5 percent", 0.125), ("half", 0.5), ("two-thirds", 0.666667),
    ("one in four", 0.25), ("thirty percent", 0.3), ("a third", 0.333333),
])
def test_parse_share(text: str, value: float) -> None:
    assert nz.parse_share(text) == pytest.approx(value, abs=1e-6)


@pytest.mark.parametrize(("text", "e164"), [
    ("(202) 833-9860", "+12028339860"), ("202-223-2418", "+12022232418"),
    ("202.939.9200", "+12029399200"), ("+1 212 599 6196", "+12125996196"),
    ("(202) 387-6101 ext. 12", "+12023876101"),
])
def test_phone_e164(text: str, e164: str) -> None:
    assert nz.phone_e164(text) == e164


@pytest.mark.parametrize("text", ["12", "call us", "(202) 83"])
def test_phone_rejects(text: str) -> None:
    assert nz.phone_e164(text) is None


@pytest.mark.parametrize(("word", "iso"), [
    ("Peruvian", "PE"), ("Peruvians", "PE"), ("Filipino", "PH"), ("Salvadoran", "SV"),
    ("Cabo Verdean", "CV"), ("Ni-Vanuatu", "VU"), ("Irish", "IE"), ("Vietnamese", "VN"),
    ("Canadian", "CA"), ("Colombian", "CO"),
])
def test_demonyms(word: str, iso: str) -> None:
    assert demonym_iso2(word) == iso
    assert nz.country_iso2(word) == iso


@pytest.mark.parametrize(("name", "iso"), [
    ("Peru", "PE"), ("the Bahamas", "BS"), ("St. Kitts and Nevis", "KN"), ("Peru's", "PE"),
    ("New Zealand", "NZ"),
])
def test_country_names(name: str, iso: str) -> None:
    assert nz.country_iso2(name) == iso


def test_unknown_demonym() -> None:
    assert demonym_iso2("Martian") is None
    assert nz.country_iso2("Atlantis") is None


@pytest.mark.parametrize(("text", "q"), [
    ("Approximately", "approximately"), ("about", "approximately"), ("more than", "more than"),
    ("over", "more than"), ("nearly", "nearly"), ("an estimated", "estimated"), ("some", "approximately"),
])
def test_qualifier(text: str, q: str) -> None:
    assert nz.qualifier(text) == q


@pytest.mark.parametrize(("text", "n"), [
    ("75th", 75), ("20th", 20), ("twenty-fifth", 25), ("bicentennial", 200), ("fiftieth", 50),
])
def test_ordinal(text: str, n: int) -> None:
    assert nz.parse_ordinal(text) == n


def test_clean_name_fixes_stray_spaces() -> None:
    assert nz.clean_name("U.S.- Peru TPA") == "U.S.-Peru TPA"
    assert nz.clean_name("  Brian A.  Nichols ") == "Brian A. Nichols"
