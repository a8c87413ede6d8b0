"""The library behind the server: a store and a reference, opened on first use.

Everything here is a call into the library (read, extract, check, the store, render); the web
layer only turns the results into JSON and pages.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from typing import Any

from ..model import Claim, Document, Verdict


@dataclass(frozen=True)
class Checked:
    """A sheet checked in memory (nothing stored)."""

    document: Document
    claims: list[Claim]
    verdicts: list[Verdict]
    as_of: dt.date


class Backend:
    """Holds the store and the reference data; opens each lazily, once, thread-safely."""

    def __init__(self, store: Any = None, reference: Any = None, *, memo_entries: int | None = None) -> None:
        self._store_arg = store
        self._store: Any = None if isinstance(store, str | None) else store
        self._reference: Any = reference
        self._lock = threading.Lock()
        self._memo_entries = memo_entries

    @property
    def store(self) -> Any:
        if self._store is None:
            with self._lock:
                if self._store is None:
                    from ..store import open_store

                    opened = open_store(self._store_arg)
                    if self._memo_entries is not None:
                        opened.memo_size = self._memo_entries
                    self._store = opened
        return self._store

    @property
    def reference(self) -> Any:
        if self._reference is None:
            with self._lock:
                if self._reference is None:
                    from ..reference import load_reference

                    self._reference = load_reference()
        return self._reference

    def check_sheet(self, raw: bytes, as_of: dt.date | None, name: str = "the sheet",
                    published: str | None = None) -> Checked:
        """read → extract → check, in memory; ``published`` overrides the sheet's date."""
        from ..check import check, published_document
        from ..extract import extract
        from ..read import read_bytes

        day = as_of or dt.date.today()
        document = published_document(read_bytes(raw, name=name), day, published)
        claims = list(extract(document))
        verdicts = list(check(document, claims, self.reference, as_of=day))
        return Checked(document, claims, verdicts, day)

    def close(self) -> None:
        """Close the store if this backend opened it (a store passed in belongs to the caller)."""
        closer = getattr(self._store, "close", None)
        if callable(closer) and isinstance(self._store_arg, str | None):
            closer()
