"""U.S. assistance: amounts (with fiscal or calendar year, agency), purposes, negations.

Dollar amounts in an assistance context (and not a trade or investment one) give one claim
each; a sentence that describes what assistance supports gives a claim with ``purposes``;
"provides no development assistance" gives ``negation: true``.
"""

from __future__ import annotations

import re
from typing import Any

from ..countries import demonym_iso2, to_iso2
from . import normalize as nz
from . import rules
from .pipeline import Component, Context, Draft, Unit, apply, draft, literal_gate, may_hold
from .trade import money_mentions

_GATE = ("assist", "aid", "support", "financing", "invested", "collaborat", "mcc", "millennium", "grant", "fund", "compact", "program", "provid", "contribut",
         "donat")
_ASSISTANCE_SECTION = re.compile(r"Assistance", re.I)
_US_ACTOR = re.compile(r"\b(?:U\.\s?S\.|United\s+States|USAID|Peace\s+Corps|American)")
# the giver right before a broad verb: "The United States assists …", "U.S. programs are
# assisting …", "Through USAID, it seeks to …", "Peace Corps Volunteers teach …"
_GIVER_BEFORE = re.compile(
    r"(?:United\s+States|U\.\s?S\.\s+[Gg]overnment|USAID\)?|International\s+Development|Department\s+of\s+State|"
    r"Peace\s+Corps(?:\s+[Vv]olunteers)?|Centers\s+for\s+Disease\s+Control(?:\s+and\s+Prevention)?|CDC|assistance|aid|programs?|programming|[Ff]unding|\(MEPI\))\s*,?\s+"
    r"(?:[\w.’'-]+\s+){0,4}(?<!\bto\s)$")
_HELP_WORD = re.compile(r"\b(?:assist\w*|aids?|USAID|Peace\s+Corps|grants?|programs?|funding)\b")
_AID_WORD = re.compile(r"\b(?:assistance|aid|USAID|(?:U\.\s?S\.|American)\s+support)\b")
_US_PROGRAMS = re.compile(
    r"\b(?:U\.\s?S\.|United\s+States|American)\s+(?:\w+\s+)?(?:programs?|projects?)\b")
# each pattern's literals, looked up in the sentence's words before the pattern is run (most
# sentences lack them, and a pattern that opens with \b is tried at every position)
_HELP_GATE, _AID_GATE, _US_PROGRAMS_GATE = map(literal_gate, (_HELP_WORD, _AID_WORD, _US_PROGRAMS))
_FIRST_WORD = re.compile(r"\W*([A-Z][\w'’-]*)")
_VERBS = re.compile(
    r"^(?:to\s+)?(?:support|supports|advance|advances|improve|improves|strengthen|strengthens|promote|"
    r"promotes|build|builds|increase|increases|foster|fosters|expand|expands|combat|combats|reduce|"
    r"reduces|enhance|enhances|develop|develops|protect|protects|help|helps|address|addresses|counter|"
    r"counters|bolster|bolsters|boost|boosts|fight|fights|prevent|prevents|encourage|encourages|"
    r"create|creates|provide|provides|ensure|ensures|focus\s+on|focuses\s+on)\s+", re.I)
_GERUND = re.compile(
    r"^(?:improv|strengthen|expand|promot|support|build|increas|foster|combat|reduc|enhanc|develop|"
    r"protect|address|counter|bolster|boost|fight|prevent|encourag|creat|provid|ensur|advanc|"
    r"moderniz|help)ing\s+", re.I)
_ADJ = re.compile(r"^(?:sound|better|greater|more|stronger|improved|effective|continued|the|a|an)\s+", re.I)
_TAIL = re.compile(r"\s+(?:efforts|programs|activities|initiatives|programming)$", re.I)


def run(ctx: Context) -> dict[str, list[Draft]]:
    rs = rules.load("assistance")
    out: list[Draft] = []
    for unit in ctx.gated(_GATE):
        negs = _negations(rs, unit)
        out.extend(negs)
        if negs:
            continue
        money = _amounts(rs, unit, ctx.document.country) if ("$" in unit.text or "dollar" in unit.lower) else []
        out.extend(money)
        if not money:
            presence = _presence(rs, unit)
            out.extend(presence or _purposes(rs, unit, ctx.document.country))
    return {"assistance": out}


