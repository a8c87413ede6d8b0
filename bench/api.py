"""Load on the web server over loopback: the sheet page and the countries endpoint, 10,000 sheets stored.

Builds (once, cached in bench/out/api-store.db) a store of 10,000 sheets: 50 base sheets (the
bundled example rewritten for 50 countries) go through the real read → extract → check pipeline
once each; the 10,000 editions are those documents with distinct content hashes and publication
dates, inserted through the store's own ``add_prepared``. Then starts ``factsheet serve`` on
127.0.0.1 in a subprocess and sends a fixed number of requests from 20 concurrent clients,
alternating ``GET /countries/PE`` (the sheet page) and ``GET /api/countries``, in four server
configurations: the response cache on (1 s), off, off with the content memos off too
(``--memo-entries 0``: every request decodes and renders), and off with two worker processes.

Three more scenarios (issue 14), with the default server settings: **quiet** — the 20 clients
``GET /api/countries`` (the baseline of the next); **hostile** — one client posts
hostile sheets (the generators of tests/hostile_inputs.py at about 100 KB, and ../shared/hostile
when present) to ``POST /api/check`` in a loop while the 20 others ``GET /api/countries``; and
**cache filling** — the 20 clients ask for 5,000 distinct URLs (``/api/countries?fill=N``) so
the response cache fills. Each reports the GET p95 and the server's peak memory (the server and its
check workers, proportional set size sampled every 0.1 s; target < 500 MB).

Prints p50/p95 latency per endpoint and overall, requests/s and the machine; writes
bench/out/api.json. Usage: ``.venv/bin/python bench/api.py [--requests 2000] [--clients 20]
[--only hostile,cache_filling]``.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import datetime as dt
import hashlib
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
EXAMPLE = ROOT / "factsheet" / "data" / "examples" / "peru-2017.txt"
HOST = "127.0.0.1"  # loopback only, by design
SHEETS = 10_000
COUNTRIES = [
    ("Peru", "Peruvians"), ("Chile", "Chileans"), ("Colombia", "Colombians"), ("Ecuador", "Ecuadorians"),
    ("Bolivia", "Bolivians"), ("Paraguay", "Paraguayans"), ("Uruguay", "Uruguayans"), ("Argentina", "Argentines"),
    ("Brazil", "Brazilians"), ("Mexico", "Mexicans"), ("Guatemala", "Guatemalans"), ("Honduras", "Hondurans"),
    ("Nicaragua", "Nicaraguans"), ("Costa Rica", "Costa Ricans"), ("Panama", "Panamanians"),
    ("Jamaica", "Jamaicans"), ("Haiti", "Haitians"), ("Venezuela", "Venezuelans"), ("Guyana", "Guyanese"),
    ("Suriname", "Surinamese"), ("Spain", "Spaniards"), ("Portugal", "Portuguese"), ("France", "French"),
    ("Italy", "Italians"), ("Greece", "Greeks"), ("Poland", "Poles"), ("Norway", "Norwegians"),
    ("Sweden", "Swedes"), ("Finland", "Finns"), ("Ireland", "Irish"), ("Kenya", "Kenyans"),
    ("Ghana", "Ghanaians"), ("Senegal", "Senegalese"), ("Nigeria", "Nigerians"), ("Zambia", "Zambians"),
    ("Egypt", "Egyptians"), ("Jordan", "Jordanians"), ("Morocco", "Moroccans"), ("Tunisia", "Tunisians"),
    ("Oman", "Omanis"), ("India", "Indians"), ("Nepal", "Nepalis"), ("Pakistan", "Pakistanis"),
    ("Japan", "Japanese"), ("Vietnam", "Vietnamese"), ("Thailand", "Thais"), ("Indonesia", "Indonesians"),
    ("Mongolia", "Mongolians"), ("Fiji", "Fijians"), ("Australia", "Australians"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def build_store(path: Path, sheets: int) -> dict[str, float]:
    """Store ``sheets`` editions: 50 real pipeline runs, then hash/date variants via add_prepared."""
    from factsheet.store import open_store
    from factsheet.store.pipeline import prepare

    template = EXAMPLE.read_text(encoding="utf-8")
    started = time.perf_counter()
    bases = []
    for name, people in COUNTRIES:
        text = template.replace("Peruvians", people).replace("Peru", name)
        bases.append(prepare(text.encode("utf-8"), f"bench/{name}.txt", dt.date(2026, 11, 27)))
    pipeline_s = time.perf_counter() - started
    tmp = path.with_suffix(".tmp")
    for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        leftover.unlink(missing_ok=True)
    store = open_store(str(tmp))
    first = dt.date(2000, 1, 1)
    for i in range(sheets):
        base = bases[i % len(bases)]
        day = first + dt.timedelta(days=(i // len(bases)) * 45)
        doc = dataclasses.replace(
            base.document,
            sha256=hashlib.sha256(f"bench-{i}".encode()).hexdigest(),
            published=day.isoformat(),
            source=f"bench/{i:05d}.txt",
        )
        store.add_prepared(dataclasses.replace(base, document=doc))
    store.close()
    tmp.replace(path)
    for suffix in ("-wal", "-shm"):
        Path(f"{tmp}{suffix}").unlink(missing_ok=True)
    return {"pipeline_s": round(pipeline_s, 2), "insert_s": round(time.perf_counter() - started - pipeline_s, 2)}


def stored_count(path: Path) -> int:
    """Documents in the cached store, or 0 when it is missing or this factsheet cannot open it."""
    from factsheet.errors import FactsheetError
    from factsheet.store import open_store

    if not path.exists():
        return 0
    try:
        store = open_store(str(path))
    except FactsheetError:  # e.g. built by an older schema: rebuild
        return 0
    try:
        return int(store.stats()["documents"])
    finally:
        store.close()


class Connection:
    """One keep-alive HTTP/1.1 connection: a load generator as light as wrk's, so the client's own
    CPU (an HTTP library costs a few ms per request) does not swamp the server's latency."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str) -> None:
        self.reader, self.writer, self.host = reader, writer, host

    @classmethod
    async def open(cls, host: str, port: int) -> Connection:
        reader, writer = await asyncio.open_connection(host, port)
        return cls(reader, writer, f"{host}:{port}")

    async def get(self, path: str) -> int:
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\nAccept: */*\r\n\r\n".encode())
        return await self._response()

    async def post(self, path: str, body: bytes, kind: str) -> int:
        self.writer.write(f"POST {path} HTTP/1.1\r\nHost: {self.host}\r\nAccept: */*\r\n"
                          f"Content-Type: {kind}\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body)
        return await self._response()

    async def _response(self) -> int:
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        length = next(int(line.split(":", 1)[1]) for line in lines[1:] if line.lower().startswith("content-length:"))
        await self.reader.readexactly(length)
        return status

    def close(self) -> None:
        self.writer.close()


