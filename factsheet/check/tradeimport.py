"""Official trade figures a user has, imported from CSV as facts of source ``user_trade``.

Format (UTF-8, comma-separated, header required, columns in any order, extra columns ignored
except ``source``, which becomes the citation)::

    country,year,flow,scope,value_usd
    PE,2015,us_exports,total,8800000000
    Peru,2015,two_way,goods,14000000000

``country`` is an ISO-2 code or a country name; ``flow`` one of two_way, us_exports, us_imports,
partner_exports, partner_imports, balance; ``scope`` one of goods, services,
goods_and_services, agricultural, total; ``value_usd`` a number of dollars (no $ or commas).
A bad row stops the import with its line number.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..countries import to_iso2
from ..errors import InputError
from ..model import Fact
from .base import valid_on

COLUMNS = ("country", "year", "flow", "scope", "value_usd")
FLOWS = ("two_way", "us_exports", "us_imports", "partner_exports", "partner_imports", "balance")
SCOPES = ("goods", "services", "goods_and_services", "agricultural", "total")
CODE = "E-INPUT-TRADE-CSV"


def _fail(path: Path, line: int | None, message: str) -> InputError:
    where = f"{path}" + (f" line {line}" if line else "")
    return InputError(f"trade CSV {where}: {message}", code=CODE)


def load_trade_csv(path: str | Path) -> list[Fact]:
    """Read the CSV into ``trade`` facts; InputError names the first bad line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise _fail(path, None, "no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(path, None, f"cannot be read as UTF-8 text ({exc.__class__.__name__})") from None
    reader = csv.DictReader(text.splitlines())
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise _fail(path, 1, f"missing column(s) {', '.join(missing)}; the header must name "
                             f"{','.join(COLUMNS)}")
    facts: list[Fact] = []
    seen: dict[tuple[str, int, str, str], int] = {}
    for row in reader:
        line = reader.line_num
        clean = {(k or "").strip(): (v or "").strip() for k, v in row.items() if k is not None}
        if not any(clean.values()):
            continue
        country = to_iso2(clean["country"])
        if country is None:
            raise _fail(path, line, f"unknown country {clean['country']!r}")
        try:
            year = int(clean["year"])
        except ValueError:
            raise _fail(path, line, f"year {clean['year']!r} is not a whole number") from None
        if not 1900 <= year <= dt.date.today().year + 1:
            raise _fail(path, line, f"year {year} is out of range")
        flow, scope = clean["flow"], clean["scope"]
        if flow not in FLOWS:
            raise _fail(path, line, f"flow {flow!r} is not one of {', '.join(FLOWS)}")
        if scope not in SCOPES:
            raise _fail(path, line, f"scope {scope!r} is not one of {', '.join(SCOPES)}")
        try:
            value = float(clean["value_usd"])
        except ValueError:
            raise _fail(path, line, f"value_usd {clean['value_usd']!r} is not a number (write "
                                    "dollars without $ or thousands separators)") from None
        if not math.isfinite(value) or (value < 0 and flow != "balance"):
            raise _fail(path, line, f"value_usd {clean['value_usd']!r} must be a finite number, "
                                    "not negative except for a balance")
        key = (country, year, flow, scope)
        if key in seen:
            raise _fail(path, line, f"duplicate of line {seen[key]} ({country} {year} {flow} {scope})")
        seen[key] = line
        value_json: dict[str, Any] = {"year": year, "flow": flow, "scope": scope, "value_usd": value}
        facts.append(Fact(source="user_trade", record=f"{path.name}:{line}", country=country,
                          predicate="trade", value=value_json, valid_from=str(year),
                          valid_to=str(year), observed=None,
                          citation=clean.get("source") or f"imported from {path.name}"))
    if not facts:
        raise _fail(path, None, "holds no rows")
    return facts


class WithUserFacts:
    """A reference with imported facts added; everything else is delegated."""

    def __init__(self, reference: Any, facts: Iterable[Fact]) -> None:
        self._reference = reference
        self._extra: dict[tuple[str, str], list[Fact]] = {}
        for fact in facts:
            self._extra.setdefault((fact.country, fact.predicate), []).append(fact)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._reference, name)

    def facts(self, country: str, predicate: str, on: dt.date | None = None) -> list[Fact]:
        extra = self._extra.get((country, predicate), [])
        if on is not None:
            extra = [f for f in extra if valid_on(f, on)]
        return list(self._reference.facts(country, predicate, on)) + extra

    def answer(self, country: str, predicate: str, on: dt.date) -> Any:
        return self._reference.answer(country, predicate, on)

    def horizon(self, predicate: str | None = None) -> str | None:
        if predicate == "trade" and self._extra:
            years = [int(f.value["year"]) for group in self._extra.values() for f in group]
            return f"{max(years)}-12-31"
        result: str | None = self._reference.horizon(predicate)
        return result


def with_user_trade(reference: Any, paths: Iterable[str | Path]) -> Any:
    facts = [f for p in paths for f in load_trade_csv(p)]
    return WithUserFacts(reference, facts) if facts else reference
