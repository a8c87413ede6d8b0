"""``refdata pull`` / ``rollback`` against a local HTTP server on 127.0.0.1 (no other network).

The server serves ZIP archives built from the raw fixtures (tests/fixtures/reference/raw) the
way GitHub serves repository archives (one top folder, the commit as the ZIP comment), and
SPARQL answers in the standard JSON results format (tests/fixtures/reference/wikidata).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import struct
import tarfile
import threading
import urllib.parse
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import FIXTURES
from test_reference_build import make_raw

from factsheet.check import check
from factsheet.cli import main
from factsheet.errors import ReferenceDataError
from factsheet.model import Claim, Document
from factsheet.reference import load_reference
from factsheet.reference._format import DATA_DIR
from factsheet.reference.datadir import active_tables, read_state
from factsheet.reference.pull import HISTORIAN_REPOS, unpack
from factsheet.reference.wikidata import parse_results, parse_time

RAW = FIXTURES / "reference" / "raw"
ANSWERS = FIXTURES / "reference" / "wikidata"
COMMIT = "c0ffee" + "0" * 34


@pytest.fixture(autouse=True)
def _dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    monkeypatch.setenv("FACTSHEET_DATA_DIR", str(data))
    monkeypatch.setenv("FACTSHEET_CACHE", str(tmp_path / "cache"))
    # a test that forgets a --url must fail here, on loopback, never reach the real hosts
    monkeypatch.setattr("factsheet.reference.pull.DEFAULT_URL", "http://127.0.0.1:9/{name}.zip")
    monkeypatch.setattr("factsheet.reference.pull.DEFAULT_ENDPOINT", "http://127.0.0.1:9/sparql")
    return data


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


# -- the local server ------------------------------------------------------------------------

@dataclass
class Route:
    body: bytes
    mode: str = "ok"  # ok | short (announces more than it sends) | no-length (no Content-Length)


class Server:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.answers: dict[str, bytes] = {}
        self.hits: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                url = urllib.parse.urlsplit(self.path)
                server.hits.append(url.path)
                if url.path == "/sparql":
                    query = urllib.parse.parse_qs(url.query).get("query", [""])[0]
                    name = next((n for n in server.answers if f"factsheet:query {n}\n" in query), None)
                    route = Route(server.answers[name]) if name else None
                else:
                    route = server.routes.get(url.path)
                if route is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                if route.mode == "short":
                    self.send_header("Content-Length", str(len(route.body) * 3))
                    self.end_headers()
                    self.wfile.write(route.body)
                    self.wfile.flush()
                    self.close_connection = True
                    return
                if route.mode == "ok":
                    self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                self.wfile.write(route.body)
                self.close_connection = True

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def args(self, *names: str) -> list[str]:
        """``--url`` options for the Historian repositories and the SPARQL endpoint."""
        out = []
        for name in names or HISTORIAN_REPOS:
            out += ["--url", f"{name}={self.base}/{name}.zip"]
        return [*out, "--sparql-endpoint", f"{self.base}/sparql"]


@pytest.fixture
def server() -> Iterator[Server]:
    srv = Server()
    thread = threading.Thread(target=srv.httpd.serve_forever, daemon=True)
    thread.start()
    for name in HISTORIAN_REPOS:
        srv.routes[f"/{name}.zip"] = Route(repo_zip(name))
    for path in ANSWERS.glob("*.json"):
        srv.answers[path.stem] = path.read_bytes()
    try:
        yield srv
    finally:
        srv.httpd.shutdown()
        srv.httpd.server_close()


def repo_zip(name: str, *, rename: tuple[str, str] | None = None, comment: str = COMMIT,
             stored: bool = False) -> bytes:
    """A GitHub-style archive of one fixture repository: ``<name>-HEAD/…``, commit as comment."""
    buffer = io.BytesIO()
    folder = RAW / "historian" / name
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(f"{name}-HEAD/", b"")  # GitHub's archives list every folder, the top one too
        for path in sorted(folder.rglob("*")):
            rel = path.relative_to(folder).as_posix()
            if rename and (rel + "/").startswith(rename[0] + "/"):
                rel = rename[1] + rel[len(rename[0]):]
            if path.is_dir():
                zf.writestr(f"{name}-HEAD/{rel}/", b"")
            else:
                zf.write(path, f"{name}-HEAD/{rel}")
        zf.comment = comment.encode()
    return buffer.getvalue()


def status() -> dict[str, Any]:
    code, out, err = run("refdata", "status", "--format", "json")
    assert code == 0, err
    data: dict[str, Any] = json.loads(out)
    return data


def sets(data: Path) -> list[str]:
    folder = data / "reference" / "sets"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


# -- success, rollback -----------------------------------------------------------------------

def test_pull_from_server_installs_a_newer_set_and_rollback_restores(
        tmp_path: Path, server: Server, _dirs: Path) -> None:
    # a first set from a folder (the fixture tree), then a pull from the server on top of it
    # (--force: the fixture tree is tiny next to the shipped tables and has malformed files on purpose)
    code, out, err = run("refdata", "pull", "--from", str(make_raw(tmp_path)), "--force", "--format", "json")
    assert code == 0, err
    first = json.loads(out)
    assert first["previous"] == "shipped" and not first["carried"]
    before = status()
    assert before["origin"] == "pulled" and before["set"] == first["set"]
    assert "wikidata" not in before["horizons"]

    code, out, err = run("refdata", "pull", *server.args(), "--format", "json")
    assert code == 0, err
    second = json.loads(out)
    rebuilt = {r["source"]: r for r in second["rebuilt"]}
    assert set(rebuilt) == {*HISTORIAN_REPOS, "wikidata"}
    assert second["carried"] == ["agreements", "factbook"] and second["previous"] == first["set"]
    assert rebuilt["rdcr"]["version"] == f"HistoryAtState/rdcr@{COMMIT[:12]}"
    assert {f"/{n}.zip" for n in HISTORIAN_REPOS} <= set(server.hits) and "/sparql" in server.hits
    # the Factbook (fixture) names the Peru chargé on its horizon, Wikidata an ambassador: kept, listed
    assert any(c.startswith("PE us_chief_of_mission") for c in second["conflicts"]), second["conflicts"]

    now = status()
    today = dt.date.today().isoformat()
    by_source = {s["source"]: s for s in now["sources"]}
    assert now["set"] == second["set"] and now["previous"] == first["set"]
    assert now["horizons"]["wikidata"] == today  # the answers say who held office on the day fetched
    assert by_source["wikidata"]["fetched"][:10] == today and not by_source["wikidata"]["stale"]
    assert by_source["pocom"]["version"] == f"HistoryAtState/pocom@{COMMIT[:12]}"
    assert by_source["factbook"]["fetched"] is None  # carried over, never fetched
    assert by_source["wikidata"]["conflicts"] >= 1
    code, text, _ = run("refdata", "status")
    assert code == 0 and "wikidata" in text and f"fetched {today}" in text

    code, out, _ = run("refdata", "rollback", "--format", "json")
    assert code == 0 and json.loads(out)["current"] == first["set"]
    assert status()["set"] == first["set"] and "wikidata" not in status()["horizons"]
    code, out, _ = run("refdata", "rollback", "--format", "json")  # a second rollback undoes the first
    assert code == 0 and json.loads(out)["current"] == second["set"]
    assert sets(_dirs) == sorted([first["set"], second["set"]])

    # a third pull keeps two sets, never more
    code, out, err = run("refdata", "pull", *server.args(), "--only", "wikidata", "--format", "json")
    assert code == 0, err
    assert sets(_dirs) == sorted([second["set"], json.loads(out)["set"]])


def test_rollback_with_nothing_pulled_is_exit_4() -> None:
    code, _, err = run("refdata", "rollback")
    assert code == 4 and "error[E-REFDATA-ROLLBACK]" in err and "nothing to roll back" in err


def test_rollback_to_the_shipped_tables(server: Server) -> None:
    code, _, err = run("refdata", "pull", *server.args(), "--only", "wikidata")
    assert code == 0, err
    assert active_tables() != DATA_DIR
    code, out, _ = run("refdata", "rollback")
    assert code == 0 and "active reference set: shipped" in out
    assert active_tables() == DATA_DIR and status()["origin"] == "shipped"


def test_data_dir_option_overrides_the_environment(tmp_path: Path, server: Server, _dirs: Path) -> None:
    other = tmp_path / "other"
    code, _, err = run("refdata", "--data-dir", str(other), "pull", *server.args(), "--only", "wikidata")
    assert code == 0, err
    assert sets(other) and not sets(_dirs)
    assert active_tables() == DATA_DIR and active_tables(other) != DATA_DIR


# -- what arrives is checked ----------------------------------------------------------------

def _unchanged(data: Path, before: list[str]) -> None:
    assert sets(data) == before
    assert not (data / "reference" / "work").exists()


def _damaged_inside(archive: bytes) -> bytes:
    """The archive with 8 bytes overwritten in the middle of a member's stored data. Not found by
    searching the bytes: the local headers hold each file's modification time, which varies with
    the checkout, and a search once landed in a header (a fresh clone's CI failed on it)."""
    with zipfile.ZipFile(io.BytesIO(archive)) as zf:
        info = next(i for i in zf.infolist() if i.compress_type == zipfile.ZIP_STORED and i.file_size > 64)
    # a local header: 30 fixed bytes, its name's length and its extra field's length at 26
    name_len, extra_len = struct.unpack("<HH", archive[info.header_offset + 26 : info.header_offset + 30])
    middle = info.header_offset + 30 + name_len + extra_len + info.compress_size // 2
    data = bytearray(archive)
    data[middle : middle + 8] = b"XXXXXXXX"
    assert bytes(data) != archive
    return bytes(data)


def test_broken_download_installs_nothing(server: Server, _dirs: Path) -> None:
    server.routes["/pocom.zip"] = Route(repo_zip("pocom")[:300], mode="short")
    code, _, err = run("refdata", "pull", *server.args())
    assert code == 4 and "error[E-REFDATA-PARTIAL]" in err and "pocom" in err and "stopped after" in err
    _unchanged(_dirs, [])
    assert read_state() is None and active_tables() == DATA_DIR
    # a truncated archive sent without a length: the archive check catches it
    server.routes["/pocom.zip"] = Route(repo_zip("pocom")[:-200], mode="no-length")
    code, _, err = run("refdata", "pull", *server.args())
    assert code == 4 and "error[E-REFDATA-PARTIAL]" in err and "incomplete download" in err
    _unchanged(_dirs, [])
    # complete in length, damaged inside: the members' CRCs catch it
    server.routes["/pocom.zip"] = Route(_damaged_inside(repo_zip("pocom", stored=True)))
    code, _, err = run("refdata", "pull", *server.args())
    assert code == 4 and "error[E-REFDATA-PARTIAL]" in err and "corrupt" in err
    _unchanged(_dirs, [])


def test_changed_schema_installs_nothing(server: Server, _dirs: Path) -> None:
    code, _, err = run("refdata", "pull", *server.args(), "--only", "wikidata")
    assert code == 0, err
    before = sets(_dirs)
    server.routes["/rdcr.zip"] = Route(repo_zip("rdcr", rename=("articles", "entries")))
    code, _, err = run("refdata", "pull", *server.args())
    assert code == 4 and "error[E-REFDATA-SCHEMA]" in err and "articles" in err and "changed shape" in err
    _unchanged(_dirs, before)
    server.routes["/rdcr.zip"] = Route(repo_zip("rdcr"))
    server.answers["heads_of_state"] = (ANSWERS / "changed_shape.json").read_bytes()
    code, _, err = run("refdata", "pull", *server.args(), "--only", "wikidata")
    assert code == 4 and "error[E-REFDATA-SCHEMA]" in err and "person" in err
    _unchanged(_dirs, before)
    server.answers["heads_of_state"] = b"<html>Service unavailable</html>"
    code, _, err = run("refdata", "pull", *server.args(), "--only", "wikidata")
    assert code == 4 and "not JSON" in err
    _unchanged(_dirs, before)


def test_sanity_check_refuses_a_source_that_lost_most_rows(tmp_path: Path, server: Server) -> None:
    root = make_raw(tmp_path)
    code, _, err = run("refdata", "pull", "--from", str(root), "--force")
    assert code == 0, err
    # an upstream that now has one mission file of two: half the rows or fewer
    server.routes["/pocom.zip"] = Route(_without(tmp_path, "pocom", "missions-countries/peru.xml"))
    code, _, err = run("refdata", "pull", *server.args("pocom", "gsh"), "--only", "pocom")
    assert code == 4 and "sanity checks" in err and "pocom produced" in err
    code, _, err = run("refdata", "pull", *server.args("pocom", "gsh"), "--only", "pocom", "--force")
    assert code == 0, err


def _without(tmp_path: Path, name: str, rel: str) -> bytes:
    copy = tmp_path / f"copy-{name}"
    shutil.copytree(RAW / "historian" / name, copy)
    (copy / rel).unlink()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for path in sorted(copy.rglob("*")):
            if path.is_file():
                zf.write(path, f"{name}-HEAD/{path.relative_to(copy).as_posix()}")
    return buffer.getvalue()


def test_no_network_is_a_clear_error(_dirs: Path) -> None:
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    code, _, err = run("refdata", "pull", "--only", "visits", "--url", f"gsh=http://127.0.0.1:{port}/gsh.zip",
                       "--url", f"visits=http://127.0.0.1:{port}/v.zip", "--timeout", "5")
    assert code == 4 and "error[E-REFDATA-NETWORK]" in err and "cannot reach 127.0.0.1" in err
    assert "firewall" in err and "--from" in err
    _unchanged(_dirs, [])


def test_http_error_and_bad_options(server: Server) -> None:
    code, _, err = run("refdata", "pull", "--url", f"gsh={server.base}/missing.zip", "--only", "gsh")
    assert code == 4 and "HTTP 404" in err
    code, _, err = run("refdata", "pull", "--only", "factbook")
    assert code == 4 and "ended in February 2026" in err
    code, _, err = run("refdata", "pull", "--url", "pocom")
    assert code == 2 and "NAME=URL" in err
    code, _, err = run("refdata", "pull", "--only", "nosuch")
    assert code == 4 and "unknown reference source" in err


# -- --from a folder or an archive -----------------------------------------------------------

def test_pull_from_an_archive_of_the_tree(tmp_path: Path) -> None:
    root = make_raw(tmp_path)
    shutil.copytree(ANSWERS, root / "wikidata", ignore=shutil.ignore_patterns("changed_shape.json"))
    (root / "wikidata" / "VERSION").write_text(json.dumps({"endpoint": "fixture", "fetched": "2026-11-30T00:00:00+00:00"}))
    archive = tmp_path / "reference.tar.gz"
    with tarfile.open(archive, "w:gz") as tf:
        tf.add(root, arcname="reference")
    code, out, err = run("refdata", "pull", "--from", str(archive), "--force", "--format", "json")
    assert code == 0, err
    rebuilt = {r["source"]: r for r in json.loads(out)["rebuilt"]}
    assert set(rebuilt) == {"rdcr", "pocom", "gsh", "factbook", "agreements", "visits", "wikidata"}
    assert rebuilt["wikidata"]["last"] == "2026-11-30"
    by_source = {s["source"]: s for s in status()["sources"]}
    assert by_source["wikidata"]["horizon"] == "2026-11-30" and by_source["rdcr"]["fetched"] is None


def test_unsafe_archive_is_refused(tmp_path: Path) -> None:
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("top/ok.xml", "<a/>")
        zf.writestr("../escape.xml", "<a/>")
    with pytest.raises(ReferenceDataError) as info:
        unpack(archive, tmp_path / "out", label="evil")
    assert info.value.code == "E-REFDATA-SCHEMA" and not (tmp_path / "escape.xml").exists()


def test_pull_from_shared_rebuilds_the_shipped_tables_byte_for_byte(shared: Path, _dirs: Path) -> None:
    full = os.environ.get("FACTSHEET_FULL_REFDATA") == "1"  # the Factbook adds 10–30 s
    only = [] if full else [a for n in ("rdcr", "pocom", "gsh", "agreements", "visits") for a in ("--only", n)]
    code, out, err = run("refdata", "pull", "--from", str(shared / "reference"), *only, "--format", "json")
    assert code == 0, err
    folder = Path(json.loads(out)["path"])
    shipped = json.loads((DATA_DIR / "manifest.json").read_text())["sources"]
    pulled = json.loads((folder / "manifest.json").read_text())["sources"]
    for name in shipped:
        assert (folder / f"{name}.tsv").read_bytes() == (DATA_DIR / f"{name}.tsv").read_bytes(), name
        assert pulled[name]["sha256"] == shipped[name]["sha256"], name


# -- the Wikidata answers --------------------------------------------------------------------

def test_parse_sparql_json_results() -> None:
    rows = parse_results((ANSWERS / "heads_of_state.json").read_bytes())
    assert rows[0]["iso2"] == "PE" and rows[0]["personLabel"] == "José Jerí"
    assert "end" not in rows[1]  # unbound variables are absent
    for bad in (b"[]", b'{"head": {}}', b'{"head": {"vars": []}, "results": {"bindings": []}}'):
        with pytest.raises(ReferenceDataError) as info:
            parse_results(bad)
        assert info.value.code == "E-REFDATA-SCHEMA"


@pytest.mark.parametrize(("value", "precision", "expected"), [
    ("+2025-10-10T00:00:00Z", "11", "2025-10-10"),
    ("+2022-08-00T00:00:00Z", "10", "2022-08"),
    ("+2022-00-00T00:00:00Z", "9", "2022"),
    ("+2022-08-01T00:00:00Z", "10", "2022-08"),
    ("2019-05-00T00:00:00Z", "11", "2019-05"),
    ("-0044-03-15T00:00:00Z", "11", None),
    ("+1900-01-01T00:00:00Z", "7", None),
])
def test_wikidata_time_precision(value: str, precision: str, expected: str | None) -> None:
    assert parse_time(value, precision) == expected


# -- the point of it all: a change after the shipped horizon ----------------------------------

def test_a_holder_who_left_after_the_shipped_horizon_is_outdated_once_pulled(server: Server) -> None:
    text = "Peru's President José Jerí took office in October 2025."
    doc = Document(text=text, sha256="t", country="PE", published="2025-12-15")
    claim = Claim("leader", "PE", {"name": "José Jerí", "title": "President"}, (0, len(text)), text)
    as_of = dt.date(2026, 11, 1)
    [shipped] = check(doc, [claim], load_reference(DATA_DIR), as_of)
    assert shipped.at_publication.verdict == "supported"
    assert shipped.now.verdict == "current" and shipped.now.horizon == "2026-01-22"

    code, _, err = run("refdata", "pull", *server.args(), "--only", "wikidata")
    assert code == 0, err
    reference = load_reference()  # the default is now the pulled set
    assert reference.path != DATA_DIR and "wikidata" in reference.sources
    [pulled] = check(doc, [claim], reference, as_of)
    assert pulled.at_publication.verdict == "supported"
    assert pulled.now.verdict == "outdated", pulled.message
    assert pulled.now.current and "Quispe" in pulled.now.current
    [ev] = [e for e in pulled.now.evidence if e.source == "wikidata"]
    assert ev.citation == "https://www.wikidata.org/wiki/Q9990000002"
    assert ev.version and ev.version.endswith(dt.date.today().isoformat()) and "/sparql" in ev.version
    assert pulled.now.horizon == dt.date.today().isoformat()
    # the shipped sources keep their own version in the evidence
    assert any(e.version and e.version.startswith("MilkMp/") for e in pulled.at_publication.evidence)


def test_sources_that_disagree_are_shown_not_resolved(server: Server) -> None:
    code, _, err = run("refdata", "pull", *server.args(), "--only", "wikidata")
    assert code == 0, err
    reference = load_reference()
    # on 2026-01-10 the Factbook names Chargé Joan Perkins, the fixture Wikidata answer an ambassador
    for name, title in (("Joan Perkins", "Chargé d'Affaires"), ("Bernardo Navarro", "Ambassador")):
        text = f"The U.S. {title} in Lima is {name}."
        doc = Document(text=text, sha256="t", country="PE", published="2026-01-10")
        claim = Claim("ambassador", "PE", {"name": name, "title": title}, (0, len(text)), text)
        [shipped] = check(doc, [claim], load_reference(DATA_DIR), dt.date(2026, 11, 1))
        [v] = check(doc, [claim], reference, dt.date(2026, 11, 1))
        assert v.at_publication.verdict == "unverifiable", v.message
        assert v.message.startswith("The sources disagree on 2026-01-10") and "wikidata" in v.message
        assert {e.source for e in v.at_publication.evidence} == {"factbook", "wikidata"}
        assert v.now.verdict in ("current", "outdated")  # past the Factbook's horizon Wikidata alone speaks
        assert shipped.at_publication.verdict == ("supported" if name == "Joan Perkins" else "contradicted")


def test_status_warns_about_sources_older_than_90_days() -> None:
    data = status()
    assert data["origin"] == "shipped" and data["set"] is None
    by_source = {s["source"]: s for s in data["sources"]}
    today = dt.date.today()
    for name, s in by_source.items():
        assert s["version"] and s["horizon"] == s["last"] == data["horizons"][name]
        taken = dt.date.fromisoformat(s["upstream_date"])
        assert s["stale"] == ((today - taken).days > 90), name
    if by_source["factbook"]["stale"]:
        assert "ended in February 2026" in by_source["factbook"]["warning"]
    if by_source["pocom"]["stale"]:
        assert "refdata pull" in by_source["pocom"]["warning"]
        code, text, _ = run("refdata", "status")
        assert code == 0
        assert "warning: taken from upstream" in text


def test_check_report_gives_horizon_per_source_and_evidence_versions() -> None:
    example = DATA_DIR.parent / "examples" / "peru-2017.txt"
    code, out, err = run("check", str(example), "--format", "json", "--as-of", "2026-06-01")
    assert code in (0, 1), err
    report = json.loads(out)
    assert report["horizons"]["factbook"] == "2026-01-22" and report["horizons"]["pocom"] == "2020-10-31"
    cited = [e for v in report["verdicts"] for a in ("at_publication", "now") for e in v[a]["evidence"]
             if e["source"] in ("pocom", "rdcr", "factbook")]
    assert cited and all(e["version"].startswith(("HistoryAtState/", "MilkMp/")) for e in cited)
    code, out, _ = run("check", str(example), "--as-of", "2026-06-01")
    assert "Horizon per source: " in out and "pocom 2020-10-31" in out


def test_a_pulled_answer_does_not_extend_countries_it_says_nothing_about(server: Server) -> None:
    code, _, err = run("refdata", "pull", *server.args(), "--only", "wikidata")
    assert code == 0, err
    text = "France's President Emmanuel Macron took office in 2017."
    doc = Document(text=text, sha256="t", country="FR", published="2025-12-01")
    claim = Claim("leader", "FR", {"name": "Emmanuel Macron", "title": "President"}, (0, len(text)), text)
    # more than a year past the Factbook's end, less than a year past the Wikidata answers (today)
    late = max(dt.date.today(), dt.date(2027, 1, 23)) + dt.timedelta(days=1)
    [shipped] = check(doc, [claim], load_reference(DATA_DIR), late)
    [pulled] = check(doc, [claim], load_reference(), late)
    assert shipped.now.verdict == pulled.now.verdict == "unknown"  # the fixture has nothing on France
    assert pulled.now.horizon == "2026-01-22" and pulled.message == shipped.message


def test_one_pull_at_a_time(server: Server, _dirs: Path) -> None:
    from factsheet.reference.datadir import locked

    with locked():
        code, _, err = run("refdata", "pull", *server.args(), "--only", "wikidata")
    assert code == 4 and "error[E-REFDATA-BUSY]" in err and "another" in err
    _unchanged(_dirs, [])
    code, _, err = run("refdata", "pull", *server.args(), "--only", "wikidata")
    assert code == 0, err


def test_wikidata_builder_on_the_fixture_answers(tmp_path: Path) -> None:
    from factsheet.reference import wikidata

    root = tmp_path / "raw"
    shutil.copytree(ANSWERS, root / "wikidata", ignore=shutil.ignore_patterns("changed_shape.json"))
    (root / "wikidata" / "VERSION").write_text(json.dumps({"endpoint": "https://example.test/sparql",
                                                           "fetched": "2026-11-30T08:00:00+00:00"}))
    res = wikidata.build(root)
    assert (len(res.facts), res.skipped, res.malformed) == (7, 3, [])  # no label, no start, no ISO code
    assert (res.first, res.last, res.upstream) == ("2022-08", "2026-11-30", "https://example.test/sparql")
    jeri = next(f for f in res.facts if f.predicate == "chief_of_state" and f.value["name"] == "José Jerí")
    assert (jeri.valid_from, jeri.valid_to, jeri.value["title"]) == ("2025-10-10", "2026-07-28", "President")
    assert jeri.record == "Q419-F1X7-0001" and jeri.observed == "2026-11-30"
    chief = next(f for f in res.facts if f.predicate == "us_chief_of_mission" and f.country == "CO")
    assert chief.value["role"] == "Ambassador" and chief.valid_from == "2024-01" and chief.valid_to is None
    (root / "wikidata" / "heads_of_government.json").write_bytes(b"{}")
    res = wikidata.build(root)
    assert len(res.malformed) == 1 and "heads_of_government.json" in res.malformed[0]
