"""``refdata pull`` benchmark, on loopback only: how long a Wikidata pull takes, and a rollback.

Run as ``.venv/bin/python bench/refdata_pull.py [--rows 6000]``. A local HTTP server on 127.0.0.1
answers the three queries with synthetic SPARQL JSON (``--rows`` statements each, spread over
every ISO-2 code, a new holder every ~2 years); the pull goes into a temporary data directory on
top of the shipped tables (copy, build, sanity checks, the disagreement list, swap). Figures are
printed and written to bench/out/refdata_pull.json. Nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

VARS = ["country", "iso2", "statement", "person", "personLabel", "office", "officeLabel",
        "start", "startPrecision", "end", "endPrecision"]


def answer(rows: int, name: str) -> bytes:
    import pycountry

    codes = [c.alpha_2 for c in pycountry.countries]
    per = max(1, rows // len(codes))
    bindings: list[dict[str, Any]] = []
    for i, code in enumerate(codes):
        for k in range(per):
            year = 2026 - 2 * (per - k)
            b: dict[str, Any] = {
                "country": {"type": "uri", "value": f"http://www.wikidata.org/entity/Q{i}"},
                "iso2": {"type": "literal", "value": code},
                "statement": {"type": "uri", "value": f"http://www.wikidata.org/entity/statement/Q{i}-{name}-{k}"},
                "person": {"type": "uri", "value": f"http://www.wikidata.org/entity/Q{i * 1000 + k}"},
                "personLabel": {"type": "literal", "value": f"Bench Person{i}x{k}", "xml:lang": "en"},
                "start": {"type": "literal", "value": f"+{year}-01-20T00:00:00Z"},
                "startPrecision": {"type": "literal", "value": "11"},
            }
            if k < per - 1:
                b["end"] = {"type": "literal", "value": f"+{year + 2}-01-20T00:00:00Z"}
                b["endPrecision"] = {"type": "literal", "value": "11"}
            bindings.append(b)
    return json.dumps({"head": {"vars": VARS}, "results": {"bindings": bindings}}).encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=6000, help="statements per query answer")
    args = parser.parse_args()
    answers = {n: answer(args.rows, n) for n in ("heads_of_state", "heads_of_government", "us_chiefs_of_mission")}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *a: Any) -> None:
            pass

        def do_GET(self) -> None:
            query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query).get("query", [""])[0]
            name = next((n for n in answers if f"factsheet:query {n}\n" in query), None)
            body = answers[name] if name else b""
            self.send_response(200 if name else 404)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    endpoint = f"http://127.0.0.1:{server.server_address[1]}/sparql"
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["FACTSHEET_DATA_DIR"] = tmp
        os.environ["FACTSHEET_CACHE"] = str(Path(tmp) / "cache")
        from factsheet.reference import load_reference
        from factsheet.reference.datadir import rollback
        from factsheet.reference.pull import pull

        t0 = time.perf_counter()
        report = pull(only=["wikidata"], endpoint=endpoint)
        t1 = time.perf_counter()
        ref = load_reference()
        t2 = time.perf_counter()
        rollback()
        t3 = time.perf_counter()
        figures = {
            "rows_per_answer": args.rows,
            "wikidata_rows": report.built.manifest["sources"]["wikidata"]["rows"],
            "answer_bytes": sum(len(a) for a in answers.values()),
            "pull_seconds": round(t1 - t0, 2),
            "conflicts": len(report.conflicts),
            "first_load_after_pull_seconds": round(t2 - t1, 2),
            "rollback_ms": round((t3 - t2) * 1000, 2),
            "loaded_sources": sorted(ref.sources),
            "machine": f"{platform.machine()}, Python {platform.python_version()}, {os.cpu_count()} cores",
        }
    server.shutdown()
    print(json.dumps(figures, indent=2))
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    (out / "refdata_pull.json").write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
