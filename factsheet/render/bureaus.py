"""The State Department's six regional bureaus, by country (ISO 3166-1 alpha-2).

A sheet's bureau line names the regional bureau that writes it. Dependent territories are listed
under the bureau of their region (the Caribbean territories under Western Hemisphere Affairs, the
Pacific ones under East Asian and Pacific Affairs). Antarctica and the United States itself have
no regional bureau: ``bureau()`` returns None for them and the sheet leaves the line out.
"""

from __future__ import annotations

from functools import lru_cache

AFRICAN = "Bureau of African Affairs"
EAST_ASIAN = "Bureau of East Asian and Pacific Affairs"
EUROPEAN = "Bureau of European and Eurasian Affairs"
NEAR_EASTERN = "Bureau of Near Eastern Affairs"
SOUTH_CENTRAL = "Bureau of South and Central Asian Affairs"
WESTERN_HEMISPHERE = "Bureau of Western Hemisphere Affairs"

BUREAUS: tuple[str, ...] = (AFRICAN, EAST_ASIAN, EUROPEAN, NEAR_EASTERN, SOUTH_CENTRAL, WESTERN_HEMISPHERE)

_MEMBERS: dict[str, str] = {
    AFRICAN: (
        "AO BJ BW BF BI CM CV CF TD KM CD CG CI DJ GQ ER SZ ET GA GM GH GN GW KE LS LR MG MW ML "
        "MR MU MZ NA NE NG RW ST SN SC SL SO ZA SS SD TZ TG UG ZM ZW "
        "RE YT SH"  # Réunion, Mayotte, Saint Helena
    ),
    EAST_ASIAN: (
        "AU BN MM KH CN FJ ID JP KI KP KR LA MY MH FM MN NR NZ PW PG PH WS SG SB TW TH TL TO TV "
        "VU VN HK MO "
        "AS GU MP NC PF WF CK NU TK PN NF CX CC UM HM"  # Pacific and Australian territories
    ),
    EUROPEAN: (
        "AL AD AM AT AZ BY BE BA BG HR CY CZ DK EE FI FR GE DE GR VA HU IS IE IT XK LV LI LT LU "
        "MT MD MC ME NL MK NO PL PT RO RU SM RS SK SI ES SE CH TR UA GB "
        "AX FO GI GG IM JE SJ GL BV TF"  # European dependencies (and their far-flung islands)
    ),
    NEAR_EASTERN: "DZ BH EG IR IQ IL JO KW LB LY MA OM PS QA SA SY TN AE YE EH",
    SOUTH_CENTRAL: "AF BD BT IN KZ KG MV NP PK LK TJ TM UZ IO",
    WESTERN_HEMISPHERE: (
        "AG AR BS BB BZ BO BR CA CL CO CR CU DM DO EC SV GD GT GY HT HN JM MX NI PA PY PE KN LC "
        "VC SR TT UY VE "
        "AI AW BM BQ KY CW FK GF GP MQ MS PR SX TC VG VI BL MF PM GS"  # Caribbean and Atlantic territories
    ),
}

#: Codes deliberately without a regional bureau.
NO_BUREAU = frozenset({"AQ", "US"})


@lru_cache(maxsize=1)
def table() -> dict[str, str]:
    """ISO-2 → bureau name."""
    out: dict[str, str] = {}
    for name, codes in _MEMBERS.items():
        for code in codes.split():
            if code in out:  # a table error, caught by the tests
                raise ValueError(f"{code} is listed under two bureaus")
            out[code] = name
    return out


def bureau(iso2: str) -> str | None:
    """The regional bureau that covers a country, or None (Antarctica, the United States)."""
    return table().get(iso2.upper())
