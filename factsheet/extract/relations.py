"""Diplomatic relations: recognized, established, severed, restored, none; independence;
anniversaries (the year is derived and marked so).

Each event keyword of a sentence takes the first date after it, up to the next event keyword
and before an anchor ("following its independence …" dates the anchor, not the event), so
"recognized X in 1821, and … established diplomatic relations in 1826" gives two events.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..countries import country_name, demonym_iso2, to_iso2
from . import rules
from .anaphora import same_time
from .pipeline import (
    Component,
    Context,
    Draft,
    Unit,
    apply,
    convert,
    draft,
    literal_gate,
    may_hold,
    span_of,
    trim,
)

_GATE = ("relation", " ties", "recogni", "independen", "anniversar", "centennial", "centenary",
         " again", "secession", "reopen")
# "Kosovo declared its independence from Serbia" on Serbia's sheet: another country's independence
_SUBJECT = re.compile(
    r"(?P<who>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)(?:['’]s?)?\s+(?:(?:had\s+)?(?:declared|gained|won|achieved|"
    r"attained|secured|became|become)\s+)?(?:its\s+)?(?:\d{4}\s+)?(?:full\s+|fully\s+)?$")
_DATE_AFTER = re.compile(rules.expand(
    r"\b(?:in|on|since|by|during|of|as\s+early\s+as)\s+(?:early\s+|late\s+|mid-?)?(?P<date><<DATE>>)(?!\s*(?:percent|million|billion))"
))
_DATE_LEAD = re.compile(rules.expand(r"^(?:\W*(?:In|On|By|Since)\s+(?P<date><<DATE>>)\s*,)"))
# The date of the clause that states the event, when it leads that clause: "In 1975 the country
# took a new name, and on May 12, 1992, the United States resumed relations" → 1992 (the last
# one before the event), "It was in 1992 that relations were established".
_DATE_CLAUSE = re.compile(rules.expand(
    r"\b(?:[Ii]n|[Oo]n|[Bb]y|[Ss]ince)\s+(?P<date><<DATE>>)\s*(?:,|\bthat\b)(?=[^,;]*$)"))
# "recognized <X>'s independence the day it was declared, September 21, 1981"
_DATE_DAY = re.compile(rules.expand(r"^[^.;]{0,60}?\bday\b[^.;,]{0,40},\s+(?P<date><<DATE>>)"))
_LATTER = re.compile(rules.expand(r"\b(?:the\s+latter['’]s|its|<<PLACE>>['’]s?)\s+(?P<date><<YEAR>>)\s+independence"))
_DATE_BARE = re.compile(rules.expand(r"\s*(?:the\s+)?(?P<date><<DATE>>)\b"))
_ANY_DATE = re.compile(rules.expand(r"(?P<date><<DATE>>)"))
_AGAIN = re.compile(rules.expand(r"\b(?:and|but)\s+(?:then\s+)?again\s+(?:in|on)\s+(?P<date><<DATE>>)"))
_AGAIN_GATE = literal_gate(_AGAIN)
_ANNOUNCED = re.compile(r"\b(?:announced|announcement\s+of|declared|agreed\s+(?:to|on))\s+(?:the\s+)?\W*$", re.I)
_HEDGED = re.compile(r"\b(?:more\s+than|over|nearly|almost|some|about|approximately)\s*$", re.I)
_US_SECTION = re.compile(r"U\.\s?S\.|United\s+States")


def run(ctx: Context) -> dict[str, list[Draft]]:
    rs = rules.load("relations")
    out: list[Draft] = []
    published_year = int(ctx.document.published[:4]) if ctx.document.published else None
    us_rule = rs.table("us_context")[0]
    for unit in ctx.gated(_GATE):
        anniversaries = list(_anniversaries(rs, unit, published_year))
        covered = [span for _, span in anniversaries]
        events = [*_none(rs, unit), *(d for d, _ in anniversaries),
                  *_events(rs, unit, covered, ctx.document.country, ctx.units)]
        # an excerpt without headings is about U.S. relations from its first line
        in_us_section = unit.section is None or bool(_US_SECTION.search(unit.section))
        if not in_us_section and not us_rule.regex.search(unit.text):
            # "Peru established diplomatic relations with China in 1971" is not about U.S. relations
            for d in events:
                d.confidence = min(d.confidence, us_rule.confidence)
        out.extend(events)
        out.extend(_independence(rs, unit, ctx.document.country))
    return {"relations": out}


def _none(rs: rules.RuleSet, unit: Unit) -> list[Draft]:
    for rule in rs.table("none"):
        for m, fields in apply(rule, unit):
            note = ("informal relations" if "informal" in unit.lower or "unofficial" in unit.lower
                    else "no formal diplomatic relations")
            return [draft(unit, "relations.none", {**fields, "note": note}, span_of(unit, rule, m),
                          rule.confidence, rule.id)]
    return []


_RECOGNIZED_OBJECT = re.compile(r"\s*(?P<who>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)")
_DECLARED = re.compile(r"(?P<who>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s+(?:declared|proclaimed)\s+(?:its\s+)?independence")


def _other_country(text: str, start: int, end: int, country: str | None) -> bool:
    """A recognition of another country: "recognized Kosovo" on Serbia's sheet, or "Kosovo
    declared its independence …, which the U.S. recognized"."""
    if not country:
        return False
    obj = _RECOGNIZED_OBJECT.match(text, end)
    declared = [m for m in _DECLARED.finditer(text, 0, start)]
    for who in ([obj] if obj else []) + declared[-1:]:
        iso = to_iso2(who["who"])
        if iso and iso != country:
            return True
    return False


