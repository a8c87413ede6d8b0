"""Server-rendered pages: the country index, a sheet, its update and diff, the check form and the
reference explorer. Plain HTML forms and links (query parameters) do all the work, so every page
reads and works without JavaScript. Jinja2 autoescapes every value, sheet text included.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from ..countries import country_name
from ..dates import long_date, lower_bound, parse_user_date
from ..errors import InputError, UsageError
from . import api
from .backend import Backend
from .errors import field_words, status_for
from .links import link_url
from .security import MAX_UPLOAD_BYTES, WebError, require_sheet_type, require_size
from .view import STATUSES, as_json, claim_views, count_statuses, sheet_blocks

TEMPLATES = Path(__file__).with_name("templates")
router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def safe_url(value: Any) -> str | None:
    """Only http(s) links become hrefs: a citation can never be a javascript: URL."""
    if not isinstance(value, str):
        return None
    parts = urlsplit(value.strip())
    return value.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def plain(value: Any) -> str:
    """A fact value for people: lists joined with commas, nested mappings as key value."""
    if isinstance(value, list | tuple):
        return ", ".join(plain(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k} {plain(v)}" for k, v in value.items())
    return "" if value is None else str(value)


def _long_date(value: Any) -> str:
    if not value:
        return "—"
    try:
        return long_date(str(value))
    except (ValueError, IndexError):
        return str(value)


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["long_date"] = _long_date
    env.filters["safe_url"] = safe_url
    env.filters["plain"] = plain
    env.filters["link_url"] = lambda title, country=None: safe_url(link_url(str(title), country))
    env.filters["country_name"] = lambda code: country_name(code, article=False) if code else "—"
    env.globals["STATUSES"] = STATUSES
    env.globals["MAX_UPLOAD_BYTES"] = MAX_UPLOAD_BYTES
    return env


def page(request: Request, template: str, status: int = 200, headers: dict[str, str] | None = None,
         **context: Any) -> HTMLResponse:
    html = environment().get_template(template).render(request=request, **context)
    return HTMLResponse(html, status_code=status, headers=headers)


def error_page(request: Request, status: int, code: str, message: str,
               headers: dict[str, str] | None = None) -> HTMLResponse:
    return page(request, "error.html", status=status, headers=headers,
                status_code=status, code=code, message=message)


def back(request: Request) -> Backend:
    found: Backend = request.app.state.backend
    return found


def _date(value: str | None, label: str) -> dt.date | None:
    # pages speak of their form fields by their labels ("the “Write as of” date"), not of the
    # CLI's --as-of
    return parse_user_date(value, option=f"the “{label}” date") if value else None


def query_link(request: Request, **changes: Any) -> str:
    """The current page's URL with some query parameters changed (for sort links)."""
    params = dict(request.query_params)
    params.update({k: v for k, v in changes.items() if v is not None})
    return "?" + urlencode(params)


@router.get("/")
async def index(request: Request, region: Annotated[str | None, Query(max_length=80)] = None,
                verdict: Annotated[str | None, Query(max_length=40)] = None,
                sort: Annotated[str, Query(max_length=40)] = "country",
                order: Annotated[str, Query(max_length=4)] = "asc") -> HTMLResponse:
    b = back(request)
    everything = api.country_rows(b)
    rows = api.filter_rows(everything, region or None, verdict or None, sort, "desc" if order == "desc" else "asc")
    from ..render.bureaus import BUREAUS

    regions = sorted(set(BUREAUS) | {r["region"] for r in everything if r.get("region")})
    verdict_columns = [v for v in STATUSES if any(api._count(r, v) for r in everything)] or list(STATUSES)
    from .desk import AGE_BUCKETS, overview, stale_by_country

    tiles = overview(await stale_by_country(request, b), rows) if rows else []
    return page(request, "index.html", rows=rows, total=len(everything), regions=regions,
                overview=tiles, age_buckets=AGE_BUCKETS,
                region=region or "", verdict=verdict or "", sort=sort, order=order,
                verdict_columns=verdict_columns, count=api._count,
                link=lambda **kw: query_link(request, **kw))


def sheet_context(document: Any, claims: list[Any], verdicts: list[Any]) -> dict[str, Any]:
    claims_json = as_json(list(claims))
    verdicts_json = as_json(list(verdicts))
    views = claim_views(claims_json, verdicts_json)
    return {
        "doc": document,
        "blocks": sheet_blocks(document, views),
        "claims": views,
        "summary": count_statuses(verdicts_json),
    }


@router.get("/countries/{country}")
async def country_sheet(request: Request, country: str,
                        as_of: Annotated[str | None, Query(max_length=20)] = None) -> HTMLResponse:
    # On the event loop (like GET /api/countries): three indexed lookups and, usually, the
    # memoized body; a cold edition costs ≈ 5 ms once (decode and render).
    b = back(request)
    code = api.resolve_country(country)
    on = _date(as_of, "Show the edition current on")
    stored = b.store.latest_edition(code, on)
    if stored is None:
        raise WebError(404, "E-WEB-NO-EDITION",
                       f"no stored edition of the {country_name(code, article=False)} sheet"
                       + (f" published by {on.isoformat()}" if on else "") + ".")
    return _sheet_page(request, b, code, stored, as_of=on, timeline=country_timeline(request, b, code, stored))


