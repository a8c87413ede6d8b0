"""Cross-edition consistency at ingest: a new edition is checked against its stored neighbours.

The checker's ``editions=`` rules (factsheet.check.consistency.across_editions) flag the same
metric and year given different values in two editions (``V-CONS-EDITION-VALUE``) and a later
edition naming an office holder who preceded the one an earlier edition names
(``V-CONS-EDITION-BACKWARDS``). Workers check a sheet on its own; the single writer then runs only
these rules, inside the document's write transaction, against the editions already stored:

- only the claims those rules read are loaded (trade, investment, people, statistic, leader,
  ambassador), from the ``DEFAULT_EDITIONS`` editions nearest in publication date (two thirds
  published before, one third after), so the cost does not grow with a country's history;
- when a rule fires, the affected verdicts become ``inconsistent`` exactly as ``check(...,
  editions=...)`` would make them (``merge_findings``), with the other edition as evidence;
  nothing is re-checked against the reference data.

Within one ingest, editions are stored in the order they finish, so the later-stored edition of a
conflicting pair carries the finding; the earlier one keeps the verdicts it was stored with (a
stored verdict is never rewritten: re-check with ``Store.add_check`` to refresh).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from ..model import Claim, Document
from . import codec
from .schema import claims, documents

#: Editions of the same country a new one is compared with (0 turns the comparison off).
DEFAULT_EDITIONS = 12
#: Claim types the cross-edition rules read.
TYPES = ("trade", "investment", "people", "statistic", "leader", "ambassador")
_PLACEHOLDER = Claim("stored", None, {}, (0, 0), "")


def _positional(found: dict[int, Claim]) -> tuple[Claim, ...]:
    """Claims at their index (the evidence names a claim by it); others as inert placeholders."""
    if not found:
        return ()
    return tuple(found.get(i, _PLACEHOLDER) for i in range(max(found) + 1))


def _claim(type_: str, country: str | None, fields: str, start: int, end: int, quote: str) -> Claim:
    return Claim(type_, country, json.loads(fields), (start, end), quote)


def neighbours(conn: sa.Connection, country: str, published_on: str | None, exclude: int,
               n: int) -> list[Any]:
    """Edition documents (lite: no text) of ``country`` nearest to ``published_on``, in
    publication order, with the claims the cross-edition rules read."""
    from ..check.base import Edition

    d = documents
    cols = (d.c.id, d.c.sha256, d.c.title, d.c.published, d.c.source)
    base = sa.select(*cols).where(d.c.country == country, d.c.id != exclude)
    if published_on:
        before = max(1, (2 * n) // 3)
        older = base.where(d.c.published_on < published_on).order_by(
            d.c.published_on.desc(), d.c.id.desc()).limit(before)
        newer = base.where(d.c.published_on >= published_on).order_by(
            d.c.published_on, d.c.id).limit(n - before)
        rows = [*reversed(conn.execute(older).all()), *(conn.execute(newer) if n > before else ())]
    else:
        rows = list(reversed(conn.execute(base.where(d.c.published_on.is_not(None)).order_by(
            d.c.published_on.desc(), d.c.id.desc()).limit(n)).all()))
    if not rows:
        return []
    by_doc: dict[int, dict[int, Claim]] = {r.id: {} for r in rows}
    q = sa.select(claims.c.document_id, claims.c.idx, claims.c.type, claims.c.country, claims.c.fields,
                  claims.c.span_start, claims.c.span_end, claims.c.quote).where(
        claims.c.document_id.in_(list(by_doc)), claims.c.type.in_(TYPES))
    for doc_id, idx, *rest in conn.execute(q):
        by_doc[doc_id][idx] = _claim(*rest)
    return [
        Edition(Document(text="", sha256=r.sha256, title=r.title, country=country, published=r.published,
                         source=r.source), _positional(by_doc[r.id]))
        for r in rows if by_doc[r.id]
    ]


def with_editions(conn: sa.Connection, doc_id: int, enc: codec.Encoded,
                  verdict_rows: Sequence[tuple[Any, ...]], n: int) -> list[tuple[Any, ...]]:
    """``verdict_rows`` (codec.verdict_row order) with the cross-edition findings merged in."""
    mine = {row[0]: _claim(row[1], row[2], row[3], row[4], row[5], row[6])
            for row in enc.claims if row[1] in TYPES}
    if not mine or not enc.country:
        return list(verdict_rows)
    editions = neighbours(conn, enc.country, enc.document.get("published_on"), doc_id, n)
    if not editions:
        return list(verdict_rows)
    from ..check.consistency import across_editions

    row = enc.document
    lite = Document(text="", sha256=enc.sha256, title=row.get("title"), country=enc.country,
                    published=enc.published, source=enc.source)
    found = across_editions(lite, _positional(mine), editions)
    if not found:
        return list(verdict_rows)
    return merge(verdict_rows, found)


def merge(verdict_rows: Sequence[tuple[Any, ...]], found: Sequence[Any]) -> list[tuple[Any, ...]]:
    """Merge findings into the affected verdict rows the way ``check`` does (merge_findings);
    a verdict that already carries findings from within the sheet keeps them and its message."""
    from ..check import merge_findings

    by_claim: dict[int, list[Any]] = {}
    for f in found:
        by_claim.setdefault(f.claim, []).append(f)
    out = list(verdict_rows)
    for pos, row in enumerate(out):
        mine = by_claim.get(row[0])
        if not mine:
            continue
        verdict = codec.verdict_from_json(json.loads(row[-1]))
        merged = merge_findings([verdict], mine)[0]
        if verdict.findings:
            message = merged.message
            if verdict.at_publication.verdict == "inconsistent":
                message = " ".join(f.message for f in mine) + " " + verdict.message
            merged = dataclasses.replace(
                merged, message=message, findings=tuple(dict.fromkeys((*merged.findings, *verdict.findings))))
        out[pos] = codec.verdict_row(merged)
    return out
