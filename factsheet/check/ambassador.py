"""Ambassadors: pocom's dated tenures up to its end (2020-10), then the Factbook.

``us_to_partner``: predicate ``us_chief_of_mission`` (pocom, then the Factbook's "Diplomatic
representation from the US"). ``partner_to_us``: ``partner_chief_of_mission`` (Factbook). An
unnamed "also accredited" claim is checked by comparing the chief of mission to this country
with the one to the country of residence.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..countries import country_name, to_iso2
from ..model import Assessment, Claim, Evidence, Fact, Verdict
from .base import (
    Context,
    as_of_phrase,
    assess,
    evidence,
    make_verdict,
    perishable_now,
    safe_upper,
    sentence,
    snapshot_on,
    source_name,
    unverifiable,
)
from .holders import Holder, cached_timeline, holder_at, left_phrase, tenure_of
from .names import display_name, fold, names_match

POCOM_END = "2020-10-31"  # used when the reference does not describe its sources

#: a sheet may name an ambassador sworn in but not yet in post: pocom and the Factbook date a
#: tenure from the presentation of credentials, weeks after the swearing-in
ARRIVAL_DAYS = 120

#: Factbook notes saying the U.S. has no diplomatic relations (so no ambassador of its own)
NO_RELATIONS_KINDS = ("none", "interests", "unofficial")
_NO_RELATIONS_WORDS = ("no formal diplomatic relations", "no diplomatic relations",
                       "does not maintain a presence")
_ACCREDITED_FROM = re.compile(
    r"ambassador\s+(?:to|in)\s+(?:the\s+)?(?P<where>[A-Z][\w.'’ -]*?)(?:,|\s+\(|\s+is\b|\s+also\b)",
    re.IGNORECASE)


_OTHER_OFFICERS = re.compile(r"consul|principal officer|director|deputy|attach", re.IGNORECASE)


def mission_note(ctx: Context, day: dt.date) -> Fact | None:
    """The Factbook's note on the U.S. mission (no embassy, interests section, accredited from
    elsewhere) valid on ``day``, if any."""
    if not ctx.country:
        return None
    found = snapshot_on(ctx, "us_mission_note", day)
    return found[0] if found else None


def note_text(fact: Fact) -> str:
    value = fact.value if isinstance(fact.value, dict) else {}
    return str(value.get("note") or "")


def note_kind(fact: Fact) -> str:
    value = fact.value if isinstance(fact.value, dict) else {}
    kind = str(value.get("kind") or "other")
    if kind == "other" and any(w in note_text(fact).lower() for w in _NO_RELATIONS_WORDS):
        return "none"
    return kind


def accredited_from(fact: Fact) -> str | None:
    """"the US ambassador to Fiji is accredited to Kiribati" → "FJ"."""
    text = note_text(fact)
    if "accredited" not in text.lower():
        return None
    m = _ACCREDITED_FROM.search(text)
    return to_iso2(m.group("where").strip()) if m else None


def _pocom_last(ctx: Context) -> dt.date:
    """pocom's last covered day, from the reference's source table when it has one."""
    sources: Any = getattr(ctx.reference, "sources", None)
    info = sources.get("pocom") if isinstance(sources, dict) else None
    last = info.get("last") if isinstance(info, dict) else getattr(info, "last", None)
    day = safe_upper(str(last)) if last else None
    return day or dt.date.fromisoformat(POCOM_END)


def _lines(ctx: Context, predicate: str, country: str) -> tuple[list[Holder], list[Holder]]:
    pocom = cached_timeline(ctx, predicate, country, sources="pocom", acting=True)
    other = cached_timeline(ctx, predicate, country, sources="other", acting=True)
    return pocom, other


def _both(ctx: Context, pocom: list[Holder], other: list[Holder]) -> list[Holder]:
    """``pocom + other``, made once per pair of (cached) timelines."""
    key = ("amb-both", id(pocom), id(other))
    hit = ctx.cache.get(key)
    if hit is not None and hit[0] is pocom and hit[1] is other:
        both: list[Holder] = hit[2]
        return both
    both = pocom + other
    ctx.cache[key] = (pocom, other, both)
    return both


def _holder(ctx: Context, pocom: list[Holder], other: list[Holder],
            day: dt.date) -> tuple[Holder | None, list[Holder]]:
    """The chief of mission on ``day`` and the timeline that said so (asked for every claim of
    a sheet on the same days: memoized per pair of timelines and day)."""
    key = ("amb-holder", id(pocom), id(other), day)
    hit = ctx.cache.get(key)
    if hit is not None and hit[0] is pocom and hit[1] is other:
        found: tuple[Holder | None, list[Holder]] = hit[2]
        return found
    found = _find_holder(ctx, pocom, other, day)
    ctx.cache[key] = (pocom, other, found)
    return found


def _evidence(ctx: Context, holder: Holder) -> Evidence:
    """The evidence of a holder's tenure, made once per check (every claim about the office
    cites it: shared, it is also stamped with its source's version once)."""
    key = ("amb-evidence", id(holder))
    hit = ctx.memo.get(key)
    if hit is not None and hit[0] is holder:
        found: Evidence = hit[1]
        return found
    found = ctx.stamped(evidence(holder.fact, holder.describe()))
    ctx.memo[key] = (holder, found)
    return found


