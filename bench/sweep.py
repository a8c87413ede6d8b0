"""The self-check sweep: every country the reference knows, rendered and checked on the same date.

Usage: ``.venv/bin/python bench/sweep.py [--dates 1995-06-01,...] [--countries PE,MX] [--show N]``.
Renders each country on each of the issue's eight dates (1995 … 2024 and the Factbook's horizon,
2026-01-22), reads the text back, extracts and checks it on that date, and prints per date the
count of ``contradicted`` / ``inconsistent`` / ``outdated`` claims (target: zero), the sheets
with no claim, the places refused as usage errors, the declared claims the extractor did not read
back (``unread``: those are not checked; a round-trip gap, not a wrong fact), and the time taken. ``--show N`` lists up to
N problems. Figures go to ``bench/out/sweep.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    from factsheet.reference import load_reference
    from factsheet.render.sweep import BAD, SWEEP_DATES, sweep

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dates", default=",".join(d.isoformat() for d in SWEEP_DATES))
    parser.add_argument("--countries", default="")
    parser.add_argument("--show", type=int, default=0)
    args = parser.parse_args()

    ref = load_reference()
    dates = [dt.date.fromisoformat(d) for d in args.dates.split(",") if d]
    countries = [c for c in args.countries.split(",") if c] or sorted(ref.countries)
    start = time.perf_counter()
    per_date = {}
    problems = []
    total_sheets = total_claims = 0
    for on in dates:
        t = time.perf_counter()
        result = sweep(countries, [on], ref, count_unread=True)
        counts = result.counts().get(on.isoformat(), {})
        per_date[on.isoformat()] = {
            **{k: counts.get(k, 0) for k in (*BAD, "empty")},
            "sheets": result.sheets, "claims": result.claims, "refused": len(result.skipped),
            "unread": result.unread,
            "seconds": round(time.perf_counter() - t, 1),
        }
        total_sheets += result.sheets
        total_claims += result.claims
        problems += result.problems
        row = per_date[on.isoformat()]
        print(f"{on}  contradicted {row['contradicted']:3}  inconsistent {row['inconsistent']:3}  "
              f"outdated {row['outdated']:3}  empty {row['empty']:3}  refused {row['refused']:3}  unread {row['unread']:3}  "
              f"sheets {row['sheets']}  claims {row['claims']}  {row['seconds']} s", flush=True)
    elapsed = time.perf_counter() - start
    print(f"{len(countries)} countries × {len(dates)} dates: {total_sheets} sheets, {total_claims} claims, "
          f"{len(problems)} problems, {elapsed:.1f} s")
    for p in problems[:args.show]:
        print(" ", p.line())
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    (out / "sweep.json").write_text(json.dumps({
        "countries": len(countries), "dates": per_date, "sheets": total_sheets, "claims": total_claims,
        "seconds": round(elapsed, 1), "problems": [p.line() for p in problems],
    }, indent=1, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
