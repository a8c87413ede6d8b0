"""``factsheet recheck | stale`` (and the names in ``factsheet countries``) over a store filled here:
the bundled Peru sheet checked on 2017-03-01, then re-judged on 2026-11-27."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE

from factsheet.cli import main


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "kb.db")
    code, out = run("ingest", str(EXAMPLE), "--db", path, "--check-date", "2017-03-01", "--no-progress")
    assert code == 0, out
    return path


def test_recheck_prints_what_changed_and_is_idempotent(db: str) -> None:
    code, out = run("recheck", "--db", db, "--check-date", "2026-11-27", "--no-progress")
    assert code == 0, out
    assert out.startswith("rechecked 1 of 1 editions as of 2026-11-27")
    assert "outdated     PE 2017-02-02" in out and "ambassador: Ambassador Brian A. Nichols" in out
    code, out = run("recheck", "--db", db, "--check-date", "2026-11-27", "--no-progress", "--format", "json")
    body = json.loads(out)
    assert (body["rechecked"], body["up_to_date"], body["changes"]) == (0, 1, [])


def test_recheck_selects_by_country_and_check_date(db: str) -> None:
    code, out = run("recheck", "--db", db, "--country", "Colombia", "--format", "json", "--no-progress")
    assert code == 0 and json.loads(out)["selected"] == 0
    code, out = run("recheck", "--db", db, "--checked-before", "2017-01-01", "--format", "json", "--no-progress")
    assert code == 0 and json.loads(out)["selected"] == 0  # checked on 2017-03-01: not before
    code, out = run("recheck", "--db", db, "--country", "Atlantis")
    assert code == 2 and out.startswith("error[E-USAGE-COUNTRY]") and "Traceback" not in out


def test_stale_as_text_json_and_csv(db: str) -> None:
    run("recheck", "--db", db, "--check-date", "2026-11-27", "--no-progress")
    code, out = run("stale", "--db", db, "--format", "json")
    assert code == 0
    stale = json.loads(out)["stale"]
    assert [e["priority"] for e in stale] == sorted(e["priority"] for e in stale)
    assert {"agreement", "ambassador", "leader"} <= {e["type"] for e in stale}
    code, out = run("stale", "--db", db, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    amb = next(r for r in rows if r["type"] == "ambassador")
    assert amb["since"] == "2017-10-14" and "Perkins" in amb["corrected"] and amb["bureau"].endswith("Western Hemisphere Affairs")
    code, out = run("stale", "--db", db)
    assert code == 0 and "stale claims" in out and "Nichols" in out
    code, out = run("stale", "--db", db, "--bureau", "African", "--format", "json")
    assert json.loads(out)["count"] == 0


def test_countries_shows_names(db: str) -> None:
    code, out = run("countries", "--db", db)
    assert code == 0 and "Peru" in out
    code, out = run("countries", "--db", db, "--format", "json")
    assert json.loads(out)[0]["name"] == "Peru"
