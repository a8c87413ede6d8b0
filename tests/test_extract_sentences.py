"""Sentence → claim fields, for every claim family, in many phrasings (written for these tests).

Each sentence is wrapped in a minimal sheet of a given country; the test asserts that a claim of
the expected type carries (at least) the expected fields.
"""

from __future__ import annotations

from typing import Any

import pytest

from factsheet import read
from factsheet.extract import extract
from factsheet.model import Claim

NAMES = {"PE": "Peru", "GD": "Grenada", "KE": "Kenya", "VN": "Vietnam", "CU": "Cuba", "IE": "Ireland",
         "MX": "Mexico", "WS": "Samoa", "CO": "Colombia", "BT": "Bhutan", "JO": "Jordan"}


def sheet(sentence: str, country: str = "PE", heading: str = "Bilateral Relations Notes") -> list[Claim]:
    name = NAMES[country]
    text = (f"U.S. Relations With {name}\n\nBureau of Test Affairs\nFact Sheet\nMarch 1, 2017\n\n"
            f"{heading}\n\n{sentence}\n")
    return extract(read(text.encode()))


def has(claims: list[Claim], type_: str, fields: dict[str, Any]) -> bool:
    return any(c.type == type_ and all(c.fields.get(k) == v for k, v in fields.items()) for c in claims)


def check(sentence: str, type_: str, fields: dict[str, Any], country: str = "PE") -> None:
    if country == "PE":
        # the sheet is about the country the sentence names ("The United States recognized
        # Colombia …" on Peru's sheet would be another country's recognition)
        country = next((iso for iso, name in NAMES.items() if name in sentence), country)
    claims = sheet(sentence, country)
    assert has(claims, type_, fields), [(c.type, c.fields) for c in claims]


RELATIONS = [
    ("The United States established diplomatic relations with Peru in 1827 following its independence from Spain.",
     "relations.established", {"year": 1827, "after": "independence from Spain"}),
    ("The United States and Peru established full diplomatic relations in 1827.",
     "relations.established", {"year": 1827}),
    ("In 1964, the United States established diplomatic ties with Kenya.", "relations.established", {"year": 1964}),
    ("Diplomatic relations were first established on May 2, 1827.", "relations.established",
     {"year": 1827, "date": "1827-05-02"}),
    ("The United States has had diplomatic relations with Kenya since the latter's 1963 independence.",
     "relations.established", {"year": 1963}),
    ("The United States recognized Colombia in 1822, and the two countries established diplomatic relations in 1823.",
     "relations.recognized", {"year": 1822}),
    ("The United States recognized Colombia in 1822, and the two countries established diplomatic relations in 1823.",
     "relations.established", {"year": 1823}),
    ("The United States severed diplomatic relations with Cuba in January 1961.", "relations.severed",
     {"year": 1961, "date": "1961-01"}),
    ("Diplomatic relations were broken off in 1967 and restored in 1974.", "relations.severed", {"year": 1967}),
    ("Relations were reestablished in 1974 after a seven-year break.", "relations.restored", {"year": 1974}),
    ("The two countries resumed diplomatic relations on July 20, 2015.", "relations.restored",
     {"year": 2015, "date": "2015-07-20"}),
    ("The United States and Vietnam announced the normalization of diplomatic relations in July 1995.",
     "relations.restored", {"year": 1995}),
    ("In 2019 the two countries celebrated the 75th anniversary of diplomatic relations.",
     "relations.established", {"year": 1944, "derived_from": "anniversary"}),
    ("The countries marked two hundred years of bilateral relations in May 2022.",
     "relations.established", {"year": 1822, "derived_from": "anniversary"}),
    ("Bhutan and the United States have never established formal diplomatic relations, but maintain informal relations.",
     "relations.none", {"note": "informal relations"}),
    ("The United States does not have diplomatic relations with Bhutan.", "relations.none", {}),
]


@pytest.mark.parametrize(("sentence", "type_", "fields"), RELATIONS)
def test_relations(sentence: str, type_: str, fields: dict[str, Any]) -> None:
    check(sentence, type_, fields)


