"""`factsheet render`, `update` and `diff` through the CLI (in process, with a hand-built reference)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_render_fakes import EDITION, FakeReference

from factsheet.cli import main


@pytest.fixture
def fake_reference(monkeypatch: pytest.MonkeyPatch) -> FakeReference:
    import factsheet.reference as reference

    ref = FakeReference()
    monkeypatch.setattr(reference, "load_reference", lambda *a, **k: ref, raising=False)
    monkeypatch.delenv("FACTSHEET_DB", raising=False)
    return ref


@pytest.fixture
def edition(tmp_path: Path) -> Path:
    path = tmp_path / "peru-2016.txt"
    path.write_text(EDITION, encoding="utf-8")
    return path


def run(*args: str) -> object:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_render_text_and_formats(fake_reference: FakeReference, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no ./factsheet.db here
    result = run("render", "Peru", "--as-of", "2017-01-25")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("U.S. Relations With Peru\n")
    assert "President Pedro Pablo Kuczynski" in result.output
    result = run("render", "PE", "--as-of", "2017-01-25", "--format", "json")
    data = json.loads(result.output)
    assert data["country"] == "PE" and data["sections"]
    for fmt, marker in (("markdown", "# U.S. Relations With Peru"), ("html", "<!DOCTYPE html>")):
        result = run("render", "PE", "--as-of", "2017-01-25", "--format", fmt)
        assert result.exit_code == 0 and result.output.startswith(marker)


def test_render_usage_errors(fake_reference: FakeReference, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["render", "Atlantis"])
    assert result.exit_code == 2 and "error[E-USAGE-COUNTRY]" in result.output
    result = CliRunner().invoke(main, ["render", "PE", "--as-of", "2021-02-30"])
    assert result.exit_code == 2 and "error[E-USAGE-DATE]" in result.output
    result = CliRunner().invoke(main, ["render", "PE", "--format", "pdf"])
    assert result.exit_code == 2 and "--out" in result.output
    assert "Traceback" not in result.output


def test_render_out_is_written_atomically(fake_reference: FakeReference, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "sheet.md"
    out.write_text("old content", encoding="utf-8")
    result = run("render", "PE", "--as-of", "2026-11-27", "--format", "markdown", "--out", str(out))
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# U.S. Relations With Peru")
    assert [p.name for p in tmp_path.iterdir()] == ["sheet.md"]  # no temporary file left behind
    fresh = tmp_path / "fresh.txt"
    assert run("render", "PE", "--as-of", "2026-11-27", "--out", str(fresh)).exit_code == 0
    assert fresh.stat().st_mode & 0o044, "readable by others, as a file written by open() (not mkstemp's 0600)"
    fresh.unlink()
    result = CliRunner().invoke(main, ["render", "PE", "--out", str(tmp_path / "missing" / "x.txt")])
    assert result.exit_code == 2


def test_write_atomic_keeps_the_old_file_on_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from factsheet.cli.render import write_atomic

    target = tmp_path / "sheet.txt"
    target.write_text("complete old sheet", encoding="utf-8")

    def boom(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        write_atomic(target, "new sheet")
    assert target.read_text(encoding="utf-8") == "complete old sheet"
    assert [p.name for p in tmp_path.iterdir()] == ["sheet.txt"]


def test_update_missing_file_is_exit_3(fake_reference: FakeReference, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["update", str(tmp_path / "nope.txt")])
    assert result.exit_code == 3 and "error[" in result.output


def test_update_bad_date_is_exit_2(fake_reference: FakeReference, edition: Path) -> None:
    result = CliRunner().invoke(main, ["update", str(edition), "--as-of", "yesterday-ish"])
    assert result.exit_code == 2 and "E-USAGE-DATE" in result.output


def test_update_of_a_non_sheet_is_exit_3(tmp_path: Path) -> None:
    page = tmp_path / "recipe.txt"
    page.write_text("Banana bread\n\nMash three bananas. Mix with flour and sugar. Bake for an hour.\n",
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["update", str(page)])
    assert result.exit_code == 3 and "error[E-INPUT" in result.output and "Traceback" not in result.output
