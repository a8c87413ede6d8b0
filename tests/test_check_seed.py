"""The seed's expected verdicts (../shared/gold/*.verdicts.json) hold with the shipped reference.

Runs only when ../shared is present. Claims are the gold claims; when the extractor is installed,
a second test checks the extractor's own claims of the seed against the same expectations.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from factsheet import read
from factsheet.check import check
from factsheet.check.report import report_json
from factsheet.model import Claim, Verdict


def _accepts(expected: Any, got: str) -> bool:
    if isinstance(expected, list):
        return got in expected
    return got in str(expected).split("|")


def _gold(shared: Path) -> tuple[dict[str, Any], list[Claim]]:
    expected = json.loads((shared / "gold" / "000_a886b017fe743fdd.verdicts.json").read_text())
    claims = json.loads((shared / "gold" / "000_a886b017fe743fdd.claims.json").read_text())
    return expected, [Claim.from_json(c) for c in claims["claims"]]


def _shipped_reference() -> Any:
    reference = pytest.importorskip("factsheet.reference")
    return reference.load_reference()


def test_seed_gold_verdicts_hold(shared: Path) -> None:
    expected, claims = _gold(shared)
    doc = read(shared / "seeds" / "000_a886b017fe743fdd.txt")
    for claim in claims:
        assert doc.text[claim.span[0]:claim.span[1]] == claim.quote
    reference = _shipped_reference()
    check_date = dt.date.fromisoformat(expected["check_date"])
    verdicts = check(doc, claims, reference, check_date)
    assert len(verdicts) == len(claims)
    for e in expected["expected"]:
        v = verdicts[e["claim"]]
        assert claims[e["claim"]].type == e["type"]
        assert _accepts(e["at_publication"], v.at_publication.verdict), (e, v.message)
        assert _accepts(e["now"], v.now.verdict), (e, v.message)
        assert v.at_publication.date == expected["published"]
        assert v.now.date == expected["check_date"]
    by_claim = {v.claim: v for v in verdicts}
    # messages that read well and carry the right values
    assert by_claim[2].code == "V-AGR-CONTRADICTED"
    assert "2006-04-12" in by_claim[2].message and "2009-02-01" in by_claim[2].message
    amb = by_claim[19]
    assert amb.code == "V-AMB-OUTDATED"
    assert amb.message == ("Brian A. Nichols left post on 2017-10-13; the latest source "
                           "(2026-01-22) names Chargé d'Affaires Joan Perkins.")
    assert amb.now.current == "Chargé d'Affaires Joan Perkins"
    assert amb.now.horizon == expected["horizon"]
    lead = by_claim[3]
    assert lead.code == "V-LEAD-OUTDATED" and "Jerí" in (lead.now.current or "")
    assert lead.now.horizon == expected["horizon"]
    assert by_claim[0].now.verdict == "current"
    # the report states the horizon the gold states
    report = report_json(doc, claims, verdicts, _report_horizon(verdicts, claims),
                         expected["check_date"])
    assert report["horizon"] == expected["horizon"]


def _report_horizon(verdicts: list[Verdict], claims: list[Claim]) -> str | None:
    from factsheet.check import report_horizon

    return report_horizon(verdicts, None, claims)


def test_seed_with_extracted_claims(shared: Path) -> None:
    """End to end: read + extract + check; every gold claim the extractor finds gets its verdict."""
    extract = pytest.importorskip("factsheet.extract").extract
    expected, gold = _gold(shared)
    doc = read(shared / "seeds" / "000_a886b017fe743fdd.txt")
    claims = extract(doc)
    verdicts = check(doc, claims, _shipped_reference(),
                     dt.date.fromisoformat(expected["check_date"]))
    matched = 0
    for e in expected["expected"]:
        g = gold[e["claim"]]
        # the extracted claim of the same type whose span covers the gold span
        found = [v for v, c in zip(verdicts, claims, strict=True) if c.type == g.type
                 and c.span[0] <= g.span[0] and g.span[1] <= c.span[1]
                 and all(c.fields.get(k) == g.fields.get(k) for k in ("organization", "flow", "event"))]
        if not found:
            continue
        matched += 1
        assert _accepts(e["at_publication"], found[0].at_publication.verdict), (e, found[0].message)
        assert _accepts(e["now"], found[0].now.verdict), (e, found[0].message)
    assert matched >= len(expected["expected"]) * 0.8
