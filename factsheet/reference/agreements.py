"""agreements: U.S. trade agreements from manytrade's HUGGO tables (J. Hollway, manytrade, 2021).

``HUGGO_reconciled.csv`` and ``HUGGO_additional.csv`` give each agreement's title and its
signature, entry-into-force and end dates (``DD.MM.YYYY``; ``31.12.9999`` means no end);
``HUGGO_MEM_additional.csv`` lists member states (ISO-3). Only agreements the United States is a
member of are kept, as facts (dates and members); the files themselves are not copied.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from pathlib import Path

import pycountry

from ..model import Fact
from ._common import BuildResult, iso, read_versions, require_dir, require_file

SOURCE = "agreements"
CITATION = "J. Hollway, manytrade, 2021"

#: instruments that attach to or sit beside a trade agreement: never the agreement itself
_SIDE = re.compile(r"\bside agreement\b|\bprotocol\b|\bamend|\bannex\b|\bexchange of (?:notes|letters)\b|"
                   r"\bsupplement", re.I)
_SECTOR = re.compile(r"\bautomotive\b|\bautomobile|\bproducts trade\b|\btextile|\bsteel\b", re.I)


def kind_of(title: str, members: list[str]) -> str:
    """What a record is, so that claims match it by what it is rather than by a shared word:
    ``side`` (a side agreement or protocol: Panama's 2012 environmental one), ``sector`` (one
    industry: the 1965 U.S.-Canada Auto Pact), ``plurilateral`` (more than one partner: NAFTA,
    USMCA, CAFTA-DR, GATT) or ``bilateral`` (the U.S.-partner trade agreement)."""
    if _SIDE.search(title):
        return "side"
    if _SECTOR.search(title):
        return "sector"
    return "plurilateral" if len([m for m in members if m != "US"]) > 1 else "bilateral"


def parse_dmy(value: str | None) -> str | None:
    """``"12.04.2006"`` → ``"2006-04-12"``; ``"1987"`` → ``"1987"``; NA / 31.12.9999 → None."""
    value = (value or "").strip()
    m = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", value)
    if m:
        if m.group(3) == "9999":
            return None
        return iso(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", value)
    if m and m.group(1) != "9999":
        return iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if re.fullmatch(r"\d{4}", value) and value != "9999":
        return value
    return None


def iso2(code: str) -> str | None:
    code = code.strip().upper()
    if code == "XKX":
        return "XK"
    found = pycountry.countries.get(alpha_3=code)
    return str(found.alpha_2) if found else None


def _read(path: Path, result: BuildResult) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:  # a few rows carry Latin-1 names
        text = data.decode("cp1252", errors="replace")
        result.warnings.append(f"{path.name}: not UTF-8, read as Windows-1252")
    with io.StringIO(text, newline="") as handle:
        reader = csv.DictReader(handle)
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                result.malformed.append(f"{path.name}:{reader.line_num}: {exc}")
                continue
            if None in row or not (row.get("manyID") or "").strip():
                result.malformed.append(f"{path.name}:{reader.line_num}: missing manyID or extra columns")
                continue
            rows.append(row)
    return rows


def build(root: Path) -> BuildResult:
    folder = require_dir(root / "agreements", "agreements")
    versions = read_versions(folder / "VERSION")
    upstream, commit, date = versions.get("manytrade", ("globalgov/manytrade", "", ""))
    result = BuildResult(SOURCE, CITATION, upstream=upstream, commit=commit, upstream_date=date)
    agreements: dict[str, dict[str, str]] = {}
    for name in ("HUGGO_reconciled.csv", "HUGGO_additional.csv"):
        path = folder / name
        if not path.is_file():
            continue
        result.files += 1
        for row in _read(path, result):
            agreements.setdefault(row["manyID"].strip(), row)
    members_path = require_file(folder / "HUGGO_MEM_additional.csv", "agreements/HUGGO_MEM_additional.csv")
    result.files += 1
    members: dict[str, set[str]] = defaultdict(set)
    member_rows: dict[str, dict[str, str]] = {}
    for row in _read(members_path, result):
        code = iso2(row.get("stateID") or "")
        if code is None:
            result.skipped += 1
            continue
        many = row["manyID"].strip()
        members[many].add(code)
        member_rows.setdefault(many, row)
    dates: list[str] = []
    for many in sorted(members):
        if "US" not in members[many]:
            continue
        agreement = agreements.get(many) or member_rows[many]
        signed = parse_dmy(agreement.get("Signature") or member_rows[many].get("Signature"))
        in_force = parse_dmy(agreement.get("Force") or member_rows[many].get("Force"))
        end = parse_dmy(agreement.get("End") or member_rows[many].get("End"))
        title = (agreement.get("Title") or member_rows[many].get("Title") or many).strip()
        dates += [d for d in (signed, in_force) if d]
        value = {"id": many, "title": title, "kind": kind_of(title, sorted(members[many])),
                 "signed": signed, "in_force": in_force, "end": end, "members": sorted(members[many])}
        url = (agreement.get("url") or "").strip().strip('"') or None
        for country in sorted(members[many]):
            result.facts.append(Fact(
                source=SOURCE, record=many, country=country, predicate="agreement", value=value,
                valid_from=in_force or signed, valid_to=end, observed=None,
                citation=f"{CITATION}; {url}" if url else CITATION,
            ))
    result.first = min(dates) if dates else None
    result.last = max(dates) if dates else None
    return result