def _find_holder(ctx: Context, pocom: list[Holder], other: list[Holder],
                 day: dt.date) -> tuple[Holder | None, list[Holder]]:
    if pocom and day <= _pocom_last(ctx):
        h = holder_at(pocom, day)
        if h is not None:
            return h, pocom
    h = holder_at(other, day)
    if h is not None:
        return h, other
    return None, pocom or other


def check_ambassador(ctx: Context, index: int, claim: Claim) -> Verdict:
    side = claim.fields.get("side") or "us_to_partner"
    predicate = "us_chief_of_mission" if side == "us_to_partner" else "partner_chief_of_mission"
    if not ctx.country:
        return unverifiable(ctx, index, claim, "the sheet names no country", predicate)
    name = str(claim.fields.get("name") or "")
    title = str(claim.fields.get("title") or "")
    if claim.fields.get("post") or _OTHER_OFFICERS.search(title):
        return unverifiable(ctx, index, claim, f"no loaded source lists {title or 'officers'} "
                            "of posts other than the chief of mission", predicate)
    if not name:
        return _check_accredited(ctx, index, claim, predicate)
    pocom, other = _lines(ctx, predicate, ctx.country)
    if not pocom and not other and side == "us_to_partner" and ctx.published is not None:
        by_note = _check_by_note(ctx, index, claim, pocom, other, predicate, ctx.published)
        if by_note is not None:
            return by_note
    if not pocom and not other:
        return unverifiable(ctx, index, claim, f"no source lists chiefs of mission for "
                            f"{country_name(ctx.country)}", predicate)
    day = ctx.published
    if day is None:
        return unverifiable(ctx, index, claim, "the sheet has no publication date", predicate)
    at_pub, line = _holder(ctx, pocom, other, day)
    arriving = _arriving(_both(ctx, pocom, other), name, day)
    if arriving is not None and (at_pub is None or not names_match(name, at_pub.name)):
        return _check_arriving(ctx, index, claim, pocom, other, predicate, arriving)
    if at_pub is None and side == "us_to_partner":
        by_note = _check_by_note(ctx, index, claim, pocom, other, predicate, day)
        if by_note is not None:
            return by_note
    if at_pub is not None and line is other and pocom and day <= _pocom_last(ctx):
        # pocom covers the day but names no one (between two tenures): the Factbook's yearly
        # snapshot may still name a chief of mission pocom says had left
        gone = [h for h in tenure_of(pocom, at_pub.name) if h.end and h.end < day]
        if gone and not names_match(name, at_pub.name):
            return unverifiable(ctx, index, claim, f"pocom names no chief of mission on {day} "
                                f"({display_name(gone[-1].name)} left on {gone[-1].end}); the "
                                "sheet may name the acting head of mission", predicate)
    if at_pub is None:
        mine = tenure_of(_both(ctx, pocom, other), name)
        ended = [h.end for h in pocom if h.end and h.end < day]
        coming = [h.start for h in pocom if h.start and h.start > day]
        upcoming = [h for h in mine if h.start and h.start > day]
        between = bool(ended) and day <= _pocom_last(ctx) and (
            not upcoming or (upcoming[0].start is not None
                             and (upcoming[0].start - day).days <= 365))
        if upcoming and not between:
            mine = upcoming
        if mine and mine[0].start and mine[0].start > day and not between:
            pub = assess(day, "contradicted", [evidence(mine[0].fact, mine[0].describe())],
                         current="no chief of mission recorded")
            msg = (f"{name} took up post only on {mine[0].start}; no source names a chief of "
                   f"mission on {day}.")
            return make_verdict(index, claim, pub, _now(ctx, claim, pocom, other, predicate, True)[0], msg)
        why = (f"pocom has no chief of mission between {max(ended)} and "
               f"{min(coming) if coming else 'its end'}; the sheet may name the acting head of "
               "mission or an ambassador not yet accredited" if between else
               "pocom ends 2020-10; the Factbook's record starts later")
        return unverifiable(ctx, index, claim, f"no source names a chief of mission on {day} "
                            f"({why})", predicate)
    ev = [_evidence(ctx, at_pub)]
    if not names_match(name, at_pub.name):
        mine = tenure_of(line, name)
        if mine:
            if mine[0].start and mine[0].start > day:
                why = f"{name} took up post only on {mine[0].start}"
            else:
                why = f"{name} {left_phrase(line, mine[-1], 'left post')}"
            ev.append(_evidence(ctx, mine[-1]))
        else:
            why = f"{source_name(at_pub.fact.source)} does not list {name}"
        msg = sentence(f"{why}; on {day} {source_name(at_pub.fact.source)} names {at_pub.label}")
        pub = assess(day, "contradicted", ev, current=at_pub.label)
        return make_verdict(index, claim, pub, _now(ctx, claim, pocom, other, predicate, True)[0], msg)
    pub = assess(day, "supported", ev)
    msg = sentence(f"{source_name(at_pub.fact.source)}: {at_pub.describe()}")
    now, extra = _now(ctx, claim, pocom, other, predicate, False)
    if extra.startswith("Now unknown"):
        return make_verdict(index, claim, pub, now, f"{msg} {extra}")
    return make_verdict(index, claim, pub, now, (extra.strip() or msg))


