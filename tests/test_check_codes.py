"""The verdict-code table in docs/checking.md matches factsheet.check.codes, and codes are used."""

from __future__ import annotations

import re

from conftest import ROOT

from factsheet.check.codes import CONSISTENCY, FAMILIES, all_codes, status_code


def test_docs_table_lists_every_code() -> None:
    text = (ROOT / "docs" / "checking.md").read_text(encoding="utf-8")
    documented = dict(re.findall(r"^\| `(V-[A-Z-]+)` \| (.+) \|$", text, re.M))
    assert documented == all_codes()


def test_status_codes() -> None:
    assert status_code("AMB", "supported", "outdated") == "V-AMB-OUTDATED"
    assert status_code("AGR", "contradicted", "contradicted") == "V-AGR-CONTRADICTED"
    assert status_code("TRADE", "unverifiable", "unknown") == "V-TRADE-UNVERIFIABLE"
    assert status_code("LEAD", "supported", "unknown") == "V-LEAD-UNKNOWN"
    assert status_code("REL", "supported", "current") == "V-REL-SUPPORTED"
    assert set(FAMILIES.values()) >= {"REL", "IND", "LEAD", "AMB", "EMB", "MEM", "AGR", "STAT"}
    assert "V-CONS-PART-ABOVE-TOTAL" in CONSISTENCY
