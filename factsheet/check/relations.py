"""Relations (established, recognized, severed, restored, none) and independence.

Sources: rdcr (the Office of the Historian's recognition and relations guide) for relations, the
Factbook's "Independence" field and gsh (historical territories) for independence. These are
timeless facts: supported once, current forever — except that an establishment or restoration
becomes ``outdated`` when relations were severed after the sheet was published and not restored
by the check date (the sheet presents relations as existing).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

from ..countries import country_name
from ..model import Assessment, Claim, Fact, Verdict
from .base import (
    Context,
    assess,
    claim_date,
    date_matches,
    evidence,
    make_verdict,
    safe_lower,
    safe_upper,
    sentence,
    timeless_now,
    unverifiable,
)
from .names import fold

_SOURCE_NAMES = {"factbook": "Factbook", "gsh": "gsh", "rdcr": "rdcr"}
_YEAR = re.compile(r"\b(1[6789]\d\d|20\d\d)\b")
_EVENT_WORDS = {
    "relations.established": "established diplomatic relations",
    "relations.recognized": "recognized",
    "relations.severed": "severed relations",
    "relations.restored": "restored relations",
}


def _fact_date(fact: Fact) -> str | None:
    value = fact.value if isinstance(fact.value, dict) else {}
    return value.get("date") or fact.valid_from


def _text_years(fact: Fact) -> set[int]:
    value = fact.value if isinstance(fact.value, dict) else {}
    return {int(y) for y in _YEAR.findall(str(value.get("text", "")))}


def _describe(fact: Fact) -> str:
    value = fact.value if isinstance(fact.value, dict) else {}
    text = str(value.get("text") or fact.predicate)
    return f"{_fact_date(fact)}: {text}"


def _matches(claimed: str, fact: Fact) -> bool:
    if date_matches(claimed, _fact_date(fact)):
        return True
    # rdcr's @when sometimes disagrees with the year its text states; the text is preferred.
    return len(claimed) == 4 and int(claimed) in _text_years(fact)


def check_relations(ctx: Context, index: int, claim: Claim) -> Verdict:
    if not ctx.country:
        return unverifiable(ctx, index, claim, "the sheet names no country", "relations.established")
    if claim.type == "relations.none":
        return _check_none(ctx, index, claim)
    predicate = claim.type
    third = _third_party(ctx, claim)
    if third:
        return unverifiable(ctx, index, claim, f"{NOT_US_RELATIONS} {third}, not with the United "
                            "States", predicate)
    claimed = claim_date(claim.fields, "date", "year")
    facts = ctx.all_facts(predicate)
    name = country_name(ctx.country, article=True)
    if claimed is None:
        return unverifiable(ctx, index, claim, "the claim gives no date to compare", predicate)
    if predicate in ("relations.established", "relations.restored"):
        # a re-establishment after a severance is written either way ("established full
        # relations in 2000", "restored relations in 1995"); rdcr files it under one of them
        twin = "relations.restored" if predicate == "relations.established" else "relations.established"
        severed = [safe_lower(_fact_date(f)) for f in ctx.all_facts("relations.severed")]
        facts = facts + [f for f in ctx.all_facts(twin) if _matches(claimed, f) and (
            predicate == "relations.established"
            or any(d is not None and (day := safe_lower(_fact_date(f))) is not None and d < day
                   for d in severed))]
        if not facts:
            facts = ctx.all_facts(predicate)
    if not facts:
        everything = [f for p in _EVENT_WORDS for f in ctx.all_facts(p)]
        if not everything:
            return unverifiable(ctx, index, claim,
                                f"rdcr has no relations history for {name}", predicate)
        # rdcr's timelines are not exhaustive: an event it does not record is not disproved
        reason = (f"rdcr records no {_EVENT_WORDS.get(predicate, predicate)} event for {name}; "
                  "its timeline: " + "; ".join(_describe(f) for f in everything))
        return unverifiable(ctx, index, claim, reason, predicate)
    earliest = min((d for p in _EVENT_WORDS for f in ctx.all_facts(p)
                    if (d := safe_lower(_fact_date(f))) is not None), default=None)
    claimed_day = safe_upper(claimed[:4])
    if earliest is not None and claimed_day is not None and claimed_day < earliest and not any(
            _matches(claimed, f) for f in facts):
        reason = (f"rdcr's timeline for {name} starts on {earliest}, after {claimed}: the sheet "
                  "may speak of relations with a predecessor state")
        return unverifiable(ctx, index, claim, reason, predicate)
    hits = [f for f in facts if _matches(claimed, f)]
    if hits:
        ev = [evidence(f, _describe(f)) for f in hits]
        pub = assess(ctx.published, "supported", ev)
        fact_day = _fact_date(hits[0])
        msg = f"rdcr: {_EVENT_WORDS.get(predicate, predicate)} {fact_day}, as the sheet says ({claimed})."
        mismatch = [f for f in hits if not date_matches(claimed, _fact_date(f))]
        if mismatch:
            msg += (f" Note: rdcr's date {_fact_date(mismatch[0])} disagrees with the year its own "
                    "text states; the text was followed.")
        now = timeless_now(ctx, pub, predicate)
        if predicate in ("relations.established", "relations.restored"):
            now, extra = _severed_since(ctx, claim, now)
            msg += extra
        return make_verdict(index, claim, pub, now, msg)
    same_year = [f for f in facts if len(claimed) > 4 and _matches(claimed[:4], f)]
    if same_year:
        return _month_differs(ctx, index, claim, claimed, same_year)
    if predicate == "relations.established" and claimed_day is not None \
            and claimed[:4] in claim.quote and not claim.fields.get("derived_from"):
        broken = sorted(d for f in ctx.all_facts("relations.severed")
                        if (d := safe_lower(_fact_date(f))) is not None and d < claimed_day)
        if broken:
            # "full relations were established in 1993" after a break: the re-establishment,
            # which rdcr may date otherwise or not at all; not disproved by the first one
            reason = (f"rdcr records relations with {name} severed on {broken[-1]}, before "
                      f"{claimed}: the sheet's year may be their re-establishment; rdcr's "
                      "timeline: " + "; ".join(_describe(f) for p in _EVENT_WORDS
                                                for f in ctx.all_facts(p)))
            return unverifiable(ctx, index, claim, reason, predicate)
    right = "; ".join(_describe(f) for f in facts)
    ev = [evidence(f, _describe(f)) for f in facts]
    code = None
    msg = (f"The sheet says {claimed}; rdcr: {_EVENT_WORDS.get(predicate, predicate)} "
           f"{', '.join(str(_fact_date(f)) for f in facts)}.")
    missions = [f for f in ctx.all_facts("relations.embassy") if _matches(claimed, f)
                and not fold(str((f.value or {}).get("text", ""))).startswith("u s liaison")]
    if predicate in ("relations.established", "relations.restored") and missions:
        # the genre often dates relations by the legation's opening or its elevation to an embassy
        reason = (f"{claimed} is the year of “{(missions[0].value or {}).get('text')}” "
                  f"({_fact_date(missions[0])}); rdcr dates the {predicate.split('.')[1]} "
                  f"relations {', '.join(str(_fact_date(f)) for f in facts)}: the sheet may date "
                  "relations by their mission")
        ev = [evidence(f, _describe(f)) for f in (*missions, *facts)]
        pub = assess(ctx.published, "unverifiable", ev, reason=reason)
        now = assess(ctx.as_of, "unknown", ev, horizon=ctx.horizon(predicate), reason=reason)
        return make_verdict(index, claim, pub, now, sentence(reason))
    if predicate == "relations.established":
        recognized = [f for f in ctx.all_facts("relations.recognized") if _matches(claimed, f)]
        if recognized:
            code = "V-REL-RECOGNITION-YEAR"
            ev += [evidence(f, _describe(f)) for f in recognized]
            msg = (f"{claimed} is the year the United States recognized {name} "
                   f"({_fact_date(recognized[0])}), not the year relations were established "
                   f"({', '.join(str(_fact_date(f)) for f in facts)}, rdcr).")
    pub = assess(ctx.published, "contradicted", ev, current=right)
    return make_verdict(index, claim, pub, timeless_now(ctx, pub, predicate), msg, code=code)


#: an announcement precedes the formal act (an exchange of notes, the opening of embassies) by
#: weeks: "announced the normalization of relations in July 1995" is right for rdcr's 1995-08-05
ANNOUNCEMENT_DAYS = 92
_ANNOUNCED = re.compile(r"\bannounc|\bagreed\b|\bdecided\b|\bpledged\b", re.IGNORECASE)


def _month_differs(ctx: Context, index: int, claim: Claim, claimed: str,
                   facts: list[Fact]) -> Verdict:
    """The year is right, the month or day is not rdcr's: never a contradiction.

    rdcr dates the formal act; a sheet may date another step of the same event (the
    announcement, the agreement, the arrival of the first envoy). An announcement shortly
    before the act is supported; any other difference within the year is unverifiable.
    """
    predicate = claim.type
    ev = [evidence(f, _describe(f)) for f in facts]
    acts = ", ".join(str(_fact_date(f)) for f in facts)
    start = safe_lower(claimed)
    announced = bool(_ANNOUNCED.search(claim.quote))
    near = [f for f in facts if start is not None and (day := safe_lower(_fact_date(f)))
            is not None and 0 <= (day - start).days <= ANNOUNCEMENT_DAYS]
    if announced and near:
        pub = assess(ctx.published, "supported", ev)
        msg = (f"rdcr: {_EVENT_WORDS.get(predicate, predicate)} {_fact_date(near[0])}; the sheet "
               f"dates the announcement ({claimed}), which preceded the formal act.")
        now = timeless_now(ctx, pub, predicate)
        if predicate in ("relations.established", "relations.restored"):
            now, extra = _severed_since(ctx, claim, now)
            msg += extra
        return make_verdict(index, claim, pub, now, msg)
    reason = (f"the year {claimed[:4]} is right, but rdcr dates the event {acts}, not {claimed}; "
              "the sheet may date another step of it (announcement, agreement, credentials)")
    pub = assess(ctx.published, "unverifiable", ev, reason=reason)
    now = assess(ctx.as_of, "unknown", ev, horizon=ctx.horizon(predicate), reason=reason)
    return make_verdict(index, claim, pub, now, sentence(reason))


#: the reason given for a sentence about relations with a third country (not a U.S. fact, so
#: no conflict with the sheet's U.S. relations claims)
NOT_US_RELATIONS = "the sentence speaks of relations with"
_WITH = re.compile(r"\bwith\s+(?:the\s+)?((?:[A-Z][\w'’.-]*)(?:\s+(?:of\s+)?[A-Z][\w'’.-]*){0,3})")


def _third_party(ctx: Context, claim: Claim) -> str | None:
    """"Ghana established diplomatic relations with China in 1960": a country that is neither
    the sheet's nor the United States (the claim is not about U.S. relations)."""
    from ..countries import to_iso2

    if re.search(r"United States|U\.S\.|Washington|American", claim.quote):
        return None
    for m in _WITH.finditer(claim.quote):
        words = m.group(1).split()
        for n in range(len(words), 0, -1):
            code = to_iso2(" ".join(words[:n]))
            if code:
                return " ".join(words[:n]) if code not in (ctx.country, "US") else None
    return None


