"""pocom: Principal Officers and Chiefs of Mission — every U.S. chief of mission per country.

``missions-countries/<id>.xml`` lists chiefs with appointed / arrived / started (credentials) /
ended dates; ``people/**.xml`` gives names; ``roles-country-chiefs/`` role titles. A chief's term
starts at credentials, else arrival, else appointment; nominees who never served
(``other-nominees``) are left out.
"""

from __future__ import annotations

from pathlib import Path

from ..model import Fact
from . import gsh
from ._common import BuildResult, child_text, historian_result, require_dir, xml_files

SOURCE = "pocom"
CITATION = ("Office of the Historian, U.S. Department of State, Principal Officers and Chiefs of "
            "Mission (HistoryAtState/pocom)")
URL = "https://history.state.gov/departmenthistory/people/{person}"

#: The short role the genre uses, by pocom role id (the full title is kept as ``role_title``).
SHORT_ROLES = {
    "ambassador-e-p": "Ambassador",
    "charge-daffaires-ad-interim": "Chargé d'Affaires ad interim",
    "charge-daffaires": "Chargé d'Affaires",
    "charge-daffaires-pro-tem": "Chargé d'Affaires pro tem",
    "envoy-extraordinary-minister-plenipotentiary": "Envoy Extraordinary and Minister Plenipotentiary",
    "minister-resident": "Minister Resident",
}


def _names(folder: Path, result: BuildResult) -> dict[str, str]:
    names: dict[str, str] = {}
    for path, tree in xml_files(sorted(folder.rglob("*.xml")), result, label="people/", count=False):
        node = tree.getroot()
        pid = child_text(node, "id") or path.stem
        parts = [child_text(node, "persName/forename"), child_text(node, "persName/surname"),
                 child_text(node, "persName/genName")]
        names[pid] = " ".join(p for p in parts if p)
    return names


def _roles(folder: Path) -> dict[str, str]:
    roles: dict[str, str] = {}
    for path, tree in xml_files(sorted(folder.glob("*.xml"))):
        node = tree.getroot()
        roles[child_text(node, "id") or path.stem] = child_text(node, "names/singular").replace("’", "'")
    return roles


def _close_open_terms(facts: list[Fact]) -> list[Fact]:
    """A term without an end date ends when the country's next chief's term starts (many chargés
    ad interim have no recorded end); only the last term per country stays open."""
    by_country: dict[str, list[Fact]] = {}
    for fact in facts:
        by_country.setdefault(fact.country, []).append(fact)
    out: list[Fact] = []
    for items in by_country.values():
        items.sort(key=lambda f: (str(f.valid_from), f.record))
        for i, fact in enumerate(items):
            if fact.valid_to is None:
                later = [f.valid_from for f in items[i + 1:] if f.valid_from and f.valid_from > str(fact.valid_from)]
                if later:
                    value = {**fact.value, "end_basis": "successor"}
                    fact = Fact(fact.source, fact.record, fact.country, fact.predicate, value,
                                fact.valid_from, min(later), fact.observed, fact.citation)
            out.append(fact)
    return out


def build(root: Path) -> BuildResult:
    base = require_dir(root / "historian" / "pocom", "historian/pocom")
    missions = require_dir(base / "missions-countries", "historian/pocom/missions-countries")
    result = historian_result(root, SOURCE, CITATION)
    names = _names(require_dir(base / "people", "historian/pocom/people"), result)
    roles = _roles(base / "roles-country-chiefs")
    ids = gsh.id_map(root)
    unmapped: list[str] = []
    dates: list[str] = []
    for path, tree in xml_files(sorted(missions.glob("*.xml")), result):
        node = tree.getroot()
        cid = child_text(node, "territory-id") or path.stem
        country = gsh.resolve(cid, ids)
        if country is None:
            unmapped.append(cid)
            result.skipped += 1
            continue
        for chief in node.iterfind("chiefs/chief"):
            record = child_text(chief, "id")
            person = child_text(chief, "person-id")
            appointed = child_text(chief, "appointed/date") or None
            arrived = child_text(chief, "arrived/date") or None
            started = child_text(chief, "started/date") or None
            ended = child_text(chief, "ended/date") or None
            start = started or arrived or appointed
            if not record or not person or not start:
                result.skipped += 1
                continue
            role_id = child_text(chief, "role-title-id")
            role_title = roles.get(role_id, role_id)
            # The horizon is the last appointment/arrival/credentials date: chiefs named after it
            # are missing (end dates of earlier chiefs can run later).
            dates += [d for d in (appointed, arrived, started) if d]
            result.facts.append(Fact(
                source=SOURCE, record=record, country=country, predicate="us_chief_of_mission",
                value={
                    "name": names.get(person, person),
                    "role": SHORT_ROLES.get(role_id, role_title),
                    **({"role_title": role_title} if SHORT_ROLES.get(role_id, role_title) != role_title else {}),
                    "start": start,
                    "start_basis": "credentials" if started else "arrival" if arrived else "appointment",
                    "end": ended,
                    "end_note": child_text(chief, "ended/note") or None,
                    "appointed": appointed,
                    "note": child_text(chief, "note") or None,
                    "person_id": person,
                    **({"territory": territory} if (territory := child_text(chief, "contemporary-territory-id")) and territory != cid else {}),
                },
                valid_from=start, valid_to=ended, observed=None,
                citation=URL.format(person=person),
            ))
    result.facts = _close_open_terms(result.facts)
    result.first = min(dates) if dates else None
    result.last = max(dates) if dates else None
    result.extra["unmapped"] = unmapped
    return result
