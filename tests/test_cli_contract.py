"""The CLI contract at its edges (issue 14, docs/reader.md "The command-line contract").

Every command that reads a sheet takes --max-bytes and "-" for standard input; usage errors are
one ``error[CODE]:`` line and exit 2; reading commands never create a database; ingest reads
the tool's own Markdown and says what it skipped; diff refuses two countries without --force;
an existing output file is a usage error.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE, FIXTURES

from factsheet.cli import main
from factsheet.store import open_store

SHEET = EXAMPLE.read_bytes()
OTHER = (FIXTURES / "sheets" / "r_vietnam_2016.txt").read_bytes()


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def one_error_line(stderr: str, code: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert lines[0].startswith(f"error[{code}]: "), lines[0]
    assert "Traceback" not in stderr
    return lines[0]


READERS = [
    ("read", []),
    ("extract", []),
    ("check", ["--as-of", "2026-11-27"]),
    ("update", ["--as-of", "2026-11-27"]),
]


@pytest.mark.parametrize(("command", "extra"), READERS, ids=[c for c, _ in READERS])
def test_every_reader_takes_stdin(command: str, extra: list[str]) -> None:
    code, out, err = run(command, "-", *extra, stdin=SHEET)
    assert code in (0, 1), err  # check exits 1: the example has a planted error
    assert "Peru" in out or "PE" in out


@pytest.mark.parametrize(("command", "extra"), READERS, ids=[c for c, _ in READERS])
def test_every_reader_takes_max_bytes(command: str, extra: list[str], tmp_path: Path) -> None:
    path = tmp_path / "peru.txt"
    path.write_bytes(SHEET)
    code, _, err = run(command, str(path), "--max-bytes", "100", *extra)
    assert code == 3
    line = one_error_line(err, "E-INPUT-TOO-LARGE")
    assert "--max-bytes" in line
    code, _, err = run(command, "-", "--max-bytes", "100", *extra, stdin=SHEET)
    assert code == 3 and "E-INPUT-TOO-LARGE" in err


def test_diff_and_ingest_take_max_bytes(tmp_path: Path) -> None:
    path = tmp_path / "peru.txt"
    path.write_bytes(SHEET)
    code, _, err = run("diff", str(path), str(path), "--max-bytes", "100", "--no-verdicts")
    assert code == 3 and "E-INPUT-TOO-LARGE" in err
    db = str(tmp_path / "kb.db")
    code, out, _ = run("ingest", str(path), "--db", db, "--max-bytes", "100", "--format", "json")
    assert code == 3
    assert "E-INPUT-TOO-LARGE" in json.loads(out)["failures"][0]["reason"]


def test_a_huge_max_bytes_neither_overflows_nor_preallocates(tmp_path: Path) -> None:
    path = tmp_path / "peru.txt"
    path.write_bytes(SHEET)
    for limit in ("99999999999999999999999", "100000000000"):
        code, _, err = run("read", str(path), "--max-bytes", limit)
        assert code == 0, err
        code, _, err = run("read", "-", "--max-bytes", limit, stdin=SHEET)
        assert code == 0, err


@pytest.mark.parametrize("command", ["read", "extract", "check", "update"])
def test_a_directory_for_a_file_is_a_usage_error(command: str, tmp_path: Path) -> None:
    code, _, err = run(command, str(tmp_path))
    assert code == 2
    assert str(tmp_path) in one_error_line(err, "E-USAGE-DIRECTORY")


def test_click_usage_errors_are_one_line() -> None:
    for args in (["read", "--max-bytes", "lots", "x"], ["check"], ["nosuchcommand"],
                 ["query", "--limit", "-3"], ["read", "--format", "xml", "x"]):
        code, _, err = run(*args)
        assert code == 2, args
        one_error_line(err, "E-USAGE")


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "kb.db")
    with open_store(path) as store:
        assert store.add(SHEET, "peru.txt", check_date=dt.date(2026, 11, 27)).status == "new"
    return path


@pytest.mark.parametrize("args", [["query", "--type", "ambasador"], ["query", "--verdict", "wrong"],
                                  ["history", "Peru", "bogus"], ["query", "--type", "x;drop"]])
def test_unknown_filter_values_are_usage_errors(db: str, args: list[str]) -> None:
    code, out, err = run(*args, "--db", db)
    assert code == 2 and out == ""
    one_error_line(err, "E-USAGE")


def test_known_filter_values_still_work(db: str) -> None:
    for args in (["query", "--type", "ambassador"], ["query", "--type", "relations.*"],
                 ["query", "--verdict", "CONTRADICTED"], ["query", "--verdict", "V-AMB-OUTDATED"],
                 ["history", "Peru", "ambassador"]):
        code, _, err = run(*args, "--db", db)
        assert code == 0, (args, err)


@pytest.mark.parametrize("args", [["query"], ["countries"], ["history", "Peru", "ambassador"],
                                  ["export", "--format", "jsonl"], ["render", "Peru"],
                                  ["check", str(EXAMPLE), "--store"]])
def test_reading_commands_never_create_a_database(args: list[str], tmp_path: Path) -> None:
    missing = tmp_path / "nothere.db"
    option = [str(missing)] if args[-1] == "--store" else ["--db", str(missing)]
    code, _out, err = run(*args, *option)
    assert code == 5
    line = one_error_line(err, "E-STORE-NOT-FOUND")
    assert str(missing) in line and "factsheet ingest" in line
    assert not missing.exists()


def test_ingest_reads_markdown_and_reports_what_it_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "sheets"
    folder.mkdir()
    code, out, err = run("update", str(EXAMPLE), "--as-of", "2026-11-27", "--format", "markdown",
                         "--out", str(folder / "peru.md"))
    assert code == 0, err
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4 not a sheet")
    (folder / "vietnam.txt").write_bytes(OTHER)
    db = str(tmp_path / "kb.db")
    code, out, err = run("ingest", str(folder), "--db", db, "--format", "json")
    assert code == 0, out + err
    summary = json.loads(out)
    assert summary["new"] == 2
    assert summary["skipped"] == [{"source": str(folder / "notes.pdf"),
                                   "reason": "not a sheet file (.txt, .md, .html, .htm)"}]
    code, out, _ = run("ingest", str(folder), "--db", db)
    assert "skipped" in out and "notes.pdf" in out


def test_ingest_refuses_stdin(tmp_path: Path) -> None:
    code, _, err = run("ingest", "-", "--db", str(tmp_path / "kb.db"), stdin=SHEET)
    assert code == 2
    one_error_line(err, "E-USAGE")


def test_diff_of_two_countries_needs_force(tmp_path: Path) -> None:
    peru, vietnam = tmp_path / "peru.txt", tmp_path / "vietnam.txt"
    peru.write_bytes(SHEET)
    vietnam.write_bytes(OTHER)
    code, out, err = run("diff", str(peru), str(vietnam), "--no-verdicts")
    assert code == 2 and out == ""
    assert "--force" in one_error_line(err, "E-USAGE-COUNTRIES")
    code, out, err = run("diff", str(peru), str(vietnam), "--no-verdicts", "--force")
    assert code == 0 and "warning:" in err and out
    code, out, err = run("diff", str(peru), "-", "--no-verdicts", stdin=SHEET)
    assert code == 0 and "warning" not in err


def test_an_existing_output_file_is_a_usage_error(db: str, tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("keep me")
    for fmt in ("jsonl", "csv", "sqlite"):
        code, _, err = run("export", "--db", db, "--format", fmt, "-o", str(target))
        assert code == 2
        assert "--force" in one_error_line(err, "E-USAGE")
    assert target.read_text() == "keep me"
    code, _, err = run("export", "--db", db, "--format", "jsonl", "-o", str(target), "--force")
    assert code == 0 and target.read_text() != "keep me"


def test_a_real_subprocess_prints_one_line_for_a_usage_error() -> None:
    run_ = subprocess.run([sys.executable, "-m", "factsheet", "check", "--as-of", "tomorrowish",
                           str(EXAMPLE)], capture_output=True, text=True,
                          env={**os.environ, "NO_COLOR": "1"})
    assert run_.returncode == 2
    one_error_line(run_.stderr, "E-USAGE-DATE")
