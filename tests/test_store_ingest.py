"""``factsheet ingest`` end to end: read → extract → check → store, on the project's sheets."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE, FIXTURES

from factsheet.check import check
from factsheet.cli import main
from factsheet.extract import extract
from factsheet.read import read
from factsheet.reference import load_reference
from factsheet.store import ReferenceStamp, open_store, samples
from factsheet.store.ingest import collect

ROOT = Path(__file__).resolve().parent.parent
CHECK_DATE = "2026-11-27"
SHEETS = FIXTURES / "sheets"


def ingest(db: str, *paths: str | Path, jobs: int = 1) -> tuple[int, dict]:
    result = CliRunner().invoke(
        main, ["ingest", *map(str, paths), "--db", db, "--jobs", str(jobs), "--check-date", CHECK_DATE,
               "--format", "json"],
    )
    return result.exit_code, json.loads(result.output)


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict]:
    db = str(tmp_path_factory.mktemp("ingest") / "kb.db")
    code, summary = ingest(db, SHEETS, EXAMPLE, jobs=2)
    return db, {"code": code, **summary}


def test_every_sheet_is_stored_and_non_sheets_are_refused(ingested: tuple[str, dict]) -> None:
    _db, summary = ingested
    files = collect([SHEETS, EXAMPLE])
    assert summary["files"] == len(files)
    assert summary["new"] + summary["failed"] == len(files) and summary["unchanged"] == 0
    assert summary["new"] >= 10
    for failure in summary["failures"]:  # only the fixture folder's deliberate non-sheets fail
        assert "nonsheet" in Path(failure["source"]).name, failure
        assert failure["reason"].startswith("E-INPUT-NOT-A-SHEET")
    assert summary["code"] == (3 if summary["failed"] else 0)


def test_stored_claims_and_verdicts_are_the_pipelines(ingested: tuple[str, dict]) -> None:
    db, _ = ingested
    reference = load_reference()
    stamp = ReferenceStamp.of(reference)
    with open_store(db) as store:
        ids = list(store.document_ids())
        assert ids
        for doc_id in ids:
            stored = store.document(doc_id)
            doc = read(stored.meta["source"])
            assert stored.document.text == doc.text and stored.document.sha256 == doc.sha256
            claims = extract(doc)
            verdicts = check(doc, claims, reference, as_of=dt.date.fromisoformat(CHECK_DATE))
            assert [c.to_json() for c in stored.claims] == [c.to_json() for c in claims]
            assert [v.to_json() for v in stored.verdicts] == [v.to_json() for v in verdicts]
            assert stored.meta["check_date"] == CHECK_DATE
            assert stored.meta["reference"] == stamp.hash


def test_a_second_ingest_changes_nothing(ingested: tuple[str, dict], tmp_path: Path) -> None:
    db, first = ingested
    with open_store(db) as store:
        before = store.stats()
    code, again = ingest(db, SHEETS, EXAMPLE)
    assert code == first["code"]
    assert (again["new"], again["unchanged"], again["failed"]) == (0, first["new"], first["failed"])
    with open_store(db) as store:
        assert {k: v for k, v in store.stats().items() if k != "bytes"} == {
            k: v for k, v in before.items() if k != "bytes"
        }


def test_one_job_and_two_jobs_store_the_same(ingested: tuple[str, dict], tmp_path: Path) -> None:
    db, _ = ingested
    other = str(tmp_path / "one.db")
    ingest(other, SHEETS, EXAMPLE, jobs=1)

    def content(path: str) -> list[tuple[str, int, str, str | None]]:
        con = sqlite3.connect(path)
        rows = con.execute(
            "SELECT d.sha256, c.idx, c.fields, v.body FROM claims c JOIN documents d ON d.id = c.document_id "
            "LEFT JOIN verdicts v ON v.check_id = d.check_id AND v.claim_idx = c.idx ORDER BY 1, 2"
        ).fetchall()
        con.close()
        return rows

    assert content(db) == content(other)


def test_the_two_time_axes_on_real_sheets(ingested: tuple[str, dict]) -> None:
    db, _ = ingested
    with open_store(db) as store:
        peru = store.editions("PE")
        assert len(peru) >= 2 and peru[-1]["published"] == "2017-02-02"
        # said on: at the end of 2016 the latest Peru sheet was an older one
        said = store.claims(country="PE", said_on=dt.date(2016, 12, 31))
        assert said and {r["document_id"] for r in said} == {peru[-2]["document_id"]}
        # true on: the 2017 sheet's ambassador (Brian A. Nichols, 2014–2017) was right in 2016, not in 2019
        rows = store.claims(country="PE", type="ambassador", since=dt.date(2017, 1, 1))
        assert [r["value"] for r in rows] == ["Ambassador Brian A. Nichols"]
        in_2016 = store.claims(country="PE", type="ambassador", since=dt.date(2017, 1, 1), true_on=dt.date(2016, 6, 1))
        in_2019 = store.claims(country="PE", type="ambassador", since=dt.date(2017, 1, 1), true_on=dt.date(2019, 1, 1))
        assert in_2016[0]["true_on_verdict"] == "current"
        assert in_2019[0]["true_on_verdict"] == "outdated" and in_2019[0]["true_on_current"]
        assert store.claims(country="PE", type="ambassador", true_on=dt.date(2016, 6, 1), verdict="current")
        # the bundled example's TPA claim is contradicted (signed 2006, in force 2009)
        tpa = store.claims(country="PE", type="agreement", verdict="contradicted")
        assert any("signed in 2009" in r["quote"] for r in tpa)


@pytest.mark.slow
def test_sigkill_of_the_ingest_command_then_rerun(tmp_path: Path) -> None:
    """The real command with two worker processes, killed at a random point of 500 sheets."""
    folder = tmp_path / "sheets"
    samples.write(folder, 500)
    db = str(tmp_path / "kb.db")
    cmd = [sys.executable, "-m", "factsheet", "ingest", str(folder), "--db", db, "--jobs", "2",
           "--no-progress", "--format", "json"]
    seed = random.randrange(10**6)
    kill_at = random.Random(seed).randint(5, 300)
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    count, deadline = 0, time.monotonic() + 240
    while proc.poll() is None and time.monotonic() < deadline and count < kill_at:
        time.sleep(0.01)
        if os.path.exists(db):
            try:
                con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
                count = con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
                con.close()
            except sqlite3.Error:
                pass
    os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate()
    assert proc.returncode == -signal.SIGKILL, f"the ingest ended before the kill (seed {seed})"
    con = sqlite3.connect(db)
    stored = con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    half = con.execute(
        "SELECT COUNT(*) FROM documents d WHERE d.check_id IS NULL OR d.n_claims <> "
        "(SELECT COUNT(*) FROM claims c WHERE c.document_id = d.id) OR d.n_claims <> "
        "(SELECT COUNT(*) FROM verdicts v WHERE v.check_id = d.check_id)"
    ).fetchone()[0]
    con.close()
    assert 0 < stored < 500 and half == 0, f"seed {seed}"
    rerun = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads(rerun.stdout)
    assert (summary["new"], summary["unchanged"], summary["failed"]) == (500 - stored, stored, 0)
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(DISTINCT sha256), COUNT(*) FROM documents").fetchone() == (500, 500)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()


def test_query_command_on_both_axes(ingested: tuple[str, dict]) -> None:
    db, _ = ingested
    args = ["query", "--db", db, "--country", "Peru", "--type", "ambassador", "--since", "2017-01-01"]
    result = CliRunner().invoke(main, [*args, "--true-on", "2016-06-01", "--format", "csv"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].endswith(",true_on,true_on_verdict,true_on_code") and len(lines) == 2
    assert ",2016-06-01,current," in lines[1]
    result = CliRunner().invoke(main, [*args, "--true-on", "2019-01-01", "--verdict", "current", "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.output) == []
    result = CliRunner().invoke(main, ["query", "--db", db, "--said-on", "2016-12-31", "--country", "PE",
                                       "--format", "json"])
    assert {r["published"] for r in json.loads(result.output)} == {"1998-03"}


def _which_reference(raw: bytes, source: str | None, check_date: dt.date | None) -> tuple[str, str]:
    """A stand-in pipeline (runs in the workers): reports its process and reference object."""
    from factsheet.store import pipeline

    reference, _ = pipeline._reference()
    return ("E-TEST", f"{os.getpid()}:{id(reference)}")


def test_each_worker_loads_the_reference_data_once(tmp_path: Path) -> None:
    from factsheet.store.ingest import ingest_paths

    samples.write(tmp_path / "s", 24)
    with open_store(str(tmp_path / "kb.db")) as store:
        summary = ingest_paths(store, [tmp_path / "s"], jobs=2, processor=_which_reference)
    seen: dict[str, set[str]] = {}
    for result in summary.results:
        pid, ref = str(result.reason).removeprefix("E-TEST: ").split(":")
        seen.setdefault(pid, set()).add(ref)
    assert len(summary.results) == 24 and 1 <= len(seen) <= 2 and str(os.getpid()) not in seen
    assert all(len(refs) == 1 for refs in seen.values())  # one reference object per worker
