"""Snapshots over time → facts: runs of an unchanged value, yearly figures, memberships, the embassy."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ...dates import lower_bound
from ...model import Fact
from .identity import _other_person
from .representation import parse_embassy
from .values import parse_amounts, parse_orgs

SOURCE = "factbook"


CITATION = "Central Intelligence Agency, The World Factbook (U.S. public domain)"


#: Two snapshots further apart than this cannot date a change between them.
GAP_DAYS = 400


#: The weekly edition ended with the Factbook itself (README: last content 2026-01-22).
WEEKLY_END = "2026-01-22"


@dataclass(frozen=True)
class Obs:
    start: str  # first date the text was seen
    end: str  # last date it is known to hold (archive: the snapshot; weekly: next change/horizon)
    text: str
    origin: str  # "archive:2016" or "weekly:<commit>"


def _days(a: str, b: str) -> int:
    return (lower_bound(b) - lower_bound(a)).days


def _cite(origin: str, date: str) -> str:
    """Short per-fact citation; the manifest names the repositories and commits."""
    kind, _, ref = origin.partition(":")
    if kind == "archive":
        return f"CIA World Factbook {ref}"
    return f"CIA World Factbook, weekly edition of {date}"


@dataclass
class Run:
    first: Obs
    last: Obs
    value: Any


def runs(obs: list[Obs], parse: Callable[[str], Any], identity: Callable[[Any], Any],
         respell: Callable[[Any, Any], bool] | None = None) -> list[Run]:
    """Consecutive observations with the same parsed identity, merged; None = nobody/unknown.
    ``respell(earlier, later)`` says a differing value is the same one spelt anew: the run goes on
    with the later spelling."""
    out: list[Run] = []
    for o in obs:
        value = parse(o.text)
        if out and identity(out[-1].value) == identity(value) and not (respell and _other_person(out[-1].value, value)):
            out[-1].last = o
            continue
        if out and respell is not None and respell(out[-1].value, value):
            out[-1].last = o
            if isinstance(value, dict) and not value.get("since") and out[-1].value.get("since"):
                value = {**value, "since": out[-1].value["since"]}  # the new spelling dropped it
            out[-1].value = value
            continue
        out.append(Run(o, o, value))
    return out


def value_runs(country: str, predicate: str, obs: list[Obs], parse: Callable[[str], Any],
               identity: Callable[[Any], Any], record_key: str | None = None) -> list[Fact]:
    """One fact per run of an unchanged value: valid from its first to the next run's first
    snapshot (or to its last snapshot across a gap), open at the end."""
    facts = []
    seq = runs(obs, parse, identity)
    for i, run in enumerate(seq):
        if run.value is None:
            continue
        value = dict(run.value)
        if i + 1 < len(seq):
            nxt = seq[i + 1]
            valid_to = run.last.end if _days(run.last.end, nxt.first.start) > GAP_DAYS else nxt.first.start
        else:
            valid_to = None
        facts.append(Fact(SOURCE, f"{country}{'/' + record_key if record_key else ''}@{run.first.start}", country, predicate,
                          value, valid_from=run.first.start, valid_to=valid_to, observed=run.first.start,
                          citation=_cite(run.first.origin, run.first.start)))
    return facts


def membership_facts(country: str, obs: list[Obs]) -> list[Fact]:
    parsed: list[tuple[Obs, list[dict[str, str]]]] = []
    for o in obs:
        items = parse_orgs(o.text)
        if items is not None:  # a text that is not a list says nothing about memberships
            parsed.append((o, items))
    orgs = sorted({m["organization"] for _, p in parsed for m in p})
    facts: list[Fact] = []
    for org in orgs:
        per: list[Obs] = []
        lookup: dict[str, dict[str, str] | None] = {}
        for o, p in parsed:
            entry = next((m for m in p if m["organization"] == org), None)
            tag = f"{o.origin}|{o.start}"
            lookup[tag] = entry
            per.append(Obs(o.start, o.end, tag, o.origin))
        facts += value_runs(country, "membership", per, lambda t, lk=lookup: lk[t],  # type: ignore[misc]
                            lambda v: None if v is None else (v["status"], v["raw"]), record_key=org)
    return facts


def yearly_facts(country: str, predicate: str, obs: list[Obs], parse: Callable[[str], list[dict[str, Any]]],
                 identity: Callable[[dict[str, Any]], Any]) -> list[Fact]:
    """One fact per distinct stated value about a year, observed at its first statement."""
    seen: dict[Any, Fact] = {}
    for o in obs:
        for value in parse(o.text):
            ident = identity(value)
            if ident in seen:
                continue
            year = value.get("year")
            partner = f"/{value['partner']}" if "partner" in value else ""
            seen[ident] = Fact(SOURCE, f"{country}/{year}{partner}@{o.start}", country, predicate, value,
                               valid_from=str(year) if year else None, valid_to=str(year) if year else None,
                               observed=o.start, citation=_cite(o.origin, o.start))
    return list(seen.values())


def _amounts(text: str) -> list[dict[str, Any]]:
    return [{"value_usd": v, "year": y, "raw": raw} for y, v, raw in parse_amounts(text)]


def _embassy_series(chancery: list[Obs], telephone: list[Obs]) -> list[Obs]:
    """Chancery and telephone observations merged into one series of "chancery || telephone"."""
    points = sorted({o.start for o in chancery} | {o.start for o in telephone})
    out = []

    def at(series: list[Obs], date: str) -> Obs | None:
        found = None
        for o in series:
            if o.start <= date:
                found = o
        return found

    for i, date in enumerate(points):
        c, t = at(chancery, date), at(telephone, date)
        if c is None:
            continue
        same_snapshot_t = t  # a snapshot without a telephone line keeps the last one known
        end = c.end
        if i + 1 < len(points) and c.origin.startswith("weekly"):
            end = min(c.end, points[i + 1])
        out.append(Obs(date, end, f"{c.text}||{same_snapshot_t.text if same_snapshot_t else ''}", c.origin))
    return out


def _parse_embassy(text: str) -> dict[str, Any] | None:
    chancery, _, telephone = text.partition("||")
    return parse_embassy(chancery, telephone or None)

