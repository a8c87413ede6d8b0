"""``factsheet extract``: print the claims of a sheet."""

from __future__ import annotations

import click

from ..extract import extract
from ._common import format_option, handle_errors, print_json, read_sheet, reader_options


@click.command("extract")
@click.argument("file")
@format_option("table", "json")
@reader_options
@handle_errors
def extract_cmd(file: str, fmt: str, force: bool, max_bytes: int) -> None:
    """Extract the checkable claims of FILE (a fact sheet, text or HTML).

    Each claim has a type (relations.established, leader, trade, membership, ambassador, …),
    normalized fields, the span and quote it comes from, its section and a confidence; claims
    under 0.5 are marked low_confidence. --format json prints {"document": …, "claims": […]}
    exactly as CLAIMS.md defines; a claim's index in the list is its id. "-" reads standard
    input.
    """
    doc = read_sheet(file, max_bytes=max_bytes, force=force)
    claims = extract(doc)
    if fmt == "json":
        print_json({"document": doc.to_json(), "claims": [c.to_json() for c in claims]})
        return
    click.echo(f"{doc.title or file} — {doc.country or '?'} — {doc.published or 'undated'} — "
               f"{len(claims)} claims")
    for i, c in enumerate(claims):
        fields = ", ".join(f"{k}={v}" for k, v in c.fields.items())
        mark = " (low confidence)" if c.low_confidence else ""
        click.echo(f"{i:>3}  {c.type:<22} {c.confidence:.2f}  {fields}{mark}")
