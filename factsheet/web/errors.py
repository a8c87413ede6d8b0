"""One error shape for every error the server returns.

``{"error": {"code": "E-WEB-NOT-FOUND", "message": "…", "status": 404}}`` — for the library's
FactsheetError (its own code), validation errors (422, with ``details``), HTTP errors
(404/405/413/415) and anything unexpected (500, never a traceback). Pages get the same content as
an HTML page.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import errors as fe
from .security import WebError

log = logging.getLogger("factsheet.web")

_HTTP_CODES = {
    400: "E-WEB-BAD-REQUEST",
    401: "E-WEB-UNAUTHORIZED",
    403: "E-WEB-FORBIDDEN",
    404: "E-WEB-NOT-FOUND",
    405: "E-WEB-METHOD",
    413: "E-WEB-TOO-LARGE",
    415: "E-WEB-MEDIA-TYPE",
    422: "E-WEB-VALIDATION",
}
_HTTP_MESSAGES = {
    404: "no such page or resource: see /docs for the API and / for the pages.",
    405: "this method is not allowed here: see /docs for the methods each path takes.",
}


def status_for(exc: fe.FactsheetError) -> int:
    """The HTTP status of a library error: bad input is the client's, data problems the server's."""
    if isinstance(exc, fe.InputTooLargeError | fe.WorkBudgetError):
        return 413
    if isinstance(exc, fe.UnknownCountryError):
        return 404
    if isinstance(exc, fe.UsageError | fe.InputError):
        return 422
    if isinstance(exc, fe.ReferenceDataError | fe.StoreError):
        return 503
    return 500


def payload(status: int, code: str, message: str, details: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"code": code, "message": message, "status": status}
    if details:
        body["details"] = details
    return {"error": body}


_FLAG = re.compile(r"(?<![\w-])--([a-z][a-z-]*)")


def field_words(message: str) -> str:
    """A library message as a page shows it: a CLI option ("--as-of") becomes the form field
    ("the “as of” field"), since a page's reader has fields, not flags."""
    return _FLAG.sub(lambda m: f"the “{m.group(1).replace('-', ' ')}” field", message)


def wants_html(request: Request) -> bool:
    """Pages answer errors with a page; the API, its docs and non-browser clients get JSON."""
    path = request.url.path
    if path.startswith(("/api", "/openapi", "/docs", "/redoc", "/static")):
        return False
    return "text/html" in request.headers.get("accept", "")


def respond(request: Request, status: int, code: str, message: str,
            details: list[dict[str, Any]] | None = None, headers: dict[str, str] | None = None) -> Response:
    if wants_html(request):
        from .pages import error_page  # pages import this module

        return error_page(request, status, code, field_words(message), headers=headers)
    return JSONResponse(payload(status, code, message, details), status_code=status, headers=headers)


def _validation_details(exc: RequestValidationError) -> list[dict[str, Any]]:
    out = []
    for err in exc.errors():
        loc = [str(part) for part in err.get("loc", ())]
        out.append({"location": ".".join(loc), "message": str(err.get("msg", "invalid"))})
    return out


async def on_validation(request: Request, exc: RequestValidationError) -> Response:
    details = _validation_details(exc)
    first = details[0] if details else {"location": "request", "message": "invalid"}
    more = f" (and {len(details) - 1} more)" if len(details) > 1 else ""
    message = f"{first['location']}: {first['message']}{more}"
    return respond(request, 422, "E-WEB-VALIDATION", message, details)


async def on_http(request: Request, exc: StarletteHTTPException) -> Response:
    status = exc.status_code
    code = _HTTP_CODES.get(status, f"E-WEB-HTTP-{status}")
    default = _HTTP_MESSAGES.get(status)
    detail: str | None = exc.detail if isinstance(exc.detail, str) else None
    if status == 404 and detail == "Not Found":
        detail = None
    if status == 405 and detail == "Method Not Allowed":
        detail = None
    message = detail or default or "the request failed."
    headers = dict(exc.headers) if exc.headers else None
    return respond(request, status, code, message, headers=headers)


async def on_web(request: Request, exc: WebError) -> Response:
    return respond(request, exc.status, exc.code, exc.message, headers=exc.headers or None)


async def on_factsheet(request: Request, exc: fe.FactsheetError) -> Response:
    return respond(request, status_for(exc), exc.code, exc.message)


async def on_unexpected(request: Request, exc: Exception) -> Response:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return respond(request, 500, "E-WEB-INTERNAL",
                   "internal error: the server logged the details; try again or report it.")
