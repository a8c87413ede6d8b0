"""Schemathesis against the OpenAPI spec, in-process (ASGI): no generated request gets a 5xx.

Each operation gets 20 generated requests that follow the schema and 20 that break it, with the
write token, so fuzzed bodies reach the store's write path too.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from conftest import EXAMPLE
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from factsheet.store import open_store
from factsheet.web import create_app

TOKEN = "schema-test-token"
# create_app opens nothing until a request needs it, so listing the operations is cheap.
OPERATIONS = [(method.upper(), path) for path, item in create_app().openapi()["paths"].items() for method in item]


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Any:
    store = open_store(str(Path(tmp_path_factory.mktemp("schema")) / "schema.db"))
    result = store.add(EXAMPLE.read_bytes(), "peru-2017.txt", check_date=dt.date(2026, 11, 27))
    assert result.status == "new", result.reason
    yield schemathesis.openapi.from_asgi("/openapi.json", create_app(store=store, token=TOKEN, cache_seconds=0))
    store.close()


def test_every_operation_is_fuzzed() -> None:
    assert len(OPERATIONS) >= 9
    assert ("POST", "/api/documents") in OPERATIONS and ("POST", "/api/check") in OPERATIONS
    assert {("GET", "/api/stale"), ("GET", "/api/search"), ("POST", "/api/recheck")} <= set(OPERATIONS)


@pytest.mark.slow
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["valid", "invalid"])
@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_no_request_gets_a_server_error(api_schema: Any, method: str, path: str, mode: GenerationMode) -> None:
    operation = api_schema[path][method]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=20, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case: Any) -> None:
        case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"}, checks=[not_a_server_error])

    try:
        run()
    except Unsatisfiable:
        if mode is GenerationMode.POSITIVE:
            raise
        pytest.skip(f"{method} {path}: nothing in its schema can be broken (no parameters, or only free-form strings)")
