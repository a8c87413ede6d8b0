"""Edition against edition: claims matched by type and key fields."""

from __future__ import annotations

from test_render_fakes import peru_edition

from factsheet.model import Claim
from factsheet.render.diff import diff_claims


def _claim(kind: str, **fields: object) -> Claim:
    return Claim(kind, "PE", dict(fields), (0, 1), "x")


def test_added_removed_changed() -> None:
    doc, _, _ = peru_edition()
    old = [
        _claim("relations.established", year=1827),
        _claim("agreement", name="U.S.-Peru Trade Promotion Agreement", short_name="TPA", event="signed", year=2009),
        _claim("ambassador", side="us_to_partner", name="Brian A. Nichols", title="Ambassador"),
        _claim("trade", flow="two_way", value_usd=14e9, year=2015),
        _claim("membership", organization="APEC", status="member", shared_with_us=True),
    ]
    new = [
        _claim("relations.established", year=1827),
        _claim("agreement", name="U.S.-Peru TPA", short_name="TPA", event="signed", year=2006),
        _claim("agreement", name="U.S.-Peru TPA", short_name="TPA", event="entered_into_force", year=2009),
        _claim("ambassador", side="us_to_partner", name="Krishna R. Urs", title="Ambassador"),
        _claim("trade", flow="two_way", value_usd=16e9, year=2017),
    ]
    result = diff_claims(doc, old, doc, new)
    assert result.counts == {"added": 2, "removed": 2, "changed": 2, "same": 1}
    texts = [i.to_text() for i in result.items if i.status != "same"]
    assert "~ Trade Promotion Agreement: signed in 2009 → signed in 2006" in texts
    assert "~ U.S. Ambassador: Brian A. Nichols → Krishna R. Urs" in texts
    assert "- Two-way trade: $14 billion in 2015" in texts
    assert "+ Two-way trade: $16 billion in 2017" in texts
    assert "- Membership: Asia-Pacific Economic Cooperation forum: member (shared with the U.S.)" in texts
    data = result.to_json()
    assert data["counts"]["changed"] == 2 and {i["status"] for i in data["items"]} == {"added", "removed",
                                                                                        "changed", "same"}
    assert result.to_text().splitlines()[2] == "2 added, 2 removed, 2 changed, 1 the same"


def test_identical_editions_have_no_changes_and_carry_verdicts() -> None:
    doc, claims, verdicts = peru_edition()
    result = diff_claims(doc, claims, doc, claims, verdicts, verdicts)
    assert result.counts["same"] == len(claims) and result.counts["changed"] == 0
    assert result.items[1].old_verdict == "contradicted/contradicted"
