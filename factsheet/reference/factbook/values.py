"""Values of single fields: organization lists, independence, amounts, trade partners, poverty shares."""

from __future__ import annotations

import re
from typing import Any

from ...countries import to_iso2
from ...organizations import from_factbook
from .._common import dmy, fold

#: Factbook abbreviations that mean something else than in prose ("IDB" is the Islamic
#: Development Bank there; the Inter-American one is "IADB").
FACTBOOK_ORGS = {"IDB": "IDB_ISLAMIC"}


_MEMBER_QUALIFIERS = {"", "nonregional member", "regional member", "regional", "temporary", "permanent",
                      "member"}


def _status(qualifier: str) -> str:
    """"(observer)" → observer, "(dialogue partner)" → partner; other qualifiers ("applicant",
    "suspended", "candidate country") are kept as the status, never read as membership."""
    if qualifier in _MEMBER_QUALIFIERS:
        return "member"
    for word in ("observer", "associate", "partner"):
        if word in qualifier:
            return word
    return qualifier


def parse_orgs(text: str) -> list[dict[str, str]] | None:
    """An organization list → [{"organization", "status", "raw"}] for the ids the shared table
    knows; None when the text is not a list."""
    items = [i.strip() for i in re.split(r",\s*(?![^()]*\))", text) if i.strip()]
    if len(items) < 2:
        return None
    out: dict[str, dict[str, str]] = {}
    for item in items:
        item = re.sub(r"\bG-\s+(\d)", r"G-\1", item)
        m = re.match(r"^(.*?)\s*\(([^)]*)\)\s*$", item)
        bare, qual = (m.group(1), m.group(2).lower()) if m else (item, "")
        if "ngo" in qual or "national committee" in qual:
            continue  # a country's NGOs or committees, not its government
        status = _status(qual)
        found = (FACTBOOK_ORGS[bare], status, bare) if bare in FACTBOOK_ORGS else from_factbook(bare)
        if found is None:
            continue
        out.setdefault(found[0], {"organization": found[0], "status": status, "raw": item})
    return list(out.values())


def parse_independence(text: str) -> dict[str, Any] | None:
    first = text.split(" | ")[0]
    date = dmy(first)
    m = re.search(r"\(from ([^)]*)\)", first)
    if date is None and m is None:
        return None
    return {"date": date, "from": m.group(1).strip() if m else None, "raw": first[:300]}


_SCALE = {"trillion": 1e12, "billion": 1e9, "million": 1e6, None: 1.0}


_AMOUNT = re.compile(
    r"\$\s?(\d[\d,]*(?:\.\d+)?)\s*(trillion|billion|million)?\b[^$]*?\(([^()]*?)\b((?:19|20)\d\d)\b[^()]*\)", re.I
)


def parse_amounts(text: str) -> list[tuple[int, int, str]]:
    """``"$34.16 billion (2015 est.) | $39.53 billion (2014 est.)"`` → [(2015, 3.416e10, raw), …]."""
    out = []
    for m in _AMOUNT.finditer(text):
        try:
            value = round(float(m.group(1).replace(",", "")) * _SCALE[m.group(2).lower() if m.group(2) else None])
        except ValueError:
            continue
        out.append((int(m.group(4)), value, m.group(0)[:120]))
    return out


_PARTNER_ALIASES = {"us": "US", "usa": "US", "united states": "US", "u s": "US", "uk": "GB"}


def parse_partners(text: str) -> list[dict[str, Any]]:
    first = text.split(" | ")[0]
    years = re.findall(r"\(((?:19|20)\d\d)(?:\s*est\.?)?\)", first)
    year = int(years[-1]) if years else None
    out = []
    for m in re.finditer(r"([A-Za-z][A-Za-z .,'()-]*?)\s+(\d+(?:\.\d+)?)\s*%", first):
        name = m.group(1).strip(" ,")
        code = _PARTNER_ALIASES.get(fold(name)) or to_iso2(name)
        item: dict[str, Any] = {"partner": code or name, "share": round(float(m.group(2)) / 100, 5), "year": year}
        if code is None:
            item["name"] = name  # marks a partner that is not a country (EU, "other")
        out.append(item)
    return out


def partner_statement(text: str) -> list[dict[str, Any]]:
    """All partners of one statement grouped: [{"year": 2015, "partners": [{"partner", "share"}, …]}]."""
    partners = parse_partners(text)
    if not partners:
        return []
    return [{"year": partners[0]["year"],
             "partners": [{k: v for k, v in p.items() if k != "year"} for p in partners]}]


def parse_poverty(text: str) -> dict[str, Any] | None:
    m = re.search(r"(\d+(?:\.\d+)?)\s*%[^()|%]*?\(([^()]*?)\b((?:19|20)\d\d)\b[^()]*\)", text) or \
        re.search(r"(\d+(?:\.\d+)?)\s*%()()", text)
    if not m:
        return None
    return {"value": round(float(m.group(1)) / 100, 5), "year": int(m.group(3)) if m.group(3) else None,
            "raw": m.group(0)[:120]}

