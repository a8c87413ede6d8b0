"""Leaders: "President <P> has been in office since <date>, and his term expires in <date>".

A title-and-name mention with something checkable about the tenure (since, term end, term
length, election) is a claim. Without tenure words, a capitalized head-of-state or government
title right before a name ("President <P> has pledged …", "led by Prime Minister <P>") is a claim
at lower confidence (the "prose" table), unless the words before it say the person is not the
sitting leader (former, then-, late, under), another country's demonym or "of <Country>" makes
it a foreign leader, or the sentence dates it long before the sheet. One prose claim per name,
and none for a name that already has a tenure claim. U.S. officials are excluded.
"""

from __future__ import annotations

import re
from typing import Any

from ..countries import demonym_iso2, to_iso2
from ..folding import fold_accents
from . import rules
from .pipeline import (
    Component,
    Context,
    Draft,
    Unit,
    apply,
    canonical_title,
    convert,
    draft,
    literal_gate,
    may_hold,
)

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


_PROSE_TITLE_CASE = re.compile(r"[A-Z]")
_SUFFIX = re.compile(r"[A-Z]\.|Jr\.?|Sr\.?|I{1,3}|IV|VI{0,3}")
# cheap pre-check for the prose path: a capitalized title followed by a capitalized word
_PROSE_TITLE = re.compile(r"\b(?:President|Prime\s+Minister|King|Queen|Emir|Amir|Sultan|Premier|Chancellor|"
                          r"Governor[- ]General|Grand\s+Duke|Supreme\s+Leader|Taoiseach|Co-?prince|"
                          r"Captains?[- ]Regent)\s+(?:of\s+the\s+Government\s+)?[A-ZÀ-Þ]")
_CURRENT = re.compile(r"\b(?:current|incumbent|sitting|present)\s+[a-zA-Z][\w ]{2,30},\s+[A-Z]")
_PROSE_TITLE_GATE, _CURRENT_GATE = literal_gate(_PROSE_TITLE), literal_gate(_CURRENT)
# \b(1[89]\d\d|20\d\d)s?\b as two patterns that each start with one character, which the engine
# finds by a tight loop (a class or a \b first makes it test every character: 3x slower on a
# whole excerpt): "1(?<!\w1)" is "\b1" (a 1 with no word character before)
_YEARS = (re.compile(r"1(?<!\w1)[89]\d\d(?=s?\b)"), re.compile(r"2(?<!\w2)0\d\d(?=s?\b)"))
_YEARS_PLAIN = re.compile(r"\b(1[89]\d\d|20\d\d)s?\b")  # the reference form (tests)


def latest_year(text: str) -> int | None:
    """The latest year ``text`` names (``_YEARS_PLAIN``'s largest), None without one."""
    late = _YEARS[1].findall(text)  # any 20xx is later than every 18xx or 19xx
    years = late or _YEARS[0].findall(text)
    return max(map(int, years)) if years else None  # int(): \d is also "١٩٣٣"
_OF_PLACE = re.compile(r"^\s+of\s+(?:the\s+)?(?P<place>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})")
_POSSESSOR = re.compile(r"(?:\b(?P<word>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)(?P<pos>['’]s)?)\s*$")
#: a prose mention in a sentence whose latest year is this much older than the sheet is history
_STALE_YEARS = 6


def run(ctx: Context) -> dict[str, list[Draft]]:
    rs = rules.load("leaders")
    out: list[Draft] = []
    list_section = rs.table("list")[0].section
    doc = ctx.document
    if doc.published:
        ref_year: int | None = int(doc.published[:4])
    else:  # an undated excerpt: the latest year it mentions
        ref_year = latest_year(doc.text)
    for unit in ctx.gated(_GATE):
        # without tenure words (or an officials list) only the prose mentions are looked for
        prose_only = not any(map(unit.lower.__contains__, _TENURE_WORDS)) and not (
            list_section and unit.section and list_section.search(unit.section))
        if prose_only and not (may_hold(unit, _PROSE_TITLE_GATE) and _PROSE_TITLE.search(unit.text)) \
                and not (may_hold(unit, _CURRENT_GATE) and _CURRENT.search(unit.text)):
            continue  # no capitalized head-of-state title before a name: nothing to look for
        out.extend(_from_unit(rs, unit, ctx, ref_year, prose_only=prose_only))
    return {"leaders": _one_prose_claim_per_name(out)}