async def load(port: int, total: int, clients: int, paths: list[str]) -> tuple[dict[str, list[float]], float, int]:
    latencies: dict[str, list[float]] = {p: [] for p in paths}
    errors = 0
    counter = iter(range(total))
    connections = [await Connection.open(HOST, port) for _ in range(clients)]

    async def client(conn: Connection) -> None:
        nonlocal errors
        for i in counter:
            path = paths[i % len(paths)]
            t0 = time.perf_counter()
            status = await conn.get(path)
            latencies[path].append(time.perf_counter() - t0)
            if status != 200:
                errors += 1

    for conn in connections:  # warm up every connection (and so every worker): template compile
        for path in paths:
            await conn.get(path)
    started = time.perf_counter()
    await asyncio.gather(*(client(conn) for conn in connections))
    elapsed = time.perf_counter() - started
    for conn in connections:
        conn.close()
    return latencies, elapsed, errors


def hostile_sheets() -> list[tuple[bytes, str]]:
    """The hostile inputs one client posts in a loop: generators at about 100 KB, reproducers."""
    sys.path.insert(0, str(ROOT / "tests"))
    from hostile_inputs import GENERATORS

    out = []
    for name, (generate, base) in sorted(GENERATORS.items()):
        per_unit = len(generate(base)) / base
        raw = generate(max(1, int(100_000 / per_unit)))
        out.append((raw, "text/html" if name.startswith("html") else "text/plain"))
    shared = ROOT.parent / "shared" / "hostile"
    if shared.is_dir():
        out += [(p.read_bytes(), "text/html" if p.suffix == ".html" else "text/plain")
                for p in sorted(shared.glob("*")) if p.name != "README.md"]
    return out


def rss_mb(pids: list[int]) -> float:
    """Memory of these processes and their children, in MB (Linux /proc): the proportional set
    size where the kernel gives it (a forked check worker shares the server's pages; plain RSS
    would count them twice), else the resident set."""
    total = 0
    for pid in {*pids, *(c for p in pids for c in server_pids(p))}:
        for name, key in (("smaps_rollup", "Pss:"), ("status", "VmRSS:")):
            try:
                lines = Path(f"/proc/{pid}/{name}").read_text().splitlines()
            except OSError:
                continue
            found = [int(line.split()[1]) for line in lines if line.startswith(key)]
            if found:
                total += found[0]
                break
    return total / 1024


