"""One SQLAlchemy engine for either database: an SQLite file (default) or PostgreSQL by URL.

SQLite: WAL journal (readers never block the writer), a 30 s busy timeout, foreign keys on, and
write transactions opened with ``BEGIN IMMEDIATE`` so that two writers queue up instead of failing
with "database is locked" half-way through a transaction. An existing file is inspected read-only
before anything is written to it: a corrupt file or another application's database raises
``StoreError`` and is left byte-for-byte unchanged.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event

from ..errors import StoreError

DEFAULT_DB = "factsheet.db"
ENV_VAR = "FACTSHEET_DB"
BUSY_TIMEOUT_MS = 30_000
MMAP_BYTES = 1 << 30
#: Written into the SQLite header (PRAGMA application_id) of every database we create: "FSHT".
APPLICATION_ID = 0x46534854
SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass(frozen=True)
class Target:
    """Where the store lives: ``dialect`` is ``sqlite`` or ``postgresql``."""

    dialect: str
    url: str  # SQLAlchemy URL
    path: Path | None = None  # SQLite file
    display: str = ""  # for messages, without a password


def resolve(url_or_path: str | os.PathLike[str] | None = None) -> Target:
    """``None`` → $FACTSHEET_DB or ./factsheet.db; ``postgresql://…`` → PostgreSQL; else a file."""
    value = os.fspath(url_or_path) if url_or_path is not None else os.environ.get(ENV_VAR) or DEFAULT_DB
    value = value.strip()
    if not value:
        raise StoreError("The database path is empty: pass --db PATH or a postgresql:// URL.")
    for prefix in ("postgresql+psycopg://", "postgresql://", "postgres://"):
        if value.startswith(prefix):
            url = "postgresql+psycopg://" + value[len(prefix):]
            display = sa.engine.make_url(url).render_as_string(hide_password=True)
            return Target("postgresql", url, None, display.replace("+psycopg", ""))
    if "://" in value and not value.startswith("sqlite:"):
        raise StoreError(
            f"{value.split('://')[0]}:// databases are not supported: use an SQLite file path or a "
            "postgresql:// URL."
        )
    if value.startswith("sqlite:///"):
        value = value[len("sqlite:///"):]
    path = Path(value).expanduser()
    return Target("sqlite", f"sqlite:///{path}", path, str(path))


def inspect_sqlite_file(path: Path) -> bool:
    """Check, without writing a byte, that ``path`` is a new or a factsheet SQLite database.

    Returns True when the database is new (absent or empty); raises StoreError for a directory, a
    missing parent folder, a file that is not SQLite, a corrupt one, or another application's.
    """
    if path.is_dir():
        raise StoreError(f"{path} is a directory: give a database file path, e.g. {path / DEFAULT_DB}.")
    if not path.exists():
        if not path.parent.exists():
            raise StoreError(f"Cannot create {path}: folder {path.parent} does not exist.")
        return True
    try:
        with path.open("rb") as fh:
            head = fh.read(100)
    except OSError as exc:
        raise StoreError(f"Cannot read {path}: {exc.strerror}.") from None
    if not head:
        return True
    if head[: len(SQLITE_MAGIC)] != SQLITE_MAGIC:
        raise StoreError(
            f"{path} is not an SQLite database (corrupt, or another kind of file); it was left "
            "unchanged: pass --db with another path."
        )
    # A WAL database with no -wal file has no writer: read it as immutable, which creates no
    # -wal/-shm files. Otherwise read it read-only with locks (a writer may be checkpointing).
    wal_mode = len(head) > 18 and head[18] == 2
    immutable = "&immutable=1" if wal_mode and not Path(f"{path}-wal").exists() else ""
    try:
        con = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro{immutable}", uri=True, timeout=BUSY_TIMEOUT_MS / 1000
        )
    except sqlite3.Error as exc:
        raise StoreError(f"Cannot open {path}: {exc}.") from None
    try:
        app_id = con.execute("PRAGMA application_id").fetchone()[0]
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            f"{path} is a damaged SQLite database ({exc}); it was left unchanged: restore it from a "
            "copy or pass --db with another path."
        ) from None
    finally:
        con.close()
    if not tables and app_id == 0:
        return True
    if app_id != APPLICATION_ID or "schema_migrations" not in tables:
        raise StoreError(
            f"{path} is another application's SQLite database (tables: "
            f"{', '.join(sorted(tables)[:5]) or 'none'}); it was left unchanged: pass --db with "
            "another path."
        )
    return False


def _sqlite_engine(target: Target) -> sa.Engine:
    engine = sa.create_engine(
        target.url,
        # The driver's own transaction handling is off; the "begin" hook below emits BEGIN itself.
        connect_args={"isolation_level": None, "timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_con: Any, _record: Any) -> None:
        cur = dbapi_con.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys = ON")
        # With WAL, NORMAL is safe against a killed process (only a power cut may lose the last
        # commits) and saves an fsync per transaction.
        cur.execute("PRAGMA synchronous = NORMAL")
        # Reads through the OS page cache instead of copying into SQLite's small (2 MB) one: a
        # query over thousands of claims touches pages all over a large file (measured ≈ 2× faster).
        cur.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        write = conn.get_execution_options().get("write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def create_engine(target: Target) -> sa.Engine:
    """The engine for ``target`` (SQLite file inspected first, see inspect_sqlite_file)."""
    if target.dialect == "sqlite":
        return _sqlite_engine(target)
    return sa.create_engine(target.url, pool_pre_ping=True)


def enable_wal(engine: sa.Engine) -> None:
    """Switch an SQLite database to WAL (persistent in the file; only after it is known ours)."""
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        mode = cur.execute("PRAGMA journal_mode").fetchone()[0]
        if str(mode).lower() != "wal":
            cur.execute("PRAGMA journal_mode = WAL")
        cur.close()
    finally:
        raw.close()


def describe_error(target: Target, exc: BaseException) -> str:
    """A one-line reason for a database error, without the SQL or a traceback."""
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    if target.dialect == "postgresql" and isinstance(exc, sa.exc.OperationalError):
        return f"cannot reach PostgreSQL at {target.display}: {text}; check the URL and that the server runs"
    return text
