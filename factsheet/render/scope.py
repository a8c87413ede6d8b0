"""Which places and dates a bilateral-relations sheet can speak of.

A sheet is about a foreign country and the United States' relations with it on a date. A U.S.
territory (Puerto Rico, Guam …) is no foreign country; a place the sources give neither a
government nor relations for (Antarctica, Bouvet Island, Heard Island) has nobody to have
relations with; and before the sources say anything about a place (Peru in 1800, South Sudan in
2005) there is nothing to write. Each is a ``NoSheetError`` (a usage error, exit 2) whose message
says which and what to do — never an empty sheet.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..countries import country_name, to_iso2
from ..dates import lower_bound, parse_user_date
from ..errors import NoSheetError, UnknownCountryError

#: ISO codes of U.S. territories (the Factbook also says so: "none (territory of the US)")
US_TERRITORIES = frozenset({"AS", "GU", "MP", "PR", "VI", "UM"})
_US_NOTE = re.compile(r"\b(?:territory of the US|with the US|commonwealth of the US)\b", re.I)
#: predicates that show a government or relations to write about
_GOVERNMENT = ("chief_of_state", "head_of_government", "relations.established", "relations.recognized",
               "independent_state", "us_chief_of_mission", "embassy_in_us")


def _name(iso: str) -> str:
    name = country_name(iso)
    return name[:1].upper() + name[1:]


def check_place(iso: str, reference: Any) -> None:
    """Raise ``NoSheetError`` for a place that is not a foreign country with a government."""
    notes = reference.facts(iso, "us_mission_note")
    if iso in US_TERRITORIES or any(_US_NOTE.search(str((f.value or {}).get("note", ""))) for f in notes):
        raise NoSheetError(
            f"{_name(iso)} is a territory of the United States, not a foreign country: there are no "
            "U.S. relations with it to write a sheet about. Give a foreign country, e.g. Peru.")
    if not any(reference.facts(iso, p) for p in _GOVERNMENT):
        raise NoSheetError(
            f"The sources give {country_name(iso)} no government and no relations with the United "
            "States: no bilateral-relations sheet can be written for it. Give a foreign country, e.g. Peru.")


def first_date(iso: str, reference: Any) -> dt.date | None:
    """The first date the sources say anything a sheet states about the place."""
    starts = []
    for predicate in (*_GOVERNMENT, "independence", "membership", "agreement"):
        for fact in reference.facts(iso, predicate):
            try:
                starts.append(lower_bound(fact.valid_from or fact.observed or ""))
            except (TypeError, ValueError):
                continue
    return min(starts) if starts else None


def nothing_on(iso: str, on: dt.date, reference: Any) -> NoSheetError:
    """The error for a date on which the sources say nothing about the place."""
    first = first_date(iso, reference)
    later = f" Their first fact about it is of {first.isoformat()}: give a later date." if first else ""
    independence = reference.facts(iso, "independent_state")
    became = min((f.valid_from for f in independence if f.valid_from), default=None)
    if became and lower_bound(became) > on:
        return NoSheetError(f"{_name(iso)} was not an independent state on {on.isoformat()} (the "
                            f"sources date it from {became}): there is no sheet to write.{later}")
    return NoSheetError(f"The sources say nothing about {country_name(iso)} on {on.isoformat()}: "
                        f"there is no sheet to write.{later}")


def resolve_country(country: str) -> str:
    iso = to_iso2(country)
    if iso is None or iso == "US":
        raise UnknownCountryError(
            f"{country!r} is not a country the sheets cover: give a name or ISO code, e.g. Peru or PE."
        )
    return iso


def resolve_date(value: dt.date | str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return parse_user_date(value)

