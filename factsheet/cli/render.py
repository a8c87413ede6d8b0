"""``factsheet update``, ``factsheet render`` and ``factsheet diff``: write sheets, compare editions."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import click

from ._common import format_option, handle_errors, max_bytes_option, print_json, read_sheet, reader_options

SHEET_FORMATS = ("text", "markdown", "html", "json", "pdf")


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename, so
    the file is either the old one or the complete new one, never half-written."""
    from ..errors import UsageError

    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"--out {path}: the folder {folder} does not exist; create it first.")
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if target.exists():
        mode = target.stat().st_mode & 0o777
    else:  # what open() would have given: mkstemp's files are private (0600)
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _as_of(value: str | None) -> Any:
    from ..dates import parse_user_date

    return parse_user_date(value) if value else None


def _dated(document: Any, published: str | None) -> Any:
    """The document with the publication date given on the command line ('-' or none: its own)."""
    if not published or published == "-":
        return document
    from ..check.published import given_published

    return given_published(document, published)


def _emit_sheet(sheet: Any, fmt: str, out: Path | None, extra: dict[str, Any] | None = None) -> None:
    """The sheet in ``fmt`` to ``out`` (atomically) or stdout; PDF needs ``out``."""
    from ..errors import UsageError

    if fmt == "pdf":
        if out is None:
            raise UsageError("--format pdf needs --out PATH (a PDF is not printed to the terminal).")
        from ..render.pdf import to_pdf

        write_atomic(out, to_pdf(sheet))
        return
    if fmt == "json":
        import json

        data = extra if extra is not None else sheet.to_json()
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    else:
        text = sheet.render(fmt)
    if out is not None:
        write_atomic(out, text)
    else:
        click.echo(text, nl=False)


@click.command("update")
@click.argument("file")
@click.option("--as-of", "as_of", metavar="DATE", help="Date the sheet speaks for (YYYY-MM-DD; default today).")
@format_option(*SHEET_FORMATS)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write the sheet here (atomically).")
@click.option("--published", metavar="DATE", help="The sheet's publication date (YYYY-MM-DD, YYYY-MM or "
              "YYYY) instead of the one it states or the range inferred for an undated sheet.")
@reader_options
@handle_errors
def update_cmd(file: str, as_of: str | None, fmt: str, out: Path | None, published: str | None,
               force: bool, max_bytes: int) -> None:
    """Write the corrected, current sheet for FILE (an existing sheet), with a change list.

    The sheet is read, its claims extracted and checked on the date; facts the sources give are
    rewritten from them (dated when the date lies past what the sources cover), claims the
    sources cannot check are carried over unchanged with their years. The change list goes to
    stdout when --out is given, else to stderr after the sheet. With --format json the sheet and
    the changes are one JSON document.

    \b
    Example:
      factsheet update peru-2017.txt --as-of 2026-11-27 --out peru-2026.txt
    Exit codes: 0 written, 2 bad option (date, format), 3 unreadable
    input or not a fact sheet, 4 reference data problem.
    """
    from ..errors import UsageError
    from ..render.update import update

    if fmt == "pdf" and out is None:
        raise UsageError("--format pdf needs --out PATH (a PDF is not printed to the terminal).")
    on = _as_of(as_of)
    result = update(_dated(read_sheet(file, max_bytes=max_bytes, force=force), published), as_of=on)
    if fmt == "json":
        _emit_sheet(result.sheet, fmt, out, result.to_json())
        if out is not None:
            print_json({"out": str(out), "changes": [c.to_json() for c in result.changes]})
        return
    _emit_sheet(result.sheet, fmt, out)
    if out is not None:
        click.echo(f"wrote {out}")
        click.echo(result.changes_text(), nl=False)
    else:
        click.echo("", err=True)
        click.echo(result.changes_text(), nl=False, err=True)


@click.command("render")
@click.argument("country")
@click.option("--as-of", "as_of", metavar="DATE", help="Date the sheet speaks for (YYYY-MM-DD; default today).")
@click.option("--db", metavar="PATH|URL", help="Knowledge base whose latest edition of the country is the base "
              "(default $FACTSHEET_DB, or ./factsheet.db when it exists).")
