"""``factsheet recheck | stale``: the editor's desk — re-judge stored editions, list what is stale."""

from __future__ import annotations

import sys
from typing import Any

import click

from ._common import format_option, handle_errors, print_json
from .store import _country, _date, _open, _table, db_option, write_plain_csv


@click.command("recheck")
@db_option
@click.option("--country", help="Only this country's editions (name or ISO code).")
@click.option("--checked-before", metavar="DATE", help="Only editions whose latest check is dated before DATE.")
@click.option("--check-date", metavar="DATE", default=None, help="Judge 'now' as of DATE (default today).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes that check (one process writes).")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: when stderr is a terminal).")
@format_option("text", "json")
@handle_errors
def recheck_cmd(db: str, country: str | None, checked_before: str | None, check_date: str | None, jobs: int,
                progress: bool | None, fmt: str) -> None:
    """Re-judge stored editions against the current reference data and keep the new verdicts.

    Each run stores a new check of every selected edition (its date and the reference data
    used), so every claim's verdict history is kept. Prints the claims newly outdated, newly
    contradicted and newly supported. Running it again the same day with the same reference
    data changes nothing; an interrupted run keeps every batch it finished.

    \b
    Examples:
      factsheet recheck --jobs 2
      factsheet recheck --country Peru
      factsheet recheck --checked-before 2026-01-01
    """
    from ..store.recheck import recheck

    store = _open(db)
    show = sys.stderr.isatty() if progress is None else progress
    kwargs: dict[str, Any] = {
        "country": _country(country), "checked_before": _date(checked_before, "--checked-before"),
        "check_date": _date(check_date, "--check-date"), "jobs": jobs,
    }
    if show:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        with Progress(TextColumn("recheck"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                      console=Console(stderr=True)) as bar:
            task = bar.add_task("recheck", total=None)
            summary = recheck(store, on_progress=lambda done, total: bar.update(task, completed=done, total=total),
                              **kwargs)
    else:
        summary = recheck(store, **kwargs)
    store.close()
    if fmt == "json":
        print_json(summary.to_json())
        return
    click.echo(
        f"rechecked {summary.rechecked} of {summary.selected} editions as of {summary.check_date} "
        f"({summary.up_to_date} already up to date) in {summary.seconds:.1f} s: newly outdated "
        f"{summary.count('outdated')}, newly contradicted {summary.count('contradicted')}, newly supported "
        f"{summary.count('supported')}"
    )
    for kind in ("contradicted", "outdated", "supported"):
        for c in (c for c in summary.changes if c.change == kind):
            click.echo(f"  {kind:<12} {c.country or '—'} {c.published or 'undated'} #{c.claim} {c.type}: "
                       f"{c.value} ({c.before} → {c.after}, {c.code})")


@click.command("stale")
@db_option
@click.option("--bureau", help="Only countries of this bureau (a part of its name: 'African', 'Western').")
@click.option("--country", help="Only this country (name or ISO code).")
@format_option("text", "json", "csv")
@handle_errors
def stale_cmd(db: str, bureau: str | None, country: str | None, fmt: str) -> None:
    """The stale queue: each country's latest edition's claims outdated or contradicted now.

    For each: since when (the date the source records the change; a contradicted claim since
    its publication), days stale, the corrected sentence and a priority (1 most urgent:
    contradicted before outdated; leaders and ambassadors before relations and agreements,
    before figures). Run `factsheet recheck` first to judge against the current reference data.

    \b
    Examples:
      factsheet stale --bureau Western
      factsheet stale --format csv > stale.csv
    """
    from ..store.stale import COLUMNS, queue

    rows = queue(_open(db), bureau=bureau, country=_country(country))
    if fmt == "json":
        print_json({"count": len(rows), "stale": rows})
    elif fmt == "csv":
        write_plain_csv(rows, list(COLUMNS))
    else:
        _table(rows, [("priority", "P"), ("country", "country"), ("verdict", "verdict"), ("type", "type"),
                      ("value", "as the sheet says"), ("since", "since"), ("days_stale", "days"),
                      ("corrected", "corrected sentence")], title=f"{len(rows)} stale claims")