async def hostile_load(port: int, total: int, clients: int, server_pid: int,
                       scenario: str) -> dict[str, Any]:
    """GET /api/countries from ``clients`` connections while one more posts hostile sheets
    ("hostile"), or ``clients`` connections GET distinct URLs ("cache_filling")."""
    latencies: list[float] = []
    errors = 0
    posted: dict[int, int] = {}
    done = asyncio.Event()
    peak = [0.0]
    counter = iter(range(total))

    async def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], rss_mb([server_pid]))
            await asyncio.sleep(0.1)

    async def getter(conn: Connection) -> None:
        nonlocal errors
        for i in counter:
            # cache filling: 5,000 distinct URLs of the same 50-country list (an unknown query
            # parameter is ignored but keys the cache), ≈ 15 KB each: 75 MB if nothing bounded it
            path = f"/api/countries?fill={i}" if scenario == "cache_filling" else "/api/countries"
            t0 = time.perf_counter()
            status = await conn.get(path)
            latencies.append(time.perf_counter() - t0)
            errors += status != 200

    async def poster() -> None:
        sheets = hostile_sheets()
        conn = await Connection.open(HOST, port)
        i = 0
        while not done.is_set():
            raw, kind = sheets[i % len(sheets)]
            status = await conn.post("/api/check?as_of=2026-11-27", raw, kind)
            posted[status] = posted.get(status, 0) + 1
            i += 1
        conn.close()

    connections = [await Connection.open(HOST, port) for _ in range(clients)]
    for conn in connections:
        await conn.get("/api/countries")
    sampler = asyncio.create_task(sample())
    post_task = asyncio.create_task(poster()) if scenario == "hostile" else None
    if post_task is not None:
        await asyncio.sleep(1.0)  # the first hostile sheets are in the worker when the GETs start
    started = time.perf_counter()
    await asyncio.gather(*(getter(conn) for conn in connections))
    elapsed = time.perf_counter() - started
    done.set()
    if post_task is not None:
        await post_task
    await sampler
    for conn in connections:
        conn.close()
    return {"scenario": scenario, "errors": errors, "seconds": round(elapsed, 2),
            "gets": len(latencies), "get_p50_ms": round(pct(latencies, 0.50), 1),
            "get_p95_ms": round(pct(latencies, 0.95), 1), "posts_by_status": posted,
            "server_peak_rss_mb": round(peak[0]), "load_average_1min": round(os.getloadavg()[0], 2)}


def started(server: subprocess.Popen[bytes], port: int, log_name: str, seconds: float = 60) -> bool:
    """Wait until the server answers; False (with where to look) when it exits or times out."""
    deadline = time.time() + seconds
    while True:
        try:
            httpx.get(f"http://{HOST}:{port}/openapi.json", timeout=2)
            return True
        except httpx.TransportError:
            if server.poll() is not None or time.time() > deadline:
                print(f"the server did not start: see {log_name}", file=sys.stderr)
                return False
            time.sleep(0.2)


