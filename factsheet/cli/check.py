"""``factsheet check``: verdicts for every claim of one or more sheets."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
from pathlib import Path
from typing import Any

import click

from ..dates import lower_bound, parse_user_date
from ..errors import InputError, NotAFactSheetError, UsageError
from ..model import Claim, Document, Verdict
from ._common import handle_errors, read_sheet, reader_options


def _load_claims(path: str) -> list[Claim]:
    try:
        data: Any = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"--claims {path}: no such file", code="E-INPUT-NOT-FOUND") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"--claims {path}: not a JSON file ({exc})", code="E-INPUT-CLAIMS") from None
    items = data.get("claims") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise InputError(f"--claims {path}: expected a list of claims or an object with "
                         "\"claims\" (the shape `factsheet extract --format json` prints)",
                         code="E-INPUT-CLAIMS")
    try:
        return [Claim.from_json(c) for c in items]
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise InputError(f"--claims {path}: a claim lacks a required key ({exc})",
                         code="E-INPUT-CLAIMS") from None


def _reference(path: str | None) -> Any:
    if path is None:
        from ..reference import load_reference

        return load_reference()
    from ..check.memory import MemoryReference
    from ..errors import ReferenceDataError

    try:
        return MemoryReference.from_json(path)
    except FileNotFoundError:
        raise ReferenceDataError(f"--reference {path}: no such file") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ReferenceDataError(f"--reference {path}: not a facts file ({exc})") from None


def _stored_editions(url: str, documents: list[tuple[Document, list[Claim]]]
                     ) -> dict[str, list[tuple[Document, list[Claim]]]]:
    """The stored editions of every country among ``documents``."""
    from .. import open_store

    store = open_store(url, create=False)
    out: dict[str, list[tuple[Document, list[Claim]]]] = {}
    for country in {d.country for d, _ in documents if d.country}:
        out[country] = []
        for row in store.editions(country):
            edition = store.document(int(row["document_id"]))
            out[country].append((edition.document, list(edition.claims)))
    return out


def _refuse_non_sheet(document: Document, file: str) -> None:
    """A text with neither a sheet header nor a country (a Python file, a news story) has no
    claims worth checking: refused as `update` and `ingest` refuse it."""
    if document.kind == "unknown" and document.country is None:
        raise NotAFactSheetError(
            f"{file} has no fact-sheet header and names no country: give `check` a 'U.S. "
            "Relations With …' fact sheet (see what was read with `factsheet read`)."
        )


def _use_color() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _body(page: str) -> str:
    m = re.search(r"<body>(.*)</body>", page, re.S)
    return m.group(1) if m else page


@click.command("check")
@click.argument("files", nargs=-1, required=True)
@click.option("--as-of", "as_of", default="today", show_default=True, metavar="DATE",
              help="The check date (YYYY-MM-DD): verdicts \"now\" are for this day.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown", "html"]),
              default="text", show_default=True, help="Report format.")
@click.option("--trade-csv", "trade_csv", multiple=True, type=click.Path(dir_okay=False),
              metavar="PATH", help="Official trade figures (country,year,flow,scope,value_usd) "
              "to check trade claims against; repeatable. See docs/checking.md.")
@click.option("--claims", "claims_paths", multiple=True, type=click.Path(dir_okay=False),
              metavar="PATH", help="Check these claims (JSON from `factsheet extract --format "
              "json`) instead of extracting them; give it once per FILE, in the same order.")
@click.option("--reference", "reference_path", type=click.Path(dir_okay=False), metavar="PATH",
              help="Check against the facts of this JSON file ({\"facts\": [...], \"horizons\": "
              "{source: date}}) instead of the shipped reference data.")
@click.option("--published", "published", metavar="DATE", default=None,
              help="The sheets' publication date (YYYY-MM-DD, YYYY-MM or YYYY) instead of the "
              "one they state or, for an undated sheet, the range inferred from the page.")
@click.option("--url", "urls", multiple=True, metavar="URL",
              help="The address a FILE was copied from (a web-archive address dates an undated "
              "sheet); give it once per FILE, in the same order.")
@click.option("--store", "store_url", metavar="PATH|URL", default=None,
              help="Also compare with the editions of the same country kept in this knowledge "
              "base (SQLite path or postgresql:// URL).")
@reader_options
@handle_errors
def check_cmd(files: tuple[str, ...], as_of: str, fmt: str, trade_csv: tuple[str, ...],
              claims_paths: tuple[str, ...], reference_path: str | None,
              published: str | None, urls: tuple[str, ...], store_url: str | None,
              force: bool, max_bytes: int) -> None:
    """Check every claim of FILE... against the reference data, when published and now.

    Each claim gets a verdict on the day the sheet was published (supported, contradicted,
    inconsistent, unverifiable) and on the check date (current, outdated, contradicted,
    unknown), with its evidence and the reference horizon. Several FILEs of the same country
    are editions of each other and are also checked for consistency across editions.

    --format json prints one object {"document", "claims", "verdicts", "horizon",
    "check_date", "summary"} for one FILE, a JSON list of them for several.

    "-" reads a sheet from standard input.

    Exit status: 0 when no claim is contradicted or inconsistent, 1 when one is, 2 usage
    error, 3 unreadable input, 4 reference data problem, 5 knowledge base problem (--store).
    """
    from ..check import check, exit_status, published_document, report_horizon
    from ..check.published import validate_published
    from ..check.tradeimport import with_user_trade

    day = parse_user_date(as_of)
    given_date = validate_published(published) if published else None
    if urls and len(urls) != len(files):
        raise UsageError(f"--url was given {len(urls)} time(s) for {len(files)} FILE(s): give "
                         "it once per FILE, in the same order.")
    if claims_paths and len(claims_paths) != len(files):
        raise UsageError(f"--claims was given {len(claims_paths)} time(s) for {len(files)} "
                         "FILE(s): give it once per FILE, in the same order.")
    documents: list[tuple[Document, list[Claim]]] = []
    if files.count("-") > 1:
        raise UsageError("standard input (-) can be given once.")
    for n, file in enumerate(files):
        document = published_document(
            read_sheet(file, max_bytes=max_bytes, force=force, url=urls[n] if urls else None),
            day, given_date, "--published")
        _refuse_non_sheet(document, file)
        if claims_paths:
            claims_path = claims_paths[n]
            claims = _load_claims(claims_path)
            for c in claims:
                if document.text[c.span[0]:c.span[1]] != c.quote:
                    raise InputError(f"--claims {claims_path}: a claim's span {list(c.span)} does "
                                     f"not hold its quote in {file}", code="E-INPUT-CLAIMS")
        else:
            from ..extract import extract

            claims = extract(document)
        documents.append((document, claims))
    reference = with_user_trade(_reference(reference_path), trade_csv)
    for document, _ in documents:
        if document.published and day < lower_bound(document.published):
            raise UsageError(f"--as-of {day} is before {document.source or 'the sheet'} was "
                             f"published ({document.published}): check as of a later date.")
    stored = _stored_editions(store_url, documents) if store_url else {}
    results: list[tuple[Document, list[Claim], list[Verdict]]] = []
    for i, (document, claims) in enumerate(documents):
        editions = [(d, c) for j, (d, c) in enumerate(documents)
                    if j != i and d.country and d.country == document.country]
        given = {d.sha256 for d, _ in editions} | {document.sha256}
        editions += [(d, c) for d, c in stored.get(document.country or "", [])
                     if d.sha256 not in given]
        verdicts = check(document, claims, reference, day, editions=editions)
        results.append((document, claims, verdicts))
    horizons = [report_horizon(v, None, c) for _, c, v in results]
    horizon = max((h for h in horizons if h), default=None) or report_horizon([], reference)
    _print(results, fmt, horizon, day, cited_horizons(reference, [v for _, _, v in results]))
    sys.exit(max(exit_status(v) for _, _, v in results))


def cited_horizons(reference: Any, verdicts: list[list[Verdict]]) -> dict[str, str]:
    """The horizon of each source the verdicts cite (the report's horizon, per source)."""
    from ..check.provenance import source_horizons

    cited = {e.source for vs in verdicts for v in vs for a in (v.at_publication, v.now) for e in a.evidence}
    return {k: v for k, v in source_horizons(reference).items() if k in cited}


def _print(results: list[tuple[Document, list[Claim], list[Verdict]]], fmt: str,
           horizon: str | None, day: dt.date, horizons: dict[str, str] | None = None) -> None:
    from ..check.report import render_report, report_json

    as_of = day.isoformat()
    if fmt == "json":
        objects = [report_json(d, c, v, horizon, as_of, horizons) for d, c, v in results]
        data: Any = objects[0] if len(objects) == 1 else objects
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    color = fmt == "text" and _use_color()
    pages = [render_report(d, c, v, fmt, horizon=horizon, as_of=as_of, color=color, horizons=horizons)
             for d, c, v in results]
    if fmt == "html" and len(pages) > 1:
        head = pages[0].split("<body>")[0]
        click.echo(head + "<body>" + "<hr>".join(_body(p) for p in pages) + "</body></html>")
        return
    click.echo(("\n" + ("-" * 100 + "\n\n" if fmt == "text" else "")).join(pages), nl=False,
               color=color)
