"""Office holders over time, from the Factbook's snapshots and pocom's dated tenures.

The Factbook states who holds an office on a snapshot date, with a "since" date (its entries lag
events by weeks or months). The builder turns the snapshots into runs in snapshot order, each
valid from its "since" date when the snapshots bear it out, else from its first snapshot: the
holder on a day is the one whose run holds that day ("latest" is the latest snapshot, never the
latest "since" date). pocom gives explicit start and end dates.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from ..dates import parse_date
from ..model import Fact
from .base import fact_end, fact_start, safe_lower, safe_upper
from .names import clean_name, display_name, matching_names, names_match

_TITLE = re.compile(
    r"^(?P<title>(?:(?:First|Second|Third|Acting|Interim|Transitional|Executive|Deputy|Vice)\s+)*"
    r"(?:Ambassador(?:-designate)?|Ambassador Extraordinary and Plenipotentiary|"
    r"Charg[eé] d['’]Affaires(?:,?\s+a\.?i\.?|\s+ad interim)?|Consul General|Consul|"
    r"Principal Officer|Chief of Mission|Representative|Director|"
    r"President|Prime Minister|Premier|Chancellor|King|Queen|Emir|Amir|Sultan|Grand Duke|"
    r"Prince|Sovereign Prince|Emperor|Supreme Leader|Chairman|Chairperson|Governor[- ]General|"
    r"Head of State|Co-[Pp]rince|Pope|Captains? Regent|Federal Chancellor|Taoiseach|"
    r"Secretary[- ]General|Chief Executive|Premier|State Counsellor|Vice President)"
    r"(?:\s+of\s+the\s+[A-Z][\w ]+?(?=\s+[A-Z][a-z]|\s+[A-Z]{2}))?)\s+(?P<rest>.+)$"
)
_SINCE = re.compile(r"\(since\s+([^)]*)\)")


@dataclass(frozen=True)
class Holder:
    name: str
    title: str
    start: dt.date | None
    end: dt.date | None
    since: str | None  # the source's own start date, ISO
    fact: Fact

    @cached_property  # asked for every claim about the office (frozen: kept in __dict__)
    def label(self) -> str:
        title = self.title.replace("’", "'")
        return f"{title} {display_name(self.name)}".strip()

    def describe(self) -> str:
        text = self.label
        if self.since:
            text += f" (since {self.since})"
        if self.fact.source == "pocom":
            end = self.fact.value.get("end") if isinstance(self.fact.value, dict) else None
            text = f"{display_name(self.name)}, {self.title}, {self.since or '?'} – {end or 'open'}"
        return text


def _iso_since(text: str | None) -> str | None:
    if not text:
        return None
    text = text.strip()
    if re.fullmatch(r"\d{4}(-\d\d){0,2}", text):
        return text
    return parse_date(text)


def parse_people(raw: str) -> list[tuple[str, str, str | None]]:
    """"Ambassador-designate Bernardo NAVARRO; Chargé d'Affaires Joan PERKINS (since 18 April
    2025)" → [(title, name, since ISO)], skipping vacant posts."""
    out: list[tuple[str, str, str | None]] = []
    text = re.sub(r"<[^>]+>", " ", html.unescape(raw))
    for part in re.split(r";|\|", text):
        part = part.strip()
        if not part or "vacant" in part.lower():
            continue
        if ":" in part[:40]:
            part = part.split(":", 1)[1].strip()
        since_m = _SINCE.search(part)
        since = _iso_since(since_m.group(1)) if since_m else None
        part = _SINCE.sub("", part).strip().rstrip(".,")
        m = _TITLE.match(part)
        if m:
            out.append((m.group("title"), m.group("rest").strip(), since))
    return out


def holder_of(fact: Fact, *, acting: bool = False) -> tuple[str, str, str | None] | None:
    """The one person a fact names: the first listed, or with ``acting`` the one in post (not a
    designate) when several are listed."""
    value = fact.value if isinstance(fact.value, dict) else {}
    raw = str(value.get("raw") or "")
    people = parse_people(raw) if raw else []
    if acting and people:
        in_post = [p for p in people if "designate" not in p[0].lower()]
        if in_post:
            people = in_post
    if people and (acting or not value.get("name")):
        return people[0]
    name = value.get("name")
    if not name:
        return people[0] if people else None
    title = str(value.get("title") or value.get("role") or "")
    since = value.get("since") or value.get("start")
    return (title, str(name), str(since) if since else None)


