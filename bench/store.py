"""Benchmark the knowledge base: ingest throughput, bytes per sheet, query latency (issue 6).

    .venv/bin/python bench/store.py [--quick]

- ingest 2,000 generated sheets with --jobs 2 into SQLite (target ≥ 100 sheets/s), twice: with
  the synthetic pipeline (real reader, generated claims/verdicts: the storage layer's own cost)
  and with the full pipeline (read → extract → check), when extract/check/reference are present;
- where the full pipeline's time goes (read, extract, check per sheet, one process);
- database bytes per sheet;
- p95 latency of the `query` filters, `countries` and `history` with 10,000 sheets stored
  (target < 50 ms), on SQLite and on PostgreSQL ($FACTSHEET_BENCH_PG_URL or
  $FACTSHEET_TEST_PG_URL, in a throw-away schema) when reachable;
- the editor's desk (issue 15), on SQLite: `recheck` of 10,000 stored editions with --jobs 2
  (target ≥ 200 editions/s; 50 base sheets through the real pipeline, checked on 2017-03-01, stored
  as 10,000 editions with distinct hashes and dates, then re-judged as of today), and `/stale`
  under 20 concurrent keep-alive clients on that store, `serve --cache-seconds 0` (target p95
  < 50 ms), with the desk memo on and off (`--memo-entries 0`).

    .venv/bin/python bench/store.py --desk-only [--quick]   # just the desk figures

Prints the figures and writes them to bench/out/store.json (--desk-only: bench/out/desk.json).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factsheet.cli.store import DEFAULT_LIMIT  # noqa: E402
from factsheet.store import Store, open_store, samples  # noqa: E402
from factsheet.store.ingest import ingest_paths  # noqa: E402
from factsheet.store.pipeline import prepare_safely  # noqa: E402

INGEST_N = 2000
QUERY_N = 10_000
REPEAT = 15


def p95(samples_ms: list[float]) -> float:
    ordered = sorted(samples_ms)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def timed_ingest(store: Store, folder: Path, jobs: int, processor: Any) -> dict[str, Any]:
    summary = ingest_paths(store, [folder], jobs=jobs, processor=processor)
    out = summary.to_json()
    out["sheets_per_s"] = round(out["new"] / summary.seconds, 1) if summary.seconds else None
    out.pop("failures")
    reasons = sorted({r.reason for r in summary.failed if r.reason})
    if reasons:
        out["failure_reasons"] = [r[:160] for r in reasons[:5]]
    return out


def sqlite_bytes(path: Path) -> int:
    import sqlite3

    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return path.stat().st_size


REFERENCE_LOAD_MS: float | None = None


def pipeline_available() -> str | None:
    """None when extract, check and the reference data all load; else why not."""
    global REFERENCE_LOAD_MS
    try:
        from factsheet.check import check  # noqa: F401
        from factsheet.extract import extract  # noqa: F401
        from factsheet.reference import load_reference

        t0 = time.perf_counter()
        load_reference()
        REFERENCE_LOAD_MS = round((time.perf_counter() - t0) * 1000, 1)
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"
    return None


def profile_stages(folder: Path, n: int = 60) -> dict[str, Any]:
    """Mean milliseconds per sheet in read, extract and check (one process, warm)."""
    from factsheet.check import check
    from factsheet.extract import extract
    from factsheet.read import read_bytes
    from factsheet.reference import load_reference

    ref = load_reference()
    files = sorted(folder.iterdir())[:n]
    totals = {"read": 0.0, "extract": 0.0, "check": 0.0}
    claims_n = 0
    for i, path in enumerate(files):
        raw = path.read_bytes()
        t0 = time.perf_counter()
        doc = read_bytes(raw, name=str(path))
        t1 = time.perf_counter()
        claims = extract(doc)
        t2 = time.perf_counter()
        check(doc, claims, ref, as_of=dt.date.today())
        t3 = time.perf_counter()
        if i:  # the first sheet pays for imports and caches
            totals["read"] += t1 - t0
            totals["extract"] += t2 - t1
            totals["check"] += t3 - t2
        claims_n += len(claims)
    per = {k: round(v * 1000 / (len(files) - 1), 2) for k, v in totals.items()}
    return {"sheets": len(files), "ms_per_sheet": per, "claims_per_sheet": round(claims_n / len(files), 1),
            "reference_load_ms_first": REFERENCE_LOAD_MS}


def query_latency(store: Store) -> dict[str, Any]:
    today = dt.date.today()
    page = DEFAULT_LIMIT  # what `factsheet query` returns unless --limit says otherwise
    queries: dict[str, Callable[[], Any]] = {
        "country": lambda: store.claims(country="PE", limit=page),
        "type": lambda: store.claims(type="ambassador", limit=page),
        "verdict": lambda: store.claims(verdict="contradicted", country="CL", limit=page),
        "since_until": lambda: store.claims(since=dt.date(2005, 1, 1), until=dt.date(2005, 3, 31), limit=page),
        "country_type_verdict": lambda: store.claims(country="PE", type="ambassador", verdict="outdated",
                                                     limit=page),
        "said_on": lambda: store.claims(said_on=dt.date(2010, 6, 1), type="leader", limit=page),
        "limit_100": lambda: store.claims(verdict="outdated", limit=100),
        "countries": lambda: store.countries(),
        "countries_on": lambda: store.countries(on=dt.date(2010, 6, 1)),
        "history": lambda: store.history("PE", "ambassador"),
        "latest_edition": lambda: store.latest_edition("PE", today),
    }
    # the same filters with --limit 0 (every row): thousands of rows cost what they cost
    full: dict[str, Callable[[], Any]] = {
        "full_country": lambda: store.claims(country="PE"),
        "full_type": lambda: store.claims(type="ambassador"),
        "full_since_until": lambda: store.claims(since=dt.date(2005, 1, 1), until=dt.date(2005, 3, 31)),
    }
    out: dict[str, Any] = {}
    everything: list[float] = []
    for name, fn in {**queries, **full}.items():
        fn()  # warm
        times = []
        rows = 0
        for _ in range(REPEAT):
            t0 = time.perf_counter()
            result = fn()
            times.append((time.perf_counter() - t0) * 1000)
            rows = len(result) if isinstance(result, list) else 1
        if name in queries:
            everything.extend(times)
        out[name] = {"p95_ms": round(p95(times), 2), "median_ms": round(statistics.median(times), 2), "rows": rows}
    out["all_p95_ms"] = round(p95(everything), 2)
    return out


def fill_to(store: Store, folder: Path, have: int, want: int) -> float:
    """Add generated sheets have..want-1 (synthetic pipeline, jobs 2); returns seconds."""
    extra = folder.parent / f"extra-{have}"
    samples.write(extra, want - have, start=have)
    t0 = time.perf_counter()
    summary = ingest_paths(store, [extra], jobs=2, processor=samples.synthetic_prepare)
    assert summary.count("new") == want - have, summary.to_json()
    return time.perf_counter() - t0


def bench_backend(label: str, url: str, folder: Path, report: dict[str, Any], quick: bool) -> None:
    print(f"\n[{label}] {url if label == 'sqlite' else 'PostgreSQL'}", flush=True)
    store = open_store(url)
    r = timed_ingest(store, folder, 2, samples.synthetic_prepare)
    print(f"  ingest {INGEST_N} sheets, storage only (synthetic claims), --jobs 2: "
          f"{r['sheets_per_s']} sheets/s ({r['seconds']} s, failed {r['failed']})", flush=True)
    report[label] = {"ingest_storage_only": r}
    if label == "sqlite":
        size = sqlite_bytes(Path(url))
    else:
        import sqlalchemy as sa

        with store.engine.connect() as conn:
            size = int(conn.execute(sa.text(
                "SELECT SUM(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n "
                "ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r'"
            )).scalar() or 0)
    report[label]["bytes_per_sheet_storage_only"] = round(size / INGEST_N)
    print(f"  database bytes per sheet (synthetic: 15 claims + 15 verdicts each, indexes included): "
          f"{size / INGEST_N:,.0f}")
    n = 3000 if quick else QUERY_N
    secs = fill_to(store, folder, INGEST_N, n)
    print(f"  filled to {n} sheets (+{n - INGEST_N} in {secs:.1f} s)", flush=True)
    lat = query_latency(store)
    report[label]["query_latency"] = {"sheets": n, **lat}
    for name, v in lat.items():
        if isinstance(v, dict):
            print(f"  query {name:<22} p95 {v['p95_ms']:>8.2f} ms  median {v['median_ms']:>8.2f} ms  rows {v['rows']}")
    print(f"  all queries p95 {lat['all_p95_ms']} ms with the default page of {DEFAULT_LIMIT:,} rows "
          "(target < 50 ms; the full_* rows are --limit 0, not included)")
    store.close()


def _api_module() -> Any:
    """bench/api.py's load generator (a minimal keep-alive HTTP/1.1 client) and server helpers."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_api", ROOT / "bench" / "api.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_desk_store(path: Path, editions: int, check_date: dt.date) -> float:
    """``editions`` editions of 50 base sheets (real read → extract → check on ``check_date``),
    with distinct content hashes and publication dates 45 days apart; returns seconds."""
    import dataclasses
    import hashlib

    from factsheet.store.pipeline import prepare

    api = _api_module()
    template = api.EXAMPLE.read_text(encoding="utf-8")
    started = time.perf_counter()
    bases = [prepare(template.replace("Peruvians", people).replace("Peru", name).encode(), f"bench/{name}.txt",
                     check_date) for name, people in api.COUNTRIES]
    store = open_store(str(path))
    first = dt.date(2000, 1, 1)
    for i in range(editions):
        base = bases[i % len(bases)]
        day = first + dt.timedelta(days=(i // len(bases)) * 45)
        doc = dataclasses.replace(base.document, sha256=hashlib.sha256(f"desk-{i}".encode()).hexdigest(),
                                  published=day.isoformat(), source=f"bench/{i:05d}.txt")
        store.add_prepared(dataclasses.replace(base, document=doc))
    store.optimize()
    store.close()
    return time.perf_counter() - started


def stale_load(db: Path, requests: int, clients: int, memo: int, path: str = "/stale") -> dict[str, Any]:
    """``factsheet serve --cache-seconds 0`` on loopback, ``requests`` GET ``path`` from ``clients``."""
    import subprocess

    api = _api_module()
    port = api.free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "factsheet", "serve", "--db", str(db), "--host", api.HOST, "--port", str(port),
         "--cache-seconds", "0", "--memo-entries", str(memo)],
        env={**os.environ, "FACTSHEET_TOKEN": ""}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.time() + 60
        while True:
            try:
                api.httpx.get(f"http://{api.HOST}:{port}/openapi.json", timeout=2)
                break
            except api.httpx.TransportError:
                if server.poll() is not None or time.time() > deadline:
                    raise RuntimeError("the server did not start") from None
                time.sleep(0.2)
        import asyncio

        pids = api.server_pids(server.pid)
        cpu0 = sum(api.cpu_seconds(p) for p in pids)
        latencies, elapsed, errors = asyncio.run(api.load(port, requests, clients, [path]))
        cpu = sum(api.cpu_seconds(p) for p in pids) - cpu0
    finally:
        server.terminate()
        server.wait(timeout=10)
    every = latencies[path]
    return {"path": path, "memo_entries": memo, "requests": len(every), "clients": clients, "errors": errors,
            "p50_ms": round(api.pct(every, 0.5), 1), "p95_ms": round(api.pct(every, 0.95), 1),
            "requests_per_s": round(len(every) / elapsed, 1),
            "server_cpu_ms_per_request": round(cpu / len(every) * 1000, 2),
            "load_average_1min": round(os.getloadavg()[0], 2)}


def bench_desk(tmp: Path, report: dict[str, Any], quick: bool) -> None:
    from factsheet.store.recheck import recheck
    from factsheet.store.stale import queue

    n = 1000 if quick else QUERY_N
    db = tmp / "desk.db"
    print(f"\n[desk] building {n:,} editions checked on 2017-03-01 …", flush=True)
    built = build_desk_store(db, n, dt.date(2017, 3, 1))
    out: dict[str, Any] = {"editions": n, "build_s": round(built, 1)}
    import resource

    from factsheet.store import recheck as recheck_module

    store = open_store(str(db))
    writing = [0.0]
    real_write = recheck_module._write_batch

    def timed_write(*args: Any, **kwargs: Any) -> None:
        t0 = time.perf_counter()
        real_write(*args, **kwargs)
        writing[0] += time.perf_counter() - t0

    recheck_module._write_batch = timed_write
    for jobs in (2,):
        before = [resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
        summary = recheck(store, jobs=jobs)
        after = [resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
        # CPU of this process (the writer) and of the workers (reaped when the pool shut down)
        cpu = [(a.ru_utime + a.ru_stime) - (b.ru_utime + b.ru_stime) for a, b in zip(after, before, strict=True)]
        rate = summary.rechecked / summary.seconds
        n_done = max(summary.rechecked, 1)
        out[f"recheck_jobs_{jobs}"] = {
            "rechecked": summary.rechecked, "seconds": round(summary.seconds, 2), "editions_per_s": round(rate, 1),
            "newly": {c: summary.count(c) for c in ("contradicted", "outdated", "supported")},
            "cpu_ms_per_edition_writer": round(cpu[0] / n_done * 1000, 2),
            "cpu_ms_per_edition_workers": round(cpu[1] / n_done * 1000, 2),
            "writer_busy_s": round(writing[0], 2),
            "load_average_1min": round(os.getloadavg()[0], 2),
        }
        total_cpu = (cpu[0] + cpu[1]) / n_done * 1000
        print(f"  recheck {summary.rechecked:,} editions --jobs {jobs}: {rate:.0f} editions/s "
              f"({summary.seconds:.1f} s; target ≥ 200), newly outdated {summary.count('outdated'):,}, "
              f"contradicted {summary.count('contradicted'):,}, supported {summary.count('supported'):,}; "
              f"CPU per edition {total_cpu:.1f} ms (workers {cpu[1] / n_done * 1000:.1f}, writer "
              f"{cpu[0] / n_done * 1000:.1f}; writing {writing[0]:.1f} s) → on two idle cores ≈ "
              f"{2000 / total_cpu:.0f} editions/s", flush=True)
    recheck_module._write_batch = real_write
    again = recheck(store, jobs=2)
    out["recheck_again"] = {"rechecked": again.rechecked, "up_to_date": again.up_to_date,
                            "seconds": round(again.seconds, 2)}
    print(f"  the same recheck again: {again.rechecked} rechecked, {again.up_to_date:,} up to date in "
          f"{again.seconds:.1f} s (idempotent)")
    t0 = time.perf_counter()
    entries = queue(store)
    out["queue"] = {"entries": len(entries), "ms": round((time.perf_counter() - t0) * 1000, 1)}
    store.close()
    print(f"  stale queue: {len(entries)} claims in {out['queue']['ms']} ms (library call)")
    # /api/countries under the same conditions: a baseline for what the machine's load allows
    runs = [("stale_memo_64", "/stale", 64), ("stale_memo_0", "/stale", 0), ("api_stale", "/api/stale", 64),
            ("baseline_api_countries", "/api/countries", 64)]
    for label, path, memo in runs:
        # without the memo every request re-reads and re-renders the queue (≈ 30 ms): fewer requests
        r = stale_load(db, (400 if quick else 2000) // (10 if memo == 0 else 1), 20, memo, path)
        out[label] = r
        print(f"  GET {path}, 20 clients, --cache-seconds 0 --memo-entries {memo}: p50 {r['p50_ms']} ms, "
              f"p95 {r['p95_ms']} ms (target < 50), {r['requests_per_s']} requests/s, server CPU "
              f"{r['server_cpu_ms_per_request']} ms/request, {r['errors']} errors, load {r['load_average_1min']}",
              flush=True)
    report["desk"] = out


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    if "--desk-only" in argv:
        report: dict[str, Any] = {"date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                                  "load_average_start": [round(x, 2) for x in os.getloadavg()]}
        with tempfile.TemporaryDirectory(prefix="bench-desk-") as tmp:
            bench_desk(Path(tmp), report, quick)
        report["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
        print(f"load average {report['load_average_start']} → {report['load_average_end']}")
        out = ROOT / "bench" / "out"
        out.mkdir(parents=True, exist_ok=True)
        (out / "desk.json").write_text(json.dumps(report, indent=2) + "\n")
        return 0
    report = {
        "machine": {"processor": platform.processor() or platform.machine(), "cpus": os.cpu_count(),
                    "python": platform.python_version()},
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    report["load_average_start"] = [round(x, 2) for x in os.getloadavg()]
    print(f"machine: {report['machine']}, load average {report['load_average_start']} "
          "(other processes share these cores: figures scale with it)")
    with tempfile.TemporaryDirectory(prefix="bench-store-") as tmp:
        folder = Path(tmp) / "sheets"
        samples.write(folder, INGEST_N)

        why = pipeline_available()
        if why is None:
            prof = profile_stages(folder)
            report["pipeline_profile"] = prof
            print(f"full pipeline, one process: {prof['ms_per_sheet']} ms per sheet "
                  f"({prof['claims_per_sheet']} claims per sheet; first reference load {prof['reference_load_ms_first']} ms)")
            db = Path(tmp) / "full.db"
            store = open_store(str(db))
            full_n = 400 if quick else INGEST_N
            sub = folder if full_n == INGEST_N else Path(tmp) / "subset"
            if sub != folder:
                samples.write(sub, full_n)
            r = timed_ingest(store, sub, 2, prepare_safely)
            store.close()
            r["bytes_per_sheet"] = round(sqlite_bytes(db) / max(r["new"], 1))
            report["ingest_full_pipeline_sqlite"] = r
            print(f"ingest {full_n} sheets, full pipeline (read+extract+check), --jobs 2, SQLite: "
                  f"{r['sheets_per_s']} sheets/s ({r['seconds']} s, failed {r['failed']}); "
                  f"{r['bytes_per_sheet']:,} bytes per sheet", flush=True)
        else:
            report["ingest_full_pipeline_sqlite"] = {"skipped": why}
            print(f"full pipeline not measured: {why}")

        bench_backend("sqlite", str(Path(tmp) / "bench.db"), folder, report, quick)
        bench_desk(Path(tmp), report, quick)

        pg = os.environ.get("FACTSHEET_BENCH_PG_URL") or os.environ.get("FACTSHEET_TEST_PG_URL")
        if pg:
            try:
                import sqlalchemy as sa

                from factsheet.store.engine import resolve

                engine = sa.create_engine(resolve(pg).url, isolation_level="AUTOCOMMIT")
                schema = f"fs_bench_{uuid.uuid4().hex[:8]}"
                with engine.connect() as conn:
                    conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
                try:
                    sep = "&" if "?" in pg else "?"
                    bench_backend("postgresql", f"{pg}{sep}options=-csearch_path%3D{schema}", folder, report, quick)
                finally:
                    with engine.connect() as conn:
                        conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
                    engine.dispose()
            except Exception as exc:
                report["postgresql"] = {"skipped": f"{type(exc).__name__}: {str(exc).splitlines()[0]}"}
                print(f"\nPostgreSQL not measured: {report['postgresql']['skipped']}")
        else:
            report["postgresql"] = {"skipped": "set FACTSHEET_BENCH_PG_URL or FACTSHEET_TEST_PG_URL"}
            print("\nPostgreSQL not measured: set FACTSHEET_BENCH_PG_URL or FACTSHEET_TEST_PG_URL")

    report["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    print(f"load average at the end: {report['load_average_end']}")
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "store.json").write_text(json.dumps(report, indent=2) + "\n")
    print(f"\nwritten: {out / 'store.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
