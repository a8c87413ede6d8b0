"""``factsheet refdata`` build / status / show."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_reference_build import make_raw

from factsheet.cli import main


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTSHEET_CACHE", str(tmp_path / "cache"))


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_build_from_fixture_prints_summary(tmp_path: Path) -> None:
    root = make_raw(tmp_path)
    code, out, _ = run("refdata", "build", "--from", str(root), "--out", str(tmp_path / "out"), "--format", "json")
    assert code == 0, out
    data = json.loads(out)
    by_source = {s["source"]: s for s in data["sources"]}
    assert by_source["rdcr"]["malformed"] == 1 and by_source["pocom"]["rows"] == 3
    assert "rdcr" in data["warnings"]
    assert (tmp_path / "out" / "manifest.json").is_file()
    code, out, _ = run("refdata", "build", "--from", str(root), "--out", str(tmp_path / "out2"))
    assert code == 0 and "malformed" in out and "rdcr" in out


def test_build_missing_folder_is_exit_4(tmp_path: Path) -> None:
    code, _, err = run("refdata", "build", "--from", str(tmp_path / "missing"), "--out", str(tmp_path / "out"))
    assert code == 4
    assert "missing" in err and "not found" in err
    assert not (tmp_path / "out").exists()


def test_status_json_lists_sources() -> None:
    code, out, _ = run("refdata", "status", "--format", "json")
    assert code == 0
    data = json.loads(out)
    names = {s["source"] for s in data["sources"]}
    assert names == {"rdcr", "pocom", "gsh", "factbook", "agreements", "visits"}
    factbook = next(s for s in data["sources"] if s["source"] == "factbook")
    assert factbook["last"] == "2026-01-22" and factbook["rows"] > 1000
    assert isinstance(factbook["days_since_last"], int)
    code, out, _ = run("refdata", "status")
    assert code == 0 and "pocom" in out and "horizon" in out


def test_show_peru_2017_text_and_json() -> None:
    code, out, _ = run("refdata", "show", "Peru", "--date", "2017-01-25")
    assert code == 0
    assert "KUCZYNSKI" in out and "Brian A. Nichols" in out
    assert "1700 Massachusetts Avenue NW" in out and "US Peru" in out
    code, out, _ = run("refdata", "show", "PE", "--date", "2017-01-25", "--format", "json")
    data = json.loads(out)
    assert data["country"] == "PE"
    assert {"relations.recognized", "relations.established"} <= {e["predicate"] for e in data["relations"]}
    assert any(f["value"]["name"] == "Pedro Pablo KUCZYNSKI Godard"
               for f in data["people"]["chief_of_state"]["facts"])
    assert "APEC" in {o["organization"] for o in data["memberships"]["organizations"]}
    assert data["trade"]["exports_total"][0]["year"] == 2015


def test_show_uncovered_date_says_so() -> None:
    code, out, _ = run("refdata", "show", "PE", "--date", "2019-06-01", "--format", "json")
    assert code == 0
    chief = json.loads(out)["people"]["chief_of_state"]
    assert chief["covered"] is False and chief["facts"] == [] and "between" in chief["note"]


@pytest.mark.parametrize("args", [
    ("refdata", "show", "Atlantis"),
    ("refdata", "show", "PE", "--date", "2017-02-30"),
    ("refdata", "show", "PE", "--date", "soon"),
])
def test_show_usage_errors_exit_2(args: tuple[str, ...]) -> None:
    code, _, err = run(*args)
    assert code == 2
    assert err.startswith("error[E-USAGE")


def test_show_states_when_there_is_no_resident_us_chief_of_mission() -> None:
    code, out, _ = run("refdata", "show", "Tonga", "--date", "2021-06-01")
    assert code == 0
    assert "U.S. mission note (no_embassy): the US does not have an embassy in Tonga" in out
    code, out, _ = run("refdata", "show", "TO", "--date", "2021-06-01", "--format", "json")
    assert json.loads(out)["us_mission_note"]["kind"] == "no_embassy"
    code, out, _ = run("refdata", "show", "PE", "--date", "2017-01-25", "--format", "json")
    assert json.loads(out)["us_mission_note"] is None and json.loads(out)["horizon"] == "2026-01-22"
