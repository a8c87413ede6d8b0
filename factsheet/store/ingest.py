"""Ingest files and folders: read → extract → check in worker processes, one writer, one
transaction per document.

- Folders are searched recursively (default patterns ``*.txt``, ``*.html``, ``*.htm``; ``glob``
  replaces them); files named explicitly are always taken.
- Idempotent by content hash: bytes already stored are reported ``unchanged`` without being
  extracted again, and a document stored by a concurrent ingest meanwhile is ``unchanged`` too.
- A file that fails (unreadable, not a sheet, a bug in a stage, a worker that died) is reported
  with its reason; the others go on.
- ``jobs > 1`` runs the pipeline in that many processes; only this process writes, so SQLite
  sees a single writer per ingest (concurrent ingests queue on the write lock).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from ..errors import FactsheetError
from . import pipeline
from .codec import Encoded, encode
from .schema import documents
from .store import IngestResult, Store

#: what the tool reads and writes: text, HTML and its own Markdown (``update --format markdown``)
DEFAULT_PATTERNS = ("*.txt", "*.md", "*.html", "*.htm")
#: Process one (raw, source, check_date) → Prepared or (code, message). Must be picklable.
Processor = Callable[[bytes, str | None, dt.date | None], "pipeline.Prepared | tuple[str, str]"]


@dataclass(frozen=True)
class Candidate:
    """A file found on disk (or a path that could not be used: ``error`` says why)."""

    path: str
    error: str | None = None


def skipped(paths: Iterable[str | os.PathLike[str]], glob: str | None = None) -> list[tuple[str, str]]:
    """(file, why) for the files inside folders of ``paths`` that ``collect`` leaves out, so
    that an ingest can say what it did not read (hidden files and folders are not listed)."""
    out: list[tuple[str, str]] = []
    patterns = (glob,) if glob else DEFAULT_PATTERNS
    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            continue
        for p in sorted(path.rglob("*")):
            rel = p.relative_to(path).parts
            if any(part.startswith(".") for part in rel) or not p.is_file():
                continue
            if not any(p.match(pattern) for pattern in patterns):
                why = (f"does not match --glob {glob}" if glob else
                       "not a sheet file (.txt, .md, .html, .htm)")
                out.append((str(p), why))
    return out


def collect(paths: Iterable[str | os.PathLike[str]], glob: str | None = None) -> list[Candidate]:
    """Files under ``paths`` (folders recursively, sorted), each once, in a stable order."""
    out: list[Candidate] = []
    seen: set[str] = set()

    def add(c: Candidate) -> None:
        if c.path not in seen:
            seen.add(c.path)
            out.append(c)

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found: set[Path] = set()
            for pattern in (glob,) if glob else DEFAULT_PATTERNS:
                found.update(p for p in path.rglob(pattern) if p.is_file())
            for p in sorted(found):
                add(Candidate(str(p)))
        elif path.is_file():
            add(Candidate(str(path)))
        else:
            add(Candidate(str(path), "E-INPUT-NOT-FOUND: does not exist"))
    return out


@dataclass
class IngestSummary:
    results: list[IngestResult] = field(default_factory=list)
    seconds: float = 0.0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, why) not read

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def failed(self) -> list[IngestResult]:
        return [r for r in self.results if r.status == "failed"]

    def to_json(self) -> dict[str, Any]:
        return {
            "files": len(self.results),
            "new": self.count("new"),
            "unchanged": self.count("unchanged"),
            "failed": self.count("failed"),
            "seconds": round(self.seconds, 3),
            "failures": [{"source": r.source, "reason": r.reason} for r in self.failed],
            "skipped": [{"source": p, "reason": why} for p, why in self.skipped],
        }


def _known(store: Store, hashes: Sequence[str]) -> dict[str, int]:
    """Which of these content hashes are stored already (one query per 500)."""
    out: dict[str, int] = {}
    with store._read() as conn:
        for i in range(0, len(hashes), 500):
            chunk = list(hashes[i : i + 500])
            q = sa.select(documents.c.sha256, documents.c.id).where(documents.c.sha256.in_(chunk))
            out.update({r.sha256: r.id for r in conn.execute(q)})
    return out


def _load(candidate: Candidate, max_bytes: int) -> tuple[bytes | None, str | None]:
    if candidate.error:
        return None, candidate.error
    from ..read.decode import read_capped

    try:
        with Path(candidate.path).open("rb") as handle:  # never more than the limit in memory
            raw = read_capped(handle, max_bytes)
    except OSError as exc:
        return None, f"E-INPUT-NOT-FOUND: cannot read ({exc.strerror})"
    if len(raw) > max_bytes:
        return None, (f"E-INPUT-TOO-LARGE: over the limit of {max_bytes:,} bytes; a fact sheet is a "
                      "few kilobytes. Check the file, or raise the limit with --max-bytes.")
    return raw, None


def ingest_iter(
    store: Store,
    candidates: Sequence[Candidate],
    *,
    jobs: int = 1,
    check_date: dt.date | None = None,
    processor: Processor = pipeline.prepare_safely,
    batch: int = 64,
    max_bytes: int | None = None,
) -> Iterator[IngestResult]:
    """Yield one IngestResult per candidate as it is settled (stored, skipped or failed)."""
    from ..read import DEFAULT_MAX_BYTES

    limit = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    if processor is pipeline.prepare_safely and limit != DEFAULT_MAX_BYTES:
        processor = functools.partial(pipeline.prepare_safely, max_bytes=limit)
    workers = _Workers(jobs) if jobs > 1 else None
    try:
        yield from _windows(store, candidates, workers, check_date, processor, batch * max(jobs, 1), limit)
    finally:
        if workers is not None:
            workers.close()


def _windows(
    store: Store,
    candidates: Sequence[Candidate],
    workers: _Workers | None,
    check_date: dt.date | None,
    processor: Processor,
    size: int,
    max_bytes: int,
) -> Iterator[IngestResult]:
    for start in range(0, len(candidates), size):
        window = candidates[start : start + size]
        loaded = [(c, *_load(c, max_bytes)) for c in window]
        hashes = {c.path: hashlib.sha256(raw).hexdigest() for c, raw, _ in loaded if raw is not None}
        known = _known(store, list(set(hashes.values())))
        todo: list[tuple[str, bytes]] = []
        for c, raw, error in loaded:
            if raw is None:
                yield IngestResult("failed", None, error, c.path)
            elif hashes[c.path] in known:
                yield IngestResult("unchanged", known[hashes[c.path]], None, c.path, hashes[c.path])
            else:
                todo.append((c.path, raw))
        for source, outcome in _run(todo, workers, check_date, processor):
            yield _store(store, source, hashes[source], outcome)


def work(
    processor: Processor, raw: bytes, source: str | None, check_date: dt.date | None
) -> Encoded | tuple[str, str]:
    """In a worker: run the pipeline and encode the rows, so the writer only inserts."""
    outcome = processor(raw, source, check_date)
    if isinstance(outcome, tuple):
        return outcome
    try:
        return encode(outcome.document, outcome.claims, outcome.verdicts, outcome.check_date, outcome.reference)
    except FactsheetError as exc:
        return (exc.code, exc.message)


def store_outcome(store: Store, source: str | None, sha: str, outcome: Encoded | tuple[str, str]
                  ) -> IngestResult:
    """Write what ``work`` returned (or report its failure): the writer's half of an ingest."""
    return _store(store, source, sha, outcome)