def country_timeline(request: Request, b: Backend, code: str, stored: Any) -> Markup:
    """The country's timeline section (web/timeline.py), rendered HTML memoized per latest
    edition, check and day: the reference data is fixed for the server's life and a new edition
    or check is a new key, so an entry is never stale (the sheet page is a hot path: rendering
    the drawing and its list of ≈ 100 events on every request tripled the page's CPU)."""
    from .timeline import timeline

    memo: dict[tuple[Any, ...], Markup] = request.app.state.__dict__.setdefault("timeline_memo", {})
    meta = getattr(stored, "meta", None) or {}
    key = (code, meta.get("id"), meta.get("check_id"), dt.date.today())
    found = memo.get(key)
    if found is None:
        editions = b.store.editions(code)
        data = timeline(code, b.reference, editions, country_name(code, article=False))
        found = Markup(environment().get_template("_timeline.html").render(timeline=data))
        if len(memo) > 256:
            memo.clear()
        memo[key] = found
    return found


@router.get("/documents/{document_id}")
def document_page(request: Request, document_id: str) -> HTMLResponse:
    b = back(request)
    stored = api.stored_document(b, document_id)
    return _sheet_page(request, b, stored.document.country, stored)


def _sheet_page(request: Request, b: Backend, code: str | None, stored: Any,
                as_of: dt.date | None = None, timeline: Markup | None = None) -> HTMLResponse:
    meta = getattr(stored, "meta", None) or {}
    return page(request, "sheet.html", country=code, meta=meta, this_id=meta.get("id"), timeline=timeline,
                as_of=as_of.isoformat() if as_of else None,
                previous_id=_previous_id(b, code, stored), doc=stored.document,
                n_claims=len(stored.claims), body=sheet_body(request, stored))


def sheet_body(request: Request, stored: Any) -> Markup:
    """A stored edition's marked-up text, legend and claim table (most of a sheet page's work).

    A pure function of the document and its current check, both immutable once stored, so it is
    memoized under (id, content hash, check id): an entry can never be stale, and a new check is
    a new key. ``create_app(memo_entries=0)`` turns the memo off.
    """
    memo: BodyMemo | None = getattr(request.app.state, "body_memo", None)
    meta = getattr(stored, "meta", None) or {}
    key = (meta.get("id"), meta.get("sha256"), meta.get("check_id"))
    cacheable = memo is not None and memo.size > 0 and None not in key[:2]
    if cacheable:
        assert memo is not None
        found = memo.get(key)
        if found is not None:
            return found
    html = Markup(environment().get_template("_sheet_body.html").render(
        **sheet_context(stored.document, stored.claims, stored.verdicts)))
    if cacheable:
        assert memo is not None
        memo.put(key, html)
    return html


class BodyMemo:
    """A small thread-safe LRU of rendered sheet bodies (see sheet_body)."""

    def __init__(self, size: int = 64) -> None:
        self.size = size
        self._items: OrderedDict[tuple[Any, ...], Markup] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[Any, ...]) -> Markup | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: tuple[Any, ...], value: Markup) -> None:
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)


def _previous_id(b: Backend, code: str | None, stored: Any) -> Any:
    """The edition published before this one (for the diff link), if any."""
    published = stored.document.published
    if not code or not published:
        return None
    try:
        before = lower_bound(published) - dt.timedelta(days=1)
    except (ValueError, IndexError):
        return None
    return b.store.latest_edition_id(code, before)  # the id only: nothing to decode


@router.get("/countries/{country}/editions")
def country_editions(request: Request, country: str) -> HTMLResponse:
    b = back(request)
    code = api.resolve_country(country)
    editions = [as_json(e) for e in b.store.editions(code)]
    if not editions:
        raise WebError(404, "E-WEB-NO-EDITION",
                       f"no stored edition of the {country_name(code, article=False)} sheet.")
    return page(request, "editions.html", country=code, editions=editions)


#: Change kinds (render.update) as the page names them.
KIND_LABELS = {
    "corrected": "Corrected", "updated": "Updated", "removed": "Removed", "added": "Added",
    "carried": "Carried over", "not_carried": "Not carried over", "kept": "Kept",
}


def _latest(b: Backend, country: str) -> Any:
    stored = b.store.latest_edition(country, None)
    if stored is None:
        raise WebError(404, "E-WEB-NO-EDITION",
                       f"no stored edition of the {country_name(country, article=False)} sheet.")
    return stored


def _written(sheet: Any) -> dict[str, Any]:
    """The written sheet as render's own HTML view prepares it (paragraphs, footnote numbers)."""
    from ..render import template_context

    return template_context(sheet)


