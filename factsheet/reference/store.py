"""Load the shipped reference tables and answer dated questions about them.

The TSV tables are parsed once into an index by (country, predicate) and pickled into a user
cache folder (``$FACTSHEET_CACHE``, else ``$XDG_CACHE_HOME/factsheet``, else ``~/.cache/factsheet``)
under a name derived from the tables' SHA-256 hashes: a changed table gives a new key and a
rebuilt cache; a cache that cannot be written is simply not used.

Validity on a date: a fact holds from ``lower_bound(valid_from)``; a day-precision ``valid_to`` is
exclusive (the successor's first day), a coarser one inclusive to its last day (``"2016"`` holds
through 2016-12-31); ``valid_to`` None is open. Events (relations, agreements, independence) are
open from their date on, so "valid on D" reads "had happened by D".
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import pickle
import tempfile
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..countries import to_iso2
from ..dates import lower_bound, upper_bound
from ..errors import ReferenceDataError
from ..model import Fact
from ._format import COLUMNS
from .datadir import active_tables

CACHE_VERSION = 3

#: Predicates whose facts describe a state read from snapshots: a date between two snapshots that
#: no fact spans is not covered (the source says nothing about it), rather than "nobody".
SNAPSHOT_PREDICATES = frozenset({
    "chief_of_state", "head_of_government", "us_chief_of_mission", "partner_chief_of_mission",
    "embassy_in_us", "membership", "us_mission_note",
})
#: Rows stored grouped in the tables, expanded into one fact per partner on load.
GROUPED = {"export_partner_shares": "export_partner_share", "import_partner_shares": "import_partner_share"}


@dataclass(frozen=True)
class SourceInfo:
    name: str
    citation: str
    first: str | None
    last: str | None
    rows: int
    upstream: str = ""
    commit: str = ""
    predicates: tuple[str, ...] = ()
    upstream_date: str = ""
    fetched: str = ""  # when `refdata pull` fetched it (ISO); "" for the shipped tables

    @property
    def version(self) -> str:
        return source_version(self.upstream, self.commit, self.upstream_date, self.fetched)


def source_version(upstream: str | None, commit: str | None, upstream_date: str | None = None,
                   fetched: str | None = None) -> str:
    """The upstream version facts came from: ``repo@commit`` (12 hex digits each), else the
    upstream's date (a query answer has no commit), else the repository name."""
    if commit:
        commits = [c.strip()[:12] for c in commit.split("+")]
        repos = [u.strip() for u in (upstream or "").split(" + ")]
        if len(repos) == len(commits) and all(repos):  # the Factbook: two repositories, two commits
            return " + ".join(f"{r}@{c}" for r, c in zip(repos, commits, strict=True))
        return f"{upstream}@{' + '.join(commits)}" if upstream else " + ".join(commits)
    when = upstream_date or (fetched or "")[:10]
    return f"{upstream or ''} {when}".strip()


@dataclass(frozen=True)
class Answer:
    """Facts valid for a country and predicate on a date, and whether the sources cover it."""

    facts: tuple[Fact, ...]
    covered: bool
    sources: tuple[str, ...]
    horizon: str | None
    note: str

    def to_json(self) -> dict[str, Any]:
        return {"facts": [f.to_json() for f in self.facts], "covered": self.covered,
                "sources": list(self.sources), "horizon": self.horizon, "note": self.note}


@dataclass(frozen=True)
class _Entry:
    fact: Fact
    lo: dt.date
    hi: dt.date | None  # inclusive last day; None = open


@dataclass
class _Index:
    """Where each (country, predicate) run lies in the tables: (source, byte start, byte end)."""

    ranges: dict[tuple[str, str], list[tuple[str, int, int]]] = field(default_factory=dict)

    def countries(self) -> set[str]:
        return {c for c, _ in self.ranges}

    def predicate_sources(self) -> dict[str, set[str]]:
        out: dict[str, set[str]] = defaultdict(set)
        for (_, predicate), spans in self.ranges.items():
            for source, _, _ in spans:
                out[GROUPED.get(predicate, predicate)].add(source)
        return dict(out)


