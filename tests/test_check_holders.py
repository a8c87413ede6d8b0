"""Office holders from snapshots that restate one start date under another spelling."""

from __future__ import annotations

import datetime as dt

from factsheet import check, extract, read

SHEET = """U.S. Relations With Azerbaijan

Bureau of European and Eurasian Affairs
Fact Sheet
June 1, 2021

Bilateral Representation

The U.S. Ambassador to Azerbaijan is Earle D. Litzenberger; other principal embassy officials are listed in the Department's Key Officers List.
"""


def test_respelled_holder_does_not_contradict_the_name_stated_on_the_day() -> None:
    # The Factbook named "Earle LITZENBERGER (since 12 March 2019)", then a chargé from
    # 2021-07-12, then "Lee LITZENBERGER (since 12 March 2019)": on 2021-06-01 Earle was in post.
    doc = read(SHEET.encode())
    claims = extract(doc)
    (verdict,) = check(doc, claims, as_of=dt.date(2026, 11, 27))
    assert verdict.at_publication.verdict == "supported", verdict.message
    assert verdict.now.verdict == "outdated"
