"""Check equivalence: the claims and verdicts of every known sheet, before and after a change.

A speed-up of the check (or of extraction) must not change one verdict. This dumps the
claims and the ``check`` output (JSON, as ``factsheet check --format json`` builds it from
``Verdict.to_json``) of every sheet it can find: the corpus excerpts in ../shared/corpus/sheets
(when present), the .txt and .html sheets under tests/fixtures, the seeds in ../shared/seeds,
factsheet/data/examples and the hostile generators (tests/hostile_inputs.py) at small sizes,
each checked on two dates. The first run (or ``--baseline``) writes
bench/out/check_baseline.json; later runs compare with it and list every input that differs.

Usage: ``.venv/bin/python bench/check_equivalence.py [--baseline]``; exit 1 when anything differs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from hostile_inputs import GENERATORS  # noqa: E402

from factsheet.check import check  # noqa: E402
from factsheet.errors import FactsheetError  # noqa: E402
from factsheet.extract import extract  # noqa: E402
from factsheet.read import read  # noqa: E402
from factsheet.reference import load_reference  # noqa: E402

OUT = ROOT / "bench" / "out" / "check_baseline.json"
SHARED = ROOT.parent / "shared"
#: a check date inside the sources' horizon and one past it (the "now" verdicts differ)
DATES = (dt.date(2019, 6, 30), dt.date(2026, 11, 27))


def inputs() -> list[tuple[str, bytes]]:
    found: list[tuple[str, bytes]] = []
    for folder in (SHARED / "corpus" / "sheets", SHARED / "seeds", ROOT / "tests" / "fixtures",
                   ROOT / "factsheet" / "data" / "examples"):
        if folder.is_dir():
            found += [(str(p.relative_to(folder.parent)), p.read_bytes())
                      for p in sorted(folder.rglob("*")) if p.suffix in (".txt", ".html", ".htm")]
    for name, (generate, base) in sorted(GENERATORS.items()):
        for n in (max(2, base // 10), max(3, base // 3)):
            found.append((f"hostile/{name}@{n}", generate(n)))
    return found


def outcome(raw: bytes, reference: Any) -> Any:
    try:
        doc = read(raw, force=True)
        claims = extract(doc)
        return {"claims": [c.to_json() for c in claims],
                **{str(day): [v.to_json() for v in check(doc, claims, reference, day)]
                   for day in DATES}}
    except FactsheetError as exc:
        return {"error": exc.code}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", action="store_true", help="write a new baseline")
    args = parser.parse_args()
    reference = load_reference()
    started = time.process_time()
    results = {label: outcome(raw, reference) for label, raw in inputs()}
    spent = time.process_time() - started
    if args.baseline or not OUT.exists():
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(json.dumps(results, sort_keys=True, default=str) + "\n")
        print(f"baseline of {len(results)} inputs written to {OUT} ({spent:.1f} s CPU)")
        return 0
    baseline = json.loads(OUT.read_text())
    fresh = json.loads(json.dumps(results, sort_keys=True, default=str))
    differ = sorted(k for k in baseline.keys() | fresh.keys() if baseline.get(k) != fresh.get(k))
    for label in differ:
        print(f"DIFFERS: {label}")
        old, new = baseline.get(label), fresh.get(label)
        if isinstance(old, dict) and isinstance(new, dict):
            for key in sorted(old.keys() | new.keys()):
                a, b = old.get(key), new.get(key)
                if a != b and isinstance(a, list) and isinstance(b, list):
                    for n, (x, y) in enumerate(zip(a, b, strict=False)):
                        if x != y:
                            print(f"  {key}[{n}]:\n    was {json.dumps(x)[:600]}\n    now "
                                  f"{json.dumps(y)[:600]}")
                            break
                    if len(a) != len(b):
                        print(f"  {key}: {len(a)} items, now {len(b)}")
    digest = hashlib.sha256(json.dumps(fresh, sort_keys=True).encode()).hexdigest()[:12]
    print(f"{len(fresh)} inputs, {len(differ)} differ (digest {digest}; {spent:.1f} s CPU)")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
