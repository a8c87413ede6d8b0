"""Shared test fixtures: paths to the project's own sheets and, when present, ../shared."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

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
