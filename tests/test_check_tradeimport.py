"""The user-trade CSV import: validation with line numbers, and trade claims judged by it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from factsheet.check import check
from factsheet.check.memory import MemoryReference
from factsheet.check.tradeimport import load_trade_csv, with_user_trade
from factsheet.errors import InputError
from factsheet.model import Claim, Document

GOOD = """country,year,flow,scope,value_usd,source
PE,2015,two_way,goods,14200000000,Census FT-900
Peru,2015,us_exports,total,8800000000,
PE,2009,two_way,goods,9100000000,
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "trade.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_load_good_rows(tmp_path: Path) -> None:
    facts = load_trade_csv(write(tmp_path, GOOD))
    assert len(facts) == 3
    first = facts[0]
    assert (first.source, first.country, first.predicate) == ("user_trade", "PE", "trade")
    assert first.value == {"year": 2015, "flow": "two_way", "scope": "goods", "value_usd": 14.2e9}
    assert first.citation == "Census FT-900" and first.record == "trade.csv:2"
    assert facts[1].country == "PE" and facts[1].citation == "imported from trade.csv"


@pytest.mark.parametrize(("text", "message"), [
    ("country,year,flow\nPE,2015,two_way\n", "line 1: missing column(s) scope, value_usd"),
    ("country,year,flow,scope,value_usd\nPE,2015,two_way,goods,14e9\nXX,2015,two_way,goods,1\n",
     "line 3: unknown country 'XX'"),
    ("country,year,flow,scope,value_usd\nPE,twenty,two_way,goods,1\n", "line 2: year 'twenty'"),
    ("country,year,flow,scope,value_usd\nPE,2015,both_ways,goods,1\n", "line 2: flow 'both_ways'"),
    ("country,year,flow,scope,value_usd\nPE,2015,two_way,cars,1\n", "line 2: scope 'cars'"),
    ("country,year,flow,scope,value_usd\nPE,2015,two_way,goods,\"$14,000\"\n", "line 2: value_usd"),
    ("country,year,flow,scope,value_usd\nPE,2015,two_way,goods,-5\n", "line 2: value_usd '-5'"),
    ("country,year,flow,scope,value_usd\nPE,2015,two_way,goods,1\nPE,2015,two_way,goods,2\n",
     "line 3: duplicate of line 2"),
    ("country,year,flow,scope,value_usd\n", "holds no rows"),
])
def test_bad_rows_name_their_line(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(InputError) as info:
        load_trade_csv(write(tmp_path, text))
    assert message in info.value.message
    assert info.value.code == "E-INPUT-TRADE-CSV" and info.value.exit_code == 3


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_trade_csv(tmp_path / "nope.csv")


def test_trade_claims_checked_against_imported_figures(tmp_path: Path) -> None:
    reference = with_user_trade(MemoryReference([]), [write(tmp_path, GOOD)])
    text = "Two-way trade was $14 billion in 2015. U.S. exports were $7 billion in 2015. x 2010."
    doc = Document(text=text, sha256="t", country="PE", published="2016-05-01")

    def claim(quote: str, **fields: object) -> Claim:
        start = text.index(quote)
        return Claim("trade", "PE", dict(fields), (start, start + len(quote)), quote)

    claims = [
        claim("Two-way trade was $14 billion in 2015", flow="two_way", value_usd=14e9, year=2015),
        claim("U.S. exports were $7 billion in 2015", flow="us_exports", scope="total",
              value_usd=7e9, year=2015),
        claim("x 2010", flow="two_way", value_usd=1e9, year=2010),
    ]
    supported, contradicted, missing = check(doc, claims, reference, dt.date(2026, 1, 1))
    assert (supported.at_publication.verdict, supported.now.verdict) == ("supported", "current")
    assert supported.code == "V-TRADE-SUPPORTED" and "rounding" in supported.message
    assert supported.at_publication.evidence[0].source == "user_trade"
    assert contradicted.code == "V-TRADE-CONTRADICTED" and "$8.80 billion" in contradicted.message
    assert missing.at_publication.verdict == "unverifiable"
