"""The JSON API under ``/api``: every route is one library call and a JSON shape.

Reads are public; ``POST /api/documents`` needs the server's token (see security.py). Errors all
share one shape (see errors.py), which the OpenAPI spec declares on every route.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from pydantic import BaseModel

from ..countries import country_name, to_iso2
from ..errors import StoreError, UnknownCountryError
from . import view
from .backend import Backend
from .security import (
    ACCEPTED_TYPES,
    MAX_UPLOAD_BYTES,
    WebError,
    check_token,
    configured_token,
    require_sheet_type,
)
from .view import as_json


class ErrorBody(BaseModel):
    code: str
    message: str
    status: int
    details: list[dict[str, Any]] | None = None


class ErrorResponse(BaseModel):
    error: ErrorBody


def _errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {s: {"model": ErrorResponse, "description": "error (one shape for all)"} for s in statuses}


SHEET_BODY = {
    "requestBody": {
        "required": True,
        "description": f"The sheet as text/plain or text/html, at most {MAX_UPLOAD_BYTES:,} bytes.",
        "content": {kind: {"schema": {"type": "string"}} for kind in ACCEPTED_TYPES},
    }
}

router = APIRouter(prefix="/api", responses=_errors(422, 500))


async def backend(request: Request) -> Backend:
    """The app's Backend (async: a sync dependency would cost every API request a hop through
    the thread pool, which under 20 concurrent clients doubled /api/countries' latency)."""
    found: Backend = request.app.state.backend
    return found


BackendDep = Annotated[Backend, Depends(backend)]


def resolve_country(value: str) -> str:
    """An ISO-2 code or a country name → ISO-2; UnknownCountryError (404) otherwise."""
    code = to_iso2(value.upper() if len(value.strip()) == 2 else value)
    if code is None:
        raise UnknownCountryError(
            f"unknown country {value[:60]!r}: use an ISO 3166 code such as PE, or a name such as Peru."
        )
    return code


def region_of(country: str, row: dict[str, Any] | None = None) -> str | None:
    """The State Department regional bureau of a country (render's bureau table), else the sheet's."""
    from ..render.bureaus import bureau

    found = bureau(country) if country else None
    return found or (row or {}).get("bureau")


def country_rows(back: Backend, region: str | None = None, verdict: str | None = None,
                 sort: str = "country", order: str = "asc") -> list[dict[str, Any]]:
    """The store's per-country rows with name and region, filtered and sorted (shared by page and API)."""
    rows = []
    for row in back.store.countries():
        item = dict(row)
        code = item.get("country") or ""
        item["name"], bureau = _name_and_bureau(code)
        item["region"] = bureau or item.get("bureau")
        rows.append(item)
    return filter_rows(rows, region, verdict, sort, order)


@lru_cache(maxsize=512)
def _name_and_bureau(code: str) -> tuple[str | None, str | None]:
    """A country's display name and regional bureau (fixed tables: computed once per code)."""
    if not code:
        return None, None
    return country_name(code, article=False), region_of(code)


def filter_rows(rows: list[dict[str, Any]], region: str | None = None, verdict: str | None = None,
                sort: str = "country", order: str = "asc") -> list[dict[str, Any]]:
    """Country rows of one region, with claims of one verdict, sorted (a new list)."""
    if region:
        rows = [r for r in rows if (r.get("region") or "") == region]
    if verdict:
        rows = [r for r in rows if _count(r, verdict) > 0]
    reverse = order == "desc"

    def key(r: dict[str, Any]) -> Any:
        if sort in ("days_since", "claims"):
            value = r.get(sort)
            return (value is None, value if value is not None else 0)
        if sort == "latest_published":
            return (r.get(sort) is None, r.get(sort) or "")
        if sort == "region":
            return ((r.get("region") or "~"), r.get("name") or "")
        if sort in _VERDICT_NAMES:
            return _count(r, sort)
        return r.get("name") or r.get("country") or ""

    return sorted(rows, key=key, reverse=reverse)


_VERDICT_NAMES = ("supported", "contradicted", "inconsistent", "outdated", "unverifiable", "current", "unknown")


def _count(row: dict[str, Any], verdict: str) -> int:
    """The store's count of the latest edition's claims with that verdict (at publication or now)."""
    return int(row.get(verdict) or 0) if verdict in _VERDICT_NAMES else 0


SortKey = Literal["country", "region", "latest_published", "days_since", "claims", *_VERDICT_NAMES]  # type: ignore[valid-type]
VerdictName = Literal[*_VERDICT_NAMES]  # type: ignore[valid-type]


