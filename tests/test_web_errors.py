"""The web layer's own rules, in-process: one error shape, limits, the token, static files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from factsheet.web import create_app
from factsheet.web.security import MAX_UPLOAD_BYTES


@pytest.fixture
def client(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.delenv("FACTSHEET_TOKEN", raising=False)
    app = create_app(store=str(tmp_path / "web.db"), token="s3cret-token")
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def assert_error(response: object, status: int, code: str | None = None) -> dict[str, object]:
    assert response.status_code == status, response.text  # type: ignore[attr-defined]
    body = response.json()  # type: ignore[attr-defined]
    assert set(body) == {"error"}
    err = body["error"]
    assert err["status"] == status
    assert isinstance(err["message"], str) and err["message"]
    assert err["code"].startswith("E-")
    if code:
        assert err["code"] == code
    return err  # type: ignore[no-any-return]


def test_unknown_path_is_404_in_the_error_shape(client: TestClient) -> None:
    assert_error(client.get("/api/nothing-here"), 404, "E-WEB-NOT-FOUND")


def test_wrong_method_is_405_in_the_error_shape(client: TestClient) -> None:
    assert_error(client.delete("/api/countries"), 405, "E-WEB-METHOD")
    assert_error(client.get("/api/check"), 405)


def test_validation_errors_are_422_with_details(client: TestClient) -> None:
    err = assert_error(client.get("/api/claims", params={"limit": 0}), 422, "E-WEB-VALIDATION")
    assert err["details"] == [{"location": "query.limit", "message": "Input should be greater than or equal to 1"}]
    assert_error(client.get("/api/countries/PE/sheet", params={"as_of": "yesterday"}), 422)
    assert_error(client.get("/api/claims", params={"offset": 10**30}), 422)


def test_unknown_country_is_404(client: TestClient) -> None:
    err = assert_error(client.get("/api/countries/Atlantis/editions"), 404, "E-USAGE-COUNTRY")
    assert "Atlantis" in str(err["message"])


def test_missing_document_is_404(client: TestClient) -> None:
    assert_error(client.get("/api/documents/999"), 404, "E-WEB-NO-DOCUMENT")
    assert_error(client.get("/api/documents/not-an-id"), 404, "E-WEB-NO-DOCUMENT")
    assert_error(client.get("/api/documents/²"), 404, "E-WEB-NO-DOCUMENT")  # a digit, not a number


@pytest.mark.parametrize("path", ["/api/check", "/api/documents"])
def test_unsupported_media_type_is_415(client: TestClient, path: str) -> None:
    headers = {"content-type": "application/pdf", "authorization": "Bearer s3cret-token"}
    err = assert_error(client.post(path, content=b"%PDF-1.4", headers=headers), 415, "E-WEB-MEDIA-TYPE")
    assert "text/plain or text/html" in str(err["message"])
    assert_error(client.post(path, content=b"x", headers={"authorization": "Bearer s3cret-token"}), 415)


def test_declared_oversize_body_is_413_before_reading(client: TestClient) -> None:
    big = b"a" * (MAX_UPLOAD_BYTES + 1)
    assert_error(client.post("/api/check", content=big, headers={"content-type": "text/plain"}),
                 413, "E-WEB-TOO-LARGE")


def test_streamed_oversize_body_is_cut_off_with_413(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:  # no Content-Length: counted while it streams
        for _ in range(6):
            yield b"b" * (1024 * 1024)

    assert_error(client.post("/api/check", content=chunks(), headers={"content-type": "text/plain"}), 413)


def test_writes_need_the_bearer_token(client: TestClient) -> None:
    body, plain = b"U.S. Relations With Peru\n", {"content-type": "text/plain"}
    missing = client.post("/api/documents", content=body, headers=plain)
    assert_error(missing, 401, "E-WEB-TOKEN-MISSING")
    assert missing.headers["www-authenticate"].startswith("Bearer")
    wrong = client.post("/api/documents", content=body, headers={**plain, "authorization": "Bearer nope"})
    assert_error(wrong, 403, "E-WEB-TOKEN-INVALID")
    basic = client.post("/api/documents", content=body, headers={**plain, "authorization": "Basic czNjcmV0"})
    assert_error(basic, 401)


def test_writes_are_disabled_without_a_configured_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FACTSHEET_TOKEN", raising=False)
    with TestClient(create_app(store=str(tmp_path / "w.db")), raise_server_exceptions=False) as c:
        err = assert_error(c.post("/api/documents", content=b"x", headers={"content-type": "text/plain",
                                                                        "authorization": "Bearer x"}),
                           403, "E-WEB-WRITES-DISABLED")
        assert "FACTSHEET_TOKEN" in str(err["message"])


def test_token_is_read_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTSHEET_TOKEN", "from-env")
    with TestClient(create_app(store=str(tmp_path / "w.db")), raise_server_exceptions=False) as c:
        wrong = c.post("/api/documents", content=b"x",
                       headers={"content-type": "text/plain", "authorization": "Bearer other"})
        assert_error(wrong, 403, "E-WEB-TOKEN-INVALID")


def test_unexpected_errors_are_500_without_a_traceback(tmp_path: Path) -> None:
    class Broken:
        def countries(self) -> list[dict[str, object]]:
            raise RuntimeError("secret internals /etc/passwd")

    with TestClient(create_app(store=Broken()), raise_server_exceptions=False) as c:
        response = c.get("/api/countries")
    err = assert_error(response, 500, "E-WEB-INTERNAL")
    assert "secret" not in response.text and "Traceback" not in response.text
    assert "server logged" in str(err["message"])


def test_pages_answer_errors_with_a_page(client: TestClient) -> None:
    response = client.get("/no/such/page", headers={"accept": "text/html"})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "E-WEB-NOT-FOUND" in response.text


def test_static_files_come_only_from_the_package(client: TestClient) -> None:
    css = client.get("/static/style.css")
    assert css.status_code == 200 and "mark.claim" in css.text
    for path in ("/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fapp.py",
                 "/static/%2e%2e/%2e%2e/pyproject.toml", "/static//etc/passwd"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "create_app" not in response.text and "root:" not in response.text


def test_openapi_declares_every_route_and_the_error_shape(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for path in ("/api/countries", "/api/countries/{country}/editions", "/api/countries/{country}/sheet",
                 "/api/documents/{document_id}", "/api/claims", "/api/check", "/api/documents",
                 "/api/reference", "/api/reference/{country}"):
        assert path in paths, path
    assert "/" not in paths and "/check" not in paths  # pages are not API
    body = paths["/api/check"]["post"]["requestBody"]["content"]
    assert set(body) == {"text/plain", "text/html"}
    assert "ErrorResponse" in spec["components"]["schemas"]
    assert client.get("/docs").status_code == 200
