"""False contradictions: mission notes, arrival and "since" tolerance, announcements, observer
status, later snapshots, transliterated names — and the sweep sheets of true facts, which must
never come out contradicted or inconsistent."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES

from factsheet import read
from factsheet.check import check
from factsheet.check.memory import MemoryReference
from factsheet.check.names import names_match
from factsheet.extract import extract
from factsheet.model import Claim, Document, Fact

NOW = dt.date(2026, 11, 27)
HORIZONS = {"factbook": "2026-01-22", "pocom": "2020-10-31", "rdcr": "2025-01-01"}
SWEEP = sorted((FIXTURES / "verdicts").glob("s_*.json"))


def one(kind: str, fields: dict[str, Any], facts: list[Fact], *, country: str,
        published: str = "2017-03-01", text: str = "A sentence that states the claim.",
        span: tuple[int, int] | None = None, as_of: dt.date = NOW) -> Any:
    doc = Document(text=text, sha256="t", country=country, published=published)
    span = span or (0, len(text))
    claim = Claim(kind, country, fields, span, text[span[0]:span[1]])
    [verdict] = check(doc, [claim], MemoryReference(facts, HORIZONS), as_of)
    return verdict


def note(country: str, kind: str, text: str, start: str = "2015-12-31",
         end: str | None = None) -> Fact:
    return Fact("factbook", f"note-{country}", country, "us_mission_note",
                {"kind": kind, "note": text}, start, end, start)


def chief(country: str, name: str, start: str, end: str | None = None,
          source: str = "pocom") -> Fact:
    return Fact(source, f"{source}-{country}-{name}", country, "us_chief_of_mission",
                {"name": name, "role": "Ambassador", "start": start, "end": end}, start, end)


FIJI = "the US does not have an embassy in Kiribati; the US ambassador to Fiji is accredited to Kiribati"


# ---------------------------------------------------------------- U.S. mission notes


def test_a_named_ambassador_where_the_us_has_no_relations_is_contradicted() -> None:
    facts = [note("IR", "interests", "none; the US Interests Section is located in the Embassy "
                  "of Switzerland")]
    v = one("ambassador", {"side": "us_to_partner", "name": "John Smith", "title": "Ambassador"},
            facts, country="IR")
    assert v.at_publication.verdict == "contradicted", v.message
    assert "names no U.S. chief of mission" in v.message and "Interests Section" in v.message


def test_a_vacancy_note_is_not_a_contradiction() -> None:
    facts = [note("SY", "vacant", "Ambassador (vacant)")]
    v = one("ambassador", {"side": "us_to_partner", "name": "John Smith", "title": "Ambassador"},
            facts, country="SY")
    assert v.at_publication.verdict == "unverifiable" and "vacant" in v.message


def test_the_ambassador_accredited_from_elsewhere() -> None:
    facts = [note("KI", "no_embassy", FIJI), chief("FJ", "Judith Beth Cefkin", "2015-11-19")]
    named = {"side": "us_to_partner", "name": "Judith Cefkin", "title": "Ambassador"}
    v = one("ambassador", named, facts, country="KI")
    assert v.at_publication.verdict == "supported" and "accredited to Kiribati" in v.message
    v = one("ambassador", {**named, "name": "Other Person"}, facts, country="KI")
    assert v.at_publication.verdict == "contradicted" and "Cefkin" in v.message


def test_also_accredited_by_the_note() -> None:
    facts = [note("KI", "no_embassy", FIJI), chief("FJ", "Judith Beth Cefkin", "2015-11-19")]
    unnamed = {"side": "us_to_partner", "title": "Ambassador", "resident_in": "FJ",
               "also_accredited_to": ["KI"]}
    v = one("ambassador", unnamed, facts, country="KI")
    assert v.at_publication.verdict == "supported", v.message
    v = one("ambassador", {**unnamed, "resident_in": "MH"}, facts, country="KI")
    assert v.at_publication.verdict == "contradicted", v.message


def test_a_resident_charge_under_an_ambassador_accredited_from_elsewhere() -> None:
    facts = [note("WS", "accredited", "the US Ambassador to New Zealand is accredited to Samoa"),
             chief("WS", "Mark D. Gilbert", "2015-05-12")]
    cda = {"side": "us_to_partner", "title": "Charge d'Affaires"}
    v = one("ambassador", cda, facts, country="WS",
            text="The U.S. Embassy in Samoa is run by a resident Charge d'Affaires.")
    assert v.at_publication.verdict == "unverifiable" and "New Zealand" in v.message, v.message
    # with the chief of mission resident in the country, a chargé is a stale head of mission
    v = one("ambassador", cda, [chief("WS", "Mark D. Gilbert", "2015-05-12")], country="WS",
            text="The U.S. Embassy in Samoa is run by a Charge d'Affaires.")
    assert v.at_publication.verdict == "contradicted", v.message


def test_no_us_embassy_against_the_note() -> None:
    fields = {"side": "us_in_partner", "kind": "none"}
    v = one("embassy", fields, [note("KI", "no_embassy", FIJI)], country="KI")
    assert v.at_publication.verdict == "supported" and "does not have an embassy" in v.message
    v = one("embassy", fields, [], country="KI")
    assert v.at_publication.verdict == "unverifiable"


# ---------------------------------------------------------------- dates the sources lag on


def test_an_ambassador_sworn_in_shortly_before_credentials() -> None:
    facts = [chief("SA", "John P. Abizaid", "2019-05-08")]
    fields = {"side": "us_to_partner", "name": "John Abizaid", "title": "Ambassador"}
    v = one("ambassador", fields, facts, country="SA", published="2019-05-01")
    assert v.at_publication.verdict == "supported" and "7 days after" in v.message
    v = one("ambassador", fields, facts, country="SA", published="2018-06-01")
    assert v.at_publication.verdict == "contradicted"


def _leader(name: str, since: str | None, start: str, end: str | None = None) -> Fact:
    return Fact("factbook", f"l-{name}", "ES", "head_of_government",
                {"name": name, "title": "President of the Government", "since": since},
                start, end, start)


def test_since_within_weeks_of_the_factbook() -> None:
    facts = [_leader("Pedro SANCHEZ Perez-Castejon", "2018-06-02", "2018-06-02")]
    fields = {"name": "Pedro Sánchez", "title": "President of the Government", "since": "2018-05"}
    v = one("leader", fields, facts, country="ES", published="2019-09-01")
    assert v.at_publication.verdict == "supported" and "within 45 days" in v.message
    v = one("leader", {**fields, "since": "2017-01"}, facts, country="ES", published="2019-09-01")
    assert v.at_publication.verdict == "contradicted"


def test_a_new_leader_the_yearly_snapshot_lists_only_later() -> None:
    facts = [_leader("Mariano RAJOY", "2011-12-20", "2011-12-20", "2018-12-31"),
             _leader("Pedro SANCHEZ", None, "2018-12-31")]  # no start date in the snapshot
    fields = {"name": "Pedro Sánchez", "title": "President of the Government", "since": "2018-06"}
    v = one("leader", fields, facts, country="ES", published="2018-09-01")
    assert v.at_publication.verdict == "supported", v.message
    v = one("leader", {**fields, "since": None}, facts, country="ES", published="2018-09-01")
    assert v.at_publication.verdict == "unverifiable", v.message


def _restored(text: str, fields: dict[str, Any]) -> Any:
    facts = [Fact("rdcr", "vn", "VN", "relations.restored",
                  {"date": "1995-08-05", "text": "Relations Resumed, 1995", "event": "restored"},
                  "1995-08-05")]
    return one("relations.restored", fields, facts, country="VN", text=text)


def test_an_announcement_a_month_before_the_formal_act() -> None:
    v = _restored("President Clinton announced the normalization of relations in July 1995.",
                  {"year": 1995, "date": "1995-07"})
    assert v.at_publication.verdict == "supported" and "announcement" in v.message
    v = _restored("The two countries restored relations in March 1995.",
                  {"year": 1995, "date": "1995-03"})
    assert v.at_publication.verdict == "unverifiable" and "year 1995 is right" in v.message
    v = _restored("The two countries restored relations in 1996.", {"year": 1996})
    assert v.at_publication.verdict == "contradicted"


# ---------------------------------------------------------------- memberships


def _memberships(country: str, day: str, orgs: dict[str, str]) -> list[Fact]:
    return [Fact("factbook", f"m-{country}-{o}-{day}", country, "membership",
                 {"organization": o, "status": s, "raw": o}, day, None, day)
            for o, s in orgs.items()]


def test_observer_status_read_from_the_sentence() -> None:
    text = "Nigeria is a member of the African Union and an observer to the Organization of American States."
    start = text.index("Organization")
    facts = _memberships("NG", "2023-01-01", {"AU": "member", "OAS": "observer"})
    v = one("membership", {"organization": "OAS", "status": "member", "shared_with_us": False},
            facts, country="NG", published="2023-09-01", text=text, span=(start, len(text) - 1))
    assert v.at_publication.verdict == "supported", v.message
    text = "Nigeria is a member of the Organization of American States."
    start = text.index("Organization")
    v = one("membership", {"organization": "OAS", "status": "member", "shared_with_us": False},
            facts, country="NG", published="2023-09-01", text=text, span=(start, len(text) - 1))
    assert v.at_publication.verdict == "contradicted"


def test_a_membership_the_next_snapshot_lists() -> None:
    facts = (_memberships("ME", "2016-12-31", {"UN": "member"})
             + _memberships("ME", "2017-12-31", {"UN": "member", "NATO": "member"}))
    fields = {"organization": "NATO", "status": "member", "shared_with_us": False}
    v = one("membership", fields, facts, country="ME", published="2017-07-01")
    assert v.at_publication.verdict == "supported" and "next one" in v.message


# ---------------------------------------------------------------- "now" past the horizon


def test_now_past_the_horizon_says_so() -> None:
    facts = [chief("KE", "Kyle McCarter", "2019-03-12", source="factbook")]
    fields = {"side": "us_to_partner", "name": "Kyle McCarter", "title": "Ambassador"}
    v = one("ambassador", fields, facts, country="KE", published="2019-06-01")
    assert v.now.verdict == "current"
    assert "as of 2026-01-22, the latest date the sources cover" in v.message
    later = one("ambassador", fields, facts, country="KE", published="2019-06-01",
                as_of=dt.date(2027, 6, 1))
    assert later.now.verdict == "unknown" and "now unknown" in later.message
    before = one("ambassador", fields, facts, country="KE", published="2019-06-01",
                 as_of=dt.date(2025, 6, 1))
    assert "latest date the sources cover" not in before.message


# ---------------------------------------------------------------- names


@pytest.mark.parametrize(("claimed", "source", "same"), [
    ("Kim Jong Il", "KIM Chong-il", True), ("Kim Jong Il", "KIM Jong-il", True),
    ("Kim Jong Un", "KIM Jong Il", False), ("Abdullah II", "ABDALLAH II", True),
    ("Benjamin Netanyahu", "Binjamin NETANYAHU", True), ("Duke Buchan", "Richard D. Buchan III", True),
    ("Pedro Sánchez", "Pedro SANCHEZ PEREZ-CASTEJON", True),
    ("Abdel Fattah el-Sisi", "Abdelfattah Said EL-SISI", True),
    ("Jeffrey DeLaurentis", "Jeffrey De Laurentis", True), ("Fidel Castro", "Gen. Raul CASTRO Ruz", False),
    ("Hassan II", "MOHAMMED VI", False), ("Park Geun-hye", "MOON Jae-in", False),
])
def test_names_across_spellings(claimed: str, source: str, same: bool) -> None:
    assert names_match(claimed, source) is same


# ---------------------------------------------------------------- the sweep sheets


@pytest.fixture(scope="module")
def reference() -> object:
    return pytest.importorskip("factsheet.reference").load_reference()


@pytest.mark.parametrize("path", SWEEP, ids=[p.stem for p in SWEEP])
def test_true_sheets_are_never_contradicted(path: Path, reference: object) -> None:
    spec = json.loads(path.read_text(encoding="utf-8"))
    doc = read(FIXTURES / spec["sheet"])
    claims = extract(doc)
    verdicts = check(doc, claims, reference, dt.date.fromisoformat(spec["check_date"]))  # type: ignore[arg-type]
    wrong = [(claims[v.claim].quote, v.message) for v in verdicts
             if v.at_publication.verdict in ("contradicted", "inconsistent")]
    assert not wrong


def test_the_sweep_covers_a_dozen_countries() -> None:
    assert len({json.loads(p.read_text())["sheet"] for p in SWEEP}) >= 12


# ---------------------------------------------------------------- more false-alarm guards


def test_consuls_are_not_chiefs_of_mission() -> None:
    facts = [chief("MX", "Roberta S. Jacobson", "2016-06-01")]
    v = one("ambassador", {"side": "us_to_partner", "name": "Timothy Zuniga-Brown",
                           "title": "Consul General", "post": "Monterrey"}, facts, country="MX",
            published="2018-04-09")
    assert v.at_publication.verdict == "unverifiable"


def test_relations_with_a_third_country_are_not_us_facts() -> None:
    facts = [Fact("rdcr", "gh", "GH", "relations.established",
                  {"date": "1957-03-06", "text": "Establishment of Diplomatic Relations, 1957"},
                  "1957-03-06")]
    v = one("relations.established", {"year": 1960}, facts, country="GH", published="2011-01-01",
            text="Ghana established diplomatic relations with China in 1960.")
    assert v.at_publication.verdict == "unverifiable" and "China" in v.message


def test_relations_before_rdcrs_timeline_and_legation_years() -> None:
    facts = [Fact("rdcr", "rs", "RS", "relations.established",
                  {"date": "2000-11-12", "text": "Establishment of Full Diplomatic Relations, 2000"},
                  "2000-11-12"),
             Fact("rdcr", "rs2", "RS", "relations.severed",
                  {"date": "1999-03-23", "text": "Diplomatic Relations Severed, 1999"}, "1999-03-23")]
    v = one("relations.established", {"year": 1882}, facts, country="RS", published="2019-01-01")
    assert v.at_publication.verdict == "unverifiable" and "predecessor" in v.message
    # rdcr files the re-establishment under "established": a "restored" claim matches it
    v = one("relations.restored", {"year": 2000}, facts, country="RS", published="2019-01-01")
    assert v.at_publication.verdict == "supported", v.message
    legation = [Fact("rdcr", "co", "CO", "relations.established",
                     {"date": "1822", "text": "Establishment of Diplomatic Relations, 1822"}, "1822"),
                Fact("rdcr", "co2", "CO", "relations.embassy",
                     {"date": "1823-01-27", "text": "Establishment of the U.S. Legation in Colombia, 1823"},
                     "1823-01-27")]
    v = one("relations.established", {"year": 1823}, legation, country="CO", published="2013-01-01")
    assert v.at_publication.verdict == "unverifiable" and "Legation" in v.message


def test_a_supported_claim_is_not_inconsistent_with_a_wrong_one() -> None:
    facts = [Fact("rdcr", "de", "DE", "relations.established",
                  {"date": d, "text": t}, d) for d, t in
             (("1797-06-01", "Establishment of Diplomatic Relations with Prussia, 1797"),
              ("1871-01-18", "Establishment of Diplomatic Relations with the German Empire, 1871"))]
    text = "Relations with Prussia began in 1797. Relations with the German Empire began in 1871."
    doc = Document(text=text, sha256="t", country="DE", published="2018-01-01")
    first, second = text.index("Relations with P"), text.index("Relations with the")
    claims = [Claim("relations.established", "DE", {"year": 1797}, (first, second - 1),
                    text[first:second - 1]),
              Claim("relations.established", "DE", {"year": 1871}, (second, len(text)),
                    text[second:])]
    verdicts = check(doc, claims, MemoryReference(facts, HORIZONS), NOW)
    assert [v.at_publication.verdict for v in verdicts] == ["supported", "supported"]


def test_an_embassy_move_the_factbook_records_later() -> None:
    def record(address: str, start: str, end: str | None) -> Fact:
        return Fact("factbook", f"e-{start}", "MA", "embassy_in_us",
                    {"address": address, "city": "Washington", "region": "DC",
                     "postal_code": "20008"}, start, end, start)
    facts = [record("1601 21st Street NW", "2016-01-01", "2017-06-01"),
             record("3508 International Drive NW", "2017-06-01", None)]
    fields = {"side": "partner_in_us", "kind": "embassy", "address": "3508 International Drive NW"}
    v = one("embassy", fields, facts, country="MA", published="2017-03-01")
    assert v.at_publication.verdict == "supported" and "lagged" in v.message


def test_no_relations_by_the_mission_note() -> None:
    v = one("relations.none", {}, [note("KP", "none", "none", "2006-12-31")], country="KP",
            published="2009-06-01")
    assert v.at_publication.verdict == "supported", v.message


def test_a_shared_office() -> None:
    facts = [Fact("factbook", "ad", "AD", "chief_of_state",
                  {"name": "Emmanuel MACRON", "title": "Co-prince", "since": "2017-05-14"},
                  "2017-05-14", None, "2017-12-31")]
    v = one("leader", {"name": "Joan-Enric Vives i Sicília", "title": "Co-prince",
                       "role": "head_of_state"}, facts, country="AD", published="2021-03-15")
    assert v.at_publication.verdict == "unverifiable"


def test_transliterated_surnames_with_short_skeletons() -> None:
    assert names_match("Hassan Rouhani", "Hasan Fereidun ROHANI")
    assert not names_match("Hassan Rouhani", "Ali Hoseini-KHAMENEI")
