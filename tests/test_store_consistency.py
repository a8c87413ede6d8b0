"""Cross-edition consistency at ingest: a new edition is checked against the stored editions of
its country, and stores exactly the verdicts ``check(..., editions=...)`` gives."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from factsheet.check import check
from factsheet.reference import load_reference
from factsheet.store import Store
from factsheet.store.ingest import ingest_paths
from factsheet.store.samples import sheet

ON = dt.date(2026, 11, 29)


def ingest(store: Store, folder: Path, texts: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    summary = ingest_paths(store, [folder], jobs=1, check_date=ON)
    assert summary.count("failed") == 0, summary.to_json()


def trade_rows(store: Store, document_id: int) -> list[dict[str, object]]:
    return [r for r in store.claims(type="trade") if r["document_id"] == document_id]


def test_conflicting_trade_figures_across_editions_are_inconsistent(store: Store, tmp_path: Path) -> None:
    # generated sheets 0 and 40: Peru, a month apart, both giving 1999 trade, with other figures
    first, second = sheet(0), sheet(40)
    assert "$13 billion in 1999" in first and "$26 billion in 1999" in second
    ingest(store, tmp_path / "a", {"peru-1.txt": first})
    ingest(store, tmp_path / "b", {"peru-2.txt": second})
    old_id, new_id = (e["document_id"] for e in store.editions("PE"))
    assert {r["at_publication"] for r in trade_rows(store, old_id)} == {"unverifiable"}  # alone then
    new = trade_rows(store, new_id)
    assert [r["at_publication"] for r in new] == ["inconsistent"] * 3
    assert {r["code"] for r in new} == {"V-CONS-EDITION-VALUE"}
    two_way = next(r for r in new if r["fields"]["flow"] == "two_way")  # type: ignore[index]
    assert "gives $13 billion" in str(two_way["message"]) and "this one gives $26 billion" in str(two_way["message"])
    # the index page counts it
    inconsistent = [r for r in store.claims(country="PE") if r["document_id"] == new_id
                    and r["at_publication"] == "inconsistent"]
    assert len(inconsistent) >= 3 and store.countries()[0]["inconsistent"] == len(inconsistent)

    # exactly what the checker gives with the earlier edition passed in
    older, newer = store.document(old_id), store.document(new_id)
    expected = check(newer.document, newer.claims, load_reference(), as_of=ON,
                     editions=[(older.document, older.claims)])
    assert [v.to_json() for v in newer.verdicts] == [v.to_json() for v in expected]


def test_an_ambassador_going_back_in_time_is_inconsistent(store: Store, tmp_path: Path) -> None:
    a, b, c = sheet(0), sheet(40), sheet(80)
    amb_a, amb_b = "Brian A. Nichols", "Grace T. Okafor"
    assert amb_a in a and amb_b in b
    c = c.replace("Henry P. Lindqvist", amb_a)  # the third edition names the first one's again
    ingest(store, tmp_path / "s", {"1.txt": a, "2.txt": b, "3.txt": c})
    ids = [e["document_id"] for e in store.editions("PE")]
    third = [r for r in store.claims(type="ambassador") if r["document_id"] == ids[2]]
    stored = [store.document(i) for i in ids]
    verdict = stored[2].verdicts[int(str(third[0]["claim"]))]
    # a source contradicts it too (no such ambassador in 2000), which wins; the finding is kept
    assert verdict.at_publication.verdict in ("inconsistent", "contradicted")
    assert "V-CONS-EDITION-BACKWARDS" in (verdict.code, *verdict.findings)
    assert f"already names {amb_b}" in verdict.message
    expected = check(stored[2].document, stored[2].claims, load_reference(), as_of=ON,
                     editions=[(s.document, s.claims) for s in stored[:2]])
    assert [v.to_json() for v in stored[2].verdicts] == [v.to_json() for v in expected]


def test_consistent_editions_and_other_countries_are_left_alone(store: Store, tmp_path: Path) -> None:
    peru = sheet(0)
    ingest(store, tmp_path / "s", {"pe.txt": peru, "cl.txt": sheet(1),
                                   "pe-again.txt": peru.replace("January 3, 2000", "February 3, 2000")})
    assert not [r for r in store.claims() if r["at_publication"] == "inconsistent"
                and str(r["code"]).startswith("V-CONS-EDITION")]


def test_cross_editions_can_be_turned_off(store: Store, tmp_path: Path) -> None:
    store.cross_editions = 0
    ingest(store, tmp_path / "s", {"1.txt": sheet(0), "2.txt": sheet(40)})
    assert {r["at_publication"] for r in store.claims(type="trade")} == {"unverifiable"}
