"""The editor's desk on the web: the stale queue (``/stale``, ``/api/stale``, ``/feed.atom``),
rechecks (``POST /api/recheck``, token-guarded) and search (``/search``, ``/api/search``).

Every route is one library call (store/stale.py, store/recheck.py, web/search.py) and a shape.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Callable
from typing import Annotated, Any
from xml.sax.saxutils import escape

from fastapi import APIRouter, Header, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, Response

from ..countries import country_name
from . import search as search_mod
from .api import BackendDep, _errors, resolve_country, stored_document
from .backend import Backend
from .security import WebError, check_token, configured_token

api_router = APIRouter(prefix="/api", responses=_errors(422, 500))
pages_router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def stale_entries(back: Backend, bureau: str | None = None, country: str | None = None) -> list[dict[str, Any]]:
    from ..store.stale import queue

    return queue(back.store, bureau=bureau or None, country=country, reference=back._reference or None)


_STATE = ("SELECT cl.document_id, d.check_id FROM country_latest cl JOIN documents d ON d.id = cl.document_id "
          "ORDER BY cl.document_id")


class DeskMemo:
    """Rendered queue pages and JSON, keyed by what they are made of: every latest edition's id and
    current check (one small indexed query), the day (days stale count from it) and the request's
    parameters. A new edition or a recheck changes the key, so an entry is never stale; this is
    not the response cache (which ``--cache-seconds 0`` turns off) but the same idea as the sheet
    body memo: immutable inputs, computed once."""

    def __init__(self, size: int = 64) -> None:
        self.size = size
        self._items: dict[tuple[Any, ...], Any] = {}
        self._lock = threading.Lock()

    def state(self, back: Backend) -> tuple[Any, ...]:
        from ..store.queries import raw_execute

        with back.store._read() as conn:  # the driver's cursor: this runs on every request
            return (back.store.target.url, dt.date.today(), tuple(map(tuple, raw_execute(conn, _STATE, (), "all"))))

    async def get(self, back: Backend, params: tuple[Any, ...], build: Callable[[], Any]) -> Any:
        """The memoized value, else ``build()`` run in the thread pool (a cold queue may analyze
        editions not yet rechecked, which must not hold the event loop)."""
        if self.size <= 0:
            return await run_in_threadpool(build)
        key = (*self.state(back), *params)
        with self._lock:
            if key in self._items:
                return self._items[key]
        value = await run_in_threadpool(build)
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.pop(next(iter(self._items)))
        return value


def memo(request: Request) -> DeskMemo:
    found = getattr(request.app.state, "desk_memo", None)
    if found is None:
        found = request.app.state.desk_memo = DeskMemo(getattr(request.app.state.body_memo, "size", 64))
    return found


def by_country(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Queue entries grouped per country, the most urgent country first."""
    groups: dict[str, dict[str, Any]] = {}
    for e in entries:
        g = groups.setdefault(e["country"], {
            "country": e["country"], "name": country_name(e["country"], article=False), "bureau": e["bureau"],
            "document_id": e["document_id"], "published": e["published"], "entries": [],
        })
        g["entries"].append(e)
    out = list(groups.values())
    for g in out:
        g["priority"] = min(e["priority"] for e in g["entries"])
        g["days_stale"] = max((e["days_stale"] or 0) for e in g["entries"])
        g["contradicted"] = sum(1 for e in g["entries"] if e["verdict"] == "contradicted")
        g["outdated"] = sum(1 for e in g["entries"] if e["verdict"] == "outdated")
    out.sort(key=lambda g: (g["priority"], -g["days_stale"], g["name"]))
    return out


@api_router.get("/stale", summary="The stale queue: latest editions' claims outdated or contradicted now",
                responses=_errors(404))
async def api_stale(request: Request, back: BackendDep, bureau: Annotated[str | None, Query(max_length=80)] = None,
                    country: Annotated[str | None, Query(max_length=60)] = None) -> dict[str, Any]:
    # On the event loop (like GET /api/countries): one small query and, usually, the memo
    code = resolve_country(country) if country else None

    def build() -> bytes:
        rows = stale_entries(back, bureau, code)
        return json.dumps({"count": len(rows), "stale": rows}, ensure_ascii=False).encode()

    body = await memo(request).get(back, ("api", bureau, code), build)
    return Response(body, media_type="application/json")  # type: ignore[return-value]


@api_router.post("/recheck", summary="Re-judge stored editions against the current reference data "
                 "(needs the server's token)", responses=_errors(401, 403, 404))
async def api_recheck(request: Request, back: BackendDep,
                      authorization: Annotated[str | None, Header()] = None,
                      country: Annotated[str | None, Query(max_length=60)] = None,
                      checked_before: dt.date | None = None,
                      check_date: dt.date | None = None) -> dict[str, Any]:
    check_token(authorization, configured_token(request.app.state.token))
    code = resolve_country(country) if country else None
    summary = await run_in_threadpool(_recheck, back, code, checked_before, check_date)
    if summary.rechecked:
        request.app.state.response_cache.clear()
    return JSONResponse(summary.to_json())  # type: ignore[return-value]


def _recheck(back: Backend, country: str | None, checked_before: dt.date | None, check_date: dt.date | None) -> Any:
    from ..store.recheck import recheck

    return recheck(back.store, country=country, checked_before=checked_before, check_date=check_date,
                   reference=back.reference)


@api_router.get("/documents/{document_id}/claims/{claim}/history",
                summary="A stored claim's verdicts, check by check (its verdict history)", responses=_errors(404))
