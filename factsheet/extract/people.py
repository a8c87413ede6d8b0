"""People: visitors, residents, diaspora, students, volunteers, border crossings.

Counts come as digits, with "million", or in words ("four million"); hedges go to
``qualifier``; "annually" / "every day" set ``period``.
"""

from __future__ import annotations

import re
from typing import Any

from . import rules
from .pipeline import Component, Context, Draft, apply, draft

_GATE = ("citizens", "americans", "tourists", "visitors", "travel", "students", "volunteers", "cross",
         "residents", "nationals", "immigrants", "ancestry", "descent", "origin", "heritage", "people",
         "persons", " live", "reside", "living")
# Where a hedged count can start: a hedge word or the number itself (digits or words).
_COUNT_START = re.compile(rules.expand(r"(?:\b(?:<<QUAL>>)\s+)?(?:\d[\d,.]*|\b<<NUMWORDS>>)"))
_YEARLIKE = re.compile(r"^(?:1[789]\d\d|20\d\d)$")


def run(ctx: Context) -> dict[str, list[Draft]]:
    rs = rules.load("people")
    out: list[Draft] = []
    for unit in ctx.units:
        if not any(map(unit.lower.__contains__, _GATE)):
            continue
        starts = [m.start() for m in _COUNT_START.finditer(unit.text)]
        if not starts:
            continue
        taken: list[tuple[int, int]] = []
        for rule in rs.table("counts"):
            if rule.id == "people.students_range" and not re.search(
                    r"students[^.]*(?:United\s+States|U\.\s?S\.\s+(?:colleges|universities|schools|institutions))",
                    unit.text):
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
                year_rule, since_rule = rs.table("year")
                if "year" in fields:
                    result["year"] = fields["year"]
                else:
                    ym = year_rule.regex.search(unit.text, m.end())
                    if ym and ym.start() - m.end() < 60:
                        result["year"] = int(ym["year"])
                sm = since_rule.regex.search(unit.text)
                if sm and "year" not in result:
                    result["since"] = int(sm["since"])
                for pr in rs.table("period"):
                    if pr.regex.search(unit.text):
                        result["period"] = pr.fields["period"]
                        break
                if fields.get("qualifier"):
                    result["qualifier"] = fields["qualifier"]
                out.append(draft(unit, "people", result, (unit.start, unit.end), rule.confidence, rule.id))
    return {"people": out}


COMPONENT = Component("people", run, requires=("sentences",), produces=("people",))
