"""A short-lived cache of whole GET responses, so a busy server does not redo the same reads.

Pages and API reads depend only on the store, the reference data and the URL; under load many
clients ask for the same few URLs. A 200 response is kept for ``seconds`` (default 1 s); for as
long again it may still be served while one request refreshes it in the background, so no client
waits for a recomputation that others are already doing. At most ``max_entries`` responses are
kept, and at most ``max_bytes`` of them in all (oldest dropped first); expired responses are
dropped whenever one is stored, so the memory goes back when traffic moves on. Writes through this
server clear the cache at once; writes by another process (``factsheet ingest``) show within
``2 × seconds``. ``seconds=0`` turns it off.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from .security import ASGIApp, Message, Receive, Scope, Send

#: Never cached: static files have their own headers, the docs are cheap, writes are POSTs.
_SKIP = ("/static", "/docs", "/openapi.json", "/docs-assets")
_MAX_BODY = 2 * 1024 * 1024
#: all kept responses together (issue 14: 512 entries × 2 MB could pin 1 GB per process)
MAX_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True)
class _Entry:
    stored: float
    start: Message
    body: bytes


class ResponseCache:
    def __init__(self, seconds: float = 1.0, max_entries: int = 512, max_bytes: int = MAX_BYTES) -> None:
        self.seconds = seconds
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.bytes = 0  # bodies and keys kept now
        self._entries: OrderedDict[bytes, _Entry] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        return self.seconds > 0

    def get(self, key: bytes) -> tuple[_Entry | None, bool]:
        """The kept response (None if none or too old) and whether it is still fresh."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None, False
            age = time.monotonic() - entry.stored
            if age > 2 * self.seconds:
                self._pop(key)
                return None, False
            return entry, age <= self.seconds

    def put(self, key: bytes, start: Message, body: bytes) -> None:
        size = len(key) + len(body)
        if size > self.max_bytes:
            return
        with self._lock:
            now = time.monotonic()
            self._pop(key)
            self._entries[key] = _Entry(now, start, body)
            self.bytes += size
            # oldest first: drop the expired, then as many as the limits need
            while self._entries:
                oldest_key, oldest = next(iter(self._entries.items()))
                if (now - oldest.stored <= 2 * self.seconds and len(self._entries) <= self.max_entries
                        and self.bytes <= self.max_bytes):
                    break
                self._pop(oldest_key)

    def _pop(self, key: bytes) -> None:
        entry = self._entries.pop(key, None)
        if entry is not None:
            self.bytes -= len(key) + len(entry.body)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.bytes = 0


class ResponseCacheMiddleware:
    """Serve a GET from the cache when a 200 response for the same URL (and Accept) is kept."""

    def __init__(self, app: ASGIApp, cache: ResponseCache) -> None:
        self.app = app
        self.cache = cache
        self.pending: dict[bytes, asyncio.Future[None]] = {}  # keys being computed right now
        self._tasks: set[asyncio.Task[None]] = set()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if (scope["type"] != "http" or scope.get("method") != "GET" or not self.cache.enabled
                or path.startswith(_SKIP)):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers", []))
        if b"authorization" in headers:  # never share what a credentialed request saw
            await self.app(scope, receive, send)
            return
        key = b"\0".join((path.encode(), scope.get("query_string", b""), headers.get(b"accept", b"")))
        entry, fresh = self.cache.get(key)
        if entry is not None and not fresh and key not in self.pending:
            self._start_refresh(key, dict(scope))
        if entry is None and key in self.pending:
            # Single flight: one request computes a missing response, the others wait for it.
            await asyncio.shield(self.pending[key])
            entry, _ = self.cache.get(key)
        if entry is not None:
            await send(entry.start)
            await send({"type": "http.response.body", "body": entry.body, "more_body": False})
            return
        await self._compute(key, scope, receive, send)

    def _start_refresh(self, key: bytes, scope: Scope) -> None:
        async def no_body() -> Message:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def discard(message: Message) -> None:
            return None

        task = asyncio.get_running_loop().create_task(self._compute(key, scope, no_body, discard))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _compute(self, key: bytes, scope: Scope, receive: Receive, send: Send) -> None:
        done = asyncio.get_running_loop().create_future()
        self.pending[key] = done
        start: Message | None = None
        chunks: list[bytes] = []

        async def keep(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False) and start is not None and start["status"] == 200:
                    body = b"".join(chunks)
                    if len(body) <= _MAX_BODY:
                        self.cache.put(key, start, body)
            await send(message)

        try:
            await self.app(scope, receive, keep)
        finally:
            if self.pending.get(key) is done:
                del self.pending[key]
            done.set_result(None)