def test_anniversary_is_marked_and_less_confident() -> None:
    claims = sheet("The two countries marked the 50th anniversary of diplomatic relations in 2016.")
    [claim] = [c for c in claims if c.type == "relations.established"]
    assert claim.fields["derived_from"] == "anniversary" and claim.fields["year"] == 1966
    assert claim.confidence < 0.9


def test_negated_relations_are_not_established() -> None:
    claims = sheet("Bhutan and the United States have never established formal diplomatic relations.")
    assert not any(c.type == "relations.established" for c in claims)


@pytest.mark.parametrize(("sentence", "fields"), [
    ("It established relations in 1827 following Peru's independence from Spain.", {"from": "Spain"}),
    ("Kenya gained independence from the United Kingdom in 1963.", {"from": "United Kingdom", "year": 1963}),
    ("Relations began in 1975, the year the islands became independent from Portugal.", {"from": "Portugal", "year": 1975}),
    ("The United States established relations following Tonga's independence from protectorate status.",
     {"from": "protectorate status"}),
])
def test_independence(sentence: str, fields: dict[str, Any]) -> None:
    check(sentence, "independence", fields)


LEADERS = [
    ("President Pedro Pablo Kuczynski has been in office since July 2016, and his term expires in July 2021.",
     {"name": "Pedro Pablo Kuczynski", "title": "President", "since": "2016-07", "term_ends": "2021-07"}),
    ("President Ollanta Humala began a five-year term on July 28, 2011.",
     {"name": "Ollanta Humala", "since": "2011-07-28", "term_years": 5}),
    ("Prime Minister Jane Doe-Smith took office on March 3, 2015.",
     {"name": "Jane Doe-Smith", "title": "Prime Minister", "role": "head_of_government", "since": "2015-03-03"}),
    ("The country's fourth and current president, Uhuru Kenyatta, was elected to a second term in 2017.",
     {"name": "Uhuru Kenyatta", "title": "President", "elected": "2017"}),
    ("The current president is Juan Manuel Santos (inaugurated August 7, 2010).",
     {"name": "Juan Manuel Santos", "since": "2010-08-07"}),
    ("King Abdullah II ascended the throne on February 7, 1999.",
     {"name": "Abdullah II", "title": "King", "since": "1999-02-07"}),
    ("Emir Tamim bin Hamad Al Thani has ruled since June 2013.", {"name": "Tamim bin Hamad Al Thani", "title": "Emir"}),
]


@pytest.mark.parametrize(("sentence", "fields"), LEADERS)
def test_leaders(sentence: str, fields: dict[str, Any]) -> None:
    check(sentence, "leader", fields)


@pytest.mark.parametrize("sentence", [
    "President Obama visited Lima in November 2016 and has been in office since 2009.",
    # a sitting leader named in prose is a claim since issue 11 (tests/test_extract_real.py);
    # another country's leader is not
    "Brazilian President Rousseff met business leaders in Lima.",
    "President Rousseff of Brazil met business leaders in Lima.",
    "Former President Alan Garcia took office in 2006.",
])
def test_not_leaders(sentence: str) -> None:
    assert not any(c.type == "leader" for c in sheet(sentence))


AGREEMENTS = [
    ("The U.S.-Peru Trade Promotion Agreement (TPA) was signed in 2009.",
     {"name": "U.S.-Peru Trade Promotion Agreement", "short_name": "TPA", "event": "signed", "year": 2009}),
    ("Ties deepened with the 2009 entry into force of the U.S.- Peru TPA.",
     {"name": "U.S.-Peru TPA", "short_name": "TPA", "event": "entered_into_force", "year": 2009}),
    ("The U.S.-Colombia Trade Promotion Agreement entered into force on May 15, 2012.",
     {"event": "entered_into_force", "date": "2012-05-15"}),
    ("The two countries have had a Free Trade Agreement (FTA) since 2001.",
     {"short_name": "FTA", "event": "in_effect_since", "year": 2001}),
    ("The United States and Jordan signed a Bilateral Investment Treaty in 1997, which entered into force in 2003.",
     {"name": "Bilateral Investment Treaty", "event": "signed", "year": 1997}),
    ("The United States and Jordan signed a Bilateral Investment Treaty in 1997, which entered into force in 2003.",
     {"name": "Bilateral Investment Treaty", "event": "entered_into_force", "year": 2003}),
    ("Kenya is eligible for preferential trade benefits under the African Growth and Opportunity Act.",
     {"short_name": "AGOA", "event": "eligible"}),
    ("In 2016 the two governments celebrated the 20th anniversary of the U.S.-Jordan Free Trade Agreement.",
     {"event": "anniversary", "anniversary": 20}),
]


