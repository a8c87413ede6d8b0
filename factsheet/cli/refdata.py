"""``factsheet refdata``: build, inspect and query the reference tables."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from ..dates import parse_user_date
from ._common import format_option, handle_errors, print_json


@click.group("refdata", context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Per-user data directory holding pulled tables. Default: $FACTSHEET_DATA_DIR, else "
                   "$XDG_DATA_HOME/factsheet, else ~/.local/share/factsheet.")
@click.pass_context
def refdata_group(ctx: click.Context, data_dir: Path | None) -> None:
    """Reference data: the dated public facts claims are checked against.

    \b
    Sources: rdcr (recognition and relations events), pocom (U.S. chiefs of mission to 2020-10),
    gsh (sovereignty periods), factbook (CIA World Factbook yearly 1990-2025 and weekly
    2020-11 to 2026-01-22: leaders, U.S. and partner chiefs of mission, embassy in Washington,
    memberships, trade totals and partners, poverty), agreements (U.S. trade agreements,
    J. Hollway, manytrade, 2021), visits (foreign leaders' visits to the U.S.), wikidata (who
    holds office now; only in sets installed by `refdata pull`).

    \b
    `refdata pull` installs newer tables in the data directory; every command uses them when
    present, else the shipped ones; `refdata rollback` returns to the set before.
    """
    ctx.obj = {"data_dir": data_dir}


def _data_dir() -> Path | None:
    """The group's --data-dir (subcommands inherit the group's ``obj``)."""
    obj = click.get_current_context().obj
    value = obj.get("data_dir") if isinstance(obj, dict) else None
    return Path(value) if value else None


def _load() -> Any:
    from ..reference import load_reference
    from ..reference.datadir import active_tables

    return load_reference(active_tables(_data_dir()))


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


#: a source whose data was taken from upstream longer ago than this is flagged by `status`
STALE_DAYS = 90


@refdata_group.command("status")
@format_option("text", "json")
@handle_errors
def status_cmd(fmt: str) -> None:
    """Show the loaded reference tables: each source's upstream version, when it was fetched,
    its horizon, row count and age.

    The tables are the set `refdata pull` installed in the data directory, else the shipped ones.
    A source whose data was taken from upstream more than 90 days ago is flagged with what to do;
    each table's SHA-256 is checked against the manifest ("intact").
    """
    from ..reference.datadir import active_origin, read_state, reference_root
    from ..reference.pull import NOT_PULLED
    from ..reference.store import _hash_file

    ref = _load()
    today = dt.date.today()
    manifest = ref.manifest
    state = read_state(_data_dir())
    origin = active_origin(_data_dir())
    sources = []
    for name, info in sorted(ref.sources.items()):
        entry = manifest["sources"][name]
        intact = _hash_file(ref.path / entry["file"]) == entry["sha256"]
        taken = info.fetched or info.upstream_date or None
        age = _age(taken, today)
        warning = None
        if age is not None and age > STALE_DAYS:
            warning = (f"taken from upstream {age} days ago (over {STALE_DAYS}): "
                       + NOT_PULLED.get(name, "run `factsheet refdata pull`"))
        sources.append({
            "intact": intact,
            "source": name, "citation": info.citation, "upstream": info.upstream, "commit": info.commit,
            "version": info.version, "upstream_date": info.upstream_date or None,
            "fetched": info.fetched or None, "origin": entry.get("origin") or "shipped",
            "first": info.first, "last": info.last, "horizon": info.last, "rows": info.rows,
            "days_since_last": _age(info.last, today), "age_days": age, "stale": warning is not None,
            "warning": warning, "malformed": entry.get("malformed", 0),
            "skipped": entry.get("skipped", 0), "file": entry["file"], "sha256": entry["sha256"],
            **({"conflicts": len(entry["conflicts"])} if entry.get("conflicts") else {}),
        })
    data: dict[str, Any] = {
        "path": str(ref.path), "origin": origin, "data_dir": str(reference_root(_data_dir())),
        "set": state.current if state and origin == "pulled" else None,
        "previous": (state.previous or "shipped") if state else None,
        "built": manifest.get("built"), "pulled": manifest.get("pulled"),
        "days_since_build": _age(manifest.get("built"), today),
        "horizon": ref.horizon(), "horizons": {s["source"]: s["last"] for s in sources},
        "total_bytes": manifest.get("total_bytes"),
        "cache": str(ref.cache_path) if ref.cache_path else None, "sources": sources,
    }
    if fmt == "json":
        print_json(data)
        return
    where = f"pulled set {data['set']} (previous: {data['previous']})" if origin == "pulled" else "shipped tables"
    click.echo(f"reference tables: {data['path']} — {where} (built {data['built']}, {data['days_since_build']} days ago)")
    click.echo(f"horizon of perishable facts: {data['horizon']}   cache: {data['cache']}")
    for s in sources:
        damaged = "" if s["intact"] else "  [table differs from the manifest's SHA-256: rebuild]"
        fetched = (f"fetched {s['fetched'][:10]}" if s["fetched"]
                   else f"{'shipped' if s['origin'] == 'shipped' else 'built from a folder'}, "
                        f"upstream of {s['upstream_date'] or '?'}")
        click.echo(f"  {s['source']:<11} {s['rows']:>7} rows  {s['first']} – {s['last']} (horizon, "
                   f"{s['days_since_last']} days ago)  {s['version']}  {fetched}{damaged}")
        if s["warning"]:
            click.echo(f"  {'':<11} warning: {s['warning']}")
        if s.get("conflicts"):
            click.echo(f"  {'':<11} {s['conflicts']} disagreement(s) with other sources kept (see manifest.json)")


@refdata_group.command("pull")
@click.option("--from", "source", type=click.Path(path_type=Path), default=None,
              help="Build from a local folder laid out like ../shared/reference, or a ZIP/tar archive of "
                   "one, instead of the network.")
@click.option("--only", multiple=True, help="Pull only this source (repeatable): rdcr, pocom, gsh, visits, "
                                            "wikidata (and factbook, agreements with --from).")
@click.option("--url", "urls", multiple=True, metavar="NAME=URL",
              help="Where to fetch a Historian repository's archive (repeatable). Default: "
                   "https://github.com/HistoryAtState/NAME/archive/HEAD.zip")
@click.option("--sparql-endpoint", default=None, metavar="URL",
              help="The SPARQL endpoint for the Wikidata queries. Default: https://query.wikidata.org/sparql")
@click.option("--timeout", type=click.FloatRange(min=1), default=60, show_default=True,
              help="Seconds to wait for a server before giving up.")
@click.option("--force", is_flag=True, help="Install even if the new tables fail the sanity checks.")
@format_option("text", "json")
@handle_errors
def pull_cmd(source: Path | None, only: tuple[str, ...], urls: tuple[str, ...], sparql_endpoint: str | None,
             timeout: float, force: bool, fmt: str) -> None:
    """Fetch the upstream sources, verify and build them, and install the new tables.

    Fetches the Office of the Historian repositories (rdcr, pocom, gsh, visits) and Wikidata's
    answers on who holds office, checks what arrived (size, archive integrity, the folders and
    variables each builder needs, the builder's own row counts) and installs the new set in the
    data directory atomically; the set active before is kept for `refdata rollback`. The Factbook
    and the trade agreements keep their tables (only --from rebuilds them). Nothing is
    half-written: a failure leaves the active set as it was (exit 4).

    \b
    Examples:
      factsheet refdata pull
      factsheet refdata pull --only wikidata
      factsheet refdata pull --from ../shared/reference
      factsheet refdata --data-dir /srv/factsheet pull --url pocom=https://mirror.example/pocom.zip
    """
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

    from ..errors import UsageError
    from ..reference.pull import pull

    mapping: dict[str, str] = {}
    for item in urls:
        name, sep, url = item.partition("=")
        if not sep or not name or not url:
            raise UsageError(f"--url {item!r}: give NAME=URL, e.g. --url pocom=https://host/pocom.zip")
        mapping[name.strip()] = url.strip()
    console = Console(stderr=True)
    with Progress(TextColumn("[bold]{task.description}"), BarColumn(), DownloadColumn(), TimeElapsedColumn(),
                  console=console, transient=True, disable=not console.is_terminal) as progress:
        tasks: dict[str, TaskID] = {}

        def step(event: str, name: str, done: int, total: int | None) -> None:
            key = f"{event}:{name}" if event == "download" else "build"
            label = f"fetching {name}" if event == "download" else f"building {name}" if name else "done"
            if key not in tasks:
                tasks[key] = progress.add_task(label, total=total)
            if event == "build":
                progress.update(tasks[key], description=label, completed=done, total=(total or 0) + 1)
            else:
                progress.update(tasks[key], completed=done, total=total)

        report = pull(source=source, data_dir=_data_dir(), only=list(only) or None, urls=mapping,
                      endpoint=sparql_endpoint, progress=step, timeout=timeout, force=force)
    data = report.to_json()
    if fmt == "json":
        print_json(data)
        return
    click.echo(f"installed reference set {data['set']} in {data['path']} ({data['seconds']} s); "
               f"previous set kept for `factsheet refdata rollback`: {data['previous']}")
    for row in data["rebuilt"]:
        click.echo(f"  {row['source']:<11} {row['rows']:>7} rows  {row['first']} – {row['last']}  {row['version']}"
                   + (f"  ({row['malformed']} malformed)" if row["malformed"] else ""))
    if data["carried"]:
        click.echo(f"  kept as they were: {', '.join(data['carried'])}")
    if data["conflicts"]:
        click.echo(f"{len(data['conflicts'])} disagreement(s) between Wikidata and the other sources, all kept:")
        for line in data["conflicts"][:10]:
            click.echo(f"  {line}")


@refdata_group.command("rollback")
@format_option("text", "json")
@handle_errors
def rollback_cmd(fmt: str) -> None:
    """Return to the reference set that was active before the last pull (or rollback).

    Swaps the active and the previous set in the data directory, so a second rollback undoes the
    first; "shipped" means the tables inside the package.
    """
    from ..reference.datadir import active_tables, rollback

    state = rollback(_data_dir())
    data = {"current": state.current or "shipped", "previous": state.previous or "shipped",
            "path": str(active_tables(_data_dir()))}
    if fmt == "json":
        print_json(data)
        return
    click.echo(f"active reference set: {data['current']} ({data['path']}); previous: {data['previous']}")


def _disagree(facts: list[dict[str, Any]]) -> bool:
    """Two sources name people who are not the same person."""
    from ..check.names import names_match

    named = [(f["source"], str(f["value"].get("name") or "")) for f in facts if isinstance(f["value"], dict)]
    return any(a != b and x and y and not (names_match(x, y) or names_match(y, x))
               for a, x in named for b, y in named)


def _person(answer: dict[str, Any]) -> str:
    parts = []
    for fact in answer["facts"]:
        v = fact["value"]
        title = v.get("title") or v.get("role") or ""
        since = f" since {v['since']}" if v.get("since") else f" from {fact['valid_from']}" if fact["valid_from"] else ""
        parts.append(f"{title} {v['name']}{since} [{fact['source']}]".strip())
    text = "; ".join(parts) if parts else "—"
    if _disagree(answer["facts"]):
        text += "  (the sources disagree; both are kept)"
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
    from ..reference.summary import country_summary

    on = parse_user_date(date_, option="--date")
    data = country_summary(_load(), country, on)
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
