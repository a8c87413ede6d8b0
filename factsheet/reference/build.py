"""Build the shipped reference tables from the raw sources.

Each source's builder returns facts; they are written as one sorted TSV file per source
(``<source>.tsv``: one fact a line, the value as compact JSON) plus ``manifest.json``. Everything
is written to a temporary folder next to the target and swapped in at the end, so a build that
fails or is interrupted leaves the previous tables untouched.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ReferenceDataError
from ..model import Fact
from . import agreements, factbook, gsh, pocom, rdcr, visits, wikidata
from ._common import BuildResult
from ._format import COLUMNS, DATA_DIR, FORMAT_VERSION

#: Order matters only for the progress display; each builder is independent.
BUILDERS: dict[str, Callable[[Path], BuildResult]] = {
    "rdcr": rdcr.build,
    "pocom": pocom.build,
    "gsh": gsh.build,
    "factbook": factbook.build,
    "agreements": agreements.build,
    "visits": visits.build,
}
#: Builders run only when their raw folder (``<source>/<name>``) exists: the shipped tables have
#: no Wikidata answers; ``refdata pull`` fetches them.
OPTIONAL_BUILDERS: dict[str, Callable[[Path], BuildResult]] = {
    "wikidata": wikidata.build,
}
BUDGET_BYTES = 15 * 1024 * 1024


def default_source() -> Path:
    """``../shared/reference`` relative to the working directory's project root."""
    here = Path.cwd()
    for base in (here, *here.parents):
        if (base / "pyproject.toml").is_file():
            return (base.parent / "shared" / "reference").resolve()
    return (here.parent / "shared" / "reference").resolve()


def _cell(value: str | None) -> str:
    return "" if value is None else str(value).replace("\t", " ").replace("\n", " ").replace("\r", " ")


def fact_line(fact: Fact) -> str:
    value = json.dumps(fact.value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    cells = [fact.source, fact.record, fact.country, fact.predicate, fact.valid_from, fact.valid_to,
             fact.observed, fact.citation]
    return "\t".join([*(_cell(c) for c in cells), value])


def _sort_key(line: str) -> tuple[str, ...]:
    cells = line.split("\t")
    # country, predicate, valid_from, record, then the whole line for a total order
    return (cells[2], cells[3], cells[4], cells[1], line)


def write_table(path: Path, facts: list[Fact]) -> tuple[int, str]:
    lines = sorted({fact_line(f) for f in facts}, key=_sort_key)
    text = "\t".join(COLUMNS) + "\n" + "".join(line + "\n" for line in lines)
    data = text.encode("utf-8")
    path.write_bytes(data)
    return len(lines), hashlib.sha256(data).hexdigest()


@dataclass
class BuildReport:
    out_dir: Path
    manifest: dict[str, Any]
    results: dict[str, BuildResult]
    seconds: float
    total_bytes: int

    def summary_rows(self) -> list[dict[str, Any]]:
        rows = []
        for name, res in self.results.items():
            entry = self.manifest["sources"][name]
            rows.append({"source": name, "rows": entry["rows"], "files_read": res.files,
                         "skipped": res.skipped, "malformed": len(res.malformed),
                         "warnings": len(res.warnings), "first": res.first, "last": res.last,
                         "bytes": entry["bytes"]})
        return rows


def build(source: Path | str | None = None, out_dir: Path | str | None = None, *,
          progress: Callable[[str, int, int], None] | None = None,
          only: list[str] | None = None, budget: int = BUDGET_BYTES) -> BuildReport:
    """Run every builder on ``source`` (default ``../shared/reference``) and replace the tables in
    ``out_dir`` (default the package's ``data/reference``) atomically."""
    root = Path(source) if source is not None else default_source()
    target = Path(out_dir) if out_dir is not None else DATA_DIR
    if not root.is_dir():
        raise ReferenceDataError(
            f"reference source folder not found: {root}; pass --from PATH (the folder holding "
            f"historian/, factbook/ and agreements/)", code="E-REFDATA-MISSING")
    builders = {**BUILDERS, **OPTIONAL_BUILDERS}
    names = only or [*BUILDERS, *(n for n in OPTIONAL_BUILDERS if (root / n).is_dir())]
    unknown = [n for n in names if n not in builders]
    if unknown:
        raise ReferenceDataError(f"unknown reference source(s): {', '.join(unknown)}; known: {', '.join(builders)}")
    started = time.perf_counter()
    results: dict[str, BuildResult] = {}
    for i, name in enumerate(names):
        if progress:
            progress(name, i, len(names))
        results[name] = builders[name](root)
    if progress:
        progress("writing", len(names), len(names))
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
    tmp.chmod(0o755)  # mkdtemp makes it private; the tables are shipped, readable by all
    try:
        manifest: dict[str, Any] = {
            "format": FORMAT_VERSION,
            "built": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
            "columns": list(COLUMNS),
            "sources": {},
        }
        # keep tables of sources not rebuilt this time (``only``)
        old = _read_manifest(target)
        for name, entry in (old.get("sources", {}) if old else {}).items():
            if name not in results and (target / entry["file"]).is_file():
                shutil.copy2(target / entry["file"], tmp / entry["file"])
                manifest["sources"][name] = entry
        total = 0
        for name, res in results.items():
            file = f"{name}.tsv"
            rows, digest = write_table(tmp / file, res.facts)
            size = (tmp / file).stat().st_size
            predicates = sorted({f.predicate for f in res.facts})
            manifest["sources"][name] = {
                "file": file,
                "citation": res.citation,
                "upstream": res.upstream,
                "commit": res.commit,
                "upstream_date": res.upstream_date,
                "first": res.first,
                "last": res.last,
                "rows": rows,
                "bytes": size,
                "sha256": digest,
                "predicates": predicates,
                "files_read": res.files,
                "skipped": res.skipped,
                "malformed": len(res.malformed),
                "malformed_examples": res.malformed[:20],
                "warnings": res.warnings[:50],
                **({"upstreams": res.extra["upstreams"]} if "upstreams" in res.extra else {}),
                **({"unmapped": res.extra["unmapped"]} if "unmapped" in res.extra else {}),
                **({"queries": res.extra["queries"]} if "queries" in res.extra else {}),
            }
        manifest["sources"] = dict(sorted(manifest["sources"].items()))
        total = sum(int(e["bytes"]) for e in manifest["sources"].values())
        manifest["total_bytes"] = total
        if total > budget:
            raise ReferenceDataError(
                f"reference tables would take {total / 1e6:.1f} MB, over the 15 MB budget; nothing was replaced")
        (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n",
                                           encoding="utf-8")
        _swap(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return BuildReport(target, manifest, results, time.perf_counter() - started, total)


def _read_manifest(folder: Path) -> dict[str, Any] | None:
    try:
        return dict(json.loads((folder / "manifest.json").read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return None


def _swap(new: Path, target: Path) -> None:
    """Put ``new`` in place of ``target``: the old folder is renamed aside first and removed only
    once the new one is in place, so some complete version always exists."""
    backup = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        os.replace(target, backup)
    try:
        os.replace(new, target)
    except OSError:
        if backup.exists():
            os.replace(backup, target)
        raise
    shutil.rmtree(backup, ignore_errors=True)
