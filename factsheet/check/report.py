"""Check reports: text (coloured with rich when wanted), JSON, Markdown and HTML.

``render_report(document, claims, verdicts, fmt)`` returns the report as a string. Every format
shows, per claim: the quote, the verdict at publication and now, the current value when it
changed, the code and message, the evidence with citations; then the horizon and a summary line.
"""

from __future__ import annotations

import html
import io
import json
import shutil
from collections import Counter
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.markup import escape

from ..model import Claim, Document, Evidence, Verdict

FORMATS = ("text", "json", "markdown", "html")
PUBLICATION_ORDER = ("supported", "contradicted", "inconsistent", "unverifiable")
NOW_ORDER = ("current", "outdated", "contradicted", "unknown")
STYLES = {
    "supported": "green", "current": "green",
    "outdated": "yellow",
    "contradicted": "bold red", "inconsistent": "bold magenta",
    "unverifiable": "cyan", "unknown": "cyan",
}


def summary(verdicts: Sequence[Verdict]) -> dict[str, dict[str, int]]:
    pub = Counter(v.at_publication.verdict for v in verdicts)
    now = Counter(v.now.verdict for v in verdicts)
    return {
        "at_publication": {k: pub.get(k, 0) for k in PUBLICATION_ORDER},
        "now": {k: now.get(k, 0) for k in NOW_ORDER},
    }


def summary_line(verdicts: Sequence[Verdict], horizon: str | None, as_of: str | None) -> str:
    s = summary(verdicts)
    pub = ", ".join(f"{n} {k}" for k, n in s["at_publication"].items() if n)
    now = ", ".join(f"{n} {k}" for k, n in s["now"].items() if n)
    line = f"{len(verdicts)} claims — at publication: {pub or 'none'}; now: {now or 'none'}."
    if as_of:
        line += f" Checked as of {as_of}"
        line += (f"; reference horizon {horizon} (the latest date the sources cover: \"current\" means "
                 f"current as of then)." if horizon else "; no reference horizon.")
    return line


def report_json(document: Document, claims: Sequence[Claim], verdicts: Sequence[Verdict],
                horizon: str | None = None, as_of: str | None = None,
                horizons: dict[str, str] | None = None) -> dict[str, Any]:
    doc = document.to_json()
    if document.source:
        doc["source"] = document.source
    return {
        "document": doc,
        "claims": [c.to_json() for c in claims],
        "verdicts": [v.to_json() for v in verdicts],
        "horizon": horizon,
        **({"horizons": horizons} if horizons else {}),
        "check_date": as_of,
        "summary": summary(verdicts),
    }


def _evidence_text(e: Evidence) -> str:
    where = e.source
    if e.snapshot:
        where += f" {e.snapshot}"
    if e.record:
        where += f" [{e.record}]"
    if e.claim is not None and e.source in ("sheet", "edition"):
        where += f" claim {e.claim}"
    text = f"{where}: {e.value}"
    if e.citation:
        text += f" <{e.citation}>"
    return text


def _title(document: Document) -> str:
    parts = [document.title or "Untitled sheet"]
    rng = document.published_range
    if document.published and rng.basis == "given":
        parts.append(f"published {document.published} (given)")
    elif document.published:
        parts.append(f"published {document.published}")
    else:
        parts.append(f"undated, published {rng.describe()}")
    if document.source:
        parts.append(document.source)
    return " — ".join(parts)


