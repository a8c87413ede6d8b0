"""Read-side queries: claims by filter, countries, editions, history, and the two time axes.

Two time axes (see docs/store.md):

- **said on D** (publication time): what the sheets said on date D — for each country, the
  latest edition published on or before D (``published_on <= D``; a month- or year-precise date
  counts from its first day). ``claims(said_on=D)``, ``latest_edition(country, on=D)``.
- **true on D** (valid time): what the reference data says was true on D — each selected claim
  re-judged by the checker with ``as_of=D`` (``claims(true_on=D)``, in store.Store). Combine the two:
  "what did the sheets say on 2018-01-01 that was already outdated that day".

Every query returns plain dicts (JSON-able) and works the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from typing import Any

import sqlalchemy as sa

from .codec import dumps, summarize
from .schema import checks, claims, country_latest, documents, verdicts

d = documents.alias("d")
c = claims.alias("c")
v = verdicts.alias("v")
ck = checks.alias("ck")


def latest_ids(on: dt.date | None) -> Any:
    """SQL: the id of each country's latest edition (published by ``on`` when given).

    Latest = greatest publication date, ties broken by the greater id; undated documents sort
    first, so one is the latest only for a country without dated editions (and never "by a date").
    """
    key = sa.func.coalesce(documents.c.published_on, "")
    newest = sa.select(documents.c.country, sa.func.max(key).label("p")).where(documents.c.country.is_not(None))
    if on is not None:
        newest = newest.where(documents.c.published_on <= on.isoformat())
    m = newest.group_by(documents.c.country).subquery("newest")
    x = documents.alias("x")
    return (
        sa.select(sa.func.max(x.c.id))
        .select_from(x.join(m, sa.and_(x.c.country == m.c.country, sa.func.coalesce(x.c.published_on, "") == m.c.p)))
        .group_by(x.c.country)
    )


#: verdict names a filter may give (at publication or now); codes start with "V-"
VERDICT_NAMES = ("supported", "contradicted", "inconsistent", "unverifiable", "current", "outdated",
                 "unknown")


def claim_type_filter(value: str | None, option: str = "--type") -> str | None:
    """``value`` when it names a claim type or family (``ambassador``, ``relations.*``,
    ``relations.established``), else a UsageError listing the families: an unknown type is a
    mistake, not a query with no answer."""
    if value is None:
        return None
    from ..check import CHECKERS
    from ..errors import UsageError

    family = value.removesuffix(".*").split(".")[0]
    if family not in CHECKERS or not value.replace(".*", "").replace(".", "").replace("_", "").isalnum():
        raise UsageError(f"{option} {value[:60]!r} is not a claim type: give one of "
                         f"{', '.join(sorted(CHECKERS))} (or a family such as relations.*).")
    return value


def verdict_filter(value: str | None, option: str = "--verdict") -> str | None:
    """``value`` when it is a verdict name or a code (``V-…``), else a UsageError."""
    if value is None:
        return None
    from ..errors import UsageError

    if value.upper().startswith("V-") and value[2:].replace("-", "").isalnum():
        return value.upper()
    if value.lower() in VERDICT_NAMES:
        return value.lower()
    raise UsageError(f"{option} {value[:60]!r} is not a verdict: give one of "
                     f"{', '.join(VERDICT_NAMES)}, or a code such as V-AMB-OUTDATED.")


def claim_rows(
    conn: sa.Connection,
    *,
    country: str | None = None,
    type: str | None = None,
    verdict: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    said_on: dt.date | None = None,
    document_id: int | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Claims with their document and their latest verdicts, filtered; one dict per claim.

    ``verdict`` matches the verdict at publication or now (``contradicted``, ``outdated``, …) or
    a verdict code (``V-AMB-OUTDATED``); ``since``/``until`` bound the publication date.
    """
    q = (
        sa.select(
            c.c.id.label("claim_id"), c.c.idx, c.c.type, c.c.fields, c.c.quote, c.c.section,
            c.c.confidence, c.c.span_start, c.c.span_end,
            d.c.id.label("document_id"), d.c.country, d.c.published, d.c.kind, d.c.source,
            v.c.at_publication, v.c.now, v.c.code, v.c.message, v.c.current, v.c.horizon,
            ck.c.check_date, ck.c.reference_hash,
        )
        .select_from(
            c.join(d, c.c.document_id == d.c.id)
            .outerjoin(v, sa.and_(v.c.check_id == d.c.check_id, v.c.claim_idx == c.c.idx))
            .outerjoin(ck, ck.c.id == d.c.check_id)
        )
        .order_by(d.c.country, d.c.published_on, d.c.id, c.c.idx)
    )
    if country:
        q = q.where(d.c.country == country)
    if type:
        q = q.where(c.c.type == type) if not type.endswith(".*") else q.where(
            c.c.type.like(type[:-1] + "%")
        )
    if verdict:
        if verdict.upper().startswith("V-"):
            q = q.where(v.c.code == verdict)
        else:
            q = q.where(sa.or_(v.c.at_publication == verdict, v.c.now == verdict))
    if since:
        q = q.where(d.c.published_on >= since.isoformat())
    if until:
        q = q.where(d.c.published_on <= until.isoformat())
    if said_on:
        q = q.where(d.c.id.in_(latest_ids(said_on)))
    if document_id is not None:
        q = q.where(d.c.id == document_id)
    if limit is not None:
        q = q.limit(min(limit, MAX_LIMIT))
    if offset:
        q = q.offset(min(offset, MAX_LIMIT))
    return [_claim_dict(r) for r in plain_rows(conn, q)]