@pytest.mark.parametrize(("sentence", "fields"), AGREEMENTS)
def test_agreements(sentence: str, fields: dict[str, Any]) -> None:
    check(sentence, "agreement", fields)


def test_negotiations_are_not_signatures() -> None:
    claims = sheet("The two countries are negotiating a Bilateral Investment Treaty, which could be signed in 2018.")
    assert not any(c.type == "agreement" and c.fields.get("event") == "signed" and not c.low_confidence
                   for c in claims)


TRADE = [
    ("Two-way trade increased from $9 billion in 2009 to $14 billion in 2015.",
     [{"flow": "two_way", "value_usd": 9_000_000_000, "year": 2009},
      {"flow": "two_way", "value_usd": 14_000_000_000, "year": 2015}]),
    ("Agricultural trade was a highlight, with U.S. exports at $1.1 billion in 2015 and Peruvian exports at $1.7 billion.",
     [{"flow": "us_exports", "scope": "agricultural", "year": 2015},
      {"flow": "partner_exports", "value_usd": 1_700_000_000, "year": 2015}]),
    ("Two-way trade in goods and services totaled an estimated US $4.5 billion in 2016.",
     [{"flow": "two_way", "value_usd": 4_500_000_000, "year": 2016, "qualifier": "estimated"}]),
    ("More than $1.7 billion in two-way trade crosses the border each day in 2017.",
     [{"flow": "two_way", "period": "day", "value_usd": 1_700_000_000}]),
    ("In 2016, 1.25 billion dollars of two-way trade crossed the border every day.",
     [{"flow": "two_way", "period": "day", "value_usd": 1_250_000_000, "year": 2016}]),
    ("The U.S. goods trade deficit with Peru was $1.3 billion in 2016.",
     [{"flow": "balance", "balance": "us_deficit", "value_usd": 1_300_000_000, "year": 2016}]),
    ("U.S. imports from Peru were $7.2 billion in 2015.", [{"flow": "us_imports", "year": 2015}]),
    ("Peru's exports to the United States reached $6 billion in 2014.",
     [{"flow": "partner_exports", "value_usd": 6_000_000_000, "year": 2014}]),
]


@pytest.mark.parametrize(("sentence", "expected"), TRADE)
def test_trade(sentence: str, expected: list[dict[str, Any]]) -> None:
    claims = sheet(sentence)
    for fields in expected:
        assert has(claims, "trade", fields), [(c.type, c.fields) for c in claims]
    assert sum(c.type == "trade" for c in claims) == len(expected)


def test_year_carried_from_previous_sentence() -> None:
    claims = sheet("Two-way trade reached $20 billion in 2016. U.S. exports to Peru were $9 billion, "
                   "and Peruvian exports were $11 billion.")
    assert has(claims, "trade", {"flow": "us_exports", "year": 2016})
    assert has(claims, "trade", {"flow": "partner_exports", "year": 2016, "value_usd": 11_000_000_000})
    implied = next(c for c in claims if c.fields.get("flow") == "us_exports")
    assert implied.confidence < 0.95


def test_no_significant_trade_is_not_a_claim() -> None:
    assert not any(c.type == "trade" for c in sheet("There is no significant trade between the two countries."))


def test_investment() -> None:
    claims = sheet("The stock of foreign direct investment by U.S. companies in Peru stands at $6 billion in 2015, "
                   "while reciprocal Peruvian investment in the United States is $1 billion.")
    assert has(claims, "investment", {"direction": "us_in_partner", "value_usd": 6_000_000_000, "measure": "stock"})
    assert has(claims, "investment", {"direction": "partner_in_us", "value_usd": 1_000_000_000, "year": 2015})