def render_text(document: Document, claims: Sequence[Claim], verdicts: Sequence[Verdict],
                horizon: str | None = None, as_of: str | None = None, *,
                color: bool = False, width: int | None = None,
                horizons: dict[str, str] | None = None) -> str:
    buffer = io.StringIO()
    width = width or (shutil.get_terminal_size((100, 24)).columns if color else 100)
    console = Console(file=buffer, force_terminal=color, no_color=not color, width=width,
                      highlight=False, emoji=False, color_system="standard" if color else None,
                      soft_wrap=not color)
    console.print(f"[bold]{escape(_title(document))}[/bold]")
    console.print()
    for v in verdicts:
        claim = claims[v.claim]
        pub, now = v.at_publication, v.now
        console.print(f"[bold]#{v.claim}[/bold] {escape(claim.type)}"
                      + (f" · {escape(claim.section)}" if claim.section else ""))
        console.print(f"  “{escape(claim.quote)}”")
        line = (f"  when published ({pub.date}): [{STYLES.get(pub.verdict, '')}]"
                f"{pub.verdict.upper()}[/]   now ({now.date}): "
                f"[{STYLES.get(now.verdict, '')}]{now.verdict.upper()}[/]")
        if now.current:
            line += f" → {escape(now.current)}"
        elif pub.current and pub.verdict == "contradicted":
            line += f" (right value: {escape(pub.current)})"
        console.print(line)
        console.print(f"  [dim]{v.code}[/dim] {escape(v.message)}")
        evidence = list(pub.evidence) + [e for e in now.evidence if e not in pub.evidence]
        for e in evidence:
            console.print(f"    - {escape(_evidence_text(e))}", style="dim" if color else None)
        reason = pub.reason or now.reason
        if reason and not evidence and reason.lower().rstrip(".") not in v.message.lower():
            console.print(f"    - why: {escape(reason)}", style="dim" if color else None)
        console.print()
    if horizon:
        console.print(f"Reference horizon: {horizon} (the last day the loaded sources cover).")
    if horizons:
        console.print("Horizon per source: " + ", ".join(f"{escape(k)} {v}" for k, v in horizons.items()) + ".")
    console.print(f"[bold]{escape(summary_line(verdicts, horizon, as_of))}[/bold]")
    return buffer.getvalue()


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(document: Document, claims: Sequence[Claim], verdicts: Sequence[Verdict],
                    horizon: str | None = None, as_of: str | None = None,
                    horizons: dict[str, str] | None = None) -> str:
    out = [f"# Check: {_md(_title(document))}", "", summary_line(verdicts, horizon, as_of), "",
           "| # | type | when published | now | code |", "|---|---|---|---|---|"]
    for v in verdicts:
        now = v.now.verdict + (f" → {_md(v.now.current)}" if v.now.current else "")
        out.append(f"| {v.claim} | {claims[v.claim].type} | {v.at_publication.verdict} | {now} "
                   f"| `{v.code}` |")
    out.append("")
    for v in verdicts:
        claim = claims[v.claim]
        out += [f"## #{v.claim} {claim.type}", "", f"> {_md(claim.quote)}", "",
                f"- **When published ({v.at_publication.date}):** {v.at_publication.verdict}",
                f"- **Now ({v.now.date}):** {v.now.verdict}"
                + (f" — current: {_md(v.now.current)}" if v.now.current else ""),
                f"- **{v.code}:** {_md(v.message)}"]
        evidence = list(v.at_publication.evidence) + [
            e for e in v.now.evidence if e not in v.at_publication.evidence]
        for e in evidence:
            out.append(f"  - {_md(_evidence_text(e))}")
        out.append("")
    if horizon:
        out.append(f"Reference horizon: {horizon}.")
    if horizons:
        out.append("Horizon per source: " + ", ".join(f"{_md(k)} {v}" for k, v in horizons.items()) + ".")
    return "\n".join(out) + "\n"


_CSS = """
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3rem;
text-align:left;vertical-align:top}blockquote{margin:.2rem 0;color:#444}
.supported,.current{color:#17662a}.outdated{color:#8a5a00}.contradicted{color:#b00020;
font-weight:bold}.inconsistent{color:#7b1fa2;font-weight:bold}.unverifiable,.unknown{color:#555}
.evidence{font-size:.9em;color:#555}code{font-size:.9em}
"""


def render_html(document: Document, claims: Sequence[Claim], verdicts: Sequence[Verdict],
                horizon: str | None = None, as_of: str | None = None,
                horizons: dict[str, str] | None = None) -> str:
    e = html.escape
    rows = []
    for v in verdicts:
        claim = claims[v.claim]
        evidence = list(v.at_publication.evidence) + [
            x for x in v.now.evidence if x not in v.at_publication.evidence]
        items = "".join(f"<li>{e(_evidence_text(x))}</li>" for x in evidence)
        current = f"<br>→ {e(v.now.current)}" if v.now.current else ""
        rows.append(
            f'<tr id="claim-{v.claim}"><td>{v.claim}</td><td>{e(claim.type)}</td>'
            f"<td><blockquote>{e(claim.quote)}</blockquote><p>{e(v.message)}</p>"
            f'<ul class="evidence">{items}</ul></td>'
            f'<td class="{e(v.at_publication.verdict)}">{e(v.at_publication.verdict)}</td>'
            f'<td class="{e(v.now.verdict)}">{e(v.now.verdict)}{current}</td>'
            f"<td><code>{e(v.code)}</code></td></tr>")
    return (
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>Check: {e(document.title or 'sheet')}</title><style>{_CSS}</style></head><body>"
        f"<h1>Check: {e(_title(document))}</h1>"
        f"<p>{e(summary_line(verdicts, horizon, as_of))}</p>"
        "<table><thead><tr><th>#</th><th>type</th><th>claim, message, evidence</th>"
        f"<th>when published</th><th>now</th><th>code</th></tr></thead><tbody>{''.join(rows)}"
        "</tbody></table>"
        + (f"<p>Reference horizon: {e(horizon)}.</p>" if horizon else "")
        + ("<p>Horizon per source: " + ", ".join(f"{e(k)} {e(v)}" for k, v in horizons.items()) + ".</p>"
           if horizons else "")
        + "</body></html>\n")


def render_report(document: Document, claims: Sequence[Claim], verdicts: Sequence[Verdict],
                  fmt: str = "text", *, horizon: str | None = None, as_of: str | None = None,
                  color: bool = False, horizons: dict[str, str] | None = None) -> str:
    """The report in ``fmt`` (text, json, markdown, html) as a string; ``horizons`` (source →
    last date covered) is shown beside the overall horizon."""
    if fmt == "json":
        return json.dumps(report_json(document, claims, verdicts, horizon, as_of, horizons),
                          ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        return render_markdown(document, claims, verdicts, horizon, as_of, horizons)
    if fmt == "html":
        return render_html(document, claims, verdicts, horizon, as_of, horizons)
    if fmt == "text":
        return render_text(document, claims, verdicts, horizon, as_of, color=color, horizons=horizons)
    raise ValueError(f"unknown report format {fmt!r}: use one of {', '.join(FORMATS)}")