@router.get("/countries", summary="Countries with freshness and verdict counts")
async def countries(back: BackendDep, region: Annotated[str | None, Query(max_length=80)] = None,
                    verdict: VerdictName | None = None,
                    sort: SortKey = "country", order: Literal["asc", "desc"] = "asc") -> dict[str, Any]:
    # On the event loop, not the thread pool: one indexed read of ≈ 50 rows (≈ 1 ms); the hop
    # through the pool cost more than that under 20 concurrent clients (docs/web.md).
    rows = country_rows(back, region, verdict, sort, order)
    # plain JSON values already: skip FastAPI's generic encoder (≈ 3 ms for 50 countries)
    return JSONResponse({"count": len(rows), "countries": rows})  # type: ignore[return-value]


@router.get("/countries/{country}/editions", summary="A country's editions, oldest first",
            responses=_errors(404))
def editions(back: BackendDep, country: str) -> dict[str, Any]:
    code = resolve_country(country)
    return {"country": code, "editions": as_json(back.store.editions(code))}


SheetFormat = Literal["json", "text", "markdown", "html"]


@router.get("/countries/{country}/sheet", summary="The current sheet for a country, written as of a date",
            responses={**_errors(404), 200: {"description": "the sheet in the asked format", "content": {
                kind: {"schema": {"type": "string"}} for kind in ("text/plain", "text/markdown", "text/html")}}})
def sheet(back: BackendDep, country: str, as_of: dt.date | None = None,
          format: SheetFormat = "json") -> Response:
    code = resolve_country(country)
    written = render(back, code, as_of)
    if format == "text":
        return PlainTextResponse(written.to_text())
    if format == "markdown":
        return PlainTextResponse(written.to_markdown(), media_type="text/markdown; charset=utf-8")
    if format == "html":
        return HTMLResponse(written.to_html())
    return JSONResponse(written.to_json())


def render(back: Backend, country: str, as_of: dt.date | None) -> Any:
    """render_sheet on the latest edition published by ``as_of`` (if any) and the reference."""
    from ..render import render_sheet

    stored = back.store.latest_edition(country, as_of)
    base = (stored.document, stored.claims, stored.verdicts) if stored is not None else None
    return render_sheet(country, as_of=as_of, reference=back.reference, base=base)


def stored_document(back: Backend, document_id: str) -> Any:
    """The stored document or a 404 (ids are the store's integers)."""
    missing = WebError(404, "E-WEB-NO-DOCUMENT",
                       f"no stored document {document_id[:40]!r}: list a country's editions to find ids.")
    if not (document_id.isascii() and document_id.isdigit()) or len(document_id) > 15:
        raise missing
    try:
        return back.store.document(int(document_id))
    except StoreError as exc:
        if exc.code == "E-STORE-NOT-FOUND":
            raise missing from None
        raise


def document_json(document_id: str, stored: Any) -> dict[str, Any]:
    doc = stored.document
    out = doc.to_json()
    out["text"] = doc.text
    return {
        "id": document_id,
        "document": out,
        "claims": as_json(list(stored.claims)),
        "verdicts": as_json(list(stored.verdicts)),
        "meta": getattr(stored, "meta", None) or {},
    }


@router.get("/documents/{document_id}", summary="A stored document with its claims and verdicts",
            responses=_errors(404))
def document(back: BackendDep, document_id: str) -> dict[str, Any]:
    return document_json(document_id, stored_document(back, document_id))


@router.get("/claims", summary="Stored claims filtered by country, type and verdict")
def claims(back: BackendDep, country: Annotated[str | None, Query(max_length=60)] = None,
           type: Annotated[str | None, Query(max_length=40)] = None,
           verdict: Annotated[str | None, Query(max_length=40)] = None,
           since: dt.date | None = None, until: dt.date | None = None,
           limit: Annotated[int, Query(ge=1, le=1000)] = 100,
           offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0) -> dict[str, Any]:
    code = resolve_country(country) if country else None
    rows = back.store.claims(country=code, type=type, verdict=verdict, since=since, until=until,
                             limit=offset + limit)
    page = as_json(rows[offset:offset + limit])
    return {"count": len(page), "offset": offset, "limit": limit, "claims": page}


def check_json(checked: Any, back: Backend) -> dict[str, Any]:
    return view.check_json(checked, back.reference)


@router.post("/check", summary="Check a sheet (nothing is stored)", openapi_extra=SHEET_BODY,
             responses=_errors(413, 415, 503))