def _severed_since(ctx: Context, claim: Claim, now: Assessment) -> tuple[Assessment, str]:
    """An establishment is outdated when relations were severed after publication, not restored."""
    if ctx.published is None or now.verdict != "current":
        return now, ""
    events: list[tuple[dt.date, str, Fact]] = []
    for predicate in ("relations.severed", "relations.restored", "relations.established"):
        for fact in ctx.all_facts(predicate):
            day = safe_lower(_fact_date(fact))
            if day is not None and day <= ctx.as_of:
                events.append((day, predicate, fact))
    events.sort(key=lambda e: (e[0], e[1]))
    if not events or events[-1][1] != "relations.severed":
        return now, ""
    day, _, fact = events[-1]
    if day <= ctx.published:
        return now, ""
    value = f"relations severed {_fact_date(fact)}"
    out = assess(ctx.as_of, "outdated", [*list(now.evidence), evidence(fact, _describe(fact))],
                 current=value, horizon=now.horizon)
    return out, f" Relations were severed on {_fact_date(fact)} and not restored since (rdcr)."


def _check_none(ctx: Context, index: int, claim: Claim) -> Verdict:
    assert ctx.country
    name = country_name(ctx.country)
    events = [f for p in _EVENT_WORDS for f in ctx.all_facts(p)]
    if not events:
        by_note = _none_by_note(ctx, index, claim)
        if by_note is not None:
            return by_note
        return unverifiable(ctx, index, claim, f"rdcr has no relations history for {name}",
                            "relations.established")

    def last_state(day: dt.date) -> Fact | None:
        dated = [(safe_lower(_fact_date(f)), f) for f in events
                 if f.predicate in ("relations.established", "relations.restored", "relations.severed")]
        known = [(d, f) for d, f in dated if d is not None and d <= day]
        known.sort(key=lambda e: e[0])
        return known[-1][1] if known else None

    pub_day = ctx.published or ctx.as_of
    state = last_state(pub_day)
    ev = [evidence(f, _describe(f)) for f in events]
    if state is None or state.predicate == "relations.severed":
        pub = assess(ctx.published, "supported", ev)
        msg = f"rdcr: no diplomatic relations with {name} in force on {pub_day.isoformat()}."
    else:
        pub = assess(ctx.published, "contradicted", ev, current=_describe(state))
        msg = f"rdcr: relations with {name} were in force ({_describe(state)})."
        return make_verdict(index, claim, pub, timeless_now(ctx, pub, "relations.established"), msg)
    now_state = last_state(ctx.as_of)
    if now_state is not None and now_state.predicate != "relations.severed":
        now = assess(ctx.as_of, "outdated", ev, current=_describe(now_state),
                     horizon=ctx.horizon("relations.established"))
        msg += f" Since then: {_describe(now_state)}."
    else:
        now = assess(ctx.as_of, "current", ev, horizon=ctx.horizon("relations.established"))
    return make_verdict(index, claim, pub, now, msg)


