"""``factsheet refdata``: build, inspect and query the reference tables."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from ..dates import parse_user_date
from ._common import format_option, handle_errors, print_json


@click.group("refdata", context_settings={"help_option_names": ["-h", "--help"]})
def refdata_group() -> None:
    """Reference data: the dated public facts claims are checked against.

    \b
    Sources: rdcr (recognition and relations events), pocom (U.S. chiefs of mission to 2020-10),
    gsh (sovereignty periods), factbook (CIA World Factbook yearly 1990-2025 and weekly
    2020-11 to 2026-01-22: leaders, U.S. and partner chiefs of mission, embassy in Washington,
    memberships, trade totals and partners, poverty), agreements (U.S. trade agreements,
    J. Hollway, manytrade, 2021), visits (foreign leaders' visits to the U.S.).
    """


@refdata_group.command("build")
@click.option("--from", "source", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder with the raw sources (historian/, factbook/, agreements/). "
                   "Default: ../shared/reference next to the project root.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write the tables. Default: the package's data/reference folder.")
@click.option("--only", multiple=True, help="Rebuild only this source (repeatable); the others are kept.")
@format_option("text", "json")
@handle_errors
def build_cmd(source: Path | None, out_dir: Path | None, only: tuple[str, ...], fmt: str) -> None:
    """Build the shipped reference tables from the raw sources.

    Malformed files and rows are skipped and counted per source; a missing source folder is an
    error naming it (exit 4). The tables are written to a temporary folder and swapped in at the
    end, so an interrupted build leaves the previous tables intact.

    \b
    Examples:
      factsheet refdata build
      factsheet refdata build --from ../shared/reference --only rdcr
    """
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.table import Table

    from ..errors import ReferenceDataError
    from ..reference.build import build, default_source

    root = source if source is not None else default_source()
    if not root.is_dir():
        raise ReferenceDataError(f"reference source folder not found: {root}; pass --from PATH (the folder "
                                 f"holding historian/, factbook/ and agreements/)", code="E-REFDATA-MISSING")
    console = Console(stderr=True)
    with Progress(TextColumn("[bold]{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                  TimeElapsedColumn(), console=console, transient=fmt == "json") as progress:
        task = progress.add_task("reading", total=None)

        def step(name: str, done: int, total: int) -> None:
            progress.update(task, description=f"building {name}", completed=done, total=total + 1)

        report = build(root, out_dir, progress=step, only=list(only) or None)
        progress.update(task, description="done", completed=len(report.results) + 1)
    rows = report.summary_rows()
    if fmt == "json":
        print_json({"out": str(report.out_dir), "seconds": round(report.seconds, 2),
                    "total_bytes": report.total_bytes, "sources": rows,
                    "warnings": {n: r.warnings for n, r in report.results.items() if r.warnings},
                    "malformed": {n: r.malformed[:20] for n, r in report.results.items() if r.malformed}})
        return
    table = Table(title=f"reference tables in {report.out_dir}")
    for column in ("source", "rows", "files read", "skipped", "malformed", "warnings", "covers", "bytes"):
        table.add_column(column, justify="right" if column not in ("source", "covers") else "left")
    for row in rows:
        table.add_row(row["source"], str(row["rows"]), str(row["files_read"]), str(row["skipped"]),
                      str(row["malformed"]), str(row["warnings"]), f"{row['first']} – {row['last']}",
                      f"{row['bytes']:,}")
    out = Console()
    out.print(table)
    for name, res in report.results.items():
        for line in res.malformed[:5]:
            out.print(f"[yellow]{name}: malformed: {line}[/yellow]")
        if len(res.malformed) > 5:
            out.print(f"[yellow]{name}: … {len(res.malformed) - 5} more malformed (see manifest.json)[/yellow]")
        for line in res.warnings[:10]:
            out.print(f"{name}: {line}")
    out.print(f"{report.total_bytes / 1e6:.1f} MB written in {report.seconds:.1f} s")


def _age(iso: str | None, today: dt.date) -> int | None:
    if not iso:
        return None
    try:
        return (today - dt.date.fromisoformat(iso[:10])).days
    except ValueError:
        return None


@refdata_group.command("status")
@format_option("text", "json")
@handle_errors
def status_cmd(fmt: str) -> None:
    """Show the loaded reference tables: sources, coverage, row counts and age.

    Age is counted in days from a source's last covered date (its horizon) and from the build;
    each table's SHA-256 is checked against the manifest ("intact").
    """
    from ..reference import load_reference
    from ..reference.store import _hash_file

    ref = load_reference()
    today = dt.date.today()
    manifest = ref.manifest
    sources = []
    for name, info in sorted(ref.sources.items()):
        entry = manifest["sources"][name]
        intact = _hash_file(ref.path / entry["file"]) == entry["sha256"]
        sources.append({
            "intact": intact,
            "source": name, "citation": info.citation, "upstream": info.upstream, "commit": info.commit,
            "first": info.first, "last": info.last, "rows": info.rows,
            "days_since_last": _age(info.last, today), "malformed": entry.get("malformed", 0),
            "skipped": entry.get("skipped", 0), "file": entry["file"], "sha256": entry["sha256"],
        })
    data: dict[str, Any] = {
        "path": str(ref.path), "built": manifest.get("built"), "days_since_build": _age(manifest.get("built"), today),
        "horizon": ref.horizon(), "total_bytes": manifest.get("total_bytes"),
        "cache": str(ref.cache_path) if ref.cache_path else None, "sources": sources,
    }
    if fmt == "json":
        print_json(data)
        return
    click.echo(f"reference tables: {data['path']} (built {data['built']}, {data['days_since_build']} days ago)")
    click.echo(f"horizon: {data['horizon']}   cache: {data['cache']}")
    for s in sources:
        damaged = "" if s["intact"] else "  [table differs from the manifest's SHA-256: rebuild]"
        click.echo(f"  {s['source']:<11} {s['rows']:>7} rows  {s['first']} – {s['last']}  "
                   f"({s['days_since_last']} days old)  {s['upstream']}@{s['commit'][:12]}{damaged}")


def _person(answer: dict[str, Any]) -> str:
    parts = []
    for fact in answer["facts"]:
        v = fact["value"]
        title = v.get("title") or v.get("role") or ""
        since = f" since {v['since']}" if v.get("since") else f" from {fact['valid_from']}" if fact["valid_from"] else ""
        parts.append(f"{title} {v['name']}{since} [{fact['source']}]".strip())
    text = "; ".join(parts) if parts else "—"
    if not answer["covered"]:
        text += f"  ({answer['note']})"
    return text


@refdata_group.command("show")
@click.argument("country")
@click.option("--date", "date_", default="today", show_default=True, help="The date to ask about (YYYY-MM-DD).")
@format_option("text", "json")
@handle_errors
def show_cmd(country: str, date_: str, fmt: str) -> None:
    """What the sources say about COUNTRY on a date.

    COUNTRY is a name or an ISO-2 code. Shows relations events up to the date, the chief of state
    and head of government, the U.S. chief of mission, the country's embassy and chief of mission
    in Washington, memberships, U.S. trade agreements in force, and trade totals known by then.
    Dates past a source's horizon are marked as not covered (last known state shown).

    \b
    Examples:
      factsheet refdata show Peru --date 2017-01-25
      factsheet refdata show PE --format json
    """
    from ..reference import load_reference
    from ..reference.summary import country_summary

    on = parse_user_date(date_, option="--date")
    data = country_summary(load_reference(), country, on)
    if fmt == "json":
        print_json(data)
        return
    echo = click.echo
    echo(f"{data['name']} ({data['country']}) on {data['date']}   horizon {data['horizon']}")
    echo("relations:")
    for e in data["relations"]:
        echo(f"  {e['date']:<10}  {e['predicate'].split('.', 1)[1]:<14} {e['text']}")
    labels = {"chief_of_state": "chief of state", "head_of_government": "head of government",
              "us_chief_of_mission": "U.S. chief of mission", "partner_chief_of_mission": "chief of mission in U.S."}
    for key, label in labels.items():
        echo(f"{label}: {_person(data['people'][key])}")
    if data.get("us_mission_note"):
        echo(f"U.S. mission note ({data['us_mission_note']['kind']}): {data['us_mission_note']['note']}")
    embassy = data["embassy_in_us"]
    if embassy["facts"]:
        v = embassy["facts"][0]["value"]
        echo(f"embassy in Washington: {v.get('address')}, {v.get('city')}, {v.get('region')} {v.get('postal_code')}"
             f"  {', '.join(v.get('phones') or [])}")
    else:
        echo(f"embassy in Washington: —  ({embassy['note']})")
    orgs = data["memberships"]["organizations"]
    echo(f"memberships ({len(orgs)}): " + ", ".join(
        o["organization"] + ("" if o["status"] == "member" else f" ({o['status']})") for o in orgs))
    echo("U.S. trade agreements: " + ("; ".join(
        f"{a['title']} (signed {a['signed']}, in force {a['in_force']})" for a in data["agreements"]) or "—"))
    for key in ("exports_total", "imports_total"):
        items = data["trade"][key]
        echo(f"{key.replace('_', ' ')}: " + ("; ".join(f"{i['year']}: ${i['value_usd'] / 1e9:,.2f} billion" for i in items)
                                             or "—"))
