"""Agreements by event: signed, entered into force, in effect since, anniversary, AGOA eligibility.

Agreement names ("U.S.-Peru Trade Promotion Agreement (TPA)", "the U.S.- Peru TPA", "a
Bilateral Investment Treaty") and event words are found separately; each event takes the
nearest name and the nearest date of its clause, so one sentence can hold several events.
"""

from __future__ import annotations

import re
from typing import Any

from . import rules
from .pipeline import Component, Context, Draft, Unit, apply, convert, draft

# Cheap substring gate (a regex here costs more than all the rules on most sentences).
_GATE = ("agreement", "treaty", "compact", " act", "accord", "convention", "arrangement", "agoa",
         "tpa", "fta", "bit", "tifa", "nafta", "usmca", "cafta", "gsp", "preferences")
_DATE_AFTER = re.compile(rules.expand(r"\b(?:in|on|since|during|of)\s+(?P<date><<DATE>>)"))
# "The 2009 entry into force", "Peru's 2009 entry…", or a sentence that opens with the year.
_YEAR_BEFORE = re.compile(rules.expand(
    r"(?:^\W*|\b(?:[Tt]he|[Ii]ts|[Tt]heir|[Aa]|[Tt]his|[Tt]hat)\s+|\w['’]s?\s+)(?P<date><<YEAR>>)\s*$"))
_DATE_LEAD = re.compile(rules.expand(r"^\W*(?:In|On|Since)\s+(?P<date><<DATE>>)\s*,"))
_US_SECTION = re.compile(r"U\.\s?S\.|United\s+States|Bilateral\s+Relations")
_LEADING = re.compile(
    r"^(?:(?:the|a|an|its|their|this|that|under|in|with|since|after|following|through|by|as|per|"
    r"during|when|once|both|and)\s+)+", re.I)


def run(ctx: Context) -> dict[str, list[Draft]]:
    rs = rules.load("agreements")
    out: list[Draft] = []
    for unit in ctx.gated(_GATE):
        out.extend(_eligible(rs, unit, "eligible"))
        out.extend(_eligible(rs, unit, "gsp"))
        out.extend(_eligible(rs, unit, "preference"))
        out.extend(_events(rs, unit))
    return {"agreements": out}


def _mentions(rs: rules.RuleSet, unit: Unit) -> list[tuple[int, int, dict[str, Any], float]]:
    found: list[tuple[int, int, dict[str, Any], float]] = []
    for rule in rs.table("mentions"):
        for m, fields in apply(rule, unit):
            if any(not (m.end() <= s or m.start() >= e) for s, e, _, _ in found):
                continue
            name = _LEADING.sub("", fields.get("name", ""))
            if rule.id == "agr.mention.full" and len(name.split()) < 2:
                continue
            if re.search(r"\bAct\b$", name) and "Opportunity" not in name and "Trade" not in name:
                continue  # a law ("the Foreign Assistance Act") is not a bilateral agreement
            fields["name"] = name
            fields["_generic"] = rule.id == "agr.mention.lower"
            found.append((m.start(), m.end(), fields, rule.confidence))
    if any(not f["_generic"] for _, _, f, _ in found):
        # "the U.S.-Singapore FTA, the first U.S. free trade agreement with …": the named one
        found = [t for t in found if not t[2]["_generic"]]
    found.sort(key=lambda t: t[0])
    # "the KORUS FTA (U.S.-Korea Free Trade Agreement)": the acronym first, the name in the
    # parenthesis — one agreement, the acronym its short name
    text = unit.text
    merged: list[tuple[int, int, dict[str, Any], float]] = []
    for item in found:
        if merged:
            a0, a1, af, ac = merged[-1]
            if (af.get("short_name") and af["short_name"] == af.get("name") and not item[2]["_generic"]
                    and re.fullmatch(r"\s*\(\s*", text[a1:item[0]]) and text[item[1]:item[1] + 1] == ")"):
                fields = {**item[2], "short_name": af["short_name"]}
                merged[-1] = (a0, item[1] + 1, fields, max(ac, item[3]))
                continue
        merged.append(item)
    return merged


def _events(rs: rules.RuleSet, unit: Unit) -> list[Draft]:
    mentions = _mentions(rs, unit)
    if not mentions:
        return []
    events: list[tuple[int, int, dict[str, Any], rules.Rule]] = []
    for rule in rs.table("events"):
        for m, fields in apply(rule, unit):
            if any(not (m.end() <= s or m.start() >= e) for s, e, _, _ in events):
                continue
            events.append((m.start(), m.end(), fields, rule))
    events.sort(key=lambda t: t[0])
    negation = rs.table("negation")[0].regex
    # U.S. context: the sentence names the United States, or its section is about U.S. relations
    us = (rs.table("us_context")[0].regex.search(unit.text) is not None
          or bool(unit.section and _US_SECTION.search(unit.section)))
    out = []
    text = unit.text
    for i, (start, end, fields, rule) in enumerate(events):
        if negation.search(text[max(0, start - 30) : start]):
            continue
        # nearest agreement name: the gap between it and the event words
        best = min(mentions, key=lambda mn: max(mn[0] - end, start - mn[1], 0))
        for other in mentions:  # "a free trade agreement, the North American Free Trade Agreement"
            if other is not best and 0 <= other[0] - best[1] <= 8 and \
                    re.fullmatch(r"\s*,\s*(?:the\s+)?", text[best[1]:other[0]]):
                best = (best[0], other[1], other[2], other[3])
                break
        gap = max(best[0] - end, start - best[1], 0)
        if gap > 80 or ";" in text[min(best[1], end) : max(best[0], start)]:
            continue
        nxt = min([s for s, *_ in events[i + 1 :]] + [len(text)])
        window_end = min([s for s, _, _, _ in mentions if s > max(end, best[1])] + [nxt])
        window = text[end:window_end] if best[0] < start else text[best[1]:nxt]
        date_m = _DATE_AFTER.search(window)
        if date_m is None:
            # pos/endpos: "^" matches only at the real start of the sentence, "$" at the event
            date_m = _YEAR_BEFORE.search(text, max(0, start - 24), start)
        if date_m is None:
            date_m = _DATE_LEAD.search(text)
        result: dict[str, Any] = {"name": best[2]["name"]}
        if best[2].get("short_name"):
            result["short_name"] = best[2]["short_name"]
        result["event"] = fields["event"]
        if "anniversary" in fields:
            result["anniversary"] = fields["anniversary"]
        confidence = min(rule.confidence, best[3])
        if date_m and (got := convert("date", "date", date_m["date"])):
            result.update(got)
        else:
            confidence = min(confidence, 0.6)
        if not us:
            confidence = min(confidence, 0.45)
        out.append(draft(unit, "agreement", result, (unit.start, unit.end), confidence, rule.id))
    return out


def _eligible(rs: rules.RuleSet, unit: Unit, table: str) -> list[Draft]:
    negation = rs.table("negation")[0].regex
    out = []
    for rule in rs.table(table):
        for m, fields in apply(rule, unit):
            if negation.search(unit.text[max(0, m.start() - 40) : m.end()]):
                continue
            if "name" in fields:
                fields["name"] = _LEADING.sub("", fields["name"])
            date_m = _DATE_AFTER.search(unit.text, m.end())
            if date_m and (got := convert("date", "date", date_m["date"])):
                fields.update(got)
            out.append(draft(unit, "agreement", fields, (unit.start, unit.end), rule.confidence, rule.id))
    return out


COMPONENT = Component("agreements", run, requires=("sentences",), produces=("agreements",))
