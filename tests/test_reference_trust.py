"""Issue 13's examples: sheets written from the sources come out true when checked on their date.

Each test names the example of the issue it stands for. Rules are tested on hand-made facts
(``MemoryReference``); the shipped tables only where the example is about them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from factsheet.check import check
from factsheet.check.memory import MemoryReference
from factsheet.model import Claim, Document, Fact
from factsheet.selection import latest_estimate

HORIZONS = {"factbook": "2026-01-22", "pocom": "2020-10-31", "rdcr": "2025-01-01"}


def verdict_of(kind: str, fields: dict[str, Any], facts: list[Fact], *, country: str,
               on: str) -> Any:
    text = "A sentence that states the claim."
    doc = Document(text=text, sha256="t", country=country, published=on)
    claim = Claim(kind, country, fields, (0, len(text)), text)
    [verdict] = check(doc, [claim], MemoryReference(facts, HORIZONS), dt.date.fromisoformat(on))
    return verdict


def poverty(country: str, share: float, year: int | None, observed: str) -> Fact:
    y = str(year) if year else None
    return Fact("factbook", f"{country}/{year}@{observed}", country, "poverty_share",
                {"raw": f"{share:.1%}", "value": share, "year": year}, y, y, observed)


# ---------------------------------------------------------------- estimates


ZA = [poverty("ZZ", 0.313, 2009, "2013-12-31"), poverty("ZZ", 0.166, 2016, "2017-12-31"),
      poverty("ZZ", 0.166, None, "2018-12-31"), poverty("ZZ", 0.555, 2014, "2021-05-23")]


def test_a_2016_estimate_is_not_outdated_by_a_later_snapshot_of_a_2014_one() -> None:
    assert latest_estimate(ZA, dt.date(2026, 1, 22)).value["year"] == 2016  # type: ignore[union-attr]
    v = verdict_of("statistic", {"subject": "poverty_share", "value": 0.166, "year": 2016}, ZA,
                   country="ZZ", on="2026-01-22")
    assert (v.at_publication.verdict, v.now.verdict) == ("supported", "current"), v.message


def test_an_estimate_is_judged_by_what_was_published_by_the_date() -> None:
    # a revision of the 1993 figure published later does not make the 1999 one wrong in 2000
    facts = [poverty("ZZ", 0.253, 1993, "1999-12-31"), poverty("ZZ", 0.09, 1993, "2002-12-31")]
    v = verdict_of("statistic", {"subject": "poverty_share", "value": 0.253, "year": 1993}, facts,
                   country="ZZ", on="2000-06-01")
    assert v.at_publication.verdict == "supported", v.message
    assert latest_estimate(facts, dt.date(2003, 1, 1)).value["value"] == 0.09  # type: ignore[union-attr]


def test_a_newer_year_does_supersede() -> None:
    facts = [poverty("ZZ", 0.35, 2001, "2002-12-31"), poverty("ZZ", 0.22, 2018, "2024-04-04")]
    v = verdict_of("statistic", {"subject": "poverty_share", "value": 0.35, "year": 2001}, facts,
                   country="ZZ", on="2025-01-01")
    assert v.now.verdict == "outdated", v.message


# ---------------------------------------------------------------- holders by snapshot order


def chief(country: str, name: str, title: str, since: str | None, start: str, end: str | None,
          basis: str = "successor") -> Fact:
    raw = f"{title} {name}" + (f" (since {dt.date.fromisoformat(since):%d %B %Y})"
                                 if since and len(since) == 10 else "")
    return Fact("factbook", f"{country}@{start}", country, "us_chief_of_mission",
                {"name": name, "title": title, "since": since, "raw": raw,
                 "end_basis": basis if end else "open"}, start, end, start)


MADAGASCAR = [
    chief("MG", "Amy J. HYATT", "Chargé d'Affaires", "2021-06", "2021-06", "2022-06-23"),
    chief("MG", "Tobias H. GLUCKSMAN", "Chargé d'Affaires", None, "2022-06-23", "2022-12-29"),
    # the ambassador's "since" (2022-05-02) is earlier than the chargé listed before her
    chief("MG", "Claire PIERANGELO", "Ambassador", "2022-05-02", "2022-12-29", None),
]


@pytest.mark.parametrize(("on", "name", "expected"), [
    ("2024-06-01", "Claire Pierangelo", "supported"),
    ("2024-06-01", "Tobias H. Glucksman", "contradicted"),
    ("2022-09-01", "Tobias H. Glucksman", "supported"),
])
def test_the_latest_snapshot_names_the_chief_of_mission_not_the_latest_since(
        on: str, name: str, expected: str) -> None:
    title = "Ambassador" if "Pierangelo" in name else "Chargé d'Affaires"
    v = verdict_of("ambassador", {"side": "us_to_partner", "name": name, "title": title}, MADAGASCAR,
                   country="MG", on=on)
    assert v.at_publication.verdict == expected, v.message
    if expected == "supported":
        assert v.now.verdict == "current", v.message


# ---------------------------------------------------------------- builder quirks, settled once


def snapshots(*rows: tuple[str, str, str]) -> list[Any]:
    from factsheet.reference.factbook import Obs

    return [Obs(start, end, text, f"weekly:{start}") for start, end, text in rows]


def test_a_since_year_contradicting_the_snapshots_is_replaced_with_the_reason_kept() -> None:
    from factsheet.reference.factbook import holder_facts

    obs = snapshots(
        ("2023-08-31", "2025-05-15", "Prime Minister Marcel CIOLACU (since 15 June 2023)"),
        ("2025-05-15", "2025-07-03", "Interim Prime Minister Catalin PREDOIU (since 6 May 2025)"),
        ("2025-07-03", "2026-01-22", "Prime Minister Ilie BOLOJAN (since 23 June 2005)"),
    )
    facts = holder_facts("RO", "head_of_government", obs, "2026-01-22", False)
    last = facts[-1].value
    assert last["name"] == "Ilie BOLOJAN" and last["since"] == "2025-07-03", last
    assert last["since_source"] == "2005-06-23" and "Predoiu" in last["since_note"]
    assert facts[-1].valid_from == "2025-07-03"
    assert facts[0].value["since"] == "2023-06-15"  # a since the snapshots bear out is kept


def test_a_returning_holder_keeps_the_source_since() -> None:
    from factsheet.reference.factbook import holder_facts

    obs = snapshots(
        ("2021-01-01", "2023-12-10", "President Nayib Armando BUKELE Ortez (since 1 June 2019)"),
        ("2023-12-10", "2024-06-21", "Acting President Claudia Juana RODRIGUEZ DE GUEVARA (since 1 December 2023)"),
        ("2024-06-21", "2026-01-22", "President Nayib Armando BUKELE Ortez (since 1 June 2019)"),
    )
    facts = holder_facts("SV", "chief_of_state", obs, "2026-01-22", False)
    assert [f.valid_from for f in facts] == ["2019-06-01", "2023-12-01", "2024-06-21"]
    assert facts[-1].value["since"] == "2019-06-01" and "since_note" not in facts[-1].value


@pytest.mark.parametrize(("first", "second"), [
    ("Prime Minister Amadou Oury BAH (since 27 February 2024)",
     "Prime Minister Mamadou Oury BAH (since 29 February 2024)"),
    ("Prime Minister Kenny ANTHONY (since 24 May 1997)", "Prime Minister Kenneth ANTHONY"),
])
def test_one_person_under_two_spellings_is_one_run(first: str, second: str) -> None:
    from factsheet.reference.factbook import holder_facts

    obs = snapshots(("2024-03-07", "2024-06-01", first), ("2024-06-01", "2026-01-22", second))
    facts = holder_facts("ZZ", "head_of_government", obs, "2026-01-22", False)
    assert len(facts) == 1, [f.value["name"] for f in facts]


def test_two_people_with_one_surname_stay_two() -> None:
    from factsheet.reference.factbook import holder_facts

    obs = snapshots(("2010-01-01", "2012-01-01", "KIM Chong-il (since 8 July 1994)"),
                    ("2012-01-01", "2013-01-01", "KIM Jong Un (since 17 December 2011)"))
    assert len(holder_facts("KP", "chief_of_state", obs, "2026-01-22", False)) == 2


# ---------------------------------------------------------------- names


@pytest.mark.parametrize(("sheet", "source"), [
    ("Daniel L. Shields III", "Daniel L. Shields 3rd"),
    ("Grover Joseph Rees III", "Grover Joseph Rees 3rd"),
    ("Michael A. Battle Sr.", "Michael A. BATTLE Sr"),
    ("John Smith Jr.", "John SMITH, Jr."),
])
def test_generational_suffixes_compare_equal(sheet: str, source: str) -> None:
    from factsheet.check.names import names_match

    assert names_match(sheet, source) and names_match(source, sheet)
    assert not names_match("Daniel L. Shields III", "Grover Joseph Rees 3rd")


def test_shields_the_third_is_supported_by_the_historians_shields_3rd() -> None:
    from factsheet.reference import load_reference

    ref = load_reference()
    text = "The U.S. Ambassador to Brunei is Daniel L. Shields III."
    doc = Document(text=text, sha256="t", country="BN", published="2013-06-01")
    claim = Claim("ambassador", "BN", {"side": "us_to_partner", "name": "Daniel L. Shields III",
                                       "title": "Ambassador"}, (0, len(text)), text)
    [v] = check(doc, [claim], ref, dt.date(2013, 6, 1))
    assert v.at_publication.verdict == "supported", v.message


# ---------------------------------------------------------------- agreements by what they are


def agreement_text(country: str, on: str) -> str:
    from factsheet.render import render_sheet

    sheet = render_sheet(country, on)
    return " ".join(s.text for s in sheet.sentences() if any(c["type"] == "agreement" for c in s.claims))


@pytest.mark.parametrize(("country", "on", "present", "absent"), [
    ("CA", "2000-06-01", "North American Free Trade Agreement (NAFTA) was signed in 1992", "1965"),
    ("CA", "1990-01-01", "U.S.-Canada Free Trade Agreement (FTA) was signed in 1988", "1965"),
    ("CA", "2021-01-01", "(USMCA) was signed in 2018 and entered into force in 2020", "NAFTA"),
    ("MX", "2019-01-01", "(NAFTA) was signed in 1992 and entered into force in 1994", "USMCA) was signed in 2018 and"),
    ("MX", "2021-01-01", "(USMCA) was signed in 2018 and entered into force in 2020", "NAFTA"),
    ("PA", "2012-06-01", "Trade Promotion Agreement (TPA) was signed in 2007", "2012"),
])
def test_the_sheet_names_the_agreement_itself(country: str, on: str, present: str, absent: str) -> None:
    text = agreement_text(country, on)
    assert present in text and absent not in text, text


def agreement(record: str, title: str, kind: str, signed: str, in_force: str | None,
              members: list[str]) -> Fact:
    return Fact("agreements", record, members[0], "agreement",
                {"id": record, "title": title, "kind": kind, "signed": signed, "in_force": in_force,
                 "end": None, "members": members}, in_force or signed, None, None)


PANAMA = [agreement("PAN-USA[NA]_2007O", "US Panama", "bilateral", "2007-06-28", "2012-10-31", ["PA", "US"]),
          agreement("PAN-USA[ENS]_2012A", "Panama US Environmental Side Agreement", "side", "2012-05-02",
                    None, ["PA", "US"])]
CANADA = [agreement("CAN-USA[APT]_1965A", "Canada US Automotive Products Trade Agreement (APTA)", "sector",
                    "1965-01-16", "1966-01-01", ["CA", "US"]),
          agreement("CAN-USA[NA]_1988O", "Canada US", "bilateral", "1988-01-02", "1989-01-01", ["CA", "US"]),
          agreement("NRTAFT_1992A", "North American Free Trade Agreement (NAFTA)", "plurilateral",
                    "1992-12-17", "1994-01-01", ["CA", "MX", "US"])]


@pytest.mark.parametrize(("facts", "country", "name", "short", "year", "expected"), [
    (PANAMA, "PA", "U.S.-Panama Trade Promotion Agreement", "TPA", 2007, "supported"),
    (PANAMA, "PA", "U.S.-Panama Trade Promotion Agreement", "TPA", 2012, "contradicted"),
    (CANADA, "CA", "U.S.-Canada Free Trade Agreement", "FTA", 1988, "supported"),
    (CANADA, "CA", "U.S.-Canada Free Trade Agreement", "FTA", 1965, "contradicted"),
    (CANADA, "CA", "U.S.-Canada Free Trade Agreement", "FTA", 1992, "contradicted"),
    (CANADA, "CA", "Automotive Products Trade Agreement", "APTA", 1965, "supported"),
    (CANADA, "CA", "North American Free Trade Agreement", "NAFTA", 1992, "supported"),
])
def test_a_claim_matches_only_records_of_its_agreement(facts: list[Fact], country: str, name: str,
                                                        short: str, year: int, expected: str) -> None:
    fields = {"name": name, "short_name": short, "event": "signed", "year": year}
    v = verdict_of("agreement", fields, facts, country=country, on="2015-06-01")
    assert v.at_publication.verdict == expected, v.message


# ---------------------------------------------------------------- places and dates a sheet cannot speak of


@pytest.mark.parametrize(("country", "on", "words"), [
    ("Puerto Rico", "2024-06-01", "territory of the United States"),
    ("Guam", "2024-06-01", "territory of the United States"),
    ("Antarctica", "2024-06-01", "no government and no relations"),
    ("Bouvet Island", "2024-06-01", "no government and no relations"),
    ("Peru", "1800-01-01", "not an independent state on 1800-01-01"),
    ("South Sudan", "2005-06-01", "give a later date"),
])
def test_no_sheet_for_places_and_dates_it_cannot_speak_of(country: str, on: str, words: str) -> None:
    from factsheet.errors import NoSheetError, UsageError
    from factsheet.render import render_sheet

    with pytest.raises(NoSheetError, match=words) as caught:
        render_sheet(country, on)
    assert isinstance(caught.value, UsageError) and caught.value.exit_code == 2


def test_render_cli_refuses_puerto_rico_with_one_line_and_exit_2() -> None:
    from click.testing import CliRunner

    from factsheet.cli import main

    result = CliRunner().invoke(main, ["render", "Puerto Rico", "--as-of", "2024-06-01"])
    assert result.exit_code == 2
    assert result.output.strip().startswith("error[E-USAGE-NO-SHEET]:") and "Traceback" not in result.output
    ok = CliRunner().invoke(main, ["render", "Peru", "--as-of", "2017-01-25"])
    assert ok.exit_code == 0 and "U.S. Relations With Peru" in ok.output


# ---------------------------------------------------------------- relations


def test_a_severance_is_followed_by_its_restoration() -> None:
    from factsheet.render import render_sheet

    text = render_sheet("France", "2005-03-01").to_text()
    assert "severed diplomatic relations with France in 1942; relations were restored in 1944." in text


def test_a_restoration_is_implied_by_recognition_not_by_a_limited_one() -> None:
    from factsheet.reference.rdcr import implied_restorations

    def event(predicate: str, date: str, text: str, kind: str) -> Fact:
        return Fact("rdcr", f"x#{date}", "ZZ", predicate, {"date": date, "text": text, "event": kind},
                    date, None, None, "c")

    facts = [event("relations.severed", "1942-11-08", "Relations Severed", "severed"),
             event("relations.recognized", "1943-06-03", "Limited U.S. Recognition of a Committee", "recognized"),
             event("relations.recognized", "1944-10-19", "U.S. Recognition of the Government", "recognized")]
    [restored] = implied_restorations(facts)
    assert restored.valid_from == "1944-10-19" and restored.value["implied_by"] == "relations.recognized"
    same_day = [event("relations.severed", "1979-01-01", "Termination", "severed"),
                event("relations.established", "1979-01-01", "Establishment", "established"),
                event("relations.embassy", "1979-03-01", "Opening of Embassy", "embassy_opened")]
    assert implied_restorations(same_day) == []


# ---------------------------------------------------------------- every section present or explained


def text_of(country: str, on: str) -> str:
    from factsheet.render import render_sheet

    return render_sheet(country, on).to_text()


def test_names_normalised_from_the_factbook_capitals() -> None:
    from factsheet.render.formatting import person_name

    assert person_name("Luiz Inacio LULA da Silva") == "Luiz Inacio Lula da Silva"
    assert person_name("Pedro Pablo KUCZYNSKI Godard") == "Pedro Pablo Kuczynski"
    assert "President Luiz Inacio Lula da Silva has been in office since January 1, 2023." in text_of(
        "Brazil", "2026-01-22")


def test_no_rank_or_second_title_inside_a_name() -> None:
    ukraine = text_of("Ukraine", "2026-01-22")
    assert "Chargé d'Affaires in Ukraine is Julie S. Davis" in ukraine and "is Ambassador" not in ukraine
    assert "President Blaise Compaore has been in office since October 15, 1987." in text_of(
        "Burkina Faso", "1995-06-01")


def test_a_leader_without_a_since_date_is_still_named() -> None:
    text = text_of("Israel", "2026-01-22")
    assert "names President" in text and "as the chief of state, without a start date." in text


def test_a_section_the_sources_start_later_is_explained() -> None:
    text = text_of("Peru", "1994-06-01")
    assert "give no list of Peru's memberships in international organizations before December 31, 1996." in text
    assert "give no address of Peru's embassy in the United States before December 31, 1997." in text
    assert "give no" not in text_of("Peru", "2017-01-25")


def test_no_relations_or_a_protecting_power_is_said_and_the_embassy_link_dropped() -> None:
    from factsheet.render import render_sheet

    sheet = render_sheet("North Korea", "2024-06-01")
    text = sheet.to_text()
    assert ("The United States does not maintain an embassy in North Korea; Sweden serves as the "
            "protecting power for U.S. interests.") in text
    assert "U.S. Embassy" not in sheet.links
    assert "U.S. Embassy" in render_sheet("Peru", "2017-01-25").links


def test_north_korea_is_not_supported_and_outdated_on_one_day() -> None:
    from factsheet.reference import load_reference
    from factsheet.render.sweep import check_rendered

    for on in ("2020-06-01", "2024-06-01", "2026-01-22"):
        claims, problems = check_rendered("KP", dt.date.fromisoformat(on), load_reference())
        assert claims and not problems, [p.line() for p in problems]


@pytest.mark.parametrize(("country", "expected"), [
    ("RO", "Prime Minister Ilie Bolojan has been in office since July 3, 2025."),
    ("SV", "President Nayib Armando Bukele has been in office since June 1, 2019."),
    ("GN", "Prime Minister Mamadou Oury Bah has been in office since February 29, 2024."),
])
def test_the_issue_leaders_render_and_check_clean_at_the_horizon(country: str, expected: str) -> None:
    from factsheet.reference import load_reference
    from factsheet.render.sweep import check_rendered

    on = dt.date(2026, 1, 22)
    assert expected in text_of(country, on.isoformat())
    claims, problems = check_rendered(country, on, load_reference())
    assert claims and not problems, [p.line() for p in problems]


def test_madagascar_ambassador_judged_by_the_latest_snapshot_on_the_shipped_tables() -> None:
    from factsheet.reference import load_reference
    from factsheet.render.sweep import check_rendered

    for on in ("2024-06-01", "2026-01-22"):
        claims, problems = check_rendered("MG", dt.date.fromisoformat(on), load_reference())
        assert claims and not problems, [p.line() for p in problems]


def test_no_relations_is_said_in_the_relations_section() -> None:
    kp = text_of("North Korea", "2024-06-01")
    assert "The United States and North Korea do not have diplomatic relations." in kp
    assert "do not have diplomatic relations" not in text_of("Iran", "2024-06-01")  # severed, said so
    assert "do not have diplomatic relations" not in text_of("Peru", "2024-06-01")


def test_a_gap_in_the_leaders_record_is_said_not_dropped() -> None:
    text = text_of("Peru", "2020-06-01")  # the Factbook archive's 2018–2020 rows are empty
    assert ("The sources used for this sheet name no leader of Peru on June 1, 2020; the CIA World "
            "Factbook last listed one on December 31, 2017.") in text
    assert "name no leader" not in text_of("Peru", "2017-01-25")


def leader_facts(country: str, *rows: tuple[str, str, str | None, str, str | None]) -> list[Fact]:
    return [Fact("factbook", f"{country}@{start}", country, "head_of_government",
                 {"name": name, "title": title, "since": since, "raw": f"{title} {name}",
                  "end_basis": "successor" if end else "open"}, start, end, start)
            for name, title, since, start, end in rows]


@pytest.mark.parametrize(("name", "since", "expected"), [
    ("Amadou Oury Bah", "2024-02-27", "supported"),   # the source's earlier spelling, two days off
    ("Mamadou Oury Bah", "2024-02-29", "supported"),
    ("Somebody Bah", "2024-02-27", "contradicted"),
])
def test_the_checker_takes_one_person_under_two_spellings(name: str, since: str, expected: str) -> None:
    facts = leader_facts("GN", ("Bernard GOUMOU", "Prime Minister", "2022-08-20", "2022-08-20", "2024-02-29"),
                         ("Mamadou Oury BAH", "Prime Minister", "2024-02-29", "2024-02-29", None))
    v = verdict_of("leader", {"name": name, "title": "Prime Minister", "since": since}, facts,
                   country="GN", on="2024-06-01")
    assert v.at_publication.verdict == expected, v.message
