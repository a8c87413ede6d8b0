"""A hand-checked table: who held an office on a date, written from general knowledge of the
period (not read back from the shipped tables), across regions and decades. `refdata show` (the
library's country summary) and `render` must agree with every row.

Dates are chosen well inside a term (months after it began, months before it ended), since the
Factbook's snapshots lag events; offices: chief of state (CoS), head of government (HoG), U.S.
chief of mission (US).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from factsheet.check.names import names_match
from factsheet.reference import load_reference
from factsheet.reference.summary import country_summary
from factsheet.render import render_sheet

COS, HOG, US = "chief_of_state", "head_of_government", "us_chief_of_mission"

TABLE: list[tuple[str, str, str, str]] = [
    # --- Europe and Eurasia
    ("GB", "1996-06-01", HOG, "John Major"),
    ("GB", "2005-06-01", HOG, "Tony Blair"),
    ("GB", "2015-06-01", HOG, "David Cameron"),
    ("GB", "2023-06-01", HOG, "Rishi Sunak"),
    ("GB", "2010-06-01", COS, "Elizabeth II"),
    ("GB", "2010-06-01", US, "Louis Susman"),
    ("GB", "1996-06-01", US, "William J. Crowe"),
    ("FR", "1996-06-01", COS, "Jacques Chirac"),
    ("FR", "1996-06-01", HOG, "Alain Juppe"),
    ("FR", "2010-06-01", COS, "Nicolas Sarkozy"),
    ("FR", "2010-06-01", HOG, "Francois Fillon"),
    ("FR", "2023-06-01", COS, "Emmanuel Macron"),
    ("FR", "2010-06-01", US, "Charles Rivkin"),
    ("FR", "1996-06-01", US, "Pamela Harriman"),
    ("IT", "2010-06-01", HOG, "Silvio Berlusconi"),
    ("IT", "2023-06-01", HOG, "Giorgia Meloni"),
    ("IT", "2010-06-01", US, "David Thorne"),
    ("ES", "2010-06-01", HOG, "Jose Luis Rodriguez Zapatero"),
    ("ES", "2015-06-01", HOG, "Mariano Rajoy"),
    ("ES", "2015-06-01", US, "James Costos"),
    ("RU", "1996-06-01", COS, "Boris Yeltsin"),
    ("RU", "2010-06-01", COS, "Dmitry Medvedev"),
    ("RU", "2015-06-01", COS, "Vladimir Putin"),
    ("RU", "2015-06-01", US, "John Tefft"),
    ("NL", "2015-06-01", HOG, "Mark Rutte"),
    ("SE", "2010-06-01", HOG, "Fredrik Reinfeldt"),
    ("IE", "2010-06-01", HOG, "Brian Cowen"),
    ("CZ", "2015-06-01", COS, "Milos Zeman"),
    ("HU", "2015-06-01", HOG, "Viktor Orban"),
    ("TR", "2010-06-01", HOG, "Recep Tayyip Erdogan"),
    ("TR", "2010-06-01", COS, "Abdullah Gul"),
    ("UA", "2016-06-01", COS, "Petro Poroshenko"),
    ("FI", "2021-06-01", HOG, "Sanna Marin"),
    # --- Western Hemisphere
    ("CA", "1996-06-01", HOG, "Jean Chretien"),
    ("CA", "2010-06-01", HOG, "Stephen Harper"),
    ("CA", "2017-06-01", HOG, "Justin Trudeau"),
    ("CA", "2010-06-01", US, "David Jacobson"),
    ("BR", "1997-06-01", COS, "Fernando Henrique Cardoso"),
    ("BR", "2005-06-01", COS, "Luiz Inacio Lula da Silva"),
    ("BR", "2015-06-01", COS, "Dilma Rousseff"),
    ("BR", "2024-06-01", COS, "Luiz Inacio Lula da Silva"),
    ("BR", "2015-06-01", US, "Liliana Ayalde"),
    ("AR", "2010-06-01", COS, "Cristina Fernandez de Kirchner"),
    ("AR", "2017-06-01", COS, "Mauricio Macri"),
    ("AR", "2024-06-01", COS, "Javier Milei"),
    ("AR", "2010-06-01", US, "Vilma Martinez"),
    ("CO", "2015-06-01", COS, "Juan Manuel Santos"),
    ("CO", "2015-06-01", US, "Kevin Whitaker"),
    ("PE", "2010-06-01", COS, "Alan Garcia"),
    ("PE", "2017-06-01", COS, "Pedro Pablo Kuczynski"),
    ("PE", "2017-01-25", US, "Brian A. Nichols"),
    ("EC", "2010-06-01", COS, "Rafael Correa"),
    ("BO", "2010-06-01", COS, "Evo Morales"),
    ("UY", "2016-06-01", COS, "Tabare Vazquez"),
    ("DO", "2010-06-01", COS, "Leonel Fernandez"),
    ("CR", "2015-06-01", COS, "Luis Guillermo Solis"),
    ("GT", "2017-06-01", COS, "Jimmy Morales"),
    ("JM", "2015-06-01", HOG, "Portia Simpson-Miller"),
    # --- Africa
    ("ZA", "1996-06-01", COS, "Nelson Mandela"),
    ("ZA", "2002-06-01", COS, "Thabo Mbeki"),
    ("ZA", "2015-06-01", COS, "Jacob Zuma"),
    ("ZA", "2023-06-01", COS, "Cyril Ramaphosa"),
    ("ZA", "2010-06-01", US, "Donald Gips"),
    ("TZ", "2010-06-01", COS, "Jakaya Kikwete"),
    ("UG", "2010-06-01", COS, "Yoweri Museveni"),
    ("RW", "2010-06-01", COS, "Paul Kagame"),
    ("SN", "2010-06-01", COS, "Abdoulaye Wade"),
    ("SN", "2015-06-01", COS, "Macky Sall"),
    ("ZW", "2010-06-01", COS, "Robert Mugabe"),
    ("CI", "2015-06-01", COS, "Alassane Ouattara"),
    ("LR", "2010-06-01", COS, "Ellen Johnson Sirleaf"),
    ("ET", "2010-06-01", HOG, "Meles Zenawi"),
    ("CM", "2010-06-01", COS, "Paul Biya"),
    ("DZ", "2010-06-01", COS, "Abdelaziz Bouteflika"),
    ("MA", "2010-06-01", COS, "Mohammed VI"),
    ("TN", "2005-06-01", COS, "Zine el Abidine Ben Ali"),
    # --- East Asia and the Pacific
    ("CN", "1996-06-01", COS, "Jiang Zemin"),
    ("CN", "1996-06-01", HOG, "Li Peng"),
    ("CN", "2010-06-01", COS, "Hu Jintao"),
    ("CN", "2010-06-01", HOG, "Wen Jiabao"),
    ("CN", "2015-06-01", COS, "Xi Jinping"),
    ("CN", "2015-06-01", HOG, "Li Keqiang"),
    ("CN", "2015-06-01", US, "Max Baucus"),
    ("KR", "2010-06-01", COS, "Lee Myung-bak"),
    ("KR", "2015-06-01", COS, "Park Geun-hye"),
    ("KR", "2015-06-01", US, "Mark Lippert"),
    ("ID", "2010-06-01", COS, "Susilo Bambang Yudhoyono"),
    ("ID", "2016-06-01", COS, "Joko Widodo"),
    ("VN", "2015-06-01", HOG, "Nguyen Tan Dung"),
    ("SG", "2010-06-01", HOG, "Lee Hsien Loong"),
    ("SG", "2015-06-01", US, "Kirk Wagar"),
    ("NZ", "2010-06-01", HOG, "John Key"),
    # --- Near East and South/Central Asia
    ("IL", "2015-06-01", US, "Daniel Shapiro"),
    ("JO", "2010-06-01", COS, "Abdullah II"),
    ("PK", "2010-06-01", COS, "Asif Ali Zardari"),
    ("BD", "2010-06-01", HOG, "Sheikh Hasina"),
    ("LK", "2010-06-01", COS, "Mahinda Rajapaksa"),
]


@pytest.fixture(scope="module")
def reference() -> Any:
    return load_reference()


def _rendered_people(country: str, on: str, reference: Any, office: str) -> list[str]:
    sheet = render_sheet(country, on, reference)
    kind = "ambassador" if office == US else "leader"
    names = [str(c["fields"].get("name")) for s in sheet.sentences() for c in s.claims
             if c["type"] == kind and c["fields"].get("name")]
    if kind == "leader":  # a leader without a start date is named in a plain sentence
        names += [s.text for s in sheet.sentences() if "without a start date" in s.text]
    return names


def test_the_table_is_large_and_broad() -> None:
    assert len(TABLE) >= 60
    assert len({c for c, _, _, _ in TABLE}) >= 40
    assert len({d[:3] for _, d, _, _ in TABLE}) >= 4  # the 1990s, 2000s, 2010s, 2020s
    assert {o for _, _, o, _ in TABLE} == {COS, HOG, US}


@pytest.mark.parametrize(("country", "on", "office", "person"), TABLE,
                         ids=[f"{c}-{d}-{o}" for c, d, o, _ in TABLE])
def test_refdata_show_and_render_agree_with_the_table(reference: Any, country: str, on: str, office: str,
                                                      person: str) -> None:
    shown = country_summary(reference, country, dt.date.fromisoformat(on))["people"][office]
    names = [str(f["value"].get("name")) for f in shown["facts"]]
    assert names and all(names_match(person, n) for n in names), (names, shown["note"])
    rendered = _rendered_people(country, on, reference, office)
    assert any(names_match(person, n) or person.split()[-1].lower() in n.lower() for n in rendered), rendered
