"""Reading the two raw files (archive and weekly log) into per-country series of observations."""

from __future__ import annotations

import csv
import gzip
import io
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from .._common import BuildResult, fold
from .labels import _DIP_RE, _EXEC_RE, clean, split_subfields
from .series import WEEKLY_END, Obs

csv.field_size_limit(10_000_000)


#: weekly field path (without a trailing "/text") → key
WEEKLY_KEYS = {
    "Executive branch/chief of state": "chief_of_state",
    "Executive branch/head of state": "chief_of_state",
    "Executive branch/head of government": "head_of_government",
    "Diplomatic representation from the US/chief of mission": "us_chief_of_mission",
    "Diplomatic representation in the US/chief of mission": "partner_chief_of_mission",
    "Diplomatic representation in the US/chancery": "chancery",
    "Diplomatic representation in the US/telephone": "telephone",
    "International organization participation": "orgs",
    "Independence": "independence",
    "Exports": "exports",
    "Imports": "imports",
    "Exports - partners": "exports_partners",
    "Imports - partners": "imports_partners",
    "Population below poverty line": "poverty",
}


EXEC_MAP = {"chief of state": ["chief_of_state"], "head of state": ["chief_of_state"],
            "head of government": ["head_of_government"],
            "chief of state and head of government": ["chief_of_state", "head_of_government"]}


def keys_for(field: str, text: str) -> Iterator[tuple[str, str]]:
    """(key, text) pairs one field text contributes to; whole-field texts are split."""
    if field.endswith("/text"):
        field = field[: -len("/text")]
    if re.match(r"^(Exports|Imports)/(Exports|Imports) \d{4}$", field):
        yield ("exports" if field.startswith("Exports") else "imports"), text
        return
    if field in WEEKLY_KEYS:
        if field == "Diplomatic representation in the US" or field == "Executive branch":
            pass
        else:
            yield WEEKLY_KEYS[field], text
            return
    if field == "Executive branch":
        for label, value in split_subfields(text, _EXEC_RE).items():
            for key in EXEC_MAP.get(label, []):
                yield key, value
    elif field == "Diplomatic representation from the US":
        sub = split_subfields(text, _DIP_RE, lead="chief of mission")
        if "chief of mission" in sub:
            yield "us_chief_of_mission", sub["chief of mission"]
    elif field == "Diplomatic representation in the US":
        sub = split_subfields(text, _DIP_RE, lead="chief of mission")
        for label, key in (("chief of mission", "partner_chief_of_mission"), ("chancery", "chancery"),
                           ("telephone", "telephone")):
            if label in sub:
                yield key, sub[label]


#: Corrections to fips_to_iso2.csv, which maps Guernsey, Jersey and the Isle of Man to GB and
#: Curaçao to CC (Cocos).
FIPS_FIX = {"GK": "GG", "IM": "IM", "JE": "JE", "CC": "CW", "KV": "XK", "FA": "FK"}


#: Older codes of the same entry in some archive years (1996–97 "Kazakstan" KA, UAE TC in 2000–03,
#: Serbia RB in 2006–08): mapped after the one-FIPS-per-code rule, since they never feed a
#: series alongside another entry.
FIPS_ALIASES = {"KA": "KZ", "TC": "AE", "RB": "RS"}


#: Archive rows whose FIPS column names another entry (checked by hand against the ``country``
#: column): Cape Verde under CA (Canada), the Isle of Man under MA (Madagascar), four islands under
#: ST (Saint Lucia), the Soviet Union under SO (Somalia) … Folded name → ISO-2, or None to skip.
ARCHIVE_NAMES: dict[str, str | None] = {
    "cape verde": "CV", "man isle of": "IM", "st kitts and nevis": "KN", "st pierre and miquelon": "PM",
    "st vincent and the grenadines": "VC", "st helena": "SH", "soviet union": None, "czechoslovakia": None,
    "pacific islands trust territory of the": None, "wake atoll": None, "south georgia and the": None,
    "cocos islands": None, "yemen arab republic": None, "yemen people s democratic republic of": None,
}


#: When several Factbook entries share an ISO-2 code (Australia and the Coral Sea Islands, the West
#: Bank and Gaza, the U.S. minor outlying islands …), only this one speaks for the code; the
#: others are skipped, so two entries never feed one series. None: skip them all.
PRIMARY_FIPS: dict[str, str | None] = {"AU": "AS", "GB": "UK", "PF": "FP", "RE": "RE", "SJ": "SV", "PS": "WE",
                                       "CC": "CK", "VA": "VT", "SS": "OD", "CW": "UC", "UM": None}