def surname(name: str) -> str:
    """The last word of a name that is not an initial or a generational suffix, folded."""
    words = [w for w in re.split(r"[\s,]+", name) if w and not _SUFFIX.fullmatch(w)]
    return fold_accents(words[-1]) if words else ""


def _one_prose_claim_per_name(drafts: list[Draft]) -> list[Draft]:
    named = {surname(d.fields["name"]) for d in drafts if d.rule != "leader.prose"}
    seen: set[str] = set()
    out = []
    for d in drafts:
        if d.rule == "leader.prose":
            key = surname(d.fields["name"])
            if key in named or key in seen:
                continue
            seen.add(key)
        out.append(d)
    return out


def _foreign(unit: Unit, start: int, end: int, country: str | None) -> bool:
    """Another country's demonym or possessive before the title, or "of <Country>" after the
    name: "Chinese President <P>", "Brazil's President <P>", "President <P> of France"."""
    before = _POSSESSOR.search(unit.text, max(0, start - 40), start)
    if before:
        word = before["word"]
        iso = demonym_iso2(word) or (to_iso2(word) if before["pos"] else None)
        if iso and country and iso != country:
            return True
    after = _OF_PLACE.match(unit.text[end:])
    if after:
        iso = to_iso2(after["place"])
        if iso and country and iso != country:
            return True
    return False


def _prose_ok(rs: rules.RuleSet, unit: Unit, start: int, end: int, title_text: str,
              ctx: Context, ref_year: int | None) -> bool:
    prose, not_current, _ = rs.table("prose")
    if not _PROSE_TITLE_CASE.match(title_text) or not prose.regex.search(title_text):
        return False
    if not_current.regex.search(unit.text, max(0, start - 30), start):
        return False
    if _foreign(unit, start, end, ctx.document.country):
        return False
    latest = latest_year(unit.text)
    return not (latest and ref_year and latest < ref_year - _STALE_YEARS)


def _from_unit(rs: rules.RuleSet, unit: Unit, ctx: Context | None = None,
               ref_year: int | None = None, *, prose_only: bool = False) -> list[Draft]:
    mentions: list[tuple[int, int, dict[str, Any], rules.Rule]] = []
    tables = rs.table("mentions") if prose_only else (*rs.table("mentions"), *rs.table("list"))
    for rule in tables:
        if prose_only and rule.id not in ("leader.title_name", "leader.comma_name"):
            continue
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
        other = rs.table("prose")[2].regex.search(unit.text, start, limit)
        if other:
            limit = other.start()  # "…, succeeding <Q>, who had ruled since 1979": <Q>'s tenure
        window = unit.text[start:limit]
        tenure: dict[str, Any] = {}
        confidence = rule.confidence
        for trule in ([] if prose_only else rs.table("tenure")):
            # "In May 2018, <P> was elected President": the date leads the sentence
            tm = trule.regex.search(unit.text[:limit] if trule.id.startswith("leader.lead_") and not i
                                    else window)
            if tm:
                for key, value in _fields(trule, tm).items():
                    tenure.setdefault(key, value)
        rule_id = rule.id
        if not tenure and rule.id in ("leader.name_first", "leader.as_title_name"):
            # "<P> became president": the sentence states the tenure, without a date
            confidence, rule_id = rs.table("prose")[0].confidence, "leader.prose"
        elif not tenure and rule.id == "leader.comma_name" and _CURRENT.match(unit.text, start):
            # "The current president, <P>, …": the sheet says <P> holds the office now
            rule_id = "leader.comma_current"
        elif not tenure and rule.table != "list":
            if rule.id != "leader.title_name" or ctx is None or not _prose_ok(
                    rs, unit, start, end, _title_text(unit.text[start:end], fields["title"]), ctx, ref_year):
                continue
            confidence, rule_id = rs.table("prose")[0].confidence, "leader.prose"
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
        out.append(draft(unit, "leader", result, (unit.start, unit.end), confidence, rule_id))
    return out


def _title_text(mention: str, title: str) -> str:
    """The title as written at the start of a mention (its case tells a title from prose)."""
    words = len(title.split())
    return " ".join(mention.split()[:words])


def _fields(rule: rules.Rule, m: re.Match[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for group, conv in rule.groups.items():
        if m.group(group):
            got = convert(group, conv, m.group(group))
            if got:
                out.update(got)
    return out


COMPONENT = Component("leaders", run, requires=("sentences",), produces=("leaders",))