def api_claim_history(back: BackendDep, document_id: str, claim: Annotated[int, Path(ge=0, le=100_000)]) -> dict[str, Any]:
    from ..store.recheck import verdict_history

    stored = stored_document(back, document_id)  # 404 for a document that is not stored
    if claim >= len(stored.claims):
        raise WebError(404, "E-WEB-NO-CLAIM", f"document {stored.id} has {len(stored.claims)} claims "
                       f"(0–{len(stored.claims) - 1}); no claim {claim}.")
    c = stored.claims[claim]
    return {"document_id": stored.id, "claim": claim, "type": c.type, "quote": c.quote,
            "checks": verdict_history(back.store, stored.id, claim)}


@api_router.get("/search", summary="Countries and people by name, alias, demonym or person")
def api_search(back: BackendDep, q: Annotated[str, Query(min_length=1, max_length=80)]) -> dict[str, Any]:
    results = search_mod.search(back, q)
    return JSONResponse({"q": q, "count": len(results), "results": results})  # type: ignore[return-value]


# -- pages --------------------------------------------------------------------------------------


@pages_router.get("/stale")
async def stale_page(request: Request, bureau: Annotated[str | None, Query(max_length=80)] = None) -> HTMLResponse:
    from ..render.bureaus import BUREAUS
    from .pages import back, environment

    b = back(request)

    def build() -> bytes:
        rows = stale_entries(b, bureau)
        return environment().get_template("stale.html").render(
            request=request, groups=by_country(rows), total=len(rows), bureau=bureau or "", bureaus=BUREAUS
        ).encode()

    return HTMLResponse(await memo(request).get(b, ("page", bureau), build))


@pages_router.get("/search")
def search_page(request: Request, q: Annotated[str, Query(max_length=80)] = "") -> HTMLResponse:
    from .pages import back, page

    results = search_mod.search(back(request), q) if q.strip() else []
    return page(request, "search.html", q=q, results=results)


@pages_router.get("/feed.atom")
def atom_feed(request: Request) -> Response:
    """Claims that went stale, newest change first: one Atom entry per claim (RFC 4287)."""
    from .pages import back

    rows = sorted(stale_entries(back(request)), key=lambda e: (e["since"] or "", e["document_id"], e["claim"]),
                  reverse=True)[:200]
    base = str(request.base_url).rstrip("/")
    updated = max((e["since"] for e in rows if e["since"]), default=dt.date.today().isoformat())
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        "<title>factsheet: claims gone stale</title>",
        f'<link rel="self" href="{escape(base)}/feed.atom"/>',
        f'<link rel="alternate" type="text/html" href="{escape(base)}/stale"/>',
        f"<id>{escape(base)}/feed.atom</id>",
        f"<updated>{updated}T00:00:00Z</updated>",
        "<author><name>factsheet</name></author>",
    ]
    for e in rows:
        name = country_name(e["country"], article=False)
        title = f"{name}: {e['value']} ({e['type']}) {e['verdict']} since {e['since'] or 'unknown'}"
        text = e["message"] + (f" Corrected sentence: {e['corrected']}" if e.get("corrected") else "")
        parts += [
            "<entry>",
            f"<title>{escape(title)}</title>",
            f'<link href="{escape(base)}/documents/{e["document_id"]}#claim-{e["claim"]}"/>',
            f"<id>{escape(base)}/documents/{e['document_id']}#claim-{e['claim']}/{e['code']}</id>",
            f"<updated>{e['since'] or updated}T00:00:00Z</updated>",
            f"<category term=\"{escape(e['verdict'])}\"/>",
            f'<summary type="text">{escape(text)}</summary>',
            "</entry>",
        ]
    parts.append("</feed>")
    return Response("\n".join(parts) + "\n", media_type="application/atom+xml; charset=utf-8")


#: Days-stale buckets of the overview tiles (upper bounds), with their legend.
AGE_BUCKETS = ((0, "nothing stale"), (365, "stale under a year"), (3 * 365, "1–3 years"),
               (6 * 365, "3–6 years"), (None, "6 years or more"))


def age_class(days: int | None) -> int:
    if not days:
        return 0
    for i, (bound, _) in enumerate(AGE_BUCKETS[1:], start=1):
        if bound is None or days < bound:
            return i
    return len(AGE_BUCKETS) - 1


async def stale_by_country(request: Request, back: Backend) -> dict[str, list[dict[str, Any]]]:
    """The queue's entries per country (memoized like the queue pages)."""

    def build() -> dict[str, list[dict[str, Any]]]:
        out: dict[str, list[dict[str, Any]]] = {}
        for e in stale_entries(back):
            out.setdefault(e["country"], []).append(e)
        return out

    found: dict[str, list[dict[str, Any]]] = await memo(request).get(back, ("by_country",), build)
    return found


def overview(stale: dict[str, list[dict[str, Any]]], rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The index picture: per bureau, a tile per country coloured by its oldest stale claim's age."""
    from ..render.bureaus import BUREAUS

    groups: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        entries = stale.get(r["country"], [])
        days = max((e["days_stale"] or 0 for e in entries), default=0)
        groups.setdefault(r.get("region") or "No regional bureau", []).append({
            "country": r["country"], "name": r.get("name") or r["country"], "days_stale": days,
            "stale": len(entries), "age": age_class(days),
        })
    order = {b: i for i, b in enumerate(BUREAUS)}
    return [{"bureau": b, "tiles": sorted(t, key=lambda x: x["name"])}
            for b, t in sorted(groups.items(), key=lambda kv: order.get(kv[0], 99))]
