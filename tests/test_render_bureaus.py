"""Every country has exactly one of the six regional bureaus."""

from __future__ import annotations

import pycountry

from factsheet.render.bureaus import BUREAUS, NO_BUREAU, bureau, table


def test_every_iso2_has_a_bureau() -> None:
    codes = {c.alpha_2 for c in pycountry.countries} | {"XK"}
    missing = sorted(c for c in codes - NO_BUREAU if bureau(c) is None)
    assert missing == []
    assert set(table().values()) == set(BUREAUS)
    assert not set(table()) - codes, "only real codes are listed"


def test_known_countries() -> None:
    assert bureau("PE") == "Bureau of Western Hemisphere Affairs"
    assert bureau("pe") == "Bureau of Western Hemisphere Affairs"
    assert bureau("NG") == "Bureau of African Affairs"
    assert bureau("JP") == "Bureau of East Asian and Pacific Affairs"
    assert bureau("UA") == "Bureau of European and Eurasian Affairs"
    assert bureau("EG") == "Bureau of Near Eastern Affairs"
    assert bureau("IN") == "Bureau of South and Central Asian Affairs"
    assert bureau("KZ") == "Bureau of South and Central Asian Affairs"
    assert bureau("TR") == "Bureau of European and Eurasian Affairs"
    assert bureau("US") is None
    assert bureau("AQ") is None
