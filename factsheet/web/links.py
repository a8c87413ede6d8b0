"""The closing link list of a sheet as real links: a link title → the page it names.

Sheets end with titles only ("Department of State Peru Page", "U.S. Embassy"); the genre's
titles follow a handful of patterns, each naming one public page whose address is built from the
country's name or code. A title that matches no pattern stays plain text (never a guessed link).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..countries import country_name, to_iso2


def _slug(iso: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", country_name(iso, article=False).lower()).strip("-")


_STATE = "https://www.state.gov"
#: (pattern over the title, builder of the URL from the ISO code; {X} in a pattern is a country name)
_PATTERNS: tuple[tuple[str, Callable[[str], str]], ...] = (
    (r"department of state key officers list", lambda _: f"{_STATE}/key-officers-of-foreign-service-posts/"),
    (r"department of state (?P<X>.+) page", lambda iso: f"{_STATE}/countries-areas/{_slug(iso)}/"),
    (r"cia world factbook (?P<X>.+) page", lambda iso: f"https://www.cia.gov/the-world-factbook/countries/{_slug(iso)}/"),
    (r"u\.?s\.? embassy(?: in (?P<X>.+))?", lambda iso: f"https://{iso.lower()}.usembassy.gov/"),
    (r"history of u\.?s\.? relations with (?P<X>.+)", lambda iso: f"https://history.state.gov/countries/{_slug(iso)}"),
    (r"office of the historian (?P<X>.+)? ?country page", lambda iso: f"https://history.state.gov/countries/{_slug(iso)}"),
    (r"human rights reports?", lambda _: f"{_STATE}/reports-bureau-of-democracy-human-rights-and-labor/"
                                         "country-reports-on-human-rights-practices/"),
    (r"international religious freedom reports?", lambda _: f"{_STATE}/international-religious-freedom-reports/"),
    (r"trafficking in persons reports?", lambda _: f"{_STATE}/trafficking-in-persons-report/"),
    (r"investment climate statements?", lambda _: f"{_STATE}/investment-climate-statements/"),
    (r"travel information", lambda _: "https://travel.state.gov/content/travel/en/international-travel.html"),
)
_COMPILED = [(re.compile(p + r"\s*$", re.IGNORECASE), build) for p, build in _PATTERNS]


def link_url(title: str, country: str | None) -> str | None:
    """The address of the page a closing-list title names, or None when it names no known page."""
    text = " ".join(str(title).split())
    for pattern, build in _COMPILED:
        m = pattern.match(text)
        if not m:
            continue
        named = m.groupdict().get("X")
        iso = (to_iso2(named.strip()) if named else None) or country
        if iso is None and "X" in pattern.groupindex:
            return None
        return build(iso or "")
    return None
