"""Checks of posted sheets run in a worker process with a time limit (issue 14).

A check is CPU work in Python: run in the server's own process it holds the GIL, and every other
request waits while it runs. Here it runs in a separate process, the server waits for it without
blocking, and:

- a check that takes longer than ``seconds`` is stopped (its worker is killed and replaced) and
  answered ``503 E-WEB-CHECK-TIMEOUT`` with ``Retry-After``;
- when ``max_waiting`` checks are already queued, a new one is answered ``503 E-WEB-BUSY`` at
  once instead of queueing behind them;
- the library's own errors (E-INPUT-…, E-INPUT-BUDGET) come back as themselves;
- the worker ends with the server (``factsheet.lifeline``).

Workers are *spawned* (a fresh interpreter), not forked: a forked worker would hold copies of
every file descriptor of the server (sockets, pipes to other programs) and keep them open. Each
loads the shipped reference data once, when it starts; a reference object given to the app is
sent with each check instead. The API's JSON body is built in the worker, so the server only
forwards bytes. ``POST
/api/documents`` prepares (reads, extracts, checks, encodes) the sheet in a worker the same way
and only writes the rows in the server.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import importlib
import json
import multiprocessing
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from ..errors import FactsheetError
from .security import WebError


def _start() -> None:
    from ..lifeline import die_with_parent

    die_with_parent()
    from ..reference import load_reference

    load_reference()  # once per worker, before the first check waits for it


def _run(reference: Any, raw: bytes, as_of: dt.date | None, name: str, as_json: bool,
         published: str | None = None) -> Any:
    """In the worker: read → extract → check (``reference`` None: the shipped data); the API's
    JSON bytes, or the Checked result, or ("error", module, class, code, message) for the
    library's own errors."""
    from .backend import check_sheet

    if reference is None:
        from ..reference import load_reference

        reference = load_reference()
    try:
        checked = check_sheet(raw, as_of, reference, name, published)
        if not as_json:
            return checked
        from .view import check_json

        return json.dumps(check_json(checked, reference), ensure_ascii=False).encode()
    except FactsheetError as exc:
        return ("error", type(exc).__module__, type(exc).__name__, exc.code, exc.message)


class CheckPool:
    """The worker processes of one server (started on first use, replaced when one is killed)."""

    def __init__(self, workers: int = 1, seconds: float = 30.0, max_waiting: int = 8) -> None:
        self.workers = workers
        self.seconds = seconds
        self.max_waiting = max_waiting
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        self._waiting = 0

    def _get(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    max_workers=self.workers, initializer=_start,
                    mp_context=multiprocessing.get_context("spawn"))
            return self._pool

    @staticmethod
    def _stop(pool: ProcessPoolExecutor) -> None:
        """Kill the pool's processes (a check cannot be interrupted any other way)."""
        for process in list(getattr(pool, "_processes", {}).values()):
            with contextlib.suppress(Exception):
                process.kill()
        pool.shutdown(wait=False, cancel_futures=True)

    def _drop(self, pool: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._pool is pool:
                self._pool = None
        self._stop(pool)

    async def check(self, reference: Any, raw: bytes, as_of: dt.date | None, name: str,
                    *, as_json: bool, published: str | None = None) -> Any:
        """read → extract → check of ``raw`` in a worker (see the module docstring)."""
        result = await self.call(_run, reference, raw, as_of, name, as_json, published)
        if isinstance(result, tuple) and result and result[0] == "error":
            _, module, cls, code, message = result
            error_type = getattr(importlib.import_module(module), cls, FactsheetError)
            raise error_type(message, code=code)
        return result

    async def call(self, func: Any, *args: Any) -> Any:
        """``func(*args)`` (picklable, module level) in a worker, within ``seconds``."""
        if self._waiting >= self.max_waiting:
            raise WebError(503, "E-WEB-BUSY", "the server is checking other sheets: try again in a "
                           "few seconds.", headers={"Retry-After": "2"})
        pool = self._get()
        self._waiting += 1
        try:
            future: Future[Any] = pool.submit(func, *args)
            try:
                return await asyncio.wait_for(asyncio.wrap_future(future), self.seconds)
            except TimeoutError:
                self._drop(pool)
                raise WebError(503, "E-WEB-CHECK-TIMEOUT",
                               f"checking the sheet took longer than {self.seconds:g} s and was "
                               "stopped; a fact sheet takes well under a second: check the "
                               "file.", headers={"Retry-After": "5"}) from None
            except BrokenProcessPool:
                self._drop(pool)
                raise WebError(503, "E-WEB-CHECK-STOPPED", "the check was stopped (another "
                               "check ran out of time); try again.",
                               headers={"Retry-After": "1"}) from None
        finally:
            self._waiting -= 1

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            self._stop(pool)


__all__ = ["CheckPool"]
