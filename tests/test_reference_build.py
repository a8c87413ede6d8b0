"""Reference builders on small raw fixtures: parsing, bad input, safe XML, atomic replacement."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES

from factsheet.errors import ReferenceDataError
from factsheet.reference import build, load_reference
from factsheet.reference.build import BUILDERS
from factsheet.reference.factbook import (
    clean,
    parse_amounts,
    parse_holder,
    parse_orgs,
    parse_partners,
    parse_phones,
    parse_poverty,
)
from factsheet.reference.rdcr import classify

RAW = FIXTURES / "reference" / "raw"


def make_raw(tmp_path: Path) -> Path:
    """A copy of the raw fixture tree with the Factbook CSVs gzipped as the real ones are."""
    root = tmp_path / "raw"
    shutil.copytree(RAW, root)
    for plain, gz in (("archive.csv", "archive-1990-2025.csv.gz"), ("weekly.csv", "weekly-2020-2026.csv.gz")):
        src = root / "factbook" / plain
        with gzip.open(root / "factbook" / gz, "wb") as out:
            out.write(src.read_bytes())
        src.unlink()
    return root


@pytest.fixture
def built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, object]:
    monkeypatch.setenv("FACTSHEET_CACHE", str(tmp_path / "cache"))
    root = make_raw(tmp_path)
    report = build(root, tmp_path / "out")
    return tmp_path / "out", report


def table(out: Path, source: str) -> list[dict[str, object]]:
    lines = (out / f"{source}.tsv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    rows = []
    for line in lines[1:]:
        row = dict(zip(header, line.split("\t"), strict=True))
        row["value"] = json.loads(str(row["value"]))
        rows.append(row)
    return rows


def test_build_writes_one_sorted_table_per_source_and_a_manifest(built: tuple[Path, object]) -> None:
    out, _ = built
    manifest = json.loads((out / "manifest.json").read_text())
    assert set(manifest["sources"]) == set(BUILDERS)
    for name, entry in manifest["sources"].items():
        text = (out / entry["file"]).read_text(encoding="utf-8")
        lines = text.splitlines()
        assert lines[0].startswith("source\trecord\tcountry\tpredicate")
        assert entry["rows"] == len(lines) - 1, name
        keys = [(line.split("\t")[2], line.split("\t")[3]) for line in lines[1:]]
        assert keys == sorted(keys), f"{name} is not sorted by country, predicate"
    assert manifest["sources"]["rdcr"]["commit"] == "1" * 40
    assert manifest["sources"]["rdcr"]["upstream"] == "HistoryAtState/rdcr"
    assert manifest["sources"]["agreements"]["citation"] == "J. Hollway, manytrade, 2021"
    assert len(manifest["sources"]["factbook"]["upstreams"]) == 2


def test_build_is_deterministic(tmp_path: Path) -> None:
    root = make_raw(tmp_path)
    build(root, tmp_path / "a")
    build(root, tmp_path / "b")
    for name in BUILDERS:
        assert (tmp_path / "a" / f"{name}.tsv").read_bytes() == (tmp_path / "b" / f"{name}.tsv").read_bytes()


def test_malformed_xml_and_csv_rows_are_counted_not_fatal(built: tuple[Path, object]) -> None:
    out, _ = built
    sources = json.loads((out / "manifest.json").read_text())["sources"]
    assert sources["rdcr"]["malformed"] == 1  # broken.xml
    assert any("broken.xml" in m for m in sources["rdcr"]["malformed_examples"])
    assert sources["gsh"]["malformed"] == 1  # territories/bad.xml
    assert sources["pocom"]["malformed"] == 1  # missions-countries/chile.xml
    assert sources["factbook"]["malformed"] == 2  # short archive row, weekly row with a bad date
    assert sources["agreements"]["malformed"] == 2  # a row without an id in each file
    # the good records of the same files were kept
    assert sources["rdcr"]["rows"] >= 5 and sources["pocom"]["rows"] == 3


def test_rdcr_when_mismatch_is_reported_and_text_wins(built: tuple[Path, object]) -> None:
    out, _ = built
    rows = table(out, "rdcr")
    severed = [r for r in rows if r["predicate"] == "relations.severed"]
    assert [r["valid_from"] for r in severed] == ["1913-03-03"]
    warnings = json.loads((out / "manifest.json").read_text())["sources"]["rdcr"]["warnings"]
    assert any("1913" in w and "1931" in w for w in warnings)
    by_pred = {(r["predicate"], r["value"]["date"]) for r in rows if r["country"] == "PE"}
    assert ("relations.recognized", "1826-05-02") in by_pred
    assert ("relations.established", "1827-05-21") in by_pred
    assert ("relations.restored", "1914") in by_pred  # no day in the text: year precision kept
    assert ("relations.embassy", "1920-04-24") in by_pred


def test_xml_entities_are_not_expanded(built: tuple[Path, object]) -> None:
    out, _ = built
    rows = [r for r in table(out, "rdcr") if r["country"] == "CL"]
    assert rows, "the file with a DOCTYPE still yields its facts"
    for row in rows:
        assert "EXPANDED" not in row["value"]["text"]
        assert Path("/etc/hostname").exists() is False or \
            Path("/etc/hostname").read_text().strip() not in row["value"]["text"]


def test_pocom_start_end_and_names(built: tuple[Path, object]) -> None:
    out, _ = built
    rows = {r["record"]: r for r in table(out, "pocom")}
    nichols = rows["pe-2014-nich-01"]
    assert nichols["value"]["name"] == "Brian A. Nichols"
    assert nichols["value"]["role"] == "Ambassador"
    assert (nichols["valid_from"], nichols["valid_to"]) == ("2014-07-03", "2017-10-13")  # credentials
    wells = rows["pe-2017-wells-01"]
    assert wells["valid_from"] == "2017-10-13"  # arrival when no credentials
    assert wells["value"]["role"] == "Chargé d'Affaires ad interim"
    assert wells["valid_to"] == "2017-10-18"  # no end recorded: closed by the successor
    urs = rows["pe-2017-urs-01"]
    assert urs["valid_to"] == "" and urs["value"]["end"] is None  # the last one stays open
    assert "pe-nom-01" not in rows and "pe-nodate-01" not in rows


def test_factbook_intervals_from_since_dates_and_snapshots(built: tuple[Path, object]) -> None:
    out, _ = built
    ref = load_reference(out)
    on = dt.date
    assert [f.value["name"] for f in ref.facts("PE", "chief_of_state", on(2016, 12, 1))] == \
        ["Pedro Pablo KUCZYNSKI Godard"]
    humala = ref.facts("PE", "chief_of_state", on(2015, 6, 1))[0]
    assert humala.valid_from == "2011-07-28" and humala.valid_to == "2016-07-28"  # successor's since
    kuczynski = ref.facts("PE", "chief_of_state", on(2016, 8, 1))[0]
    # empty 2017 snapshot and nothing until 2020-11: the run ends at its last snapshot
    assert kuczynski.valid_to == "2016-12-31" and kuczynski.value["end_basis"] == "last_seen"
    gap = ref.answer("PE", "chief_of_state", on(2019, 6, 1))
    assert gap.facts == () and gap.covered is False and "between" in gap.note
    jeri = ref.facts("PE", "chief_of_state", on(2026, 1, 22))[0]
    assert jeri.value["name"] == "José Enrique JERÍ Oré" and jeri.valid_from == "2025-10-10"
    assert jeri.valid_to is None and jeri.value["end_basis"] == "open"
    perkins = ref.facts("PE", "us_chief_of_mission", on(2025, 12, 1))
    assert [(f.value["name"], f.value["title"]) for f in perkins if f.source == "factbook"] == \
        [("Joan PERKINS", "Chargé d'Affaires")]


def test_factbook_embassy_memberships_and_numbers(built: tuple[Path, object]) -> None:
    out, _ = built
    ref = load_reference(out)
    embassy = ref.facts("PE", "embassy_in_us", dt.date(2017, 1, 1))[0].value
    assert embassy["address"] == "1700 Massachusetts Avenue NW"
    assert (embassy["city"], embassy["region"], embassy["postal_code"]) == ("Washington", "DC", "20036")
    assert embassy["phones"] == ["+12028339860"]
    assert embassy["phone_ranges"] == [["+12028339860", "+12028339869"]]
    orgs = {f.value["organization"]: f.value for f in ref.facts("PE", "membership", dt.date(2016, 12, 31))}
    assert {"APEC", "WORLD_BANK", "IMF", "OAS", "UN", "WTO"} <= set(orgs)
    assert orgs["WORLD_BANK"]["raw"] == "IBRD"
    assert orgs["SICA"]["status"] == "observer"
    assert "ICC" not in orgs  # "ICC (NGOs)" is not a government membership
    # SICA is not in the 2020 list: its run ends there
    assert "SICA" not in {f.value["organization"] for f in ref.facts("PE", "membership", dt.date(2021, 1, 1))}
    exports = {f.value["year"]: f.value["value_usd"] for f in ref.facts("PE", "exports_total")}
    assert exports == {2015: 34_160_000_000, 2014: 39_530_000_000}
    shares = {f.value["partner"]: f.value["share"] for f in ref.facts("PE", "export_partner_share")}
    assert shares == {"CN": 0.221, "US": 0.152, "CH": 0.081}
    poverty = ref.facts("PE", "poverty_share")[0].value
    assert (poverty["value"], poverty["year"]) == (0.258, 2012)
    independence = [f.value for f in ref.facts("PE", "independence") if f.source == "factbook"]
    assert independence[0]["date"] == "1821-07-28" and independence[0]["from"] == "Spain"


def test_agreements_gsh_visits(built: tuple[Path, object]) -> None:
    out, _ = built
    ref = load_reference(out)
    tpa = ref.facts("PE", "agreement")[0].value
    assert (tpa["signed"], tpa["in_force"], tpa["end"]) == ("2006-04-12", "2009-02-01", None)
    assert tpa["members"] == ["PE", "US"]
    nafta = ref.facts("MX", "agreement")[0].value
    assert nafta["members"] == ["CA", "MX", "US"] and nafta["end"] == "2020-07-01"
    assert ref.facts("CL", "agreement") == []  # not a U.S. agreement
    gsh = [f.value for f in ref.facts("PE", "independence") if f.source == "gsh"]
    assert gsh == [{"date": "1821", "predecessor": "Viceroyalty of Peru", "predecessors": ["Viceroyalty of Peru"]}]
    visit = ref.facts("PE", "visit")[0].value
    assert (visit["title"], visit["name"], visit["date"]) == ("President", "Pedro Pablo Kuczynski", "2017-02-24")


def test_missing_source_folder_names_it(tmp_path: Path) -> None:
    root = make_raw(tmp_path)
    shutil.rmtree(root / "historian" / "pocom")
    with pytest.raises(ReferenceDataError) as info:
        build(root, tmp_path / "out")
    assert "historian/pocom" in info.value.message
    with pytest.raises(ReferenceDataError, match="not found"):
        build(tmp_path / "nowhere", tmp_path / "out")


def test_failed_build_leaves_previous_tables_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_raw(tmp_path)
    out = tmp_path / "out"
    build(root, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def boom(_: Path) -> object:
        raise KeyboardInterrupt  # an interruption halfway through the builders

    monkeypatch.setitem(BUILDERS, "visits", boom)
    with pytest.raises(KeyboardInterrupt):
        build(root, out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.")], "temporary folder left behind"


def test_over_budget_build_replaces_nothing(tmp_path: Path) -> None:
    root = make_raw(tmp_path)
    out = tmp_path / "out"
    build(root, out)
    before = (out / "manifest.json").read_bytes()
    with pytest.raises(ReferenceDataError, match="budget"):
        build(root, out, budget=100)
    assert (out / "manifest.json").read_bytes() == before


@pytest.mark.parametrize(("head", "expected"), [
    ("Establishment of Diplomatic Relations, 1827", {"relations.established"}),
    ("Diplomatic Relations Established, 1992", {"relations.established"}),
    ("Diplomatic Relations Severed by Germany, 1941", {"relations.severed"}),
    ("Cessation of Relations, 1917", {"relations.severed"}),
    ("Reestablishment of Diplomatic Relations, 1921", {"relations.restored"}),
    ("Resumption of Diplomatic Relations and Reestablishment of the American Embassy in Cuba, 2015",
     {"relations.restored", "relations.embassy"}),
    ("U.S. Recognition of Eritrean Independence, 1993", {"relations.recognized"}),
    ("Prussian Recognition of the Independence of the United States, 1785", {"relations.recognized_us"}),
    ("Elevation of American Legation to Embassy Status, 1920", {"relations.embassy"}),
    ("Establishment of Consular Relations, 2005", {"relations.consular"}),
    ("Treaty of Commerce and Navigation, 1850", set()),
])
def test_rdcr_head_classification(head: str, expected: set[str]) -> None:
    assert {p for p, _ in classify(head)} == expected


def test_fips_map_corrects_and_deduplicates(tmp_path: Path) -> None:
    from factsheet.reference.factbook import fips_map

    path = tmp_path / "fips.csv"
    path.write_text("FIPS,ISOAlpha2,Notes\nUK,GB,\nJE,GB,\nAS,AU,\nCR,AU,\nGZ,PS,\nWE,PS,\nXX,QQ,\nKV,,none\n")
    assert fips_map(path) == {"UK": "GB", "JE": "JE", "AS": "AU", "WE": "PS", "XX": "QQ", "KV": "XK",
                              "GK": "GG", "IM": "IM", "CC": "CW", "FA": "FK", "KA": "KZ"}


def test_factbook_field_parsers() -> None:
    assert clean("Charg&eacute; d&rsquo;Affaires <b>Joan</b>") == "Chargé d'Affaires Joan"
    holder = parse_holder("Ambassador-designate Bernardo NAVARRO; Chargé d'Affaires Joan PERKINS (since 18 April 2025)",
                          prefer_since=True)
    assert holder and (holder["name"], holder["title"], holder["since"]) == ("Joan PERKINS", "Chargé d'Affaires", "2025-04-18")
    assert parse_holder("Ambassador (vacant)") is None
    assert parse_holder("Libya does not have an embassy in the US") is None
    assert parse_holder("Prime Minister (since NA February 1994)") is None  # no name left
    pm = parse_holder("Prime Minister Efrain GOLDENBERG Schreiber (since NA February 1994)")
    assert pm and pm["since"] == "1994-02"
    assert parse_phones("[1] (202) 319-1976; [1] (202) 319-1977") == (["+12023191976", "+12023191977"], [])
    assert parse_phones("telephone: none") == ([], [])
    assert parse_orgs("Peru") is None
    orgs = parse_orgs("IBRD, Mercosur (associate), OAS (observer), ICC (NGOs), G- 7")
    assert orgs is not None
    assert {o["organization"]: o["status"] for o in orgs} == \
        {"WORLD_BANK": "member", "MERCOSUR": "associate", "OAS": "observer", "G7": "member"}
    assert parse_amounts("$4.1 billion (f.o.b., 1994 est.) commodities: copper")[0][:2] == (1994, 4_100_000_000)
    assert parse_amounts("$NA") == []
    assert parse_partners("USA 14%, EU 10% (2023)") == [
        {"partner": "US", "share": 0.14, "year": 2023},
        {"partner": "EU", "share": 0.1, "year": 2023, "name": "EU"},
    ]
    assert parse_poverty("54% (1991 est.)") == {"value": 0.54, "year": 1991, "raw": "54% (1991 est.)"}


def test_shipped_tables_match_a_fresh_build(shared: Path, tmp_path: Path) -> None:
    """The shipped rdcr, gsh and agreements tables are what the builders make from ../shared
    today (the Factbook is left out: it takes tens of seconds)."""
    from factsheet.reference._format import DATA_DIR

    build(shared / "reference", tmp_path / "out", only=["rdcr", "gsh", "agreements"])
    for name in ("rdcr", "gsh", "agreements"):
        fresh = (tmp_path / "out" / f"{name}.tsv").read_bytes()
        assert fresh == (DATA_DIR / f"{name}.tsv").read_bytes(), f"{name}.tsv is stale: run `factsheet refdata build`"


def test_rebuilding_one_source_keeps_the_others(tmp_path: Path) -> None:
    root = make_raw(tmp_path)
    out = tmp_path / "out"
    build(root, out)
    factbook_before = (out / "factbook.tsv").read_bytes()
    (root / "historian" / "rdcr" / "articles" / "chile.xml").unlink()
    build(root, out, only=["rdcr"])
    manifest = json.loads((out / "manifest.json").read_text())
    assert set(manifest["sources"]) == set(BUILDERS)
    assert (out / "factbook.tsv").read_bytes() == factbook_before
    assert not [r for r in table(out, "rdcr") if r["country"] == "CL"]
