"""Re-judge stored editions against the current reference data, keeping every earlier verdict.

``recheck(store, ...)`` checks each selected edition again (the whole store, one country, or the
editions last checked before a date) and stores the result as a **new check** of the document:
``checks`` keeps the date and the reference manifest of every check, ``verdicts`` every check's
verdicts, and ``recheck_checks`` which run made which check, so a claim's verdict history is
kept, run by run. What changed (a claim newly outdated, newly contradicted, newly supported) is
recorded in ``verdict_changes`` and returned.

- **Idempotent**: an edition whose current check already has this check date and this reference
  data is not checked again (a second run the same day with the same data changes nothing).
- **Safe to interrupt**: one transaction per batch of editions; a killed run keeps every batch it
  committed (and every earlier run), and running it again does only the rest.
- Cross-edition findings (``V-CONS-EDITION-*``, made at ingest against neighbouring editions) are
  carried over unchanged: they compare sheets with each other, not with the reference data.
- For each country's latest edition the stale queue's rows are derived in the same transaction
  (store/stale.py), so ``factsheet stale`` and ``/stale`` only read.
- ``jobs > 1`` checks in that many worker processes, each opening the store read-only and loading
  the reference data once; this process alone writes.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import sqlalchemy as sa

from ..errors import StoreError
from ..model import Claim, Document, Verdict
from . import codec, queries, stale
from .pipeline import ReferenceStamp
from .schema import (
    checks,
    country_latest,
    documents,
    recheck_checks,
    recheck_runs,
    stale_analyses,
    verdict_changes,
)
from .store import Store, _utcnow

CHANGES = ("contradicted", "outdated", "supported")


@dataclass(frozen=True)
class Change:
    """One claim whose standing changed in a recheck."""

    document_id: int
    country: str | None
    published: str | None
    claim: int
    type: str
    value: str
    change: str  # contradicted | outdated | supported
    before: str  # "supported/current" (at publication / now), "unchecked"
    after: str
    code: str
    message: str

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class RecheckSummary:
    run_id: int | None
    check_date: str
    reference_hash: str | None
    selected: int = 0
    rechecked: int = 0
    up_to_date: int = 0  # already checked on this date with this reference data
    changes: list[Change] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, change: str) -> int:
        return sum(1 for c in self.changes if c.change == change)

    def to_json(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id, "check_date": self.check_date, "reference": self.reference_hash,
            "selected": self.selected, "rechecked": self.rechecked, "up_to_date": self.up_to_date,
            "newly": {c: self.count(c) for c in CHANGES}, "seconds": round(self.seconds, 3),
            "changes": [c.to_json() for c in self.changes],
        }


@dataclass(frozen=True)
class _Judged:
    document_id: int
    rows: list[tuple[Any, ...]] | None  # verdict rows of the new check; None: up to date
    counts: str | None  # country_latest counts JSON of the new check
    changes: list[Change]
    stale_entries: list[dict[str, Any]] | None  # for a latest edition (None: not analyzed here)
    latest: bool = False


def select(store: Store, *, country: str | None = None, checked_before: dt.date | None = None) -> list[int]:
    """Ids of the editions to recheck, in id order: all, a country's, or those whose current
    check is dated before ``checked_before`` (an edition never checked counts as before)."""
    return [i for i, _ in _selection(store, country, checked_before, None)]


def _selection(store: Store, country: str | None, checked_before: dt.date | None,
               done: tuple[str, str] | None) -> list[tuple[int, bool]]:
    """(id, already checked on this date with this reference data) of the selected editions."""
    same: Any = sa.literal(False)
    if done is not None:
        same = sa.and_(checks.c.check_date == done[0], checks.c.reference_hash == done[1])
    q = (sa.select(documents.c.id, sa.case((same, 1), else_=0))
         .select_from(documents.outerjoin(checks, checks.c.id == documents.c.check_id)).order_by(documents.c.id))
    if country is not None:
        q = q.where(documents.c.country == country)
    if checked_before is not None:
        q = q.where(sa.or_(checks.c.check_date.is_(None), checks.c.check_date < checked_before.isoformat()))
    with store._read() as conn:
        return [(int(i), bool(up)) for i, up in queries.plain_rows(conn, q)]


def _pair(v: Verdict | tuple[str, str] | None) -> str:
    if v is None:
        return "unchecked"
    pub, now = (v.at_publication.verdict, v.now.verdict) if isinstance(v, Verdict) else v
    return f"{pub}/{now}"


def classify(old: Verdict | tuple[str, str] | None, new: Verdict) -> str | None:
    """What a claim became: ``contradicted``/``outdated`` (newly stale), ``supported`` (newly
    supported and current), or None (no change of standing). ``old`` is the previous verdict or
    its (at publication, now) pair."""
    if isinstance(old, Verdict):
        old = (old.at_publication.verdict, old.now.verdict)
    was = stale.kind_of(*old) if old is not None else None
    now = stale.stale_kind(new)
    if now is not None:
        return now if now != was else None
    good = new.at_publication.verdict == "supported" and new.now.verdict == "current"
    return "supported" if good and old != ("supported", "current") else None


class _DocRow(NamedTuple):
    id: int
    sha256: str
    title: str | None
    country: str | None
    bureau: str | None
    kind: str
    published: str | None
    source: str | None
    media_type: str
    encoding: str
    size: int
    text: str
    structure: str
    check_id: int | None


class _ClaimRow(NamedTuple):
    type: str
    country: str | None
    fields: str
    span_start: int
    span_end: int
    quote: str
    section: str | None
    confidence: float
    rule: str | None


_EDITION_FINDING = "V-CONS-EDITION"


def load_batch(store: Store, ids: Sequence[int]) -> list[tuple[Document, list[Claim], list[Any], int]]:
    """Editions for re-judging, three queries for the whole batch (driver rows, no ORM): each
    document, its claims, and per claim its current (at publication, now) pair — or the whole
    stored Verdict for a cross-edition finding, which is carried over."""
    from .schema import claims, verdicts

    with store._read() as conn:
        docs = [_DocRow(*r) for r in queries.plain_rows(conn, sa.select(*(documents.c[f] for f in _DocRow._fields))
                                                         .where(documents.c.id.in_(list(ids))))]
        claim_rows: dict[int, list[tuple[int, _ClaimRow]]] = {}
        q = (sa.select(claims.c.document_id, claims.c.idx, *(claims.c[f] for f in _ClaimRow._fields))
             .where(claims.c.document_id.in_(list(ids))).order_by(claims.c.document_id, claims.c.idx))
        for doc_id, idx, *rest in queries.plain_rows(conn, q):
            claim_rows.setdefault(doc_id, []).append((idx, _ClaimRow(*rest)))
        check_ids = [d.check_id for d in docs if d.check_id is not None]
        old: dict[int, dict[int, Any]] = {}
        if check_ids:
            body = sa.case((verdicts.c.code.like(_EDITION_FINDING + "%"), verdicts.c.body), else_=None)
            q = (sa.select(verdicts.c.check_id, verdicts.c.claim_idx, verdicts.c.at_publication, verdicts.c.now, body)
                 .where(verdicts.c.check_id.in_(check_ids)))
            for check_id, idx, pub, now, raw in queries.plain_rows(conn, q):
                old.setdefault(check_id, {})[idx] = (codec.verdict_from_json(json.loads(raw)) if raw
                                                     else (pub, now))
    out = []
    for d in sorted(docs, key=lambda d: d.id):
        found = claim_rows.get(d.id, [])
        claim_list = [codec.decode_claim(c) for _, c in found]
        before = old.get(d.check_id, {}) if d.check_id is not None else {}
        out.append((codec.decode_document(d), claim_list, [before.get(i) for i in range(len(claim_list))], d.id))
    return out


class Judge:
    """Re-judges stored editions (in this process or in a worker)."""

    def __init__(self, store: Store, reference: Any, stamp: ReferenceStamp, check_date: dt.date) -> None:
        self.store, self.reference, self.stamp, self.check_date = store, reference, stamp, check_date

    def batch(self, items: Sequence[tuple[int, bool, bool]]) -> list[_Judged]:
        """(id, latest, up to date) → judged; only the editions not yet checked on this date with
        this reference data are checked again (the rest only get their stale rows, if latest)."""
        todo = [i for i, _, up in items if not up]
        latest = {i for i, is_latest, _ in items if is_latest}
        out = [self._analyze_only(i) for i, is_latest, up in items if up and is_latest]
        for document, claim_list, before, doc_id in load_batch(self.store, todo) if todo else []:
            assert doc_id is not None
            out.append(self._judge(doc_id, document, claim_list, before, doc_id in latest))
        return out

    def _analyze_only(self, document_id: int) -> _Judged:
        stored = self.store.document(document_id)
        entries = None
        if not self._analyzed(stored.meta["check_id"]):
            entries = stale.analyze(stored.document, stored.claims, stored.verdicts, self.reference, self.check_date)
        return _Judged(document_id, None, None, [], entries)

    def _judge(self, document_id: int, document: Document, claim_list: list[Claim], before: list[Any],
               latest: bool) -> _Judged:
        from ..check import check

        new = list(check(document, claim_list, self.reference, as_of=self.check_date))
        for i, old in enumerate(before):
            if isinstance(old, Verdict) and old.code.startswith(_EDITION_FINDING):
                new[i] = old  # a finding about other editions: not the reference data's to change
        changes = []
        for i, (old, after) in enumerate(zip(before, new, strict=True)):
            kind = classify(old, after)
            if kind is not None:
                claim = claim_list[i]
                changes.append(Change(
                    document_id, document.country, document.published, i, claim.type,
                    codec.summarize(claim.type, claim.fields), kind, _pair(old), _pair(after), after.code,
                    after.message,
                ))
        rows = [codec.verdict_row(v) for v in new]
        entries = stale.analyze(document, claim_list, new, self.reference, self.check_date) if latest else None
        counts = queries.counts_json((r[1], r[2]) for r in rows) if latest else None
        return _Judged(document_id, rows, counts, changes, entries, latest)

    def _analyzed(self, check_id: int | None) -> bool:
        from .schema import stale_analyses

        if check_id is None:
            return True
        with self.store._read() as conn:
            q = sa.select(stale_analyses.c.check_id).where(stale_analyses.c.check_id == check_id)
            return conn.execute(q).first() is not None


# -- worker processes ---------------------------------------------------------------------------

_WORKER: Judge | None = None


def _init_worker(url: str, check_date: str) -> None:
    global _WORKER
    from .pipeline import _reference
    from .store import open_store

    reference, stamp = _reference()
    _WORKER = Judge(open_store(url), reference, stamp, dt.date.fromisoformat(check_date))


def _judge_many(items: list[tuple[int, bool, bool]]) -> list[_Judged]:
    assert _WORKER is not None
    return _WORKER.batch(items)


def _chunks(items: Sequence[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield list(items[i : i + size])


# -- the run ------------------------------------------------------------------------------------


def recheck(
    store: Store,
    *,
    country: str | None = None,
    checked_before: dt.date | None = None,
    check_date: dt.date | None = None,
    jobs: int = 1,
    batch: int = 200,
    reference: Any = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> RecheckSummary:
    """Re-judge the selected editions; returns what changed (see the module's docstring)."""
    from .pipeline import _reference

    started = time.perf_counter()
    on = check_date or dt.date.today()
    if reference is None:
        reference, stamp = _reference()
    else:
        stamp = ReferenceStamp.of(reference)
    selected = _selection(store, country, checked_before, (on.isoformat(), stamp.hash))
    with store._read() as conn:
        latest = stale.latest_document_ids(conn)
        analyzed = set(conn.execute(sa.select(stale_analyses.c.check_id)).scalars())
        q = sa.select(documents.c.id, documents.c.check_id).where(documents.c.id.in_(list(latest)))
        # (not dict(result): a Result has keys(), so dict() would take it for a mapping)
        current = {i: c for i, c in conn.execute(q).tuples()} if latest else {}
    summary = RecheckSummary(None, on.isoformat(), stamp.hash, selected=len(selected))
    # what needs work: editions not checked on this date with this data, and latest editions
    # whose current check has no stale rows yet; the rest are up to date (a re-run does nothing)
    items = [(i, i in latest, up) for i, up in selected
             if not up or (i in latest and current.get(i) not in analyzed)]
    summary.up_to_date = len(selected) - len(items)
    if not items:
        summary.seconds = time.perf_counter() - started
        return summary
    run_id = _start_run(store, on, stamp, {"country": country,
                                          "checked_before": checked_before.isoformat() if checked_before else None})
    summary.run_id = run_id
    done = 0
    if on_progress is not None:
        on_progress(0, len(items))  # the total is known before the first batch
    pool: ProcessPoolExecutor | None = None
    try:
        if jobs > 1 and len(items) > batch // 4:
            pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker,
                                       initargs=(store.target.url, on.isoformat()))
            results: Iterator[list[_Judged]] = _parallel(pool, items, batch, jobs)
        else:
            judge = Judge(store, reference, stamp, on)
            results = (judge.batch(chunk) for chunk in _chunks(items, batch))
        for judged in results:
            _write_batch(store, run_id, on, stamp, judged, summary)
            done += len(judged)
            if on_progress is not None:
                on_progress(done, len(items))
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    _finish_run(store, run_id, summary)
    summary.seconds = time.perf_counter() - started
    return summary


