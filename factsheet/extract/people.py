"""People: visitors, residents, diaspora, students, volunteers, border crossings.

Counts come as digits, with "million", or in words ("four million"); hedges go to
``qualifier``; "annually" / "every day" set ``period``.
"""

from __future__ import annotations

import re
from typing import Any

from . import normalize as nz
from . import rules
from .pipeline import Clauses, Component, Context, Draft, Unit, apply, draft, literal_gate, may_hold

_GATE = ("citizens", "americans", "tourists", "visitors", "travel", "students", "volunteers", "cross",
         "residents", "nationals", "immigrants", "ancestry", "descent", "origin", "heritage", "people",
         "persons", " live", "reside", "living", "community", "diaspora", "study", " home")
# Where a hedged count can start: a hedge word or the number itself (digits or words).
_COUNT_START = re.compile(rules.expand(r"(?:\b(?:<<QUAL>>)\s+)?(?:\d[\d,.]*|\b<<NUMWORDS>>)"))
# count_starts() finds the same starts in two cheap steps: the number, then a hedge that ends
# where the white space before it begins (trying the hedge's case-insensitive alternation at
# every word, as _COUNT_START does, was the costliest regex of extraction)
# The number, r"\d[\d,.]*|\b<<NUMWORDS>>", as its two branches searched apart: the digits'
# pattern is scanned fast, and the number words' (tried at every position) only in a sentence
# whose words hold one ("one" in "money" too)
_DIGITS = re.compile(r"\d[\d,.]*")
_NUMBER_WORD = re.compile(rules.expand(r"\b<<NUMWORDS>>"))
_NUMBER_GATE = literal_gate(_NUMBER_WORD)
_QUAL_AT_END = re.compile(rules.expand(r"\b(?:<<QUAL>>)\Z"))
_QUAL_LONGEST = max(map(len, nz.QUALIFIERS))
_YEARLIKE = re.compile(r"^(?:1[789]\d\d|20\d\d)$")
_STUDENTS_IN_US = re.compile(
    r"students[^.]*(?:United\s+States|U\.\s?S\.\s+(?:colleges|universities|schools|institutions))")


def run(ctx: Context) -> dict[str, list[Draft]]:
    rs = rules.load("people")
    year_rule, since_rule = rs.table("year")
    out: list[Draft] = []
    for unit in ctx.gated(_GATE):
        starts = count_starts(unit.text, number_words=may_hold(unit, _NUMBER_GATE))
        if not starts:
            continue
        taken: list[tuple[int, int]] = []
        # made on the first count found: the sentence's clauses and its "since <year>", which
        # every count of it would otherwise look for again
        clauses: Clauses | None = None
        since: re.Match[str] | None = None
        for rule in rs.table("counts"):
            if rule.id == "people.students_range" and not _STUDENTS_IN_US.search(unit.text):
                continue
            for m, fields in apply(rule, unit, starts):
                c0, c1 = m.span("count")
                if any(a <= c0 < b for a, b in taken):
                    continue
                raw = m["count"]
                if _YEARLIKE.match(raw) or unit.text[max(0, c0 - 1):c0] == "$":
                    continue
                if not isinstance(fields.get("count"), (int, float)) or fields["count"] < 1:
                    continue
                taken.append((c0, c1))
                result: dict[str, Any] = {"kind": fields["kind"], "direction": fields["direction"],
                                          "count": fields["count"]}
                if clauses is None:
                    clauses, since = Clauses(unit.text), since_rule.regex.search(unit.text)
                # the count's own clause: "… visit every year, and 11,500 … are residents"
                c_start, c_end = clauses.start_of(m.start()), clauses.end_of(m.end())
                if "year" in fields:
                    result["year"] = fields["year"]
                else:
                    ym = year_rule.regex.search(unit.text, m.end(), c_end)
                    if ym and ym.start() - m.end() < 60:
                        result["year"] = int(ym["year"])
                    elif lead := _YEAR_LEAD.match(unit.text, c_start, m.start()):
                        result["year"] = int(lead["year"])  # "In 2023, almost 1.5 million …"
                if since and "year" not in result:
                    result["since"] = int(since["since"])
                for pr in rs.table("period"):
                    if pr.regex.search(unit.text, c_start, c_end):
                        result["period"] = pr.fields["period"]
                        break
                if fields.get("qualifier"):
                    result["qualifier"] = fields["qualifier"]
                out.append(draft(unit, "people", result, (unit.start, unit.end), rule.confidence, rule.id))
        previous = ctx.units[unit.index - 1] if unit.index else None
        if previous is not None and previous.block != unit.block:
            previous = None
        out.extend(_elided(rs, unit, previous, starts, taken, ctx.document.country))
    return {"people": out}


