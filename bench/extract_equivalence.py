"""Output equivalence of read + extract: a baseline dump, then a byte-for-byte comparison.

Speed work on the reader and the extractor must not change a single claim. This script reads
and extracts every sheet it can find (the corpus excerpts and the seed in ../shared when present,
every .txt/.html under tests/fixtures, factsheet/data/examples, ../shared/hostile, and each
generator of tests/hostile_inputs.py at two small sizes) and writes one JSON line per input:
the document (its CLAIMS.md object plus blocks and sentences) and the claims, keys sorted, or the
project's error code and message.

Usage:
  .venv/bin/python bench/extract_equivalence.py --baseline   # write bench/out/equivalence.jsonl
  .venv/bin/python bench/extract_equivalence.py              # compare with it; exit 1 on a change
Run --baseline from the code to compare against (e.g. main's tree exported next to a link to
../shared, with ``--out`` pointing into this checkout), then the plain command after every change:
  git archive main | tar -x -C /tmp/eq/main && ln -s "$PWD/../shared" /tmp/eq/shared
  .venv/bin/python /tmp/eq/main/bench/extract_equivalence.py --baseline --out bench/out/equivalence.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from hostile_inputs import GENERATORS  # noqa: E402

from factsheet.errors import FactsheetError  # noqa: E402
from factsheet.extract import extract  # noqa: E402
from factsheet.read import read  # noqa: E402

SHARED = ROOT.parent / "shared"
DEFAULT_OUT = ROOT / "bench" / "out" / "equivalence.jsonl"


def inputs() -> Iterator[tuple[str, bytes]]:
    """(name, raw bytes) of every input, in a stable order."""
    files: list[Path] = []
    for folder, patterns in ((SHARED / "corpus" / "sheets", ("*.txt",)),
                             (SHARED / "seeds", ("*.txt",)),
                             (SHARED / "hostile", ("*.txt", "*.html", "*.bin")),
                             (ROOT / "tests" / "fixtures", ("*.txt", "*.html")),
                             (ROOT / "factsheet" / "data" / "examples", ("*",))):
        for pattern in patterns:
            files.extend(sorted(p for p in folder.rglob(pattern) if p.is_file()))
    for path in files:  # named the same from any checkout: the baseline may come from another
        name = (f"shared/{path.relative_to(SHARED)}" if path.is_relative_to(SHARED)
                else str(path.relative_to(ROOT)))
        yield name, path.read_bytes()
    for name, (generate, size) in sorted(GENERATORS.items()):
        for n in (3, max(1, size // 20)):
            yield f"hostile_inputs.{name}({n})", generate(n)


def outcome(raw: bytes) -> dict[str, Any]:
    """What read + extract make of one input (force: an HTML page is read even if it is no sheet)."""
    try:
        doc = read(raw, force=True)
        claims = extract(doc)
    except FactsheetError as exc:
        return {"error": exc.code, "message": str(exc)}
    return {
        "document": doc.to_json(),
        "blocks": [[b.kind, b.start, b.end, b.section] for b in doc.blocks],
        "sentences": [[s.start, s.end, s.block, s.section] for s in doc.sentences],
        "claims": [c.to_json() for c in claims],
    }


def dump() -> list[str]:
    return [json.dumps({"input": name, **outcome(raw)}, sort_keys=True, ensure_ascii=False)
            for name, raw in inputs()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baseline", action="store_true", help="write the baseline instead of comparing")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"baseline file (default {DEFAULT_OUT})")
    args = parser.parse_args()
    lines = dump()
    claims = sum(len(json.loads(line).get("claims", ())) for line in lines)
    if args.baseline:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"baseline: {len(lines)} inputs, {claims} claims → {args.out}")
        return 0
    if not args.out.is_file():
        print(f"no baseline at {args.out}: run with --baseline first", file=sys.stderr)
        return 2
    before = args.out.read_text(encoding="utf-8").splitlines()
    if before == lines:
        print(f"identical: {len(lines)} inputs, {claims} claims")
        return 0
    old = {json.loads(line)["input"]: line for line in before}
    new = {json.loads(line)["input"]: line for line in lines}
    changed = sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))
    print(f"DIFFERENT: {len(changed)} of {len(new)} inputs changed")
    for name in changed[:20]:
        print(f"  {name}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
