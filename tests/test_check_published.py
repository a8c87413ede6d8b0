"""Issue 12: undated sheets get a published range with its basis, and are judged over it."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES

from factsheet import read
from factsheet.check import check, published_document
from factsheet.check.memory import MemoryReference
from factsheet.errors import InvalidDateError
from factsheet.model import Claim, Document

REF = MemoryReference.from_json(FIXTURES / "check" / "reference.json")
NOW = dt.date(2026, 11, 27)

# Our own sentences in the genre's voice; the years are what the inference reads.
BODY = (
    "U.S.-Peru Relations\n\n"
    "The United States and Peru cooperate closely on trade, security and the environment. "
    "In 2017, the two countries held their first dialogue on water security.\n"
)


def _rng(doc: Document) -> tuple[str | None, str | None, str]:
    r = doc.published_range
    return r.earliest, r.latest, r.basis


# -- inference, one test per source ----------------------------------------------------------


def test_stated_date_is_its_own_range() -> None:
    doc = read(("U.S. Relations With Peru\n\nMarch 2017\n\n" + BODY).encode())
    assert doc.published == "2017-03"
    assert _rng(doc) == ("2017-03-01", "2017-03-31", "stated")
    assert doc.to_json()["published_range"]["basis"] == "stated"


def test_text_lower_bound_is_the_latest_past_date() -> None:
    doc = read(BODY.encode())
    assert doc.published is None
    assert _rng(doc) == ("2017-01-01", None, "text_lower_bound")
    # a date in a sentence about the future or a term's end is no lower bound
    future = BODY + "His term expires in 2021, and elections will be held in 2020.\n"
    assert _rng(read(future.encode()))[0] == "2017-01-01"


def test_text_lower_bound_anniversary_and_pandemic() -> None:
    text = BODY + ("This year marks the 60th anniversary of the first Peace Corps volunteers, "
                   "who arrived in 1962.\n")
    assert _rng(read(text.encode()))[0] == "2022-01-01"
    text = BODY + "Both countries worked together to respond to the COVID-19 pandemic.\n"
    assert _rng(read(text.encode()))[0] == "2020-03-11"


def test_unknown_when_nothing_dates_it() -> None:
    doc = read(b"U.S.-Peru Relations\n\nThe two countries cooperate closely on many issues.\n")
    assert doc.published_range.basis == "unknown"
    resolved = published_document(doc, NOW)
    assert resolved.published_range.earliest == "1990-01-01"
    assert resolved.published_range.latest == NOW.isoformat()


def test_html_meta_json_ld_and_time() -> None:
    page = ("<html><head><title>U.S. Relations With Peru</title>"
            '<meta property="article:published_time" content="2019-06-03T10:00:00+00:00">'
            '<meta property="article:modified_time" content="2019-08-30T09:00:00+00:00">'
            "</head><body><h1>U.S. Relations With Peru</h1>"
            "<p>More information about Peru is available on the Peru Page and from other "
            "Department of State publications.</p><h2>U.S.-Peru Relations</h2>"
            "<p>The United States and Peru cooperate closely on trade and security.</p>"
            "</body></html>")
    assert _rng(read(page.encode())) == ("2019-06-03", "2019-08-30", "html_meta")
    ld = page.replace('<meta property="article:published_time" content="2019-06-03T10:00:00+00:00">'
                      '<meta property="article:modified_time" content="2019-08-30T09:00:00+00:00">',
                      '<script type="application/ld+json">{"@type": "WebPage", '
                      '"datePublished": "2020-02-14T00:00:00Z"}</script>')
    assert _rng(read(ld.encode())) == ("2020-02-14", "2020-02-14", "html_meta")
    timed = page.replace('<meta property="article:published_time" content="2019-06-03T10:00:00+00:00">'
                         '<meta property="article:modified_time" content="2019-08-30T09:00:00+00:00">',
                         "").replace("<h2>", '<time datetime="2021-04-01">April 1, 2021</time><h2>')
    assert _rng(read(timed.encode()))[2] == "html_meta"


def test_archive_url_wayback_stamp_and_archive_host() -> None:
    raw = BODY.encode()
    doc = read(raw, url="https://web.archive.org/web/20190412083000/https://www.state.gov/x/")
    assert _rng(doc) == ("2017-01-01", "2019-04-12", "archive_url")
    doc = read(raw, url="https://2009-2017.state.gov/r/pa/ei/bgn/35762.htm")
    assert _rng(doc) == ("2017-01-01", "2017-01-20", "archive_url")
    # a year in an address is no date ("see //2009-2017.state.gov/…" in the text)
    doc = read((BODY + "For the latest version, see //2009-2017.state.gov/r/pa/ei/bgn/1.htm "
                "and www.state.gov/2021/x.\n").encode())
    assert _rng(doc)[0] == "2017-01-01"
    # a saved page (MHTML) carries its address
    mhtml = (b"From: <Saved by Blink>\r\nSnapshot-Content-Location: https://webarchive.library."
             b"unt.edu/web/20130101000000/http://www.state.gov/r/pa/ei/bgn/35762.htm\r\n"
             b"MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\tboundary=\"B\"\r\n\r\n"
             b"--B\r\nContent-Type: text/html\r\n\r\n<html><body><h1>U.S. Relations With Peru</h1>"
             b"<p>More information about Peru is available on the Peru Page and from other "
             b"Department of State publications.</p><h2>U.S.-Peru Relations</h2><p>In 2011 the "
             b"two countries signed a new agreement on security.</p></body></html>\r\n--B--\r\n")
    assert _rng(read(mhtml)) == ("2011-01-01", "2013-01-01", "archive_url")


# -- judging over the range ------------------------------------------------------------------


def _one(fields: dict[str, Any], kind: str = "leader", *, earliest: str = "2017-01-01",
         published: str | None = None) -> Any:
    doc = read(BODY.encode())
    doc = replace(doc, country="PE")
    assert doc.published_range.earliest == earliest
    claim = Claim(kind, "PE", fields, (0, 5), doc.text[:5])
    [verdict] = check(doc, [claim], REF, NOW, published=published)
    return verdict


def test_true_over_the_whole_range_is_supported() -> None:
    v = _one({"year": 1827}, "relations.established")
    assert v.at_publication.verdict == "supported" and "whole range" in v.message
    assert v.at_publication.date == f"2017-01-01/{NOW}"


def test_false_over_the_whole_range_is_contradicted() -> None:
    v = _one({"name": "Ollanta Humala", "title": "President"})  # left office in 2016
    assert v.at_publication.verdict == "contradicted" and "false over the whole range" in v.message


def test_true_on_part_of_the_range_is_unverifiable_and_now_needs_no_date() -> None:
    v = _one({"name": "Pedro Pablo Kuczynski", "title": "President"})
    assert v.at_publication.verdict == "unverifiable"
    assert "undated" in (v.at_publication.reason or "") and "but not on" in v.message
    # now: the holder on the check date, never "the sheet has no publication date"
    assert v.now.verdict == "outdated" and "JERÍ" in (v.now.current or "").upper()


def test_a_holder_in_the_middle_of_the_range_is_found() -> None:
    # Sagasti served 2020-11 to 2021-07, strictly inside the range: not contradicted
    v = _one({"name": "Francisco Sagasti", "title": "President"})
    assert v.at_publication.verdict == "unverifiable" and v.now.verdict == "outdated"


def test_given_date_overrides_the_inference() -> None:
    v = _one({"name": "Pedro Pablo Kuczynski", "title": "President"}, published="2017-01-25")
    assert v.at_publication.verdict == "supported" and v.at_publication.date == "2017-01-25"
    with pytest.raises(InvalidDateError):
        _one({"year": 1827}, "relations.established", published="2017-13")


def test_cli_published_option(tmp_path: Path) -> None:
    sheet = tmp_path / "peru.txt"
    sheet.write_text("U.S. Relations With Peru\n\n" + BODY, encoding="utf-8")
    run = [sys.executable, "-m", "factsheet", "check", str(sheet), "--as-of", "2026-11-27",
           "--format", "json"]
    out = subprocess.run(run, capture_output=True, text=True, check=False)
    assert out.returncode in (0, 1), out.stderr
    rng = json.loads(out.stdout)["document"]["published_range"]
    assert rng["basis"] == "text_lower_bound" and rng["latest"] == "2026-11-27"
    out = subprocess.run([*run, "--published", "2018-05"], capture_output=True, text=True,
                         check=False)
    doc = json.loads(out.stdout)["document"]
    assert doc["published"] == "2018-05" and doc["published_range"] == {
        "earliest": "2018-05-01", "latest": "2018-05-31", "basis": "given"}
    out = subprocess.run([*run, "--url", "https://web.archive.org/web/20190412083000/https://"
                          "www.state.gov/u-s-relations-with-peru/"], capture_output=True,
                         text=True, check=False)
    rng = json.loads(out.stdout)["document"]["published_range"]
    assert (rng["basis"], rng["latest"]) == ("archive_url", "2019-04-12")
    bad = subprocess.run([*run, "--published", "May 2018"], capture_output=True, text=True,
                         check=False)
    assert bad.returncode == 2 and bad.stderr.startswith("error[E-USAGE-DATE]")
    assert "Traceback" not in bad.stderr


# -- the corpus: every undated page gets a range, and its leaders a now-verdict --------------


def test_corpus_undated_pages_get_a_range(shared: Path) -> None:
    from factsheet.extract import extract

    manifest = json.loads((shared / "corpus" / "manifest.json").read_text(encoding="utf-8"))
    undated = [e for e in manifest if not e["published"]]
    assert undated
    for entry in undated:
        doc = read(shared / "corpus" / "sheets" / f"{entry['id']}.txt")
        assert doc.published is None
        resolved = published_document(doc, NOW)
        assert resolved.published_range.earliest and resolved.published_range.latest, entry["id"]
        claims = extract(doc)
        for c, v in zip(claims, check(doc, claims, as_of=NOW), strict=True):
            if c.type in ("leader", "ambassador"):
                assert "no publication date" not in v.message, entry["id"]
                assert v.at_publication.date.count("/") == 1, entry["id"]


# -- the API and the store ---------------------------------------------------------------------


def test_api_check_published_and_range(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from factsheet.store import open_store
    from factsheet.web.app import create_app

    sheet = ("U.S. Relations With Peru\n\n" + BODY).encode()
    with open_store(str(tmp_path / "web.db")) as store, TestClient(
            create_app(store=store, token="t" * 32, cache_seconds=0),
            raise_server_exceptions=False) as client:
        headers = {"content-type": "text/plain; charset=utf-8"}
        body = client.post("/api/check", content=sheet, headers=headers,
                           params={"as_of": "2026-11-27"}).json()
        assert body["document"]["published_range"]["basis"] == "text_lower_bound"
        body = client.post("/api/check", content=sheet, headers=headers,
                           params={"as_of": "2026-11-27", "published": "2018-02-03"}).json()
        assert body["document"]["published"] == "2018-02-03"
        assert body["document"]["published_range"]["basis"] == "given"
        bad = client.post("/api/check", content=sheet, headers=headers,
                          params={"published": "someday"})
        assert 400 <= bad.status_code < 500 and "published" in bad.text


def test_store_keeps_the_range_and_migration_5_adds_it(tmp_path: Path) -> None:
    import sqlalchemy as sa

    from factsheet.store import open_store

    url = str(tmp_path / "kb.db")
    sheet = ("U.S. Relations With Peru\n\n" + BODY).encode()
    with open_store(url) as store:
        result = store.add(sheet, "peru-undated.txt", check_date=NOW)
        assert result.status == "new", result.reason
        doc = store.document(result.document_id).document
        assert doc.published is None
        assert (doc.published_range.earliest, doc.published_range.basis) == (
            "2017-01-01", "text_lower_bound")
    # a database from before migration 5: the columns are added on open
    engine = sa.create_engine(f"sqlite:///{url}")
    with engine.begin() as conn:
        for column in ("published_earliest", "published_latest", "published_basis",
                       "published_note"):
            conn.exec_driver_sql(f"ALTER TABLE documents DROP COLUMN {column}")
        conn.exec_driver_sql("DELETE FROM schema_migrations WHERE version >= 5")
    engine.dispose()
    with open_store(url) as store:
        doc = store.document(result.document_id).document
        assert doc.published_range.basis == "unknown"  # stored before: nothing recorded
        again = store.add(("U.S. Relations With Peru\n\nMay 2018\n\n" + BODY).encode(), "p.txt",
                          check_date=NOW)
        dated = store.document(again.document_id).document
        assert dated.published_range.basis == "stated"


def test_update_ingest_and_diff_take_published(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from factsheet.cli import main
    from factsheet.store import open_store

    sheet = tmp_path / "peru.txt"
    sheet.write_text("U.S. Relations With Peru\n\n" + BODY, encoding="utf-8")
    runner = CliRunner()
    out = runner.invoke(main, ["update", str(sheet), "--as-of", "2026-11-27", "--format", "json",
                               "--published", "2018-05-01"])
    assert out.exit_code == 0, out.output
    bad = runner.invoke(main, ["update", str(sheet), "--published", "2018-13-01"])
    assert bad.exit_code == 2 and "E-USAGE-DATE" in bad.output
    db = str(tmp_path / "kb.db")
    out = runner.invoke(main, ["ingest", str(sheet), "--db", db, "--published", "2018-05",
                               "--check-date", "2026-11-27", "--no-progress"])
    assert out.exit_code == 0, out.output
    with open_store(db) as store:
        [row] = store.editions("PE")
        doc = store.document(int(row["document_id"])).document
        assert doc.published == "2018-05" and doc.published_range.basis == "given"
    out = runner.invoke(main, ["diff", str(sheet), str(sheet), "--no-verdicts", "--format",
                               "json", "--published", "2018-05", "-"])
    assert out.exit_code == 0, out.output


def test_corpus_inference_contains_every_stated_date(shared: Path) -> None:
    """Ignoring a dated page's own date, the range inferred from its text and address holds it."""
    from factsheet.dates import lower_bound, upper_bound
    from factsheet.read.published import infer_published

    manifest = json.loads((shared / "corpus" / "manifest.json").read_text(encoding="utf-8"))
    dated = [e for e in manifest if e["published"]]
    assert len(dated) > 50
    narrowed = 0
    for entry in dated:
        doc = read(shared / "corpus" / "sheets" / f"{entry['id']}.txt")
        rng = infer_published(doc.text, [(s.start, s.end) for s in doc.sentences], None,
                              url=entry["url"])
        lo, hi = lower_bound(entry["published"]), upper_bound(entry["published"])
        assert rng.earliest is None or rng.earliest <= hi.isoformat(), (entry["id"], rng)
        assert rng.latest is None or rng.latest >= lo.isoformat(), (entry["id"], rng)
        narrowed += rng.basis != "unknown"
    assert narrowed > 0.9 * len(dated)


