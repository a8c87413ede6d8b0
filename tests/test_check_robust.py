"""check() never fails on odd claims: any fields, any types, one verdict each."""

from __future__ import annotations

import datetime as dt

from conftest import FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factsheet.check import check
from factsheet.check.memory import MemoryReference
from factsheet.model import Claim, Document

REF = MemoryReference.from_json(FIXTURES / "check" / "reference.json")
TYPES = ["relations.established", "relations.recognized", "relations.severed", "relations.none",
         "independence", "agreement", "leader", "trade", "investment", "assistance", "people",
         "membership", "ambassador", "embassy", "statistic", "something.else"]
KEYS = ["year", "date", "name", "title", "since", "term_ends", "term_years", "event", "short_name",
        "flow", "scope", "value_usd", "value", "subject", "organization", "status",
        "shared_with_us", "side", "kind", "address", "postal_code", "phone", "resident_in",
        "from", "count", "qualifier", "years", "period", "role"]
VALUES = st.one_of(st.none(), st.booleans(), st.integers(-10, 3000),
                   st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=12),
                   st.sampled_from(["2016-07", "2009", "1827-05-21", "TPA", "two_way", "UN",
                                    "us_to_partner", "partner_in_us", "PE", "poverty_share",
                                    "President", "signed", "Brian A. Nichols"]),
                   st.lists(st.text(max_size=4), max_size=2))
CLAIM = st.tuples(st.sampled_from(TYPES), st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=6))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(CLAIM, max_size=6), st.sampled_from([None, "2017", "2017-01-25", "2030-01-01"]))
def test_any_claims_get_a_verdict(raw: list[tuple[str, dict[str, object]]], published: str | None) -> None:
    text = "Some words of a sheet."
    doc = Document(text=text, sha256="r", country="PE", published=published)
    claims = [Claim(kind, "PE", fields, (0, 4), text[:4]) for kind, fields in raw]
    other = Document(text=text, sha256="r2", country="PE", published="2015-06-01")
    verdicts = check(doc, claims, REF, dt.date(2026, 11, 27), editions=[(other, claims[::-1])])
    assert [v.claim for v in verdicts] == list(range(len(claims)))
    for v in verdicts:
        assert v.at_publication.verdict in ("supported", "contradicted", "inconsistent",
                                            "unverifiable")
        assert v.now.verdict in ("current", "outdated", "contradicted", "unknown")
        assert v.code.startswith("V-") and v.message
        v.to_json()
