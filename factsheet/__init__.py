"""factsheet: keep "U.S. Relations With <Country>" fact sheets true.

The public API is small and re-exported here; everything else is private to its module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

from .check import check  # eager: a lazy wrapper would be replaced by the subpackage on import
from .errors import FactsheetError
from .model import Assessment, Claim, Document, Evidence, Fact, Section, Verdict
from .read import read

if TYPE_CHECKING:
    import os

    from .reference import Reference
    from .render import Diff, Sheet, Update
    from .store import Store


def open_store(url_or_path: str | os.PathLike[str] | None = None, *, create: bool = True) -> Store:
    """Open the knowledge base (SQLite path, postgresql:// URL, default $FACTSHEET_DB or
    ./factsheet.db); imported on first use so that ``import factsheet`` stays free of SQLAlchemy.
    ``create=False``: a missing SQLite file is StoreNotFoundError, not a new empty database."""
    from .store import open_store as _open_store

    return _open_store(url_or_path, create=create)


def load_reference(path: str | os.PathLike[str] | None = None) -> Reference:
    """The reference tables (default: the shipped ones), loaded once and cached; lazy import.
    See factsheet.reference for facts(), answer(), horizon()."""
    from .reference import load_reference as _load_reference

    return _load_reference(path)


def extract(document: Document) -> list[Claim]:
    """The claims of a read sheet, in text order (see factsheet.extract); imported on first use."""
    from .extract import extract as _extract

    return _extract(document)


def render_sheet(country: str, as_of: Any = None, reference: Any = None, base: Any = None) -> Sheet:
    """An up-to-date, sourced sheet for a country on a date (see factsheet.render); lazy import."""
    from .render import render_sheet as _render_sheet

    return _render_sheet(country, as_of, reference, base)


def update(document: Document, as_of: Any = None, reference: Any = None) -> Update:
    """The corrected, current sheet for an edition, with its change list; lazy import."""
    from .render import update as _update

    return _update(document, as_of, reference)


def diff(old: Document, new: Document, **options: Any) -> Diff:
    """Claims added, removed and changed between two editions, with verdicts; lazy import.
    Options: ``reference``, ``as_of`` (the check date), ``verdicts=False`` to skip checking."""
    from .render import diff as _diff

    return _diff(old, new, **options)


def create_app(store: Any = None, reference: Any = None, **options: Any) -> Any:
    """The web app (FastAPI: JSON API and pages) over a store and reference data; lazy import.
    Options: ``token`` (else $FACTSHEET_TOKEN), ``cache_seconds``. See factsheet.web."""
    from .web import create_app as _create_app

    return _create_app(store, reference, **options)


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
    "check",
    "create_app",
    "diff",
    "extract",
    "load_reference",
    "open_store",
    "read",
    "render_sheet",
    "update",
]
