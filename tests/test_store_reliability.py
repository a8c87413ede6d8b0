"""Reliability: SIGKILL mid-ingest, two ingests at once, corrupt and foreign databases.

The ingests here run in real subprocesses with the synthetic pipeline (real reader, claims and
verdicts derived from the text), so what is exercised is the store: transactions, the single
writer, the unique content hash and the lock handling. The CLI ingest with extract+check is
tested in test_store_ingest.py.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from factsheet.cli import main
from factsheet.errors import StoreError
from factsheet.store import open_store, samples
from factsheet.store.engine import resolve
from factsheet.store.testing import pg_schema

ROOT = Path(__file__).resolve().parent.parent

INGEST = """
import json, sys
from factsheet.store import open_store
from factsheet.store.ingest import ingest_paths
from factsheet.store.samples import synthetic_prepare
store = open_store(sys.argv[1])
summary = ingest_paths(store, [sys.argv[2]], jobs=int(sys.argv[3]), processor=synthetic_prepare)
print(json.dumps(summary.to_json()))
"""


def run_ingest(db: str, folder: Path, jobs: int = 1, **kw: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", INGEST, db, str(folder), str(jobs)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, **kw,  # type: ignore[call-overload]
    )


def integrity(url: str) -> dict[str, int]:
    """Counts, and the number of rows that break the all-or-nothing rule (must be 0)."""
    engine = sa.create_engine(resolve(url).url)
    q = {
        "documents": "SELECT COUNT(*) FROM documents",
        "distinct_hashes": "SELECT COUNT(DISTINCT sha256) FROM documents",
        "half_claims": "SELECT COUNT(*) FROM documents d WHERE d.n_claims <> "
                       "(SELECT COUNT(*) FROM claims c WHERE c.document_id = d.id)",
        "unchecked": "SELECT COUNT(*) FROM documents d WHERE NOT EXISTS "
                     "(SELECT 1 FROM checks k WHERE k.document_id = d.id)",
        "half_verdicts": "SELECT COUNT(*) FROM checks k WHERE k.n_verdicts <> "
                         "(SELECT COUNT(*) FROM verdicts v WHERE v.check_id = k.id)",
    }
    try:
        with engine.connect() as conn:
            out = {k: int(conn.execute(sa.text(sql)).scalar() or 0) for k, sql in q.items()}
            if engine.dialect.name == "sqlite":
                assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    finally:
        engine.dispose()
    return out


@pytest.fixture(scope="module")
def sheets500(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sheets500")
    samples.write(folder, 500)
    return folder


@pytest.mark.slow
def test_sigkill_mid_ingest_leaves_only_whole_documents(tmp_path: Path, sheets500: Path) -> None:
    db = str(tmp_path / "kb.db")
    seed = random.randrange(10**6)
    kill_at = random.Random(seed).randint(5, 400)
    proc = run_ingest(db, sheets500, jobs=2, start_new_session=True)
    deadline = time.monotonic() + 120
    count = 0
    while time.monotonic() < deadline and proc.poll() is None:
        if os.path.exists(db):
            try:
                con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
                count = con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
                con.close()
            except sqlite3.Error:
                count = 0
        if count >= kill_at:
            break
        time.sleep(0.005)
    os.killpg(proc.pid, signal.SIGKILL)  # the ingest and its worker processes
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, f"ingest ended before the kill (seed {seed}): {proc.stderr}"
    after_kill = integrity(db)
    assert 0 < after_kill["documents"] < 500, f"seed {seed}"
    assert after_kill["half_claims"] == after_kill["half_verdicts"] == after_kill["unchecked"] == 0
    assert after_kill["distinct_hashes"] == after_kill["documents"]
    # a re-run completes the rest and keeps what was committed
    rerun = run_ingest(db, sheets500, jobs=2)
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    summary = json.loads(out)
    assert summary["failed"] == 0
    assert summary["unchanged"] == after_kill["documents"]
    assert summary["new"] == 500 - after_kill["documents"]
    final = integrity(db)
    assert final["documents"] == final["distinct_hashes"] == 500
    assert final["half_claims"] == final["half_verdicts"] == final["unchecked"] == 0


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path / "kb.db")
    else:
        with pg_schema() as pg:
            yield pg


@pytest.mark.slow
def test_two_ingests_at_once_no_errors_no_duplicates(url: str, tmp_path: Path) -> None:
    folder = tmp_path / "sheets"
    samples.write(folder, 150)
    # both start on an empty database: they also race to create the schema
    procs = [run_ingest(url, folder, jobs=1), run_ingest(url, folder, jobs=1)]
    summaries = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        assert err.strip() == "", err
        summaries.append(json.loads(out))
    assert [s["failed"] for s in summaries] == [0, 0]
    assert sum(s["new"] for s in summaries) == 150
    assert sum(s["unchanged"] for s in summaries) == 150
    final = integrity(url)
    assert final["documents"] == final["distinct_hashes"] == 150
    assert final["half_claims"] == final["half_verdicts"] == 0


# -- corrupt and foreign databases ----------------------------------------------------------------


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_refused(path: Path, match: str) -> None:
    before = digest(path)
    siblings = set(path.parent.iterdir())
    with pytest.raises(StoreError, match=match) as err:
        open_store(str(path))
    assert err.value.exit_code == 5
    result = CliRunner().invoke(main, ["countries", "--db", str(path)])
    assert result.exit_code == 5
    assert result.output.startswith("error[E-STORE]: ") and result.output.count("\n") == 1
    assert "Traceback" not in result.output
    assert digest(path) == before
    assert set(path.parent.iterdir()) == siblings  # no -wal, -shm or -journal left behind


def test_random_bytes_are_refused_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "noise.db"
    path.write_bytes(random.Random(7).randbytes(8192))
    assert_refused(path, "not an SQLite database")


def test_damaged_sqlite_file_is_refused_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "damaged.db"
    path.write_bytes(b"SQLite format 3\x00" + random.Random(8).randbytes(8192))
    assert_refused(path, "damaged SQLite database")


def test_truncated_factsheet_database_is_refused_unchanged(tmp_path: Path) -> None:
    good = tmp_path / "good.db"
    with open_store(str(good)) as store:
        store.add_prepared(samples.synthetic_prepare(samples.sheet(0).encode(), "a.txt"))  # type: ignore[arg-type]
    raw = good.read_bytes()
    good.unlink()
    path = tmp_path / "truncated.db"
    # keep the header page but scramble the schema page: a damaged copy of our own database
    path.write_bytes(raw[:100] + bytes(b ^ 0x5A for b in raw[100:4096]) + raw[4096:])
    assert_refused(path, "damaged SQLite database")


def test_another_apps_sqlite_database_is_refused_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "app.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)")
    con.execute("CREATE TABLE schema_migrations (version TEXT PRIMARY KEY)")  # a Rails-like app
    con.execute("INSERT INTO users VALUES (1, 'ada')")
    con.commit()
    con.close()
    assert_refused(path, "another application's SQLite database")


def test_a_text_file_is_refused_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("id,name\n1,ada\n")
    assert_refused(path, "not an SQLite database")


def test_directory_and_missing_folder_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a directory"):
        open_store(str(tmp_path))
    with pytest.raises(StoreError, match="does not exist"):
        open_store(str(tmp_path / "nope" / "kb.db"))
    with pytest.raises(StoreError, match="not supported"):
        open_store("mysql://localhost/x")


def test_postgresql_foreign_tables_are_refused_unchanged() -> None:
    with pg_schema() as url:
        engine = sa.create_engine(resolve(url).url)
        with engine.begin() as conn:
            conn.exec_driver_sql("CREATE TABLE documents (id serial PRIMARY KEY, body text)")
            conn.exec_driver_sql("INSERT INTO documents (body) VALUES ('theirs')")
        with pytest.raises(StoreError, match="another application"):
            open_store(url)
        with engine.connect() as conn:
            names = sa.inspect(conn).get_table_names()
            rows = conn.exec_driver_sql("SELECT body FROM documents").all()
        engine.dispose()
        assert names == ["documents"] and [tuple(r) for r in rows] == [("theirs",)]


def test_unreachable_postgresql_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="cannot reach PostgreSQL") as err:
        open_store("postgresql://nobody:secret@127.0.0.1:1/none?connect_timeout=2")
    assert "secret" not in str(err.value)
