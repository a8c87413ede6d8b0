"""Writing sheets: facts on a date → an up-to-date, sourced sheet; updates and edition diffs.

``render_sheet(country, as_of, reference, base)`` composes a ``Sheet`` (``to_text()``,
``to_markdown()``, ``to_html()``, ``to_json()``); ``update(document, as_of, reference)`` reads,
checks and rewrites an edition, with its change list; ``diff(old, new)`` compares two editions;
``template_context(sheet, changes)`` is the plain data the Markdown/HTML views (and the web
pages) are filled from.
"""

from __future__ import annotations

from .compose import render_sheet
from .diff import Diff, diff
from .markup import template_context
from .sheet import Paragraph, SentenceOut, Sheet, SheetSection, SourceRef
from .update import Change, Update, update

__all__ = [
    "Change",
    "Diff",
    "Paragraph",
    "SentenceOut",
    "Sheet",
    "SheetSection",
    "SourceRef",
    "Update",
    "diff",
    "render_sheet",
    "template_context",
    "update",
]
