"""CIA World Factbook: yearly archive 1990–2025 and the weekly change log 2020–2026.

Both raw files hold field texts per country and date. They become *series* of observations per
country and key (chief of state, U.S. chief of mission, organization list, …); a series becomes
facts:

* people in office — one fact per holder run, from the "since" date (else the first snapshot that
  shows them) to the next holder's start; when two snapshots are too far apart to say when the
  change happened (the archive has empty years), the run ends at the last snapshot that showed the
  holder (``end_basis: last_seen``); the last run is open (``valid_to`` None, ``end_basis: open``).
* embassy in Washington, independence, memberships — one fact per run of an unchanged value;
* trade totals, partner shares, poverty share — one fact per distinct (year, value), ``observed``
  being the first snapshot that stated it.

The package is split by job, the data flowing one way: ``sources`` reads the two files into
series (``series.Obs``, with ``labels``); ``people`` reads a holder from a text, ``identity`` says
who is who across snapshots, ``holders`` makes runs of people in office; ``representation`` and
``values`` parse single fields; ``series`` turns other series into facts; this module builds.

The archive's yearly rows are year-end snapshots (observed ``YYYY-12-31``); from the weekly log's
first date on (2020-11) the weekly log is used instead: it is finer and keeps accents, which the
archive's last years lost. Weekly rows are changes: a text holds until the next change of the
same field, and the last one until the log's last date (the horizon).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

from ...model import Fact
from .._common import BuildResult, fold, read_versions, require_dir, require_file
from .holders import holder_facts
from .labels import clean, split_subfields
from .people import display_name, parse_holder
from .representation import mission_note, parse_embassy, parse_phones, split_address
from .series import (
    CITATION,
    GAP_DAYS,
    SOURCE,
    WEEKLY_END,
    Obs,
    Run,
    _amounts,
    _embassy_series,
    _parse_embassy,
    membership_facts,
    runs,
    value_runs,
    yearly_facts,
)
from .sources import fips_map, read_archive, read_weekly
from .values import (
    parse_amounts,
    parse_independence,
    parse_orgs,
    parse_partners,
    parse_poverty,
    partner_statement,
)


def build(root: Path, progress: Callable[[str], None] | None = None) -> BuildResult:
    folder = require_dir(root / "factbook", "factbook")
    archive_path = require_file(folder / "archive-1990-2025.csv.gz", "factbook/archive-1990-2025.csv.gz")
    weekly_path = require_file(folder / "weekly-2020-2026.csv.gz", "factbook/weekly-2020-2026.csv.gz")
    fips = fips_map(require_file(folder / "fips_to_iso2.csv", "factbook/fips_to_iso2.csv"))
    versions = read_versions(folder / "VERSIONS")
    a_up, a_commit, a_date = versions.get("CIA-World-Factbooks-Archive-1990-2025",
                                          ("MilkMp/CIA-World-Factbooks-Archive-1990-2025", "", ""))
    w_up, w_commit, w_date = versions.get("factbook.json", ("factbook/factbook.json", "", ""))
    result = BuildResult(SOURCE, CITATION, upstream=f"{a_up} + {w_up}", commit=f"{a_commit} + {w_commit}",
                         upstream_date=max(a_date, w_date))
    result.extra["upstreams"] = [{"repository": a_up, "commit": a_commit, "date": a_date, "file": archive_path.name},
                                 {"repository": w_up, "commit": w_commit, "date": w_date, "file": weekly_path.name}]
    result.files = 2
    if progress:
        progress("factbook: reading the weekly log")
    weekly, horizon = read_weekly(weekly_path, fips, result)
    if progress:
        progress("factbook: reading the yearly archive")
    archive = read_archive(archive_path, fips, result)
    # archive snapshots from the weekly log's first date on are replaced by the weekly log
    series: dict[tuple[str, str], list[Obs]] = {}
    for k in set(weekly) | set(archive):
        w = weekly.get(k, [])
        cutoff = w[0].start if w else "9999"
        series[k] = [o for o in archive.get(k, []) if o.start < cutoff] + w
    if progress:
        progress("factbook: turning series into facts")
    countries = sorted({c for c, _ in series})
    facts: list[Fact] = []
    for country in countries:
        def get(key: str, c: str = country) -> list[Obs]:
            return series.get((c, key), [])
        facts += holder_facts(country, "chief_of_state", get("chief_of_state"), horizon, False)
        facts += holder_facts(country, "head_of_government", get("head_of_government"), horizon, False)
        facts += holder_facts(country, "us_chief_of_mission", get("us_chief_of_mission"), horizon, True)
        # a text naming nobody ("the US does not have an embassy in …") is a fact of its own
        facts += value_runs(country, "us_mission_note", get("us_chief_of_mission"), mission_note,
                            lambda v: None if v is None else (v["kind"], fold(v["note"])))
        facts += holder_facts(country, "partner_chief_of_mission", get("partner_chief_of_mission"), horizon, True)
        facts += value_runs(country, "embassy_in_us", _embassy_series(get("chancery"), get("telephone")),
                            _parse_embassy,
                            lambda v: None if v is None else (fold(v["raw"].split(" | ")[0]), json.dumps(v["phones"]),
                                                               json.dumps(v["phone_ranges"])))
        facts += membership_facts(country, get("orgs"))
        facts += value_runs(country, "independence", get("independence"), parse_independence,
                            lambda v: None if v is None else (v["date"], v["from"]))
        for flow in ("exports", "imports"):
            facts += yearly_facts(country, f"{flow}_total", get(flow), _amounts,
                                  lambda v: (v["year"], v["value_usd"]))
            # one row per statement ("China 22.1%, US 15.2% (2015)"); the loader expands it into
            # one ``*_partner_share`` fact per partner (the shipped tables stay under budget)
            facts += yearly_facts(country, f"{flow[:-1]}_partner_shares", get(f"{flow}_partners"),
                                  partner_statement,
                                  lambda v: (v["year"], json.dumps(v["partners"], sort_keys=True)))
        facts += yearly_facts(country, "poverty_share", get("poverty"),
                              lambda t: [p] if (p := parse_poverty(t)) else [],
                              lambda v: (v["year"], v["value"]))
    result.facts = facts
    result.first = "1990-12-31"
    result.last = horizon
    result.extra["weekly_first"] = min((o[0].start for o in weekly.values() if o), default=None)
    result.extra["countries"] = len(countries)
    return result


def today() -> str:
    return dt.date.today().isoformat()


__all__ = ["CITATION", "GAP_DAYS", "SOURCE", "WEEKLY_END", "Obs", "Run", "build", "clean", "display_name",
           "fips_map", "holder_facts", "mission_note", "parse_amounts", "parse_embassy", "parse_holder",
           "parse_independence", "parse_orgs", "parse_partners", "parse_phones", "parse_poverty",
           "read_archive", "read_weekly", "runs", "split_address", "split_subfields", "today", "value_runs"]
