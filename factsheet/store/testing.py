"""Test support: a throw-away PostgreSQL schema per test, from $FACTSHEET_TEST_PG_URL.

Outside CI, a missing or unreachable server makes PostgreSQL tests skip with a message; in CI
(``CI=true``) it makes them fail, so a broken CI database cannot pass silently.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import quote

PG_ENV = "FACTSHEET_TEST_PG_URL"


def pg_url() -> str | None:
    return os.environ.get(PG_ENV) or None


def _unavailable(message: str) -> None:
    import pytest

    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"PostgreSQL required in CI: {message}")
    pytest.skip(f"PostgreSQL tests skipped: {message}")


@contextmanager
def pg_schema() -> Iterator[str]:
    """A URL whose search_path is a fresh, empty schema; the schema is dropped afterwards."""
    import sqlalchemy as sa

    from .engine import resolve

    url = pg_url()
    if url is None:
        _unavailable(f"set {PG_ENV}=postgresql://user:password@host/dbname to run them")
        raise AssertionError("unreachable")
    target = resolve(url)
    engine = sa.create_engine(target.url, isolation_level="AUTOCOMMIT")
    name = f"fs_test_{uuid.uuid4().hex[:12]}"
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql(f'CREATE SCHEMA "{name}"')
    except sa.exc.OperationalError as exc:
        engine.dispose()
        _unavailable(f"cannot reach {target.display}: {str(exc.orig).strip().splitlines()[0]}")
    sep = "&" if "?" in url else "?"
    try:
        yield f"{url}{sep}options={quote(f'-csearch_path={name}')}"
    finally:
        with engine.connect() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
        engine.dispose()
