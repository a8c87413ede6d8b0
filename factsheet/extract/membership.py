"""Memberships: one claim per organization named in a membership list.

A trigger opens a list region that runs to the next trigger: "<X> and the United States belong
to … including the A, B and C" (shared_with_us), "<X> also is an observer to the D" (observer),
"… and is a member of E, F" (member only). Organizations are found by name or abbreviation from
the shared table in ``factsheet.organizations``; the claim's span is the organization's name.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..organizations import ORGANIZATIONS
from ..organizations import org_id as _org_id
from . import rules
from .pipeline import Component, Context, Draft, Unit, draft

_CONTINUED = re.compile(r"\s+((?:[A-Z][\w-]*)(?:\s+[A-Z][\w-]*){0,3})")
_GATE = ("member", "belong", "observer", "organizations", "participa", "parties to", "joined", "accession", " ally")
#: triggers that end where the organization's name starts (the name comes before the verb)
_ORG_AFTER = frozenset(["member.ally_since", "member.which_joined"])
_PAREN_END = re.compile(r"\s*\([^)]*\)$")
_SPACES = re.compile(r"\s+")
# "The U.S. welcomed Lithuania's accession to …": the membership is the possessor's
_POSSESSIVE = re.compile(r"\b[A-Z][\w-]*['’]s?\s*$")


@lru_cache(maxsize=1)
def org_pattern() -> re.Pattern[str]:
    """One alternation of every organization name (longest first) and abbreviation."""
    names: set[str] = set()
    abbrevs: set[str] = set()
    for org in ORGANIZATIONS:
        names.update(n for n in (org.name, *org.names) if len(n) > 3)
        abbrevs.update(a for a in (org.abbrevs) if len(a) >= 2 and a.upper() == a and a.isascii())
    def flex(name: str) -> str:
        escaped = re.escape(name)
        escaped = escaped.replace(r"\ ", r"\s+").replace(r"\-", r"\s?-\s?")
        return escaped.replace("Co\\s?-\\s?operation", "Co-?operation").replace("Cooperation", "Co-?operation")
    name_alt = "|".join(flex(n) for n in sorted(names, key=len, reverse=True))
    abbr_alt = "|".join(re.escape(a) for a in sorted(abbrevs, key=len, reverse=True))
    # names start with a capital in sheets: the look-ahead keeps the engine off other positions
    return re.compile(rf"(?=[A-Z])(?:(?i:{name_alt})(?:\s+\((?:{abbr_alt})\))?|\b(?:{abbr_alt})\b)")


@lru_cache(maxsize=2048)
def org_id(name: str) -> str | None:
    return _org_id(name)


def run(ctx: Context) -> dict[str, list[Draft]]:
    rs = rules.load("membership")
    out: list[Draft] = []
    for unit in ctx.gated(_GATE):
        out.extend(_from_unit(rs, unit))
    # "Bulgaria is a member of the EU …" then "… until Bulgaria's accession to the EU in 2007":
    # a later accession to an organization already claimed restates the membership
    claimed: set[str] = set()
    kept = []
    for d in out:
        org = d.fields["organization"]
        if d.rule == "member.accession" and org in claimed:
            continue
        claimed.add(org)
        kept.append(d)
    return {"membership": kept}


def _from_unit(rs: rules.RuleSet, unit: Unit) -> list[Draft]:
    text = unit.text
    triggers: list[tuple[int, int, rules.Rule]] = []
    for rule in rs.table("triggers"):
        if not rule.may_match(text):
            continue
        for m in rule.regex.finditer(text):
            if any(not (m.end() <= s or m.start() >= e) for s, e, _ in triggers):
                continue
            triggers.append((m.start(), m.end(), rule))
    if not triggers:
        return []
    triggers.sort(key=lambda t: t[0])
    joint = rs.table("joint")[0].regex
    aspiration, us_subject = (r.regex for r in rs.table("not_partner"))
    out: list[Draft] = []
    orgs = org_pattern()
    for i, (start, end, rule) in enumerate(triggers):
        stop = triggers[i + 1][0] if i + 1 < len(triggers) else len(text)
        fields: dict[str, Any] = dict(rule.fields)
        if rule.id == "member.shared" and not joint.search(text[:start]):
            fields["shared_with_us"] = False
        clause = text[max(text.rfind(";", 0, start) + 1, triggers[i - 1][1] if i else 0):start]
        if aspiration.search(text[max(0, start - 45):start]) or (
                not fields["shared_with_us"] and us_subject.search(clause) and rule.id not in _ORG_AFTER
                and not _POSSESSIVE.search(clause)):
            continue
        seen: set[str] = set()
        for m in orgs.finditer(text, end, stop):
            if rule.id in _ORG_AFTER and m.start() != end:
                break  # "A <org> ally since 2009": only the organization the trigger points at
            raw = _PAREN_END.sub("", m.group(0))
            oid = org_id(raw) or org_id(_SPACES.sub(" ", raw))
            a, b = m.start(), m.start() + len(raw)
            # "Association of Southeast Asian Nations (ASEAN) Regional Forum": the name goes on
            tail = _CONTINUED.match(text, m.end())
            if tail:
                abbr = re.search(r"\(([^)]*)\)\s*$", m.group(0))
                longer = (org_id(f"{abbr.group(1)} {tail.group(1)}") if abbr else None) or \
                    org_id(f"{raw} {tail.group(1)}")
                if longer:
                    oid, b = longer, tail.end(1)
            if oid is None or oid in seen:
                continue
            if text[b:b + 2] in ("'s", "’s"):
                continue  # "NATO's Partnership for Peace": the possessor, not a membership
            seen.add(oid)
            span = (unit.start + a, unit.start + b)
            result = {"organization": oid, "status": fields["status"],
                      "shared_with_us": fields["shared_with_us"]}
            out.append(draft(unit, "membership", result, span, rule.confidence, rule.id))
    return out


COMPONENT = Component("membership", run, requires=("sentences",), produces=("membership",))
