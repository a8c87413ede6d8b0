"""Search by country name, alias, ISO code, demonym or person (leaders and U.S. chiefs of mission).

Countries come from the library's name table (pycountry's names plus the genre's aliases) and its
demonyms; people from the reference data's office holders (heads of state and government, U.S.
chiefs of mission), indexed once per server from the loaded reference and kept in memory.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import Any

from ..countries import _demonyms, _key, _table, country_name, demonym_iso2, is_country, to_iso2
from ..folding import fold_accents

#: Office-holder predicates people are searched in, with the role shown.
PEOPLE = {"chief_of_state": "head of state", "head_of_government": "head of government",
          "us_chief_of_mission": "U.S. chief of mission"}
LIMIT = 25
_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _names() -> list[tuple[str, str, str]]:
    """(folded key, ISO-2, how it matched) for every name, alias and demonym."""
    out = [(k, iso, "name") for k, iso in _table().items() if is_country(iso)]
    out += [(k, iso, "demonym") for k, iso in _demonyms().items() if is_country(iso)]
    return out


def _people(back: Any) -> list[dict[str, Any]]:
    index: list[dict[str, Any]] | None = getattr(back, "_people_index", None)
    if index is not None:
        return index
    with _LOCK:
        index = getattr(back, "_people_index", None)
        if index is None:
            index = _build_people(back.reference)
            back._people_index = index
    return index


def _build_people(reference: Any) -> list[dict[str, Any]]:
    seen: dict[tuple[str, str, str], dict[str, Any]] = {}
    countries = {iso for _, iso, _ in _names()}
    for iso in sorted(countries):
        for predicate, role in PEOPLE.items():
            try:
                facts = reference.facts(iso, predicate)
            except Exception:  # a predicate this reference data lacks
                continue
            for f in facts:
                value = f.value if isinstance(f.value, dict) else {"name": f.value}
                name = str(value.get("name") or "").strip()
                if not name:
                    continue
                shown = " ".join(w.capitalize() if w.isupper() and len(w) > 1 else w for w in name.split())
                k = (fold_accents(shown), iso, predicate)
                item = seen.get(k)
                start, end = f.valid_from or value.get("since"), f.valid_to
                if item is None:
                    seen[k] = {"kind": "person", "name": shown, "title": value.get("title"), "role": role,
                               "country": iso, "from": start, "to": end, "folded": k[0]}
                else:  # the same person in several snapshots: the widest span
                    if start and (not item["from"] or start < item["from"]):
                        item["from"] = start
                    if item["to"] and (end is None or end > item["to"]):
                        item["to"] = end
    return list(seen.values())


def search(back: Any, query: str) -> list[dict[str, Any]]:
    """Countries first (exact name, code or demonym, then names containing the words), then people."""
    q = query.strip()
    if not q:
        return []
    results: list[dict[str, Any]] = []
    found: dict[str, str] = {}
    exact = to_iso2(q.upper() if len(q) in (2, 3) else q) or demonym_iso2(q)
    if exact and is_country(exact):
        found[exact] = "exact"
    words = _key(q).split()
    if words and not (exact and len(q) <= 3):  # a code names one country
        for k, iso, how in _names():
            if iso not in found and all(w in k.split() or any(t.startswith(w) for t in k.split()) for w in words):
                found[iso] = how
    for iso, how in list(found.items())[:LIMIT]:
        results.append({"kind": "country", "country": iso, "name": country_name(iso, article=False),
                        "matched": how, "url": f"/countries/{iso}"})
    folded = fold_accents(q).split()
    if folded and len(q) >= 3:
        people = [p for p in _people(back) if all(w in p["folded"] for w in folded)]
        people.sort(key=lambda p: (p["to"] is not None, -(int((p["from"] or "0")[:4] or 0)), p["name"]))
        shown: set[tuple[str, str]] = set()
        for p in people:
            if (p["folded"], p["country"]) in shown or len(shown) >= LIMIT:
                continue
            shown.add((p["folded"], p["country"]))
            results.append({"kind": "person", "name": p["name"], "title": p["title"], "role": p["role"],
                            "country": p["country"], "country_name": country_name(p["country"], article=False),
                            "from": p["from"], "to": p["to"], "url": f"/countries/{p['country']}#timeline"})
    return results