#: Larger limits and offsets are clamped (SQLite's LIMIT is a signed 64-bit integer; Python's int
#: is not, and a huge value would overflow in the driver).
MAX_LIMIT = 2**62


def plain_rows(conn: sa.Connection, q: Any) -> list[tuple[Any, ...]]:
    """The rows of a SELECT as plain tuples from the driver's cursor: for thousands of rows,
    SQLAlchemy's Row objects and result processing cost as much as the query (no column here
    needs type processing: every value is text, an integer, a float or NULL)."""
    # render_postcompile: an IN list's values become ordinary bound parameters
    compiled = q.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    params = compiled.construct_params()
    args: Any = (tuple(params[name] for name in compiled.positiontup or ())
                 if compiled.positional else params)
    return raw_execute(conn, str(compiled), args, fetch="all")


def raw_execute(conn: sa.Connection, sql: str, args: Any, fetch: str = "none") -> Any:
    """Execute on the driver's own cursor, in the connection's transaction, skipping SQLAlchemy's
    per-statement work (≈ 0.1 ms each, several per stored document). ``fetch``: none, one (the
    first column of the first row, or None) or all. Driver errors are raised as SQLAlchemy's
    DBAPIError, like any other statement's, so callers report them the same way."""
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql, args)
        if fetch == "all":
            return list(cursor.fetchall())
        if fetch == "one":
            row = cursor.fetchone()
            return None if row is None else row[0]
        return None
    except conn.dialect.loaded_dbapi.Error as exc:
        raise sa.exc.DBAPIError.instance(sql, args, exc, conn.dialect.loaded_dbapi.Error) from None
    finally:
        cursor.close()


def _claim_dict(r: Any) -> dict[str, Any]:
    (claim_id, idx, ctype, fields_json, quote, section, confidence, span_start, span_end, document_id,
     country, published, kind, source, at_pub, now, code, message, current, horizon, check_date,
     reference) = r  # plain tuple unpacking: this runs once per returned claim
    fields = json.loads(fields_json)
    return {
        "claim_id": claim_id,
        "document_id": document_id,
        "country": country,
        "published": published,
        "kind": kind,
        "source": source,
        "claim": idx,
        "type": ctype,
        "value": summarize(ctype, fields),
        "fields": fields,
        "quote": quote,
        "span": [span_start, span_end],
        "section": section,
        "confidence": confidence,
        "at_publication": at_pub,
        "now": now,
        "code": code,
        "message": message,
        "current": current,
        "horizon": horizon,
        "check_date": check_date,
        "reference": reference,
    }


def _verdict_counts(
    conn: sa.Connection, doc_ids: list[int], *, country: str | None = None
) -> dict[int, dict[str, Counter[str]]]:
    """Per document: Counters of its latest verdicts at publication and now.

    ``country``: ``doc_ids`` are all of that country's documents; select them by country (one
    bound parameter and the country index) instead of by a list of hundreds of ids."""
    out: dict[int, dict[str, Counter[str]]] = defaultdict(
        lambda: {"at_publication": Counter(), "now": Counter()}
    )
    if not doc_ids:
        return out
    q = (
        sa.select(d.c.id.label("document_id"), v.c.at_publication, v.c.now, sa.func.count().label("n"))
        .select_from(v.join(d, v.c.check_id == d.c.check_id))
        .where(d.c.country == country if country is not None else d.c.id.in_(doc_ids))
        .group_by(d.c.id, v.c.at_publication, v.c.now)
    )
    # plain tuples from the driver: a country's editions give thousands of rows (history, editions)
    for doc_id, at_pub, now, n in plain_rows(conn, q):
        counts = out[doc_id]
        counts["at_publication"][at_pub] += n
        counts["now"][now] += n
    return out


