"""Run every benchmark under bench/ in turn and print a summary of the figures they recorded.

Usage: ``make bench`` (or ``.venv/bin/python bench/run_all.py [name ...]``). Each benchmark is a
standalone script that prints its own figures and writes them to ``bench/out/<name>.json``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = ["read", "extract", "refdata", "check", "render", "store", "api"]


def main(argv: list[str]) -> int:
    names = argv or [n for n in ORDER if (HERE / f"{n}.py").exists()]
    failed = []
    for name in names:
        print(f"\n=== bench/{name}.py ===", flush=True)
        if subprocess.run([sys.executable, str(HERE / f"{name}.py")], check=False).returncode:
            failed.append(name)
    print("\n=== summary (bench/out/*.json) ===")
    for name in names:
        out = HERE / "out" / f"{name}.json"
        if out.exists():
            print(f"{name}: {json.dumps(json.loads(out.read_text()), ensure_ascii=False)}")
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
