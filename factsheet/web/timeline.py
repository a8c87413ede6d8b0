"""A country's timeline as server-drawn SVG: one time axis, one lane per kind of event.

Lanes: relations events (recognized, established, severed, restored), U.S. chiefs of mission,
heads of state, heads of government, agreements, and the stored editions of the sheet with their
verdict counts. Every mark is a link to its evidence (the source's citation when it is a web
address, else the reference explorer on that date; an edition links to its stored page) and has
an accessible name and a tooltip. No JavaScript: the SVG scales to the page (viewBox), and the
same events are listed as text below it for narrow screens, printing and screen readers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from ..dates import lower_bound, upper_bound
from .pages import safe_url

TOP = 26
COLORS = {"relations": "#16324f", "us_chief_of_mission": "#2e6fad", "chief_of_state": "#2e8b4e",
          "head_of_government": "#7c4dcc", "agreement": "#c99700", "edition": "#c8372a"}
LANES = (("relations", "Relations"), ("us_chief_of_mission", "U.S. chiefs of mission"),
         ("chief_of_state", "Heads of state"), ("head_of_government", "Heads of government"),
         ("agreement", "Agreements"), ("edition", "Sheet editions"))


@dataclass(frozen=True)
class Mark:
    lane: str
    label: str
    start: dt.date
    end: dt.date | None  # None: a point in time
    href: str
    detail: str = ""


def _day(value: Any) -> dt.date | None:
    if not value:
        return None
    try:
        return lower_bound(str(value)[:10])
    except (ValueError, IndexError):
        return None


def _name(raw: str) -> str:
    return " ".join(w.capitalize() if w.isupper() and len(w) > 1 else w for w in raw.split())


def _evidence(fact: Any, country: str, on: dt.date) -> str:
    return safe_url(fact.citation) or f"/reference?country={country}&on={on.isoformat()}"


def marks(country: str, reference: Any, editions: list[dict[str, Any]], today: dt.date) -> list[Mark]:
    out: list[Mark] = []
    for predicate in ("relations.recognized", "relations.established", "relations.severed", "relations.restored"):
        for f in _facts(reference, country, predicate):
            day = _day(f.valid_from or (f.value or {}).get("date"))
            if day:
                text = (f.value or {}).get("text") or predicate.split(".")[1]
                out.append(Mark("relations", predicate.split(".")[1], day, None, _evidence(f, country, day), str(text)))
    for predicate in ("us_chief_of_mission", "chief_of_state", "head_of_government"):
        merged: dict[str, Mark] = {}
        for f in _facts(reference, country, predicate):
            value = f.value if isinstance(f.value, dict) else {}
            start = _day(f.valid_from or value.get("start") or value.get("since"))
            if start is None or not value.get("name"):
                continue
            end = _day(f.valid_to) or (today if value.get("end_basis") == "open" or not f.valid_to else None)
            name = _name(str(value["name"]))
            title = value.get("role") or value.get("title") or ""
            key = name.casefold()
            m = Mark(predicate, name, start, end or start, _evidence(f, country, start), str(title))
            if key in merged:
                old = merged[key]
                m = Mark(predicate, name, min(old.start, start), max(old.end or old.start, m.end or start),
                         old.href, old.detail)
            merged[key] = m
        out.extend(merged.values())
    for f in _facts(reference, country, "agreement"):
        value = f.value if isinstance(f.value, dict) else {}
        members = value.get("members") or []
        if members and len(members) > 12:  # the multilateral ones (GATT) crowd out the bilateral
            continue
        for event, key in (("signed", "signed"), ("in force", "in_force")):
            day = _day(value.get(key))
            if day:
                out.append(Mark("agreement", f"{value.get('title') or value.get('id')} {event}", day, None,
                                _evidence(f, country, day), str(value.get("id") or "")))
    out.extend(_edition_marks(country, editions))
    return out


#: Past this many editions, the editions lane shows one mark per year (linking to the list of
#: editions) instead of one per edition: a page must not grow with a country's whole archive.
EDITION_MARKS = 24
_COUNTED = ("supported", "contradicted", "outdated")


def _edition_marks(country: str, editions: list[dict[str, Any]]) -> list[Mark]:
    dated = [(d, e) for e in editions if (d := _day(e.get("published")))]
    if len(dated) <= EDITION_MARKS:
        return [Mark("edition", f"edition {e['edition']}", d, None, f"/documents/{e['document_id']}",
                     ", ".join(f"{e.get(k, 0)} {k}" for k in _COUNTED if e.get(k)) or f"{e.get('claims', 0)} claims")
                for d, e in dated]
    years: dict[int, list[dict[str, Any]]] = {}
    for d, e in dated:
        years.setdefault(d.year, []).append(e)
    return [Mark("edition", f"{len(group)} edition{'s' if len(group) != 1 else ''} of {year}", dt.date(year, 7, 1), None,
                 f"/countries/{country}/editions",
                 ", ".join(f"{sum(e.get(k, 0) for e in group)} {k}" for k in _COUNTED))
            for year, group in sorted(years.items())]


def _facts(reference: Any, country: str, predicate: str) -> list[Any]:
    try:
        return list(reference.facts(country, predicate))
    except Exception:  # a predicate this reference data does not hold
        return []


@dataclass(frozen=True)
class Layout:
    """The drawing's geometry: ``wide`` puts lane names left of the whole history; ``narrow``
    (phones) puts them above their lane and draws only the last ``years`` years, at a size
    that stays readable when the drawing is 360 px wide."""

    name: str
    width: int
    label: int  # width of the lane-name column (0: names above the lanes)
    row: int
    years: int | None  # None: the whole history
    font: int


WIDE = Layout("wide", 1000, 150, 34, None, 11)
NARROW = Layout("narrow", 420, 0, 46, 30, 13)


def svg(items: list[Mark], today: dt.date, title: str, layout: Layout = WIDE) -> Markup:
    """The timeline drawing (or an empty Markup when there is nothing to draw)."""
    if layout.years is not None:
        first_day = dt.date(today.year - layout.years, 1, 1)
        items = [m for m in items if (m.end or m.start) >= first_day]
    if not items:
        return Markup("")
    first = min(m.start for m in items)
    start = dt.date(first.year - first.year % 10, 1, 1)
    if layout.years is not None:
        start = dt.date(today.year - layout.years, 1, 1)
    end = dt.date(today.year + 1, 1, 1)
    span = (end - start).days or 1
    width, label_w, row_h = layout.width, layout.label, layout.row
    top = TOP + 4 if layout.label == 0 else TOP

    def x(day: dt.date) -> float:
        day = max(day, start)
        return label_w + 6 + (width - label_w - 16) * (day - start).days / span

    lanes = [(key, label) for key, label in LANES if any(m.lane == key for m in items)]
    height = top + row_h * len(lanes) + 24
    tid = f"tl-title-{layout.name}"
    parts = [f'<svg class="tl-{layout.name}" viewBox="0 0 {width} {height}" role="group" aria-labelledby="{tid}" '
             f'xmlns="http://www.w3.org/2000/svg" font-size="{layout.font}">'
             f'<title id="{tid}">{escape(title)}</title>']
    years = end.year - start.year
    step = 5 if years <= 40 else 10 if years <= 120 else 25
    for year in range((start.year + step - 1) // step * step, end.year + 1, step):
        gx = x(dt.date(year, 1, 1))
        parts.append(f'<line x1="{gx:.1f}" y1="{top - 6}" x2="{gx:.1f}" y2="{height - 20}" stroke="#d8dbe0"/>'
                     f'<text x="{gx:.1f}" y="{top - 10}" text-anchor="middle">{year}</text>')
    bar_top = 20 if layout.label == 0 else 6  # below the lane's name when it sits above
    for row, (key, label) in enumerate(lanes):
        y = top + row * row_h
        name_y = y + 14 if layout.label == 0 else y + 20
        parts.append(f'<text class="lane" x="4" y="{name_y}">{escape(label)}</text>'
                     f'<line x1="{label_w}" y1="{y + row_h - 2}" x2="{width - 10}" y2="{y + row_h - 2}" '
                     'stroke="#eef1f5"/>')
        color = COLORS[key]
        for i, m in enumerate(sorted((m for m in items if m.lane == key), key=lambda m: m.start)):
            when = m.start.isoformat() + (f" – {m.end.isoformat()}" if m.end and m.end != m.start else "")
            name = f"{label}: {m.label}, {when}" + (f" ({m.detail})" if m.detail else "")
            # the child <title> is both the link's accessible name and its tooltip
            parts.append(f'<a href="{escape(m.href)}"><title>{escape(name)}</title>')
            if m.end is not None and m.end > m.start:
                x1, x2 = x(m.start), max(x(m.end), x(m.start) + 2)
                shade = color if i % 2 == 0 else color + "b3"
                parts.append(f'<rect x="{x1:.1f}" y="{y + bar_top}" width="{x2 - x1:.1f}" height="{row_h - bar_top - 8}" '
                             f'rx="2" fill="{shade}"/>')
                if x2 - x1 > 0.65 * layout.font * len(m.label):
                    parts.append(f'<text x="{x1 + 3:.1f}" y="{y + bar_top + (row_h - bar_top - 8) / 2 + 4:.1f}" '
                                 f'fill="#fff">{escape(m.label)}</text>')
            else:
                cy = y + bar_top + (row_h - bar_top - 8) / 2
                parts.append(f'<circle cx="{x(m.start):.1f}" cy="{cy:.1f}" r="6" fill="{color}" stroke="#fff"/>')
            parts.append("</a>")
    parts.append(f'<text x="{width - 10}" y="{height - 4}" text-anchor="end">today: {today.isoformat()}</text></svg>')
    return Markup("".join(parts))


def timeline(country: str, reference: Any, editions: list[dict[str, Any]], name: str,
             today: dt.date | None = None) -> dict[str, Any]:
    """What the country page needs: the SVG and the same marks as a list, newest first."""
    day = today or dt.date.today()
    items = marks(country, reference, editions, day)
    labels = dict(LANES)
    listed = [{"lane": labels[m.lane], "label": m.label, "start": m.start.isoformat(),
               "end": m.end.isoformat() if m.end and m.end != m.start else None, "href": m.href, "detail": m.detail}
              for m in sorted(items, key=lambda m: m.start, reverse=True)]
    title = f"Timeline of U.S. relations with {name}"
    return {"svg": svg(items, day, title), "svg_narrow": svg(items, day, f"{title}, the last {NARROW.years} years",
                                                              NARROW),
            "narrow_years": NARROW.years, "items": listed}


__all__ = ["Mark", "marks", "svg", "timeline", "upper_bound"]
