"""Curated events: dated facts no shipped source covers that change many sheets at once.

``factsheet/data/curated_events.json`` lists them, each with a public citation: the Generalized
System of Preferences lapsed after 2020-12-31; USAID stopped running programs as an independent
agency on 2025-07-01. A claim of one of an event's families whose clause (or name, agency) the
event's pattern matches, and which speaks of the thing as ongoing, is settled by the event:

- now: ``outdated`` once the check date is past the event, with the citation as evidence;
- at publication: ``contradicted`` when the sheet was published (its whole range) after the
  event and the clause is all present tense, ``unverifiable`` with the event as reason when the
  range straddles it (or the clause mixes tenses: "has provided … since 1990"); a sheet
  published before keeps its checker's verdict.

A clause in the past tense ("USAID provided …", "GSP benefits were …") is not affected. Every
other claim keeps its sources.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import ReferenceDataError
from ..model import Assessment, Claim, Evidence, Verdict
from .base import safe_lower, safe_upper
from .codes import family_of, status_code

_PAST = re.compile(r"\b(?:was|were|had|provided|funded|gave|ended|expired|lapsed|closed|"
                   r"completed|did|used\s+to|formerly|until)\b", re.I)
_ONGOING = re.compile(r"\b(?:is|are|has|have|provides?|continues?|remains?|supports?|works?|"
                      r"runs?|funds?|currently|now|eligible|benefits?|partners?|implements?|"
                      r"focus(?:es)?|invests?)\b", re.I)


@dataclass(frozen=True)
class CuratedEvent:
    id: str
    date: str  # the last day the old state held
    subject: str
    current: str
    types: tuple[str, ...]
    match: re.Pattern[str]
    citation: str

    def evidence(self) -> Evidence:
        return Evidence(source="curated", record=self.id, value=f"{self.subject}: {self.current}",
                        citation=self.citation)


def _parse(data: Any, where: str) -> tuple[CuratedEvent, ...]:
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        raise ReferenceDataError(f"{where}: expected {{\"events\": [...]}}; see "
                                 "docs/checking.md (curated events).")
    out = []
    for n, row in enumerate(data["events"]):
        missing = [k for k in ("id", "date", "subject", "current", "types", "match", "citation")
                   if not row.get(k)] if isinstance(row, dict) else ["all fields"]
        if missing:
            raise ReferenceDataError(f"{where}: event {n} lacks {', '.join(missing)}: every row "
                                     "needs them, a public citation included.")
        if safe_lower(row["date"]) is None or len(row["date"]) != 10:
            raise ReferenceDataError(f"{where}: event {row['id']}: date {row['date']!r} is not "
                                     "YYYY-MM-DD.")
        try:
            pattern = re.compile(row["match"], re.I)
        except re.error as exc:
            raise ReferenceDataError(f"{where}: event {row['id']}: match is not a regular "
                                     f"expression ({exc}).") from None
        if not re.search(r"https?://\S+\.\S+", row["citation"]):
            raise ReferenceDataError(f"{where}: event {row['id']}: the citation gives no public "
                                     "address (http…).")
        out.append(CuratedEvent(row["id"], row["date"], row["subject"], row["current"],
                                tuple(row["types"]), pattern, row["citation"]))
    return tuple(out)


def load_events(path: str | Path | None = None) -> tuple[CuratedEvent, ...]:
    """The curated events (the shipped table, or a JSON file of the same shape), validated."""
    if path is not None:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ReferenceDataError(f"{path}: cannot read curated events ({exc}).") from None
        return _parse(data, str(path))
    return _shipped()


@lru_cache(maxsize=1)
def _shipped() -> tuple[CuratedEvent, ...]:
    text = resources.files("factsheet").joinpath("data/curated_events.json").read_text("utf-8")
    return _parse(json.loads(text), "factsheet/data/curated_events.json")


def _applies(event: CuratedEvent, claim: Claim) -> bool:
    if claim.type.split(".")[0] not in event.types:
        return False
    if not event.match.search(claim.quote):
        # the names only when the quote does not say it (asked of every claim of the type)
        names = " ".join([str(claim.fields.get(k) or "") for k in ("name", "short_name", "agency")])
        if not event.match.search(names):
            return False
    return not (_PAST.search(claim.quote) and not _ONGOING.search(claim.quote))


def settle(claim: Claim, verdict: Verdict, earliest: dt.date | None, latest: dt.date | None,
           as_of: dt.date, events: tuple[CuratedEvent, ...] | None = None) -> Verdict:
    """The verdict with the curated events that settle this claim applied (module docstring)."""
    for event in events if events is not None else _shipped():
        if not _applies(event, claim):
            continue
        end = safe_upper(event.date)
        assert end is not None
        if as_of <= end:
            continue
        ev = event.evidence()
        pub = verdict.at_publication
        after = earliest is not None and earliest > end
        if after and _PAST.search(claim.quote):  # "has provided … since 1990": may still be true
            after, straddles = False, True
        else:
            straddles = not after and latest is not None and latest > end
        if after:
            pub = Assessment(date=pub.date, verdict="contradicted", evidence=(ev,),
                             current=event.current)
            message = (f"Published after {event.date}, the sheet speaks of {event.subject} as "
                       f"ongoing, but since then {event.current} ({event.citation}).")
        elif straddles:
            reason = (f"the sheet may have been published after {event.date}; since then "
                      f"{event.current}")
            pub = Assessment(date=pub.date, verdict="unverifiable", evidence=(ev,), reason=reason)
            message = f"{reason[:1].upper()}{reason[1:]} ({event.citation})."
        else:
            message = (f"{verdict.message} Since then {event.current} ({event.citation}).")
        verdict_now = "contradicted" if after else "outdated"
        now = Assessment(date=verdict.now.date, verdict=verdict_now, evidence=(ev,),
                         current=event.current, horizon=verdict.now.horizon)
        return replace(verdict, at_publication=pub, now=now, message=message,
                       code=status_code(family_of(claim.type), pub.verdict, now.verdict))
    return verdict
