"""wikidata: who holds office now — heads of state and government, U.S. chiefs of mission.

The queries live next to this module as ``queries/<name>.rq``; ``refdata pull`` sends them to a
SPARQL endpoint (Wikidata's public one by default) and stores each answer, in the standard SPARQL
1.1 Query Results JSON Format, as ``wikidata/<name>.json`` beside a ``wikidata/VERSION`` file
(endpoint, fetch time, each query's SHA-256). This builder reads those files, so the same answers
rebuild the same table, from the network or from a folder.

The coverage window ends on the day the answers were fetched: they say who held office as
Wikidata recorded it that day. Facts are kept as Wikidata states them; where they disagree with
the Factbook or pocom both are kept (``refdata pull`` lists the disagreements, the checker cites
the source it used), never merged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

from ..countries import to_iso2
from ..errors import ReferenceDataError
from ..model import Fact
from ._common import BuildResult, require_dir

SOURCE = "wikidata"
CITATION = "Wikidata (CC0), query service answers"
UPSTREAM = "Wikidata query service"
ENTITY = "http://www.wikidata.org/entity/"
URL = "https://www.wikidata.org/wiki/{id}"
QUERY_DIR = Path(__file__).resolve().parent / "queries"

#: query name → the predicate its rows become
QUERIES: dict[str, str] = {
    "heads_of_state": "chief_of_state",
    "heads_of_government": "head_of_government",
    "us_chiefs_of_mission": "us_chief_of_mission",
}
#: variables every answer must bind in its head: an answer without them changed shape
REQUIRED_VARS = ("iso2", "statement", "person", "personLabel", "start")
#: Wikidata time precision → ISO string length (11 day, 10 month, 9 year)
PRECISION = {11: 10, 10: 7, 9: 4}


def query_text(name: str) -> str:
    return (QUERY_DIR / f"{name}.rq").read_text(encoding="utf-8")


def query_digest(name: str) -> str:
    return hashlib.sha256(query_text(name).encode("utf-8")).hexdigest()


def parse_results(data: bytes | str, required: tuple[str, ...] = REQUIRED_VARS,
                  *, label: str = "answer") -> list[dict[str, str]]:
    """Rows of a SPARQL 1.1 JSON results document: ``{"head": {"vars": [...]}, "results":
    {"bindings": [{var: {"type", "value", ...}}]}}`` → one ``{var: value}`` per binding (unbound
    variables absent). A document of another shape, or without a ``required`` variable, is an
    ``E-REFDATA-SCHEMA`` error: the endpoint or the query changed."""
    try:
        doc = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ReferenceDataError(f"the SPARQL {label} is not JSON ({exc}); the endpoint may have answered "
                                 f"with an error page: check --sparql-endpoint", code="E-REFDATA-SCHEMA") from None
    head = doc.get("head") if isinstance(doc, dict) else None
    results = doc.get("results") if isinstance(doc, dict) else None
    variables = head.get("vars") if isinstance(head, dict) else None
    bindings = results.get("bindings") if isinstance(results, dict) else None
    if not isinstance(variables, list) or not isinstance(bindings, list):
        raise ReferenceDataError(f"the SPARQL {label} is not in the SPARQL 1.1 JSON results format (no "
                                 f"head.vars or results.bindings)", code="E-REFDATA-SCHEMA")
    missing = [v for v in required if v not in variables]
    if missing:
        raise ReferenceDataError(f"the SPARQL {label} lacks the variable(s) {', '.join(missing)}: the query "
                                 f"or the endpoint changed shape; nothing was installed", code="E-REFDATA-SCHEMA")
    rows: list[dict[str, str]] = []
    for binding in bindings:
        if not isinstance(binding, dict):
            raise ReferenceDataError(f"the SPARQL {label} has a binding that is not an object",
                                     code="E-REFDATA-SCHEMA")
        row = {}
        for var, term in binding.items():
            if isinstance(term, dict) and isinstance(term.get("value"), str):
                row[var] = term["value"]
        rows.append(row)
    return rows


def parse_time(value: str | None, precision: str | None) -> str | None:
    """``"2022-12-07T00:00:00Z"`` at precision 11 → ``"2022-12-07"`` (10 → month, 9 → year; no
    precision → day); a zero month or day coarsens it; dates before year 1 or coarser than a year
    → None."""
    if not value or value.startswith("-"):
        return None
    text = value.lstrip("+")
    try:
        length = PRECISION.get(int(precision)) if precision else 10
    except ValueError:
        length = None
    if length is None or len(text) < 10 or not text[:4].isdigit():
        return None
    if length >= 7 and text[5:7] == "00":
        length = 4
    if length == 10 and text[8:10] == "00":
        length = 7
    return text[:length]


def _entity(uri: str | None) -> str | None:
    if not uri:
        return None
    return uri.rsplit("/", 1)[-1]


def _title(office: str | None) -> str | None:
    """"President of Peru" → "President"; "Prime Minister of the Netherlands" → "Prime Minister"."""
    if not office:
        return None
    head = office.split(" of ", 1)[0].strip()
    return head[:1].upper() + head[1:] if head else None


def read_version(folder: Path) -> dict[str, Any]:
    try:
        data = json.loads((folder / "VERSION").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def build(root: Path) -> BuildResult:
    folder = require_dir(root / SOURCE, SOURCE)
    version = read_version(folder)
    fetched = str(version.get("fetched") or "")
    if not fetched:  # answers saved by hand: they are as recent as the newest file
        stamps = [p.stat().st_mtime for p in folder.glob("*.json")]
        if stamps:
            fetched = dt.datetime.fromtimestamp(max(stamps), dt.UTC).replace(microsecond=0).isoformat()
    result = BuildResult(SOURCE, f"{CITATION} of {fetched[:10]}" if fetched else CITATION,
                         upstream=str(version.get("endpoint") or UPSTREAM), commit="",
                         upstream_date=fetched[:10])
    starts: list[str] = []
    seen: set[tuple[str, str]] = set()
    for name, predicate in QUERIES.items():
        path = folder / f"{name}.json"
        if not path.is_file():
            result.malformed.append(f"{path.name}: missing (the query was not fetched)")
            continue
        result.files += 1
        try:
            rows = parse_results(path.read_bytes(), label=f"answer {path.name}")
        except ReferenceDataError as exc:
            result.malformed.append(f"{path.name}: {exc.message}")
            continue
        # one row per statement: OPTIONAL office labels can repeat a statement
        for row in sorted(rows, key=lambda r: (r.get("statement", ""), r.get("officeLabel", ""))):
            record = _entity(row.get("statement"))
            person = _entity(row.get("person"))
            label = row.get("personLabel", "").strip()
            code = (row.get("iso2") or "").strip().upper()
            start = parse_time(row.get("start"), row.get("startPrecision"))
            end = parse_time(row.get("end"), row.get("endPrecision"))
            if not record or not person or not start or not label or label == person or not to_iso2(code):
                result.skipped += 1  # no date, no English label or no modern country: cannot be judged
                continue
            if (predicate, record) in seen:
                continue
            seen.add((predicate, record))
            starts.append(start)
            title = _title(row.get("officeLabel"))
            value: dict[str, Any] = {"name": label, "person": person}
            if predicate == "us_chief_of_mission":
                value.update({"role": "Ambassador", "start": start, "end": end,
                              "office": row.get("officeLabel") or None})
            else:
                value.update({"title": title, "since": start, "end": end,
                              "office": row.get("officeLabel") or None})
            result.facts.append(Fact(
                source=SOURCE, record=record, country=code, predicate=predicate, value=value,
                valid_from=start, valid_to=end, observed=fetched[:10] or None,
                citation=URL.format(id=person),
            ))
    if not result.files:
        raise ReferenceDataError(f"no Wikidata answers in {folder}: expected "
                                 f"{', '.join(f'{n}.json' for n in QUERIES)}", code="E-REFDATA-MISSING")
    result.first = min(starts) if starts else None
    result.last = fetched[:10] or None
    result.extra["queries"] = version.get("queries", {})
    return result