def _now(ctx: Context, claim: Claim, pocom: list[Holder], other: list[Holder], predicate: str,
         contradicted: bool) -> tuple[Assessment, str]:
    name = str(claim.fields.get("name") or "")
    day = ctx.now_date(predicate)
    horizon = ctx.horizon(predicate)
    current, _ = _holder(ctx, pocom, other, day)
    note = mission_note(ctx, day) if current is None and predicate == "us_chief_of_mission" else None
    resident = accredited_from(note) if note is not None else None
    if current is None and resident and resident != ctx.country:
        # no resident chief of mission: the one accredited from elsewhere, as the Factbook says
        current, _ = _holder(ctx, *_lines(ctx, predicate, resident), day)
    if current is None:
        reason = f"no source names a chief of mission on {day}"
        return perishable_now(ctx, None, (), predicate, reason=reason), f"Now unknown: {reason}."
    ev = [_evidence(ctx, current)]
    still = names_match(name, current.name)
    if contradicted:
        verdict = "current" if still else "contradicted"
        return assess(ctx.as_of, verdict, ev, current=None if still else current.label,
                      horizon=horizon), ""
    if still:
        return perishable_now(ctx, True, ev, predicate), ""
    line = pocom if tenure_of(pocom, name) else other
    mine = tenure_of(line, name)
    who = display_name(mine[-1].name) if mine else name
    if mine:
        ev.insert(0, _evidence(ctx, mine[-1]))
    left = left_phrase(line, mine[-1], "left post") if mine else "left post"
    if mine and line is pocom and mine[-1].end is None:
        # pocom ends in 2020 with the tenure open: the Factbook names the successor
        later = [h for h in other if h.start and mine[-1].start and h.start > mine[-1].start
                 and not names_match(name, h.name)]
        if later:
            left = f"left post by {later[0].start} ({later[0].label} from then on)"
    extra = f"{who} {left}; {as_of_phrase(ctx, day, horizon, current.fact.source)} names {current.label}."
    return perishable_now(ctx, False, ev, predicate, current=current.label), extra


