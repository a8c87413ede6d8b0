"""Writing sheets: sheets rendered per second, and `factsheet update` end to end from a cold start.

Usage: ``.venv/bin/python bench/render.py [--count N]`` (or ``make bench``). Renders N sheets
(countries × dates, from the shipped reference data, text view) in this process after one warm-up
sheet, then runs ``factsheet update <example> --as-of 2026-11-27 --out <tmp>`` as a fresh
subprocess five times (the cold start: interpreter, imports, reference load, read, extract,
check, render, write). Targets: ≥ 200 sheets/s; update < 1.5 s. Figures go to
``bench/out/render.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COUNTRIES = ("PE", "MX", "PH", "VN", "MM", "CV", "CI", "VA", "KP", "DE", "NG", "IN", "JP", "EG", "BR", "FR",
             "KE", "CO", "KR", "AU")
DATES = (dt.date(2005, 6, 1), dt.date(2012, 3, 1), dt.date(2017, 1, 25), dt.date(2021, 7, 1),
         dt.date(2026, 11, 27))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from factsheet.reference import load_reference
    from factsheet.render import render_sheet

    t0 = time.perf_counter()
    ref = load_reference()
    load_s = time.perf_counter() - t0
    render_sheet("PE", DATES[-1], ref).to_text()  # warm-up: templates, caches
    jobs = [(c, d) for d in DATES for c in COUNTRIES]
    start = time.perf_counter()
    cpu0 = time.process_time()
    chars = 0
    for i in range(args.count):
        country, date = jobs[i % len(jobs)]
        chars += len(render_sheet(country, date, ref).to_text())
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu0
    per_s = args.count / elapsed

    example = ROOT / "factsheet" / "data" / "examples" / "peru-2017.txt"
    exe = Path(sys.executable).with_name("factsheet")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "factsheet"]
    # Cold starts two ways: with a bytecode cache (as after an install: a private cache dir, warmed
    # by one uncounted run, nothing written into the tree) and with the environment as it is (here
    # PYTHONDONTWRITEBYTECODE=1 may be set: every module then compiles from source on each run).
    results: dict[str, tuple[list[float], list[float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "peru.txt"
        cached_env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        cached_env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        for name, env, warm in (("cached", cached_env, True), ("as_is", dict(os.environ), False)):
            times, cpus = [], []
            for run in range(args.runs + (1 if warm else 0)):
                t = time.perf_counter()
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                proc = subprocess.run([*cmd, "update", str(example), "--as-of", "2026-11-27", "--out", str(out)],
                                      capture_output=True, text=True, check=False, env=env)
                elapsed_run = time.perf_counter() - t
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                if proc.returncode != 0:
                    print(proc.stderr, file=sys.stderr)
                    return 1
                if warm and run == 0:
                    continue
                times.append(elapsed_run)
                cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
            results[name] = (times, cpus)
    times, cpus = results["cached"]
    raw_times, raw_cpus = results["as_is"]
    figures = {
        "machine": {"processor": platform.processor() or platform.machine(), "cpus": os.cpu_count(),
                    "python": platform.python_version()},
        "sheets": args.count,
        "sheets_per_s": round(per_s, 1),
        "sheets_per_cpu_s": round(args.count / cpu, 1),
        "load_average": os.getloadavg()[0],
        "ms_per_sheet": round(1000 * elapsed / args.count, 3),
        "reference_load_s": round(load_s, 3),
        "update_cold_s_median": round(statistics.median(times), 3),
        "update_cold_s_min": round(min(times), 3),
        "update_cold_cpu_s_median": round(statistics.median(cpus), 3),
        "update_cold_no_bytecode_cache_s_median": round(statistics.median(raw_times), 3),
        "update_cold_no_bytecode_cache_cpu_s_median": round(statistics.median(raw_cpus), 3),
        "pythondontwritebytecode": os.environ.get("PYTHONDONTWRITEBYTECODE"),
        "update_runs": args.runs,
        "targets": {"sheets_per_s": 200, "update_cold_s": 1.5},
    }
    print(f"machine: {figures['machine']}")
    print(f"render: {args.count} sheets in {elapsed:.2f} s → {per_s:,.0f} sheets/s "
          f"({figures['ms_per_sheet']} ms/sheet; {figures['sheets_per_cpu_s']:,.0f} per CPU-second; target ≥ 200); "
          f"reference load {load_s:.2f} s; load average {figures['load_average']:.1f} on {os.cpu_count()} CPUs")
    print(f"update (cold subprocess, bytecode cached, {args.runs} runs): median {figures['update_cold_s_median']} s, "
          f"min {figures['update_cold_s_min']} s, CPU {figures['update_cold_cpu_s_median']} s (target < 1.5 s)")
    print(f"update (cold subprocess, environment as is: PYTHONDONTWRITEBYTECODE="
          f"{figures['pythondontwritebytecode']}): median {figures['update_cold_no_bytecode_cache_s_median']} s, "
          f"CPU {figures['update_cold_no_bytecode_cache_cpu_s_median']} s")
    (ROOT / "bench" / "out").mkdir(parents=True, exist_ok=True)
    (ROOT / "bench" / "out" / "render.json").write_text(json.dumps(figures, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