_YEAR_LEAD = re.compile(rules.expand(r"\W*(?:In|During|As\s+of)\s+(?:<<MONTH>>\s+)?(?P<year><<YEAR>>)\s*,\s*"))


def count_starts(text: str, number_words: bool = True) -> list[int]:
    """Where the matches of ``_COUNT_START.finditer(text)`` start, found faster.

    A match is a number (``_DIGITS`` or ``_NUMBER_WORD``), or a hedge, white space and that
    number. No hedge contains a number, so a match starts either at the first number after the
    previous match or at a hedge that ends at the white space right before that number (the
    leftmost such). ``number_words``: False when ``text`` is known to hold no number word.

    The next number is the earlier of the two patterns' next matches (one starts with a digit,
    the other with a letter: never both at one position), and a match found from an earlier
    position is still the pattern's next one while it starts at or after ``pos``.
    """
    out: list[int] = []
    pos = 0
    digits = _DIGITS.search(text)
    word = _NUMBER_WORD.search(text) if number_words else None
    while digits is not None or word is not None:
        if digits is not None and digits.start() < pos:
            digits = _DIGITS.search(text, pos)
        if word is not None and word.start() < pos:
            word = _NUMBER_WORD.search(text, pos)
        core = digits if word is None or (digits is not None and digits.start() < word.start()) else word
        if core is None:
            break
        c = core.start()
        w = c
        while w > pos and text[w - 1].isspace():  # \s is str.isspace()
            w -= 1
        hedge = _QUAL_AT_END.search(text, max(pos, w - _QUAL_LONGEST), w) if w < c else None
        out.append(hedge.start() if hedge else c)
        pos = core.end()
    return out


_KIND = {"liv": "residents", "res": "residents", "mak": "residents", "vis": "visitors",
         "tra": "visitors", "stu": "students"}
_DIRECTION = {("residents", True): "in_partner", ("diaspora", False): "in_us",
              ("visitors", True): "us_to_partner", ("visitors", False): "partner_to_us",
              ("students", True): "us_to_partner", ("students", False): "partner_to_us"}


def _subject(rs: rules.RuleSet, text: str, country: str | None) -> bool | None:
    """Whose count it is, from the last people-noun in ``text``: True U.S., False the partner."""
    _, us_rule, partner_rule = rs.table("elided")
    best: tuple[int, bool] | None = None
    for m in us_rule.regex.finditer(text):
        best = (m.start(), True)
    for m in partner_rule.regex.finditer(text):
        if country and nz.country_iso2(m["who"]) == country and (best is None or m.start() > best[0]):
            best = (m.start(), False)
    return None if best is None else best[1]


def _elided(rs: rules.RuleSet, unit: Unit, previous: Unit | None, starts: list[int],
            taken: list[tuple[int, int]], country: str | None) -> list[Draft]:
    """"… U.S. citizens visit Mexico each year, and some 1.5 million live there": the count's
    subject is carried from the previous clause (or the previous sentence of the paragraph)."""
    rule = rs.table("elided")[0]
    out = []
    for m, fields in apply(rule, unit, starts):
        c0, c1 = m.span("count")
        if any(a <= c0 < b for a, b in taken) or _YEARLIKE.match(m["count"]):
            continue
        if unit.text[max(0, c0 - 1):c0] == "$" or not isinstance(fields.get("count"), (int, float)):
            continue
        confidence = rule.confidence
        who = _subject(rs, unit.text[: m.start()], country)
        if who is None and previous is not None:
            who, confidence = _subject(rs, previous.text, country), confidence - 0.05
        if who is None:
            continue
        kind = _KIND[m["verb"].lower().replace("are ", "")[:3]]
        if kind == "residents" and not who:
            kind = "diaspora"  # the partner's people living in the United States
        result: dict[str, Any] = {"kind": kind, "direction": _DIRECTION[(kind, who)],
                                  "count": fields["count"]}
        for pr in rs.table("period"):
            if pr.regex.search(unit.text, m.start()):
                result["period"] = pr.fields["period"]
                break
        if fields.get("qualifier"):
            result["qualifier"] = fields["qualifier"]
        taken.append((c0, c1))
        out.append(draft(unit, "people", result, (unit.start, unit.end), confidence, rule.id))
    return out


COMPONENT = Component("people", run, requires=("sentences",), produces=("people",))