def _independence_from(fact: Fact) -> str:
    value = fact.value if isinstance(fact.value, dict) else {}
    return str(value.get("from") or value.get("predecessor") or "")


_ALIASES = {"uk": "GB", "the uk": "GB", "great britain": "GB", "britain": "GB", "us": "US",
            "usa": "US", "the us": "US", "ussr": "SU", "soviet union": "SU", "the ussr": "SU"}


def _country_code(folded: str) -> str | None:
    from ..countries import to_iso2

    return _ALIASES.get(folded) or to_iso2(folded)


#: words of a predecessor's name reduced to one spelling before comparing
_PREDECESSOR_WORDS = ((r"\bunited nations\b", "un"), (r"\bunited kingdom\b", "uk"),
                      (r"\bgreat britain\b", "uk"), (r"\bbritain\b", "uk"),
                      (r"^(?:the|a|an)\s+", ""), (r"\s+(?:the|a|an)\s+", " "))


def _predecessor_parts(folded: str) -> list[str]:
    """"france and uk; formerly new hebrides" → ["france", "uk"] (the former name is not a
    predecessor state)."""
    kept = [seg for seg in re.split(r"[;(]", folded) if not seg.strip().startswith("formerly")]
    text = " ".join(kept)
    for pattern, repl in _PREDECESSOR_WORDS:
        text = re.sub(pattern, repl, text.strip())
    return [p.strip(" .,)") for p in re.split(r",|\band\b|/", text) if p.strip(" .,)")]


