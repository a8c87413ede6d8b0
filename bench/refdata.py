"""Reference data benchmark: full build time, cold first query, warm query median.

Run as ``.venv/bin/python bench/refdata.py [--from ../shared/reference]``. The build writes to a
temporary folder (the shipped tables are not touched); the first-query figures run in fresh
processes against the shipped tables, with an empty cache (a fresh clone) and with a built one.
Figures are printed and written to bench/out/refdata.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIRST_QUERY = """
import time, datetime as dt
t0 = time.perf_counter()
import factsheet
t1 = time.perf_counter()
from factsheet.reference import load_reference
t2 = time.perf_counter()
ref = load_reference()
answer = ref.answer("PE", "us_chief_of_mission", dt.date(2017, 1, 25))
t3 = time.perf_counter()
assert answer.facts, "no answer"
print(t3 - t0, t1 - t0, t2 - t1, t3 - t2, ref.from_cache)
"""


def first_query(cache: str) -> dict[str, float | bool]:
    """Seconds in a fresh process: total, ``import factsheet``, ``import factsheet.reference``,
    load + first answer."""
    env = {**os.environ, "FACTSHEET_CACHE": cache}
    out = subprocess.run([sys.executable, "-c", FIRST_QUERY], capture_output=True, text=True, env=env,
                         cwd=ROOT, check=True).stdout.split()
    total, package, module, load = (round(float(x), 3) for x in out[:4])
    return {"total": total, "import_factsheet": package, "import_reference": module,
            "load_and_first_answer": load, "from_cache": out[4] == "True"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--from", dest="source", default=None, help="raw sources (default ../shared/reference)")
    args = parser.parse_args()

    from factsheet.reference.build import build, default_source

    source = Path(args.source) if args.source else default_source()
    figures: dict[str, object] = {"machine": {"processor": platform.processor() or platform.machine(),
                                              "cpus": os.cpu_count(), "python": platform.python_version()}}
    if source.is_dir():
        with tempfile.TemporaryDirectory() as tmp:
            report = build(source, Path(tmp) / "reference")
            figures["build_seconds"] = round(report.seconds, 2)
            figures["build_bytes"] = report.total_bytes
            figures["build_rows"] = {n: len(r.facts) for n, r in report.results.items()}
    else:
        figures["build_seconds"] = None
        print(f"raw sources not found at {source}: build not timed", file=sys.stderr)

    with tempfile.TemporaryDirectory() as cache:
        cold = first_query(cache)  # empty cache: what a fresh clone pays
        cached = first_query(cache)  # the cache now exists
    assert not cold["from_cache"] and cached["from_cache"]
    figures["first_query_cold"] = cold
    figures["first_query_cached"] = cached

    import datetime as dt

    from factsheet.reference import load_reference

    ref = load_reference()
    queries = [("PE", "us_chief_of_mission", dt.date(2017, 1, 25)), ("PE", "chief_of_state", dt.date(2026, 1, 22)),
               ("DE", "relations.established", None), ("MX", "membership", dt.date(2016, 6, 30)),
               ("CU", "relations.severed", dt.date(2020, 1, 1)), ("JP", "exports_total", None)]
    for country, predicate, on in queries:  # first touch parses the rows: not part of "warm"
        ref.facts(country, predicate, on)
    times = []
    for _ in range(300):
        for country, predicate, on in queries:
            start = time.perf_counter()
            if on is None:
                ref.facts(country, predicate)
            else:
                ref.answer(country, predicate, on)
            times.append(time.perf_counter() - start)
    figures["warm_query_median_ms"] = round(statistics.median(times) * 1000, 4)
    figures["warm_query_p95_ms"] = round(sorted(times)[int(len(times) * 0.95)] * 1000, 4)

    print(f"machine: {figures['machine']}")
    print(f"full build:           {figures['build_seconds']} s  ({figures.get('build_bytes')} bytes)  target < 60 s")
    for label, f in (("cold (empty cache, a fresh clone)", cold), ("cached", cached)):
        print(f"first query, {label}: {f['total']} s total = import factsheet {f['import_factsheet']} s"
              f" + import factsheet.reference {f['import_reference']} s"
              f" + load tables and answer {f['load_and_first_answer']} s  (target <= 1 s)")
    print(f"warm query median:    {figures['warm_query_median_ms']} ms  (p95 {figures['warm_query_p95_ms']} ms; "
          f"target <= 1 ms)")
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "refdata.json").write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
