"""The knowledge base: documents, claims, verdicts and editions over time, in SQLite or PostgreSQL.

Public surface: ``open_store``, ``Store``, ``StoredDocument``, ``IngestResult``; ingest and
export live in their own modules (``ingest.ingest_paths``, ``export.export``).
"""

from __future__ import annotations

from .pipeline import Prepared, ReferenceStamp
from .store import IngestResult, Store, StoredDocument, open_store

__all__ = ["IngestResult", "Prepared", "ReferenceStamp", "Store", "StoredDocument", "open_store"]
