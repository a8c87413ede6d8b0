"""Loading the tables: the hash-keyed cache, validity semantics, coverage answers."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from factsheet.errors import ReferenceDataError
from factsheet.model import Fact
from factsheet.reference import Reference
from factsheet.reference._format import DATA_DIR
from factsheet.reference.store import _bounds


@pytest.fixture
def tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("FACTSHEET_CACHE", str(tmp_path / "cache"))
    copy = tmp_path / "tables"
    shutil.copytree(DATA_DIR, copy)
    return copy


def test_cache_is_built_on_first_use_and_reused(tables: Path, tmp_path: Path) -> None:
    first = Reference(tables)
    assert not first.from_cache
    assert first.cache_path is not None and first.cache_path.is_file()
    assert first.cache_path.parent == tmp_path / "cache"
    second = Reference(tables)
    assert second.from_cache and second.key == first.key
    assert second.facts("PE", "relations.established") == first.facts("PE", "relations.established")


def test_cache_is_rebuilt_when_a_table_changes(tables: Path) -> None:
    before = Reference(tables)
    path = tables / "rdcr.tsv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if "\tPE\t" not in line), encoding="utf-8")
    after = Reference(tables)
    assert after.key != before.key and not after.from_cache
    assert after.facts("PE", "relations.established") == []


def test_unwritable_cache_dir_still_works(tables: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    monkeypatch.setenv("FACTSHEET_CACHE", str(blocker / "cache"))
    ref = Reference(tables)
    assert ref.facts("CU", "relations.severed")


def test_missing_or_damaged_tables_are_reference_errors(tables: Path) -> None:
    (tables / "visits.tsv").unlink()
    with pytest.raises(ReferenceDataError, match="visits"):
        Reference(tables)
    with pytest.raises(ReferenceDataError, match="manifest"):
        Reference(tables / "nowhere")


def test_damaged_row_is_reported(tables: Path) -> None:
    path = tables / "gsh.tsv"
    path.write_text(path.read_text(encoding="utf-8") + "gsh\tbroken-row\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"gsh\.tsv"):
        Reference(tables, use_cache=False)


def fact(valid_from: str | None, valid_to: str | None) -> Fact:
    return Fact("t", "r", "PE", "p", {}, valid_from, valid_to)


def test_validity_bounds() -> None:
    d = dt.date
    assert _bounds(fact("2016-07-28", "2018-03-23")) == (d(2016, 7, 28), d(2018, 3, 22))  # day: exclusive
    assert _bounds(fact("2016", "2016")) == (d(2016, 1, 1), d(2016, 12, 31))  # year: inclusive
    assert _bounds(fact("2017-02-24", "2017-02-24")) == (d(2017, 2, 24), d(2017, 2, 24))  # a one-day event
    assert _bounds(fact("1827-05-21", None)) == (d(1827, 5, 21), None)
    assert _bounds(fact("2020-11", "2021-05")) == (d(2020, 11, 1), d(2021, 5, 31))


def test_answer_notes_name_the_sources(tables: Path) -> None:
    ref = Reference(tables)
    answer = ref.answer("PE", "us_chief_of_mission", dt.date(1995, 6, 1))
    assert answer.covered and "pocom" in answer.note  # the Factbook has no U.S. chief before 1997 for PE
    assert answer.sources == ("factbook", "pocom")
    nothing = ref.answer("PE", "no_such_predicate", dt.date(2000, 1, 1))
    assert not nothing.covered and nothing.facts == ()
    assert ref.horizon("no_such_predicate") is None
    assert ref.horizon() is not None
    assert answer.to_json()["covered"] is True


def test_tables_replaced_under_a_running_process_do_not_break_it(tables: Path) -> None:
    ref = Reference(tables)  # no row of DE parsed yet
    for path in tables.glob("*.tsv"):  # a rebuild empties the tables meanwhile
        path.write_text(path.read_text(encoding="utf-8").splitlines(keepends=True)[0], encoding="utf-8")
    assert "1974-09-04" in [f.value["date"] for f in ref.facts("DE", "relations.established")]