def _negations(rs: rules.RuleSet, unit: Unit) -> list[Draft]:
    for rule in rs.table("negation"):
        for m, _fields in apply(rule, unit):
            groups = m.groupdict()
            scope = next((groups[g] for g in ("scope", "scope2", "scope3", "scope4") if groups.get(g)), "")
            result: dict[str, Any] = {"negation": True}
            scope = (scope or "").strip()
            if scope and scope.lower() not in ("u.s.", "any", "direct"):
                result["kind"] = scope.lower()
            result.update(_agency(rs, unit.text))
            return [draft(unit, "assistance", result, (unit.start, unit.end), rule.confidence, rule.id)]
    return []


def _agency(rs: rules.RuleSet, text: str) -> dict[str, Any]:
    for rule in rs.table("agencies"):
        if rule.may_match(text) and rule.regex.search(text):  # a literal every match needs, first
            return {"agency": rule.fields["agency"]}
    return {}


def _amounts(rs: rules.RuleSet, unit: Unit, country: str | None) -> list[Draft]:
    text = unit.text
    context = rs.table("context")[0].regex
    not_assist = rs.table("not_assistance")[0].regex
    out = []
    matches = [m for m in money_mentions(text) if nz.parse_money(m[2])]
    prev_end = 0
    agency: dict[str, Any] | None = None
    for i, (m_start, m_end, m_money, m_qual) in enumerate(matches):
        nxt = matches[i + 1][0] if i + 1 < len(matches) else len(text)
        before, after = text[prev_end:m_start], text[m_end:nxt]
        near = text[max(0, m_start - 60) : min(len(text), m_end + 40)]
        prev_end = m_end
        if not_assist.search(near) and not re.search(r"assistance|\baid\b|USAID|MCC", near):
            continue
        if not context.search(before + after) and not (unit.section and "Assistance" in unit.section):
            continue
        money = nz.parse_money(m_money)
        assert money is not None
        result: dict[str, Any] = {"value_usd": int(money.value_usd) if money.value_usd.is_integer()
                                  else money.value_usd}
        fy = rs.table("fiscal_year")[0].regex
        fm = fy.search(text, m_end, nxt) or fy.search(before)
        if fm:
            result["fiscal_year"] = _year(fm["fiscal_year"])
        else:
            ym = rs.table("year")[0].regex.search(text, m_end, nxt) or \
                rs.table("year")[0].regex.search(before)
            if ym:
                result["year"] = int(ym["year"])
        sm = rs.table("year")[1].regex.search(text, 0, m_start)
        if sm:
            result["since"] = int(sm["since"])
        if agency is None:  # the sentence's agency, looked for once for all its amounts
            agency = _agency(rs, text)
        result.update(agency)
        if m_qual:
            q = nz.qualifier(m_qual)
            if q:
                result["qualifier"] = q
        confidence = 0.9 if ("fiscal_year" in result or "year" in result or "since" in result) else 0.7
        us = rs.table("us_context")[0]
        if not us.regex.search(text) and not (unit.section and re.search(r"U\.\s?S\.", unit.section)):
            confidence = min(confidence, us.confidence)
        out.append(draft(unit, "assistance", result, (unit.start, unit.end), confidence, "assist.amount"))
    return out


def _year(raw: str) -> int:
    return int(raw) if len(raw) == 4 else 2000 + int(raw)


def _presence(rs: rules.RuleSet, unit: Unit) -> list[Draft]:
    for rule in rs.table("presence"):
        for m, fields in apply(rule, unit):
            result: dict[str, Any] = {**_agency(rs, m.group("agency")), "since": fields["since"]}
            return [draft(unit, "assistance", result, (unit.start, unit.end), rule.confidence, rule.id)]
    return []


def _ends_sentence(text: str) -> bool:
    """``re.search(r"[.!?]["'”’)]?\\s*$", text)``, read off the end instead of scanning the text."""
    t = text.rstrip()  # str.rstrip() and \\s strip the same white space
    return t[-1:] in _STOPS or (t[-1:] in _CLOSERS and t[-2:-1] in _STOPS)


_STOPS = frozenset(".!?")
_CLOSERS = frozenset("\"'”’)")


