"""Trade and investment figures, one claim per dollar amount.

A sentence is cut at its dollar amounts into segments ("… from $9 billion in 2009 | to $14
billion in 2015"); each segment takes the flow/direction, scope and year nearest its amount and
inherits what it lacks from the previous segment of the sentence ("… U.S. exports at $1.1
billion in 2015 | and Peruvian exports at $1.7 billion" → the second is 2015, agricultural) or,
for the year, from the previous sentences of the paragraph (lower confidence).
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import normalize as nz
from . import rules
from .pipeline import Component, Context, Draft, Unit, draft

MONEY_RE = re.compile(rules.expand(r"(?:(?P<qual><<QUAL>>)\s+)?(?P<money><<MONEY>>)"), re.I)
# Faster forms for sentences without "dollar": the amount starts at "$" or "US", the hedge is
# looked for just before it (an alternation tried at every position costs more than the rest).
_SIGN_MONEY = re.compile(r"(?P<money>(?:U\.?S\.?\s?)?\$\s?\d[\d,]*(?:\.\d+)?(?:\s*(?:billion|million|trillion|thousand)\b)?)", re.I)
_QUAL_BEFORE = re.compile(rules.expand(r"(?P<qual><<QUAL>>)\s+$"))


def money_mentions(text: str) -> list[tuple[int, int, str, str | None]]:
    """(start, end, money text, hedge) for every dollar amount; start includes the hedge."""
    out: list[tuple[int, int, str, str | None]] = []
    if "dollar" in text.lower():
        for m in MONEY_RE.finditer(text):
            out.append((m.start(), m.end(), m["money"], m["qual"]))
        return out
    for m in _SIGN_MONEY.finditer(text):
        q = _qual_before(text, m.start())
        out.append((q.start() if q else m.start(), m.end(), m["money"], q["qual"] if q else None))
    return out


_QUAL_LONGEST = max(map(len, nz.QUALIFIERS))


def _qual_before(text: str, at: int) -> re.Match[str] | None:
    """``_QUAL_BEFORE.search(text, max(0, at - 30), at)``, found faster (a sentence may hold
    thousands of amounts): the hedge ends where the white space before ``at`` begins, so it
    starts at most its longest length before that (a hedge is plain text of fixed length), and
    without white space right before ``at`` there is none."""
    lo = max(0, at - 30)
    w = at
    while w > lo and text[w - 1].isspace():  # \s is str.isspace()
        w -= 1
    return _QUAL_BEFORE.search(text, max(lo, w - _QUAL_LONGEST), at) if w < at else None
_CONNECTOR = re.compile(r"[\s,;:]*(?:(?:and|while|whereas|but|with|compared\s+(?:to|with)|versus)\b\s*)?")
_ACTOR_BEFORE = re.compile(r"([A-Z][\w'’-]+)(?:['’]s?)?\s*$")
_YEAR_ANY = re.compile(rules.expand(r"\b<<YEAR>>\b"))
_TRADE_WORDS = re.compile(
    r"\b(?:trade|exports?|imports?|exported|imported|surplus|deficit|trading)\b"
    r"|\bgoods\b(?:\s+and\s+services)?\s+(?:cross|flow|mov|pass|travel)", re.I)


@dataclass(frozen=True)
class _Lookups:
    """The rules _one() picks by id, per rule set: found once, not per amount."""

    invest_kw: re.Pattern[str]
    investment: tuple[rules.Rule, ...]  # without the keyword rule
    skip: dict[str, re.Pattern[str]]
    year: dict[str, re.Pattern[str]]


_LOOKUPS: dict[int, tuple[rules.RuleSet, _Lookups]] = {}


def _lookups(rs: rules.RuleSet) -> _Lookups:
    held = _LOOKUPS.get(id(rs))
    if held is None or held[0] is not rs:  # keyed by identity: a rule set is not hashable
        investment = rs.table("investment")
        held = _LOOKUPS[id(rs)] = (rs, _Lookups(
            invest_kw=next(r for r in investment if r.id == "inv.keyword").regex,
            investment=tuple(r for r in investment if r.id != "inv.keyword"),
            skip={r.id: r.regex for r in rs.table("skip")},
            year={r.id: r.regex for r in rs.table("year")}))
    return held[1]


@dataclass
class Mention:
    start: int  # of the money (with its hedge) in the unit
    end: int
    seg_start: int
    seg_end: int
    value: float
    qualifier: str | None
    #: the year right after the amount (trade.year.after at ``end``), matched once here
    year_after: re.Match[str] | None = None


def _mentions(unit: Unit, rs: rules.RuleSet) -> list[Mention]:
    text = unit.text
    year_after = _lookups(rs).year["trade.year.after"]
    out: list[Mention] = []
    prev_end = 0
    for m_start, m_end, m_money, m_qual in money_mentions(text):
        money = nz.parse_money(m_money)
        if money is None or money.value_usd <= 0:
            continue
        end = m_end
        ya = year_after.match(text, end)
        if ya:
            end = ya.end()
            if text[end : end + 1] == ")":
                end += 1
        if out:
            conn = _CONNECTOR.match(text, prev_end)
            seg_start = conn.end() if conn else prev_end
        else:
            seg_start = 0
        out.append(Mention(m_start, m_end, seg_start, end, money.value_usd, nz.qualifier(m_qual), ya))
        prev_end = end
    if out:  # the last amount's clause runs to the end of the sentence
        out[-1].seg_end = len(text)
    return out


def _closest(rules_: tuple[rules.Rule, ...], text: str, anchor: int, lo: int, hi: int
             ) -> tuple[rules.Rule, re.Match[str]] | None:
    """The rule match nearest the anchor: before it (ending closest) first, else after it."""
    best: tuple[int, rules.Rule, re.Match[str]] | None = None
    clause = text[lo:hi]  # never the whole sentence: a sentence of many amounts is long
    window = clause.lower()
    for rule in rules_:
        if rule.triggers and not any(map(window.__contains__, rule.triggers)):
            continue  # cheap: none of the words the pattern needs is in the clause
        if not rule.may_match(clause):
            continue
        for m in rule.regex.finditer(text, lo, hi):
            dist = anchor - m.end() if m.end() <= anchor else 1000 + m.start() - anchor
            if dist < 0:
                continue
            if best is None or dist < best[0]:
                best = (dist, rule, m)
    return (best[1], best[2]) if best else None


def _in_sentence(rules_: tuple[rules.Rule, ...], words: set[str]) -> tuple[rules.Rule, ...]:
    """The rules of ``rules_`` not ruled out by the sentence's found words (Unit.words: a rule
    with indexed triggers none of which is in the sentence has none in a clause of it either), in
    order; _one() asks it once per sentence (through _once), not once per amount."""
    return tuple(r for r in rules_ if not (r.triggers and r.indexed and r.trigger_set.isdisjoint(words)))


def run(ctx: Context) -> dict[str, list[Draft]]:
    rs = rules.load("trade")
    country = ctx.document.country
    trade_out: list[Draft] = []
    invest_out: list[Draft] = []
    for unit in ctx.units:
        if "$" not in unit.text and "dollar" not in unit.lower:
            continue
        mentions = _mentions(unit, rs)
        prev: dict[str, Any] = {}
        # per sentence, found when first needed (most amounts need neither the earlier
        # sentences' years nor the sentence before's frame): see _once()
        memo: dict[str, Any] = {"_units": ctx.units}
        for i, mention in enumerate(mentions):
            nxt = mentions[i + 1].start if i + 1 < len(mentions) else len(unit.text)
            got = _one(rs, unit, mention, nxt, prev, country, memo)
            if got is None:
                prev = {}
                continue
            kind, fields, confidence, rule_id = got
            prev = {**fields, "_kind": kind}
            span = (unit.start + mention.seg_start, unit.start + mention.seg_end)
            target = trade_out if kind == "trade" else invest_out
            clean = {k: v for k, v in fields.items() if not k.startswith("_")}
            target.append(draft(unit, kind, clean, span, confidence, rule_id))
    return {"trade": trade_out, "investment": invest_out}


def _earlier_year(units: list[Unit], unit: Unit) -> dict[int, tuple[int, int]]:
    """The last year named in the two sentences before this one, in the same paragraph."""
    for back in (1, 2):
        i = unit.index - back
        if i < 0 or units[i].block != unit.block:
            break
        years = _YEAR_ANY.findall(units[i].text)
        if years:
            return {unit.block: (int(years[-1]), i)}
    return {}


def _us_frame(units: list[Unit], unit: Unit) -> bool:
    """"U.S. goods and services trade with <X> totaled … Exports were $A; imports were $B.":
    the sentence before, in the same paragraph, names the U.S. trade these figures belong to."""
    before_unit = units[unit.index - 1] if unit.index else None
    return bool(before_unit is not None and before_unit.block == unit.block
                and _US_TRADE_WITH.search(before_unit.text))


def _one(rs: rules.RuleSet, unit: Unit, mention: Mention, nxt: int, prev: dict[str, Any],
         country: str | None, memo: dict[str, Any]
         ) -> tuple[str, dict[str, Any], float, str] | None:
    text = unit.text
    seg_lo, money_at = mention.seg_start, mention.start
    after_hi = nxt
    segment = text[seg_lo:mention.seg_end]
    look = _lookups(rs)
    invest_kw = look.invest_kw
    before = text[seg_lo:money_at]
    around = text[seg_lo:after_hi]
    # each of these searches of the text before the amount is made once (they are asked again)
    invest_before = invest_kw.search(before) is not None
    trade_before = _TRADE_WORDS.search(before) is not None
    is_invest = invest_before or (not trade_before and bool(invest_kw.search(around)))
    is_trade = trade_before or (not is_invest and bool(_TRADE_WORDS.search(around)))
    skip = look.skip
    skip_assist, skip_target = skip["trade.skip.assistance"], skip["trade.skip.target"]
    if skip["trade.skip.change"].search(text[max(seg_lo, money_at - 40):money_at]):
        return None
    if not is_invest and not is_trade:
        if not prev or skip_assist.search(segment):
            return None
        is_invest = prev["_kind"] == "investment"
        is_trade = not is_invest
    if not trade_before and not invest_before and skip_assist.search(before):
        return None
    confidence = 0.95
    fields: dict[str, Any] = {}
    rule_id = "trade.segment"
    if is_invest and not (is_trade and _TRADE_WORDS.search(text[max(seg_lo, money_at - 40):money_at])):
        kind = "investment"
        found = _closest(_sentence_rules(memo, "investment", look.investment, unit),
                         text, money_at, seg_lo, after_hi)
        direction = None
        if found:
            rule, m = found
            direction = rule.fields.get("direction") or _actor(m, country, "us_in_partner", "partner_in_us")
            rule_id = rule.id
        direction = direction or prev.get("direction")
        if direction is None:
            return None
        fields["direction"] = direction
        fields["value_usd"] = _num(mention.value)
        for rule in rs.table("measure"):
            if rule.regex.search(segment):
                fields["measure"] = rule.fields["measure"]
                break
    else:
        kind = "trade"
        found = _closest(_sentence_rules(memo, "flows", rs.table("flows"), unit),
                         text, money_at, seg_lo, after_hi)
        flow = None
        if found:
            rule, m = found
            if rule.id == "trade.flow.verb":
                flow = _verb_flow(m["verb"], prev.get("flow"))
                subject = _SUBJECT_BEFORE.search(text, max(0, m.start() - 40), m.start())
                if flow is None and subject:
                    # "<X> exported $5.7 billion … to the United States": the subject's flow
                    flow = _actor(subject, country, "us_exports", "partner_exports",
                                  imports=m["verb"].lower() in ("imported", "bought", "purchased"))
            elif rule.id in ("trade.flow.exports_to", "trade.flow.imports_from", "trade.flow.actor") and \
                    _third_country(m, country, text):
                return None  # "Peru's exports to China": not U.S. trade
            else:
                flow = rule.fields.get("flow") or _actor(m, country, "us_exports", "partner_exports",
                                                         imports="dir" in m.groupdict() and m["dir"] == "imports")
            rule_id = rule.id
            confidence = min(confidence, rule.confidence)
            if rule.id == "trade.flow.generic" and prev.get("flow"):
                flow = prev["flow"]
        # from just before the segment (its ", and" or "; "), not the sentence's start: a run of
        # amounts would otherwise rescan the sentence once per amount
        if flow is None and _once(memo, "us_frame", _us_frame, memo["_units"], unit):
            bare = [b for b in _BARE_FLOW.finditer(text, max(0, seg_lo - 12), money_at)
                    if b.start("dir") >= seg_lo]
            if bare:  # the latest bare "Exports/imports were" in the segment
                flow = "us_exports" if bare[-1]["dir"].lower() == "exports" else "us_imports"
        flow = flow or prev.get("flow")
        if flow is None:
            return None
        fields["flow"] = flow
        if flow == "balance":
            holder = _once(memo, "holder", rs.table("balance_holder")[0].regex.search, text)
            word = _BALANCE_WORD.search(around) or _once(memo, "balance_word", _BALANCE_WORD.search, text)
            if word:
                us = holder is not None
                fields["balance"] = ("us_" if us else "partner_") + word.group(0)
        scope = None
        for rule in rs.table("scopes"):  # may_match: literals the match needs, before a scan
            if rule.may_match(before) and rule.regex.search(before):
                scope = rule.fields["scope"]
                break
        scope = scope or (prev.get("scope") if prev.get("_kind") == "trade" else None)
        if scope:
            fields["scope"] = scope
        fields["value_usd"] = _num(mention.value)
    # the year: after the amount, before it in the segment, earlier in the sentence, paragraph
    year_rules = look.year
    year = None
    ym = mention.year_after
    if ym:
        year = int(ym["year"])
    if year is None:
        ym = year_rules["trade.year.before"].search(text[seg_lo:money_at])
        year = int(ym["year"]) if ym else None
    if year is None and prev.get("year"):
        year, confidence = prev["year"], min(confidence, 0.9)
    if year is None:
        ym = _first_year_before(memo, text, year_rules["trade.year.before"], money_at)
        if ym:
            year, confidence = int(ym["year"]), min(confidence, 0.85)
    if year is None:
        last_year = _once(memo, "last_year", _earlier_year, memo["_units"], unit)
        if unit.block in last_year and last_year[unit.block][1] >= unit.index - 2:
            year, confidence = last_year[unit.block][0], min(confidence, 0.75)
    if year is not None:
        fields["year"] = year
    else:
        confidence = min(confidence, 0.45)
    day = rs.table("day")[0].regex
    # every match ("a day", "daily", any case) holds "da" once lower-cased: a sentence without
    # it is spared the three searches (the hostile inputs hold thousands of amounts)
    if _once(memo, "da", operator.contains, unit.lower, "da") and (
            day.search(text, mention.end, mention.seg_end if mention.seg_end > mention.end else after_hi)
            or day.search(text[max(seg_lo, money_at - 25):money_at])
            or (not prev and day.search(text, mention.end, after_hi))):
        fields["period"] = "day"
    if mention.qualifier:
        fields["qualifier"] = mention.qualifier
    if skip_target.search(text[max(0, money_at - 60):money_at]):
        confidence = min(confidence, 0.45)
    return kind, fields, confidence, rule_id


_US_TRADE_WITH = re.compile(r"\b(?:U\.\s?S\.|United\s+States)\s+(?:goods\s+and\s+services\s+|goods\s+)?trade\s+with\b")
#: an export or import figure whose subject the sentence before gave: "Exports were $A; imports …"
_BARE_FLOW = re.compile(r"(?:^\W*|;\s*|,\s*(?:and\s+|while\s+)?)(?P<dir>[Ee]xports|[Ii]mports)\s+"
                        r"(?:were|was|totaled|totalled|reached|amounted\s+to)\b")
_SUBJECT_BEFORE = re.compile(r"(?P<who>(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’-]*){0,2})\s+(?:also\s+)?$")

_BALANCE_WORD = re.compile(r"surplus|deficit")


def _sentence_rules(memo: dict[str, Any], key: str, rules_: tuple[rules.Rule, ...], unit: Unit
                    ) -> tuple[rules.Rule, ...]:
    """``rules_`` less those the sentence's found words rule out (all of them when the words were
    not found: no automaton), once per sentence."""
    return rules_ if unit.words is None else _once(memo, key, _in_sentence, rules_, unit.words)


def _once(memo: dict[str, Any], key: str, compute: Callable[..., Any], *args: Any) -> Any:
    """``compute(*args)``, a fact of the whole sentence (a search of it, the sentences before it),
    found once per sentence and only when an amount needs it, rather than once per amount: a
    sentence of thousands of amounts would otherwise be scanned thousands of times (issue 14)."""
    if key not in memo:
        memo[key] = compute(*args)
    return memo[key]


def _first_year_before(memo: dict[str, Any], text: str, regex: re.Pattern[str], at: int
                       ) -> re.Match[str] | None:
    """``regex.search(text[:at])``, from one search of the sentence."""
    found: list[re.Match[str]] = _once(memo, "years_before", lambda t: list(regex.finditer(t)), text)
    first = found[0] if found else None
    return first if first is not None and first.end() <= at else None


def _third_country(m: re.Match[str], country: str | None, text: str) -> bool:
    """Trade between the partner and someone else ("Peru's exports to China", "Chinese exports")."""
    if country is None:
        return False
    raws = [m.groupdict().get("place") or m.groupdict().get("who")]
    actor = _ACTOR_BEFORE.search(text, max(0, m.start() - 40), m.start())
    if actor:
        raws.append(actor.group(1))
    for raw in raws:
        if not raw:
            continue
        iso = nz.country_iso2(raw) or nz.country_iso2(raw.split()[-1])
        if iso is not None and iso not in (country, "US"):
            return True
    return False


def _verb_flow(verb: str, previous: str | None) -> str | None:
    """"… exported $X … and imported $Y": the subject of the previous amount does the buying."""
    buying = verb.lower() in ("imported", "bought", "purchased")
    if previous in ("us_exports", "us_imports"):
        return "us_imports" if buying else "us_exports"
    if previous in ("partner_exports", "partner_imports"):
        return "partner_imports" if buying else "partner_exports"
    return None


def _actor(m: re.Match[str], country: str | None, us_value: str, partner_value: str,
           imports: bool = False) -> str | None:
    who = nz.country_iso2(m["who"].split()[-1]) or nz.country_iso2(m["who"])
    if who is None:
        return None
    if imports:
        us_value, partner_value = us_value.replace("exports", "imports"), partner_value.replace("exports", "imports")
    if who == "US":
        return us_value
    if country is None or who == country:
        return partner_value
    return None


def _num(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


COMPONENT = Component("trade", run, requires=("sentences",), produces=("trade", "investment"))
