"""``factsheet eval``: precision, recall and F1 of the extractor against gold files."""

from __future__ import annotations

import click

from ..evaluate import evaluate
from ._common import format_option, handle_errors, print_json


@click.command("eval")
@click.argument("gold_dir", type=click.Path(allow_dash=False))
@format_option("table", "json")
@click.option("--include-low", is_flag=True, help="Also count claims under 0.5 confidence.")
@click.option("--details", is_flag=True, help="List the missed and false claims of each sheet.")
@handle_errors
def eval_cmd(gold_dir: str, fmt: str, include_low: bool, details: bool) -> None:
    """Score extraction against the gold claims in GOLD_DIR (*.claims.json files).

    Each gold file names its sheet ("sheet": relative path) or lies beside it, or in the shared
    layout the sheet is ../seeds/<stem>.txt. A gold file whose "sheet" is absent (corpus texts
    in ../shared) is skipped with a warning. Prints P/R/F1 per claim type and overall; a
    predicted claim matches a gold claim of the same type when its key fields agree.
    """
    report = evaluate(gold_dir, include_low=include_low)
    if report.skipped:
        click.echo(f"warning: skipped {len(report.skipped)} gold file(s) whose sheet is absent "
                   f"(first: {report.skipped[0]}; corpus texts live in ../shared/corpus)", err=True)
    if fmt == "json":
        print_json(report.to_json())
        return
    click.echo(f"{'type':<24}{'gold':>6}{'pred':>6}{'tp':>6}{'P':>8}{'R':>8}{'F1':>8}")
    rows = [*report.by_type.items(), ("OVERALL", report.overall)]
    for name, c in rows:
        click.echo(f"{name:<24}{c.tp + c.fn:>6}{c.tp + c.fp:>6}{c.tp:>6}"
                   f"{c.precision:>8.3f}{c.recall:>8.3f}{c.f1:>8.3f}")
    click.echo(f"{len(report.sheets)} sheet(s)")
    if details:
        for sheet in report.sheets:
            for m in sheet.missed:
                click.echo(f"  MISSED {sheet.gold}: {m['type']} {m['fields']}  << {m['quote']}")
            for f in sheet.false:
                click.echo(f"  FALSE  {sheet.gold}: {f['type']} {f['fields']}  << {f['quote']}")
