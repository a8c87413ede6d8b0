"""Cross-edition consistency at ingest: a new edition is checked against its stored neighbours.

The checker's ``editions=`` rules (factsheet.check.consistency.across_editions) flag the same
metric and year given different values in two editions (``V-CONS-EDITION-VALUE``) and a later
edition naming an office holder who preceded the one an earlier edition names
(``V-CONS-EDITION-BACKWARDS``). Workers check a sheet on its own; the single writer then runs only
these rules, inside the document's write transaction, against the editions already stored:

- only the claims those rules read are loaded (trade, investment, people, statistic, leader,
  ambassador), from the ``DEFAULT_EDITIONS`` editions nearest in publication date (two thirds
  published before, one third after), so the cost does not grow with a country's history; the
  writer keeps recently stored editions in memory (EditionCache), so an ingest reads each
  edition's claims at most once;
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
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any, NamedTuple

import sqlalchemy as sa

from ..model import Claim, Document
from . import codec
from .queries import raw_execute
from .schema import claims

#: Editions of the same country a new one is compared with (0 turns the comparison off): the
#: 4 published just before it and the 2 just after.
DEFAULT_EDITIONS = 6
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


# parameters in order: country, exclude, [on,] n — run on the driver's cursor (queries.raw_execute)
_COLUMNS = "SELECT id, sha256, title, published, source FROM documents WHERE country = ? AND id <> ?"
_OLDER = f"{_COLUMNS} AND published_on < ? ORDER BY published_on DESC, id DESC LIMIT ?"
_NEWER = f"{_COLUMNS} AND published_on >= ? ORDER BY published_on, id LIMIT ?"
_LATEST = f"{_COLUMNS} AND published_on IS NOT NULL ORDER BY published_on DESC, id DESC LIMIT ?"


class _Row(NamedTuple):
    id: int
    sha256: str
    title: str | None
    published: str | None
    source: str | None


class EditionCache:
    """Editions (lite documents with the claims the rules read) by document id, in the writer.

    A stored document and its claims never change, so an entry is never stale; the writer adds
    each document it stores once its transaction commits, so an ingest of many editions of a
    country reads each one's claims from the database at most once.
    """

    def __init__(self, size: int = 1024) -> None:
        self.size = size
        self.items: OrderedDict[tuple[int, str], Any] = OrderedDict()

    def get(self, key: tuple[int, str]) -> Any:
        found = self.items.get(key)
        if found is not None:
            self.items.move_to_end(key)
        return found

    def put(self, key: tuple[int, str], edition: Any) -> None:
        self.items[key] = edition
        self.items.move_to_end(key)
        while len(self.items) > self.size:
            self.items.popitem(last=False)


def neighbours(conn: sa.Connection, country: str, published_on: str | None, exclude: int,
               n: int, cache: EditionCache | None = None) -> list[Any]:
    """Edition documents (lite: no text) of ``country`` nearest to ``published_on``, in
    publication order, with the claims the cross-edition rules read."""
    from ..check.base import Edition

    def run(sql: str, *args: Any) -> list[Any]:
        if conn.dialect.name != "sqlite":
            sql = sql.replace("?", "%s")
        return [_Row(*r) for r in raw_execute(conn, sql, (country, exclude, *args), fetch="all")]

    if published_on:
        before = max(1, (2 * n) // 3)
        rows = [*reversed(run(_OLDER, published_on, before))]
        if n > before:
            rows += run(_NEWER, published_on, n - before)
    else:
        rows = list(reversed(run(_LATEST, n)))
    if not rows:
        return []
    cache = cache if cache is not None else EditionCache(0)
    found = {r.id: cache.get((r.id, r.sha256)) for r in rows}
    missing = [doc_id for doc_id, edition in found.items() if edition is None]
    if missing:
        by_doc: dict[int, dict[int, Claim]] = {doc_id: {} for doc_id in missing}
        q = sa.select(claims.c.document_id, claims.c.idx, claims.c.type, claims.c.country, claims.c.fields,
                      claims.c.span_start, claims.c.span_end, claims.c.quote).where(
            claims.c.document_id.in_(missing), claims.c.type.in_(TYPES))
        for doc_id, idx, *rest in conn.execute(q).tuples():
            by_doc[doc_id][idx] = _claim(*rest)
        for r in rows:
            if r.id in by_doc:
                found[r.id] = Edition(Document(text="", sha256=r.sha256, title=r.title, country=country,
                                               published=r.published, source=r.source),
                                      _positional(by_doc[r.id]))
                cache.put((r.id, r.sha256), found[r.id])
    return [found[r.id] for r in rows if found[r.id].claims]


def with_editions(conn: sa.Connection, doc_id: int, enc: codec.Encoded,
                  verdict_rows: Sequence[tuple[Any, ...]], n: int,
                  cache: EditionCache | None = None) -> list[tuple[Any, ...]]:
    """``verdict_rows`` (codec.verdict_row order) with the cross-edition findings merged in."""
    from ..check.base import Edition

    mine = {row[0]: _claim(row[1], row[2], row[3], row[4], row[5], row[6])
            for row in enc.claims if row[1] in TYPES}
    if not enc.country:
        return list(verdict_rows)
    row = enc.document
    lite = Document(text="", sha256=enc.sha256, title=row.get("title"), country=enc.country,
                    published=enc.published, source=enc.source)
    if cache is not None:  # remembered once committed (a rolled-back document must not be seen)
        edition = Edition(lite, _positional(mine))
        conn.info.setdefault("after_commit", []).append(lambda: cache.put((doc_id, enc.sha256), edition))
    if not mine:
        return list(verdict_rows)
    editions = neighbours(conn, enc.country, row.get("published_on"), doc_id, n, cache)
    if not editions:
        return list(verdict_rows)
    from ..check.consistency import across_editions

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
