"""Shared test fixtures: paths to the project's own sheets and, when present, ../shared."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_a886b017fe743fdd.txt"
SEED_GOLD = SHARED / "gold" / "000_a886b017fe743fdd.claims.json"
EXAMPLE = ROOT / "factsheet" / "data" / "examples" / "peru-2017.txt"


@pytest.fixture
def shared() -> Path:
    """The ../shared folder; the test skips cleanly on a fresh clone without it."""
    if not SEED.exists():
        pytest.skip("../shared is absent (fresh clone): real-data test skipped")
    return SHARED


@pytest.fixture(autouse=True, scope="session")
def _no_user_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Every test loads the shipped reference tables, never a set a user pulled into
    ~/.local/share/factsheet; pull tests point FACTSHEET_DATA_DIR at their own tmp_path."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FACTSHEET_DATA_DIR", str(tmp_path_factory.mktemp("data-dir")))
        yield


@contextlib.contextmanager
def live_server(app: Any, **options: Any) -> Iterator[str]:
    """``app`` served by uvicorn on a free loopback port in a thread, for browser tests: its URL
    (``options`` go to ``uvicorn.Config``)."""
    import socket
    import threading
    import time

    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           **options))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    """An empty store on each back end (PostgreSQL skips without FACTSHEET_TEST_PG_URL)."""
    from factsheet.store import open_store
    from factsheet.store.testing import pg_schema

    if request.param == "sqlite":
        s = open_store(str(tmp_path / "kb.db"))
        yield s
        s.close()
    else:
        with pg_schema() as url:
            s = open_store(url)
            yield s
            s.close()


#: the browser suites drive Debian's Chromium (installed by .ci/run) through Playwright
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"  # screenshots
_CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run"]


def require_browser(needs: str = "Chromium and Playwright", missing: str | None = None) -> None:
    """Skip the browser suite when Chromium or Playwright (or ``missing``, another requirement
    the suite found absent) is not there; in CI, where .ci/run installs them, fail instead."""
    reason = missing
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing (apt-get install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "playwright is not installed (pip install -e '.[test]')"
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests need {needs} in CI: {reason}")
        pytest.skip(f"browser tests skipped: {reason}")


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium browser (Playwright), with the screenshot folder made."""
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=_CHROMIUM_ARGS)
        yield b
        b.close()