def fips_map(path: Path) -> dict[str, str]:
    """FIPS 10-4 / GEC code → ISO-2, corrected, and one FIPS per ISO-2 code."""
    raw: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            fips = (row.get("FIPS") or "").strip().upper()
            if fips and (row.get("ISOAlpha2") or "").strip():
                raw[fips] = row["ISOAlpha2"].strip().upper()
    raw.update(FIPS_FIX)
    claims: dict[str, list[str]] = defaultdict(list)
    for fips, code in raw.items():
        claims[code].append(fips)
    out: dict[str, str] = {}
    for code, fipses in claims.items():
        if len(fipses) == 1:
            out[fipses[0]] = code
        elif PRIMARY_FIPS.get(code) in fipses:
            out[str(PRIMARY_FIPS[code])] = code
    for alias, code in FIPS_ALIASES.items():
        if code in out.values():
            out[alias] = code
    return out


def _rows(path: Path, result: BuildResult, required: tuple[str, ...]) -> Iterator[dict[str, str]]:
    """CSV rows of a gzipped file; a row missing a required column is counted, not fatal."""
    try:
        with gzip.open(path, "rb") as raw:
            data = raw.read()
    except (OSError, EOFError) as exc:
        result.malformed.append(f"{path.name}: unreadable ({exc})")
        return
    reader = csv.DictReader(io.StringIO(data.decode("utf-8", errors="replace"), newline=""))
    line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            result.malformed.append(f"{path.name}:{reader.line_num}: {exc}")
            continue
        line += 1
        if None in row or any(not row.get(c) for c in required):
            result.malformed.append(f"{path.name}:{reader.line_num}: missing or extra columns")
            continue
        yield row


def read_weekly(path: Path, fips: dict[str, str], result: BuildResult) -> tuple[dict[tuple[str, str], list[Obs]], str]:
    changes: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for row in _rows(path, result, ("date", "file", "field")):
        date = row["date"].strip()
        if not re.fullmatch(r"\d{4}-\d\d-\d\d", date):
            result.malformed.append(f"{path.name}: bad date {date!r}")
            continue
        gec = Path(row["file"]).stem.upper()
        country = fips.get(gec)
        if country is None:
            result.skipped += 1
            continue
        text = clean(row.get("text") or "")
        for key, value in keys_for(row["field"].strip(), text):
            changes[(country, key)].append((date, value, row.get("commit", "")))
    # the horizon: the last date a used field actually changed, capped at the Factbook's end
    horizon = ""
    series: dict[tuple[str, str], list[Obs]] = {}
    deduped: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for k, items in changes.items():
        items.sort(key=lambda x: x[0])
        kept: list[tuple[str, str, str]] = []
        for date, value, commit in items:
            if kept and kept[-1][1] == value:
                continue
            if kept and kept[-1][0] == date:
                kept[-1] = (date, value, commit)
                continue
            kept.append((date, value, commit))
        deduped[k] = kept
        if kept:
            horizon = max(horizon, max(d for d, _, _ in kept if d <= WEEKLY_END) if any(d <= WEEKLY_END for d, _, _ in kept) else "")
    horizon = horizon or WEEKLY_END
    for k, kept in deduped.items():
        obs = []
        for i, (date, value, commit) in enumerate(kept):
            end = kept[i + 1][0] if i + 1 < len(kept) else max(horizon, date)
            obs.append(Obs(date, end, value, f"weekly:{commit}"))
        series[k] = obs
    return series, horizon


def read_archive(path: Path, fips: dict[str, str], result: BuildResult) -> dict[tuple[str, str], list[Obs]]:
    series: dict[tuple[str, str], list[Obs]] = defaultdict(list)
    for row in _rows(path, result, ("year", "field")):
        year = row["year"].strip()
        if not re.fullmatch(r"(19|20)\d\d", year):
            result.malformed.append(f"{path.name}: bad year {year!r}")
            continue
        # the FIPS code, not the iso2 column: that column repeats fips_to_iso2.csv's mistakes
        country = fips.get((row.get("fips") or "").strip().upper(), "")
        named = fold(row.get("country") or "")
        if named in ARCHIVE_NAMES:
            country = ARCHIVE_NAMES[named] or ""
        if not country:
            result.skipped += 1
            continue
        snapshot = f"{year}-12-31"
        text = clean(row.get("content") or "")
        for key, value in keys_for(row["field"].strip(), text):
            series[(country, key)].append(Obs(snapshot, snapshot, value, f"archive:{year}"))
    for series_key, obs in series.items():
        obs.sort(key=lambda o: o.start)
        # an alias code and its successor in the same year (RB and RI in 2008): one snapshot
        series[series_key] = [o for i, o in enumerate(obs) if i + 1 == len(obs) or obs[i + 1].start != o.start]
    return series