PEOPLE = [
    ("Approximately 500,000 U.S. citizens visit Peru annually for business, tourism, or study.",
     {"kind": "visitors", "direction": "us_to_partner", "count": 500_000, "period": "year"}),
    ("U.S. tourists to Peru numbered over 1.2 million in 2016.",
     {"kind": "visitors", "count": 1_200_000, "year": 2016, "qualifier": "more than"}),
    ("Some 30,000 American citizens live in Peru.", {"kind": "residents", "direction": "in_partner", "count": 30_000}),
    ("There are an estimated four million Americans of Peruvian ancestry.",
     {"kind": "diaspora", "direction": "in_us", "count": 4_000_000}),
    ("About 3,000 Peruvian students study in the United States.", {"kind": "students", "direction": "partner_to_us"}),
    ("More than 1,800 Peace Corps volunteers have served in Peru.", {"kind": "volunteers", "count": 1800}),
    ("About one million people cross between the two countries every day.",
     {"kind": "crossings", "count": 1_000_000, "period": "day"}),
]


@pytest.mark.parametrize(("sentence", "fields"), PEOPLE)
def test_people(sentence: str, fields: dict[str, Any]) -> None:
    check(sentence, "people", fields)


def test_students_range_gives_two_claims() -> None:
    claims = sheet("The number of Peruvian students in the United States grew from 2,500 in 2010 to 3,600 in 2015.")
    assert has(claims, "people", {"kind": "students", "count": 2500, "year": 2010})
    assert has(claims, "people", {"kind": "students", "count": 3600, "year": 2015})


ASSISTANCE = [
    ("The United States provided $75 million in Foreign Assistance funds to Peru in Fiscal Year 2015.",
     {"value_usd": 75_000_000, "fiscal_year": 2015}),
    ("USAID provided $40 million in FY 2016 for health programs.", {"value_usd": 40_000_000, "fiscal_year": 2016,
                                                                     "agency": "USAID"}),
    ("Since 2004, the Millennium Challenge Corporation has invested nearly $1 billion in programs in Peru.",
     {"value_usd": 1_000_000_000, "agency": "MCC", "since": 2004, "qualifier": "nearly"}),
    ("The United States provides no development assistance to Peru.", {"negation": True}),
    ("The United States does not provide bilateral assistance to Peru.", {"negation": True}),
    ("U.S. assistance supports programs that strengthen governance, expand health services, and improve basic education.",
     {"purposes": ["governance", "health services", "basic education"]}),
]


@pytest.mark.parametrize(("sentence", "fields"), ASSISTANCE)
def test_assistance(sentence: str, fields: dict[str, Any]) -> None:
    check(sentence, "assistance", fields)


def test_memberships_shared_observer_and_member_only() -> None:
    claims = sheet("Peru and the United States belong to a number of the same international organizations, "
                   "including the United Nations, Organization of American States, and G-20. Peru also is an "
                   "observer to the Arab League and is a member of the Andean Community and Mercosur.")
    members = {c.fields["organization"]: c.fields for c in claims if c.type == "membership"}
    assert members["UN"] == {"organization": "UN", "status": "member", "shared_with_us": True}
    assert members["G20"]["shared_with_us"] is True
    assert members["ARAB_LEAGUE"]["status"] == "observer"
    assert members["ANDEAN_COMMUNITY"] == {"organization": "ANDEAN_COMMUNITY", "status": "member",
                                           "shared_with_us": False}
    assert members["MERCOSUR"]["shared_with_us"] is False
    for c in claims:
        if c.type == "membership":
            assert c.quote.lower().startswith(("united", "organization", "g-20", "arab", "andean", "mercosur"))


def test_share_membership_phrase() -> None:
    claims = sheet("The two countries share membership in a variety of international organizations, including "
                   "the World Bank and the International Monetary Fund.")
    assert has(claims, "membership", {"organization": "WORLD_BANK", "shared_with_us": True})
    assert has(claims, "membership", {"organization": "IMF", "shared_with_us": True})


