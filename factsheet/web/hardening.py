"""App-wide protections, as ASGI middleware so that they cover every route, present and future.

- ``SecurityHeadersMiddleware``: a Content-Security-Policy (no scripts on the pages, no framing),
  ``X-Content-Type-Options: nosniff``, ``X-Frame-Options: DENY`` and ``Referrer-Policy`` on
  every response (``/docs`` gets a policy that lets Swagger UI, served from the package, run its inline start-up script).
- ``HeadMiddleware``: ``HEAD`` for every ``GET`` (the GET's status and headers, no body).
- ``IsoDateMiddleware``: query parameters that are dates take ``YYYY-MM-DD`` only (pydantic
  would read ``until=0`` as a Unix timestamp); the date parameters are found from the routes'
  own signatures on the first request, so routes added later are covered.
- ``ReceiveGuardMiddleware``: a request body that stalls for ``seconds`` is answered 408; a
  client that disconnects mid-upload ends its request with one log line, not two tracebacks.
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Any

from .security import ASGIApp, Message, Receive, ResponseTracker, Scope, Send

log = logging.getLogger("factsheet.web")

PAGE_CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'none'; "
            "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
DOCS_CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            "script-src 'self' 'unsafe-inline'; object-src 'none'; "
            "base-uri 'none'; frame-ancestors 'none'")
_COMMON = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = (DOCS_CSP if scope.get("path", "").startswith("/docs") else PAGE_CSP).encode()

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.lower() not in _NAMES]
                message = {**message, "headers": [*headers, *_COMMON,
                                                  (b"content-security-policy", csp)]}
            await send(message)

        await self.app(scope, receive, with_headers)


_NAMES = {k for k, _ in _COMMON} | {b"content-security-policy"}


class HeadMiddleware:
    """Answer ``HEAD`` as the ``GET`` would, without the body (Content-Length kept)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") != "HEAD":
            await self.app(scope, receive, send)
            return

        async def no_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                if not message.get("more_body", False):
                    await send({"type": "http.response.body", "body": b"", "more_body": False})
                return
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, no_body)


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def date_parameters(app: Any) -> frozenset[str]:
    """Names of the query parameters that are dates in any operation of ``app`` (read from its
    OpenAPI spec: every route of every router, whatever the framework's internals)."""
    names: set[str] = set()
    for item in app.openapi().get("paths", {}).values():
        for operation in item.values():
            for param in operation.get("parameters", []) if isinstance(operation, dict) else []:
                schema = param.get("schema", {})
                kinds = [schema, *schema.get("anyOf", []), *schema.get("oneOf", [])]
                if param.get("in") == "query" and any(
                        k.get("format") in ("date", "date-time") for k in kinds):
                    names.add(param["name"])
    return frozenset(names)


class IsoDateMiddleware:
    def __init__(self, app: ASGIApp, fastapi_app: Any) -> None:
        self.app = app
        self.fastapi_app = fastapi_app
        self.names: frozenset[str] | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        query = scope.get("query_string", b"") if scope["type"] == "http" else b""
        if query:
            from urllib.parse import parse_qsl

            if self.names is None:
                try:
                    self.names = date_parameters(self.fastapi_app)
                except Exception:  # a spec that cannot be built must not break every request
                    log.exception("cannot list the date parameters from the OpenAPI spec")
                    self.names = frozenset()
            for name, value in parse_qsl(query.decode("latin-1"), keep_blank_values=True):
                if name in self.names and value and not _ISO_DATE.fullmatch(value):
                    from starlette.requests import Request

                    from .errors import respond

                    message = f"query.{name}: give a date as YYYY-MM-DD (got {value[:30]!r})."
                    details = [{"location": f"query.{name}", "message": "a date as YYYY-MM-DD"}]
                    await respond(Request(scope), 422, "E-WEB-VALIDATION", message, details)(
                        scope, receive, send)
                    return
        await self.app(scope, receive, send)


class RequestTimeout(Exception):
    pass


class ReceiveGuardMiddleware:
    def __init__(self, app: ASGIApp, seconds: float = 30.0) -> None:
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        sent = ResponseTracker(send)
        body_done = False

        async def guarded_receive() -> Message:
            nonlocal body_done
            if body_done:  # after the body: a streaming response waits for a disconnect
                return await receive()
            try:
                message = await asyncio.wait_for(receive(), self.seconds)
            except TimeoutError:
                raise RequestTimeout from None
            if message["type"] != "http.request" or not message.get("more_body", False):
                body_done = True
            return message

        from starlette.requests import ClientDisconnect

        try:
            await self.app(scope, guarded_receive, sent)
        except ClientDisconnect:
            log.info("client disconnected during %s %s", scope.get("method"), scope.get("path"))
        except RequestTimeout:
            log.info("request body stalled for %s s: %s %s", self.seconds, scope.get("method"),
                     scope.get("path"))
            if not sent.started:
                from starlette.requests import Request

                from .errors import respond

                await respond(Request(scope), 408, "E-WEB-TIMEOUT",
                              f"the request body did not arrive within {self.seconds:g} s.",
                              headers={"Connection": "close"})(scope, receive, send)


#: statuses any operation may answer, whatever its route declares (the middleware above, the
#: error handlers): 408 stalled body, 422 bad parameter, 500 bug, 503 store/reference/check pool
_ANY_OPERATION = {"408": "the request body stalled", "422": "a parameter is not valid",
                  "500": "internal error", "503": "the store, the reference data or the check "
                  "workers are unavailable, or a check ran out of time (Retry-After)"}
_WITH_BODY = {"413": "the body is over the size limit or the work budget",
              "415": "the body's media type is not accepted"}


def complete_openapi(app: Any) -> None:
    """Make ``app.openapi()`` list every status an operation can answer, each in the one error
    shape, and every content type (the pages answer errors as HTML to browsers)."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None and app.openapi_schema.get("x-complete"):
            return dict(app.openapi_schema)
        spec = build()
        error: dict[str, Any] = {"$ref": "#/components/schemas/ErrorResponse"}
        if "ErrorResponse" not in spec.get("components", {}).get("schemas", {}):
            error = {"type": "object", "properties": {"error": {"type": "object"}}}
        for path, item in spec.get("paths", {}).items():
            for method, operation in item.items():
                if not isinstance(operation, dict):
                    continue
                responses = operation.setdefault("responses", {})
                extra = dict(_ANY_OPERATION)
                if "requestBody" in operation or method in ("post", "put", "patch"):
                    extra.update(_WITH_BODY)
                for status, description in extra.items():
                    responses.setdefault(status, {"description": description})
                for status, response in responses.items():
                    if not status.startswith(("4", "5")):
                        continue
                    content = response.setdefault("content", {})
                    content.setdefault("application/json", {"schema": error})
                    if not path.startswith("/api"):
                        content.setdefault("text/html", {"schema": {"type": "string"}})
        spec["x-complete"] = True
        app.openapi_schema = spec
        return spec

    app.openapi = openapi


__all__ = [
    "HeadMiddleware",
    "IsoDateMiddleware",
    "ReceiveGuardMiddleware",
    "SecurityHeadersMiddleware",
    "complete_openapi",
    "date_parameters",
]
