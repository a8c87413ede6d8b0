"""Web hardening (issue 14): headers, HEAD, ISO dates, the bounded cache, the OpenAPI spec,
stalled bodies and disconnects, and workers that end with their parent."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi import APIRouter
from fastapi.testclient import TestClient

from factsheet.web import create_app
from factsheet.web.cache import ResponseCache


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from factsheet.store import open_store

    store = open_store(str(tmp_path_factory.mktemp("hard") / "kb.db"))
    with TestClient(create_app(store=store, cache_seconds=0)) as c:
        yield c
    store.close()


@pytest.mark.parametrize("path", ["/", "/api/countries", "/no/such/page", "/api/claims?until=0",
                                  "/static/style.css", "/openapi.json"])
def test_security_headers_on_every_response(client: Any, path: str) -> None:
    response = client.get(path)
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["referrer-policy"]


def test_docs_run_the_packaged_swagger_and_nothing_from_elsewhere(client: Any) -> None:
    csp = client.get("/docs").headers["content-security-policy"]
    assert "script-src 'self' 'unsafe-inline'" in csp and "frame-ancestors 'none'" in csp
    assert "https:" not in csp  # Swagger UI comes from the package (/docs-assets), not a CDN


@pytest.mark.parametrize("path", ["/", "/api/countries", "/api/reference", "/openapi.json"])
def test_head_for_every_get(client: Any, path: str) -> None:
    got, head = client.get(path), client.head(path)
    assert head.status_code == got.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]


def test_head_covers_routes_added_later(tmp_path: Path) -> None:
    app = create_app(store=str(tmp_path / "kb.db"), cache_seconds=0)
    extra = APIRouter()

    @extra.get("/api/added-later")
    def added(on: __import__("datetime").date | None = None) -> dict[str, str]:
        return {"on": str(on)}

    app.include_router(extra)
    with TestClient(app) as c:
        assert c.head("/api/added-later").status_code == 200
        assert c.get("/api/added-later?on=2020-01-02").json() == {"on": "2020-01-02"}
        assert c.get("/api/added-later?on=0").status_code == 422  # ISO dates on new routes too


@pytest.mark.parametrize("query", ["until=0", "since=1700000000", "until=2020-1-2", "until=%2B0",
                                   "since=20200101"])
def test_dates_are_iso_strings_only(client: Any, query: str) -> None:
    response = client.get(f"/api/claims?{query}")
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "E-WEB-VALIDATION" and "YYYY-MM-DD" in error["message"]
    assert client.get("/api/claims?until=2020-01-02").status_code == 200


def test_openapi_lists_every_status_and_content_type(client: Any) -> None:
    spec = client.get("/openapi.json").json()
    check = spec["paths"]["/api/check"]["post"]["responses"]
    for status in ("200", "408", "413", "415", "422", "500", "503"):
        assert status in check, status
        if status != "200":
            assert "application/json" in check[status]["content"]
    for path, item in spec["paths"].items():
        for operation in item.values():
            assert {"422", "500", "503"} <= set(operation["responses"]), path
    sheet = spec["paths"]["/api/countries/{country}/sheet"]["get"]["responses"]["200"]["content"]
    assert {"application/json", "text/plain", "text/markdown", "text/html"} <= set(sheet)


def test_cache_is_bounded_in_bytes_and_expiry_frees_memory() -> None:
    cache = ResponseCache(seconds=1000, max_entries=1000, max_bytes=10_000)
    start = {"type": "http.response.start", "status": 200, "headers": []}
    for i in range(100):
        cache.put(f"k{i}".encode(), start, b"x" * 1000)
        assert cache.bytes <= 10_000
    assert cache.get(b"k99")[0] is not None and cache.get(b"k0")[0] is None
    cache.put(b"huge", start, b"x" * 20_000)  # larger than the whole cache: not kept
    assert cache.get(b"huge")[0] is None
    short = ResponseCache(seconds=0.01, max_bytes=10_000)
    short.put(b"a", start, b"x" * 5000)
    time.sleep(0.05)
    short.put(b"b", start, b"y")
    assert short.bytes == len(b"b") + 1  # the expired entry went when the next was stored


def test_a_stalled_body_is_answered_408() -> None:
    from factsheet.web.hardening import ReceiveGuardMiddleware

    sent: list[dict[str, Any]] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        await receive()

    async def receive() -> dict[str, Any]:
        await asyncio.sleep(10)
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/api/check", "headers": [], "query_string": b""}
    asyncio.run(ReceiveGuardMiddleware(app, seconds=0.05)(scope, receive, send))
    assert sent[0]["status"] == 408


def test_a_client_disconnect_is_one_log_line(caplog: pytest.LogCaptureFixture) -> None:
    from starlette.requests import Request

    from factsheet.web.hardening import ReceiveGuardMiddleware

    async def app(scope: Any, receive: Any, send: Any) -> None:
        await Request(scope, receive).body()

    async def receive() -> dict[str, Any]:
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        raise AssertionError("nothing is sent to a client that left")

    scope = {"type": "http", "method": "POST", "path": "/api/check", "headers": [], "query_string": b""}
    with caplog.at_level("INFO", logger="factsheet.web"):
        asyncio.run(ReceiveGuardMiddleware(app)(scope, receive, send))
    assert [r.getMessage() for r in caplog.records] == ["client disconnected during POST /api/check"]
    assert not any(r.exc_info for r in caplog.records)


def test_workers_end_with_their_parent(tmp_path: Path) -> None:
    """A parent starts a worker (die_with_parent) and is killed: the worker exits too."""
    pid_file = tmp_path / "worker.pid"
    script = f"""
import os, sys, time, multiprocessing
from factsheet.lifeline import die_with_parent

def worker():
    die_with_parent(poll_seconds=0.1)
    open({str(pid_file)!r}, "w").write(str(os.getpid()))
    time.sleep(60)

if __name__ == "__main__":
    p = multiprocessing.get_context("fork").Process(target=worker)
    p.start()
    while not os.path.exists({str(pid_file)!r}):
        time.sleep(0.05)
    os._exit(0)  # the parent goes away without stopping its worker
"""
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)
    pid = int(pid_file.read_text())
    for _ in range(100):  # waits for the worker to notice; not a performance assertion
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    os.kill(pid, 9)
    raise AssertionError("the worker outlived its parent")
