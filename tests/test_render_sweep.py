"""The sweep: every country the reference knows, rendered from the shipped tables and checked on
the same date, must come out with no contradicted, inconsistent or outdated claim and no empty
sheet. The test runs three of the issue's eight dates (``bench/sweep.py`` runs all of them)."""

from __future__ import annotations

import datetime as dt

import pytest

from factsheet.reference import load_reference
from factsheet.render.sweep import SWEEP_DATES, check_rendered, sweep

SAMPLE = (dt.date(2000, 6, 1), dt.date(2020, 6, 1), SWEEP_DATES[-1])


@pytest.mark.parametrize("on", SAMPLE, ids=str)
def test_every_country_rendered_then_checked_on_its_date(on: dt.date) -> None:
    ref = load_reference()
    result = sweep(ref.countries, [on], ref)
    assert not result.problems, "\n".join(p.line() for p in result.problems[:20])
    assert result.sheets >= 200 and result.claims >= 1500
    # the places refused are usage errors that say why (not foreign countries, no government,
    # not yet independent), never a crash
    for country, _, message in result.skipped:
        assert message and country, message


def test_the_sweep_finds_a_wrong_sheet() -> None:
    # the sweep can fail: a checker whose sources disagree with the writer's shows up
    from factsheet.model import Fact

    ref = load_reference()

    class Changed:
        """The shipped tables, with Peru's leaders renamed."""

        sources = ref.sources

        def facts(self, country: str, predicate: str, on: dt.date | None = None) -> list[Fact]:
            found = ref.facts(country, predicate, on)
            if country == "PE" and predicate in ("chief_of_state", "head_of_government"):
                found = [Fact(f.source, f.record, f.country, f.predicate,
                              {**f.value, "name": "Somebody ELSE", "raw": "President Somebody ELSE"},
                              f.valid_from, f.valid_to, f.observed, f.citation) for f in found]
            return found

        def horizon(self, predicate: str | None = None) -> str | None:
            return ref.horizon(predicate)

    _, problems = check_rendered("PE", dt.date(2017, 1, 25), ref, Changed())
    assert any(p.claim_type == "leader" and p.verdict == "contradicted" for p in problems), problems
    _, none = check_rendered("PE", dt.date(2017, 1, 25), ref)
    assert none == []