def _bounds(fact: Fact) -> tuple[dt.date, dt.date | None]:
    lo = lower_bound(fact.valid_from) if fact.valid_from else dt.date.min
    if fact.valid_to is None:
        return lo, None
    if len(fact.valid_to) == 10 and fact.valid_to != fact.valid_from:
        hi = lower_bound(fact.valid_to) - dt.timedelta(days=1)
    else:
        hi = upper_bound(fact.valid_to)
    return lo, max(hi, lo)


def _parse_lines(text: str, name: str, source: str) -> list[Fact]:
    """Table lines → facts; grouped partner-share rows become one fact per partner."""
    facts: list[Fact] = []
    for line in text.splitlines():
        cells = line.split("\t")
        if len(cells) != len(COLUMNS):
            raise ReferenceDataError(f"{name}: a row has {len(cells)} columns, expected {len(COLUMNS)}; "
                                     f"rebuild with `factsheet refdata build`")
        src, record, country, predicate, vf, vt, observed, citation, value = cells
        try:
            parsed = json.loads(value)
        except ValueError:
            raise ReferenceDataError(f"{name}: a value is not JSON ({record}); rebuild the tables") from None
        base = Fact(src or source, record, country, predicate, parsed, vf or None, vt or None,
                    observed or None, citation or None)
        if predicate in GROUPED:
            for item in parsed.get("partners", []):
                value_one = {**item, "year": parsed.get("year")}
                facts.append(Fact(base.source, f"{record}/{item['partner']}", country, GROUPED[predicate],
                                  value_one, base.valid_from, base.valid_to, base.observed, base.citation))
            continue
        facts.append(base)
    return facts


def _scan(data: bytes, path: Path, source: str, index: _Index) -> None:
    """Record the byte range of each (country, predicate) run of a sorted table."""
    header_end = data.find(b"\n") + 1
    if tuple(data[:header_end].decode("utf-8").rstrip("\n").split("\t")) != COLUMNS:
        raise ReferenceDataError(f"{path.name}: unexpected columns; rebuild with `factsheet refdata build`")
    pos = header_end
    current: tuple[bytes, bytes] | None = None
    run_start = pos
    ranges = index.ranges
    for line in data[header_end:].split(b"\n"):
        if line:
            cells = line.split(b"\t", 4)
            if len(cells) < 5:
                raise ReferenceDataError(f"{path.name}: malformed row at byte {pos}; "
                                         f"rebuild with `factsheet refdata build`")
            key = (cells[2], cells[3])
            if key != current:
                if current is not None:
                    ranges.setdefault((current[0].decode(), current[1].decode()), []).append((source, run_start, pos))
                current, run_start = key, pos
        pos += len(line) + 1
    if current is not None:
        end = min(pos, len(data))
        ranges.setdefault((current[0].decode(), current[1].decode()), []).append((source, run_start, end))


