"""Checking throughput: read + extract + check, sheets per second on one core.

Usage: ``.venv/bin/python bench/check.py [--seconds S] [--as-of DATE] [--fixtures]`` (or
``make bench``). Takes the 125 corpus excerpts of ../shared/corpus/sheets when present (38 of them
undated, judged over their inferred published range), else — or with ``--fixtures`` — the
project's fixture sheets (tests/fixtures/sheets, tests/fixtures/check), the bundled example and
the ../shared seed; loads the shipped reference once (warm: its load is not timed) and warms the
extractor; then reads, extracts and checks the sheets round-robin in this one process (pinned to
one CPU where the OS allows) for S seconds. Prints sheets/s, claims/s and the share of time spent
in each stage. Target: ≥ 500 sheets/s on the corpus excerpts (issue 12). Figures go to
``bench/out/check.json``.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factsheet import check, read  # noqa: E402
from factsheet.extract import extract  # noqa: E402
from factsheet.reference import load_reference  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "sheets"


def sheets(fixtures: bool = False) -> list[tuple[str, bytes]]:
    if not fixtures and CORPUS.is_dir():
        return [(p.name, p.read_bytes()) for p in sorted(CORPUS.glob("*.txt"))]
    paths = sorted((ROOT / "tests" / "fixtures" / "sheets").glob("*.*"))
    paths += sorted((ROOT / "tests" / "fixtures" / "check").glob("*.txt"))
    paths.append(ROOT / "factsheet" / "data" / "examples" / "peru-2017.txt")
    seed = ROOT.parent / "shared" / "seeds" / "000_a886b017fe743fdd.txt"
    if seed.exists():
        paths.append(seed)
    return [(p.name, p.read_bytes()) for p in paths if p.suffix in (".txt", ".html")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--as-of", default="2026-11-27")
    parser.add_argument("--fixtures", action="store_true",
                        help="the project's fixture sheets instead of the ../shared corpus")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        with contextlib.suppress(OSError):
            os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    as_of = dt.date.fromisoformat(args.as_of)
    corpus = sheets(args.fixtures)
    source = "fixtures" if args.fixtures or not CORPUS.is_dir() else "corpus excerpts"
    t0 = time.perf_counter()
    reference = load_reference()
    load_s = time.perf_counter() - t0
    # warm-up: one pass (compiles the extractor's rules, fills the reference caches)
    for _, raw in corpus:
        doc = read(raw)
        check(doc, extract(doc), reference, as_of)
    timing = {"read": 0.0, "extract": 0.0, "check": 0.0}
    n_sheets = n_claims = 0
    verdicts_by_kind: dict[str, int] = {}
    start = time.perf_counter()
    cpu_start = time.process_time()  # this process's CPU time: other load on a shared machine
    while time.perf_counter() - start < args.seconds:
        for _, raw in corpus:
            a = time.perf_counter()
            doc = read(raw)
            b = time.perf_counter()
            claims = extract(doc)
            c = time.perf_counter()
            verdicts = check(doc, claims, reference, as_of)
            d = time.perf_counter()
            timing["read"] += b - a
            timing["extract"] += c - b
            timing["check"] += d - c
            n_sheets += 1
            n_claims += len(claims)
            for v in verdicts:
                verdicts_by_kind[v.at_publication.verdict] = verdicts_by_kind.get(
                    v.at_publication.verdict, 0) + 1
    total = sum(timing.values())
    cpu = time.process_time() - cpu_start
    out: dict[str, Any] = {
        "sheets": n_sheets,
        "distinct_sheets": len(corpus),
        "claims": n_claims,
        "sheets_per_s": round(n_sheets / total, 1),
        "claims_per_s": round(n_claims / total, 1),
        "sheets_per_cpu_s": round(n_sheets / cpu, 1),
        "load_average": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
        "check_only_sheets_per_s": round(n_sheets / timing["check"], 1),
        "share": {k: round(v / total, 3) for k, v in timing.items()},
        "reference_load_s": round(load_s, 3),
        "verdicts_at_publication": dict(sorted(verdicts_by_kind.items())),
        "target_sheets_per_s": 500,
        "sheets_source": source,
        "machine": {"processor": platform.processor() or platform.machine(),
                    "cpu_count": os.cpu_count(), "python": platform.python_version()},
    }
    print(f"machine: {out['machine']['processor']}, {out['machine']['cpu_count']} CPUs, "
          f"Python {out['machine']['python']} (one core used)")
    print(f"{source}: {len(corpus)} sheets, {n_sheets} checked, {n_claims} claims")
    print(f"read + extract + check: {out['sheets_per_s']} sheets/s "
          f"({out['claims_per_s']} claims/s; target ≥ 500 sheets/s)")
    print(f"per CPU second of this process: {out['sheets_per_cpu_s']} sheets/s "
          f"(wall-clock figures suffer from other load; load average {out['load_average']})")
    print("share of time: " + ", ".join(f"{k} {v:.0%}" for k, v in out["share"].items()))
    print(f"checking alone: {out['check_only_sheets_per_s']} sheets/s; "
          f"reference load (cached, not timed): {load_s:.3f} s")
    target = ROOT / "bench" / "out"
    target.mkdir(parents=True, exist_ok=True)
    (target / "check.json").write_text(json.dumps(out, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