@lru_cache(maxsize=4096)
def _same_predecessors(claimed: str, source: str) -> bool:
    """Every predecessor the sheet names is one the source names (by country, or by words:
    "United Nations trusteeship" is the Factbook's "UN trusteeship under Australian
    administration")."""
    mine, theirs = _predecessor_parts(claimed), _predecessor_parts(source)
    if not mine or not theirs:
        return False

    def found(part: str) -> bool:
        code = _country_code(part)
        for other in theirs:
            other_code = _country_code(other)
            if code and other_code:
                if code == other_code:
                    return True
            elif part in other or other in part:
                return True
        return False

    return all(found(p) for p in mine)


#: sources that date one independence differently by this many years or fewer leave a third
#: date by the sheet unverifiable (independence is often reached in steps)
INDEPENDENCE_STEP_YEARS = 10


def _independence_doubt(ctx: Context, claim: Claim, claimed: str | None, claimed_from: str,
                        facts: list[Fact], from_ok: Any) -> str | None:
    """Why a claim that matches no source is not a contradiction, or None.

    - the predecessor is the sheet's own country: the clause speaks of another country's
      independence from this one ("Kosovo … its independence from Serbia in 2008" in Serbia's);
    - the sheet names a predecessor no source names for this country (the Dominican Republic's
      independence from Spain in 1865, Montenegro's from the Ottoman Empire in 1878): a country
      can have become independent more than once;
    - the sources disagree with each other on the year, and the sheet's is near theirs.
    """
    code = _country_code(claimed_from) if claimed_from else None
    if code and code == ctx.country:
        return (f"the sentence speaks of independence from {claim.fields.get('from')} itself, "
                "so it is another country's")
    if claimed_from and not any(from_ok(f) for f in facts):
        return (f"no source records an independence from {claim.fields.get('from')} (a country "
                "can have become independent more than once)")
    years = {int(str(_fact_date(f))[:4]) for f in facts if _fact_date(f)}
    if claimed and len(years) > 1:
        year = int(str(claimed)[:4])
        if min(years) - INDEPENDENCE_STEP_YEARS <= year <= max(years) + INDEPENDENCE_STEP_YEARS:
            return (f"the sources themselves date it {min(years)} to {max(years)}, and "
                    "independence is often reached in steps")
    return None


