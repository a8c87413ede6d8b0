"""Leaders against the Factbook: the person on the publication date, "since", and the term's end.

Predicates ``chief_of_state`` and ``head_of_government`` (Factbook archive year-ends and the weekly
edition). A prime minister, premier or chancellor is looked up as head of government first;
everyone else as chief of state first, then the other.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from ..model import Assessment, Claim, Evidence, Verdict
from .base import (
    Context,
    as_of_phrase,
    assess,
    date_matches,
    evidence,
    make_verdict,
    perishable_now,
    safe_lower,
    safe_upper,
    unverifiable,
)
from .holders import Holder, cached_timeline, holder_at, left_phrase, parse_people, tenure_of
from .names import clean_name, display_name, fold, names_match

_HEAD_OF_GOVERNMENT = re.compile(r"prime minister|premier|chancellor|taoiseach|chief executive", re.I)
_TERM = re.compile(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten)[- ]year (?:term|mandate)", re.I)
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10}


def _predicates(claim: Claim) -> tuple[str, str]:
    role = str(claim.fields.get("role") or "")
    title = str(claim.fields.get("title") or "")
    if role == "head_of_government" or (role != "head_of_state" and _HEAD_OF_GOVERNMENT.search(title)):
        return ("head_of_government", "chief_of_state")
    return ("chief_of_state", "head_of_government")


#: Presidential terms fixed by constitutions that have kept them since 2000 (years), used when
#: neither the sheet nor the Factbook entry states the length. Extend with care.
PRESIDENTIAL_TERMS: dict[str, int] = {
    "AR": 4, "BR": 4, "CL": 4, "CO": 4, "CR": 4, "EC": 4, "GT": 4, "US": 4,
    "ID": 5, "KR": 5, "PA": 5, "PE": 5, "PY": 5, "UY": 5, "FR": 5,
    "MX": 6, "PH": 6,
}


def _term_years(claim: Claim, holders: list[Holder]) -> tuple[int | None, str]:
    stated = claim.fields.get("term_years")
    if stated:
        return int(stated), "the sheet's stated term"
    for h in reversed(holders):
        value = h.fact.value if isinstance(h.fact.value, dict) else {}
        for key in ("term_years",):
            if value.get(key):
                return int(value[key]), f"the {h.fact.source} of {h.fact.observed}"
        m = _TERM.search(str(value.get("raw") or ""))
        if m:
            n = m.group(1).lower()
            return (int(n) if n.isdigit() else _WORDS[n]), f"the {h.fact.source.capitalize()} of {h.fact.observed}"
    title = str(claim.fields.get("title") or "")
    country = claim.country or (holders[0].fact.country if holders else "")
    if title.lower() == "president" and country in PRESIDENTIAL_TERMS:
        return PRESIDENTIAL_TERMS[country], "the constitutional term"
    return None, ""


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def check_leader(ctx: Context, index: int, claim: Claim) -> Verdict:
    name = str(claim.fields.get("name") or "")
    first, second = _predicates(claim)
    if not ctx.country or not name:
        return unverifiable(ctx, index, claim, "the claim names no one to compare", first)
    lines = {p: cached_timeline(ctx, p) for p in (first, second)}
    if not any(lines.values()):
        return unverifiable(ctx, index, claim, f"the Factbook has no {first.replace('_', ' ')} "
                            f"for {ctx.country}", first)
    day = ctx.published
    if day is None:
        return unverifiable(ctx, index, claim, "the sheet has no publication date", first)
    # the predicate whose holder on the day is the claimed person, else the preferred one
    chosen = first if lines[first] else second
    for p in (first, second):
        h = holder_at(lines[p], day)
        if h is not None and tenure_of([h], name):
            chosen = p
            break
    holders = lines[chosen]
    at_pub = holder_at(holders, day)
    if at_pub is None and any(h.start and h.start <= day for h in holders):
        last = max((h for h in holders if h.start and h.start <= day),
                   key=lambda h: h.start or dt.date.min)
        return unverifiable(ctx, index, claim, f"the Factbook's {chosen.replace('_', ' ')} history "
                            f"has a gap on {day}: {display_name(last.name)} {left_phrase(holders, last)}, and the next "
                            "entry starts later", chosen)
    if at_pub is None:
        earliest = holders[0].start if holders else None
        return unverifiable(ctx, index, claim, f"the Factbook's {chosen.replace('_', ' ')} record "
                            f"for {ctx.country} starts on {earliest}, after {day}", chosen)
    co = _co_holder(at_pub, name) or next(
        (h for h in holders if h is not at_pub and h.start and h.start <= day
         and (h.end is None or day <= h.end) and tenure_of([h], name)), None)
    if co is not None:
        at_pub = co  # one of several holders the Factbook names (Andorra's co-princes)
    if not tenure_of([at_pub], name) and not tenure_of(holders, name):
        other = second if chosen == first else first
        title = str(claim.fields.get("title") or "")
        if tenure_of(lines[other], name) and not claim.fields.get("_switched"):
            # the Factbook lists the person in the other office (the Holy See's Secretary of
            # State is its head of government): judge the claim there
            role = "head_of_government" if other == "head_of_government" else "head_of_state"
            return check_leader(ctx, index, replace(claim, fields={**claim.fields, "role": role,
                                                                   "_switched": True}))
        if _SHARED_OFFICE.search(title) or _SHARED_OFFICE.search(at_pub.title):
            return unverifiable(ctx, index, claim, f"the office is shared ({at_pub.label} holds "
                                "it too) and the Factbook does not list every holder", chosen)
        if _OTHER_OFFICE.search(title):
            return unverifiable(ctx, index, claim, f"the Factbook lists only the chief of state "
                                f"and the head of government, not the sheet's "
                                f"{claim.fields.get('title')}", chosen)
        elif _spelled_otherwise(claim, at_pub):
            return _as_spelled(ctx, index, claim, holders, chosen, at_pub, day, name)
    pub_ev = [evidence(at_pub.fact, at_pub.describe())]
    if not tenure_of([at_pub], name) and _spelled_otherwise(claim, at_pub):
        # one person under two spellings ("Kenny"/"Kenneth ANTHONY", "Amadou"/"Mamadou Oury
        # BAH"), even when the other spelling names another run of the same office
        return _as_spelled(ctx, index, claim, holders, chosen, at_pub, day, name)
    if not tenure_of([at_pub], name):
        mine = tenure_of(holders, name)
        early = _ahead_of_source(ctx, index, claim, holders, chosen, mine, at_pub)
        if early is not None:
            return early
        title = str(claim.fields.get("title") or "")
        if mine and title and not _same_office(title, at_pub.title) and _same_office(
                title, mine[-1].title):
            # the Factbook stopped listing the office the sheet names (the Holy See's Secretary
            # of State was its head of government until 2021)
            return unverifiable(ctx, index, claim, f"on {day} the Factbook lists {at_pub.label} "
                                f"as {chosen.replace('_', ' ')}, no longer the {title}; it last "
                                f"named {display_name(mine[-1].name)} on "
                                f"{mine[-1].fact.observed or mine[-1].start}", chosen)
        if mine and mine[0].start and mine[0].start <= day and not _states_tenure(claim):
            # a leader named in passing ("under President X, the government began …") who held
            # the office before the sheet's date: a mention of the past, not a claim that he
            # holds it now; told, never a contradiction
            return unverifiable(ctx, index, claim, f"the sheet names {name} without a tenure, and "
                                f"{name} {left_phrase(holders, mine[-1])} (before {day}): a "
                                "mention of the past, not a statement of who holds office", chosen)
        if mine:
            start = mine[0].start
            if start and start > day:
                why = f"{name} took office only on {mine[0].since or start}"
            else:
                why = f"{name} {left_phrase(holders, mine[-1])}"
            pub_ev.append(evidence(mine[-1].fact, mine[-1].describe()))
        else:
            why = f"the Factbook does not name {name} as {chosen.replace('_', ' ')}"
        msg = f"{why}; on {day} the Factbook names {at_pub.label}" + (
            f" (since {at_pub.since})." if at_pub.since else ".")
        pub = assess(ctx.published, "contradicted", pub_ev, current=at_pub.label)
        return make_verdict(index, claim, pub, _now(ctx, claim, holders, chosen, pub_ev, True)[0],
                            msg)
    problems: list[str] = []
    code = None
    since = claim.fields.get("since")
    notes: list[str] = []
    if since and at_pub.since and not date_matches(str(since), at_pub.since):
        # any start the Factbook gave this person (a re-election may restart its "since")
        starts = sorted({h.since for h in tenure_of(holders, name) if h.since})
        exact = [x for x in starts if date_matches(str(since), x)]
        near = [x for x in starts if _days_apart(str(since), x) <= SINCE_TOLERANCE_DAYS]
        if exact:
            notes.append(f"the Factbook also gave since {exact[0]}")
        elif near:
            notes.append(f"the Factbook says since {near[0]}, within {SINCE_TOLERANCE_DAYS} days "
                         f"of the sheet's {since} (an election, appointment or inauguration date)")
        elif _MONARCH.search(str(claim.fields.get("title") or at_pub.title)) and _after(
                str(since), at_pub.since):
            return unverifiable(ctx, index, claim, f"{display_name(at_pub.name)} reigned, but the "
                                f"Factbook dates the accession {at_pub.since} and the sheet says "
                                f"since {since}: perhaps the coronation", chosen)
        else:
            problems.append(f"the sheet says since {since}; the Factbook says since {at_pub.since}")
    term_ends = claim.fields.get("term_ends")
    if term_ends:
        years, source = _term_years(claim, holders)
        start = safe_lower(at_pub.since) or safe_lower(str(since) if since else None)
        if years and start:
            expected = _add_years(start, years)
            # a successor may serve out the term a predecessor began
            began_on = [(h, safe_lower(h.since) or h.start) for h in holders]  # the term's own start
            earlier = [(h, b) for h, b in began_on if b and b < start
                       and _add_years(b, years) > start and not tenure_of([h], name)]
            inherited = [h for h, began in earlier
                         if date_matches(str(term_ends), _add_years(began, years).isoformat())
                         ] if not date_matches(str(term_ends), expected.isoformat()) else []
            if date_matches(str(term_ends), expected.isoformat()):
                notes.append(f"term ends {expected} after {years} years ({source})")
            elif inherited:
                begun = inherited[-1]
                notes.append(f"the {years}-year term ({source}) began on {begun.since or begun.start} under "
                             f"{display_name(begun.name)} and ends in {term_ends}")
            else:
                code = "V-LEAD-TERM-CONTRADICTED"
                problems.append(f"a {years}-year term ({source}) from {start} ends on {expected}, "
                                f"not {term_ends}")
        else:
            notes.append("the term's end was not checked: no term length is stated or known")
    if problems:
        pub = assess(ctx.published, "contradicted", pub_ev, current=at_pub.describe())
        msg = f"{display_name(at_pub.name)} was in office, but " + "; ".join(problems) + "."
        return make_verdict(index, claim, pub, _now(ctx, claim, holders, chosen, pub_ev, True)[0],
                            msg, code=code)
    pub = assess(ctx.published, "supported", pub_ev)
    msg = f"The Factbook names {at_pub.describe()} on {day}"
    msg += ("; " + "; ".join(notes) + "." if notes else ".")
    now, extra = _now(ctx, claim, holders, chosen, pub_ev, False)
    return make_verdict(index, claim, pub, now, msg + extra)


def _now(ctx: Context, claim: Claim, holders: list[Holder], predicate: str,
         pub_ev: list[Evidence], contradicted: bool) -> tuple[Assessment, str]:
    name = str(claim.fields.get("name") or "")
    day = ctx.now_date(predicate)
    horizon = ctx.horizon(predicate)
    current = holder_at(holders, day)
    if current is None:
        reason = f"the Factbook's {predicate.replace('_', ' ')} history has no entry for {day}"
        return (perishable_now(ctx, None, (), predicate, reason=reason),
                f" Now unknown: {reason}.")
    ev = [evidence(current.fact, current.describe())]
    still = bool(tenure_of([current], name))
    if contradicted:
        if still:
            return assess(ctx.as_of, "current", ev, horizon=horizon), ""
        return assess(ctx.as_of, "contradicted", ev, current=current.label, horizon=horizon), ""
    claimed_since = str(claim.fields.get("since") or "")
    between = [h for h in holders if still and claimed_since and current.start and h.start
               and (safe_upper(claimed_since) or current.start) < h.start < current.start
               and not tenure_of([h], name)]
    if (still and between and current.since and not date_matches(claimed_since, current.since)
            and _days_apart(claimed_since, current.since) > 2 * 365):
        # the same person, but in a later tenure: "since 2003" no longer holds (Lula, 2023)
        extra = (f" {display_name(current.name)} left office ({between[0].label} from "
                 f"{between[0].start}) and returned: "
                 f"{as_of_phrase(ctx, day, horizon, current.fact.source)} names "
                 f"{current.label}, in office since {current.since}.")
        return perishable_now(ctx, False, ev, predicate, current=current.describe()), extra
    if still:
        return perishable_now(ctx, True, ev, predicate), ""
    mine = tenure_of(holders, name)
    since = f", in office since {current.since}" if current.since else ""
    who = display_name(mine[-1].name) if mine else name
    extra = (f" {who} {left_phrase(holders, mine[-1]) if mine else 'left office'}"
             f"; {as_of_phrase(ctx, day, horizon, current.fact.source)} names {current.label}{since}.")
    return perishable_now(ctx, False, ev, predicate, current=current.label), extra


#: a "since" within this many days of the Factbook's is supported: sources date a start by the
#: election, the appointment, the swearing-in or the inauguration
SINCE_TOLERANCE_DAYS = 45
#: a person the Factbook lists from a snapshot this many days or fewer after the sheet, without
#: a start date, may well have been in office when the sheet was written
SNAPSHOT_LAG_DAYS = 400


def _days_apart(claimed: str, actual: str) -> int:
    lo, hi = safe_lower(claimed), safe_upper(claimed)
    a_lo, a_hi = safe_lower(actual), safe_upper(actual)
    if None in (lo, hi, a_lo, a_hi):
        return 10 ** 6
    assert lo and hi and a_lo and a_hi
    if a_hi < lo:
        return (lo - a_hi).days
    if hi < a_lo:
        return (a_lo - hi).days
    return 0


def _ahead_of_source(ctx: Context, index: int, claim: Claim, holders: list[Holder],
                     predicate: str, mine: list[Holder], at_pub: Holder) -> Verdict | None:
    """The sheet names a new holder the Factbook lists only later: not a contradiction when the
    Factbook gives no start date (its snapshot lagged) or the start is days after the sheet."""
    day = ctx.published
    if not mine or day is None or mine[0].start is None or mine[0].start <= day:
        return None
    first = mine[0]
    assert first.start is not None
    gap = (first.start - day).days
    since = claim.fields.get("since")
    ev = [evidence(at_pub.fact, at_pub.describe()), evidence(first.fact, first.describe())]
    if first.since is None and gap <= SNAPSHOT_LAG_DAYS:
        if since and (safe_upper(str(since)) or day) <= day:
            pub = assess(day, "supported", ev)
            msg = (f"The Factbook's snapshot before the sheet still named {at_pub.label}; its "
                   f"snapshot of {first.fact.observed or first.start} names "
                   f"{display_name(first.name)} without a start date, and the sheet's since "
                   f"{since} precedes the sheet: taken as right.")
            now, extra = _now(ctx, claim, holders, predicate, ev, False)
            return make_verdict(index, claim, pub, now, msg + extra)
        reason = (f"the Factbook still named {at_pub.label} on {day}; it lists "
                  f"{display_name(first.name)} from its snapshot of {first.start}, without a "
                  "start date, so when they took office is not known")
        return unverifiable(ctx, index, claim, reason, predicate)
    if first.since is not None and gap <= SINCE_TOLERANCE_DAYS:
        reason = (f"{display_name(first.name)} took office on {first.since}, {gap} days after "
                  "the sheet's date; the sheet may count from the election or appointment")
        return unverifiable(ctx, index, claim, reason, predicate)
    return None


_MONARCH = re.compile(r"\b(King|Queen|Emperor|Empress|Sultan|Emir|Amir|Grand Duke|Prince|Monarch)\b",
                      re.IGNORECASE)


def _after(claimed: str, actual: str) -> bool:
    lo, a_hi = safe_lower(claimed), safe_upper(actual)
    return lo is not None and a_hi is not None and a_hi < lo


def _co_holder(holder: Holder, name: str) -> Holder | None:
    """The person of that name among all those the holder's fact lists, when not the first."""
    if tenure_of([holder], name):
        return None
    value = holder.fact.value if isinstance(holder.fact.value, dict) else {}
    raw = str(value.get("raw") or "")
    for title, person, since in parse_people(raw)[1:] if raw else []:
        if names_match(name, clean_name(person)):
            return replace(holder, name=clean_name(person), title=title,
                           since=since or holder.since)
    return None