AMBASSADORS = [
    ("The U.S. Ambassador to Peru is Brian A. Nichols; other principal embassy officials are listed in the "
     "Department's Key Officers List.", "PE", {"side": "us_to_partner", "name": "Brian A. Nichols", "title": "Ambassador"}),
    ("Krishna R. Urs is the U.S. Ambassador to Peru.", "PE", {"name": "Krishna R. Urs"}),
    ("The U.S. Ambassador to Barbados also is accredited to Grenada.", "GD",
     {"side": "us_to_partner", "resident_in": "BB", "also_accredited_to": ["GD"]}),
    ("The U.S. Ambassador to New Zealand, Scott Brown, is also accredited to Samoa. He is resident in New Zealand.",
     "WS", {"name": "Scott Brown", "resident_in": "NZ", "also_accredited_to": ["WS"]}),
    ("The U.S. Chargé d'Affaires to Peru is Jane Roe.", "PE", {"title": "Charge d'Affaires", "name": "Jane Roe"}),
    ("The U.S. Consul General in Monterrey is Timothy Zuniga-Brown.", "MX",
     {"title": "Consul General", "name": "Timothy Zuniga-Brown"}),
    ("The U.S. Embassy is staffed by a Chargé d'Affaires who reports to the Ambassador in Bangkok.", "PE",
     {"title": "Charge d'Affaires", "side": "us_to_partner"}),
]


@pytest.mark.parametrize(("sentence", "country", "fields"), AMBASSADORS)
def test_ambassadors(sentence: str, country: str, fields: dict[str, Any]) -> None:
    check(sentence, "ambassador", fields, country)


def test_both_countries_represented_by_charges() -> None:
    claims = sheet("Both countries are represented by a Chargé d'Affaires.")
    sides = {c.fields["side"] for c in claims if c.type == "ambassador"}
    assert sides == {"us_to_partner", "partner_to_us"}


EMBASSIES = [
    ("Peru maintains an embassy in the United States at 1700 Massachusetts Avenue, NW, Washington, DC 20036; "
     "tel. (202) 833-9860.", {"kind": "embassy", "address": "1700 Massachusetts Avenue, NW", "city": "Washington",
                              "region": "DC", "postal_code": "20036", "phone": "+12028339860"}),
    ("Peru maintains an embassy in the United States at 2300 Wyoming Avenue, NW, 2nd Floor, Washington, D.C. 20008; "
     "Telephone: 202-223-2418.", {"suite": "2nd Floor", "region": "DC", "phone": "+12022232418"}),
    ("Peru has no embassy in Washington, DC.", {"kind": "none", "side": "partner_in_us"}),
    ("Peru has no embassy in Washington, D.C., but has a permanent representative to the United Nations in New "
     "York. The mission is located at 800 Second Avenue, Suite 400, New York, NY 10017; tel. (212) 599-6196.",
     {"kind": "un_mission", "postal_code": "10017", "phone": "+12125996196", "city": "New York"}),
]


@pytest.mark.parametrize(("sentence", "fields"), EMBASSIES)
def test_embassies(sentence: str, fields: dict[str, Any]) -> None:
    check(sentence, "embassy", fields)


STATISTICS = [
    ("Approximately one quarter of the population continues to live in poverty.",
     {"subject": "poverty_share", "value": 0.25, "qualifier": "approximately"}),
    ("About 22 percent of Peruvians live below the poverty line.", {"subject": "poverty_share", "value": 0.22}),
    ("The poverty rate fell to 20.7 percent in 2016.", {"subject": "poverty_share", "value": 0.207, "year": 2016}),
    ("Nearly one-third of the population lives in extreme poverty.", {"subject": "extreme_poverty_share"}),
    ("The United States accounts for 16 percent of Peru's exports.", {"subject": "export_partner_share", "value": 0.16}),
]


@pytest.mark.parametrize(("sentence", "fields"), STATISTICS)
def test_statistics(sentence: str, fields: dict[str, Any]) -> None:
    check(sentence, "statistic", fields)


@pytest.mark.parametrize("sentence", [
    "The country has made progress on the eradication of illegal coca but remains one of the world's top producers.",
    "In the last decade, Peru has seen consistent economic growth, poverty reduction, and broad support for democracy.",
    "Two decades of pro-growth policy have yielded unprecedented economic expansion and low inflation.",
    "The two have strong, positive, and cooperative relations.",
    "Many U.S. companies are interested in investing in the energy sector.",
])
def test_qualitative_sentences_are_not_claims(sentence: str) -> None:
    assert [c for c in sheet(sentence) if not c.low_confidence] == []


