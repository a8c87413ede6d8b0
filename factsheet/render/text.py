"""The sheet as plain text in the genre's layout: the form the reader reads back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .formatting import date

if TYPE_CHECKING:
    from .sheet import Sheet


def to_text(sheet: Sheet) -> str:
    lines: list[str] = [sheet.title, ""]
    header = [line for line in (sheet.bureau, "Fact Sheet", date(sheet.date)) if line]
    lines += [*header, ""]
    for paragraph in sheet.intro:
        lines += [paragraph.text, ""]
    for section in sheet.sections:
        lines += [section.heading, ""]
        for paragraph in section.paragraphs:
            lines += [paragraph.text, ""]
    if sheet.closing:
        lines += [sheet.closing, ""]
        lines += list(sheet.links)
    return "\n".join(lines).rstrip("\n") + "\n"