#: offices held by two people at once (Andorra's co-princes, San Marino's captains regent)
_SHARED_OFFICE = re.compile(r"co-?prince|captains? regent", re.IGNORECASE)

#: offices the Factbook's leader fields do not list
_OTHER_OFFICE = re.compile(r"crown prince|secretary of state|vice[- ]president|deputy|minister of|"
                           r"foreign minister|speaker|chief justice|cardinal|heir|(?<!prime )minister\b",
                           re.IGNORECASE)


def _spelled_otherwise(claim: Claim, holder: Holder) -> bool:
    """A transliteration or a respelling ("Choummaly Sayasone" / "Choummali SAIGNASON", "Amadou"
    / "Mamadou Oury BAH"): the sheet's "since" matches one of the holder's dates (the source's
    "since", or the date it replaced, ``since_source``) to the month or within a few days, and
    the first given name starts alike, or two name words do."""
    since = str(claim.fields.get("since") or "")
    value = holder.fact.value if isinstance(holder.fact.value, dict) else {}
    dates = [d for d in (holder.since, value.get("since_source")) if d]
    if len(since) < 7 or not any(date_matches(since, d) or _days_apart(since, d) <= 5 for d in dates):
        return False
    claimed = [w[:3] for w in fold(str(claim.fields.get("name") or "")).split() if len(w) > 2]
    source = [w[:3] for w in fold(holder.name).split() if len(w) > 2]
    return bool(claimed) and (claimed[0] in source or len(set(claimed) & set(source)) >= 2)


