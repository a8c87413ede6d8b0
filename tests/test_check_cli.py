"""`factsheet check`: formats, exit codes, editions, errors; and the report renderers."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES

from factsheet import read
from factsheet.check import check
from factsheet.check.memory import MemoryReference
from factsheet.check.report import render_report
from factsheet.cli import main
from factsheet.model import Claim

CHECK = FIXTURES / "check"
REF = str(CHECK / "reference.json")


def run(*args: str, as_of: str = "2026-11-27") -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", *args, "--reference", REF, "--as-of", as_of])
    return result.exit_code, result.output


def sheet(name: str) -> list[str]:
    return [str(CHECK / f"{name}.txt"), "--claims", str(CHECK / f"{name}.claims.json")]


def test_text_report_exit_1_when_contradicted() -> None:
    code, out = run(*sheet("check_peru_2019_errors"))
    assert code == 1
    assert "“The U.S. Ambassador to Peru is Brian A. Nichols.”" in out
    assert "when published (2019-03-12): CONTRADICTED" in out
    assert "V-AMB-CONTRADICTED" in out and "history.state.gov" in out
    assert "\x1b[" not in out  # not a terminal: no colour
    assert out.rstrip().splitlines()[-1].startswith("9 claims — at publication: 1 supported, "
                                                     "8 contradicted")
    assert "reference horizon 2026-01-22" in out


def test_exit_0_when_nothing_is_contradicted() -> None:
    code, out = run(*sheet("check_venezuela_2018_stale"), "--format", "markdown")
    assert code == 0, out
    assert out.startswith("# Check: U.S. Relations With Venezuela")
    assert "| 0 | relations.established | supported | outdated → relations severed 2019-01-23 |" in out


def test_json_shape() -> None:
    code, out = run(*sheet("check_peru_2017_stale"), "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert set(data) >= {"document", "claims", "verdicts", "horizon", "check_date"}
    assert data["horizon"] == "2026-01-22" and data["check_date"] == "2026-11-27"
    assert data["document"]["country"] == "PE" and data["document"]["published"] == "2017-06-02"
    verdict = data["verdicts"][4]
    assert verdict["claim"] == 4 and verdict["code"] == "V-AMB-OUTDATED"
    assert verdict["at_publication"]["date"] == "2017-06-02"
    assert verdict["at_publication"]["evidence"][0]["source"] == "pocom"
    assert verdict["now"] == {**verdict["now"], "verdict": "outdated",
                              "current": "Chargé d'Affaires Joan Perkins", "horizon": "2026-01-22"}
    assert len(data["verdicts"]) == len(data["claims"])


def test_several_files_are_editions() -> None:
    code, out = run(*sheet("check_peru_2017_stale"), *sheet("check_peru_2020_inconsistent")[:1],
                    "--claims", str(CHECK / "check_peru_2020_inconsistent.claims.json"),
                    "--format", "json")
    data = json.loads(out)
    assert code == 1 and isinstance(data, list) and len(data) == 2
    trade = data[0]["verdicts"][3]
    assert trade["code"] == "V-CONS-EDITION-VALUE"
    assert trade["at_publication"]["verdict"] == "inconsistent"
    assert trade["at_publication"]["evidence"][0]["snapshot"] == "2020-02-14"


def test_usage_and_input_errors(tmp_path: Path) -> None:
    code, out = run(*sheet("check_peru_2017_stale"), as_of="yesterday-ish")
    assert code == 2 and "error[E-USAGE-DATE]" in out
    code, out = run(str(tmp_path / "missing.txt"))
    assert code == 3 and "error[E-INPUT" in out and "Traceback" not in out
    code, out = run(str(CHECK / "check_peru_2017_stale.txt"), str(CHECK / "check_peru_2017_stale.txt"),
                    "--claims", str(CHECK / "check_peru_2017_stale.claims.json"))
    assert code == 2 and "once per FILE" in out
    bad = tmp_path / "trade.csv"
    bad.write_text("country,year,flow,scope,value_usd\nPE,2015,sideways,goods,1\n")
    code, out = run(*sheet("check_peru_2017_stale"), "--trade-csv", str(bad))
    assert code == 3 and "line 2: flow 'sideways'" in out
    claims = tmp_path / "claims.json"
    claims.write_text(json.dumps({"claims": [{"type": "trade", "span": [0, 5], "quote": "nope!"}]}))
    code, out = run(str(CHECK / "check_peru_2017_stale.txt"), "--claims", str(claims))
    assert code == 3 and "does not hold its quote" in out


def test_trade_csv_option(tmp_path: Path) -> None:
    csv = tmp_path / "trade.csv"
    csv.write_text("country,year,flow,scope,value_usd\nPE,2015,two_way,goods,14.3e9\n")
    _code, out = run(*sheet("check_peru_2017_stale"), "--trade-csv", str(csv), "--format", "json")
    verdict = json.loads(out)["verdicts"][3]
    assert verdict["at_publication"]["evidence"][-1]["source"] == "user_trade"
    assert verdict["code"] == "V-TRADE-SUPPORTED", verdict["message"]


def test_renderers() -> None:
    doc = read(CHECK / "check_peru_2019_errors.txt")
    claims = [Claim.from_json(c) for c in
              json.loads((CHECK / "check_peru_2019_errors.claims.json").read_text())["claims"]]
    verdicts = check(doc, claims, MemoryReference.from_json(REF), dt.date(2026, 11, 27))
    coloured = render_report(doc, claims, verdicts, "text", horizon="2026-01-22",
                             as_of="2026-11-27", color=True)
    assert "\x1b[" in coloured and "CONTRADICTED" in coloured
    page = render_report(doc, claims, verdicts, "html", horizon="2026-01-22", as_of="2026-11-27")
    assert page.startswith("<!doctype html>") and 'class="contradicted"' in page
    assert "Peru&#x27;s embassy" in page  # escaped
    md = render_report(doc, claims, verdicts, "markdown")
    assert md.count("\n## #") == len(claims)
    with pytest.raises(ValueError, match="unknown report format"):
        render_report(doc, claims, verdicts, "pdf")


def test_seed_from_the_command_line(shared: Path) -> None:
    """The shipped reference, the real seed, the gold claims: exit 1 (the TPA year)."""
    gold = shared / "gold" / "000_a886b017fe743fdd.claims.json"
    result = CliRunner().invoke(main, ["check", str(shared / "seeds" / "000_a886b017fe743fdd.txt"),
                                       "--claims", str(gold), "--as-of", "2026-11-27",
                                       "--format", "json"])
    assert result.exit_code == 1, result.output
    data = json.loads(result.output)
    assert data["horizon"] == "2026-01-22"
    assert data["verdicts"][19]["message"] == (
        "Brian A. Nichols left post on 2017-10-13; the latest source (2026-01-22) names "
        "Chargé d'Affaires Joan Perkins.")


def test_stored_editions(tmp_path: Path) -> None:
    """--store compares with the editions kept in a knowledge base."""
    pytest.importorskip("factsheet.store")
    from factsheet import open_store

    db = tmp_path / "kb.db"
    store = open_store(str(db))
    result = store.add((CHECK / "check_peru_2020_inconsistent.txt").read_bytes(),
                       "check_peru_2020_inconsistent.txt")
    assert result.status == "new" and result.document_id is not None
    stored = store.document(result.document_id)
    if not any(c.type == "trade" and c.fields.get("year") == 2015 for c in stored.claims):
        pytest.skip("the extractor did not extract the 2015 two-way figure")
    code, out = run(*sheet("check_peru_2017_stale"), "--store", str(db), "--format", "json")
    verdict = json.loads(out)["verdicts"][3]
    assert code == 1 and verdict["code"] == "V-CONS-EDITION-VALUE", verdict
    assert verdict["at_publication"]["evidence"][0]["snapshot"] == "2020-02-14"


def test_colour_only_on_a_terminal_without_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    from factsheet.cli import check as check_cli

    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert check_cli._use_color()
    monkeypatch.setenv("NO_COLOR", "1")
    assert not check_cli._use_color()
    monkeypatch.setattr("sys.stdout.isatty", lambda: False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert not check_cli._use_color()


def test_check_date_before_publication_is_a_usage_error() -> None:
    code, out = run(*sheet("check_peru_2017_stale"), as_of="2016-01-01")
    assert code == 2 and "before" in out and "2017-06-02" in out
