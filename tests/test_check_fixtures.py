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


def _match(hand: Claim, extracted: list[Claim]) -> int | None:
    """The extracted claim that states the hand-written one (same type, overlapping span)."""
    for i, c in enumerate(extracted):
        if c.type == hand.type and c.span[0] < hand.span[1] and hand.span[0] < c.span[1]:
            return i
    return None


@pytest.mark.parametrize("path", VERDICTS, ids=[p.stem for p in VERDICTS])
def test_fixture_sheet_verdicts_end_to_end(path: Path) -> None:
    """read + extract + check: every hand-written claim the extractor also finds gets the same
    verdict, unless that verdict rests on another claim the extractor does not find."""
    from factsheet.extract import extract

    spec, sheets = load_case(path)
    reference = MemoryReference.from_json(FIXTURES / spec["reference"])
    day = dt.date.fromisoformat(spec["check_date"])
    (doc, hand), editions = sheets[0], sheets[1:]
    by_hand = check(doc, hand, reference, day, editions=editions)
    extracted = extract(doc)
    edition_claims = [(d, extract(d)) for d, _ in editions]
    verdicts = check(doc, extracted, reference, day, editions=edition_claims)
    compared = 0
    for hand_verdict, expected in zip(by_hand, spec["expected"], strict=True):
        i = _match(hand[hand_verdict.claim], extracted)
        if i is None or any(extracted[i].fields.get(k) != v
                            for k, v in hand[hand_verdict.claim].fields.items()):
            continue  # not extracted, or extracted with other fields
        partners = [e.claim for e in hand_verdict.at_publication.evidence
                    if e.source == "sheet" and e.claim is not None and e.claim != hand_verdict.claim]
        if any(_match(hand[j], extracted) is None for j in partners) or any(
                e.source == "edition" for e in hand_verdict.at_publication.evidence):
            continue  # the finding rests on a claim the extractor does not state
        got = verdicts[i]
        compared += 1
        assert (got.at_publication.verdict, got.now.verdict) == (
            expected["at_publication"], expected["now"]), (expected["quote"], got.message)
    assert compared >= len(spec["expected"]) // 3, f"only {compared} compared"
