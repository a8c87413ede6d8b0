"""What the web layer lets in: the write token, the upload size limit and the accepted types.

Reads are public. Writes (``POST /api/documents``) need ``Authorization: Bearer <token>`` where
the token is ``FACTSHEET_TOKEN`` on the server; with no token configured, writes are refused.
Request bodies are capped before they are read into memory (``BodyLimitMiddleware``), and only
``text/plain`` and ``text/html`` sheets are accepted.
"""

from __future__ import annotations

import hmac
import os
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.exceptions import HTTPException

from ..read import DEFAULT_MAX_BYTES

#: The largest request body (and sheet) the server accepts: a fact sheet is a few kilobytes.
MAX_UPLOAD_BYTES = DEFAULT_MAX_BYTES
#: Sheet media types accepted by the API and the upload form.
ACCEPTED_TYPES = ("text/plain", "text/html")
TOKEN_ENV = "FACTSHEET_TOKEN"

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class WebError(Exception):
    """An error the web layer raises itself; rendered in the one error shape."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}


def media_type(content_type: str | None) -> str:
    """``"text/html; charset=utf-8"`` → ``"text/html"``."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def require_sheet_type(content_type: str | None, what: str = "the request body") -> str:
    """The media type if it is one a sheet may have, else a 415 WebError."""
    kind = media_type(content_type)
    if kind not in ACCEPTED_TYPES:
        shown = kind or "no Content-Type"
        raise WebError(
            415,
            "E-WEB-MEDIA-TYPE",
            f"{what} is {shown}; send a fact sheet as text/plain or text/html.",
        )
    return kind


def require_size(size: int, limit: int = MAX_UPLOAD_BYTES, what: str = "the sheet") -> None:
    if size > limit:
        raise WebError(
            413,
            "E-WEB-TOO-LARGE",
            f"{what} is {size:,} bytes, over the limit of {limit:,} bytes; a fact sheet is a few kilobytes.",
        )


def check_token(authorization: str | None, configured: str | None) -> None:
    """Raise 403/401 unless ``authorization`` carries the configured bearer token."""
    if not configured:
        raise WebError(
            403,
            "E-WEB-WRITES-DISABLED",
            f"writes are disabled on this server: start it with {TOKEN_ENV} set to enable them.",
        )
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise WebError(
            401,
            "E-WEB-TOKEN-MISSING",
            "this request writes: send the server's token as 'Authorization: Bearer <token>'.",
            headers={"WWW-Authenticate": 'Bearer realm="factsheet"'},
        )
    if not hmac.compare_digest(given.strip().encode(), configured.encode()):
        raise WebError(403, "E-WEB-TOKEN-INVALID", "the bearer token is not this server's token.")


def configured_token(explicit: str | None = None) -> str | None:
    """The write token: the one given to create_app, else FACTSHEET_TOKEN (read per request)."""
    return explicit if explicit is not None else (os.environ.get(TOKEN_ENV) or None)


class BodyTooLarge(HTTPException):
    """Raised from ``receive`` mid-stream; an HTTPException so every layer passes it on as a 413."""

    def __init__(self, seen: int, limit: int) -> None:
        super().__init__(413, f"the request body passed {limit:,} bytes after {seen:,}")
        self.seen = seen


class ResponseTracker:
    """A ``send`` that records whether the response has started: once its head is sent, a
    middleware can no longer answer with an error of its own."""

    def __init__(self, send: Send) -> None:
        self.send = send
        self.started = False

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.started = True
        await self.send(message)


class BodyLimitMiddleware:
    """Refuse request bodies over ``limit`` bytes with a 413 before they fill memory.

    A declared Content-Length over the limit is refused at once; a chunked body is counted as it
    streams and cut off when it passes the limit. ``on_too_large`` builds the error response.
    """

    def __init__(self, app: ASGIApp, limit: int, on_too_large: Callable[[Scope, int], ASGIApp]) -> None:
        self.app = app
        self.limit = limit
        self.on_too_large = on_too_large

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = 0
                if declared > self.limit:
                    await self.on_too_large(scope, declared)(scope, receive, send)
                    return
        seen = 0
        sent = ResponseTracker(send)

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise BodyTooLarge(seen, self.limit)
            return message

        try:
            await self.app(scope, counting_receive, sent)
        except BodyTooLarge:
            if sent.started:
                raise
            await self.on_too_large(scope, seen)(scope, receive, send)