@format_option(*SHEET_FORMATS)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write the sheet here (atomically).")
@handle_errors
def render_cmd(country: str, as_of: str | None, db: str | None, fmt: str, out: Path | None) -> None:
    """Write a sheet for COUNTRY (a name or ISO code) from the reference facts on a date.

    When a knowledge base is available, its latest edition of the country (on that date) is
    the base: its claims the sources cannot check (trade figures, visitors) are carried over.

    \b
    Examples:
      factsheet render Peru --as-of 2017-01-25
      factsheet render PE --db factsheet.db --format markdown
    Exit codes: 0 written, 2 unknown country or bad option, 4 reference
    data problem, 5 database problem.
    """
    from ..render.compose import render_sheet
    from ..render.scope import resolve_country

    iso = resolve_country(country)
    on = _as_of(as_of)
    if fmt == "pdf" and out is None:
        from ..errors import UsageError

        raise UsageError("--format pdf needs --out PATH (a PDF is not printed to the terminal).")
    base = _base_from_store(db, iso, on)
    sheet = render_sheet(iso, on, base=base)
    _emit_sheet(sheet, fmt, out)
    if out is not None:
        click.echo(f"wrote {out}")


def _base_from_store(db: str | None, iso: str, on: Any) -> Any:
    target = db or os.environ.get("FACTSHEET_DB") or ("factsheet.db" if Path("factsheet.db").exists() else None)
    if target is None:
        return None
    from ..check import check
    from ..store import open_store

    with open_store(target, create=False) as store:
        stored = store.latest_edition(iso, on)
    if stored is None:
        return None
    verdicts = check(stored.document, stored.claims, as_of=on)  # judged on this date, not the ingest date
    return (stored.document, stored.claims, verdicts)


@click.command("diff")
@click.argument("old")
@click.argument("new")
@format_option("text", "json")
@click.option("--as-of", "as_of", metavar="DATE", help="Check date for the verdicts (default today).")
@click.option("--no-verdicts", is_flag=True, help="Compare claims only, without checking them.")
@click.option("--published", nargs=2, metavar="OLD_DATE NEW_DATE", default=None,
              help="The two editions' publication dates (YYYY-MM-DD, YYYY-MM or YYYY; '-' keeps "
              "a sheet's own), instead of the ones they state or infer.")
@click.option("--force", is_flag=True, help="Compare editions of two different countries anyway "
              "(and read HTML pages that hold no fact sheet).")
@max_bytes_option
@handle_errors
def diff_cmd(old: str, new: str, fmt: str, as_of: str | None, no_verdicts: bool,
             published: tuple[str, str] | None, force: bool, max_bytes: int) -> None:
    """Claims added, removed and changed from edition OLD to edition NEW, with their verdicts.

    Claims are matched by type and key fields (agreement and event, trade flow and year,
    organization, …). Lines start with + (added), - (removed) or ~ (changed). OLD and NEW are
    editions of one country's sheet: two countries are refused unless --force is given (then a
    warning goes to stderr). "-" reads one of them from standard input.
    """
    from ..errors import UsageError
    from ..render.diff import diff

    if old == new == "-":
        raise UsageError("standard input (-) can be given once.")
    old_date, new_date = published or ("-", "-")
    before = _dated(read_sheet(old, max_bytes=max_bytes, force=force), old_date)
    after = _dated(read_sheet(new, max_bytes=max_bytes, force=force), new_date)
    if before.country and after.country and before.country != after.country:
        what = f"{old} is a sheet of {before.country} and {new} one of {after.country}"
        if not force:
            raise UsageError(f"{what}: diff compares editions of one country; pass --force to "
                             "compare them anyway.", code="E-USAGE-COUNTRIES")
        click.echo(f"warning: {what}; every claim will differ.", err=True)
    result = diff(before, after, as_of=_as_of(as_of), verdicts=not no_verdicts)
    if fmt == "json":
        print_json(result.to_json())
    else:
        click.echo(result.to_text(), nl=False)
    sys.stdout.flush()