def _check_accredited(ctx: Context, index: int, claim: Claim, predicate: str) -> Verdict:
    """"The U.S. Ambassador to Fiji is also accredited to Kiribati": same person in both posts."""
    assert ctx.country
    resident = claim.fields.get("resident_in")
    if not resident:
        return _check_unnamed(ctx, index, claim, predicate)
    day = ctx.published
    if day is None:
        return unverifiable(ctx, index, claim, "the sheet has no publication date", predicate)
    here = _lines(ctx, predicate, ctx.country)
    there = _lines(ctx, predicate, str(resident))

    def judge(on: dt.date) -> tuple[bool | None, list[Evidence], str]:
        a, _ = _holder(ctx, *here, on)
        b, _ = _holder(ctx, *there, on)
        if a is not None and b is not None:
            ev = [evidence(a.fact, a.describe()), evidence(b.fact, b.describe())]
            same = names_match(display_name(a.name), b.name)
            return same, ev, b.label
        # the Factbook says it in words: "the ambassador to Fiji is accredited to Kiribati"
        note = mission_note(ctx, on)
        from_note = accredited_from(note) if note is not None else None
        if note is not None and from_note:
            who = [evidence(b.fact, b.describe())] if b is not None else []
            return from_note == str(resident), [evidence(note, note_text(note)), *who], (
                f"the chief of mission to {country_name(from_note)}")
        for line in here:
            for h in line:
                raw = fold(str((h.fact.value or {}).get("raw", "")) if isinstance(h.fact.value, dict) else "")
                if fold(country_name(str(resident), article=False)) in raw and "accredited" in raw:
                    return True, [evidence(h.fact, str(h.fact.value.get("raw")))], ""
        return None, [], ""

    same, ev, label = judge(day)
    where = country_name(str(resident))
    if same is None:
        return unverifiable(ctx, index, claim, f"no source names the chiefs of mission to both "
                            f"{country_name(ctx.country)} and {where} on {day}", predicate)
    if not same:
        pub = assess(day, "contradicted", ev, current=label)
        msg = (f"On {day} the chief of mission to {country_name(ctx.country)} was not the one "
               f"resident in {where}.")
        now = assess(ctx.as_of, "contradicted", ev, horizon=ctx.horizon(predicate))
        return make_verdict(index, claim, pub, now, msg)
    pub = assess(day, "supported", ev)
    same_now, ev_now, _ = judge(ctx.now_date(predicate))
    now = perishable_now(ctx, same_now, ev_now, predicate,
                         current=None if same_now is not False else "a separate chief of mission",
                         reason="no source names both chiefs of mission on the check date")
    msg = (f"On {day} the chief of mission resident in {where} was also accredited to "
           f"{country_name(ctx.country)}.")
    return make_verdict(index, claim, pub, now, msg, code="V-AMB-ACCREDITED-SUPPORTED"
                        if now.verdict == "current" else None)


def _arriving(holders: list[Holder], name: str, day: dt.date) -> Holder | None:
    """The named person's tenure when it starts within ``ARRIVAL_DAYS`` after ``day``."""
    for h in tenure_of(holders, name):
        if h.start and day < h.start and (h.start - day).days <= ARRIVAL_DAYS:
            return h
    return None


def _check_arriving(ctx: Context, index: int, claim: Claim, pocom: list[Holder],
                    other: list[Holder], predicate: str, arriving: Holder) -> Verdict:
    """A sheet naming the ambassador a few weeks before the sources date the tenure: sheets name
    an ambassador once sworn in; the sources start at the presentation of credentials."""
    day = ctx.published
    assert day is not None and arriving.start is not None
    ev = [evidence(arriving.fact, arriving.describe())]
    pub = assess(day, "supported", ev)
    msg = sentence(f"{source_name(arriving.fact.source)}: {arriving.describe()}; the tenure starts "
                   f"{(arriving.start - day).days} days after the sheet's date (the sources date "
                   "it from the presentation of credentials; a sheet names the ambassador once "
                   "sworn in), so the sheet is taken as right")
    now, extra = _now(ctx, claim, pocom, other, predicate, False)
    return make_verdict(index, claim, pub, now, f"{msg} {extra}".strip())


