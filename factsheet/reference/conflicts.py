"""Where the sources of who-holds-office disagree: listed, never resolved.

Wikidata and the Factbook (or pocom) both say who held an office. On the last day the other
sources cover, a country whose Wikidata holders share no one with the other sources' holders is a
conflict: ``refdata pull`` prints it and stores the list in the manifest; both facts stay in the
tables, and a check cites the source whose fact it used.
"""

from __future__ import annotations

from pathlib import Path

from ..dates import upper_bound
from ..errors import UsageError
from .store import Reference

PREDICATES = ("chief_of_state", "head_of_government", "us_chief_of_mission")
SOURCE = "wikidata"


def _name(value: object) -> str:
    return str(value.get("name") or "") if isinstance(value, dict) else ""


def holder_conflicts(folder: Path | str, *, limit: int = 200) -> list[str]:
    """``"PE chief_of_state on 2026-01-22: wikidata names A; factbook names B"`` lines."""
    from ..check.names import names_match  # the checker's own name matching (surname, given names)

    ref = Reference(folder, use_cache=False)
    if SOURCE not in ref.sources:
        return []
    out: list[str] = []
    for predicate in PREDICATES:
        others = [n for n in ref._predicate_sources.get(predicate, set()) if n != SOURCE]
        lasts = [ref.sources[n].last for n in others if ref.sources[n].last]
        if not lasts:
            continue
        day = max(upper_bound(str(d)) for d in lasts)
        for country in sorted(ref.countries):
            try:
                facts = ref.facts(country, predicate, day)
            except UsageError:  # a code the tables keep but no longer a country (AN, the Antilles)
                continue
            mine = [_name(f.value) for f in facts if f.source == SOURCE and _name(f.value)]
            theirs = {f.source: _name(f.value) for f in facts if f.source != SOURCE and _name(f.value)}
            if not mine or not theirs:
                continue
            if any(names_match(a, b) or names_match(b, a) for a in mine for b in theirs.values()):
                continue
            out.append(f"{country} {predicate} on {day}: {SOURCE} names {' / '.join(mine)}; "
                       + "; ".join(f"{s} names {n}" for s, n in sorted(theirs.items())))
            if len(out) >= limit:
                return out
    return out
