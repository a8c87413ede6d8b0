"""``factsheet ingest | query | countries | history | export``: the knowledge base from the shell."""

from __future__ import annotations

import datetime as dt
import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ..errors import UnknownCountryError, UsageError
from ._common import format_option, handle_errors, max_bytes_option, print_json

F = TypeVar("F", bound=Callable[..., Any])


def db_option(func: F) -> F:
    return click.option(
        "--db",
        "db",
        envvar="FACTSHEET_DB",
        default="factsheet.db",
        show_default=True,
        metavar="PATH|URL",
        help="SQLite file, or postgresql://user:password@host/dbname (env FACTSHEET_DB).",
    )(func)


def _date(value: str | None, option: str) -> dt.date | None:
    from ..dates import parse_user_date

    return None if value is None else parse_user_date(value, option=option)


def _country(value: str | None) -> str | None:
    if value is None:
        return None
    from ..countries import to_iso2

    iso = to_iso2(value) or (to_iso2(value.upper()) if len(value.strip()) in (2, 3) else None)
    if iso is None:
        raise UnknownCountryError(f"Unknown country {value!r}: give a name (Peru) or an ISO code (PE).")
    return iso


def _open(db: str, *, create: bool = False) -> Any:
    """The knowledge base; only ``ingest`` creates one (a mistyped --db is E-STORE-NOT-FOUND)."""
    from ..store import open_store

    return open_store(db, create=create)