def _parallel(pool: ProcessPoolExecutor, items: list[tuple[int, bool, bool]], batch: int,
              jobs: int) -> Iterator[list[_Judged]]:
    """Batches of judged editions, in order, from the workers. The next batch is submitted
    before the current one is yielded, so the workers check while this process writes."""
    task = max(1, min(50, batch // (2 * jobs)))
    pending: list[list[Any]] = []
    for chunk in _chunks(items, batch):
        pending.append([pool.submit(_judge_many, part) for part in _chunks(chunk, task)])
        if len(pending) > 1:
            yield _collect(pending.pop(0))
    while pending:
        yield _collect(pending.pop(0))


def _collect(futures: list[Any]) -> list[_Judged]:
    try:
        return [j for fut in futures for j in fut.result()]
    except BrokenProcessPool:
        raise StoreError("a recheck worker process died (out of memory?); the batches already written are "
                         "kept: run the recheck again to do the rest.", code="E-STORE-RECHECK") from None


def _start_run(store: Store, on: dt.date, stamp: ReferenceStamp, scope: dict[str, Any]) -> int:
    with store._write() as conn:
        conn.execute(store._stmt("insert_manifest"), {"hash": stamp.hash, "version": stamp.version,
                                                     "manifest": stamp.manifest, "horizon": stamp.horizon})
        return int(conn.execute(
            recheck_runs.insert().values(started_at=_utcnow(), check_date=on.isoformat(), reference_hash=stamp.hash,
                                         scope=json.dumps(scope, sort_keys=True), documents=0, changes=0)
            .returning(recheck_runs.c.id)
        ).scalar_one())


def _write_batch(store: Store, run_id: int, on: dt.date, stamp: ReferenceStamp, judged: list[_Judged],
                 summary: RecheckSummary) -> None:
    """One transaction: the batch's new checks, their run links, changes and stale rows."""
    now = _utcnow()
    changes: list[Change] = []
    made: list[tuple[int, int, int]] = []
    with store._write() as conn:
        for j in judged:
            if j.rows is None:
                if j.stale_entries is not None:
                    check_id = conn.execute(
                        sa.select(documents.c.check_id).where(documents.c.id == j.document_id)).scalar()
                    if check_id is not None:
                        stale.store_analysis(conn, check_id, j.document_id, j.stale_entries, now)
                continue
            check_id = store._insert_check(conn, j.document_id, j.rows, on.isoformat(), stamp)
            made.append((check_id, run_id, j.document_id))
            if j.latest:  # the index's counts follow the latest edition's current check
                conn.execute(country_latest.update().where(country_latest.c.document_id == j.document_id)
                             .values(counts=j.counts))
            if j.stale_entries is not None:
                stale.store_analysis(conn, check_id, j.document_id, j.stale_entries, now)
            changes.extend(j.changes)
        if made:
            mark = "?" if store.dialect == "sqlite" else "%s"
            conn.exec_driver_sql(f"INSERT INTO recheck_checks (check_id, run_id, document_id) "
                                 f"VALUES ({mark}, {mark}, {mark})", made)
        if changes:
            conn.execute(verdict_changes.insert(), [
                {"run_id": run_id, "document_id": c.document_id, "claim_idx": c.claim, "change": c.change,
                 "before": c.before, "after": c.after, "code": c.code} for c in changes
            ])
        rechecked = sum(1 for j in judged if j.rows is not None)
        conn.execute(recheck_runs.update().where(recheck_runs.c.id == run_id).values(
            documents=recheck_runs.c.documents + rechecked, changes=recheck_runs.c.changes + len(changes)))
    summary.rechecked += rechecked
    summary.up_to_date += len(judged) - rechecked
    summary.changes.extend(changes)


def _finish_run(store: Store, run_id: int, summary: RecheckSummary) -> None:
    with store._write() as conn:
        conn.execute(recheck_runs.update().where(recheck_runs.c.id == run_id).values(finished_at=_utcnow()))


def runs(store: Store) -> list[dict[str, Any]]:
    """Every recheck run, newest first (a run with no ``finished_at`` was interrupted)."""
    with store._read() as conn:
        q = sa.select(recheck_runs).order_by(recheck_runs.c.id.desc())
        return [dict(r._mapping) for r in conn.execute(q)]


def verdict_history(store: Store, document_id: int, claim: int) -> list[dict[str, Any]]:
    """A claim's verdicts, check by check (oldest first), with each check's date, reference data
    and the recheck run that made it (None: made at ingest)."""
    from .schema import verdicts

    q = (
        sa.select(checks.c.id, checks.c.check_date, checks.c.reference_hash, recheck_checks.c.run_id,
                  verdicts.c.at_publication, verdicts.c.now, verdicts.c.code)
        .select_from(checks.join(verdicts, verdicts.c.check_id == checks.c.id)
                     .outerjoin(recheck_checks, recheck_checks.c.check_id == checks.c.id))
        .where(checks.c.document_id == document_id, verdicts.c.claim_idx == claim)
        .order_by(checks.c.id)
    )
    with store._read() as conn:
        return [
            {"check_id": r[0], "check_date": r[1], "reference": r[2], "run_id": r[3], "at_publication": r[4],
             "now": r[5], "code": r[6]}
            for r in conn.execute(q).tuples()
        ]
