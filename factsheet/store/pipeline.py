"""read → extract → check for one sheet: what the store writes, built without touching the database.

Runs in worker processes during ``factsheet ingest --jobs N``, so everything here is picklable and
the reference data is loaded once per process. Extraction and checking are imported on first use
(they are separate packages, and importing them costs time the CLI should not spend up front).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from ..errors import FactsheetError, NotAFactSheetError
from ..model import Claim, Document, Verdict


@dataclass(frozen=True)
class ReferenceStamp:
    """Which reference data a check used: a hash of its manifest (and its version, if it has one)."""

    hash: str
    manifest: str  # canonical JSON
    version: str | None = None
    horizon: str | None = None

    @classmethod
    def of(cls, reference: Any) -> ReferenceStamp:
        manifest = getattr(reference, "manifest", None) or {}
        text = json.dumps(manifest, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
        version = (manifest.get("version") or manifest.get("built")) if isinstance(manifest, dict) else None
        horizon_fn = getattr(reference, "horizon", None)
        horizon = horizon_fn() if callable(horizon_fn) else None
        return cls(
            hash=hashlib.sha256(text.encode()).hexdigest(),
            manifest=text,
            version=None if version is None else str(version),
            horizon=horizon,
        )


@dataclass(frozen=True)
class Prepared:
    """A document with its claims and (when checked) its verdicts, ready to be stored."""

    document: Document
    claims: tuple[Claim, ...]
    verdicts: tuple[Verdict, ...] | None = None  # None: not checked
    check_date: str | None = None
    reference: ReferenceStamp | None = None


_REFERENCE: Any = None
_STAMP: ReferenceStamp | None = None


def _reference() -> tuple[Any, ReferenceStamp]:
    """The shipped reference data, loaded once per process."""
    global _REFERENCE, _STAMP
    if _REFERENCE is None:
        from ..reference import load_reference

        _REFERENCE = load_reference()
        _STAMP = ReferenceStamp.of(_REFERENCE)
    assert _STAMP is not None
    return _REFERENCE, _STAMP


def _import_stage(name: str) -> Any:
    try:
        if name == "extract":
            from ..extract import extract

            return extract
        from ..check import check

        return check
    except ImportError as exc:
        raise FactsheetError(
            f"the {name} stage is not available in this installation ({exc}): reinstall factsheet.",
            code="E-PIPELINE",
        ) from None


def refuse_non_sheet(doc: Document) -> None:
    """The knowledge base keeps fact sheets: text with neither a sheet header nor a country
    (a news story, a recipe) is refused rather than stored as an edition of nowhere."""
    if doc.kind == "unknown" and doc.country is None:
        raise NotAFactSheetError(
            f"{doc.source or 'input'} has no fact-sheet header and names no country: not stored "
            "(check it with `factsheet read`)."
        )


def prepare(raw: bytes, source: str | None, check_date: dt.date | None = None,
            published: str | None = None, *, max_bytes: int | None = None) -> Prepared:
    """Read, extract and check one sheet's bytes; raises FactsheetError for a sheet that fails.

    ``published``: a publication date to use instead of the sheet's (``ingest --published``)."""
    from ..read import DEFAULT_MAX_BYTES, read_bytes

    doc = read_bytes(raw, name=source or "input",
                     max_bytes=DEFAULT_MAX_BYTES if max_bytes is None else max_bytes)
    doc = dataclasses.replace(doc, source=source)
    if published:
        from ..check.published import given_published

        doc = given_published(doc, published)
    refuse_non_sheet(doc)
    claims = tuple(_import_stage("extract")(doc))
    check = _import_stage("check")
    reference, stamp = _reference()
    on = check_date or dt.date.today()
    verdicts = tuple(check(doc, list(claims), reference, as_of=on))
    return Prepared(doc, claims, verdicts, on.isoformat(), stamp)


def prepare_safely(
    raw: bytes, source: str | None, check_date: dt.date | None = None,
    published: str | None = None, *, max_bytes: int | None = None,
) -> Prepared | tuple[str, str]:
    """``prepare`` for worker processes: a failure comes back as (code, message), never raised."""
    try:
        return prepare(raw, source, check_date, published, max_bytes=max_bytes)
    except FactsheetError as exc:
        return (exc.code, exc.message)
    except Exception as exc:  # a bug in a stage must not stop the other files
        return ("E-INTERNAL", f"{type(exc).__name__}: {exc}")