def test_consistency_uses_a_range_from_metadata_not_from_the_text() -> None:
    from factsheet import extract

    sentence = "Peru will host the APEC summit in November 2016, and it is a member of APEC."
    page = ("<html><head><title>U.S. Relations With Peru</title>"
            '<meta property="article:published_time" content="2019-06-03T10:00:00+00:00">'
            "</head><body><h1>U.S. Relations With Peru</h1>"
            "<p>More information about Peru is available on the Peru Page and from other "
            "Department of State publications.</p><h2>U.S.-Peru Relations</h2>"
            f"<p>{sentence}</p></body></html>")
    doc = read(page.encode())
    claims = extract(doc)
    found = [v for v in check(doc, claims, REF, NOW) if "V-CONS-FUTURE-PAST" in v.findings]
    assert found and "on or after 2019-06-03 (the page's metadata)" in found[0].message
    # the same text undated, with only a text lower bound (2019): no ground for the finding
    plain = read(("U.S. Relations With Peru\n\nU.S.-Peru Relations\n\nIn 2019 the two countries "
                  "signed a new agreement. " + sentence + "\n").encode())
    assert plain.published_range.basis == "text_lower_bound"
    assert all("V-CONS-FUTURE-PAST" not in v.findings
               for v in check(plain, extract(plain), REF, NOW))
