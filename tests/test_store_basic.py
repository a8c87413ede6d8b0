"""The store on both databases: round trips, idempotence, editions, the two time axes, queries.

Documents are read for real from generated sheets; claims and verdicts are built here, so these
tests exercise the storage layer alone (ingest through extract+check is tested elsewhere).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from factsheet.errors import StoreError
from factsheet.model import Assessment, Claim, Document, Evidence, Verdict
from factsheet.read import read_bytes
from factsheet.store import Prepared, ReferenceStamp, Store, open_store
from factsheet.store.migrations import LATEST, MIGRATIONS
from factsheet.store.samples import sheet
from factsheet.store.testing import pg_schema

STAMP = ReferenceStamp(hash="ab" * 32, manifest='{"sources":{"pocom":{"rows":3}}}', version="2026.1",
                       horizon="2026-01-22")


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: object) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path / "kb.db")  # type: ignore[operator]
    else:
        with pg_schema() as pg:
            yield pg


@pytest.fixture
def store(url: str) -> Iterator[Store]:
    s = open_store(url)
    yield s
    s.close()


def document(i: int, published: str | None = None) -> Document:
    """Generated sheet i (country i % 40), optionally with another publication date."""
    doc = read_bytes(sheet(i).encode(), name=f"sheet-{i}.txt")
    return dataclasses.replace(doc, published=published) if published else doc


def ambassador(doc: Document, name: str) -> Claim:
    start = doc.text.index("The U.S. Ambassador")
    end = doc.text.index(";", start)
    return Claim("ambassador", doc.country, {"side": "us_to_partner", "name": name, "title": "Ambassador"},
                 (start, end), doc.text[start:end], "Bilateral Representation", 0.9, "amb.1")


def trade(doc: Document) -> Claim:
    start = doc.text.index("Two-way trade")
    end = doc.text.index(".", start + 30) + 1
    return Claim("trade", doc.country, {"flow": "two_way", "value_usd": 1.4e10, "year": 2015},
                 (start, end), doc.text[start:end], "Bilateral Economic Relations")


def verdict(idx: int, pub: str, now: str, on: str = "2026-11-29", current: str | None = None) -> Verdict:
    ev = (Evidence("pocom", "Brian A. Nichols, 2014-07-03 – 2017-10-13", record="pe-1",
                   citation="https://history.state.gov/x"),)
    return Verdict(idx, Assessment("2017-02-02", pub, ev),
                   Assessment(on, now, ev, current=current, horizon="2026-01-22"),
                   f"V-TEST-{now.upper()}", f"{pub} then, {now} now", findings=("F-1",) if pub == "inconsistent" else ())


def prepared(doc: Document, amb: str = "Brian A. Nichols", pub: str = "supported", now: str = "outdated") -> Prepared:
    claims = (ambassador(doc, amb), trade(doc))
    verdicts = (verdict(0, pub, now, current="Jane Doe" if now == "outdated" else None),
                verdict(1, "contradicted", "contradicted"))
    return Prepared(doc, claims, verdicts, "2026-11-29", STAMP)


def test_round_trip_keeps_document_claims_verdicts(store: Store) -> None:
    doc = document(0)
    item = prepared(doc)
    result = store.add_prepared(item)
    assert result.status == "new" and result.document_id is not None
    assert (result.country, result.published, result.claims) == ("PE", doc.published, 2)
    stored = store.document(result.document_id)
    assert stored.document == doc  # text, sections, blocks, sentences, links: all rebuilt
    assert stored.claims == list(item.claims)
    assert stored.verdicts == list(item.verdicts or ())
    assert [v.to_json() for v in stored.verdicts] == [v.to_json() for v in item.verdicts or ()]
    assert stored.meta["check_date"] == "2026-11-29"
    assert stored.meta["reference"] == STAMP.hash
    assert stored.meta["size"] == len(sheet(0).encode())
    with store.engine.connect() as conn:
        row = conn.execute(sa.text("SELECT version, manifest, horizon FROM reference_manifests")).one()
    assert tuple(row) == ("2026.1", STAMP.manifest, "2026-01-22")


def test_same_bytes_twice_change_nothing(store: Store) -> None:
    doc = document(1)
    first = store.add_prepared(prepared(doc))
    before = store.stats()
    again = store.add_prepared(prepared(doc, amb="Someone Else"))
    assert again.status == "unchanged" and again.document_id == first.document_id
    assert store.stats() == before
    assert store.document(first.document_id or 0).claims[0].fields["name"] == "Brian A. Nichols"
    assert store.add(sheet(1).encode(), "copy.txt").status == "unchanged"


def test_failed_sheet_is_reported_and_nothing_is_stored(store: Store) -> None:
    result = store.add(b"   \n\n  ", "blank.txt")
    assert result.status == "failed" and result.document_id is None
    assert result.reason and result.reason.startswith("E-INPUT")
    assert store.stats()["documents"] == 0


def test_verdict_count_mismatch_writes_nothing(store: Store) -> None:
    doc = document(2)
    bad = dataclasses.replace(prepared(doc), verdicts=(verdict(0, "supported", "current"),))
    with pytest.raises(StoreError, match="one verdict per claim"):
        store.add_prepared(bad)
    wrong_idx = dataclasses.replace(prepared(doc), verdicts=(verdict(0, "supported", "current"),
                                                             verdict(7, "supported", "current")))
    with pytest.raises(StoreError, match="claim 7"):
        store.add_prepared(wrong_idx)
    assert store.stats()["documents"] == 0 and store.stats()["claims"] == 0  # rolled back whole


def test_unchecked_document_is_stored_without_verdicts(store: Store) -> None:
    doc = document(3)
    result = store.add_prepared(Prepared(doc, (ambassador(doc, "X Y"),)))
    stored = store.document(result.document_id or 0)
    assert stored.verdicts == [] and stored.meta["check_date"] is None
    assert store.claims()[0]["now"] is None


def test_missing_document_is_a_store_error(store: Store) -> None:
    with pytest.raises(StoreError) as err:
        store.document(12345)
    assert err.value.code == "E-STORE-NOT-FOUND"


def _three_peru_editions(store: Store) -> list[int]:
    """Peru sheets of 2015-03, 2017-02-02 and 2019, stored out of order."""
    ids = {}
    for i, published, amb, now in ((80, "2019", "Krishna R. Urs", "current"),
                                    (0, "2015-03", "Brian A. Nichols", "outdated"),
                                    (40, "2017-02-02", "Brian A. Nichols", "outdated")):
        ids[published] = store.add_prepared(prepared(document(i, published), amb=amb, now=now)).document_id
    return [ids["2015-03"], ids["2017-02-02"], ids["2019"]]  # type: ignore[list-item]


def test_editions_are_in_publication_order(store: Store) -> None:
    ids = _three_peru_editions(store)
    eds = store.editions("PE")
    assert [e["document_id"] for e in eds] == ids
    assert [e["edition"] for e in eds] == [1, 2, 3]
    assert [e["published"] for e in eds] == ["2015-03", "2017-02-02", "2019"]
    assert eds[0]["claims"] == 2 and eds[0]["outdated"] == 1 and eds[0]["contradicted"] == 1
    with store.engine.connect() as conn:  # the SQL view agrees
        view = [tuple(r) for r in conn.execute(sa.text(
            "SELECT edition, document_id FROM editions WHERE country = 'PE' ORDER BY edition"))]
    assert view == [(1, ids[0]), (2, ids[1]), (3, ids[2])]


def test_said_on_axis_picks_latest_edition_published_by_then(store: Store) -> None:
    ids = _three_peru_editions(store)
    store.add_prepared(prepared(document(1)))  # Chile, 2000-01-04
    latest = store.latest_edition("PE")
    assert latest is not None and latest.id == ids[2]
    on_2018 = store.latest_edition("PE", dt.date(2018, 1, 1))
    assert on_2018 is not None and on_2018.id == ids[1]
    assert on_2018.claims[0].fields["name"] == "Brian A. Nichols"
    # a month-precise date counts from its first day
    on_march = store.latest_edition("PE", dt.date(2015, 3, 1))
    assert on_march is not None and on_march.id == ids[0]
    assert store.latest_edition("PE", dt.date(2015, 2, 28)) is None
    assert store.latest_edition("NO") is None
    said = store.claims(said_on=dt.date(2018, 1, 1), type="ambassador")
    assert [(r["country"], r["document_id"]) for r in said] == [
        ("CL", store.latest_edition("CL").id),  # type: ignore[union-attr]
        ("PE", ids[1]),
    ]
    assert {r["country"] for r in store.claims(said_on=dt.date(1999, 1, 1))} == set()
    assert [c["latest_document_id"] for c in store.countries(on=dt.date(2018, 1, 1)) if c["country"] == "PE"] == [ids[1]]


def test_claim_filters(store: Store) -> None:
    ids = _three_peru_editions(store)
    store.add_prepared(prepared(document(1), now="current"))  # Chile
    assert len(store.claims()) == 8
    assert {r["country"] for r in store.claims(country="CL")} == {"CL"}
    amb = store.claims(country="PE", type="ambassador")
    assert [r["document_id"] for r in amb] == ids  # ordered by publication
    assert [r["value"] for r in amb] == ["Ambassador Brian A. Nichols"] * 2 + ["Ambassador Krishna R. Urs"]
    assert amb[0]["current"] == "Jane Doe" and amb[0]["check_date"] == "2026-11-29"
    outdated = store.claims(verdict="outdated")
    assert [(r["country"], r["type"]) for r in outdated] == [("PE", "ambassador")] * 2
    contradicted = store.claims(verdict="contradicted")  # matches at publication or now
    assert len(contradicted) == 4 and {r["type"] for r in contradicted} == {"trade"}
    assert len(store.claims(verdict="V-TEST-OUTDATED")) == 2
    since = store.claims(country="PE", since=dt.date(2016, 1, 1))
    assert {r["document_id"] for r in since} == set(ids[1:])
    until = store.claims(country="PE", until=dt.date(2016, 1, 1))
    assert {r["document_id"] for r in until} == {ids[0]}
    assert store.claims(type="relations.*") == []
    assert len(store.claims(limit=3)) == 3
    everything = store.claims()
    assert store.claims(limit=3, offset=2) == everything[2:5]
    assert store.claims(offset=7) == everything[7:]


def test_countries_summarize_latest_edition(store: Store) -> None:
    _three_peru_editions(store)
    store.add_prepared(prepared(document(1), now="outdated"))  # Chile 2000-01-04
    rows = {r["country"]: r for r in store.countries()}
    assert set(rows) == {"CL", "PE"}
    pe = rows["PE"]
    assert pe["latest_published"] == "2019" and pe["editions"] == 3
    assert (pe["claims"], pe["contradicted"], pe["outdated"], pe["current"]) == (2, 1, 0, 1)
    assert pe["days_since"] == (dt.date.today() - dt.date(2019, 1, 1)).days
    assert rows["CL"]["outdated"] == 1


def test_history_follows_one_claim_type_across_editions(store: Store) -> None:
    ids = _three_peru_editions(store)
    doc = document(120, "2021-06-01")
    store.add_prepared(Prepared(doc, (trade(doc),), (verdict(0, "supported", "current"),), "2026-11-29", STAMP))
    hist = store.history("PE", "ambassador")
    assert [h["document_id"] for h in hist][:3] == ids
    assert [[c["value"] for c in h["claims"]] for h in hist] == [
        ["Ambassador Brian A. Nichols"], ["Ambassador Brian A. Nichols"], ["Ambassador Krishna R. Urs"], []
    ]
    assert [h["claims"][0]["now"] for h in hist[:3]] == ["outdated", "outdated", "current"]


def test_a_new_check_becomes_the_current_verdicts(store: Store) -> None:
    doc = document(5)
    doc_id = store.add_prepared(prepared(doc)).document_id or 0
    store.add_check(doc_id, [verdict(0, "supported", "current", on="2027-01-01"),
                             verdict(1, "supported", "current", on="2027-01-01")],
                    check_date=dt.date(2027, 1, 1), reference=STAMP)
    stored = store.document(doc_id)
    assert [v.now.verdict for v in stored.verdicts] == ["current", "current"]
    assert stored.meta["check_date"] == "2027-01-01"
    assert {r["now"] for r in store.claims()} == {"current"}
    assert store.countries()[0]["outdated"] == 0
    with pytest.raises(StoreError, match="2 claims but 1 verdicts"):
        store.add_check(doc_id, [verdict(0, "supported", "current")], check_date=dt.date(2027, 1, 2))


def test_migrations_are_recorded_once(url: str) -> None:
    open_store(url).close()
    with open_store(url) as store:
        with store.engine.connect() as conn:
            rows = [tuple(r) for r in conn.execute(sa.text("SELECT version, name FROM schema_migrations ORDER BY version"))]
        assert rows == [(m.version, m.name) for m in MIGRATIONS]
        assert store.stats()["schema_version"] == LATEST


def test_newer_schema_is_refused(url: str) -> None:
    with open_store(url) as store, store.engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO schema_migrations VALUES (99, 'from the future', 'x')"))
    with pytest.raises(StoreError, match="newer than this factsheet"):
        open_store(url)


def test_a_missing_migration_is_applied_on_open(url: str) -> None:
    """A database at schema version 1 (no views yet) is brought to the latest on open."""
    with open_store(url) as store:
        store.add_prepared(prepared(document(0)))
        with store.engine.begin() as conn:
            conn.execute(sa.text("DROP VIEW editions"))
            conn.execute(sa.text("DROP VIEW current_verdicts"))
            conn.execute(sa.text("DROP TABLE country_latest"))
            conn.execute(sa.text("DELETE FROM schema_migrations WHERE version >= 2"))
    with open_store(url) as store:
        assert store.stats()["schema_version"] == LATEST and store.stats()["documents"] == 1
        # migration 3 filled country_latest from the stored documents
        assert [(r["country"], r["claims"], r["outdated"]) for r in store.countries()] == [
            (document(0).country, 2, 1)
        ]
        with store.engine.connect() as conn:
            assert conn.execute(sa.text("SELECT COUNT(*) FROM editions")).scalar() == 1
            row = conn.execute(sa.text("SELECT type, now FROM current_verdicts ORDER BY claim")).all()
        assert [tuple(r) for r in row] == [("ambassador", "outdated"), ("trade", "contradicted")]


#: Migrations that have shipped, frozen: migrations are append-only (docs/store.md), so this list
#: must stay a prefix of MIGRATIONS — renaming, renumbering or reordering one fails here.
SHIPPED = [
    (1, "documents, claims, checks, verdicts, reference manifests"),
    (2, "views editions and current_verdicts"),
    (3, "country_latest: each country's latest edition and verdict counts"),
    (4, "index claims (type, document_id)"),
]


def test_shipped_migrations_are_a_prefix_of_the_code() -> None:
    assert [(m.version, m.name) for m in MIGRATIONS[: len(SHIPPED)]] == SHIPPED
    versions = [m.version for m in MIGRATIONS]
    # strictly increasing; a number may be held by another branch's migration until it merges
    assert versions == sorted(set(versions)) and versions[0] == 1


def test_recorded_migrations_must_be_a_prefix(url: str) -> None:
    """A database missing a middle migration (edited by hand) is refused, not patched over."""
    with open_store(url) as store, store.engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM schema_migrations WHERE version = 2"))
    with pytest.raises(StoreError, match=f"not the first {len(MIGRATIONS) - 1} of factsheet's"):
        open_store(url)


def test_country_latest_matches_a_full_recount(store: Store) -> None:
    """The table kept at ingest gives what ranking every edition and counting verdicts gives."""
    from factsheet.store import queries

    for i, published in ((0, "2015-01-02"), (40, "2017-03-04"), (80, "2016-05-06"), (1, None), (41, "2012"),
                         (81, "2012-01-01"), (2, "2010")):
        store.add_prepared(prepared(document(i, published)))
    fast = store.countries()
    with store._read() as conn:
        slow = queries.countries(conn, dt.date.today())
    assert fast == slow
    doc_id = fast[0]["latest_document_id"]
    store.add_check(doc_id, [verdict(0, "supported", "current"), verdict(1, "supported", "current")],
                    check_date=dt.date(2027, 1, 1))
    with store._read() as conn:
        assert store.countries() == queries.countries(conn, dt.date.today())


def test_claims_type_document_index_on_postgresql_only(store: Store) -> None:
    """Migration 4: PostgreSQL gets the (type, document_id) index; SQLite keeps its plans."""
    names = {ix["name"] for ix in sa.inspect(store.engine).get_indexes("claims")}
    assert ("ix_claims_type_document" in names) == (store.dialect == "postgresql")


def test_verdict_counts_by_country_equal_counts_by_ids(store: Store) -> None:
    """editions() selects a country's verdict counts by country: the same as by its ids."""
    from factsheet.store import queries

    for i, published in ((0, "2015-01-02"), (40, "2017-03-04"), (80, "2016-05-06"), (1, None)):
        store.add_prepared(prepared(document(i, published), now="current" if i % 2 else "outdated"))
    with store._read() as conn:
        for country in {c["country"] for c in store.countries()}:
            ids = [e["document_id"] for e in queries.editions(conn, country)]
            by_ids = queries._verdict_counts(conn, ids)
            assert by_ids and queries._verdict_counts(conn, ids, country=country) == by_ids