def _store(store: Store, source: str | None, sha: str, outcome: Encoded | tuple[str, str]) -> IngestResult:
    if isinstance(outcome, tuple):
        return IngestResult("failed", None, f"{outcome[0]}: {outcome[1]}", source, sha)
    try:
        return store.add_encoded(outcome)
    except FactsheetError as exc:
        return IngestResult("failed", None, f"{exc.code}: {exc.message}", source, sha)


class _Workers:
    """The worker processes of one ingest: started on first use, replaced if one dies, and
    shut down when the ingest ends (workers keep their reference data between windows)."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self.pool: ProcessPoolExecutor | None = None

    def get(self) -> ProcessPoolExecutor:
        if self.pool is None:
            self.pool = ProcessPoolExecutor(max_workers=self.jobs, initializer=_warm)
        return self.pool

    def drop(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def _warm() -> None:
    from ..lifeline import die_with_parent

    die_with_parent()  # a killed ingest leaves no workers behind
    with contextlib.suppress(Exception):  # a failure is reported per file by prepare_safely
        pipeline._reference()


def _run(
    todo: list[tuple[str, bytes]], workers: _Workers | None, check_date: dt.date | None, processor: Processor
) -> Iterator[tuple[str, Encoded | tuple[str, str]]]:
    if workers is None or len(todo) <= 1:
        for source, raw in todo:
            yield source, work(processor, raw, source, check_date)
        return
    pending: dict[Future[Any], str] = {}
    queue = list(reversed(todo))
    limit = workers.jobs * 4
    while queue or pending:
        pool = workers.get()
        while queue and len(pending) < limit:
            source, raw = queue.pop()
            pending[pool.submit(work, processor, raw, source, check_date)] = source
        done, _ = wait(pending, return_when=FIRST_COMPLETED)
        for fut in done:
            source = pending.pop(fut)
            try:
                yield source, fut.result()
            except BrokenProcessPool:
                workers.drop()
                yield source, ("E-INTERNAL", "a worker process died while processing this file")
            except Exception as exc:
                yield source, ("E-INTERNAL", f"{type(exc).__name__}: {exc}")


def ingest_paths(
    store: Store,
    paths: Iterable[str | os.PathLike[str]],
    *,
    glob: str | None = None,
    jobs: int = 1,
    check_date: dt.date | None = None,
    processor: Processor = pipeline.prepare_safely,
    on_result: Callable[[IngestResult], None] | None = None,
    max_bytes: int | None = None,
) -> IngestSummary:
    """Ingest every file under ``paths``; returns the summary (never raises for a bad file)."""
    started = time.perf_counter()
    summary = IngestSummary()
    candidates = collect(paths, glob)
    summary.skipped = skipped(paths, glob)
    for result in ingest_iter(store, candidates, jobs=jobs, check_date=check_date, processor=processor,
                              max_bytes=max_bytes):
        summary.results.append(result)
        if on_result:
            on_result(result)
    if summary.count("new"):
        store.optimize()
    summary.seconds = time.perf_counter() - started
    return summary