def _check_by_note(ctx: Context, index: int, claim: Claim, pocom: list[Holder],
                   other: list[Holder], predicate: str, day: dt.date) -> Verdict | None:
    """No chief of mission on record: what the Factbook's mission note says, if it says enough.

    The U.S. ambassador elsewhere accredited here: the named person must head that mission. No
    relations (no mission, an interests section, unofficial relations only): a named U.S.
    ambassador is contradicted. A vacancy or a note of another kind: None (unverifiable).
    """
    assert ctx.country
    note = mission_note(ctx, day)
    if note is None:
        return None
    name = str(claim.fields.get("name") or "")
    title = str(claim.fields.get("title") or "Ambassador")
    here = country_name(ctx.country)
    text = note_text(note)
    resident = accredited_from(note)
    if resident and resident != ctx.country:
        there_pocom, there_other = _lines(ctx, predicate, resident)
        holder, _ = _holder(ctx, there_pocom, there_other, day)
        if holder is None:
            return unverifiable(ctx, index, claim, f"the Factbook says: “{text}”; no source names "
                                f"the chief of mission to {country_name(resident)} on {day}",
                                predicate)
        ev = [evidence(note, text), evidence(holder.fact, holder.describe())]
        if names_match(name, holder.name) or _arriving(there_pocom + there_other, name, day):
            pub = assess(day, "supported", ev)
            msg = sentence(f"The Factbook says: “{text}”; on {day} "
                           f"{source_name(holder.fact.source)} names {holder.label} there")
            now_day = ctx.now_date(predicate)
            later, _ = _holder(ctx, there_pocom, there_other, now_day)
            later_note = mission_note(ctx, now_day)
            same = (later is not None and names_match(name, later.name) and later_note is not None
                    and accredited_from(later_note) == resident)
            ev_now = [evidence(later.fact, later.describe())] if later is not None else []
            now = perishable_now(ctx, same if later is not None else None, ev_now, predicate,
                                 current=later.label if later is not None else None,
                                 reason=f"no source names a chief of mission on {now_day}")
            return make_verdict(index, claim, pub, now, msg)
        pub = assess(day, "contradicted", ev, current=holder.label)
        msg = sentence(f"The Factbook says: “{text}”; on {day} {source_name(holder.fact.source)} "
                       f"names {holder.label} as chief of mission to {country_name(resident)}, "
                       f"not {name}")
        now = assess(ctx.as_of, "contradicted", ev, current=holder.label,
                     horizon=ctx.horizon(predicate))
        return make_verdict(index, claim, pub, now, msg)
    kind = note_kind(note)
    is_chief = bool(re.search(r"ambassador|charg", fold(title)))
    if kind in NO_RELATIONS_KINDS and is_chief and not tenure_of(_both(ctx, pocom, other), name):
        ev = [evidence(note, text)]
        pub = assess(day, "contradicted", ev, current=f"no U.S. chief of mission ({text})")
        msg = sentence(f"On {day} the Factbook names no U.S. chief of mission to {here}: “{text}”; "
                       f"the sheet names {title} {name}")
        now = assess(ctx.as_of, "contradicted", ev, current=f"no U.S. chief of mission ({text})",
                     horizon=ctx.horizon(predicate))
        return make_verdict(index, claim, pub, now, msg)
    return unverifiable(ctx, index, claim, f"no source names a chief of mission on {day}; the "
                        f"Factbook says: “{text}”", predicate)


# -- representation that names no one (issue 12) ----------------------------------------------

_CHARGE = re.compile(r"charg", re.I)
_PROTECTING = re.compile(r"protecting\s+power|interests\s+section", re.I)
_NO_EMBASSY = re.compile(r"(?:does\s+not|doesn['’]t)\s+(?:have|maintain)\s+an?\s+embassy|"
                         r"no\s+(?:U\.\s?S\.\s+)?embassy\b", re.I)
_SUSPENDED = re.compile(r"\bsuspend", re.I)
#: an ambassador who presented credentials this many days or fewer before the sheet: a sheet
#: written weeks earlier may still say the post is headed by a chargé
CHARGE_LAG_DAYS = ARRIVAL_DAYS