async def check(request: Request, back: BackendDep, as_of: dt.date | None = None,
                published: Annotated[str | None, Query(max_length=10, description=(
                    "The sheet's publication date (YYYY-MM-DD, YYYY-MM or YYYY) instead of the "
                    "one it states or the range inferred for an undated sheet"))] = None,
                ) -> Response:
    """Runs in a worker process with a time limit: 503 when it runs out (or too many wait)."""
    require_sheet_type(request.headers.get("content-type"))
    raw = await request.body()
    body = await back.check_isolated(raw, as_of, as_json=True, published=published)
    return Response(body, media_type="application/json")


@router.post("/documents", summary="Store a sheet (needs the server's token)", status_code=201,
             openapi_extra=SHEET_BODY, responses=_errors(401, 403, 413, 415, 503))
async def add_document(request: Request, back: BackendDep,
                       authorization: Annotated[str | None, Header()] = None,
                       source: Annotated[str | None, Query(max_length=500)] = None,
                       check_date: dt.date | None = None) -> Response:
    check_token(authorization, configured_token(request.app.state.token))
    require_sheet_type(request.headers.get("content-type"))
    raw = await request.body()
    store = back.store
    if back.checks is not None and hasattr(store, "add_encoded") and hasattr(store, "find"):
        result = await _add_isolated(back, store, raw, source, check_date)
    else:
        result = await run_in_threadpool(_add, back, raw, source, check_date)
    status = getattr(result, "status", None)
    if status == "new":
        request.app.state.response_cache.clear()
    if status == "failed":
        raise WebError(422, "E-WEB-NOT-STORED", f"the sheet was not stored: {result.reason}")
    body = {"status": status, "document_id": result.document_id, "reason": getattr(result, "reason", None)}
    location = f"/api/documents/{result.document_id}"
    return JSONResponse(body, status_code=201 if status == "new" else 200, headers={"Location": location})


def _add(back: Backend, raw: bytes, source: str | None, check_date: dt.date | None) -> Any:
    return back.store.add(raw, source, check_date=check_date)


async def _add_isolated(back: Backend, store: Any, raw: bytes, source: str | None,
                        check_date: dt.date | None) -> Any:
    """``Store.add`` with the read → extract → check → encode step in a check worker (time
    limit, 503 when it runs out); only the lookup and the write run here."""
    import hashlib

    from ..store import ingest, pipeline
    from ..store.store import IngestResult

    sha = hashlib.sha256(raw).hexdigest()
    existing = await run_in_threadpool(store.find, sha)
    if existing is not None:
        return IngestResult("unchanged", existing, None, source, sha)
    outcome = await back.checks.call(ingest.work, pipeline.prepare_safely, raw, source, check_date)
    return await run_in_threadpool(ingest.store_outcome, store, source, sha, outcome)


@router.get("/reference", summary="Reference data status: sources, coverage, horizon")
def reference_status(back: BackendDep) -> dict[str, Any]:
    ref = back.reference
    return {
        "horizon": ref.horizon(),
        "horizons": {name: info.last for name, info in sorted(ref.sources.items())},
        "sources": {name: {**_plain(info), "version": info.version} for name, info in ref.sources.items()},
        "manifest": ref.manifest,
    }


@router.get("/reference/{country}", summary="What the sources say about a country on a date",
            responses=_errors(404))
def reference_country(back: BackendDep, country: str, on: dt.date | None = None,
                      predicate: Annotated[str | None, Query(max_length=60)] = None) -> dict[str, Any]:
    code = resolve_country(country)
    day = on or dt.date.today()
    return {"country": code, "on": day.isoformat(), "answers": explore(back, code, day, predicate)}


def predicates(back: Backend) -> list[str]:
    """Every predicate the reference data holds."""
    return list(back.reference.predicates)


def explore(back: Backend, country: str, on: dt.date, predicate: str | None = None) -> list[dict[str, Any]]:
    ref = back.reference
    out = []
    for name in [predicate] if predicate else predicates(back):
        answer = ref.answer(country, name, on)
        out.append({
            "predicate": name,
            "covered": answer.covered,
            "sources": list(answer.sources),
            "horizon": answer.horizon,
            "note": answer.note,
            "facts": [f.to_json() for f in answer.facts],
        })
    return out


def _plain(info: Any) -> Any:
    if hasattr(info, "__dataclass_fields__"):
        from dataclasses import asdict

        return asdict(info)
    return as_json(info)
