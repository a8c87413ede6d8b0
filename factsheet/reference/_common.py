"""Pieces every builder shares: the safe XML parser, the build result, date helpers."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from ..errors import ReferenceDataError
from ..folding import fold_accents
from ..model import Fact

TEI = "{http://www.tei-c.org/ns/1.0}"

#: Entity expansion and network access off: the raw files are data, never instructions.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def parse_xml(path: Path) -> etree._ElementTree:
    """Parse one XML file safely; lxml's XMLSyntaxError propagates (the builder counts it)."""
    return etree.parse(str(path), _PARSER)


def xml_files(paths: Iterable[Path], result: BuildResult | None = None, *, label: str = "",
              count: bool = True) -> Iterator[tuple[Path, etree._ElementTree]]:
    """Each file parsed safely, in order; a malformed one is skipped and, given ``result``, listed
    there as ``"<label><name>: reason"`` (``count`` also adds every file to ``result.files``)."""
    for path in paths:
        if result is not None and count:
            result.files += 1
        try:
            tree = parse_xml(path)
        except (etree.XMLSyntaxError, OSError) as exc:
            if result is not None:
                result.malformed.append(f"{label}{path.name}: {str(exc).splitlines()[0]}")
            continue
        yield path, tree


def text_of(node: etree._Element | None) -> str:
    """All text under a node, whitespace collapsed."""
    if node is None:
        return ""
    return " ".join("".join(node.itertext()).split())


def child_text(node: etree._Element, path: str) -> str:
    found = node.find(path)
    return text_of(found)


def require_dir(path: Path, what: str) -> Path:
    if not path.is_dir():
        raise ReferenceDataError(
            f"reference source folder {what} not found at {path}: pass --from with the folder that "
            f"holds the raw reference data (../shared/reference)",
            code="E-REFDATA-MISSING",
        )
    return path


def require_file(path: Path, what: str) -> Path:
    if not path.is_file():
        raise ReferenceDataError(
            f"reference source file {what} not found at {path}: pass --from with the folder that "
            f"holds the raw reference data (../shared/reference)",
            code="E-REFDATA-MISSING",
        )
    return path


def read_versions(path: Path) -> dict[str, tuple[str, str, str]]:
    """A VERSION(S) file: ``owner+repo commit date`` lines → {repo: (upstream, commit, date)}."""
    out: dict[str, tuple[str, str, str]] = {}
    if not path.is_file():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2:
            upstream = parts[0].replace("+", "/")
            out[upstream.rsplit("/", 1)[-1]] = (upstream, parts[1], parts[2] if len(parts) > 2 else "")
    return out


@dataclass
class BuildResult:
    """What one builder produced: facts plus the bookkeeping the manifest and summary show."""

    source: str
    citation: str
    facts: list[Fact] = field(default_factory=list)
    files: int = 0
    skipped: int = 0  # input records skipped for a reason that is not an error (e.g. unmapped)
    malformed: list[str] = field(default_factory=list)  # "file: reason" per malformed input
    warnings: list[str] = field(default_factory=list)  # e.g. rdcr @when mismatches
    upstream: str = ""
    commit: str = ""
    upstream_date: str = ""
    first: str | None = None  # coverage window (ISO)
    last: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def summary(self) -> dict[str, Any]:
        return {
            "rows": len(self.facts),
            "files": self.files,
            "skipped": self.skipped,
            "malformed": len(self.malformed),
            "warnings": len(self.warnings),
        }


MONTHS = {
    m: i
    for i, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")],
        start=1,
    )
    for m in names
}
_MONTH_RE = r"(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
#: "28 July 2016", "NA February 1994", "July 2016", "2016" (Factbook style: day first).
DMY = re.compile(rf"(?:(\d{{1,2}}|NA)\s+)?(?:{_MONTH_RE}\s*)?(\d{{4}})\b", re.I)  # "21 March2020" too
#: "May 21, 1827", "May 1827" (prose style: month first).
MDY = re.compile(rf"{_MONTH_RE}\s+(?:(\d{{1,2}}),?\s+)?(\d{{4}})\b", re.I)


def iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """An ISO string with the given precision, or None when it is not a real date."""
    try:
        if month is None:
            return f"{year:04d}"
        if day is None:
            dt.date(year, month, 1)
            return f"{year:04d}-{month:02d}"
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def dmy(text: str) -> str | None:
    """The first day-month-year date in Factbook style ("28 July 2016") as ISO, else None."""
    m = DMY.search(text)
    if not m:
        return None
    day, month, year = m.group(1), m.group(2), int(m.group(3))
    mon = MONTHS[month.lower().rstrip(".")] if month else None
    d = int(day) if day and day.isdigit() and mon else None
    return iso(year, mon, d)


def mdy_all(text: str) -> list[tuple[int, str]]:
    """Every "May 21, 1827" / "May 1827" date in prose: (offset, ISO)."""
    out = []
    for m in MDY.finditer(text):
        mon = MONTHS[m.group(1).lower().rstrip(".")]
        value = iso(int(m.group(3)), mon, int(m.group(2)) if m.group(2) else None)
        if value:
            out.append((m.start(), value))
    return out


def fold(text: str) -> str:
    """Accent- and case-folded key for comparing names across snapshots."""
    text = fold_accents(text)
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def minmax(dates: Iterable[str | None]) -> tuple[str | None, str | None]:
    values = sorted(d for d in dates if d)
    return (values[0], values[-1]) if values else (None, None)


def historian_result(root: Path, source: str, citation: str) -> BuildResult:
    """An empty result for an Office of the Historian source, with the upstream repository and
    commit its ``historian/VERSIONS`` line gives (``HistoryAtState+<source> <commit> <date>``)."""
    versions = read_versions(root / "historian" / "VERSIONS")
    upstream, commit, date = versions.get(source, (f"HistoryAtState/{source}", "", ""))
    return BuildResult(source, citation, upstream=upstream, commit=commit, upstream_date=date)
