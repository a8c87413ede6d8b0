"""The evaluation gate: the scorer's matching rules, the seed at F1 = 1.0 per type, the project's
own gold above floors that may only rise (tests/eval_floors.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, ROOT

from factsheet.cli import main
from factsheet.errors import InputNotFoundError, UsageError
from factsheet.evaluate import evaluate, find_sheet, score
from factsheet.model import Claim

FLOORS = json.loads((ROOT / "tests" / "eval_floors.json").read_text())
GOLD = FIXTURES / "gold"


def claim(type_: str, confidence: float = 0.9, **fields: object) -> Claim:
    return Claim(type=type_, country="PE", fields=dict(fields), span=(0, 1), quote="x", confidence=confidence)


def gold(type_: str, **fields: object) -> dict[str, object]:
    return {"type": type_, "fields": dict(fields)}


@pytest.mark.parametrize(("pred", "g", "hit"), [
    (claim("trade", flow="two_way", year=2015, value_usd=14.1e9), gold("trade", flow="two_way", year=2015, value_usd=14e9), True),
    (claim("trade", flow="two_way", year=2015, value_usd=15e9), gold("trade", flow="two_way", year=2015, value_usd=14e9), False),
    (claim("trade", flow="us_exports", year=2015, value_usd=14e9), gold("trade", flow="two_way", year=2015, value_usd=14e9), False),
    (claim("trade", flow="two_way", year=2014, value_usd=14e9), gold("trade", flow="two_way", year=2015, value_usd=14e9), False),
    (claim("people", kind="visitors", count=500_000), gold("people", kind="visitors", count=501_000), True),
    (claim("membership", organization="UN", status="member"), gold("membership", organization="UN", status="observer"), False),
    (claim("agreement", name="U.S.-Peru TPA", short_name="TPA", event="signed", year=2009),
     gold("agreement", name="U.S.-Peru Trade Promotion Agreement", short_name="TPA", event="signed", year=2009), True),
    (claim("agreement", name="TPA", event="signed", year=2009), gold("agreement", name="TPA", event="entered_into_force", year=2009), False),
    (claim("leader", name="Pedro Pablo Kuczynski"), gold("leader", name="Pedro Pablo KUCZYNSKI Godard"), True),
    (claim("ambassador", side="us_to_partner", name="Brian A. Nichols"), gold("ambassador", side="us_to_partner", name="Brian Nichols"), True),
    (claim("ambassador", side="us_to_partner"), gold("ambassador", side="us_to_partner"), True),
    (claim("ambassador", side="us_to_partner", name="X Y"), gold("ambassador", side="us_to_partner"), False),
    (claim("embassy", side="partner_in_us", phone="+12028339860"), gold("embassy", side="partner_in_us", phone="+12028339860", postal_code="20036"), True),
    (claim("embassy", side="partner_in_us", kind="un_mission"), gold("embassy", side="partner_in_us", kind="un_mission"), True),
    (claim("relations.established", year=1827), gold("relations.established", year=1827), True),
    (claim("relations.established", year=1828), gold("relations.established", year=1827), False),
    (claim("independence", **{"from": "Spain"}), gold("independence", **{"from": "spain"}), True),
    (claim("assistance", purposes=["x"]), gold("assistance", purposes=["y"]), True),
    (claim("assistance", value_usd=1e6), gold("assistance", value_usd=2e6), False),
    (claim("assistance", fiscal_year=2015), gold("assistance", fiscal_year=2015), True),
    (claim("statistic", subject="poverty_share", value=0.25), gold("statistic", subject="poverty_share", value=0.25), True),
    (claim("statistic", subject="poverty_share", value=0.3), gold("statistic", subject="poverty_share", value=0.25), False),
])
def test_matching_rules(pred: Claim, g: dict[str, object], hit: bool) -> None:
    counts, _, _ = score([pred], [g])
    assert (counts[pred.type].tp == 1) is hit


def test_each_gold_claim_matches_once() -> None:
    preds = [claim("relations.established", year=1827), claim("relations.established", year=1827)]
    counts, missed, false = score(preds, [gold("relations.established", year=1827)])
    c = counts["relations.established"]
    assert (c.tp, c.fp, c.fn) == (1, 1, 0) and len(false) == 1 and not missed


def test_low_confidence_claims_are_not_counted_by_default() -> None:
    preds = [claim("leader", confidence=0.4, name="Jane Doe")]
    assert score(preds, [])[0] == {}
    assert score(preds, [], include_low=True)[0]["leader"].fp == 1


def test_find_sheet_layouts(tmp_path: Path) -> None:
    (tmp_path / "gold").mkdir()
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("x")
    assert find_sheet(tmp_path / "gold" / "a.claims.json", {}) == tmp_path / "seeds" / "a.txt"
    (tmp_path / "gold" / "a.txt").write_text("x")
    assert find_sheet(tmp_path / "gold" / "a.claims.json", {}) == tmp_path / "gold" / "a.txt"
    (tmp_path / "other.txt").write_text("x")
    assert find_sheet(tmp_path / "gold" / "a.claims.json", {"sheet": "../other.txt"}) == tmp_path / "gold" / "../other.txt"
    with pytest.raises(InputNotFoundError):
        find_sheet(tmp_path / "gold" / "b.claims.json", {})


def test_bad_gold_dirs(tmp_path: Path) -> None:
    with pytest.raises(InputNotFoundError):
        evaluate(tmp_path / "missing")
    with pytest.raises(UsageError):
        evaluate(tmp_path)


def test_own_gold_has_at_least_14_sheets_with_their_sheets() -> None:
    files = sorted(GOLD.glob("x_*.claims.json"))
    assert len(files) >= 14
    countries = set()
    for path in files:
        data = json.loads(path.read_text())
        assert data["sheet"].startswith("../sheets/x_")
        sheet = (path.parent / data["sheet"]).resolve()
        text = __import__("factsheet").read(sheet).text
        for c in data["claims"]:
            assert text[c["span"][0]:c["span"][1]] == c["quote"]
        countries.add(data["document"]["country"])
    assert len(countries) >= 14


def test_floors_never_below_the_issue() -> None:
    assert FLOORS["own_gold"]["overall_f1"] >= 0.95
    assert FLOORS["seed"]["overall_f1"] == 1.0 and FLOORS["seed"]["per_type_f1"] == 1.0


def test_own_gold_gate() -> None:
    report = evaluate(GOLD)
    overall = report.overall
    floors = FLOORS["own_gold"]
    details = [(s.gold, s.missed, s.false) for s in report.sheets if s.missed or s.false]
    assert overall.f1 >= floors["overall_f1"], details
    assert overall.precision >= floors["overall_precision"], details
    assert overall.recall >= floors["overall_recall"], details


def test_seed_gate(shared: Path) -> None:
    report = evaluate(shared / "gold")
    assert report.overall.tp == 21 and report.overall.fp == 0 and report.overall.fn == 0
    assert report.overall.f1 >= FLOORS["seed"]["overall_f1"]
    for type_, counts in report.by_type.items():
        assert counts.f1 >= FLOORS["seed"]["per_type_f1"], type_


def test_cli_eval_table_and_json() -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["eval", str(GOLD)])
    assert result.exit_code == 0 and "OVERALL" in result.output and "membership" in result.output
    result = runner.invoke(main, ["eval", str(GOLD), "--format", "json"])
    data = json.loads(result.output)
    assert data["overall"]["f1"] >= FLOORS["own_gold"]["overall_f1"]
    assert "trade" in data["by_type"] and len(data["sheets"]) >= 14


def test_prediction_takes_the_most_specific_gold() -> None:
    golds = [gold("assistance", agency="USAID", since=1951), gold("assistance", value_usd=112e6, fiscal_year=2014)]
    preds = [claim("assistance", confidence=0.9, value_usd=112e6, fiscal_year=2014),
             claim("assistance", confidence=0.8, agency="USAID")]
    counts, missed, _ = score(preds, golds)
    assert counts["assistance"].tp == 2 and not missed
