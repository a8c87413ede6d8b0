"""Statistics: shares such as the poverty rate ("one quarter of the population … in poverty" →
0.25), the U.S. share of the partner's exports or imports, unemployment."""

from __future__ import annotations

from typing import Any

from . import rules
from .pipeline import Component, Context, Draft, apply, draft, span_of

_GATE = ("poverty", "poor", "percent", "%", "unemployment", "quarter", "third", "half", "fifth")


def run(ctx: Context) -> dict[str, list[Draft]]:
    rs = rules.load("statistics")
    out: list[Draft] = []
    for unit in ctx.gated(_GATE):
        for rule in rs.table("statistics"):
            for m, fields in apply(rule, unit):
                result: dict[str, Any] = {}
                if "flow" in fields:
                    subject = "export_partner_share" if fields.pop("flow") == "exports" else "import_partner_share"
                    result["subject"] = subject
                else:
                    result["subject"] = fields["subject"]
                    if fields.get("extreme"):
                        result["subject"] = "extreme_poverty_share"
                result["value"] = fields["value"]
                if "partner" in fields:
                    result["partner"] = fields["partner"]
                for yr in rs.table("year"):
                    ym = yr.regex.search(unit.text, max(0, m.start() - 40))
                    if ym and ym.start() < m.end() + 40:
                        result["year"] = int(ym["year"])
                if fields.get("qualifier"):
                    result["qualifier"] = fields["qualifier"]
                out.append(draft(unit, "statistic", result, span_of(unit, rule, m), rule.confidence, rule.id))
    return {"statistics": out}


COMPONENT = Component("statistics", run, requires=("sentences",), produces=("statistics",))