def cache_dir() -> Path:
    if os.environ.get("FACTSHEET_CACHE"):
        return Path(os.environ["FACTSHEET_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "factsheet"


def _hash_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class Reference:
    """The shipped (or a given) reference tables, indexed. Build with :func:`load_reference`."""

    def __init__(self, data_dir: Path | str | None = None, *, use_cache: bool = True) -> None:
        self.path = Path(data_dir) if data_dir is not None else active_tables()
        manifest_path = self.path / "manifest.json"
        if not manifest_path.is_file():
            raise ReferenceDataError(
                f"no reference tables at {self.path} (manifest.json missing): run `factsheet refdata build`",
                code="E-REFDATA-MISSING")
        try:
            self.manifest: dict[str, Any] = json.loads(manifest_path.read_text(encoding="utf-8"))
        except ValueError:
            raise ReferenceDataError(f"{manifest_path} is not valid JSON: rebuild with `factsheet refdata build`") from None
        entries = self.manifest.get("sources", {})
        files = {name: self.path / entry["file"] for name, entry in entries.items()}
        for name, path in files.items():
            if not path.is_file():
                raise ReferenceDataError(f"reference table {path.name} of source {name} is missing: "
                                         f"rebuild with `factsheet refdata build`", code="E-REFDATA-MISSING")
        # The tables are read whole (13 MB, a few ms): rows are parsed lazily from these bytes, so a
        # rebuild while this process runs cannot shift the offsets under it.
        self._data = {name: path.read_bytes() for name, path in files.items()}
        # The key: each table's SHA-256 as the manifest records it, plus its size and mtime so that
        # a table edited by hand (without a rebuild) also gets a fresh cache.
        stamps = sorted((name, entries[name].get("sha256"), len(self._data[name]), path.stat().st_mtime_ns)
                        for name, path in files.items())
        self.key = hashlib.sha256(json.dumps([CACHE_VERSION, stamps]).encode()).hexdigest()[:20]
        self.cache_path: Path | None = None
        self.from_cache = False
        self.sources: dict[str, SourceInfo] = {
            name: SourceInfo(name=name, citation=entry.get("citation", ""), first=entry.get("first"),
                             last=entry.get("last"), rows=int(entry.get("rows", 0)),
                             upstream=entry.get("upstream", ""), commit=entry.get("commit", ""),
                             predicates=tuple(entry.get("predicates", ())),
                             upstream_date=entry.get("upstream_date") or "", fetched=entry.get("fetched") or "")
            for name, entry in entries.items()
        }
        self._files = files
        index = self._load_cached() if use_cache else None
        if index is None:
            index = _Index()
            for name, path in sorted(files.items()):
                _scan(self._data[name], path, name, index)
            if use_cache:
                self._store_cache(index)
        self._index = index
        self._predicate_sources = index.predicate_sources()
        self._countries = index.countries()
        # (country, predicate) → (entries sorted by start, their starts): parsed on first use
        self._memo: dict[tuple[str, str], tuple[list[_Entry], list[dt.date]]] = {}

    # -- cache ---------------------------------------------------------------------------------
    def _load_cached(self) -> _Index | None:
        path = cache_dir() / f"reference-{self.key}.pickle"
        self.cache_path = path
        try:
            with path.open("rb") as handle:
                index = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
            return None
        if not isinstance(index, _Index) or any(
                end > len(self._data.get(source, b"")) for spans in index.ranges.values() for source, _, end in spans):
            return None
        self.from_cache = True
        return index

    def _store_cache(self, index: _Index) -> None:
        path = cache_dir() / f"reference-{self.key}.pickle"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".reference-", dir=path.parent)
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(index, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
            for old in path.parent.glob("reference-*.pickle"):
                if old != path:
                    old.unlink(missing_ok=True)
        except OSError:
            return  # a read-only home: work without the cache

    # -- queries -------------------------------------------------------------------------------
    @property
    def countries(self) -> set[str]:
        return set(self._countries)

    @property
    def predicates(self) -> list[str]:
        return sorted(self._predicate_sources)

    def _entries(self, key: tuple[str, str]) -> tuple[list[_Entry], list[dt.date]]:
        found = self._memo.get(key)
        if found is not None:
            return found
        stored = [key]
        for grouped, single in GROUPED.items():
            if key[1] == single:
                stored = [(key[0], grouped)]
        entries: list[_Entry] = []
        for skey in stored:
            for source, start, end in self._index.ranges.get(skey, []):
                text = self._data[source][start:end].decode("utf-8")
                for fact in _parse_lines(text, self._files[source].name, source):
                    lo, hi = _bounds(fact)
                    entries.append(_Entry(fact, lo, hi))
        entries.sort(key=lambda e: (e.lo, e.fact.source, e.fact.record))
        found = (entries, [e.lo for e in entries])
        self._memo[key] = found
        return found

    def facts(self, country: str, predicate: str, on: dt.date | None = None) -> list[Fact]:
        """Facts of ``predicate`` for ``country`` valid on ``on`` (every such fact if None)."""
        code = self._country(country)
        entries, starts = self._entries((code, predicate))
        if on is None:
            return [e.fact for e in entries]
        stop = bisect_right(starts, on)
        found = [e for e in entries[:stop] if e.hi is None or on <= e.hi]
        # An open fact past its source's horizon is only the last known state: drop it when a
        # source that does cover the date has a fact (pocom's last ambassador vs the Factbook's).
        stale = [e for e in found if e.hi is None and self._past_horizon(e.fact.source, on)]
        if stale and len(stale) < len(found):
            found = [e for e in found if e not in stale]
        return [e.fact for e in found]

    def _past_horizon(self, source: str, on: dt.date) -> bool:
        info = self.sources.get(source)
        return bool(info and info.last and on > upper_bound(info.last))

    def horizon(self, predicate: str | None = None) -> str | None:
        """The last date any source of ``predicate`` covers. Without a predicate: the last date
        the sources of *perishable* facts cover (who holds an office, the embassy, memberships:
        ``SNAPSHOT_PREDICATES``) — the date a "still true" judgement can be made to. Registries
        and event lists (gsh's territory list, rdcr, agreements, visits) do not move it: a newer
        list of country names does not make a leader current."""
        if predicate:
            names = self._predicate_sources.get(predicate, set())
        else:
            names = set().union(*(self._predicate_sources.get(p, set()) for p in SNAPSHOT_PREDICATES)) \
                or set(self.sources)
        lasts = [self.sources[n].last for n in names if n in self.sources and self.sources[n].last]
        return max(lasts, key=lambda d: upper_bound(str(d))) if lasts else None

    def answer(self, country: str, predicate: str, on: dt.date) -> Answer:
        """Facts valid on ``on`` plus whether a source covers that date for this country."""
        code = self._country(country)
        facts = self.facts(code, predicate, on)
        names = sorted(self._predicate_sources.get(predicate, set()))
        horizon = self.horizon(predicate)
        if not names:
            return Answer(tuple(facts), False, (), None, f"no source gives {predicate!r}")
        notes: list[str] = []
        covered_by: list[str] = []
        all_entries = self._entries((code, predicate))[0]
        for name in names:
            info = self.sources[name]
            first = lower_bound(info.first) if info.first else dt.date.min
            last = upper_bound(info.last) if info.last else dt.date.max
            own = [e for e in all_entries if e.fact.source == name]
            if on < first or on > last:
                notes.append(f"{name} covers {info.first}–{info.last}")
                continue
            if not own:
                notes.append(f"{name} has no {predicate} data for {code}")
                continue
            if predicate in SNAPSHOT_PREDICATES and not any(e.lo <= on and (e.hi is None or on <= e.hi) for e in own):
                before = [e for e in own if e.lo <= on]
                after = [e for e in own if e.lo > on]
                ends = [e for e in before if e.hi is not None]
                gap_from = max(ends, key=lambda e: e.hi or dt.date.min).fact.valid_to if ends else None
                gap_to = min(after, key=lambda e: e.lo).fact.valid_from if after else None
                if predicate == "membership":
                    covered_by.append(name)  # a list that does not name the organization: not a member
                    continue
                notes.append(f"{name} has no {predicate} snapshot for {code} between "
                             f"{gap_from or 'its start'} and {gap_to or 'its end'}")
                continue
            covered_by.append(name)
        covered = bool(covered_by)
        if covered:
            note = f"covered by {', '.join(covered_by)}"
            if notes:
                note += "; " + "; ".join(notes)
        else:
            note = "; ".join(notes) or "not covered"
            if facts:
                note += "; facts shown are the last known state"
        return Answer(tuple(facts), covered, tuple(names), horizon, note)

    def _country(self, country: str) -> str:
        code = to_iso2(country) if country else None
        if code is None:
            from ..errors import UnknownCountryError

            raise UnknownCountryError(f"unknown country {country!r}: give a name or an ISO-2 code, e.g. PE or Peru")
        return code

    def stats(self) -> dict[str, Any]:
        return {"countries": len(self._countries), "predicates": self.predicates,
                "keys": len(self._index.ranges)}


@lru_cache(maxsize=4)
def _load(path: str, use_cache: bool) -> Reference:
    return Reference(path, use_cache=use_cache)


def load_reference(path: Path | str | os.PathLike[str] | None = None, *, use_cache: bool = True) -> Reference:
    """The reference tables, loaded once per process per folder. Default: the set `refdata pull`
    installed in the user's data directory when there is one, else the shipped tables."""
    return _load(str(Path(path) if path is not None else active_tables()), use_cache)
