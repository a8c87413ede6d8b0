"""Stable verdict codes: ``V-<FAMILY>-<STATUS>`` and ``V-CONS-<FINDING>``.

Codes never change meaning once released; new ones may be added. ``docs/checking.md`` holds the
same table (a test keeps the two in step).
"""

from __future__ import annotations

#: claim type (or its prefix before the dot) → family tag in the code
FAMILIES: dict[str, str] = {
    "relations": "REL",
    "independence": "IND",
    "leader": "LEAD",
    "ambassador": "AMB",
    "embassy": "EMB",
    "membership": "MEM",
    "agreement": "AGR",
    "statistic": "STAT",
    "trade": "TRADE",
    "investment": "INV",
    "people": "PEOPLE",
    "assistance": "AID",
}

#: status → what it means (the same for every family)
STATUSES: dict[str, str] = {
    "SUPPORTED": "supported when published and still current (or timeless)",
    "OUTDATED": "supported when published; the sources now say otherwise (current value given)",
    "UNKNOWN": "supported when published; the sources do not reach the check date",
    "CONTRADICTED": "a source said otherwise when the sheet was published (right value given)",
    "UNVERIFIABLE": "no source covers this claim or this date (reason given)",
}

#: codes that exist beside the family × status grid
SPECIAL: dict[str, str] = {
    "V-REL-RECOGNITION-YEAR": "relations: the year is that of U.S. recognition, not of the "
                              "establishment of relations (contradicted)",
    "V-LEAD-TERM-CONTRADICTED": "leader: right person, but the term's end does not follow from "
                                "the start and the term length (contradicted)",
    "V-AMB-ACCREDITED-SUPPORTED": "ambassador: the resident ambassador elsewhere is also accredited "
                                  "to this country, as the sheet says",
    "V-UNKNOWN-TYPE": "a claim type this version cannot check (unverifiable)",
}

#: internal findings: at_publication verdict ``inconsistent``, the other claims as evidence
CONSISTENCY: dict[str, str] = {
    "V-CONS-PART-ABOVE-TOTAL": "a part (agricultural, goods, services) above its total for the "
                               "same flow and year",
    "V-CONS-TWO-WAY-BELOW-FLOW": "two-way trade below one of its flows in the same year",
    "V-CONS-TERM-ORDER": "a term that ends before it starts",
    "V-CONS-SINCE-AFTER-PUBLICATION": "an office held \"since\" a date after the sheet's "
                                      "publication",
    "V-CONS-FUTURE-PAST": "the future tense about a date before the sheet's publication",
    "V-CONS-AGREEMENT-DATES": "one agreement given two different dates for the same event",
    "V-CONS-CONFLICT": "two claims of the sheet give different values for the same fact "
                       "(relations year, independence, address, status, figure)",
    "V-CONS-EDITION-VALUE": "another edition gives a different value for the same metric and year "
                            "or the same timeless fact",
    "V-CONS-EDITION-BACKWARDS": "a later edition names an office holder who preceded the one an "
                                "earlier edition names",
}


def family_of(claim_type: str) -> str:
    return FAMILIES.get(claim_type.split(".")[0], "OTHER")


def status_code(family: str, at_publication: str, now: str) -> str:
    if at_publication == "contradicted":
        status = "CONTRADICTED"
    elif at_publication == "unverifiable":
        status = "UNVERIFIABLE"
    elif now == "outdated":
        status = "OUTDATED"
    elif now == "unknown":
        status = "UNKNOWN"
    else:
        status = "SUPPORTED"
    return f"V-{family}-{status}"


def all_codes() -> dict[str, str]:
    """Every code with its meaning, in table order."""
    out: dict[str, str] = {}
    for family in FAMILIES.values():
        for status, meaning in STATUSES.items():
            out.setdefault(f"V-{family}-{status}", meaning)
    out.update(SPECIAL)
    out.update(CONSISTENCY)
    return out
