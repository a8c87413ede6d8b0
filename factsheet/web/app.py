"""The FastAPI application: the JSON API (``/api``, OpenAPI at ``/openapi.json``, docs at
``/docs``), the pages, and the package's own static files.

``create_app(store=..., reference=...)`` takes a Store (or a path/URL to open, or None for
``FACTSHEET_DB``/``./factsheet.db``) and a Reference (or None for the shipped data); both are
opened on first use, so creating the app is cheap.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import FactsheetError
from . import api, desk, errors, pages
from .backend import Backend
from .cache import ResponseCache, ResponseCacheMiddleware
from .hardening import (
    HeadMiddleware,
    IsoDateMiddleware,
    ReceiveGuardMiddleware,
    SecurityHeadersMiddleware,
    complete_openapi,
)
from .security import MAX_UPLOAD_BYTES, BodyLimitMiddleware, WebError
from .worker import CheckPool

STATIC = Path(__file__).with_name("static")

DESCRIPTION = """\
Read, check, keep and rewrite "U.S. Relations With <Country>" fact sheets.

Reads are public. `POST /api/documents` stores a sheet and needs the server's token
(`FACTSHEET_TOKEN`) as `Authorization: Bearer <token>`; without a configured token writes are
disabled. Sheets are sent as `text/plain` or `text/html`, at most 5 MB.

Every error has one shape: `{"error": {"code": "E-…", "message": "…", "status": 404}}`.
"""


def create_app(store: Any = None, reference: Any = None, *, token: str | None = None,
               max_bytes: int = MAX_UPLOAD_BYTES, cache_seconds: float = 1.0,
               memo_entries: int = 64, check_workers: int = 1, check_seconds: float = 30.0,
               receive_seconds: float = 30.0) -> FastAPI:
    """The web application over a store and reference data (see the module docstring).

    ``token`` overrides ``FACTSHEET_TOKEN`` (read on each write request otherwise);
    ``cache_seconds`` is how long a GET response may be reused (0: never; see cache.py);
    ``memo_entries`` how many decoded documents and rendered sheet bodies are kept, keyed by
    their immutable content (0: none; see pages.sheet_body and Store.document);
    ``check_workers`` processes check posted sheets, each check stopped after
    ``check_seconds`` (0 workers: checks run in this process's threads; see worker.py);
    ``receive_seconds`` is how long a request body may stall (408 after).
    """
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.backend.close()

    app = FastAPI(title="factsheet", version=__version__, description=DESCRIPTION,
                  docs_url=None, redoc_url=None, lifespan=lifespan)
    app.state.backend = Backend(store, reference, memo_entries=memo_entries)
    if check_workers > 0:
        app.state.backend.checks = CheckPool(check_workers, check_seconds)
    app.state.body_memo = pages.BodyMemo(memo_entries)
    app.state.token = token
    app.state.max_bytes = max_bytes
    app.state.response_cache = ResponseCache(cache_seconds)

    app.add_exception_handler(RequestValidationError, errors.on_validation)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, errors.on_http)  # type: ignore[arg-type]
    app.add_exception_handler(WebError, errors.on_web)  # type: ignore[arg-type]
    app.add_exception_handler(FactsheetError, errors.on_factsheet)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, errors.on_unexpected)

    def too_large(scope: Any, size: int) -> Any:
        message = (f"the request body is {size:,} bytes or more, over the limit of {max_bytes:,} bytes; "
                   "a fact sheet is a few kilobytes.")
        return errors.respond(Request(scope), 413, "E-WEB-TOO-LARGE", message)

    app.add_middleware(ResponseCacheMiddleware, cache=app.state.response_cache)
    app.add_middleware(BodyLimitMiddleware, limit=max_bytes, on_too_large=too_large)
    # app-wide, outermost last: they cover every route, including routes added later
    app.add_middleware(IsoDateMiddleware, fastapi_app=app)
    app.add_middleware(ReceiveGuardMiddleware, seconds=receive_seconds)
    app.add_middleware(HeadMiddleware)
    app.add_middleware(SecurityHeadersMiddleware)
    app.include_router(api.router)
    app.include_router(desk.api_router)
    app.include_router(pages.router)
    app.include_router(desk.pages_router)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    complete_openapi(app)
    _offline_docs(app)

    return app


def _offline_docs(app: FastAPI) -> None:
    """``/docs``: Swagger UI from the swagger-ui-py package's own files (Swagger UI 5, which reads
    FastAPI's OpenAPI 3.1; served under ``/docs-assets``), never from a CDN, so the page works
    offline. Without the package, /docs says so and links the OpenAPI document."""
    from fastapi.openapi.docs import get_swagger_ui_html
    from fastapi.responses import HTMLResponse

    try:
        import swagger_ui
    except ImportError:
        assets = None
    else:
        assets = Path(swagger_ui.__file__).with_name("static")
    if assets is not None and (assets / "swagger-ui-bundle.js").exists():
        app.mount("/docs-assets", StaticFiles(directory=str(assets)), name="docs-assets")

        async def docs() -> HTMLResponse:
            return get_swagger_ui_html(openapi_url="/openapi.json", title="factsheet API",
                                       swagger_js_url="/docs-assets/swagger-ui-bundle.js",
                                       swagger_css_url="/docs-assets/swagger-ui.css",
                                       swagger_favicon_url="/docs-assets/favicon-32x32.png")
    else:
        async def docs() -> HTMLResponse:
            return HTMLResponse('<!doctype html><html lang="en"><title>factsheet API</title><main><h1>factsheet API'
                                '</h1><p>The interactive docs need the swagger-ui-py package '
                                '(pip install swagger-ui-py). The API is described in '
                                '<a href="/openapi.json">/openapi.json</a>.</p></main></html>')

    app.add_api_route("/docs", docs, methods=["GET"], include_in_schema=False)


#: Settings of ``factsheet serve --workers N`` for each worker process (see app_from_env).
ENV_DB = "FACTSHEET_SERVE_DB"
ENV_CACHE = "FACTSHEET_SERVE_CACHE_SECONDS"
ENV_MEMO = "FACTSHEET_SERVE_MEMO_ENTRIES"
ENV_CHECK_WORKERS = "FACTSHEET_SERVE_CHECK_WORKERS"
ENV_CHECK_SECONDS = "FACTSHEET_SERVE_CHECK_SECONDS"


def app_from_env() -> FastAPI:
    """The app of one ``serve --workers N`` worker, configured from the environment."""
    import os

    from ..lifeline import die_with_parent

    die_with_parent()  # a killed `serve --workers N` leaves no worker serving on its own

    return create_app(store=os.environ.get(ENV_DB) or None,
                      cache_seconds=float(os.environ.get(ENV_CACHE) or 1.0),
                      memo_entries=int(os.environ.get(ENV_MEMO) or 64),
                      check_workers=int(os.environ.get(ENV_CHECK_WORKERS) or 1),
                      check_seconds=float(os.environ.get(ENV_CHECK_SECONDS) or 30.0))
