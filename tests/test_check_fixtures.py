"""Expected verdicts for the checker's own fixture sheets (always run: no ../shared needed).

Claims are hand-written (tests/fixtures/check/*.claims.json), the reference is the hand-made
tests/fixtures/check/reference.json, and other sheets of the same country are editions.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES

from factsheet import read
from factsheet.check import check
from factsheet.check.memory import MemoryReference
from factsheet.model import Claim

VERDICTS = sorted((FIXTURES / "verdicts").glob("check_*.json"))


def load_case(path: Path) -> tuple[dict[str, Any], list[Any]]:
    spec = json.loads(path.read_text(encoding="utf-8"))

    def sheet(rel: str) -> tuple[Any, list[Claim]]:
        doc = read(FIXTURES / rel)
        claims_file = FIXTURES / rel.replace(".txt", ".claims.json")
        claims = [Claim.from_json(c) for c in json.loads(claims_file.read_text())["claims"]]
        return doc, claims

    return spec, [sheet(spec["sheet"])] + [sheet(e) for e in spec["editions"]]


@pytest.mark.parametrize("path", VERDICTS, ids=[p.stem for p in VERDICTS])
def test_fixture_sheet_verdicts(path: Path) -> None:
    spec, sheets = load_case(path)
    (doc, claims), editions = sheets[0], sheets[1:]
    for claim in claims:
        assert doc.text[claim.span[0]:claim.span[1]] == claim.quote
    reference = MemoryReference.from_json(FIXTURES / spec["reference"])
    verdicts = check(doc, claims, reference, dt.date.fromisoformat(spec["check_date"]),
                     editions=editions)
    assert len(verdicts) == len(claims) == len(spec["expected"])
    for verdict, expected in zip(verdicts, spec["expected"], strict=True):
        got = {"claim": verdict.claim, "type": claims[verdict.claim].type,
               "quote": claims[verdict.claim].quote,
               "at_publication": verdict.at_publication.verdict, "now": verdict.now.verdict,
               "code": verdict.code}
        if verdict.now.current:
            got["current"] = verdict.now.current
        assert got == expected
        assert verdict.message.rstrip().endswith((".", ")")), verdict.message
        if verdict.at_publication.verdict in ("supported", "contradicted", "inconsistent"):
            assert verdict.at_publication.evidence, verdict.message
        if verdict.at_publication.verdict == "unverifiable":
            assert verdict.at_publication.reason


def test_every_family_with_a_source_has_each_failure_kind() -> None:
    """At least one contradicted, one outdated and one inconsistent case per family."""
    seen: Counter[tuple[str, str]] = Counter()
    for path in VERDICTS:
        for e in json.loads(path.read_text())["expected"]:
            family = e["type"].split(".")[0]
            if e["at_publication"] in ("contradicted", "inconsistent"):
                seen[(family, e["at_publication"])] += 1
            if e["now"] == "outdated":
                seen[(family, "outdated")] += 1
    for family in ("relations", "independence", "leader", "ambassador", "embassy", "membership",
                   "agreement", "statistic"):
        assert seen[(family, "contradicted")], family
        assert seen[(family, "inconsistent")], family
        # independence is timeless: a date of the past cannot go stale (docs/checking.md)
        if family != "independence":
            assert seen[(family, "outdated")], family


def test_messages_say_what_is_right() -> None:
    spec, sheets = load_case(FIXTURES / "verdicts" / "check_peru_2019_errors.json")
    (doc, claims), editions = sheets[0], sheets[1:]
    reference = MemoryReference.from_json(FIXTURES / spec["reference"])
    verdicts = check(doc, claims, reference, dt.date(2026, 11, 27), editions=editions)
    by_type = {claims[v.claim].type + str(claims[v.claim].fields.get("organization", "")): v
               for v in verdicts}
    rel = by_type["relations.established"]
    assert "recognized Peru (1826-05-02)" in rel.message and "1827-05-21" in rel.message
    assert "Brian A. Nichols left post on 2017-10-13" in by_type["ambassador"].message
    assert "Krishna R. Urs" in by_type["ambassador"].message
    assert "Vizcarra" in by_type["leader"].message
    assert "5-percentage point tolerance" in by_type["statistic"].message
    assert "address differs" in by_type["embassy"].message
    assert "2009-02-01" in by_type["agreement"].message
