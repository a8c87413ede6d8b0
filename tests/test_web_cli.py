"""``factsheet serve``: options, defaults (loopback only) and the app it hands to uvicorn."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import uvicorn
from click.testing import CliRunner

from factsheet.cli import main


def test_serve_help_names_the_options() -> None:
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port", "--cache-seconds", "FACTSHEET_TOKEN"):
        assert option in result.output


def test_serve_listens_on_loopback_by_default(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    seen: dict[str, Any] = {}

    def fake_run(app: Any, **options: Any) -> None:
        seen.update(options, app=app)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    monkeypatch.delenv("FACTSHEET_TOKEN", raising=False)
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "s.db"), "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8123
    assert seen["app"].title == "factsheet"
    assert "writes disabled" in result.output


def test_serve_refuses_a_bad_port() -> None:
    result = CliRunner().invoke(main, ["serve", "--port", "70000"])
    assert result.exit_code == 2


def test_serve_sets_the_check_workers_and_their_time_limit(monkeypatch: pytest.MonkeyPatch,
                                                           tmp_path: Path) -> None:
    seen: dict[str, Any] = {}

    def fake_run(app: Any, **options: Any) -> None:
        seen.update(options, app=app)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "s.db"), "--check-workers", "2",
                                       "--check-seconds", "7.5"])
    assert result.exit_code == 0, result.output
    checks = seen["app"].state.backend.checks
    assert checks.workers == 2 and checks.seconds == 7.5
    assert seen["timeout_keep_alive"] == 5
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "s.db"), "--check-workers", "0"])
    assert result.exit_code == 0 and seen["app"].state.backend.checks is None