def _counts(n_claims: int, counts: dict[str, Counter[str]]) -> dict[str, Any]:
    pub, now = counts["at_publication"], counts["now"]
    checked = sum(pub.values())
    return {
        "claims": n_claims,
        "checked": checked,
        "supported": pub["supported"],
        "contradicted": pub["contradicted"],
        "unverifiable": pub["unverifiable"],
        "inconsistent": pub["inconsistent"],
        "current": now["current"],
        "outdated": now["outdated"],
        "unknown": now["unknown"],
        "verdicts": {"at_publication": dict(sorted(pub.items())), "now": dict(sorted(now.items()))},
    }


def days_since(published_on: str | None, today: dt.date | None = None) -> int | None:
    if not published_on:
        return None
    return ((today or dt.date.today()) - dt.date.fromisoformat(published_on)).days


def counts_json(pairs: Any) -> str:
    """{"at_publication": {...}, "now": {...}} of (at_publication, now) verdict pairs, as JSON text."""
    pub: Counter[str] = Counter()
    now: Counter[str] = Counter()
    for a, b in pairs:
        pub[a] += 1
        now[b] += 1
    return dumps({"at_publication": dict(pub), "now": dict(now)})


def rebuild_country_latest(conn: sa.Connection) -> None:
    """Recompute the country_latest table from the documents (migration 3; repairs)."""
    conn.execute(country_latest.delete())
    n_editions: dict[str, int] = {
        country: n for country, n in conn.execute(
            sa.select(documents.c.country, sa.func.count())
            .where(documents.c.country.is_not(None))
            .group_by(documents.c.country)
        ).tuples()
    }
    rows = list(conn.execute(
        sa.select(d.c.id, d.c.country, d.c.published_on).where(d.c.id.in_(latest_ids(None)))
    ))
    counts = _verdict_counts(conn, [r.id for r in rows])
    values = [
        {"country": r.country, "document_id": r.id, "latest_key": r.published_on or "",
         "editions": n_editions[r.country],
         "counts": dumps({k: dict(v) for k, v in counts[r.id].items()})}
        for r in rows
    ]
    if values:
        conn.execute(country_latest.insert(), values)


#: One statement per stored document: count the edition, and make it the country's latest when
#: it is (greater publication key, ties to the greater id — the order latest_ids uses).
_NEWER = ("(EXCLUDED.latest_key > country_latest.latest_key OR (EXCLUDED.latest_key = "
          "country_latest.latest_key AND EXCLUDED.document_id > country_latest.document_id))")
UPSERT_COUNTRY_LATEST = (  # parameters in order: country, document_id, latest_key, counts
    "INSERT INTO country_latest (country, document_id, latest_key, editions, counts) "
    "VALUES (?, ?, ?, 1, ?) ON CONFLICT (country) DO UPDATE SET "
    "editions = country_latest.editions + 1, "
    f"document_id = CASE WHEN {_NEWER} THEN EXCLUDED.document_id ELSE country_latest.document_id END, "
    f"counts = CASE WHEN {_NEWER} THEN EXCLUDED.counts ELSE country_latest.counts END, "
    f"latest_key = CASE WHEN {_NEWER} THEN EXCLUDED.latest_key ELSE country_latest.latest_key END"
)
# (latest_key is assigned last: in PostgreSQL every SET expression sees the old row anyway, and
# SQLite evaluates them against the old row too, so the order is for the reader.)


def countries(conn: sa.Connection, on: dt.date | None = None) -> list[dict[str, Any]]:
    """Per country: its latest edition (by ``on`` when given) and that edition's verdict counts."""
    if on is None:
        return _countries_now(conn)
    n_editions = (
        sa.select(sa.func.count())
        .where(documents.c.country == d.c.country)
        .correlate(d)
        .scalar_subquery()
    )
    if on is not None:
        n_editions = (
            sa.select(sa.func.count())
            .where(documents.c.country == d.c.country, documents.c.published_on <= on.isoformat())
            .correlate(d)
            .scalar_subquery()
        )
    q = (
        sa.select(d.c.id, d.c.country, d.c.published, d.c.published_on, d.c.kind, d.c.n_claims,
                  d.c.source, n_editions.label("editions"))
        .where(d.c.id.in_(latest_ids(on)))
        .order_by(d.c.country)
    )
    rows = list(conn.execute(q))
    counts = _verdict_counts(conn, [r.id for r in rows])
    today = on or dt.date.today()
    return [
        {
            "country": r.country,
            "latest_document_id": r.id,
            "latest_published": r.published,
            "kind": r.kind,
            "source": r.source,
            "editions": r.editions,
            "days_since": days_since(r.published_on, today),
            **_counts(r.n_claims, counts[r.id]),
        }
        for r in rows
    ]


