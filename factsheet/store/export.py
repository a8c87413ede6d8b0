"""Export the knowledge base: JSON Lines (one document per line, the CLAIMS.md shapes), CSV (one
claim per row with its verdicts), or a standalone SQLite file laid out for Datasette.

The SQLite export is flat and self-describing: ``documents``, ``claims`` (verdict columns inline,
``fields`` as JSON text), ``verdicts`` (full evidence JSON), full-text search on sheet text and
claim quotes, and views for the common questions (``latest_editions``, ``problems``,
``ambassadors``, ``leaders``, ``trade``, ``country_summary``). ``datasette export.db`` opens it.
It is written to a temporary file and renamed, so a failed export leaves nothing half-written.
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from ..countries import country_name
from ..errors import StoreError
from .codec import published_on as _published_on
from .store import Store

CSV_COLUMNS = (
    "document_id", "country", "published", "kind", "source", "claim", "type", "value", "quote",
    "section", "confidence", "at_publication", "now", "code", "message", "current", "horizon",
    "check_date", "reference", "fields",
)


def iter_jsonl(store: Store) -> Iterator[dict[str, Any]]:
    """One object per stored document: its metadata, document, claims, verdicts."""
    for doc_id in store.document_ids():
        stored = store.document(doc_id)
        yield {
            **stored.meta,
            "document": stored.document.to_json(),
            "claims": [c.to_json() for c in stored.claims],
            "verdicts": [v.to_json() for v in stored.verdicts],
        }


def write_jsonl(store: Store, out: IO[str]) -> int:
    n = 0
    for obj in iter_jsonl(store):
        out.write(json.dumps(obj, ensure_ascii=False) + "\n")
        n += 1
    return n


def csv_row(row: dict[str, Any], columns: tuple[str, ...] = CSV_COLUMNS) -> dict[str, Any]:
    out = {k: row.get(k) for k in columns}
    if "fields" in out:
        out["fields"] = json.dumps(row["fields"], ensure_ascii=False, sort_keys=True)
    return out


def write_csv(rows: list[dict[str, Any]], out: IO[str], columns: tuple[str, ...] = CSV_COLUMNS) -> int:
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(csv_row(row, columns))
    return len(rows)


_DDL = """
CREATE TABLE documents (
  id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, source TEXT, title TEXT,
  country TEXT, country_name TEXT, bureau TEXT, kind TEXT, published TEXT, published_on TEXT,
  edition INTEGER, size INTEGER, claims INTEGER, ingested_at TEXT, check_date TEXT,
  reference TEXT, text TEXT
);
CREATE TABLE claims (
  id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id),
  claim INTEGER NOT NULL, country TEXT, published TEXT, type TEXT NOT NULL, value TEXT,
  quote TEXT NOT NULL, section TEXT, confidence REAL, at_publication TEXT, now TEXT, code TEXT,
  message TEXT, current TEXT, horizon TEXT, fields TEXT
);
CREATE TABLE verdicts (
  claim_id INTEGER PRIMARY KEY REFERENCES claims(id), document_id INTEGER NOT NULL
  REFERENCES documents(id), claim INTEGER NOT NULL, verdict TEXT NOT NULL
);
CREATE INDEX claims_document ON claims(document_id);
CREATE INDEX claims_type ON claims(type);
CREATE INDEX claims_country ON claims(country);
CREATE INDEX documents_country ON documents(country, published_on);
CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content="documents", content_rowid="id");
CREATE VIRTUAL TABLE claims_fts USING fts5(quote, value, content="claims", content_rowid="id");
CREATE VIEW latest_editions AS
  SELECT d.* FROM documents d
  WHERE d.country IS NOT NULL AND d.edition = (SELECT MAX(edition) FROM documents d2 WHERE d2.country = d.country);
CREATE VIEW problems AS
  SELECT c.country, c.published, c.type, c.value, c.quote, c.at_publication, c.now, c.code,
         c.message, c.current, c.document_id, c.claim
  FROM claims c
  WHERE c.at_publication IN ('contradicted', 'inconsistent') OR c.now IN ('outdated', 'contradicted')
  ORDER BY c.country, c.published;
