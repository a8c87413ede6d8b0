"""The shipped tables' location and columns (kept apart so loading never imports the builders)."""

from __future__ import annotations

from pathlib import Path

#: The shipped tables, inside the package.
DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "reference"
COLUMNS = ("source", "record", "country", "predicate", "valid_from", "valid_to", "observed", "citation", "value")
FORMAT_VERSION = 1
