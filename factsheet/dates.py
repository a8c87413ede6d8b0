"""Dates as the genre writes them → ISO strings that keep only the precision given.

``"July 2016"`` → ``"2016-07"``, ``"January 25, 2017"`` → ``"2017-01-25"``, ``"28 July 2016"`` →
``"2016-07-28"``, ``"2016"`` → ``"2016"``. Also parses and validates ISO dates given by users.
"""

from __future__ import annotations

import datetime as dt
import re

from .errors import InvalidDateError

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
MONTH_NAMES = (
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
)
_MONTH = r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
#: A date in prose: "January 25, 2017", "25 January 2017", "July 2016", "2016".
DATE_PATTERN = (
    rf"(?:{_MONTH}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>1[789]\d\d|20\d\d)"
    rf"|(?P<day2>\d{{1,2}})\s+{_MONTH.replace('month', 'month2')}\s+(?P<year2>1[789]\d\d|20\d\d)"
    rf"|{_MONTH.replace('month', 'month3')}(?:,|\s+of)?\s+(?P<year3>1[789]\d\d|20\d\d)"
    r"|(?P<year4>1[789]\d\d|20\d\d))"
)
_DATE = re.compile(rf"^\s*{DATE_PATTERN}\s*$", re.I)


def from_match(m: re.Match[str]) -> str | None:
    """ISO string from a match of DATE_PATTERN (named groups), validated."""
    g = m.groupdict()
    if g.get("year"):
        return _iso(int(g["year"]), MONTHS[g["month"].lower().rstrip(".")], int(g["day"]))
    if g.get("year2"):
        return _iso(int(g["year2"]), MONTHS[g["month2"].lower().rstrip(".")], int(g["day2"]))
    if g.get("year3"):
        return _iso(int(g["year3"]), MONTHS[g["month3"].lower().rstrip(".")], None)
    if g.get("year4"):
        return g["year4"]
    return None


def parse_date(text: str) -> str | None:
    """A prose date → ISO with its precision, or None if the text is not exactly a date."""
    m = _DATE.match(text)
    return from_match(m) if m else None


def _iso(year: int, month: int, day: int | None) -> str | None:
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_user_date(value: str, *, option: str = "--as-of") -> dt.date:
    """A date a user typed (YYYY-MM-DD, or 'today'); InvalidDateError says what is wrong."""
    if value.strip().lower() == "today":
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InvalidDateError(
            f"{option} {value!r} is not a valid date: use YYYY-MM-DD, e.g. 2026-11-27."
        ) from None


def lower_bound(iso: str) -> dt.date:
    """The first day an ISO date of any precision can mean ("2016-07" → 2016-07-01)."""
    parts = [int(p) for p in iso.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def upper_bound(iso: str) -> dt.date:
    """The last day an ISO date of any precision can mean ("2016-07" → 2016-07-31)."""
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        nxt = dt.date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return dt.date(parts[0], 12, 31)


def long_date(iso: str) -> str:
    """ISO → the genre's form: "July 28, 2016", "July 2016", "2016"."""
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        return f"{MONTH_NAMES[parts[1] - 1]} {parts[2]}, {parts[0]}"
    if len(parts) == 2:
        return f"{MONTH_NAMES[parts[1] - 1]} {parts[0]}"
    return str(parts[0])