def _table(rows: list[dict[str, Any]], columns: list[tuple[str, str]], title: str | None = None) -> None:
    """A rich table on stdout (plain text when not a terminal)."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False, header_style="bold")
    for _, label in columns:
        table.add_column(label, overflow="fold")
    for row in rows:
        table.add_row(*("—" if row.get(k) is None else str(row.get(k)) for k, _ in columns))
    Console(width=None if sys.stdout.isatty() else 160).print(table)


# -- ingest -------------------------------------------------------------------------------------


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@db_option
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes for read+extract+check (one process writes).")
@click.option("--glob", "glob", metavar="PATTERN", default=None,
              help="File pattern inside folders (default *.txt, *.md, *.html, *.htm), e.g. '*-2017.txt'.")
@click.option("--check-date", metavar="DATE", default=None, help="Check verdicts 'now' as of DATE (default today).")
@click.option("--published", metavar="DATE", default=None,
              help="Publication date of the sheets (YYYY-MM-DD, YYYY-MM or YYYY) instead of the "
              "one they state or the range inferred for undated ones.")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: when stderr is a terminal).")
@format_option("text", "json")
@max_bytes_option
@handle_errors
def ingest_cmd(
    paths: tuple[str, ...], db: str, jobs: int, glob: str | None, check_date: str | None,
    published: str | None, progress: bool | None, fmt: str, max_bytes: int,
) -> None:
    """Read, extract, check and store sheets: PATHS are files or folders (searched recursively).

    The same bytes twice change nothing (unchanged); each document is stored in one transaction;
    a file that fails is reported with its reason and the rest go on. Exit 0 when every file was
    stored or unchanged, 3 when some failed, 5 when the database cannot be opened.

    \b
    Examples:
      factsheet ingest sheets/ --jobs 2
      factsheet ingest archive/ --glob '*.html' --db postgresql://me@dbhost/factsheet
    """
    from ..store import pipeline
    from ..store.ingest import IngestSummary, collect, ingest_iter, skipped

    on = _date(check_date, "--check-date")
    if "-" in paths:
        raise UsageError("ingest reads files and folders, not standard input: save the sheet to a "
                         "file first (or use `factsheet check -`).")
    store = _open(db, create=True)
    candidates = collect(paths, glob)
    left_out = skipped(paths, glob)
    show = sys.stderr.isatty() if progress is None else progress
    summary = IngestSummary()
    started = dt.datetime.now()
    processor = pipeline.prepare_safely
    if published:
        from ..check.published import validate_published

        published = validate_published(published)  # a bad date: a usage error before any work
        processor = functools.partial(pipeline.prepare_safely, published=published,
                                      max_bytes=max_bytes)
    results = ingest_iter(store, candidates, jobs=jobs, check_date=on, processor=processor,
                          max_bytes=max_bytes)
    if show:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        with Progress(
            TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
            TextColumn("{task.fields[counts]}"), console=Console(stderr=True), transient=False,
        ) as bar:
            task = bar.add_task("ingest", total=len(candidates), counts="")
            for result in results:
                summary.results.append(result)
                bar.update(task, advance=1, counts=_counts(summary))
    else:
        summary.results.extend(results)
    if summary.count("new"):
        store.optimize()
    summary.seconds = (dt.datetime.now() - started).total_seconds()
    summary.skipped = left_out
    store.close()
    if fmt == "json":
        print_json(summary.to_json())
    else:
        click.echo(f"{_counts(summary)} in {summary.seconds:.1f} s ({len(summary.results)} files) → {store.target.display}")
        for failed in summary.failed:
            click.echo(f"  failed {failed.source}: {failed.reason}")
        for path, why in summary.skipped:
            click.echo(f"  skipped {path}: {why}")
    if summary.failed:
        sys.exit(3)


def _counts(summary: Any) -> str:
    return f"new {summary.count('new')}, unchanged {summary.count('unchanged')}, failed {summary.count('failed')}"


# -- query --------------------------------------------------------------------------------------

QUERY_COLUMNS = [
    ("country", "country"), ("published", "published"), ("type", "type"), ("value", "value"),
    ("at_publication", "at publication"), ("now", "now"), ("quote", "quote"),
]


#: Rows ``factsheet query`` prints unless --limit says otherwise: a screenful is not thousands
#: of rows, and building each row costs time (see docs/store.md, Performance).
DEFAULT_LIMIT = 1000


@click.command("query")
@db_option
@click.option("--country", help="Country name or ISO code.")
@click.option("--type", "claim_type", help="Claim type (ambassador, trade, …; 'relations.*' for a family).")
@click.option("--verdict", help="Verdict at publication or now (contradicted, outdated, …) or a code (V-…).")
@click.option("--since", metavar="DATE", help="Sheets published on or after DATE.")
@click.option("--until", metavar="DATE", help="Sheets published on or before DATE.")
@click.option("--said-on", metavar="DATE",
              help="What the sheets said on DATE: only each country's latest edition published by then.")
@click.option("--true-on", metavar="DATE",
              help="Re-judge each claim against the reference data as of DATE (valid time); "
                   "--verdict then filters on that judgment (current = true on DATE).")
@click.option("--limit", type=click.IntRange(min=0), default=DEFAULT_LIMIT, show_default=True,
              help="At most this many rows (0: all; a note on stderr says when rows were left out).")
@format_option("table", "json", "jsonl", "csv")
@handle_errors
def query_cmd(
    db: str, country: str | None, claim_type: str | None, verdict: str | None, since: str | None,
    until: str | None, said_on: str | None, true_on: str | None, limit: int | None, fmt: str,
) -> None:
    """Claims across every stored edition, with their latest verdicts, filtered.

    Two time axes: --said-on DATE (publication time: the latest edition of each country
    published by DATE) and --true-on DATE (valid time: each claim checked against what the
    reference data says was true on DATE).

    \b
    Examples:
      factsheet query --country Peru --type ambassador
      factsheet query --verdict outdated --format csv
      factsheet query --said-on 2018-01-01 --true-on 2018-01-01 --verdict outdated
    """
    from ..store.queries import claim_type_filter, verdict_filter

    claim_type, verdict = claim_type_filter(claim_type), verdict_filter(verdict)
    rows = _open(db).claims(
        _country(country), claim_type, verdict, _date(since, "--since"), _date(until, "--until"),
        said_on=_date(said_on, "--said-on"), true_on=_date(true_on, "--true-on"),
        limit=(limit + 1) if limit else None,  # one more, to know whether rows were left out
    )
    if limit and len(rows) > limit:
        rows = rows[:limit]
        click.echo(f"note: showing the first {limit:,} claims; --limit 0 for all, or narrow the filter.",
                   err=True)
    if fmt == "json":
        print_json(rows)
    elif fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
    elif fmt == "csv":
        from ..store.export import CSV_COLUMNS, write_csv

        extra = ("true_on", "true_on_verdict", "true_on_code") if true_on else ()
        write_csv(rows, sys.stdout, CSV_COLUMNS + extra)
    else:
        columns = list(QUERY_COLUMNS)
        if true_on:
            columns.insert(6, ("true_on_verdict", f"on {true_on}"))
        shown = [{**r, "quote": _clip(r["quote"], 90)} for r in rows]
        _table(shown, columns, title=f"{len(rows)} claims")


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


# -- countries ----------------------------------------------------------------------------------


@click.command("countries")
@db_option
@click.option("--on", "on", metavar="DATE", help="As the sheets stood on DATE (latest edition published by then).")
@format_option("table", "json", "csv")
@handle_errors
def countries_cmd(db: str, on: str | None, fmt: str) -> None:
    """Per country: latest edition, its claims, how many are contradicted or outdated, and the
    days since it was published."""
    from ..countries import country_name

    rows = [{**r, "name": country_name(r["country"], article=False)} for r in _open(db).countries(_date(on, "--on"))]
    columns = [
        ("country", "country"), ("name", "name"), ("latest_published", "latest edition"), ("editions", "editions"),
        ("claims", "claims"), ("contradicted", "contradicted"), ("outdated", "outdated"),
        ("days_since", "days since"),
    ]
    if fmt == "json":
        print_json(rows)
    elif fmt == "csv":
        write_plain_csv(rows, [k for k, _ in columns] + ["latest_document_id", "source"])
    else:
        _table(rows, columns, title=f"{len(rows)} countries")


def write_plain_csv(rows: list[dict[str, Any]], columns: list[str]) -> None:
    import csv

    writer = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


# -- history ------------------------------------------------------------------------------------


@click.command("history")
@click.argument("country")
@click.argument("claim_type", metavar="TYPE")
@db_option
@format_option("table", "json")
@handle_errors
def history_cmd(country: str, claim_type: str, db: str, fmt: str) -> None:
    """One claim TYPE across COUNTRY's editions, with verdicts.

    \b
    Example: the U.S. ambassador named in each edition of Peru's sheet:
      factsheet history Peru ambassador
    """
    from ..store.queries import claim_type_filter

    iso = _country(country)
    assert iso is not None
    claim_type_filter(claim_type, "TYPE")
    rows = _open(db).history(iso, claim_type)
    if fmt == "json":
        print_json(rows)
        return
    flat = []
    for ed in rows:
        if not ed["claims"]:
            flat.append({"edition": ed["edition"], "published": ed["published"], "value": "(not stated)"})
        for claim in ed["claims"]:
            flat.append({"edition": ed["edition"], "published": ed["published"], **claim})
    _table(
        flat,
        [("edition", "#"), ("published", "published"), ("value", "value"),
         ("at_publication", "at publication"), ("now", "now"), ("current", "current value")],
        title=f"{claim_type} in {len(rows)} editions of {iso}",
    )


# -- export -------------------------------------------------------------------------------------


@click.command("export")
@db_option
@format_option("jsonl", "csv", "sqlite")
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None,
              help="Output file (stdout for jsonl/csv when omitted; required for sqlite).")
@click.option("--force", is_flag=True, help="Replace an existing output file.")
@handle_errors
def export_cmd(db: str, fmt: str, output: str | None, force: bool) -> None:
    """Export every document, claim and verdict: jsonl (one document per line), csv (one claim
    per row) or sqlite (a standalone file for Datasette: `datasette export.db`)."""
    from ..store import export

    if fmt == "sqlite" and not output:
        raise UsageError("--format sqlite needs --output FILE, e.g. -o export.db.")
    if output and Path(output).exists() and not force:
        raise UsageError(f"--output {output} exists: pass --force to replace it, or give another path.")
    store = _open(db)
    if fmt == "sqlite":
        assert output is not None
        counts = export.write_sqlite(store, output, overwrite=force)
        click.echo(f"{counts['documents']} documents, {counts['claims']} claims → {output}", err=True)
        return
    out = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout  # noqa: SIM115
    try:
        if fmt == "jsonl":
            export.write_jsonl(store, out)
        else:
            export.write_csv(store.claims(), out)
    finally:
        if output:
            out.close()