def run_hostile(db: Path, requests: int, clients: int, scenario: str) -> dict[str, Any] | None:
    port = free_port()
    log = (OUT / "api-server.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "factsheet", "serve", "--db", str(db), "--host", HOST, "--port", str(port)],
        env={**os.environ, "FACTSHEET_TOKEN": ""}, stdout=subprocess.DEVNULL, stderr=log)
    try:
        if not started(server, port, log.name):
            return None
        return asyncio.run(hostile_load(port, requests, clients, server.pid, scenario))
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc), 0.0 where unavailable."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def server_pids(pid: int) -> list[int]:
    """The server process and its children (uvicorn's workers), from /proc."""
    found = [pid]
    try:
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                if int(stat[1]) == pid:
                    found.append(int(entry.name))
    except OSError:
        pass
    return found


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--sheets", type=int, default=SHEETS)
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached store")
    parser.add_argument("--only", default=None,
                        help="comma-separated runs to do (cache_1s, no_cache, no_cache_no_memo, "
                             "no_cache_2_workers, quiet, hostile, cache_filling)")
    args = parser.parse_args()
    only = set(args.only.split(",")) if args.only else None
    OUT.mkdir(parents=True, exist_ok=True)
    db = OUT / f"api-store-{args.sheets}.db"
    build: dict[str, float] = {}
    if args.rebuild or stored_count(db) != args.sheets:
        for stale in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
            stale.unlink(missing_ok=True)
        print(f"building a store of {args.sheets:,} sheets in {db} …", flush=True)
        build = build_store(db, args.sheets)
        print(f"  pipeline (50 base sheets) {build['pipeline_s']} s, inserts {build['insert_s']} s")
    runs = {}
    configs = [  # (label, --cache-seconds, --memo-entries, --workers)
        ("cache_1s", 1.0, 64, 1),
        ("no_cache", 0.0, 64, 1),
        ("no_cache_no_memo", 0.0, 0, 1),
        ("no_cache_2_workers", 0.0, 64, 2),
    ]
    for label, seconds, memo, workers in configs:
        if only is not None and label not in only:
            continue
        figures = run_server(db, args.requests, args.clients, seconds, memo, workers)
        if figures is None:
            return 1
        runs[label] = figures
        print(f"{label} (serve --cache-seconds {seconds:g} --memo-entries {memo} --workers {workers}): "
              f"{figures['errors']} errors, load average {figures['load_average_1min']}")
        for p, f in figures["endpoints"].items():
            print(f"  GET {p:<16} p50 {f['p50_ms']:>7.1f} ms  p95 {f['p95_ms']:>7.1f} ms")
        print(f"  overall p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms (target < 100 ms), "
              f"{figures['requests_per_s']} requests/s, server CPU {figures['server_cpu_ms_per_request']} ms/request")
    for scenario in ("quiet", "hostile", "cache_filling"):
        if only is not None and scenario not in only:
            continue
        hostile = run_hostile(db, 5000 if scenario == "cache_filling" else 3 * args.requests,
                              args.clients, scenario)
        if hostile is None:
            return 1
        runs[scenario] = hostile
        print(f"{scenario}: GET p50 {hostile['get_p50_ms']} ms, p95 {hostile['get_p95_ms']} ms "
              f"(target < 100 ms), {hostile['errors']} errors, posts by status "
              f"{hostile['posts_by_status']}, server peak memory {hostile['server_peak_rss_mb']} MB "
              f"(target < 500 MB), load average {hostile['load_average_1min']}")
    result = {
        "machine": {"processor": platform.processor() or platform.machine(), "cpus": os.cpu_count(),
                    "python": platform.python_version()},
        "sheets_stored": args.sheets,
        "requests": args.requests,
        "clients": args.clients,
        "target_p95_ms": 100,
        **runs,
        **({"build": build} if build else {}),
    }
    load_avg = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    result["load_average_1min"] = load_avg
    print(f"machine: {result['machine']}, load average {load_avg}; {args.sheets:,} sheets stored; "
          f"{args.requests:,} requests from {args.clients} clients on {HOST}")
    (OUT / "api.json").write_text(json.dumps(result, indent=2) + "\n")
    return 1 if any(r["errors"] for r in runs.values()) else 0


def run_server(db: Path, requests: int, clients: int, cache_seconds: float, memo: int = 64,
               workers: int = 1) -> dict[str, Any] | None:
    """Start ``factsheet serve`` on loopback, load it, stop it; the figures or None if it failed."""
    port = free_port()
    env = {**os.environ, "FACTSHEET_TOKEN": ""}
    log = (OUT / "api-server.log").open("w")  # a pipe would fill up and stall the server
    server = subprocess.Popen(
        [sys.executable, "-m", "factsheet", "serve", "--db", str(db), "--host", HOST, "--port", str(port),
         "--cache-seconds", str(cache_seconds), "--memo-entries", str(memo), "--workers", str(workers)],
        env=env, stdout=subprocess.DEVNULL, stderr=log,
    )
    try:
        if not started(server, port, log.name):
            return None
        paths = ["/countries/PE", "/api/countries"]
        pids = server_pids(server.pid)
        cpu_before = sum(cpu_seconds(p) for p in pids)
        latencies, elapsed, errors = asyncio.run(load(port, requests, clients, paths))
        server_cpu = sum(cpu_seconds(p) for p in pids) - cpu_before
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()
    every = [x for values in latencies.values() for x in values]
    return {
        "cache_seconds": cache_seconds,
        "memo_entries": memo,
        "workers": workers,
        "load_average_1min": round(os.getloadavg()[0], 2),
        "errors": errors,
        "seconds": round(elapsed, 2),
        "requests_per_s": round(len(every) / elapsed, 1),
        # CPU the server spent per request: what the machine's load does not change much
        "server_cpu_ms_per_request": round(server_cpu / len(every) * 1000, 2),
        "p50_ms": round(pct(every, 0.50), 1),
        "p95_ms": round(pct(every, 0.95), 1),
        "endpoints": {
            p: {"requests": len(v), "p50_ms": round(pct(v, 0.50), 1), "p95_ms": round(pct(v, 0.95), 1),
                "mean_ms": round(statistics.fmean(v) * 1000, 1)}
            for p, v in latencies.items()
        },
    }


if __name__ == "__main__":
    sys.exit(main())