def _representation(ctx: Context, claim: Claim, predicate: str,
                    day: dt.date) -> tuple[bool | None, list[Evidence], str, str]:
    """What the sources say on ``day`` about the unnamed statement: (holds, evidence, the
    current state in words, why it cannot be judged)."""
    assert ctx.country
    title = str(claim.fields.get("title") or "")
    quote = claim.quote
    us_side = predicate == "us_chief_of_mission"
    note = mission_note(ctx, day) if us_side else None
    if note is not None and (_PROTECTING.search(quote) or _NO_EMBASSY.search(quote)
                             or _SUSPENDED.search(quote)):
        kind = note_kind(note)
        text = note_text(note)
        if _PROTECTING.search(quote):
            return kind == "interests" or "protecting power" in text.lower(), [
                evidence(note, text)], text, ""
        if _NO_EMBASSY.search(quote):
            return kind in ("no_embassy", *NO_RELATIONS_KINDS), [evidence(note, text)], text, ""
        if "suspend" in text.lower():
            return True, [evidence(note, text)], text, ""
        return None, [], "", f"the Factbook's note on the U.S. mission does not say: “{text}”"
    if _PROTECTING.search(quote) or _NO_EMBASSY.search(quote) or _SUSPENDED.search(quote):
        return None, [], "", (f"no loaded source records the state of the mission on {day} "
                              "(suspended operations, protecting powers)")
    if not _CHARGE.search(title) and not re.search(r"ambassador", title, re.I):
        return None, [], "", "the claim names no one and no country of residence"
    if _CHARGE.search(title) and note is not None and (elsewhere := accredited_from(note)) \
            and elsewhere != ctx.country:
        # "the embassy is run by a resident chargé": under a chief of mission accredited from
        # another country, the chargé heads the embassy itself, which no source lists
        return None, [evidence(note, note_text(note))], "", (
            f"the chief of mission is accredited from {country_name(elsewhere)}; no loaded source "
            f"names the chargé d'affaires resident in {country_name(ctx.country)}")
    pocom, other = _lines(ctx, predicate, ctx.country)
    holder, _ = _holder(ctx, pocom, other, day)
    if holder is None:
        return None, [], "", f"no source names the chief of mission on {day}"
    ev = [evidence(holder.fact, holder.describe())]
    is_charge = bool(_CHARGE.search(holder.title)) or "ad interim" in holder.title.lower()
    if _CHARGE.search(title):
        if not is_charge and holder.start and (day - holder.start).days <= CHARGE_LAG_DAYS:
            return None, ev, holder.label, (f"{holder.label} became chief of mission only on "
                                            f"{holder.start}, weeks before {day}")
        return is_charge, ev, holder.label, ""
    return not is_charge, ev, holder.label, ""


def _check_unnamed(ctx: Context, index: int, claim: Claim, predicate: str) -> Verdict:
    """Representation without names, both sides: "headed by a chargé d'affaires", "the
    ambassador is an ambassador", "does not have an embassy", "Sweden is the protecting power",
    "suspended operations": judged from the holders' titles and the Factbook's mission note."""
    day = ctx.published
    if day is None:
        return unverifiable(ctx, index, claim, "the sheet has no publication date", predicate)
    holds, ev, state, why = _representation(ctx, claim, predicate, day)
    if holds is None:
        return unverifiable(ctx, index, claim, why, predicate)
    now_day = ctx.now_date(predicate)
    holds_now, ev_now, state_now, why_now = _representation(ctx, claim, predicate, now_day)
    if not holds:
        pub = assess(day, "contradicted", ev, current=state)
        now = assess(ctx.as_of, "current" if holds_now else "contradicted", ev_now,
                     current=None if holds_now else state_now, horizon=ctx.horizon(predicate))
        return make_verdict(index, claim, pub, now, sentence(
            f"On {day} the sources give {state}, not what the sheet says"))
    pub = assess(day, "supported", ev)
    now = perishable_now(ctx, holds_now, ev_now, predicate,
                         current=state_now if holds_now is False else None,
                         reason=why_now or None)
    msg = f"On {day} the sources give {state}."
    if holds_now is False:
        msg += f" Now: {state_now}."
    return make_verdict(index, claim, pub, now, msg)
