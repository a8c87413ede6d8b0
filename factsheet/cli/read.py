"""``factsheet read``: print a sheet's structure."""

from __future__ import annotations

import click

from ..model import Document
from ._common import format_option, handle_errors, print_json, read_sheet, reader_options


def document_structure(doc: Document) -> dict[str, object]:
    """The document object of CLAIMS.md plus the reader's own view (blocks, sentences, text)."""
    out: dict[str, object] = doc.to_json()
    out["source"] = doc.source
    out["media_type"] = doc.media_type
    out["encoding"] = doc.encoding
    out["size"] = doc.size
    out["blocks"] = [
        {"kind": b.kind, "start": b.start, "end": b.end, "section": b.section} for b in doc.blocks
    ]
    out["sentences"] = [[s.start, s.end] for s in doc.sentences]
    out["text"] = doc.text
    return out


@click.command("read")
@click.argument("file", type=click.Path(dir_okay=True, allow_dash=True))
@format_option("text", "json")
@reader_options
@handle_errors
def read_cmd(file: str, fmt: str, force: bool, max_bytes: int) -> None:
    """Read FILE (plain text or HTML, any era) and print its structure.

    FILE is a saved fact sheet: plain text (UTF-8, UTF-16, Windows-1252 or Latin-1, detected) or
    a saved State Department web page of either era; "-" reads standard input. Prints the header
    (title, country, bureau, kind, published date), the sections with their offsets, paragraph
    and sentence counts and the closing links. With --format json it prints the document object
    of CLAIMS.md plus blocks, sentences and the normalized text the offsets point into.

    \b
    Examples:
      factsheet read sheet.txt
      factsheet read saved-page.html --format json
      curl -s https://… | factsheet read -

    Exit codes: 0 read, 2 usage error, 3 unreadable input or not a fact sheet.
    """
    doc = read_sheet(file, max_bytes=max_bytes, force=force)
    if fmt == "json":
        print_json(document_structure(doc))
        return
    paragraphs = sum(1 for b in doc.blocks if b.kind == "paragraph")
    click.echo(f"title      {doc.title or '—'}")
    click.echo(f"country    {doc.country or '—'}")
    click.echo(f"bureau     {doc.bureau or '—'}")
    click.echo(f"kind       {doc.kind}")
    click.echo(f"published  {doc.published or '—'}")
    click.echo(f"read as    {doc.media_type}, {doc.encoding}, {doc.size:,} bytes")
    click.echo(f"text       {len(doc.text):,} characters, {paragraphs} paragraphs, "
               f"{len(doc.sentences)} sentences")
    click.echo(f"sections   {len(doc.sections)}")
    for section in doc.sections:
        n = sum(1 for s in doc.sentences if s.section == section.heading)
        click.echo(f"  [{section.start:>5}–{section.end:>5}] {section.heading}  ({n} sentences)")
    click.echo(f"links      {len(doc.links)}")
    for link in doc.links:
        click.echo(f"  - {link}")