def timeline(facts: Iterable[Fact], *, acting: bool = False) -> list[Holder]:
    """Holders sorted by start; pocom tenures keep their dates, snapshot runs their validity (the
    builder's order of snapshots; the "since" date is kept for messages)."""
    out: list[Holder] = []
    for fact in facts:
        person = holder_of(fact, acting=acting)
        if person is None:
            continue
        title, name, since = person
        name = clean_name(name)
        if fact.source == "pocom" and isinstance(fact.value, dict):
            start = safe_lower(fact.value.get("start")) or fact_start(fact)
            end = safe_upper(fact.value.get("end")) if fact.value.get("end") else fact_end(fact)
        else:
            start = fact_start(fact) or safe_lower(since) or safe_lower(fact.observed)
            end = fact_end(fact)
        out.append(Holder(name, title, start, end, since, fact))
    out.sort(key=lambda h: (h.start or dt.date.min, h.fact.observed or ""))
    return out


def cached_timeline(ctx: Any, predicate: str, country: str | None = None, *,
                    sources: str = "all", acting: bool = False) -> list[Holder]:
    """``timeline`` of a country's facts for ``predicate`` (``sources``: all, pocom, other),
    memoized per reference."""
    iso = country or ctx.country
    key = ("timeline", iso, predicate, sources, acting)
    if key not in ctx.cache:
        facts = ctx.all_facts(predicate, iso)
        if sources == "pocom":
            facts = [f for f in facts if f.source == "pocom"]
        elif sources == "other":
            facts = [f for f in facts if f.source != "pocom"]
        ctx.cache[key] = timeline(facts, acting=acting)
    found: list[Holder] = ctx.cache[key]
    return found


def holder_at(holders: list[Holder], day: dt.date) -> Holder | None:
    """The holder on ``day``: pocom by its explicit tenure, snapshots by the latest start."""
    dated = [h for h in holders if h.start is not None and h.start <= day]
    if not dated:
        return None
    if all(h.fact.source == "pocom" for h in dated):
        tenure = [h for h in dated if h.end is None or day <= h.end]
        # a chief of mission in post; prefer ambassadors over chargés named in the same window
        if not tenure:
            return None
        return max(tenure, key=lambda h: (h.start or dt.date.min))
    holding = [h for h in dated if h.fact.source == "pocom" or h.end is None or day <= h.end]
    if not holding:
        return None  # the source lost track of the office (a gap in its history)
    latest = max(h.start for h in holding if h.start)
    same_start = [h for h in holding if h.start == latest]
    # Snapshots that restate one "since" date under another spelling ("Earle" then "Lee
    # LITZENBERGER", a chargé between them): the one the source stated on that day wins.
    stated = [h for h in same_start if _stated_on(h.fact, day)]
    found = max(stated or same_start, key=lambda h: h.fact.observed or "")
    value = found.fact.value if isinstance(found.fact.value, dict) else {}
    if value.get("end_basis") == "last_seen" and found.end is not None and day > found.end:
        return None  # the source lost track of the office (a gap in its history)
    return found


def _stated_on(fact: Fact, day: dt.date) -> bool:
    start, end = fact_start(fact), fact_end(fact)
    return (start is None or start <= day) and (end is None or day <= end)


#: id of a holder list → (the list, its names): timelines are cached and asked about once per
#: claim, so their names are gathered once (the list is kept, so its id is not reused)
_NAMES: dict[int, tuple[list[Holder], tuple[str, ...]]] = {}


def _names(holders: list[Holder]) -> tuple[str, ...]:
    found = _NAMES.get(id(holders))
    if found is not None and found[0] is holders and len(found[1]) == len(holders):
        return found[1]
    names = tuple(h.name for h in holders)
    if len(holders) > 8:  # a one-holder list is made afresh by each caller: not worth keeping
        if len(_NAMES) > 1024:
            _NAMES.clear()
        _NAMES[id(holders)] = (holders, names)
    return names


def tenure_of(holders: list[Holder], name: str) -> list[Holder]:
    matching = matching_names(name, _names(holders))
    if not matching:
        return []
    return [h for h in holders if h.name in matching]


def left_phrase(holders: list[Holder], person: Holder, verb: str = "left office") -> str:
    """"left office on 2018-03-23", or what the source knows when it lost track of the person."""
    value = person.fact.value if isinstance(person.fact.value, dict) else {}
    if person.fact.source != "pocom" and value.get("end_basis") == "last_seen":
        return f"was last listed by the {person.fact.source.capitalize()} on {value.get('last_seen')}"
    left = left_on(holders, person)
    return f"{verb} on {left}" if left else f"{verb}"


def left_on(holders: list[Holder], person: Holder) -> dt.date | None:
    """When ``person`` left: pocom's end, else the start of the next different holder."""
    if person.fact.source == "pocom" and person.end:
        return person.end
    value = person.fact.value if isinstance(person.fact.value, dict) else {}
    if value.get("end_basis") == "successor" and person.fact.valid_to:
        return safe_lower(person.fact.valid_to)
    later = [h for h in holders if h.start and person.start and h.start > person.start
             and not names_match(display_name(person.name), h.name)]
    return min(h.start for h in later if h.start) if later else None
