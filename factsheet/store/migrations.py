"""Schema changes as numbered migrations, each recorded in the ``schema_migrations`` table.

A migration is applied once, in the same transaction as its record; two processes opening a new
database at once serialize on a lock (SQLite: ``BEGIN IMMEDIATE``; PostgreSQL: an advisory
transaction lock), so the second one finds the work done.

Migrations are **append-only**: to change the schema, append a migration with the next number.
Never renumber, rename, reorder or edit one that has shipped — databases record each applied
migration by number and name, and one recorded under another name is refused as foreign.
``SHIPPED`` in tests/test_store_basic.py freezes the released list (it must stay a prefix of
``MIGRATIONS``), and a database whose recorded migrations are not a prefix of ``MIGRATIONS`` is
refused on open.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa

from ..errors import StoreError
from . import schema
from .engine import APPLICATION_ID

#: Arbitrary 64-bit key for pg_advisory_xact_lock: "factsheet migrations".
_PG_LOCK_KEY = 0x46534854_00000001


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[sa.Connection], None]


def _initial(conn: sa.Connection) -> None:
    for table in schema.TABLES_V1[1:]:  # schema_migrations exists already
        table.create(conn)
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")


def _views(conn: sa.Connection) -> None:
    conn.exec_driver_sql(schema.EDITIONS_VIEW)
    conn.exec_driver_sql(schema.CURRENT_VERDICTS_VIEW)


def _country_latest(conn: sa.Connection) -> None:
    from .queries import rebuild_country_latest

    schema.country_latest.create(conn)
    rebuild_country_latest(conn)


def _claims_type_document(conn: sa.Connection) -> None:
    # A claim type within some documents (`history COUNTRY TYPE`, `query --country --type`,
    # `--said-on --type`): one index probe per document instead of reading every claim of the
    # type (10,000 with 10,000 sheets) and joining them to a country's few hundred documents.
    # PostgreSQL only: SQLite's planner would then read `--type` alone through this index and
    # sort all 10,000 matches (26 → 50 ms), instead of walking documents in the ORDER BY's order
    # and stopping at the page; its type-within-documents queries are fast enough without it.
    # (The planner's statistics are refreshed by Store.optimize() after every ingest.)
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_claims_type_document ON claims (type, document_id)")


def _published_range(conn: sa.Connection) -> None:
    # A database created by this version has the columns already (migration 1 creates the
    # table as schema.py declares it); older ones get them added, empty until re-ingested.
    have = {c["name"] for c in sa.inspect(conn).get_columns("documents")}
    for column in schema.documents.columns:
        if column.name.startswith("published_") and column.name != "published_on" \
                and column.name not in have:
            kind = column.type.compile(dialect=conn.dialect)
            conn.exec_driver_sql(f"ALTER TABLE documents ADD COLUMN {column.name} {kind}")


def _desk(conn: sa.Connection) -> None:
    for table in schema.TABLES_DESK:
        table.create(conn, checkfirst=True)  # new tables only: a re-run after a lost record is harmless


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "documents, claims, checks, verdicts, reference manifests", _initial),
    Migration(2, "views editions and current_verdicts", _views),
    Migration(3, "country_latest: each country's latest edition and verdict counts", _country_latest),
    Migration(4, "index claims (type, document_id)", _claims_type_document),
    Migration(5, "documents: published range (earliest, latest, basis, note)", _published_range),
    Migration(6, "recheck runs, verdict changes and the stale queue", _desk),
)
LATEST = MIGRATIONS[-1].version


def applied(conn: sa.Connection) -> dict[int, str]:
    t = schema.schema_migrations
    return {r.version: r.name for r in conn.execute(sa.select(t.c.version, t.c.name))}


def migrate(conn: sa.Connection, where: str) -> list[int]:
    """Bring the schema up to date inside the caller's write transaction; returns versions applied.

    Raises StoreError when the database belongs to someone else or is newer than this code.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
    tables = set(sa.inspect(conn).get_table_names())
    ours = {t.name for t in (*schema.TABLES_V1, *schema.TABLES_LATER)}
    if conn.dialect.name == "sqlite":
        # Checked again under the write lock: a file is all ours or not ours at all.
        app_id = conn.exec_driver_sql("PRAGMA application_id").scalar()
        if (tables and "schema_migrations" not in tables) or (tables and app_id != APPLICATION_ID):
            raise StoreError(
                f"{where} is another application's SQLite database; it was left unchanged: "
                "pass --db with another path."
            )
    if "schema_migrations" not in tables:
        clash = sorted(tables & ours)
        if clash:
            raise StoreError(
                f"{where} has tables named like factsheet's ({', '.join(clash)}) but no migration "
                "record: it belongs to another application and was left unchanged."
            )
        schema.schema_migrations.create(conn)
        done: dict[int, str] = {}
    else:
        try:
            done = applied(conn)
        except sa.exc.DBAPIError:
            raise StoreError(
                f"{where} has a schema_migrations table that is not factsheet's: it belongs to "
                "another application and was left unchanged."
            ) from None
    known = {m.version: m.name for m in MIGRATIONS}
    if done and max(done) in known and sorted(done) != [m.version for m in MIGRATIONS[: len(done)]]:
        raise StoreError(
            f"{where} records migrations {sorted(done)}, which are not the first {len(done)} of "
            f"factsheet's ({[m.version for m in MIGRATIONS]}): the database was changed by hand or "
            "by another application; restore it from a copy."
        )
    for version, name in done.items():
        if version not in known:
            raise StoreError(
                f"{where} has schema version {max(done)}, newer than this factsheet knows "
                f"({LATEST}): upgrade factsheet."
            )
        if known[version] != name:
            raise StoreError(
                f"{where} records migration {version} as {name!r}, not factsheet's: it belongs to "
                "another application and was left unchanged."
            )
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    new: list[int] = []
    for migration in MIGRATIONS:
        if migration.version in done:
            continue
        migration.apply(conn)
        conn.execute(
            schema.schema_migrations.insert().values(
                version=migration.version, name=migration.name, applied_at=now
            )
        )
        new.append(migration.version)
    return new


def up_to_date(conn: sa.Connection) -> bool:
    """True when every migration is recorded under its own name (read-only check, so that
    readers need not take the write lock on open)."""
    if "schema_migrations" not in set(sa.inspect(conn).get_table_names()):
        return False
    try:
        return applied(conn) == {m.version: m.name for m in MIGRATIONS}
    except sa.exc.DBAPIError:
        return False
