"""The knowledge base: every edition, claim and verdict, kept over time (see CONTRACTS.md).

    >>> store = open_store("factsheet.db")          # or "postgresql://user@host/db"
    >>> store.add(Path("peru.txt").read_bytes(), "peru.txt")
    IngestResult(status='new', document_id=1, ...)
    >>> store.countries()[0]["outdated"]

Writes go one document per transaction: a document, its claims, its check and verdicts appear
together or not at all. The same bytes twice change nothing (unique content hash, insert with
ON CONFLICT DO NOTHING, so two concurrent ingests cannot duplicate a document either).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import json
import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal, TypeVar

import sqlalchemy as sa

from ..errors import FactsheetError, StoreError, StoreNotFoundError
from ..model import Claim, Document, Verdict
from . import codec, consistency, queries
from .engine import Target, create_engine, describe_error, enable_wal, inspect_sqlite_file, resolve
from .migrations import migrate, up_to_date
from .pipeline import Prepared, ReferenceStamp, prepare
from .schema import checks, claims, country_latest, documents, verdicts

Status = Literal["new", "unchanged", "failed"]
F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class IngestResult:
    status: Status
    document_id: int | None
    reason: str | None = None  # why it failed ("E-INPUT-EMPTY: … is empty")
    source: str | None = None
    sha256: str | None = None
    country: str | None = None
    published: str | None = None
    claims: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "status": self.status, "document_id": self.document_id, "reason": self.reason,
            "source": self.source, "sha256": self.sha256, "country": self.country,
            "published": self.published, "claims": self.claims,
        }


@dataclass(frozen=True)
class StoredDocument:
    """A stored edition: the Document as read, its claims, its latest verdicts, and row metadata
    (id, source, size, ingested_at, edition, check_date, reference hash)."""

    document: Document
    claims: list[Claim]
    verdicts: list[Verdict]
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> int:
        return int(self.meta["id"])


def _guard(method: F) -> F:
    """Database errors leave the store as one-line StoreErrors (exit 5), never tracebacks."""

    @functools.wraps(method)
    def wrapper(self: Store, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except FactsheetError:
            raise
        except sa.exc.SQLAlchemyError as exc:
            raise StoreError(f"{self.target.display}: {describe_error(self.target, exc)}.") from None

    return wrapper  # type: ignore[return-value]


def _utcnow() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class Store:
    """A knowledge base in an SQLite file or a PostgreSQL database (``open_store`` makes one)."""

    #: How many neighbouring editions of the same country a newly stored document is checked
    #: against for cross-edition consistency (0: off). See consistency.py.
    cross_editions: int = consistency.DEFAULT_EDITIONS
    #: Decoded documents kept in memory (see ``document``).
    memo_size: int = 64

    def __init__(self, target: Target) -> None:
        self.target = target
        self._memo_lock = threading.Lock()
        self._editions = consistency.EditionCache()  # used by the (single-threaded) writer only
        if target.dialect == "sqlite":
            assert target.path is not None
            inspect_sqlite_file(target.path)  # read-only: refuses foreign or corrupt files
        self.engine = create_engine(target)
        try:
            with self._read() as conn:
                ready = up_to_date(conn)
            if not ready:
                with self._write() as conn:
                    migrate(conn, target.display)
            if target.dialect == "sqlite":
                enable_wal(self.engine)
        except FactsheetError:
            self.engine.dispose()
            raise
        except (sa.exc.SQLAlchemyError, OSError) as exc:
            self.engine.dispose()
            raise StoreError(f"Cannot open {target.display}: {describe_error(target, exc)}.") from None

    # -- plumbing -------------------------------------------------------------------------------

    @property
    def dialect(self) -> str:
        return self.target.dialect

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.target.display!r})"

    def _write(self) -> Any:
        """A write transaction (SQLite: BEGIN IMMEDIATE, so concurrent writers wait their turn)."""
        return _Transaction(self.engine, write=True)

    def _read(self) -> Any:
        return _Transaction(self.engine, write=False)

    # -- writing --------------------------------------------------------------------------------

    @_guard
    def find(self, sha256: str) -> int | None:
        """The id of the document with these content bytes' SHA-256, if stored."""
        with self._read() as conn:
            return conn.execute(sa.select(documents.c.id).where(documents.c.sha256 == sha256)).scalar()

    def add(self, raw: bytes, source: str | None = None, *, check_date: dt.date | None = None) -> IngestResult:
        """Read, extract, check and store one sheet; never raises for a bad sheet (status failed)."""
        sha = hashlib.sha256(raw).hexdigest()
        existing = self.find(sha)
        if existing is not None:
            return IngestResult("unchanged", existing, None, source, sha)
        try:
            prepared = prepare(raw, source, check_date)
        except FactsheetError as exc:
            return IngestResult("failed", None, f"{exc.code}: {exc.message}", source, sha)
        return self.add_prepared(prepared)

    def add_prepared(self, prepared: Prepared) -> IngestResult:
        """Store a document with its claims and verdicts in one transaction (idempotent by hash)."""
        return self.add_encoded(
            codec.encode(prepared.document, prepared.claims, prepared.verdicts, prepared.check_date,
                         prepared.reference)
        )

    @_guard
    def add_encoded(self, enc: codec.Encoded) -> IngestResult:
        """``add_prepared`` for rows encoded elsewhere (ingest workers encode, one writer writes)."""
        n = len(enc.claims)
        result = IngestResult("new", None, None, enc.source, enc.sha256, enc.country, enc.published, n)
        with self._write() as conn:
            row = {**enc.document, "ingested_at": _utcnow()}
            doc_id = self._raw(conn, "insert_document", tuple(row[c] for c in self._document_columns), "one")
            if doc_id is None:  # stored meanwhile by someone else: nothing to do
                conn.rollback()
                return dataclasses.replace(result, status="unchanged", document_id=self.find(enc.sha256))
            if enc.claims:
                conn.exec_driver_sql(self._stmt("insert_claim"), [(doc_id, *c) for c in enc.claims])
            verdict_rows = enc.verdicts
            if verdict_rows is not None and enc.country and self.cross_editions:
                # inside the write transaction: every edition stored before this one is seen
                verdict_rows = consistency.with_editions(conn, doc_id, enc, verdict_rows, self.cross_editions,
                                                         self._editions)
            if verdict_rows is not None:
                self._insert_check(conn, doc_id, verdict_rows, enc.check_date, enc.reference)
            if enc.country:
                self._raw(conn, "upsert_country_latest", (
                    enc.country, doc_id, enc.document.get("published_on") or "",
                    queries.counts_json((v[1], v[2]) for v in verdict_rows or ()),
                ))
        return dataclasses.replace(result, document_id=doc_id)

    _document_columns: ClassVar[tuple[str, ...]] = tuple(
        c.name for c in documents.columns if c.name not in ("id", "check_id"))
    #: The writer's per-document statements, for the driver's cursor ("?" placeholders; "%s" on
    #: PostgreSQL): the same SQL on SQLite ≥ 3.35 and PostgreSQL.
    _RAW: ClassVar[dict[str, str]] = {
        "insert_document": f"INSERT INTO documents ({', '.join(_document_columns)}) VALUES "
                           f"({', '.join('?' for _ in _document_columns)}) "
                           "ON CONFLICT (sha256) DO NOTHING RETURNING id",
        "insert_check": "INSERT INTO checks (document_id, check_date, reference_hash, checked_at, n_verdicts) "
                        "VALUES (?, ?, ?, ?, ?) RETURNING id",
        "set_check": "UPDATE documents SET check_id = ? WHERE id = ?",
        "upsert_country_latest": queries.UPSERT_COUNTRY_LATEST,
    }

    def _raw(self, conn: sa.Connection, name: str, args: tuple[Any, ...], fetch: str = "none") -> Any:
        sql = self._RAW[name] if self.dialect == "sqlite" else self._RAW[name].replace("?", "%s")
        return queries.raw_execute(conn, sql, args, fetch)

    def _stmt(self, name: str) -> Any:
        """Statements built once per store, so SQLAlchemy compiles each only once."""
        cache = self.__dict__.setdefault("_stmts", {})
        if name not in cache:
            cache[name] = {
                # many rows per document: straight to the driver (SQLAlchemy's per-row parameter
                # processing was a third of the writer's time)
                "insert_claim": lambda: self._raw_insert("claims", codec.CLAIM_COLUMNS),
                "insert_manifest": lambda: sa.text(
                    "INSERT INTO reference_manifests (hash, version, manifest, horizon) "
                    "VALUES (:hash, :version, :manifest, :horizon) ON CONFLICT (hash) DO NOTHING"
                ),
                "insert_verdict": lambda: self._raw_insert("verdicts", codec.VERDICT_COLUMNS),
            }[name]()
        return cache[name]

    def _raw_insert(self, table: str, columns: tuple[str, ...]) -> str:
        mark = "?" if self.dialect == "sqlite" else "%s"
        names = ", ".join(f'"{c}"' for c in columns)
        return f"INSERT INTO {table} ({names}) VALUES ({', '.join([mark] * len(columns))})"

    def _insert_check(
        self, conn: sa.Connection, doc_id: int, verdict_rows: list[tuple[Any, ...]], check_date: str | None,
        stamp: ReferenceStamp | None,
    ) -> int:
        known: set[str] = self.__dict__.setdefault("_manifests", set())
        if stamp is not None and stamp.hash not in known:
            conn.execute(
                self._stmt("insert_manifest"),
                {"hash": stamp.hash, "version": stamp.version, "manifest": stamp.manifest,
                 "horizon": stamp.horizon},
            )
        check_id = self._raw(conn, "insert_check", (
            doc_id, check_date or dt.date.today().isoformat(), stamp.hash if stamp else None, _utcnow(),
            len(verdict_rows),
        ), "one")
        if verdict_rows:
            conn.exec_driver_sql(self._stmt("insert_verdict"), [(check_id, *v) for v in verdict_rows])
        self._raw(conn, "set_check", (check_id, doc_id))
        if stamp is not None:
            # remembered only once committed: a rolled-back transaction must insert it again
            conn.info.setdefault("after_commit", []).append(lambda: known.add(stamp.hash))
        return int(check_id)

    @_guard
    def add_check(
        self,
        document_id: int,
        verdict_list: list[Verdict],
        *,
        check_date: dt.date,
        reference: ReferenceStamp | None = None,
    ) -> int:
        """Record a new check of a stored document (it becomes the document's current verdicts)."""
        with self._write() as conn:
            n = conn.execute(sa.select(documents.c.n_claims).where(documents.c.id == document_id)).scalar()
            if n is None:
                raise StoreError(f"No document {document_id} in {self.target.display}.", code="E-STORE-NOT-FOUND")
            if len(verdict_list) != n:
                raise StoreError(
                    f"document {document_id} has {n} claims but {len(verdict_list)} verdicts were given."
                )
            codec.validate_verdicts(f"document {document_id}", n, verdict_list)
            rows = [codec.verdict_row(v) for v in verdict_list]
            check_id = self._insert_check(conn, document_id, rows, check_date.isoformat(), reference)
            conn.execute(
                country_latest.update()
                .where(country_latest.c.document_id == document_id)
                .values(counts=queries.counts_json((v[1], v[2]) for v in rows))
            )
            return check_id

    # -- reading --------------------------------------------------------------------------------

    @_guard
    def document(self, document_id: int) -> StoredDocument:
        """A stored document with its claims and latest verdicts; StoreError if there is none.

        Decoded documents are memoized by (id, current check): a stored document, its claims and
        a check's verdicts never change, so a memo entry can never be stale — a new check changes
        the key. This saves decoding ≈ 20 verdicts' JSON on every sheet page view.
        """
        with self._read() as conn:
            head = conn.execute(
                sa.select(documents.c.sha256, documents.c.check_id).where(documents.c.id == document_id)
            ).first()
            if head is None:
                raise StoreError(f"No document {document_id} in {self.target.display}.", code="E-STORE-NOT-FOUND")
            key = (document_id, head[0], head[1])  # the content hash too: ids may be reused
            memo: OrderedDict[tuple[int, str, int | None], StoredDocument] = self.__dict__.setdefault(
                "_memo", OrderedDict())
            with self._memo_lock:
                found = memo.get(key)
                if found is not None:
                    memo.move_to_end(key)
            if found is None:
                found = self._load_document(conn, document_id)
                with self._memo_lock:
                    memo[key] = found
                    while len(memo) > self.memo_size:
                        memo.popitem(last=False)
        # copies of the lists and meta, so that a caller changing them cannot change the memo
        return StoredDocument(found.document, list(found.claims), list(found.verdicts), dict(found.meta))

    def _load_document(self, conn: sa.Connection, document_id: int) -> StoredDocument:
        row = conn.execute(sa.select(documents).where(documents.c.id == document_id)).first()
        if row is None:
            raise StoreError(f"No document {document_id} in {self.target.display}.", code="E-STORE-NOT-FOUND")
        claim_list = [
            codec.decode_claim(r)
            for r in conn.execute(
                sa.select(claims).where(claims.c.document_id == document_id).order_by(claims.c.idx)
            )
        ]
        check = conn.execute(sa.select(checks).where(checks.c.id == row.check_id)).first()
        verdict_list: list[Verdict] = []
        if check is not None:
            verdict_list = [
                codec.verdict_from_json(json.loads(r.body))
                for r in conn.execute(
                    sa.select(verdicts.c.body)
                    .where(verdicts.c.check_id == check.id)
                    .order_by(verdicts.c.claim_idx)
                )
            ]
        meta = {
            "id": row.id,
            "sha256": row.sha256,
            "source": row.source,
            "size": row.size,
            "country": row.country,
            "published": row.published,
            "ingested_at": row.ingested_at,
            "check_date": check.check_date if check else None,
            "check_id": row.check_id,
            "reference": check.reference_hash if check else None,
        }
        return StoredDocument(codec.decode_document(row), claim_list, verdict_list, meta)

    @_guard
    def latest_edition(self, country: str, on: dt.date | None = None) -> StoredDocument | None:
        """The country's latest edition (published on or before ``on`` when given)."""
        doc_id = self.latest_edition_id(country, on)
        return None if doc_id is None else self.document(doc_id)

    @_guard
    def latest_edition_id(self, country: str, on: dt.date | None = None) -> int | None:
        """The id of the country's latest edition (published on or before ``on``), if any."""
        with self._read() as conn:
            found = queries.latest_document_id(conn, country, on)
        return None if found is None else int(found)

    @_guard
    def editions(self, country: str) -> list[dict[str, Any]]:
        with self._read() as conn:
            return queries.editions(conn, country)

    @_guard
    def countries(self, on: dt.date | None = None) -> list[dict[str, Any]]:
        with self._read() as conn:
            return queries.countries(conn, on)

    @_guard
    def claims(
        self,
        country: str | None = None,
        type: str | None = None,
        verdict: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        *,
        said_on: dt.date | None = None,
        true_on: dt.date | None = None,
        limit: int | None = None,
        offset: int = 0,
        reference: Any = None,
    ) -> list[dict[str, Any]]:
        """Claims with their document and latest verdicts, filtered (see queries.claim_rows).

        ``said_on``: only each country's latest edition published by that date.
        ``true_on``: re-judge each claim on that date against the reference data (valid time);
        the row's ``true_on_verdict`` holds that verdict and ``verdict`` then filters on it.
        ``limit``/``offset`` page through the rows (in country, publication, claim order).
        """
        if true_on is None:
            with self._read() as conn:
                return queries.claim_rows(
                    conn, country=country, type=type, verdict=verdict, since=since, until=until,
                    said_on=said_on, limit=limit, offset=offset,
                )
        with self._read() as conn:
            rows = queries.claim_rows(
                conn, country=country, type=type, since=since, until=until, said_on=said_on
            )
        rows = self._judge_on(rows, true_on, reference)
        if verdict:
            key = "true_on_code" if verdict.upper().startswith("V-") else "true_on_verdict"
            rows = [r for r in rows if r[key] == verdict]
        rows = rows[offset:]
        return rows[:limit] if limit is not None else rows

    def _judge_on(self, rows: list[dict[str, Any]], on: dt.date, reference: Any) -> list[dict[str, Any]]:
        from .pipeline import _import_stage, _reference

        check = _import_stage("check")
        ref = reference if reference is not None else _reference()[0]
        judged: dict[int, list[Verdict]] = {}
        for doc_id in sorted({r["document_id"] for r in rows}):
            stored = self.document(doc_id)
            judged[doc_id] = list(check(stored.document, stored.claims, ref, as_of=on))
        for r in rows:
            verdict = judged[r["document_id"]][r["claim"]]
            r["true_on"] = on.isoformat()
            r["true_on_verdict"] = verdict.now.verdict
            r["true_on_code"] = verdict.code
            r["true_on_message"] = verdict.message
            r["true_on_current"] = verdict.now.current
        return rows

    @_guard
    def history(self, country: str, claim_type: str) -> list[dict[str, Any]]:
        with self._read() as conn:
            return queries.history(conn, country, claim_type)

    @_guard
    def optimize(self) -> None:
        """Refresh the query planner's statistics (after a large ingest): without them SQLite
        may scan every claim of a type before filtering by country."""
        with self._write() as conn:
            if self.dialect == "sqlite":
                conn.exec_driver_sql("PRAGMA analysis_limit = 2000")
            conn.exec_driver_sql("ANALYZE")

    @_guard
    def document_ids(self) -> list[int]:
        """Every stored document's id, in ingest order."""
        with self._read() as conn:
            return [r[0] for r in conn.execute(sa.select(documents.c.id).order_by(documents.c.id))]

    @_guard
    def stats(self) -> dict[str, Any]:
        """Row counts, schema version and (SQLite) the database file's size in bytes."""
        from .schema import schema_migrations

        with self._read() as conn:
            out: dict[str, Any] = {
                "database": self.target.display,
                "dialect": self.dialect,
                "schema_version": conn.execute(sa.select(sa.func.max(schema_migrations.c.version))).scalar(),
            }
            for table in (documents, claims, checks, verdicts):
                out[table.name] = conn.execute(sa.select(sa.func.count()).select_from(table)).scalar()
        if self.target.path is not None:
            path = self.target.path
            out["bytes"] = sum(
                os.path.getsize(p) for p in (str(path), f"{path}-wal") if os.path.exists(p)
            )
        return out


