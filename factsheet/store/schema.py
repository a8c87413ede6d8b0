"""The knowledge base's tables, as SQLAlchemy Core (one definition for SQLite and PostgreSQL).

::

    documents ──< claims                  (claims.idx: the claim's index in extract()'s list)
        │
        └──< checks ──< verdicts          (one check = one run of the checker on a date, with
                 │                          the reference manifest it used; a verdict names its
                 └── reference_manifests    claim by (document, idx); documents.check_id points
                                            at the current check)

    editions (view): a country's documents in publication order, numbered from 1.
    current_verdicts (view): each claim with its document and current verdict.

Dates are ISO strings with the precision the sheet gives (``published``); ``published_on`` is
the first day that date can mean (``2017-02`` → ``2017-02-01``), kept as ``YYYY-MM-DD`` text so
that ordering and comparison work the same way on both databases.
JSON values are stored as text: portable, diffable, and easy to read from Datasette.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

schema_migrations = sa.Table(
    "schema_migrations",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("applied_at", sa.Text, nullable=False),
)

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("source", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("country", sa.String(2)),
    sa.Column("bureau", sa.Text),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("published", sa.String(10)),
    sa.Column("published_on", sa.String(10)),
    sa.Column("media_type", sa.String(8), nullable=False),
    sa.Column("encoding", sa.String(32), nullable=False),
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    # sections, blocks, sentences and links as compact JSON arrays: enough to rebuild the Document
    sa.Column("structure", sa.Text, nullable=False),
    # written in the same transaction as the claims: lets anyone verify nothing is half-written
    sa.Column("n_claims", sa.Integer, nullable=False),
    # the check whose verdicts are current (the latest one); older checks stay in ``checks``
    sa.Column("check_id", sa.Integer),
    sa.Column("ingested_at", sa.Text, nullable=False),
    # migration 5: when an undated sheet was published, as a range with its basis (CLAIMS.md)
    *(sa.Column(name, type_) for name, type_ in (
        ("published_earliest", sa.String(10)), ("published_latest", sa.String(10)),
        ("published_basis", sa.String(20)), ("published_note", sa.Text))),
    sa.UniqueConstraint("sha256", name="uq_documents_sha256"),
)
sa.Index("ix_documents_country_published", documents.c.country, documents.c.published_on)
sa.Index("ix_documents_published", documents.c.published_on)

claims = sa.Table(
    "claims",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("idx", sa.Integer, nullable=False),  # the claim's index in extract()'s list
    sa.Column("type", sa.String(40), nullable=False),
    sa.Column("country", sa.String(2)),
    sa.Column("fields", sa.Text, nullable=False),
    sa.Column("span_start", sa.Integer, nullable=False),
    sa.Column("span_end", sa.Integer, nullable=False),
    sa.Column("quote", sa.Text, nullable=False),
    sa.Column("section", sa.Text),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("rule", sa.Text),
    sa.UniqueConstraint("document_id", "idx", name="uq_claims_document_idx"),
)
sa.Index("ix_claims_type", claims.c.type)

reference_manifests = sa.Table(
    "reference_manifests",
    metadata,
    sa.Column("hash", sa.String(64), primary_key=True),
    sa.Column("version", sa.Text),
    sa.Column("manifest", sa.Text, nullable=False),
    sa.Column("horizon", sa.String(10)),
)

checks = sa.Table(
    "checks",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("check_date", sa.String(10), nullable=False),
    sa.Column("reference_hash", sa.String(64), sa.ForeignKey("reference_manifests.hash")),
    sa.Column("checked_at", sa.Text, nullable=False),
    sa.Column("n_verdicts", sa.Integer, nullable=False),
)
sa.Index("ix_checks_document", checks.c.document_id, checks.c.id)

verdicts = sa.Table(
    "verdicts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("check_id", sa.Integer, sa.ForeignKey("checks.id", ondelete="CASCADE"), nullable=False),
    sa.Column("claim_idx", sa.Integer, nullable=False),  # = claims.idx of the check's document
    sa.Column("at_publication", sa.String(16), nullable=False),
    sa.Column("now", sa.String(16), nullable=False),
    sa.Column("code", sa.Text, nullable=False),
    sa.Column("message", sa.Text, nullable=False),
    sa.Column("current", sa.Text),  # the current value when outdated or contradicted
    sa.Column("horizon", sa.String(10)),
    sa.Column("body", sa.Text, nullable=False),  # the full Verdict.to_json()
    sa.UniqueConstraint("check_id", "claim_idx", name="uq_verdicts_check_claim"),
)

#: The tables of schema version 1, in creation order.
TABLES_V1 = (schema_migrations, documents, claims, reference_manifests, checks, verdicts)

#: Each country's latest edition with its verdict counts, kept up to date in the transaction that
#: stores a document (or a new check of the latest one), so that ``countries()`` — the index page,
#: ``GET /api/countries`` — reads one row per country instead of ranking every edition and
#: counting their verdicts. ``latest_key`` = COALESCE(published_on, ''), the order latest_ids uses.
country_latest = sa.Table(
    "country_latest",
    metadata,
    sa.Column("country", sa.String(2), primary_key=True),
    sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    sa.Column("latest_key", sa.String(10), nullable=False),
    sa.Column("editions", sa.Integer, nullable=False),
    # {"at_publication": {verdict: n}, "now": {verdict: n}} of the latest edition's current check
    sa.Column("counts", sa.Text, nullable=False),
)

#: One ``factsheet recheck`` run: its check date, the reference data it used and its scope.
#: ``finished_at`` stays NULL for a run that was killed (its committed batches are kept).
recheck_runs = sa.Table(
    "recheck_runs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("started_at", sa.Text, nullable=False),
    sa.Column("finished_at", sa.Text),
    sa.Column("check_date", sa.String(10), nullable=False),
    sa.Column("reference_hash", sa.String(64), sa.ForeignKey("reference_manifests.hash")),
    sa.Column("scope", sa.Text, nullable=False),  # JSON: {"country": …, "checked_before": …}
    sa.Column("documents", sa.Integer, nullable=False),  # rechecked so far
    sa.Column("changes", sa.Integer, nullable=False),
)

#: Which checks a recheck run made: with ``checks`` (date, reference) and ``verdicts`` this is
#: each claim's verdict history, run by run.
recheck_checks = sa.Table(
    "recheck_checks",
    metadata,
    sa.Column("check_id", sa.Integer, sa.ForeignKey("checks.id", ondelete="CASCADE"), primary_key=True,
              autoincrement=False),
    sa.Column("run_id", sa.Integer, sa.ForeignKey("recheck_runs.id", ondelete="CASCADE"), nullable=False),
    sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
)
sa.Index("ix_recheck_checks_run", recheck_checks.c.run_id)

#: What a run changed: a claim newly outdated, contradicted or supported (before → after).
verdict_changes = sa.Table(
    "verdict_changes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("run_id", sa.Integer, sa.ForeignKey("recheck_runs.id", ondelete="CASCADE"), nullable=False),
    sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    sa.Column("claim_idx", sa.Integer, nullable=False),
    sa.Column("change", sa.String(16), nullable=False),  # outdated | contradicted | supported
    sa.Column("before", sa.String(40), nullable=False),  # "supported/current"
    sa.Column("after", sa.String(40), nullable=False),
    sa.Column("code", sa.Text, nullable=False),
)
sa.Index("ix_verdict_changes_run", verdict_changes.c.run_id)

#: The stale queue's rows, derived once per check of a latest edition (a check never changes, so
#: neither do they): each claim outdated or contradicted now, since when (the date the source
#: records the change), its priority and the corrected sentence the renderer writes.
stale_claims = sa.Table(
    "stale_claims",
    metadata,
    sa.Column("check_id", sa.Integer, sa.ForeignKey("checks.id", ondelete="CASCADE"), primary_key=True,
              autoincrement=False),
    sa.Column("claim_idx", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    sa.Column("body", sa.Text, nullable=False),  # JSON: the queue entry (see store/stale.py)
)

#: The checks whose stale rows were derived (a check with no stale claim has a row here too).
stale_analyses = sa.Table(
    "stale_analyses",
    metadata,
    sa.Column("check_id", sa.Integer, sa.ForeignKey("checks.id", ondelete="CASCADE"), primary_key=True,
              autoincrement=False),
    sa.Column("analyzed_at", sa.Text, nullable=False),
    sa.Column("stale", sa.Integer, nullable=False),
)

#: Tables created by migration 6 (the editor's desk: rechecks and the stale queue).
TABLES_DESK = (recheck_runs, recheck_checks, verdict_changes, stale_claims, stale_analyses)

#: Tables added after version 1, by the migration that creates them (never by migration 1).
TABLES_LATER = (country_latest, *TABLES_DESK)

#: Every claim with its document and its current verdict (for SQL users and Datasette).
CURRENT_VERDICTS_VIEW = """
CREATE VIEW current_verdicts AS
SELECT c.id AS claim_id, c.document_id AS document_id, c.idx AS claim, d.country AS country,
       d.published AS published, c.type AS type, c.quote AS quote, c.fields AS fields,
       v.at_publication AS at_publication, v.now AS now, v.code AS code, v.message AS message,
       v."current" AS "current", k.check_date AS check_date, k.reference_hash AS reference_hash
FROM claims c
JOIN documents d ON d.id = c.document_id
LEFT JOIN verdicts v ON v.check_id = d.check_id AND v.claim_idx = c.idx
LEFT JOIN checks k ON k.id = d.check_id
"""

#: A country's documents in publication order (ties broken by ingest order), numbered from 1;
#: undated documents come first (they cannot be placed, so they never count as the latest).
EDITIONS_VIEW = """
CREATE VIEW editions AS
SELECT d.country AS country,
       ROW_NUMBER() OVER (PARTITION BY d.country ORDER BY
           CASE WHEN d.published_on IS NULL THEN 0 ELSE 1 END, d.published_on, d.id) AS edition,
       d.id AS document_id, d.published AS published, d.published_on AS published_on,
       d.kind AS kind, d.title AS title, d.source AS source, d.n_claims AS claims
FROM documents d
WHERE d.country IS NOT NULL
"""
