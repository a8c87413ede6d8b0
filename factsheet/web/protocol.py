"""The HTTP/1.1 protocol ``factsheet serve`` runs: uvicorn's h11 one, with a deadline for headers.

uvicorn times out an idle keep-alive connection, but not one that is sending its request head:
a client that sends a header one byte every few seconds (each byte resets the keep-alive timer,
and a new connection has none) holds a connection, and its buffers, forever. Here each request
head (the request line and headers) must be complete within ``HEAD_SECONDS`` of the connection
opening or of the previous response; otherwise the connection is closed. An unfinished head is
buffered up to ``MAX_HEAD_BYTES`` (h11 answers 400 past it). A request body that stalls is the app's to time out
(``ReceiveGuardMiddleware`` in hardening.py, 408).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

log = logging.getLogger("factsheet.web")

#: seconds a client has to send a complete request head
HEAD_SECONDS = 10.0
#: bytes of an unfinished request head buffered (h11 answers 400 "Invalid HTTP request" past it)
MAX_HEAD_BYTES = 16 * 1024

#: what ``uvicorn.run`` / ``uvicorn.Config`` take to use this protocol (an import string, so that
#: ``serve --workers N`` can start it in each worker process)
UVICORN_OPTIONS: dict[str, Any] = {
    "http": "factsheet.web.protocol:HeadTimeoutProtocol",
    "h11_max_incomplete_event_size": MAX_HEAD_BYTES,
}


class HeadTimeoutProtocol(H11Protocol):
    """h11, closing a connection whose request head takes longer than ``head_seconds``."""

    #: read when the deadline is armed (a class attribute, so tests can shorten it)
    head_seconds = HEAD_SECONDS

    _head_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_head_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_head_timer()
        super().connection_lost(exc)

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm_head_timer()  # the next request's head has the same deadline

    def _arm_head_timer(self) -> None:
        self._disarm_head_timer()
        self._head_timer = self.loop.call_later(self.head_seconds, self._head_timeout)

    def _disarm_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_timeout(self) -> None:
        self._head_timer = None
        if self.cycle is not None and not self.cycle.response_complete:
            return  # the head came in time: a request is being answered
        if self.transport.is_closing():
            return
        if self._receiving_head():
            who = f"{self.client[0]}:{self.client[1]} - " if self.client else ""
            log.info("%sclosed a connection whose request head took over %g s", who,
                     self.head_seconds)
        self.transport.close()

    def _receiving_head(self) -> bool:
        """Some bytes of a head are buffered (else the connection is just idle)."""
        return bool(getattr(self.conn, "trailing_data", (b"", False))[0])


__all__ = ["HEAD_SECONDS", "MAX_HEAD_BYTES", "UVICORN_OPTIONS", "HeadTimeoutProtocol"]