CREATE VIEW ambassadors AS
  SELECT c.country, c.published, json_extract(c.fields, '$.side') AS side,
         json_extract(c.fields, '$.title') AS title, json_extract(c.fields, '$.name') AS name,
         c.at_publication, c.now, c.current, c.document_id
  FROM claims c WHERE c.type = 'ambassador' ORDER BY c.country, c.published;
CREATE VIEW leaders AS
  SELECT c.country, c.published, json_extract(c.fields, '$.title') AS title,
         json_extract(c.fields, '$.name') AS name, json_extract(c.fields, '$.since') AS since,
         c.at_publication, c.now, c.current, c.document_id
  FROM claims c WHERE c.type = 'leader' ORDER BY c.country, c.published;
CREATE VIEW trade AS
  SELECT c.country, c.published, json_extract(c.fields, '$.flow') AS flow,
         json_extract(c.fields, '$.scope') AS scope, json_extract(c.fields, '$.year') AS year,
         json_extract(c.fields, '$.value_usd') AS value_usd, c.at_publication, c.now, c.quote,
         c.document_id
  FROM claims c WHERE c.type = 'trade' ORDER BY c.country, year;
CREATE VIEW country_summary AS
  SELECT d.country, d.country_name, d.published AS latest_published, d.edition AS editions,
         d.claims,
         (SELECT COUNT(*) FROM claims c WHERE c.document_id = d.id AND c.at_publication = 'contradicted') AS contradicted,
         (SELECT COUNT(*) FROM claims c WHERE c.document_id = d.id AND c.now = 'outdated') AS outdated,
         CAST(julianday('now') - julianday(d.published_on) AS INTEGER) AS days_since
  FROM latest_editions d ORDER BY d.country;
"""


def write_sqlite(store: Store, path: str | os.PathLike[str], *, overwrite: bool = False) -> dict[str, int]:
    """Write a Datasette-ready SQLite copy of the store to ``path`` (atomically)."""
    target = Path(path)
    if target.exists() and not overwrite:
        raise StoreError(f"{target} exists: pass --force to replace it, or choose another path.")
    if not target.parent.exists():
        raise StoreError(f"Cannot write {target}: folder {target.parent} does not exist.")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        try:
            counts = _fill(store, con)
        finally:
            con.close()
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return counts


def _fill(store: Store, con: sqlite3.Connection) -> dict[str, int]:
    con.executescript(_DDL)
    editions: dict[int, int] = {}
    for country in sorted({c["country"] for c in store.countries()}):
        for ed in store.editions(country):
            editions[ed["document_id"]] = ed["edition"]
    by_doc: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in store.claims():
        by_doc[row["document_id"]].append(row)
    n_docs = n_claims = 0
    with con:
        for doc_id in store.document_ids():
            stored = store.document(doc_id)
            doc, meta = stored.document, stored.meta
            con.execute(
                "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    doc_id, doc.sha256, doc.source, doc.title, doc.country,
                    country_name(doc.country, article=False) if doc.country else None,
                    doc.bureau, doc.kind, doc.published, _published_on(doc.published),
                    editions.get(doc_id), doc.size, len(stored.claims), meta["ingested_at"],
                    meta["check_date"], meta["reference"], doc.text,
                ),
            )
            n_docs += 1
            ids: dict[int, int] = {}
            for row in by_doc.get(doc_id, []):
                con.execute(
                    "INSERT INTO claims VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        row["claim_id"], doc_id, row["claim"], row["country"], row["published"],
                        row["type"], row["value"], row["quote"], row["section"], row["confidence"],
                        row["at_publication"], row["now"], row["code"], row["message"],
                        row["current"], row["horizon"],
                        json.dumps(row["fields"], ensure_ascii=False, sort_keys=True),
                    ),
                )
                ids[row["claim"]] = row["claim_id"]
                n_claims += 1
            for verdict in stored.verdicts:
                con.execute(
                    "INSERT INTO verdicts VALUES (?,?,?,?)",
                    (ids[verdict.claim], doc_id, verdict.claim,
                     json.dumps(verdict.to_json(), ensure_ascii=False)),
                )
        con.execute("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')")
        con.execute("INSERT INTO claims_fts(claims_fts) VALUES ('rebuild')")
    return {"documents": n_docs, "claims": n_claims}