def _events(rs: rules.RuleSet, unit: Unit, covered: list[tuple[int, int]],
            country: str | None = None, units: Sequence[Unit] = ()) -> list[Draft]:
    found: list[tuple[int, int, rules.Rule]] = []
    for rule in rs.candidates("events", unit.lower, unit.section, unit.words):
        if not rule.may_match(unit.text):
            continue
        for m in rule.regex.finditer(unit.text):
            if any(a <= m.start() < b or a < m.end() <= b for a, b in covered):
                continue
            if any(not (m.end() <= s or m.start() >= e) for s, e, _ in found):
                continue  # another rule already claimed these words
            found.append((m.start(), m.end(), rule))
    found.sort(key=lambda f: f[0])
    negation = rs.table("negation")[0].regex
    stop = next(r.regex for r in rs.table("anchors") if r.id == "rel.date.stop")
    out = []
    for i, (start, end, rule) in enumerate(found):
        clause_start = max(unit.text.rfind(";", 0, start), found[i - 1][1] if i else 0)
        if negation.search(unit.text[max(clause_start, start - 40) : start]):
            continue
        limit = found[i + 1][0] if i + 1 < len(found) else len(unit.text)
        window = unit.text[end:limit]
        date_m = None
        if rule.id in ("rel.established.not_until", "rel.established.date_to"):
            date_m = _DATE_BARE.match(window)
        elif rule.id == "rel.established.since":
            date_m = _DATE_BARE.match(window) or _DATE_AFTER.search(window) or _LATTER.search(window)
        else:
            s = stop.search(window)
            date_m = _DATE_AFTER.search(window[: s.start()] if s else window) or _DATE_DAY.search(window)
            if date_m is None and s is not None and rule.type in ("relations.established",
                                                                  "relations.restored"):
                # "established relations following <X>'s independence from <Y> in 1978", "upon
                # Kuwait's independence in 1961", "after the government was formed in 1993": with
                # no date of its own, the event took place at the anchor's date
                date_m = _DATE_AFTER.search(window, s.end())
        if date_m is None:
            lead = unit.text[clause_start:start]
            date_m = _DATE_LEAD.search(lead.lstrip(" ,;")) or _DATE_CLAUSE.search(lead)
        raw = date_m["date"] if date_m is not None else same_time(units, unit)
        if raw is None:
            continue
        got = rules_date(raw)
        if got is None:
            continue
        if rule.type == "relations.recognized" and _other_country(unit.text, start, end, country):
            continue
        fields: dict[str, Any] = dict(got)
        if rule.type == "relations.established":
            after = _after(rs, unit.text[end:limit])
            if after:
                fields["after"] = after
        assert rule.type is not None
        confidence = rule.confidence
        if _ANNOUNCED.search(unit.text[max(clause_start, start - 40) : start]):
            # "announced the normalization of relations in July 1995": typed as the restoration
            # (the reference dates the normalization by its announcement), but an announcement
            # is not the act itself, so it is less certain
            confidence = min(confidence, 0.75)
        out.append(draft(unit, rule.type, fields, (unit.start, unit.end), confidence, rule.id))
        again = _AGAIN.search(window) if may_hold(unit, _AGAIN_GATE) else None
        if again and (got_again := rules_date(again["date"])) and got_again != got:
            # "they were broken in 1917 and again in 1941": the same event a second time
            out.append(draft(unit, rule.type, dict(got_again), (unit.start, unit.end),
                             confidence - 0.05, rule.id))
    return out


def rules_date(raw: str) -> dict[str, Any] | None:
    return convert("date", "date", raw)