def check_independence(ctx: Context, index: int, claim: Claim) -> Verdict:
    if not ctx.country:
        return unverifiable(ctx, index, claim, "the sheet names no country", "independence")
    facts = [f for f in ctx.all_facts("independence") if _fact_date(f)]
    name = country_name(ctx.country)
    if not facts:
        return unverifiable(ctx, index, claim,
                            f"neither the Factbook nor gsh gives {name}'s independence",
                            "independence")
    claimed = claim_date(claim.fields, "date", "year")
    claimed_from = fold(str(claim.fields.get("from") or ""))

    def describe(f: Fact) -> str:
        src = _independence_from(f)
        return f"independence {_fact_date(f)}" + (f" (from {src})" if src else "")

    def from_ok(f: Fact) -> bool | None:
        src = fold(_independence_from(f))
        if not claimed_from or not src:
            return None
        return _same_predecessors(claimed_from, src)

    def same_statement(f: Fact) -> tuple[str, str]:
        src = fold(_independence_from(f))
        return str(_fact_date(f)), (_country_code(src) or src) if src else ""

    # one line per distinct statement (the Factbook repeats itself across snapshots)
    distinct: dict[tuple[str, str], Fact] = {}
    for f in sorted(facts, key=lambda f: f.source != "factbook"):
        distinct.setdefault(same_statement(f), f)
    facts = list(distinct.values())
    date_hits = [f for f in facts if claimed is None or _matches(claimed, f)]
    from_hits = [f for f in date_hits if from_ok(f) is not False]
    # gsh's predecessor ids are not always country names: the Factbook decides "from".
    if claimed_from and date_hits and not from_hits:
        decisive = [f for f in date_hits if f.source == "factbook" and from_ok(f) is False]
        if not decisive:
            from_hits = date_hits
    if from_hits:
        ev = [evidence(f, describe(f)) for f in from_hits]
        pub = assess(ctx.published, "supported", ev)
        lines = dict.fromkeys(f"{_SOURCE_NAMES.get(f.source, f.source)}: {describe(f)}"
                              for f in from_hits)
        msg = "; ".join(lines) + "."
        return make_verdict(index, claim, pub, timeless_now(ctx, pub, "independence"), msg)
    ev = [evidence(f, describe(f)) for f in facts]
    by_date: dict[str, str] = {}
    for f in sorted(facts, key=lambda f: f.source != "factbook"):
        by_date.setdefault(str(_fact_date(f)), describe(f))
    right = "; ".join(by_date.values())
    said = " ".join(x for x in (str(claimed or ""), f"from {claim.fields.get('from')}"
                                if claim.fields.get("from") else "") if x)
    doubt = _independence_doubt(ctx, claim, claimed, claimed_from, facts, from_ok)
    if doubt:
        return unverifiable(ctx, index, claim, f"the sheet says independence {said}; the "
                            f"sources say {right}: {doubt}", "independence")
    pub = assess(ctx.published, "contradicted", ev, current=right)
    msg = f"The sheet says independence {said}; the sources say {right}."
    return make_verdict(index, claim, pub, timeless_now(ctx, pub, "independence"), msg)


def _none_by_note(ctx: Context, index: int, claim: Claim) -> Verdict | None:
    """"No diplomatic relations" against the Factbook's note on the U.S. mission (North Korea,
    Bhutan: rdcr has no timeline), when the note says there are none."""
    from .ambassador import NO_RELATIONS_KINDS, mission_note, note_kind, note_text

    day = ctx.published
    note = mission_note(ctx, day) if day is not None else None
    if note is None or note_kind(note) not in NO_RELATIONS_KINDS:
        return None
    pub = assess(day, "supported", [evidence(note, note_text(note))])
    now_day = ctx.now_date("us_mission_note")
    later = mission_note(ctx, now_day)
    holds = later is not None and note_kind(later) in NO_RELATIONS_KINDS
    from .base import perishable_now

    now = perishable_now(ctx, True if holds else None,
                         [evidence(later, note_text(later))] if later is not None else [],
                         "us_mission_note", reason=f"the Factbook's note on the U.S. mission on "
                                                  f"{now_day} does not say so any more")
    msg = (f"rdcr has no timeline for {country_name(ctx.country or '')}; the Factbook "
           f"({note.observed or note.valid_from}) names no U.S. chief of mission: "
           f"“{note_text(note)}”.")
    return make_verdict(index, claim, pub, now, msg)
