"""Shared test fixtures: paths to the project's own sheets and, when present, ../shared."""

from __future__ import annotations

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