def _after(rs: rules.RuleSet, window: str) -> str | None:
    for rule in rs.table("anchors"):
        if "after" not in rule.regex.groupindex:
            continue
        m = rule.regex.search(window)
        if m:
            return re.sub(r"\s+", " ", m["after"]).strip(" ,.;")
    return None


def _independence(rs: rules.RuleSet, unit: Unit, country: str | None = None) -> list[Draft]:
    out = []
    for rule in rs.table("independence"):
        for m, fields in apply(rule, unit):
            word = re.search(r"independen|secession", m.group(0))
            at = m.start() + (word.start() if word else 0)
            who = _SUBJECT.search(unit.text, max(0, at - 60), at)
            if who and country and (iso := to_iso2(who["who"])) and iso != country:
                continue
            if "from" in fields:
                fields["from"] = re.sub(r"^(?:the|an?)\s+", "", fields["from"])
                if fields["from"].lower().startswith("protectorate"):
                    fields["from"] = "protectorate status"
                fields["from"] = _administering(fields["from"])
            if "from" not in fields and "year" not in fields and rule.id == "rel.independence.gained":
                lead = _DATE_LEAD.search(unit.text[: m.start()])  # "In 1991, <X> claimed … independence"
                got = rules_date(lead["date"]) if lead else None
                if got:
                    fields.update(got)
            if "from" not in fields and "year" not in fields:
                continue
            assert rule.type is not None
            out.append(draft(unit, rule.type, fields, span_of(unit, rule, m), rule.confidence, rule.id))
    # two rules reading the same words: keep the one that says more
    return [d for d in out if not any(
        o is not d and d.fields.items() < o.fields.items() for o in out)]


_ADMINISTERED = re.compile(r"(?P<adj>[A-Z][\w'’]*(?:\s+[A-Z][\w'’]*)?)-administered\s+trusteeship"
                           r"|trusteeship\s+administered\s+by\s+(?:the\s+)?(?P<by>.+)$"
                           r"|^(?:(?:a|the)\s+)?(?P<ruler>[A-Z][\w'’]*)(?:-administered)?\s+(?:colonial\s+)?"
                           rf"{rules.COLONIAL_RULE}$")


def _administering(source: str) -> str:
    """A trusteeship's administering power, a colonial ruler, is what the country became
    independent from ("a Belgian-administered trusteeship" → Belgium, "a UN trusteeship
    administered by Australia" → Australia, "British colonial rule" → the United Kingdom, "a
    French protectorate" → France); any other "from" stays as written."""
    m = _ADMINISTERED.search(source)
    if m is None:
        return source
    if m["by"]:
        return m["by"].strip()
    adj = m["adj"] or m["ruler"]
    iso = demonym_iso2(adj) or to_iso2(adj)
    return country_name(iso, article=False) if iso else source


# "In 2015 … marked the 20th anniversary …, and in May 2016 …": the clause's own date
_DATE_AFTER_ANY_CASE = re.compile(_DATE_AFTER.pattern, re.I)


def _nearest_first(dates: list[re.Match[str]], start: int, end: int) -> list[re.Match[str]]:
    """The dates of a sentence, the one that states the anniversary's year first: the last
    one before the anniversary's words, else the first one after them."""
    before = [d for d in dates if d.end() <= start]
    after = [d for d in dates if d.start() >= end]
    return before[-1:] + after + before[:-1]


def _anniversaries(rs: rules.RuleSet, unit: Unit, published_year: int | None
                   ) -> list[tuple[Draft, tuple[int, int]]]:
    out = []
    for rule in rs.table("anniversary"):
        for m, fields in apply(rule, unit):
            if _HEDGED.search(unit.text[: m.start()]):
                continue  # "more than 200 years of relations": not an anniversary
            n = fields.pop("n", None)
            if not isinstance(n, int) or not 1 <= n <= 400:
                continue
            dates = _nearest_first(list(_DATE_AFTER_ANY_CASE.finditer(unit.text))
                                   or list(_ANY_DATE.finditer(unit.text)), m.start(), m.end())
            confidence = rule.confidence
            if dates:
                when = int(dates[0]["date"][-4:]) if re.search(r"\d{4}$", dates[0]["date"]) else None
                when = when or int(re.findall(r"\d{4}", dates[0]["date"])[0])
            elif published_year:
                when, confidence = published_year, 0.45
            else:
                continue
            fields.update({"year": when - n, "derived_from": "anniversary", "anniversary": n,
                           "anniversary_year": when})
            span = trim(unit.text, m.start(), m.end())
            out.append((draft(unit, "relations.established", fields, (unit.start, unit.end),
                              confidence, rule.id), span))
    return out


COMPONENT = Component("relations", run, requires=("sentences",), produces=("relations",))