MORE = [
    ("In 2018, the United States exported $443 million in goods to Kenya and imported $667 million.", "KE",
     "trade", {"flow": "us_imports", "value_usd": 667_000_000, "year": 2018}),
    ("Peru's president, Martín Vizcarra, took office in March 2018.", "PE", "leader",
     {"name": "Martín Vizcarra", "since": "2018-03"}),
    ("Diplomatic relations between the United States and Peru were established in 1827.", "PE",
     "relations.established", {"year": 1827}),
    ("The United States has maintained uninterrupted diplomatic relations with Peru since 1950.", "PE",
     "relations.established", {"year": 1950}),
    ("The United States recognized the independence of Peru on December 25, 1991.", "PE",
     "relations.recognized", {"date": "1991-12-25"}),
    ("In 2015, U.S. exports to Peru totaled $1 billion; imports from Peru were $250 million.", "PE",
     "trade", {"flow": "us_imports", "value_usd": 250_000_000, "year": 2015}),
    ("An estimated 100,000 Peruvians live in the United States.", "PE", "people",
     {"kind": "diaspora", "direction": "in_us", "count": 100_000}),
    ("Each year, about 30,000 Americans travel to Peru.", "PE", "people", {"kind": "visitors", "period": "year"}),
    ("Peru maintains an Interests Section in the Embassy of Switzerland in Washington, D.C., located at 2300 "
     "M Street, NW, Washington, DC 20037; tel. 202-965-4990.", "PE", "embassy", {"kind": "interests_section",
                                                                             "postal_code": "20037"}),
    ("The Millennium Challenge Corporation signed a $498 million compact with Peru in 2014.", "PE", "assistance",
     {"value_usd": 498_000_000, "agency": "MCC", "year": 2014}),
    ("Peru is a member of the Pacific Alliance, and is an observer to the Organisation Internationale de la "
     "Francophonie.", "PE", "membership", {"organization": "FRANCOPHONIE", "status": "observer"}),
    ("Peru's Ambassador to the United States is Hugo de Zela.", "PE", "ambassador",
     {"side": "partner_to_us", "name": "Hugo de Zela"}),
]


@pytest.mark.parametrize(("sentence", "country", "type_", "fields"), MORE)
def test_more_phrasings(sentence: str, country: str, type_: str, fields: dict[str, Any]) -> None:
    check(sentence, type_, fields, country)


@pytest.mark.parametrize("sentence", [
    "U.S. goods exports to Peru in 2018 were $8 billion, up 8.5% ($35 million) from 2017.",
    "The United States never formally severed diplomatic relations with Peru, but the embassy was closed "
    "from 1991 to 2019.",
])
def test_no_false_claims(sentence: str) -> None:
    claims = sheet(sentence)
    assert not any(c.fields.get("value_usd") == 35_000_000 for c in claims)
    assert not any(c.type == "relations.severed" for c in claims)


LEADS = [
    ("The United States was the first country to recognize Peru's independence in 1822.", "relations.recognized",
     {"year": 1822}),
    ("President Jair Bolsonaro took office January 1, 2019.", "leader", {"name": "Jair Bolsonaro", "since": "2019-01-01"}),
    ("In May 2018, Andrés Manuel López Obrador was elected President.", "leader",
     {"name": "Andrés Manuel López Obrador", "elected": "2018-05"}),
    ("On July 28, 2016, Pedro Pablo Kuczynski was inaugurated as President.", "leader",
     {"name": "Pedro Pablo Kuczynski", "since": "2016-07-28"}),
    ("There are about 80,000 Cape Verdean-Americans in New England.", "people", {"kind": "diaspora", "count": 80_000}),
    ("In 2016, U.S. goods exports to Peru totaled $12.9 billion and goods imports from Peru totaled $8.8 billion.",
     "trade", {"flow": "us_imports", "value_usd": 8_800_000_000, "year": 2016}),
]


@pytest.mark.parametrize(("sentence", "type_", "fields"), LEADS)
def test_leading_dates_and_variants(sentence: str, type_: str, fields: dict[str, Any]) -> None:
    check(sentence, type_, fields)


