"""Invariants on every fixture sheet, the CLI shape, and non-sheets (no confident claims)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE, FIXTURES, SEED

from factsheet import extract, read
from factsheet.cli import main

SHEETS = sorted(p for p in (FIXTURES / "sheets").glob("*") if p.suffix in (".txt", ".html"))
ALL = [*SHEETS, EXAMPLE, *([SEED] if SEED.exists() else [])]
NON_SHEETS = sorted((FIXTURES / "sheets").glob("x_nonsheet_*.txt"))


def _freeze(value: object) -> object:
    return json.dumps(value, sort_keys=True)


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_invariants(path: Path) -> None:
    doc = read(path)
    claims = extract(doc)
    keys = Counter((c.type, _freeze(c.fields), c.span) for c in claims)
    assert all(n == 1 for n in keys.values()), "duplicate claims"
    for claim in claims:
        start, end = claim.span
        assert doc.text[start:end] == claim.quote
        assert start < end
        assert any(s.start <= start and end <= s.end for s in doc.sentences), \
            f"span crosses a sentence: {claim.quote!r}"
        assert claim.country == doc.country
        assert 0 < claim.confidence <= 1
        assert claim.to_json().get("low_confidence", False) is claim.low_confidence
        json.dumps(claim.to_json())


@pytest.mark.parametrize("path", NON_SHEETS, ids=lambda p: p.name)
def test_non_sheets_yield_no_confident_claims(path: Path) -> None:
    claims = extract(read(path))
    assert [c for c in claims if c.confidence >= 0.5] == []
    for claim in claims:
        assert claim.to_json()["low_confidence"] is True


def test_there_are_enough_non_sheets() -> None:
    assert {p.name for p in NON_SHEETS} >= {"x_nonsheet_news.txt", "x_nonsheet_recipe.txt",
                                            "x_nonsheet_lorem.txt"}


def test_cli_json_shape() -> None:
    result = CliRunner().invoke(main, ["extract", str(EXAMPLE), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"document", "claims"}
    assert data["document"]["country"] == "PE"
    assert {"title", "country", "bureau", "kind", "published", "sha256", "sections", "links"} <= set(data["document"])
    for claim in data["claims"]:
        assert {"type", "country", "fields", "span", "quote", "section", "confidence"} <= set(claim)


def test_cli_table_and_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["extract", str(EXAMPLE)])
    assert result.exit_code == 0 and "membership" in result.output
    missing = runner.invoke(main, ["extract", str(tmp_path / "nope.txt")])
    assert missing.exit_code == 3 and "error[" in missing.output and "Traceback" not in missing.output


def test_seed_matches_gold_field_by_field(shared: Path) -> None:
    gold = json.loads((shared / "gold" / "000_a886b017fe743fdd.claims.json").read_text())["claims"]
    claims = extract(read(shared / "seeds" / "000_a886b017fe743fdd.txt"))
    assert len(claims) == len(gold) == 21
    used: set[int] = set()
    for g in gold:
        hits = [i for i, c in enumerate(claims) if i not in used and c.type == g["type"]
                and c.fields == g["fields"] and c.section == g["section"]
                and c.span[0] <= g["span"][0] and c.span[1] >= g["span"][1]]
        assert hits, f"missing {g['type']} {g['fields']}"
        used.add(hits[0])


def test_factsheet_extract_stays_callable_after_the_subpackage_is_imported() -> None:
    import importlib

    import factsheet

    importlib.import_module("factsheet.extract")
    doc = read(EXAMPLE)
    assert factsheet.extract(doc) == extract(doc)
    assert callable(factsheet.extract)
