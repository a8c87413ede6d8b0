"""``factsheet serve``: options, defaults (loopback only) and the app it hands to uvicorn."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import uvicorn
from click.testing import CliRunner

from factsheet.cli import main
from factsheet.store import open_store
from factsheet.web.protocol import UVICORN_OPTIONS


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
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "s.db"), "--create",
                                       "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8123
    assert seen["http"] == UVICORN_OPTIONS["http"]  # the protocol with a deadline for headers
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
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "s.db"), "--create",
                                       "--check-workers", "2", "--check-seconds", "7.5"])
    assert result.exit_code == 0, result.output
    checks = seen["app"].state.backend.checks
    assert checks.workers == 2 and checks.seconds == 7.5
    assert seen["timeout_keep_alive"] == 5
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "s.db"), "--create",
                                       "--check-workers", "0"])
    assert result.exit_code == 0 and seen["app"].state.backend.checks is None


def test_serve_refuses_a_missing_database_unless_told_to_create_it(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: seen.update(options, app=app))
    missing = tmp_path / "nothere.db"
    result = CliRunner().invoke(main, ["serve", "--db", str(missing)])
    assert result.exit_code == 5 and not seen
    assert result.output.startswith("error[E-STORE-NOT-FOUND]")
    assert str(missing) in result.output and "--create" in result.output
    assert not missing.exists()  # not created as an empty database
    monkeypatch.setenv("FACTSHEET_DB", str(missing))  # the same through the environment
    result = CliRunner().invoke(main, ["serve", "--workers", "2"])
    assert result.exit_code == 5 and not seen and not missing.exists()
    open_store(missing).close()  # an existing database is served without --create
    result = CliRunner().invoke(main, ["serve"])
    assert result.exit_code == 0, result.output
    assert seen["app"].state.backend._store_arg == str(missing)
