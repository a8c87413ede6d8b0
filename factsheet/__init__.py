"""factsheet: keep "U.S. Relations With <Country>" fact sheets true.

The public API is small and re-exported here; everything else is private to its module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

from .errors import FactsheetError
from .model import Assessment, Claim, Document, Evidence, Fact, Section, Verdict
from .read import read

if TYPE_CHECKING:
    import os

    from .store import Store


def open_store(url_or_path: str | os.PathLike[str] | None = None) -> Store:
    """Open the knowledge base (SQLite path, postgresql:// URL, default $FACTSHEET_DB or
    ./factsheet.db); imported on first use so that ``import factsheet`` stays free of SQLAlchemy."""
    from .store import open_store as _open_store

    return _open_store(url_or_path)


def extract(document: Document) -> list[Claim]:
    """The claims of a read sheet, in text order (see factsheet.extract); imported on first use."""
    from .extract import extract as _extract

    return _extract(document)


__all__ = [
    "Assessment",
    "Claim",
    "Document",
    "Evidence",
    "Fact",
    "FactsheetError",
    "Section",
    "Verdict",
    "__version__",
    "extract",
    "open_store",
    "read",
]