@router.get("/countries/{country}/update")
def country_update(request: Request, country: str,
                   as_of: Annotated[str | None, Query(max_length=20)] = None) -> HTMLResponse:
    """The latest edition rewritten as of a date, with its change list."""
    from ..render import update

    b = back(request)
    code = api.resolve_country(country)
    on = _date(as_of, "Write as of")
    stored = _latest(b, code)
    result = update(stored.document, as_of=on, reference=b.reference)
    return page(request, "update.html", country=code, as_of=on, stored=stored,
                meta=getattr(stored, "meta", None) or {}, w=_written(result.sheet),
                changes=[as_json(c) for c in result.changes], KIND_LABELS=KIND_LABELS)


@router.get("/countries/{country}/diff")
def country_diff(request: Request, country: str,
                 as_of: Annotated[str | None, Query(max_length=20)] = None) -> HTMLResponse:
    """The updated sheet against the last stored edition."""
    from ..read import read_bytes
    from ..render import diff, update

    b = back(request)
    code = api.resolve_country(country)
    on = _date(as_of, "Write as of")
    stored = _latest(b, code)
    updated = update(stored.document, as_of=on, reference=b.reference)
    new_doc = read_bytes(updated.sheet.to_text().encode("utf-8"), name="the updated sheet")
    result = diff(stored.document, new_doc, reference=b.reference, as_of=on)
    return page(request, "diff.html", country=code,
                old_label=f"edition of {_long_date(stored.document.published)}",
                new_label="updated sheet" + (f" as of {_long_date(on.isoformat())}" if on else ""),
                diff=as_json(result))


@router.get("/diff")
def editions_diff(request: Request, old: Annotated[str, Query(max_length=20)],
                  new: Annotated[str, Query(max_length=20)]) -> HTMLResponse:
    """Two stored editions, compared on their stored claims and verdicts."""
    from ..render.diff import diff_claims

    b = back(request)
    a, z = api.stored_document(b, old), api.stored_document(b, new)
    result = diff_claims(a.document, list(a.claims), z.document, list(z.claims),
                         list(a.verdicts), list(z.verdicts))
    return page(request, "diff.html", country=z.document.country,
                old_label=f"edition of {_long_date(a.document.published)}",
                new_label=f"edition of {_long_date(z.document.published)}", diff=as_json(result))


@router.get("/check")
def check_form(request: Request) -> HTMLResponse:
    return page(request, "check.html", text="", as_of="", error=None)


@router.post("/check")
async def check_submit(request: Request) -> HTMLResponse:
    """The form posts the pasted text or an uploaded file; the check is shown, nothing is stored."""
    form = await request.form(max_files=1, max_fields=5, max_part_size=MAX_UPLOAD_BYTES + 1)
    text = form.get("text")
    upload = form.get("file")
    as_of_text = form.get("as_of")
    as_of_value = as_of_text.strip() if isinstance(as_of_text, str) else ""
    pasted = text if isinstance(text, str) else ""
    raw = b""
    name = "the pasted sheet"
    try:
        if upload is not None and not isinstance(upload, str) and upload.filename:
            require_sheet_type(upload.content_type, f"the file {upload.filename[:80]!r}")
            raw = await upload.read(MAX_UPLOAD_BYTES + 1)
            require_size(len(raw), what=f"the file {upload.filename[:80]!r}")
            name = f"the file {upload.filename[:80]!r}"
        elif pasted.strip():
            raw = pasted.encode("utf-8")
            require_size(len(raw))
        else:
            raise WebError(422, "E-WEB-EMPTY", "paste a sheet into the box or choose a file to check.")
        on = _date(as_of_value, "Check as of")
        checked = await back(request).check_isolated(raw, on, name)
    except (WebError, InputError, UsageError) as exc:
        status = exc.status if isinstance(exc, WebError) else status_for(exc)
        if status != 422:
            raise  # 413/415 and server-side problems get the error page
        return page(request, "check.html", status=422, text=pasted[:MAX_UPLOAD_BYTES],
                    as_of=as_of_value, error=field_words(exc.message))
    return page(request, "checked.html", as_of=checked.as_of,
                horizon=back(request).reference.horizon(),
                **sheet_context(checked.document, checked.claims, checked.verdicts))


@router.get("/reference")
def reference_page(request: Request, country: Annotated[str | None, Query(max_length=60)] = None,
                   on: Annotated[str | None, Query(max_length=20)] = None,
                   predicate: Annotated[str | None, Query(max_length=60)] = None) -> HTMLResponse:
    b = back(request)
    ref = b.reference
    status = api.reference_status(b)
    known = api.predicates(b)
    answers: list[dict[str, Any]] = []
    code = None
    day = _date(on, "On") or dt.date.today()
    chosen = predicate if predicate in known else None
    if country:
        code = api.resolve_country(country)
        answers = api.explore(b, code, day, chosen)
    return page(request, "reference.html", country=code, country_text=country or "", on=day,
                answers=answers, ref_status=status, horizon=ref.horizon(), predicates=known,
                predicate=chosen or "")
