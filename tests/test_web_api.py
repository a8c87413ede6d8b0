"""The JSON API and the pages in-process, over a temporary SQLite store holding the bundled example
(the Peru sheet whose TPA sentence says "signed in 2009": contradicted, it was signed in 2006)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLE
from fastapi.testclient import TestClient

from factsheet.store import open_store
from factsheet.web import create_app
from factsheet.web.security import MAX_UPLOAD_BYTES

TOKEN = "test-token"
AUTH = {"authorization": f"Bearer {TOKEN}"}
CHECK_DATE = dt.date(2026, 11, 27)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    s = open_store(str(Path(tmp_path_factory.mktemp("web")) / "web.db"))
    result = s.add(EXAMPLE.read_bytes(), "peru-2017.txt", check_date=CHECK_DATE)
    assert result.status == "new", result.reason
    yield s
    s.close()


@pytest.fixture(scope="module")
def client(store: Any) -> Iterator[TestClient]:
    with TestClient(create_app(store=store, token=TOKEN, cache_seconds=0), raise_server_exceptions=False) as c:
        yield c


def tpa(claims: list[dict[str, Any]]) -> int:
    found = [i for i, c in enumerate(claims) if "signed in 2009" in c["quote"]]
    assert found, [c["quote"] for c in claims]
    return found[0]


def test_countries_with_freshness_and_counts(client: TestClient) -> None:
    body = client.get("/api/countries").json()
    assert body["count"] == 1
    peru = body["countries"][0]
    assert peru["country"] == "PE" and peru["name"] == "Peru"
    assert peru["region"] == "Bureau of Western Hemisphere Affairs"
    assert peru["latest_published"] == "2017-02-02"
    assert peru["days_since"] == (dt.date.today() - dt.date(2017, 2, 2)).days
    assert peru["contradicted"] >= 1 and peru["claims"] >= peru["contradicted"]


def test_countries_filter_by_region_and_verdict(client: TestClient) -> None:
    assert client.get("/api/countries", params={"region": "Bureau of African Affairs"}).json()["count"] == 0
    hemisphere = {"region": "Bureau of Western Hemisphere Affairs", "verdict": "contradicted"}
    assert client.get("/api/countries", params=hemisphere).json()["count"] == 1
    assert client.get("/api/countries", params={"sort": "nonsense"}).status_code == 422


def test_editions_and_document_with_claims_and_verdicts(client: TestClient) -> None:
    editions = client.get("/api/countries/peru/editions").json()
    assert editions["country"] == "PE"
    assert [e["published"] for e in editions["editions"]] == ["2017-02-02"]
    doc_id = editions["editions"][0]["document_id"]
    body = client.get(f"/api/documents/{doc_id}").json()
    assert body["document"]["title"] == "U.S. Relations With Peru"
    text = body["document"]["text"]
    for claim in body["claims"]:
        assert text[claim["span"][0]:claim["span"][1]] == claim["quote"]
    assert len(body["verdicts"]) == len(body["claims"])
    verdict = body["verdicts"][tpa(body["claims"])]
    assert verdict["at_publication"]["verdict"] == "contradicted"
    assert "2006" in str(verdict["at_publication"]["evidence"]) + verdict["message"]


def test_claims_filtered_by_country_type_and_verdict(client: TestClient) -> None:
    body = client.get("/api/claims", params={"country": "PE", "type": "agreement",
                                             "verdict": "contradicted"}).json()
    assert body["count"] >= 1
    assert all(c["type"] == "agreement" and c["country"] == "PE" for c in body["claims"])
    assert any("signed in 2009" in c["quote"] for c in body["claims"])
    assert client.get("/api/claims", params={"country": "CL"}).json()["count"] == 0
    assert client.get("/api/claims", params={"limit": 2}).json()["count"] == 2


def test_check_returns_claims_and_verdicts_and_stores_nothing(client: TestClient) -> None:
    before = client.get("/api/countries").json()
    sheet = EXAMPLE.read_text(encoding="utf-8").replace("February 2, 2017", "March 3, 2017")
    response = client.post("/api/check", content=sheet.encode(), params={"as_of": "2026-11-27"},
                           headers={"content-type": "text/plain; charset=utf-8"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["document"]["published"] == "2017-03-03" and body["as_of"] == "2026-11-27"
    assert len(body["verdicts"]) == len(body["claims"]) > 5
    assert body["verdicts"][tpa(body["claims"])]["at_publication"]["verdict"] == "contradicted"
    assert body["summary"]["contradicted"] >= 1
    assert client.get("/api/countries").json() == before


def test_check_of_something_that_is_no_sheet_is_422(client: TestClient) -> None:
    response = client.post("/api/check", content=b"<html><body><p>hello</p></body></html>",
                           headers={"content-type": "text/html"})
    assert response.status_code == 422
    assert response.json()["error"]["code"].startswith("E-INPUT")


def test_store_a_sheet_with_the_token(store: Any, tmp_path: Path) -> None:
    with TestClient(create_app(store=store, token=TOKEN, cache_seconds=0), raise_server_exceptions=False) as c:
        sheet = EXAMPLE.read_text(encoding="utf-8").replace("February 2, 2017", "January 9, 2018")
        first = c.post("/api/documents", content=sheet.encode(), params={"source": "peru-2018.txt"},
                       headers={**AUTH, "content-type": "text/plain"})
        assert first.status_code == 201, first.text
        assert first.json()["status"] == "new"
        assert first.headers["location"] == f"/api/documents/{first.json()['document_id']}"
        again = c.post("/api/documents", content=sheet.encode(), headers={**AUTH, "content-type": "text/plain"})
        assert again.status_code == 200 and again.json()["status"] == "unchanged"
        assert again.json()["document_id"] == first.json()["document_id"]
        editions = c.get("/api/countries/PE/editions").json()["editions"]
        assert [e["published"] for e in editions] == ["2017-02-02", "2018-01-09"]
        failed = c.post("/api/documents", content=b"", headers={**AUTH, "content-type": "text/plain"})
        assert failed.status_code == 422 and failed.json()["error"]["code"] == "E-WEB-NOT-STORED"


def test_rendered_sheet_for_a_country_as_of_a_date(client: TestClient) -> None:
    body = client.get("/api/countries/PE/sheet", params={"as_of": "2020-06-01"})
    assert body.status_code == 200, body.text
    text = client.get("/api/countries/PE/sheet", params={"as_of": "2020-06-01", "format": "text"})
    assert text.headers["content-type"].startswith("text/plain")
    assert "Peru" in text.text and "2006" in text.text
    html = client.get("/api/countries/PE/sheet", params={"format": "html"})
    assert html.headers["content-type"].startswith("text/html") and "Peru" in html.text
    assert client.get("/api/countries/XX/sheet").status_code == 404


def test_reference_status_and_explorer(client: TestClient) -> None:
    status = client.get("/api/reference").json()
    assert status["horizon"] and status["sources"]
    body = client.get("/api/reference/PE", params={"on": "2017-02-02"}).json()
    assert body["country"] == "PE" and body["on"] == "2017-02-02"
    agreements = [a for a in body["answers"] if a["predicate"] == "agreement"]
    assert agreements and any("2006" in str(f["value"]) for f in agreements[0]["facts"])


# -- pages ---------------------------------------------------------------------------------------

def test_index_page_lists_peru_and_filters_without_javascript(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and 'href="/countries/PE"' in page.text
    assert "Bureau of Western Hemisphere Affairs" in page.text
    filtered = client.get("/", params={"region": "Bureau of African Affairs"})
    assert 'href="/countries/PE"' not in filtered.text and "No country matches" in filtered.text
    assert 'href="/countries/PE"' in client.get("/", params={"verdict": "contradicted", "sort": "days_since",
                                                              "order": "desc"}).text


def test_sheet_page_marks_the_tpa_claim_contradicted(client: TestClient) -> None:
    page = client.get("/countries/PE")
    assert page.status_code == 200
    html = page.text
    at = html.index("signed in 2009")
    mark = html[html.rindex("<mark", 0, at):html.index("</mark>", at)]
    assert 'data-status="contradicted"' in mark and "Contradicted" in mark
    assert 'tabindex="0"' in mark and "2006" in mark  # the evidence in the tooltip
    for label in ("Supported", "Outdated", "Contradicted", "Inconsistent", "Unverifiable"):
        assert label in html  # the legend: labels, not colour alone


def test_sheet_text_is_escaped(store: Any) -> None:
    hostile = EXAMPLE.read_text(encoding="utf-8").replace(
        "Peru is a close partner", "<script>alert('x')</script> Peru is a close partner"
    ).replace("February 2, 2017", "May 5, 2019")
    with TestClient(create_app(store=store, token=TOKEN, cache_seconds=0), raise_server_exceptions=False) as c:
        stored = c.post("/api/documents", content=hostile.encode(), headers={**AUTH, "content-type": "text/plain"})
        assert stored.status_code == 201, stored.text
        page = c.get(f"/documents/{stored.json()['document_id']}")
        assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page.text
        assert "<script>" not in page.text
        for path in ("/countries/PE", "/countries/PE/update", "/countries/PE/diff", "/api/countries/PE/sheet?format=html"):
            response = c.get(path)
            assert response.status_code == 200, path
            assert "<script>" not in response.text, path
        checked = c.post("/check", data={"text": hostile})
        assert checked.status_code == 200
        assert "&lt;script&gt;" in checked.text and "<script>" not in checked.text


def test_check_form_shows_verdicts_and_refuses_bad_uploads(client: TestClient) -> None:
    form = client.get("/check")
    assert form.status_code == 200 and 'enctype="multipart/form-data"' in form.text
    result = client.post("/check", data={"text": EXAMPLE.read_text(encoding="utf-8"), "as_of": "2026-11-27"})
    assert result.status_code == 200 and 'data-status="contradicted"' in result.text
    assert "Nothing was stored" in result.text
    upload = client.post("/check", files={"file": ("peru.txt", EXAMPLE.read_bytes(), "text/plain")})
    assert upload.status_code == 200 and 'data-status="contradicted"' in upload.text
    pdf = client.post("/check", files={"file": ("x.pdf", b"%PDF-1.4", "application/pdf")})
    assert pdf.status_code == 415
    big = client.post("/check", files={"file": ("big.txt", b"a" * (MAX_UPLOAD_BYTES + 10), "text/plain")})
    assert big.status_code == 413 and "E-WEB-TOO-LARGE" in big.text
    big_page = client.post("/check", files={"file": ("big.txt", b"a" * (MAX_UPLOAD_BYTES + 10), "text/plain")},
                           headers={"accept": "text/html"})
    assert big_page.headers["content-type"].startswith("text/html") and "Too large" in big_page.text
    empty = client.post("/check", data={"text": "  "})
    assert empty.status_code == 422 and "paste a sheet" in empty.text
    bad_date = client.post("/check", data={"text": "x", "as_of": "soon"})
    assert bad_date.status_code == 422 and "YYYY-MM-DD" in bad_date.text


def test_update_diff_and_reference_pages(client: TestClient) -> None:
    update = client.get("/countries/PE/update", params={"as_of": "2026-11-27"})
    assert update.status_code == 200, update.text
    assert "2006" in update.text and 'href="/countries/PE/diff' in update.text
    diff = client.get("/countries/PE/diff", params={"as_of": "2026-11-27"})
    assert diff.status_code == 200, diff.text
    ref = client.get("/reference", params={"country": "Peru", "on": "2017-02-02"})
    assert ref.status_code == 200 and "agreement" in ref.text and "2006" in ref.text
    assert client.get("/countries/Atlantis", headers={"accept": "text/html"}).status_code == 404
    editions = client.get("/countries/PE/editions")
    assert editions.status_code == 200 and "/diff?old=" in editions.text
    first, second = [e["document_id"] for e in client.get("/api/countries/PE/editions").json()["editions"][:2]]
    older = client.get("/countries/PE", params={"as_of": "2017-12-31"})
    assert older.status_code == 200 and "February 2, 2017" in older.text and 'value="2017-12-31"' in older.text
    assert client.get("/countries/PE", params={"as_of": "2000-01-01"}).status_code == 404
    diff = client.get("/diff", params={"old": first, "new": second})
    assert diff.status_code == 200 and "The same" in diff.text


def test_get_responses_are_reused_until_a_write_through_the_server(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "cache.db"))
    assert store.add(EXAMPLE.read_bytes(), "peru-2017.txt").status == "new"
    with TestClient(create_app(store=store, token=TOKEN, cache_seconds=3600)) as c:
        before = c.get("/api/countries").json()
        page = c.get("/").text
        sheet = EXAMPLE.read_text(encoding="utf-8").replace("Peru", "Chile").replace("Peruvians", "Chileans")
        assert store.add(sheet.encode(), "chile.txt").status == "new"  # another process's write
        assert c.get("/api/countries").json() == before  # still the kept response
        assert c.get("/").text == page
        assert c.get("/api/countries", headers=AUTH).json()["count"] == before["count"] + 1  # never shared
        other = sheet.replace("February 2, 2017", "June 1, 2018")
        assert c.post("/api/documents", content=other.encode(), headers={**AUTH, "content-type": "text/plain"}
                      ).status_code == 201
        assert c.get("/api/countries").json()["count"] == before["count"] + 1  # the write cleared it
    store.close()
