"""The editor's desk over HTTP, in-process: the stale queue, the Atom feed, rechecks, search, the
timeline, the index tiles, offline /docs, real closing links and form-field error messages.

The store holds the bundled Peru sheet checked on 2017-03-01 (only the TPA sentence wrong); a
token-guarded POST /api/recheck judges it again on 2026-11-27 (the ambassador and the president
have changed since).
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLE
from fastapi.testclient import TestClient

from factsheet.store import open_store
from factsheet.web import create_app
from factsheet.web.links import link_url
from factsheet.web.timeline import marks

TOKEN = "desk-token"
AUTH = {"authorization": f"Bearer {TOKEN}"}
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    store = open_store(str(Path(tmp_path_factory.mktemp("desk")) / "desk.db"))
    assert store.add(EXAMPLE.read_bytes(), "peru-2017.txt", check_date=dt.date(2017, 3, 1)).status == "new"
    with TestClient(create_app(store=store, token=TOKEN, cache_seconds=0), raise_server_exceptions=False) as c:
        yield c
    store.close()


def test_recheck_needs_the_token_then_reports_what_changed(client: TestClient) -> None:
    before = client.get("/api/stale").json()
    assert [e["type"] for e in before["stale"]] == ["agreement"]  # checked in 2017: the TPA only
    assert client.post("/api/recheck").status_code == 401
    assert client.post("/api/recheck", headers={"authorization": "Bearer wrong"}).status_code == 403
    body = client.post("/api/recheck", params={"check_date": "2026-11-27", "country": "Peru"}, headers=AUTH).json()
    assert body["rechecked"] == 1 and body["newly"]["outdated"] >= 2
    assert {c["type"] for c in body["changes"] if c["change"] == "outdated"} >= {"ambassador", "leader"}
    again = client.post("/api/recheck", params={"check_date": "2026-11-27"}, headers=AUTH).json()
    assert (again["rechecked"], again["up_to_date"]) == (0, 1)


def test_the_stale_queue_as_json_and_as_a_page(client: TestClient) -> None:
    client.post("/api/recheck", params={"check_date": "2026-11-27"}, headers=AUTH)
    stale = client.get("/api/stale").json()["stale"]
    types = [e["type"] for e in stale]
    assert types[0] == "agreement" and {"ambassador", "leader"} <= set(types)
    amb = next(e for e in stale if e["type"] == "ambassador")
    assert amb["since"] == "2017-10-14" and amb["days_stale"] > 3000 and "Perkins" in amb["corrected"]
    assert client.get("/api/stale", params={"bureau": "African"}).json()["count"] == 0
    assert client.get("/api/stale", params={"country": "XX"}).status_code == 404
    page = client.get("/stale")
    assert page.status_code == 200 and "October 14, 2017" in page.text and 'href="/countries/PE"' in page.text
    assert 'href="/documents/1#claim-' in page.text  # each entry links to its evidence


def test_the_atom_feed_lists_claims_gone_stale(client: TestClient) -> None:
    client.post("/api/recheck", params={"check_date": "2026-11-27"}, headers=AUTH)
    feed = client.get("/feed.atom")
    assert feed.headers["content-type"].startswith("application/atom+xml")
    root = ET.fromstring(feed.content)
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) >= 3
    titles = [e.findtext(f"{ATOM}title") or "" for e in entries]
    assert titles[0].startswith("Peru: President Pedro Pablo Kuczynski")  # newest change first
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == len(ids)
    assert all((e.findtext(f"{ATOM}updated") or "").endswith("T00:00:00Z") for e in entries)


def test_search_by_name_demonym_code_and_person(client: TestClient) -> None:
    def first(q: str) -> dict[str, Any]:
        return client.get("/api/search", params={"q": q}).json()["results"][0]

    assert first("Peru")["country"] == "PE"
    assert first("peruvians")["country"] == "PE"
    assert first("PE")["country"] == "PE"
    assert first("the Netherlands")["country"] == "NL"
    people = [r for r in client.get("/api/search", params={"q": "Brian Nichols"}).json()["results"]
              if r["kind"] == "person"]
    assert any(p["country"] == "PE" and p["role"] == "U.S. chief of mission" for p in people)
    assert client.get("/api/search", params={"q": ""}).status_code == 422
    page = client.get("/search", params={"q": "Peruvian"})
    assert 'href="/countries/PE"' in page.text
    assert 'role="search"' in client.get("/").text  # the box is on every page


def test_the_country_page_has_a_timeline(client: TestClient) -> None:
    page = client.get("/countries/PE")
    assert '<svg class="tl-wide" viewBox=' in page.text and '<svg class="tl-narrow" viewBox=' in page.text
    assert 'href="https://history.state.gov/countries/peru"' in page.text
    assert 'href="/documents/1"' in page.text  # the stored edition, with its verdict counts


def test_timeline_marks_from_the_reference() -> None:
    from factsheet.reference import load_reference

    items = marks("PE", load_reference(), [{"edition": 1, "document_id": 7, "published": "2017-02-02",
                                           "supported": 12}], dt.date(2026, 11, 27))
    lanes = {m.lane for m in items}
    assert lanes == {"relations", "us_chief_of_mission", "chief_of_state", "head_of_government", "agreement",
                     "edition"}
    established = [m for m in items if m.label == "established"]
    assert established and established[0].start == dt.date(1827, 5, 21)
    nichols = [m for m in items if m.label == "Brian A. Nichols"]
    assert len(nichols) == 1 and nichols[0].end is not None and nichols[0].end.year == 2017
    assert [m.href for m in items if m.lane == "edition"] == ["/documents/7"]


def test_the_index_has_tiles_by_bureau(client: TestClient) -> None:
    page = client.get("/")
    assert "Bureau of Western Hemisphere Affairs" in page.text
    tile = re.search(r'<a class="age-(\d)" href="/countries/PE" aria-label="Peru: (\d+) stale claims?, the oldest '
                     r'\d+ days"><b>PE</b>Peru<br>\d+ stale', page.text)
    assert tile is not None, "a tile per country, linked, with its stale count in words"
    assert tile.group(1) != "0" and int(tile.group(2)) >= 1  # Peru's sheet has stale claims


def test_docs_are_served_without_a_cdn(client: TestClient) -> None:
    page = client.get("/docs").text
    assert "/docs-assets/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower() and "https://" not in page
    assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/stale", "/api/search", "/api/recheck"} <= set(paths)


def test_closing_links_are_links(client: TestClient) -> None:
    page = client.get("/countries/PE").text
    assert '<a href="https://pe.usembassy.gov/"' in page
    assert '<a href="https://history.state.gov/countries/peru" rel="noopener noreferrer">History of U.S. Relations' in page
    assert link_url("Some Page Nobody Knows", "PE") is None  # no guessed links


def test_page_errors_speak_of_form_fields(client: TestClient) -> None:
    page = client.get("/countries/PE", params={"as_of": "2019-13-01"}, headers={"accept": "text/html"})
    assert page.status_code == 422
    assert "the “Show the edition current on” date" in page.text and "--as-of" not in page.text
    bad = client.get("/countries/PE/update", params={"as_of": "1700-01-01"}, headers={"accept": "text/html"})
    assert bad.status_code == 422 and "the “as of” field" in bad.text and "--as-of" not in bad.text


def test_many_editions_become_one_mark_per_year() -> None:
    from factsheet.web.timeline import EDITION_MARKS, _edition_marks

    editions = [{"edition": i + 1, "document_id": 100 + i, "published": f"{2000 + i // 10}-0{1 + i % 9}-01",
                 "supported": 2, "outdated": 1} for i in range(EDITION_MARKS + 6)]
    items = _edition_marks("PE", editions)
    assert [m.label for m in items] == ["10 editions of 2000", "10 editions of 2001", "10 editions of 2002"]
    assert {m.href for m in items} == {"/countries/PE/editions"} and items[0].detail.startswith("20 supported")
    few = _edition_marks("PE", editions[:3])
    assert [m.href for m in few] == ["/documents/100", "/documents/101", "/documents/102"]


def test_a_claims_verdict_history(client: TestClient) -> None:
    client.post("/api/recheck", params={"check_date": "2026-11-27"}, headers=AUTH)
    claims = client.get("/api/documents/1").json()["claims"]
    amb = next(i for i, c in enumerate(claims) if c["type"] == "ambassador")
    body = client.get(f"/api/documents/1/claims/{amb}/history").json()
    assert [(c["check_date"], c["now"]) for c in body["checks"]] == [("2017-03-01", "current"),
                                                                    ("2026-11-27", "outdated")]
    assert body["checks"][0]["run_id"] is None and body["checks"][1]["run_id"] is not None
    assert client.get(f"/api/documents/1/claims/{len(claims)}/history").status_code == 404
    assert client.get("/api/documents/999/claims/0/history").status_code == 404
