"""Evaluation over the real-page corpus: the "uncertain" list, gold whose text lives in
../shared (skipped when absent), and the dev split's floors (tests/eval_floors.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, ROOT

from factsheet.cli import main
from factsheet.errors import InputNotFoundError
from factsheet.evaluate import evaluate, score
from factsheet.model import Claim

FLOORS = json.loads((ROOT / "tests" / "eval_floors.json").read_text())
DEV = FIXTURES / "corpus" / "dev"


def claim(type_: str, **fields: object) -> Claim:
    return Claim(type=type_, country="XX", fields=dict(fields), span=(0, 1), quote="x", confidence=0.9)


def test_uncertain_claim_is_neither_rewarded_nor_penalized() -> None:
    gold = [{"type": "relations.established", "fields": {"year": 1960}}]
    uncertain = [{"type": "leader", "fields": {"name": "Ana Lima"}}]
    preds = [claim("relations.established", year=1960), claim("leader", name="Ana Lima")]
    counts, missed, false = score(preds, gold, uncertain=uncertain)
    assert "leader" not in counts and not false and not missed
    assert counts["relations.established"].tp == 1
    # an uncertain claim nothing matches is not a miss
    counts, missed, _ = score(preds[:1], gold, uncertain=uncertain)
    assert not missed and "leader" not in counts
    # without the list the same prediction is a false claim
    counts, _, false = score(preds, gold)
    assert counts["leader"].fp == 1 and len(false) == 1


def test_uncertain_claim_absorbs_one_prediction_only() -> None:
    uncertain = [{"type": "leader", "fields": {"name": "Ana Lima"}}]
    preds = [claim("leader", name="Ana Lima"), claim("leader", name="Ana Lima")]
    counts, _, false = score(preds, [], uncertain=uncertain)
    assert counts["leader"].fp == 1 and len(false) == 1


def test_gold_is_preferred_to_uncertain() -> None:
    gold = [{"type": "leader", "fields": {"name": "Ana Lima"}}]
    uncertain = [{"type": "leader", "fields": {"name": "Ana Lima"}}]
    counts, missed, _ = score([claim("leader", name="Ana Lima")], gold, uncertain=uncertain)
    assert counts["leader"].tp == 1 and not missed


def _gold_file(folder: Path, stem: str, sheet: str, claims: list[dict[str, object]]) -> Path:
    path = folder / f"{stem}.claims.json"
    path.write_text(json.dumps({"sheet": sheet, "split": "dev", "claims": claims, "uncertain": []}))
    return path


def test_absent_shared_texts_are_skipped_then_error_when_none_left(tmp_path: Path) -> None:
    text = ("U.S. Relations With Ruritania\n\nThe United States established diplomatic relations "
            "with Ruritania in 1961.\n")
    (tmp_path / "a.txt").write_text(text)
    start = text.index("The United States")
    _gold_file(tmp_path, "a", "a.txt", [{"type": "relations.established", "country": "XX",
                                         "fields": {"year": 1962}, "span": [start, len(text) - 1]}])
    _gold_file(tmp_path, "b", "../../shared-absent/corpus/sheets/b.txt", [])
    report = evaluate(tmp_path)
    assert report.skipped == ["b.claims.json"] and len(report.sheets) == 1
    # a miss from span-only gold shows the words it points at
    (missed,) = report.sheets[0].missed
    assert missed["quote"].startswith("The United States established")
    result = CliRunner().invoke(main, ["eval", str(tmp_path), "--details"])
    assert result.exit_code == 0 and "skipped 1 gold file" in result.output
    (tmp_path / "a.claims.json").unlink()
    with pytest.raises(InputNotFoundError, match="shared"):
        evaluate(tmp_path)
    result = CliRunner().invoke(main, ["eval", str(tmp_path)])
    assert result.exit_code == 3 and result.output.startswith("error[")


def test_corpus_floors_never_below_the_issue() -> None:
    floors = FLOORS["corpus_dev"]
    assert floors["overall_f1"] >= 0.95
    assert all(f >= 0.90 for f in floors["per_type_f1"].values())


def test_corpus_dev_gate(shared: Path) -> None:
    files = sorted(DEV.glob("*.claims.json"))
    if not files:
        pytest.skip("no dev gold in tests/fixtures/corpus/dev yet")
    report = evaluate(DEV)
    assert not report.skipped
    floors = FLOORS["corpus_dev"]
    overall = report.overall
    details = [(s.gold, s.missed, s.false) for s in report.sheets if s.missed or s.false]
    assert overall.f1 >= floors["overall_f1"], details
    assert overall.precision >= floors["overall_precision"], details
    assert overall.recall >= floors["overall_recall"], details
    for type_, floor in floors["per_type_f1"].items():
        counts = report.by_type.get(type_)
        assert counts is not None and counts.f1 >= floor, (type_, counts)


def test_matching_pairs_as_many_claims_as_possible() -> None:
    # greedy matching let "from Pakistan" take the gold claim that also has 1971 and left the
    # bare 1971 unmatched; the scorer pairs both
    gold = [{"type": "independence", "fields": {"from": "Pakistan"}},
            {"type": "independence", "fields": {"from": "Pakistan", "year": 1971}}]
    preds = [claim("independence", **{"from": "Pakistan"}), claim("independence", year=1971)]
    counts, missed, false = score(preds, gold)
    assert counts["independence"].tp == 2 and not missed and not false
