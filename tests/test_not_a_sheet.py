"""Every command that reads one sheet refuses a text that is not one (exit 3,
E-INPUT-NOT-A-SHEET): a Python file and a news article, written for this test."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from factsheet.cli import main

PYTHON = '''"""A small module."""

import sys


def main() -> int:
    print("hello from a script", file=sys.stderr)
    return 0
'''

NEWS = """City council approves new bus routes

By a staff reporter

The city council voted on Tuesday to add three bus routes to the eastern districts, a plan
that officials say will shorten commutes by a quarter. The routes start running in the spring,
and fares stay the same. Residents who spoke at the meeting welcomed the change.
"""


@pytest.fixture(params=[("script.py", PYTHON), ("news.txt", NEWS)], ids=["python", "news"])
def not_a_sheet(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    name, text = request.param
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("command", [
    ["check"],
    ["check", "--format", "json"],
    ["update"],
])
def test_sheet_commands_refuse_a_text_that_is_not_a_sheet(command: list[str], not_a_sheet: Path) -> None:
    result = CliRunner().invoke(main, [*command, str(not_a_sheet)])
    assert result.exit_code == 3, result.output
    assert "error[E-INPUT-NOT-A-SHEET]" in result.output
    assert "Traceback" not in result.output


def test_ingest_refuses_a_text_that_is_not_a_sheet(not_a_sheet: Path, tmp_path: Path) -> None:
    db = tmp_path / "kb.sqlite"
    result = CliRunner().invoke(main, ["ingest", "--db", str(db), str(not_a_sheet)])
    assert result.exit_code == 3, result.output
    assert "E-INPUT-NOT-A-SHEET" in result.output


def test_check_still_reads_a_sheet(tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.txt"
    sheet.write_text("U.S. Relations With Peru\n\nBureau of Western Hemisphere Affairs\nFact Sheet\n"
                     "January 25, 2017\n\nU.S.-Peru Relations\n\nThe United States established "
                     "diplomatic relations with Peru in 1827.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(sheet), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    assert "E-INPUT-NOT-A-SHEET" not in result.output
