"""Leaders: "President <P> has been in office since <date>, and his term expires in <date>".

A title-and-name mention becomes a claim only when the sentence also says something checkable
about the tenure (since, term end, term length, election) — "President <P> visited …" is not a
leader claim. U.S. officials are excluded.
"""

from __future__ import annotations

import re
from typing import Any

from . import rules
from .pipeline import Component, Context, Draft, Unit, apply, canonical_title, draft

_GATE = ("president", "minister", "king", "queen", "emir", "amir", "sultan", "prince", "chancellor", "pope", "emperor",
         "premier", "governor", "leader", "duke", "sheikh", "chairman", "secretary", "executive",
         "taoiseach", "counsellor", "head of", "regent", "prince")
#: Words one of which every rule of the "tenure" table needs (kept in step by a test).
_TENURE_WORDS = ("since", "office", "inaugurat", "sworn", "crowned", "enthroned", "began", "appointed",
                 "named", "installed", "designated", "confirmed", "ascended", "acceded", "succeeded",
                 "power", "term", "elected", "won", "became", "mandate")
ROLES = {
    "Prime Minister": "head_of_government", "Premier": "head_of_government",
    "Chancellor": "head_of_government", "Taoiseach": "head_of_government",
    "President of the Government": "head_of_government",
    "King": "head_of_state", "Queen": "head_of_state", "Emir": "head_of_state",
    "Amir": "head_of_state", "Sultan": "head_of_state", "Grand Duke": "head_of_state",
    "Governor-General": "head_of_state", "Supreme Leader": "head_of_state", "Pope": "head_of_state",
    "Emperor": "head_of_state", "Empress": "head_of_state",
    "Head of Government": "head_of_government", "Head of State": "head_of_state",
    "Minister of State": "head_of_government", "Chief Minister": "head_of_government",
    "First Minister": "head_of_government", "Captain Regent": "head_of_state",
    "Co-prince": "head_of_state", "President of the Swiss Confederation": "head_of_state",
    # only read when the sentence says the vice president heads the government
    "Vice President": "head_of_government",
}


_NOT_THE_LEADER_BEFORE = re.compile(r"(?:U\.\s?S\.|American|[Vv]ice[- ]?|\b[Ff]ormer|\blate)\s*$")
_HONORIFICS = frozenset(["Sheikh"])
_STYLE = re.compile(r"^(?:(?:His|Her)\s+(?:Majesty|Highness|Royal\s+Highness|Excellency|Holiness)|Ayatollah|"
                    r"Sheikh|Sheikha|Dr\.|Cardinal|Archbishop|Bishop)\s+(?=\S)")
_OFFICE = re.compile(r"\b" + rules.expand("<<TITLE>>") + r"\b")
_INSTITUTION_END = re.compile(r"\b(?:State|City|Republic|Government|Council|Kingdom|Confederation|"
                             r"Federation|Union|Assembly|Ministers|Cabinet|Emirates|Governorate)$")
_LEADING_TITLE = re.compile(r"^(?:(?:[Vv]ice|[Dd]eputy|[Aa]cting|[Ii]nterim)[- ])?"
                            + rules.expand("<<TITLE>>") + r"\s+(?=\S)")


def run(ctx: Context) -> dict[str, list[Draft]]:
    rs = rules.load("leaders")
    out: list[Draft] = []
    list_section = rs.table("list")[0].section
    for unit in ctx.gated(_GATE):
        # a mention becomes a claim only with tenure words (or in an officials list): without
        # them the costly name patterns are not tried at all
        if not any(map(unit.lower.__contains__, _TENURE_WORDS)) and not (
                list_section and unit.section and list_section.search(unit.section)):
            continue
        out.extend(_from_unit(rs, unit))
    return {"leaders": out}


def _from_unit(rs: rules.RuleSet, unit: Unit) -> list[Draft]:
    mentions: list[tuple[int, int, dict[str, Any], rules.Rule]] = []
    for rule in (*rs.table("mentions"), *rs.table("list")):
        for m, fields in apply(rule, unit):
            if any(not (m.end() <= s or m.start() >= e) for s, e, _, _ in mentions):
                continue
            mentions.append((m.start(), m.end(), fields, rule))
    mentions.sort(key=lambda t: t[0])
    exclude_us, exclude_ctx = (r.regex for r in rs.table("exclude"))
    out = []
    for i, (start, end, fields, rule) in enumerate(mentions):
        name = re.sub(r"['’]s?$", "", fields.get("name", "")).strip()
        name = _LEADING_TITLE.sub("", name)  # "Vice President <P> became head of government"
        name = _STYLE.sub("", name)  # "Ayatollah Ali Khamenei" → "Ali Khamenei"
        if _INSTITUTION_END.search(name):
            continue  # "… of the Vatican City State is …": the end of a title, not a name
        if not name or exclude_us.search(name) or exclude_ctx.search(unit.text[end:]):
            continue
        if _NOT_THE_LEADER_BEFORE.search(unit.text, max(0, start - 10), start) and \
                rule.id != "leader.vice_head_of_government":
            continue  # "U.S. President …", "Vice President …", "former President …", "the late King …"
        limit = mentions[i + 1][0] if i + 1 < len(mentions) else len(unit.text)
        window = unit.text[start:limit]
        tenure: dict[str, Any] = {}
        confidence = rule.confidence
        for trule in rs.table("tenure"):
            # "In May 2018, <P> was elected President": the date leads the sentence
            tm = trule.regex.search(unit.text[:limit] if trule.id.startswith("leader.lead_") and not i
                                    else window)
            if tm:
                for key, value in _fields(trule, tm).items():
                    tenure.setdefault(key, value)
        if not tenure and rule.table != "list":
            continue
        title = fields["title"]
        if title in _HONORIFICS:
            # "Sheikh <P>, the Amir of Qatar," / "The Amir, Sheikh <P>,": the office, not the style
            office = next((canonical_title(t.group(0)) for t in _OFFICE.finditer(unit.text)
                           if canonical_title(t.group(0)) not in _HONORIFICS), None)
            title = office or title
        result: dict[str, Any] = {"name": name, "title": title}
        if title in ROLES:
            result["role"] = ROLES[title]
        result.update(tenure)
        out.append(draft(unit, "leader", result, (unit.start, unit.end), confidence, rule.id))
    return out


def _fields(rule: rules.Rule, m: re.Match[str]) -> dict[str, Any]:
    from .pipeline import convert

    out: dict[str, Any] = {}
    for group, conv in rule.groups.items():
        if m.group(group):
            got = convert(group, conv, m.group(group))
            if got:
                out.update(got)
    return out


COMPONENT = Component("leaders", run, requires=("sentences",), produces=("leaders",))