class _Transaction:
    """``with`` block: a connection in a transaction, committed on success, rolled back on error."""

    def __init__(self, engine: sa.Engine, *, write: bool) -> None:
        self.engine = engine
        self.write = write

    def __enter__(self) -> sa.Connection:
        self.conn = self.engine.connect()
        if self.write:
            self.conn.execution_options(write=True)
        self.conn.begin()
        return self.conn

    def __exit__(self, exc_type: object, *_: object) -> None:
        hooks = self.conn.info.pop("after_commit", [])
        try:
            if self.conn.in_transaction():
                if exc_type is None:
                    self.conn.commit()
                    for hook in hooks:
                        hook()
                else:
                    self.conn.rollback()
        finally:
            self.conn.close()


def open_store(url_or_path: str | os.PathLike[str] | None = None, *, create: bool = True) -> Store:
    """Open (creating and migrating if needed) the knowledge base.

    ``None`` → $FACTSHEET_DB or ./factsheet.db; ``postgresql://user:pw@host/db`` → PostgreSQL;
    anything else is an SQLite file path. Raises StoreError (exit 5) for a database that cannot
    be opened, is corrupt, or belongs to another application — and leaves such a file unchanged.
    ``create=False`` (what reading commands use) raises StoreNotFoundError for an SQLite file
    that does not exist instead of creating an empty one: a mistyped path is not "0 claims".
    """
    target = resolve(url_or_path)
    if not create:
        require_existing(target)
    return Store(target)


def require_existing(target: Target, also: str = "") -> None:
    """Raise StoreNotFoundError when ``target`` is an SQLite file that does not exist (a
    PostgreSQL database is the server's to have); ``also`` adds another way to create one."""
    if target.path is not None and not target.path.exists():
        raise StoreNotFoundError(
            f"{target.display} does not exist: check --db (or $FACTSHEET_DB), or create the "
            f"knowledge base with `factsheet ingest SHEETS... --db {target.display}`{also}."
        )