_COUNTRIES_NOW = sa.text(
    "SELECT d.id, d.country, d.published, d.published_on, d.kind, d.n_claims, d.source, "
    "cl.editions, cl.counts FROM country_latest cl JOIN documents d ON d.id = cl.document_id "
    "ORDER BY d.country"
)


def _countries_now(conn: sa.Connection) -> list[dict[str, Any]]:
    """``countries()`` from the country_latest table: one row per country, no ranking, no counting
    (a fixed statement and plain tuples: this runs on every index page and API call)."""
    today = dt.date.today()
    out = []
    for doc_id, country, published, published_on, kind, n_claims, source, n_editions, counts in (
        conn.execute(_COUNTRIES_NOW).tuples()
    ):
        raw = json.loads(counts)
        pub: dict[str, int] = raw.get("at_publication", {})
        now: dict[str, int] = raw.get("now", {})
        out.append({
            "country": country,
            "latest_document_id": doc_id,
            "latest_published": published,
            "kind": kind,
            "source": source,
            "editions": n_editions,
            "days_since": (today - dt.date.fromisoformat(published_on)).days if published_on else None,
            "claims": n_claims,
            "checked": sum(pub.values()),
            "supported": pub.get("supported", 0),
            "contradicted": pub.get("contradicted", 0),
            "unverifiable": pub.get("unverifiable", 0),
            "inconsistent": pub.get("inconsistent", 0),
            "current": now.get("current", 0),
            "outdated": now.get("outdated", 0),
            "unknown": now.get("unknown", 0),
            "verdicts": {"at_publication": dict(sorted(pub.items())), "now": dict(sorted(now.items()))},
        })
    return out


def editions(conn: sa.Connection, country: str) -> list[dict[str, Any]]:
    """A country's documents in publication order (undated first), numbered from 1."""
    key = sa.case((d.c.published_on.is_(None), 0), else_=1)
    q = (
        sa.select(d.c.id, d.c.published, d.c.published_on, d.c.kind, d.c.title, d.c.source,
                  d.c.n_claims, d.c.sha256, d.c.ingested_at)
        .where(d.c.country == country)
        .order_by(key, d.c.published_on, d.c.id)
    )
    rows = list(conn.execute(q))
    counts = _verdict_counts(conn, [r.id for r in rows], country=country)
    return [
        {
            "edition": i,
            "document_id": r.id,
            "country": country,
            "published": r.published,
            "kind": r.kind,
            "title": r.title,
            "source": r.source,
            "sha256": r.sha256,
            "ingested_at": r.ingested_at,
            **_counts(r.n_claims, counts[r.id]),
        }
        for i, r in enumerate(rows, start=1)
    ]


def latest_document_id(conn: sa.Connection, country: str, on: dt.date | None) -> int | None:
    key = sa.func.coalesce(d.c.published_on, "")
    q = sa.select(d.c.id).where(d.c.country == country).order_by(key.desc(), d.c.id.desc()).limit(1)
    if on is not None:
        q = q.where(d.c.published_on <= on.isoformat())
    return conn.execute(q).scalar()


def history(conn: sa.Connection, country: str, claim_type: str) -> list[dict[str, Any]]:
    """One claim type across a country's editions: every edition, with its claims of that type
    (an edition that does not state it appears with ``claims: []``)."""
    by_doc: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in claim_rows(conn, country=country, type=claim_type):
        by_doc[row["document_id"]].append(row)
    out = []
    for ed in editions(conn, country):
        out.append(
            {
                "edition": ed["edition"],
                "document_id": ed["document_id"],
                "published": ed["published"],
                "kind": ed["kind"],
                "source": ed["source"],
                "claims": [
                    {k: row[k] for k in ("claim", "value", "fields", "quote", "at_publication", "now",
                                         "code", "message", "current", "check_date")}
                    for row in by_doc.get(ed["document_id"], [])
                ],
            }
        )
    return out