def _purposes(rs: rules.RuleSet, unit: Unit, country: str | None) -> list[Draft]:
    in_section = bool(unit.section and _ASSISTANCE_SECTION.search(unit.section))
    # a sentence the excerpt cuts states its purposes in full only up to the last one
    cut = not _ends_sentence(unit.text)
    narrow = bool((may_hold(unit, _AID_GATE) and _AID_WORD.search(unit.text)) or (
        in_section and may_hold(unit, _US_PROGRAMS_GATE) and _US_PROGRAMS.search(unit.text)))
    for rule in (rs.table("purposes") if narrow else ()):
        for _m, fields in apply(rule, unit):
            items = (split_purposes(fields.get("list", ""))
                     or _short_purposes(fields.get("list", "")))[: -1 if cut else None]
            if len(items) < 1:
                continue
            result: dict[str, Any] = {"purposes": items}
            result.update(_agency(rs, unit.text))
            return [draft(unit, "assistance", result, (unit.start, unit.end), rule.confidence, rule.id)]
    # the broad form needs a U.S. actor and a word of assistance, or the assistance section
    if not (in_section or (may_hold(unit, _HELP_GATE) and _HELP_WORD.search(unit.text))) \
            or not _US_ACTOR.search(unit.text):
        return []
    first = _FIRST_WORD.match(unit.text)
    if first and country and (to_iso2(first.group(1)) == country or demonym_iso2(first.group(1)) == country):
        return []  # "<X> is a partner in U.S. efforts, providing assistance …": <X> gives it
    for rule in rs.table("broad"):
        for m, fields in apply(rule, unit):
            if not _GIVER_BEFORE.search(unit.text, max(0, m.start() - 80), m.start()):
                continue  # "U.S. personnel assist …", "programs to enhance …": not a giver's verb
            items = split_purposes(re.sub(r"^(?:the\s+)?(?:Government\s+of\s+)?[A-Z][\w'’-]*(?:\s+(?:of\s+)?[A-Z][\w'’-]*){0,3}\s+"
                                          r"(?:in|to|with)\s+", "", fields.get("list", "")))
            items = (items or _short_purposes(fields.get("list", "")))[: -1 if cut else None]
            if not items or (cut and len(items) < 2):
                continue  # nothing that reads as a purpose: not a claim worth checking
            result = {"purposes": items[:8]}
            result.update(_agency(rs, unit.text))
            return [draft(unit, "assistance", result, (unit.start, unit.end), rule.confidence, rule.id)]
    return []


_BOUNDARY = re.compile(r"\s+(?:to|from|through|throughout|in|for|by|under|with|within|as|while|so|that|which)\s", re.I)


def _short_purposes(text: str) -> list[str]:
    """Purposes of a long clause: each list item up to its first preposition, six words at most
    ("military and defense technical assistance to Kuwait from …" → "military and defense
    technical assistance")."""
    out = []
    for part in re.split(r",\s*(?:and\s+)?|;\s*(?:and\s+)?", text):
        p = _GERUND.sub("", _VERBS.sub("", part.strip().rstrip(".")))
        cut = _BOUNDARY.search(" " + p)
        p = (" " + p)[: cut.start()].strip() if cut and cut.start() > 0 else p
        words = p.split()
        while words and words[0].lower() in ("a", "an", "the", "limited", "amount", "of"):
            words = words[1:]
        if words:
            out.append(" ".join(words[:6]))
    return [p for p in dict.fromkeys(out) if p][:8]


def split_purposes(text: str) -> list[str]:
    """"Peru's anti-narcotics and alternative development efforts, advance social and economic
    inclusion, improve governance" → ["anti-narcotics", "alternative development", …]."""
    parts = re.split(r",\s*(?:and\s+|as\s+well\s+as\s+)?|;\s*(?:and\s+)?|\s+as\s+well\s+as\s+", text)
    out: list[str] = []
    for part in parts:
        p = re.sub(r"^(?:and|or)\s+", "", part.strip().rstrip("."))
        if re.match(r"(?:including|such\s+as|especially|particularly)\b", p, re.I):
            continue  # an example of the previous purpose, not a purpose of its own
        p = _VERBS.sub("", p)
        p = _GERUND.sub("", p)
        p = re.sub(r"^(?:[A-Z][\w-]*['’]s|its|their|the\s+country['’]s|the\s+government['’]s)\s+", "", p)
        while _ADJ.match(p):
            p = _ADJ.sub("", p)
        if _TAIL.search(p):
            p = _TAIL.sub("", p)
            sub = [s.strip() for s in re.split(r"\s+and\s+", p)]
            out.extend(s for s in sub if s)
            continue
        if p and len(p.split()) <= 8:
            out.append(p)
    return [p for p in dict.fromkeys(out) if p]


COMPONENT = Component("assistance", run, requires=("sentences",), produces=("assistance",))
