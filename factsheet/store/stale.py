"""The stale queue: each country's latest edition's claims that are outdated or contradicted now.

For every such claim an editor needs four things, derived here once per check of a latest
edition (a check never changes, so they are stored in ``stale_claims`` and read back cheaply):

- **since**: the date the claim went out of date *as the source records it*, not the day we
  noticed. A contradicted claim was wrong the day it was published (its publication date). For an
  outdated claim the checker itself is asked, by bisection over days between publication and the
  check date, for the first day it judges the claim outdated — one general mechanism for every
  claim type (an ambassador's departure, a new leader, a membership ended), using the same
  sources and rules as the verdict. When that cannot be established (the claim judged alone is
  not outdated on the check date) the check date is given, with ``since_basis: "checked"``.
- **priority**: contradicted before outdated; within each, people (leaders, chiefs of mission)
  before relations, agreements, memberships and embassies, before figures and statistics.
- **corrected**: the sentence the renderer (factsheet.render) writes for the claim's topic from
  the reference data as of the check date, or None when the sources give nothing to put in its
  place (the change note then says to remove it).
- the code, message and current value of the verdict.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from typing import Any

import sqlalchemy as sa

from ..model import Claim, Document, Verdict
from .codec import dumps, published_on, summarize
from .schema import country_latest, stale_analyses, stale_claims

STALE = ("contradicted", "outdated")
#: Claim types by editorial urgency (lower first): people, then standing facts, then figures.
_TYPE_RANK = {"leader": 0, "ambassador": 0}
_STANDING = ("relations.", "agreement", "membership", "embassy", "independence")


def stale_kind(verdict: Verdict | dict[str, Any]) -> str | None:
    """``contradicted``, ``outdated`` or None (not stale) for a verdict or a stored verdict dict."""
    if isinstance(verdict, Verdict):
        return kind_of(verdict.at_publication.verdict, verdict.now.verdict)
    return kind_of(verdict["at_publication"]["verdict"], verdict["now"]["verdict"])


def kind_of(pub: str, now: str) -> str | None:
    """The stale kind of an (at publication, now) verdict pair."""
    if pub == "contradicted" or now == "contradicted":
        return "contradicted"
    if now == "outdated":
        return "outdated"
    return None


def type_rank(claim_type: str) -> int:
    if claim_type in _TYPE_RANK:
        return _TYPE_RANK[claim_type]
    return 1 if claim_type.startswith(_STANDING) else 2


def priority(kind: str, claim_type: str) -> int:
    """1 (most urgent: a contradicted leader or ambassador) … 6 (an outdated statistic)."""
    return 1 + (0 if kind == "contradicted" else 3) + type_rank(claim_type)


def went_stale_on(document: Document, claim: Claim, reference: Any, check_date: dt.date) -> dt.date | None:
    """The first day the checker judges ``claim`` outdated, between its publication and
    ``check_date`` (bisection; the judgment is monotone: once gone, a fact does not come back
    within one claim's life), or None when it is not outdated on ``check_date`` judged alone."""
    from ..check import check

    def outdated(day: dt.date) -> bool:
        return check(document, [claim], reference, as_of=day)[0].now.verdict == "outdated"

    start = published_on(document.published)
    lo = dt.date.fromisoformat(start) if start else None
    if not outdated(check_date):
        return None
    if lo is None or lo >= check_date:
        return check_date
    # invariant: not outdated on lo (it was true when published), outdated on hi
    hi = check_date
    if outdated(lo):
        return lo
    while (hi - lo).days > 1:
        mid = lo + dt.timedelta(days=(hi - lo).days // 2)
        if outdated(mid):
            hi = mid
        else:
            lo = mid
    return hi


def _corrections(document: Document, claims: Sequence[Claim], verdicts: Sequence[Verdict], reference: Any,
                 on: dt.date, wanted: Iterable[int]) -> dict[int, tuple[str | None, str | None]]:
    """claim index → (corrected sentence, change note) from the renderer's update of the edition."""
    from ..render import claimtext as ct
    from ..render.compose import Base, render_sheet, topic
    from ..render.update import compute_changes

    out: dict[int, tuple[str | None, str | None]] = {}
    try:
        sheet = render_sheet(document.country or "", on, reference, base=(document, claims, verdicts))
    except Exception:  # a country the renderer cannot write: the queue still lists the claims
        return out
    changes = {i: ch for ch in compute_changes(Base(document, tuple(claims), tuple(verdicts)), sheet)
               for i in ch.claims}
    sentences = [s for s in sheet.sentences() if s.origin == "reference"]
    for i in wanted:
        claim = claims[i]
        change = changes.get(i)
        sentence = None
        if change is None or change.kind != "removed":
            key = ct.key(claim.type, claim.fields)
            want = topic(claim.type, claim.fields)
            same = [s for s in sentences if any(ct.key(c["type"], c["fields"]) == key for c in s.claims)]
            near = [s for s in sentences if any(topic(c["type"], c["fields"]) == want for c in s.claims)]
            found = (same or near)[:1]
            sentence = found[0].text if found else None
        out[i] = (sentence, change.to_text() if change is not None else None)
    return out


def analyze(document: Document, claims: Sequence[Claim], verdicts: Sequence[Verdict], reference: Any,
            check_date: dt.date) -> list[dict[str, Any]]:
    """The queue entries of one checked edition (JSON-able dicts, in claim order)."""
    stale = [(i, kind) for i, v in enumerate(verdicts) if (kind := stale_kind(v)) is not None]
    if not stale:
        return []
    fixes = _corrections(document, claims, verdicts, reference, check_date, [i for i, _ in stale])
    out = []
    for i, kind in stale:
        claim, verdict = claims[i], verdicts[i]
        basis = "published"
        since: str | None = published_on(document.published)
        if kind == "outdated":
            day = went_stale_on(document, claim, reference, check_date)
            basis, since = ("source", day.isoformat()) if day else ("checked", check_date.isoformat())
        sentence, note = fixes.get(i, (None, None))
        out.append({
            "claim": i,
            "type": claim.type,
            "value": summarize(claim.type, claim.fields),
            "quote": claim.quote,
            "verdict": kind,
            "code": verdict.code,
            "message": verdict.message,
            "current": verdict.now.current or verdict.at_publication.current,
            "since": since,
            "since_basis": basis,
            "priority": priority(kind, claim.type),
            "corrected": sentence,
            "change": note,
        })
    return out


def store_analysis(conn: sa.Connection, check_id: int, document_id: int, entries: list[dict[str, Any]],
                   analyzed_at: str) -> None:
    """Record one check's queue entries (inside the caller's transaction; idempotent)."""
    if conn.execute(sa.select(stale_analyses.c.check_id).where(stale_analyses.c.check_id == check_id)).first():
        return
    conn.execute(stale_analyses.insert().values(check_id=check_id, analyzed_at=analyzed_at, stale=len(entries)))
    if entries:
        conn.execute(stale_claims.insert(), [
            {"check_id": check_id, "claim_idx": e["claim"], "document_id": document_id, "body": dumps(e)}
            for e in entries
        ])


# -- the queue ------------------------------------------------------------------------------------

_QUEUE = sa.text(
    "SELECT cl.country, d.id, d.published, d.bureau, d.check_id, k.check_date, a.check_id, s.body "
    "FROM country_latest cl JOIN documents d ON d.id = cl.document_id "
    "LEFT JOIN checks k ON k.id = d.check_id "
    "LEFT JOIN stale_analyses a ON a.check_id = d.check_id "
    "LEFT JOIN stale_claims s ON s.check_id = d.check_id "
    "ORDER BY cl.country, s.claim_idx"
)


def queue_rows(conn: sa.Connection) -> tuple[list[tuple[Any, ...]], list[int]]:
    """The stored queue rows of every latest edition, and the ids of latest editions whose
    current check has not been analyzed yet (ingested after the last recheck)."""
    rows: list[tuple[Any, ...]] = []
    pending: list[int] = []
    for country, doc_id, published, bureau, check_id, check_date, analyzed, body in conn.execute(_QUEUE).tuples():
        if check_id is not None and analyzed is None:
            if not pending or pending[-1] != doc_id:
                pending.append(doc_id)
            continue
        if body is not None:
            rows.append((country, doc_id, published, bureau, check_date, body))
    return rows, pending


def entry(country: str, document_id: int, published: str | None, bureau: str | None, check_date: str | None,
          body: dict[str, Any], today: dt.date) -> dict[str, Any]:
    since = body.get("since")
    return {
        "country": country,
        "bureau": bureau,
        "document_id": document_id,
        "published": published,
        "check_date": check_date,
        **body,
        "days_stale": (today - dt.date.fromisoformat(since)).days if since else None,
    }


def sort_key(e: dict[str, Any]) -> tuple[Any, ...]:
    return (e["priority"], -(e["days_stale"] or 0), e["country"], e["claim"])


def latest_document_ids(conn: sa.Connection) -> set[int]:
    return {r[0] for r in conn.execute(sa.select(country_latest.c.document_id)).tuples()}


def loads(body: str) -> dict[str, Any]:
    out: dict[str, Any] = json.loads(body)
    return out


#: Analyses of editions not yet rechecked, by (database, document, check, content): a check never
#: changes, so an entry is never stale (the same reasoning as Store.document's memo).
_MEMO: dict[tuple[Any, ...], list[dict[str, Any]]] = {}


def queue(store: Any, *, bureau: str | None = None, country: str | None = None, reference: Any = None,
          today: dt.date | None = None) -> list[dict[str, Any]]:
    """The stale queue, most urgent first: one entry per stale claim of each latest edition.

    Reads the rows a recheck stored; a latest edition ingested since (its current check not
    analyzed) is analyzed on the fly, without writing (reads never write).
    """
    today = today or dt.date.today()
    with store._read() as conn:
        rows, pending = queue_rows(conn)
    out = [entry(c, d, p, b, k, loads(body), today) for c, d, p, b, k, body in rows]
    if pending:
        from .pipeline import _reference

        ref = reference if reference is not None else _reference()[0]
        for doc_id in pending:
            stored = store.document(doc_id)
            key = (store.target.url, doc_id, stored.meta["check_id"], stored.meta["sha256"])
            found = _MEMO.get(key)
            if found is None:
                on = dt.date.fromisoformat(stored.meta["check_date"])
                found = _MEMO[key] = analyze(stored.document, stored.claims, stored.verdicts, ref, on)
                while len(_MEMO) > 512:
                    _MEMO.pop(next(iter(_MEMO)))
            for e in found:
                out.append(entry(stored.meta["country"], doc_id, stored.meta["published"], stored.document.bureau,
                                 stored.meta["check_date"], e, today))
    for e in out:
        if not e.get("bureau"):
            from ..render.bureaus import bureau as bureau_of

            e["bureau"] = bureau_of(e["country"]) if e["country"] else None
    if bureau:
        want = bureau.casefold()
        out = [e for e in out if e["bureau"] and want in e["bureau"].casefold()]
    if country:
        out = [e for e in out if e["country"] == country]
    out.sort(key=sort_key)
    return out


#: The columns of the queue as text and CSV, in order.
COLUMNS = ("priority", "country", "bureau", "verdict", "type", "value", "since", "days_stale", "current",
           "corrected", "code", "published", "document_id", "claim", "since_basis", "check_date")
