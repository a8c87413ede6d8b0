"""``factsheet query | countries | history | export | ingest`` over a store filled here."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from factsheet.cli import main
from factsheet.model import Claim
from factsheet.store import open_store, samples
from factsheet.store.codec import verdict_from_json
from factsheet.store.samples import synthetic_prepare

# Peru is sheets 0, 40 and 80; sheet i names ambassador (i // 3) % 10.
PERU_AMBASSADORS = ["Brian A. Nichols", "Grace T. Okafor", "Henry P. Lindqvist"]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """120 generated sheets: 40 countries × 3 editions (2000-01 … 2000-03), synthetic verdicts."""
    path = str(tmp_path_factory.mktemp("cli") / "kb.db")
    with open_store(path) as store:
        for name, raw in samples.generate(120):
            store.add_prepared(synthetic_prepare(raw, name))  # type: ignore[arg-type]
    return path


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, result.output


def test_query_json_filters(db: str) -> None:
    code, out = run("query", "--db", db, "--country", "Peru", "--type", "ambassador", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == 3 and {r["country"] for r in rows} == {"PE"}
    assert [r["published"] for r in rows] == sorted(r["published"] for r in rows)
    assert rows[0]["value"] == "Ambassador Brian A. Nichols"
    code, out = run("query", "--db", db, "--country", "pe", "--type", "ambassador", "--format", "json")
    assert json.loads(out) == rows  # ISO code, any case


def test_query_verdict_and_dates(db: str) -> None:
    code, out = run("query", "--db", db, "--verdict", "outdated", "--format", "jsonl")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows and all(r["now"] == "outdated" for r in rows)
    _, out = run("query", "--db", db, "--until", "2000-01-31", "--format", "jsonl")
    assert {json.loads(line)["published"][:7] for line in out.splitlines()} == {"2000-01"}
    _, out = run("query", "--db", db, "--said-on", "2000-02-15", "--country", "CL", "--format", "json")
    assert {r["published"] for r in json.loads(out)} == {"2000-02-08"}


def test_query_csv_and_table(db: str) -> None:
    code, out = run("query", "--db", db, "--country", "CL", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 45 and rows[0]["country"] == "CL"
    assert json.loads(rows[0]["fields"])["words"] > 0
    code, out = run("query", "--db", db, "--country", "CL", "--type", "ambassador")
    assert code == 0 and "3 claims" in out and "Ambassador" in out


def test_usage_errors_exit_2(db: str) -> None:
    code, out = run("query", "--db", db, "--since", "last week")
    assert code == 2 and out.startswith("error[E-USAGE-DATE]: --since 'last week'")
    code, out = run("query", "--db", db, "--country", "Atlantis")
    assert code == 2 and "Unknown country 'Atlantis'" in out


def test_countries(db: str) -> None:
    code, out = run("countries", "--db", db, "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == 40 and all(r["editions"] == 3 for r in rows)
    pe = next(r for r in rows if r["country"] == "PE")
    assert pe["latest_published"] == "2000-03-06" and pe["claims"] == 15
    assert pe["contradicted"] + pe["supported"] + pe["unverifiable"] == 15
    code, out = run("countries", "--db", db, "--on", "2000-01-31", "--format", "json")
    assert {r["editions"] for r in json.loads(out)} == {1}
    code, out = run("countries", "--db", db)
    assert code == 0 and "40 countries" in out and "days since" in out


def test_history(db: str) -> None:
    code, out = run("history", "Peru", "ambassador", "--db", db, "--format", "json")
    assert code == 0
    hist = json.loads(out)
    assert [h["edition"] for h in hist] == [1, 2, 3]
    assert [h["claims"][0]["value"] for h in hist] == [f"Ambassador {n}" for n in PERU_AMBASSADORS]
    code, out = run("history", "PE", "ambassador", "--db", db)
    assert code == 0 and "Grace T. Okafor" in out and "3 editions of PE" in out


def test_db_from_environment(db: str) -> None:
    code, out = run("countries", "--format", "json", env={"FACTSHEET_DB": db})
    assert code == 0 and len(json.loads(out)) == 40


def test_export_jsonl_round_trips(db: str, tmp_path: Path) -> None:
    out_path = tmp_path / "all.jsonl"
    code, _ = run("export", "--db", db, "--format", "jsonl", "-o", str(out_path))
    assert code == 0
    lines = [json.loads(line) for line in out_path.read_text().splitlines()]
    assert len(lines) == 120
    with open_store(db) as store:
        first = store.document(lines[0]["id"])
    assert [Claim.from_json(c) for c in lines[0]["claims"]] == first.claims
    assert [verdict_from_json(v) for v in lines[0]["verdicts"]] == first.verdicts
    assert lines[0]["document"]["sha256"] == first.document.sha256


def test_export_csv_one_claim_per_row(db: str) -> None:
    code, out = run("export", "--db", db, "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 120 * 15
    assert {"country", "type", "quote", "at_publication", "now", "fields"} <= set(rows[0])


def test_export_sqlite_for_datasette(db: str, tmp_path: Path) -> None:
    target = tmp_path / "export.db"
    code, out = run("export", "--db", db, "--format", "sqlite", "-o", str(target))
    assert code == 0, out
    con = sqlite3.connect(target)
    assert con.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 120
    assert con.execute("SELECT COUNT(*) FROM claims").fetchone()[0] == 1800
    assert con.execute("SELECT COUNT(*) FROM verdicts").fetchone()[0] == 1800
    assert con.execute("SELECT COUNT(*) FROM latest_editions").fetchone()[0] == 40
    summary = con.execute("SELECT country, editions, claims FROM country_summary WHERE country = 'PE'").fetchone()
    assert summary == ("PE", 3, 15)
    names = [r[0] for r in con.execute("SELECT name FROM ambassadors WHERE country = 'PE'")]
    assert names == PERU_AMBASSADORS
    problems = con.execute("SELECT COUNT(*) FROM problems").fetchone()[0]
    expected = con.execute(
        "SELECT COUNT(*) FROM claims WHERE at_publication IN ('contradicted', 'inconsistent') "
        "OR now IN ('outdated', 'contradicted')"
    ).fetchone()[0]
    assert problems == expected > 0
    hits = con.execute("SELECT COUNT(*) FROM claims_fts WHERE claims_fts MATCH 'Ortiz'").fetchone()[0]
    assert hits == 12  # sheets i with (i // 3) % 10 == 1: 3–5, 33–35, 63–65, 93–95
    con.close()
    code, out = run("export", "--db", db, "--format", "sqlite", "-o", str(target))
    assert code == 2 and "pass --force" in out  # an existing output file is a usage error
    code, out = run("export", "--db", db, "--format", "sqlite")
    assert code == 2 and "--output" in out


def test_ingest_reports_failures_and_goes_on(tmp_path: Path) -> None:
    (tmp_path / "sheets").mkdir()
    (tmp_path / "sheets" / "empty.txt").write_text("")
    (tmp_path / "sheets" / "ignored.pdf").write_bytes(b"%PDF")
    db = str(tmp_path / "kb.db")
    code, out = run("ingest", str(tmp_path / "sheets"), str(tmp_path / "missing.txt"), "--db", db,
                    "--format", "json")
    assert code == 3
    summary = json.loads(out)
    assert (summary["files"], summary["new"], summary["failed"]) == (2, 0, 2)
    reasons = {Path(f["source"]).name: f["reason"] for f in summary["failures"]}
    assert reasons["empty.txt"].startswith("E-INPUT-EMPTY")
    assert reasons["missing.txt"].startswith("E-INPUT-NOT-FOUND")
    code, out = run("ingest", str(tmp_path / "sheets"), "--glob", "*.pdf", "--db", db)
    assert code == 3 and "new 0, unchanged 0, failed 1" in out and "ignored.pdf" in out


def test_query_pages_by_default_and_limit_0_gives_all(db: str) -> None:
    from factsheet.cli.store import DEFAULT_LIMIT

    everything = CliRunner().invoke(main, ["query", "--db", db, "--limit", "0", "--format", "jsonl"])
    total = len(everything.stdout.splitlines())
    assert everything.exit_code == 0 and "note:" not in everything.stderr
    assert DEFAULT_LIMIT == 1000 and total > 1000  # 120 sheets × ≈ 15 claims
    paged = CliRunner().invoke(main, ["query", "--db", db, "--format", "jsonl"])
    assert len(paged.stdout.splitlines()) == DEFAULT_LIMIT
    assert "first 1,000 claims; --limit 0 for all" in paged.stderr
    few = CliRunner().invoke(main, ["query", "--db", db, "--limit", "5", "--format", "json"])
    assert len(json.loads(few.stdout)) == 5
    exact = CliRunner().invoke(main, ["query", "--db", db, "--limit", str(total), "--format", "jsonl"])
    assert len(exact.stdout.splitlines()) == total and "note:" not in exact.stderr


def test_a_huge_limit_does_not_overflow(db: str) -> None:
    with open_store(db) as store:
        assert len(store.claims(country="CL", limit=10**30)) == 45
        assert store.claims(country="CL", limit=5, offset=10**30) == []