@pytest.mark.parametrize("sentence", [
    "Peru established diplomatic relations with China in 1971.",
    "Peru does not have diplomatic relations with Taiwan.",
])
def test_third_country_relations_are_low_confidence(sentence: str) -> None:
    claims = [c for c in sheet(sentence) if c.type.startswith("relations.")]
    assert claims and all(c.low_confidence for c in claims)


def test_relations_in_the_us_section_need_no_us_words() -> None:
    claims = extract(read(b"U.S. Relations With Peru\n\nBureau of Test Affairs\nFact Sheet\nMarch 1, 2017\n\n"
                          b"U.S.-PERU RELATIONS\n\nDiplomatic relations were established in 1827.\n"))
    assert any(c.type == "relations.established" and not c.low_confidence for c in claims)


@pytest.mark.parametrize("sentence", [
    "Peru's exports to China were $8 billion in 2016.",
    "Chinese exports to Peru reached $9 billion in 2016.",
])
def test_third_country_trade_is_not_us_trade(sentence: str) -> None:
    assert not any(c.type == "trade" for c in sheet(sentence))


def test_capitalized_imports_from_partner() -> None:
    check("Imports from Peru totaled $6 billion in 2016.", "trade",
          {"flow": "us_imports", "value_usd": 6_000_000_000, "year": 2016})


@pytest.mark.parametrize("sentence", [
    "The United States is a member of the Organization of American States.",
    "The United States supports Peru's bid for membership in the Organization for Economic Cooperation and Development.",
    "Peru is not a member of the North Atlantic Treaty Organization.",
])
def test_not_memberships(sentence: str) -> None:
    assert not any(c.type == "membership" for c in sheet(sentence))


def test_joined() -> None:
    check("Peru joined the World Trade Organization in 1995.", "membership",
          {"organization": "WTO", "status": "member", "shared_with_us": False})


AGREEMENT_NAMES = [
    ("Under the Compact of Free Association, which entered into force in 1986, the United States provides "
     "economic assistance.", {"name": "Compact of Free Association", "event": "entered_into_force", "year": 1986}),
    ("The U.S.-Korea Free Trade Agreement (KORUS FTA) entered into force on March 15, 2012.",
     {"name": "U.S.-Korea Free Trade Agreement", "short_name": "KORUS FTA", "date": "2012-03-15"}),
    ("Peru was the first country to implement the Dominican Republic-Central America-United States Free Trade "
     "Agreement (CAFTA-DR), in March 2006.", {"short_name": "CAFTA-DR", "event": "entered_into_force", "year": 2006}),
    ("Australia and the United States are parties to the ANZUS Treaty, signed in 1951.",
     {"name": "ANZUS Treaty", "event": "signed", "year": 1951}),
]


@pytest.mark.parametrize(("sentence", "fields"), AGREEMENT_NAMES)
def test_agreement_names(sentence: str, fields: dict[str, Any]) -> None:
    check(sentence, "agreement", fields)


def test_other_donors_are_not_us_assistance() -> None:
    claims = [c for c in sheet("The World Bank provided $500 million in loans in 2010.") if c.type == "assistance"]
    assert claims and all(c.low_confidence for c in claims)


def test_cumulative_volunteers_keep_since() -> None:
    check("About 4,000 Peace Corps volunteers have served in Peru since 1961.", "people",
          {"kind": "volunteers", "count": 4000, "since": 1961})


FACTBOOK_STYLE = [
    ("The United States established diplomatic relations with Peru in 1964, following its independence from the "
     "United Kingdom in 1963.", "relations.established", {"after": "independence from the United Kingdom"}),
    ("Pope Francis has been in office since March 13, 2013.", "leader", {"name": "Francis", "title": "Pope"}),
    ("President of the Council of State and President of the Council of Ministers Raul Castro has been in office "
     "since February 24, 2008.", "leader", {"name": "Raul Castro", "since": "2008-02-24"}),
    ("The U.S. Ambassador to Peru is Kirk W.B. Wagar.", "ambassador", {"name": "Kirk W.B. Wagar"}),
]


@pytest.mark.parametrize(("sentence", "type_", "fields"), FACTBOOK_STYLE)
def test_factbook_style_and_rendered_sentences(sentence: str, type_: str, fields: dict[str, Any]) -> None:
    check(sentence, type_, fields)
