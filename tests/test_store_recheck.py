"""Recheck and the stale queue, on SQLite and (with FACTSHEET_TEST_PG_URL) PostgreSQL.

Sheets go through the real read → extract → check; the first check is dated early (2017-03-01,
when the bundled Peru sheet was right about its ambassador), the recheck late (2026-11-27).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlalchemy as sa

from factsheet.store import Store, open_store
from factsheet.store import recheck as recheck_mod
from factsheet.store.recheck import classify, recheck, runs, select, verdict_history
from factsheet.store.samples import sheet
from factsheet.store.stale import priority, queue

EXAMPLE = Path(__file__).resolve().parent.parent / "factsheet" / "data" / "examples" / "peru-2017.txt"
EARLY, LATE = dt.date(2017, 3, 1), dt.date(2026, 11, 27)


@pytest.fixture
def peru(store: Store) -> int:
    result = store.add(EXAMPLE.read_bytes(), "peru-2017.txt", check_date=EARLY)
    assert result.status == "new" and result.document_id is not None
    return result.document_id


def _ambassador_idx(store: Store, doc_id: int) -> int:
    return next(i for i, c in enumerate(store.document(doc_id).claims) if c.type == "ambassador")


def test_recheck_stores_a_new_check_and_reports_what_changed(store: Store, peru: int) -> None:
    amb = _ambassador_idx(store, peru)
    assert store.document(peru).verdicts[amb].now.verdict == "current"
    summary = recheck(store, check_date=LATE)
    assert (summary.selected, summary.rechecked, summary.up_to_date) == (1, 1, 0)
    outdated = {(c.type, c.claim) for c in summary.changes if c.change == "outdated"}
    assert ("ambassador", amb) in outdated
    change = next(c for c in summary.changes if c.claim == amb)
    assert (change.before, change.after) == ("supported/current", "supported/outdated")
    stored = store.document(peru)
    assert stored.meta["check_date"] == LATE.isoformat()
    assert stored.verdicts[amb].now.verdict == "outdated"
    # the history keeps both checks of the claim, the second one made by the run
    history = verdict_history(store, peru, amb)
    assert [(h["check_date"], h["now"], h["run_id"]) for h in history] == [
        (EARLY.isoformat(), "current", None), (LATE.isoformat(), "outdated", summary.run_id)]
    # the index counts follow the new check
    assert store.countries()[0]["outdated"] == sum(1 for v in stored.verdicts if v.now.verdict == "outdated")
    (run,) = runs(store)
    assert run["finished_at"] is not None and run["documents"] == 1 and run["changes"] == len(summary.changes)


def test_recheck_is_idempotent(store: Store, peru: int) -> None:
    recheck(store, check_date=LATE)
    with store._read() as conn:
        before = conn.execute(sa.text("SELECT count(*) FROM checks")).scalar()
    again = recheck(store, check_date=LATE)
    assert (again.rechecked, again.up_to_date, again.changes) == (0, 1, [])
    with store._read() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM checks")).scalar() == before


def test_selection_by_country_and_check_date(store: Store, peru: int) -> None:
    other = store.add(sheet(2).encode(), "s2.txt", check_date=LATE)  # another country, checked late
    assert other.document_id is not None
    assert select(store) == [peru, other.document_id]
    assert select(store, country="PE") == [peru]
    assert select(store, checked_before=dt.date(2020, 1, 1)) == [peru]
    summary = recheck(store, checked_before=dt.date(2020, 1, 1), check_date=LATE)
    assert summary.selected == 1 and summary.rechecked == 1


def test_an_interrupted_run_keeps_its_finished_batches(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    ids = [store.add(sheet(i).encode(), f"s{i}.txt", check_date=EARLY).document_id for i in range(5)]
    real = recheck_mod._write_batch
    calls = {"n": 0}

    def dies_on_the_second(*args: object, **kwargs: object) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt  # as if killed between batches
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(recheck_mod, "_write_batch", dies_on_the_second)
    with pytest.raises(KeyboardInterrupt):
        recheck(store, check_date=LATE, batch=2)
    monkeypatch.setattr(recheck_mod, "_write_batch", real)
    (killed,) = runs(store)
    assert killed["finished_at"] is None and killed["documents"] == 2
    assert [store.document(i).meta["check_date"] for i in ids] == [LATE.isoformat()] * 2 + [EARLY.isoformat()] * 3
    resumed = recheck(store, check_date=LATE, batch=2)
    assert (resumed.rechecked, resumed.up_to_date) == (3, 2)
    assert all(store.document(i).meta["check_date"] == LATE.isoformat() for i in ids)


def test_the_stale_queue_says_since_when_and_what_to_write(store: Store, peru: int) -> None:
    recheck(store, check_date=LATE)
    entries = queue(store, today=dt.date(2027, 1, 1))
    assert entries, "the 2017 Peru sheet has stale claims in 2026"
    assert [e["priority"] for e in entries] == sorted(e["priority"] for e in entries)
    amb = next(e for e in entries if e["type"] == "ambassador")
    # Brian A. Nichols left post on 2017-10-13 (the source's date), not the day we rechecked
    assert (amb["verdict"], amb["since"], amb["since_basis"]) == ("outdated", "2017-10-14", "source")
    assert amb["days_stale"] == (dt.date(2027, 1, 1) - dt.date(2017, 10, 14)).days
    assert "Perkins" in amb["corrected"] and amb["corrected"].endswith(".")
    tpa = next(e for e in entries if e["type"] == "agreement")
    assert (tpa["verdict"], tpa["since"]) == ("contradicted", "2017-02-02")
    assert "2006" in tpa["corrected"]
    assert tpa["priority"] < amb["priority"]  # contradicted before outdated
    assert queue(store, bureau="Western")  and not queue(store, bureau="African")


def test_the_queue_of_an_edition_stored_after_the_last_recheck(store: Store, peru: int) -> None:
    """Read on the fly (nothing written) until the next recheck stores it."""
    entries = queue(store, today=dt.date(2027, 1, 1))  # checked 2017-03-01: only the TPA was wrong then
    assert [e["type"] for e in entries] == ["agreement"]
    with store._read() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM stale_analyses")).scalar() == 0


def test_priority_orders_people_before_figures() -> None:
    assert priority("contradicted", "leader") < priority("contradicted", "agreement") < priority(
        "contradicted", "statistic") < priority("outdated", "ambassador") < priority("outdated", "trade")


def test_classify() -> None:
    from factsheet.model import Assessment, Verdict

    def v(pub: str, now: str) -> Verdict:
        return Verdict(0, Assessment("2017-01-01", pub), Assessment("2026-01-01", now), "V-X", "m")

    assert classify(v("supported", "current"), v("supported", "outdated")) == "outdated"
    assert classify(v("supported", "outdated"), v("supported", "outdated")) is None
    assert classify(v("unverifiable", "unknown"), v("contradicted", "contradicted")) == "contradicted"
    assert classify(v("unverifiable", "unknown"), v("supported", "current")) == "supported"
    assert classify(None, v("supported", "current")) == "supported"


def test_recheck_with_worker_processes_matches_one_process(tmp_path: Path) -> None:
    results = []
    for jobs in (1, 2):
        with open_store(tmp_path / f"kb{jobs}.db") as s:
            for i in range(6):
                s.add(sheet(i).encode(), f"s{i}.txt", check_date=EARLY)
            summary = recheck(s, check_date=LATE, jobs=jobs, batch=4)
            results.append(sorted((c.document_id, c.claim, c.change) for c in summary.changes))
            assert summary.rechecked == 6
    assert results[0] == results[1] and results[0]


@pytest.mark.slow
def test_sigkill_during_a_recheck_loses_no_committed_batch(tmp_path: Path) -> None:
    """A recheck killed with SIGKILL between or during batches leaves every check whole (all its
    verdicts, its run link), and the next run does exactly the rest."""
    import os
    import signal
    import subprocess
    import sys

    db = tmp_path / "kb.db"
    with open_store(db) as s:
        ids = [s.add(sheet(i).encode(), f"s{i}.txt", check_date=EARLY).document_id for i in range(12)]
    script = (
        "import sys, time, datetime as dt\n"
        "from factsheet.store import open_store, recheck as r\n"
        "real = r._write_batch\n"
        "def slow(*a, **k):\n"
        "    real(*a, **k); print('batch', flush=True); time.sleep(0.3)\n"
        "r._write_batch = slow\n"
        f"r.recheck(open_store(sys.argv[1]), check_date=dt.date.fromisoformat('{LATE.isoformat()}'), batch=3)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script, str(db)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    for _ in range(2):
        assert proc.stdout.readline().strip() == "batch"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with open_store(db) as s, s._read() as conn:
        done = [i for i in ids if s.document(i).meta["check_date"] == LATE.isoformat()]
        assert 6 <= len(done) < len(ids)  # the two printed batches at least, not all
        # every current check is whole: as many verdicts as claims, and a run link if rechecked
        rows = conn.execute(sa.text(
            "SELECT d.id, d.n_claims, (SELECT count(*) FROM verdicts v WHERE v.check_id = d.check_id), "
            "(SELECT count(*) FROM recheck_checks r WHERE r.check_id = d.check_id), k.check_date "
            "FROM documents d JOIN checks k ON k.id = d.check_id")).all()
        for _doc, n_claims, n_verdicts, linked, day in rows:
            assert n_verdicts == n_claims and linked == (1 if day == LATE.isoformat() else 0)
        (run,) = conn.execute(sa.text("SELECT finished_at, documents FROM recheck_runs")).all()
        assert run[0] is None and run[1] == len(done)
    with open_store(db) as s:
        resumed = recheck(s, check_date=LATE, batch=3)
        assert (resumed.rechecked, resumed.up_to_date) == (len(ids) - len(done), len(done))