def _as_spelled(ctx: Context, index: int, claim: Claim, holders: list[Holder], chosen: str,
                at_pub: Holder, day: dt.date, name: str) -> Verdict:
    """Supported: the holder on the day, spelled otherwise by the sheet."""
    pub_ev = [evidence(at_pub.fact, at_pub.describe())]
    pub = assess(ctx.published, "supported", pub_ev)
    msg = (f"The Factbook names {at_pub.describe()} on {day}: the same start and given "
           f"name, spelled otherwise (the sheet: {name}).")
    as_source = replace(claim, fields={**claim.fields, "name": display_name(at_pub.name)})
    now, extra = _now(ctx, as_source, holders, chosen, pub_ev, False)
    return make_verdict(index, claim, pub, now, msg + extra)


def _same_office(title: str, holder_title: str) -> bool:
    """"Secretary of State" is the office of "Secretary of State Cardinal"; folded, in words."""
    t, h = fold(title), fold(holder_title)
    return bool(t) and (t in h or h in t)


def _states_tenure(claim: Claim) -> bool:
    """Does the claim say the person holds office (a tenure, a term, or a rule for it), rather
    than name them in prose ("under President X …", rule ``leader.prose``)?"""
    if any(claim.fields.get(k) for k in ("since", "term_ends", "term_years")):
        return True
    return not (claim.rule or "").startswith("leader.prose")
