"""`factsheet update` end to end on real editions: the seed (when ../shared is present) and the
bundled example, against the shipped reference data."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner
from conftest import EXAMPLE, SEED

from factsheet import read
from factsheet.cli import main


def _update(path: Path, tmp_path: Path, *extra: str) -> tuple[str, str]:
    out = tmp_path / "updated.txt"
    result = CliRunner().invoke(main, ["update", str(path), "--as-of", "2026-11-27", "--out", str(out), *extra])
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8"), result.output


def _assert_peru_2026(sheet: str, changes: str, figures: tuple[str, ...]) -> None:
    assert "November 27, 2026" in sheet
    assert "as of January 22, 2026, the latest date the sources cover" in sheet
    assert "Trade Promotion Agreement (TPA) was signed in 2006 and entered into force in 2009." in sheet
    assert "signed in 2009" not in sheet
    assert "President José Enrique Jerí has been in office since October 10, 2025." in sheet
    assert "The U.S. Chargé d'Affaires in Peru is Joan Perkins" in sheet
    assert "Kuczynski" not in sheet and "Nichols" not in sheet
    assert "diplomatic relations with Peru in 1827" in sheet
    assert "1700 Massachusetts Avenue, NW, Washington, DC 20036; tel. (202) 833-9860." in sheet
    for figure in figures:  # carried over with their years
        assert figure in sheet
    assert "Trade Promotion Agreement: signed in 2009 → signed in 2006, in force since 2009" in changes
    assert "President: Pedro Pablo Kuczynski (since July 2016) → José Enrique Jerí (since October 10, 2025)" in changes
    assert "U.S. Ambassador: Brian A. Nichols → Chargé d'Affaires Joan Perkins (since April 18, 2025)" in changes
    # carried figures with their years; each reason is given once, as a numbered note
    note = re.search(r"carried +Two-way trade[^\n]*: \$14 billion in 2015 \[(\d)\]", changes)
    assert note is not None
    assert re.search(rf"\n  \[{note.group(1)}\] No offline source gives U\.S\. trade by partner and year", changes)
    assert "None" not in sheet and "None" not in changes and "(added)" not in changes


def test_update_seed(shared: Path, tmp_path: Path) -> None:
    sheet, changes = _update(SEED, tmp_path)
    _assert_peru_2026(sheet, changes, ("from $9 billion in 2009 to $14 billion in 2015", "$1.1 billion in 2015 and",
                                       "$8.8 billion in 2015", "500,000 U.S. citizens"))
    doc = read(sheet.encode("utf-8"))  # the written sheet reads as a sheet of the genre
    assert (doc.country, doc.published, doc.kind) == ("PE", "2026-11-27", "fact_sheet")


def test_update_bundled_example(tmp_path: Path) -> None:
    sheet, changes = _update(EXAMPLE, tmp_path)
    _assert_peru_2026(sheet, changes, ("grew to $14 billion in 2015", "$8.8 billion in 2015",
                                       "U.S. imports from Peru were $5.1 billion", "500,000 U.S. citizens"))


def test_update_json_lists_every_claim(tmp_path: Path) -> None:
    out = tmp_path / "u.json"
    result = CliRunner().invoke(main, ["update", str(EXAMPLE), "--as-of", "2026-11-27", "--format", "json",
                                       "--out", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    claims = sorted(i for c in data["changes"] for i in c["claims"])
    assert claims == list(range(len(claims))) and len(claims) >= 15
    kinds = {c["kind"] for c in data["changes"]}
    assert {"corrected", "updated", "carried", "kept"} <= kinds
    sentences = [s for sec in data["sheet"]["sections"] for p in sec["paragraphs"] for s in p]
    assert all(s["sources"] for s in sentences)


def test_update_without_out_prints_sheet_then_changes(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["update", str(EXAMPLE), "--as-of", "2017-01-25"])
    assert result.exit_code == 0
    assert result.output.startswith("U.S. Relations With Peru\n")
    assert "Trade Promotion Agreement: signed in 2009 → signed in 2006, in force since 2009" in result.output


def test_render_with_a_knowledge_base_carries_the_stored_edition(tmp_path: Path, monkeypatch: object) -> None:
    from factsheet import open_store

    db = tmp_path / "kb.db"
    with open_store(db) as store:
        assert store.add(EXAMPLE.read_bytes(), str(EXAMPLE)).status == "new"
    result = CliRunner().invoke(main, ["render", "Peru", "--db", str(db), "--as-of", "2026-11-27"])
    assert result.exit_code == 0, result.output
    assert "U.S. imports from Peru were $5.1 billion" in result.output  # carried from the stored edition
    assert "signed in 2006 and entered into force in 2009" in result.output
    # before the edition was published there is no base: only the sources speak
    result = CliRunner().invoke(main, ["render", "Peru", "--db", str(db), "--as-of", "2016-06-01"])
    assert result.exit_code == 0 and "$5.1 billion" not in result.output


def test_diff_cli_between_two_editions(tmp_path: Path) -> None:
    new = tmp_path / "peru-2026.txt"
    _update(EXAMPLE, tmp_path)
    (tmp_path / "updated.txt").rename(new)
    result = CliRunner().invoke(main, ["diff", str(EXAMPLE), str(new), "--as-of", "2026-11-27"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any(line.startswith("~ Trade Promotion Agreement: signed in 2009") for line in lines)
    assert any(line.startswith("~ U.S. Ambassador: Brian A. Nichols") and "Joan Perkins" in line for line in lines)
    assert any(line.startswith("+ ") for line in lines) and any(line.startswith("- ") for line in lines)
    data = json.loads(CliRunner().invoke(main, ["diff", str(EXAMPLE), str(new), "--format", "json",
                                                "--no-verdicts"]).output)
    assert data["counts"]["changed"] >= 2 and data["old"]["published"] == "2017-02-02"
