"""When was an undated sheet published? A range of days and its basis (CLAIMS.md).

Every page on today's state.gov is undated, so the checker needs at least a range to judge a
claim "at publication". In order of strength:

- ``stated``: the sheet's own date line ("March 1998" is the whole of March 1998);
- ``html_meta``: the page's metadata (``article:published_time``/``modified_time`` and other
  date meta tags, JSON-LD ``datePublished``/``dateModified``, ``<time datetime>``);
- ``archive_url``: where the copy was kept. A web-archive timestamp
  (``/web/20121129115055/``) proves the page existed that day (an upper bound); the
  ``2009-2017.state.gov`` archive was frozen on 2017-01-20 (an upper bound too: it also holds
  Background Notes of 2005);
- ``text_lower_bound``: the text itself cannot predate the latest date it speaks of in the
  past tense, an anniversary it marks ("the 50th anniversary of relations established in
  1972"), the COVID-19 pandemic, or the site banner of the current state.gov.

Bounds from several sources are combined (the latest lower bound, the earliest upper bound);
the basis named is the strongest that contributed, and ``note`` lists every contribution.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable

from ..dates import MONTHS, _iso, lower_bound, upper_bound
from ..model import PublishedRange

# ---------------------------------------------------------------------------------------------
# HTML metadata

_META = re.compile(
    r"<meta\b[^>]*?\b(?:property|name|itemprop)\s*=\s*[\"'](?P<name>article:published_time|"
    r"article:modified_time|og:updated_time|datePublished|dateModified|date|dc\.date(?:\.issued|"
    r"\.modified)?|dcterms\.(?:issued|modified|date)|last-modified|pubdate)[\"'][^>]*?>",
    re.I,
)
_CONTENT = re.compile(r"\bcontent\s*=\s*[\"'](?P<value>[^\"']{4,40})[\"']", re.I)
_JSON_LD = re.compile(r"[\"'](?P<name>datePublished|dateModified)[\"']\s*:\s*[\"'](?P<value>[^\"']{4,40})[\"']")
_TIME = re.compile(r"<time\b[^>]*?\bdatetime\s*=\s*[\"'](?P<value>[^\"']{4,40})[\"']", re.I)
_ISO_DAY = re.compile(r"(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)")
_MODIFIED = ("modified", "updated", "last-modified")

# ---------------------------------------------------------------------------------------------
# archive addresses

_WAYBACK = re.compile(r"/web/(?P<stamp>(?:19|20)\d{6})\d{0,8}(?:[a-z]{2}_)?/", re.I)
_URL_IN_MARKUP = re.compile(
    r"(?:<link\b[^>]*\brel\s*=\s*[\"']canonical[\"'][^>]*\bhref|<meta\b[^>]*\bproperty\s*=\s*"
    r"[\"']og:url[\"'][^>]*\bcontent)\s*=\s*[\"'](?P<url>[^\"']+)[\"']", re.I)
#: state.gov's archives of past administrations' sites: frozen on their last day (an upper bound;
#: not a lower one: the 2009-2017 archive also holds Background Notes of 2005)
ARCHIVE_HOSTS = {"2009-2017.state.gov": "2017-01-20", "2001-2009.state.gov": "2009-01-20",
                 "2017-2021.state.gov": "2021-01-20"}

# ---------------------------------------------------------------------------------------------
# the text

# "marks the 60th anniversary of relations established in 1962": the sheet is of 2022 or later.
_ANNIVERSARY = re.compile(r"\b(?P<n>\d{1,3})(?:st|nd|rd|th)\s+anniversary\b", re.I)
# A year between word boundaries, the boundaries checked after the digits: a pattern that starts
# with one character is found by a tight loop, so the centuries are two patterns (one that
# starts with [12] or a \b tests them at every character, 10x slower).
_YEARS = (re.compile(r"1[789]\d\d(?<!\w\d{4})(?!\w)"), re.compile(r"20\d\d(?<!\w\d{4})(?!\w)"))


_PANDEMIC = re.compile(r"\bCOVID(?:-?19)?\b|\bthe\s+(?:global\s+)?pandemic\b|\bSARS-CoV-2\b", re.I)
#: the WHO called COVID-19 a pandemic on 2020-03-11
PANDEMIC_DAY = "2020-03-11"
# The ".gov" banner of the state.gov site launched after 2017 (copies of live pages carry it).
_GOV_BANNER = re.compile(r"An\s+official\s+website\s+of\s+the\s+United\s+States\s+Government\s+"
                         r"Here[’']s\s+how\s+you\s+know", re.I)
#: a conservative floor for that banner: the 2009-2017 site was archived on 2017-01-20
GOV_BANNER_FLOOR = "2017-01-20"
#: what "unknown" means: no sheet of the genre predates this
GENRE_FLOOR = "1990-01-01"


def infer_published(
    text: str,
    sentences: Iterable[tuple[int, int]],
    stated: str | None,
    *,
    markup: str | None = None,
    url: str | None = None,
) -> PublishedRange:
    """The published range of a sheet; ``sentences`` are the body's (start, end) spans."""
    if stated:
        return PublishedRange(lower_bound(stated).isoformat(), upper_bound(stated).isoformat(),
                              "stated")
    lows: list[tuple[str, str, str]] = []  # (day, basis, why)
    highs: list[tuple[str, str, str]] = []
    if markup:
        _from_markup(markup, lows, highs)
        url = url or _canonical(markup)
    if url:
        _from_url(url, lows, highs)
    if markup and not url:
        for m in _WAYBACK.finditer(markup[:200_000]):  # the archive's own links carry its stamp
            _from_url(m.group(0), lows, highs)
            break
    _from_text(text, sentences, lows)
    return combine(lows, highs)


_STRENGTH = {"html_meta": 3, "archive_url": 2, "text_lower_bound": 1}


def combine(lows: list[tuple[str, str, str]], highs: list[tuple[str, str, str]]) -> PublishedRange:
    """The narrowest range every bound allows; the basis is the strongest contributor."""
    if not lows and not highs:
        return PublishedRange(None, None, "unknown", "nothing in the page dates it")
    low = max(lows) if lows else None
    high = min(highs) if highs else None
    if low and high and low[0] > high[0]:
        # bounds that disagree (a text date after an archive stamp is impossible): trust the
        # page's metadata and archive over the text
        low = max((b for b in lows if b[1] != "text_lower_bound"), default=None)
    used = [b for b in (low, high) if b]
    basis = max((b[1] for b in used), key=_STRENGTH.__getitem__)
    note = "; ".join(dict.fromkeys(b[2] for b in used))
    return PublishedRange(low[0] if low else None, high[0] if high else None,
                          basis, note)  # type: ignore[arg-type]


def _iso_day(value: str) -> str | None:
    m = _ISO_DAY.search(value)
    if not m:
        return None
    try:
        return dt.date(int(m["y"]), int(m["m"]), int(m["d"])).isoformat()
    except ValueError:
        return None


def _from_markup(markup: str, lows: list[tuple[str, str, str]],
                 highs: list[tuple[str, str, str]]) -> None:
    head = markup[:300_000]
    found: list[tuple[str, str]] = []  # (name, day)
    for m in _META.finditer(head):
        content = _CONTENT.search(m.group(0))
        if content and (day := _iso_day(content["value"])):
            found.append((m["name"].lower(), day))
    for m in _JSON_LD.finditer(head):
        if day := _iso_day(m["value"]):
            found.append((m["name"].lower(), day))
    if not found:
        for m in _TIME.finditer(head):
            if day := _iso_day(m["value"]):
                found.append(("time", day))
    if not found:
        return
    published = [d for n, d in found if not any(k in n for k in _MODIFIED)]
    modified = [d for n, d in found if any(k in n for k in _MODIFIED)]
    # the text speaks for a day between its first publication and its last modification
    first = min(published or modified)
    last = max(modified or published)
    lows.append((first, "html_meta", f"the page's metadata dates it {first}"
                 + (f", modified {last}" if last != first else "")))
    highs.append((last, "html_meta", f"the page's metadata dates it {first}"
                  + (f", modified {last}" if last != first else "")))


def _canonical(markup: str) -> str | None:
    m = _URL_IN_MARKUP.search(markup[:300_000])
    return m["url"] if m else None


def _from_url(url: str, lows: list[tuple[str, str, str]], highs: list[tuple[str, str, str]]) -> None:
    if m := _WAYBACK.search(url):
        stamp = m["stamp"]
        try:
            day = dt.date(int(stamp[:4]), int(stamp[4:6]), int(stamp[6:8])).isoformat()
        except ValueError:
            day = None
        if day:
            highs.append((day, "archive_url", f"a web archive kept it on {day}"))
    lowered = url.lower()
    for host, last in ARCHIVE_HOSTS.items():
        if host in lowered:
            highs.append((last, "archive_url", f"{host} was frozen on {last}"))


def _in_address(text: str, start: int, end: int) -> bool:
    """Is text[start:end] part of a web address or file name (a token with / or a domain)?"""
    left = text.rfind(" ", max(0, start - 80), start) + 1 if start else 0
    right = text.find(" ", end, end + 80)
    token = text[left:right if right != -1 else end + 80]
    return "/" in token or ".gov" in token or "www." in token or bool(_FILE_NAME.search(token))


_FILE_NAME = re.compile(r"\.(?:htm|html|com|org|pdf)\b")


_FUTURE_WORDS = frozenset(
    ["will", "shall", "expire", "expires", "scheduled", "upcoming", "planned", "plan", "plans",
     "expected", "until", "through", "next", "due", "projected", "target", "goal", "aim", "aims",
     "fy"])
_FUTURE_PHRASES = re.compile(r"\bby (?:the end of )?(?:19|20)\d\d|\bterm ends?\b|\bends? in\b|"
                             r"\bruns? to\b|\bfiscal year\b")


def _speaks_of_future(sentence: str) -> bool:
    lowered = sentence.lower()
    if not _FUTURE_WORDS.isdisjoint(w.strip(_PUNCT) for w in lowered.split()):
        return True
    # the phrases' regex only where one of their words occurs (the regex scan is the slow part)
    return any(w in lowered for w in ("by ", "term", "end", "run", "fiscal")) and bool(
        _FUTURE_PHRASES.search(lowered))


_PUNCT = ".,;:()[]\"'“”‘’!?"


def _full_date(text: str, start: int, year: str) -> tuple[str, str]:
    """The date that ends with the year at ``start`` ("September 21, 2017" → 2017-09-21,
    "March 2022" → 2022-03, else the year) and its words; by tokens, not a regex scan."""
    words = text[max(0, start - 24):start].replace(",", " ").split()
    month = MONTHS.get(words[-1].lower().rstrip(".")) if words else None
    if month:
        day = words[-2] if len(words) > 1 and words[-2].isdigit() else None
        iso = (_iso(int(year), month, int(day)) if day and len(day) <= 2 else None) \
            or f"{year}-{month:02d}"
        return iso, " ".join([*([day] if day and len(day) <= 2 else []), words[-1], year])
    if len(words) > 1 and words[-1].isdigit() and len(words[-1]) <= 2:
        month = MONTHS.get(words[-2].lower().rstrip("."))
        if month and (dated := _iso(int(year), month, int(words[-1]))):
            return dated, f"{words[-2]} {words[-1]}, {year}"
    return year, year


def _from_text(text: str, sentences: Iterable[tuple[int, int]],
               lows: list[tuple[str, str, str]]) -> None:
    best: tuple[str, str] | None = None  # (day, why)
    this_year = dt.date.today().year
    spans = list(sentences)
    # one scan for years over the body, then each sentence takes its own (most have none)
    found = sorted((m for pattern in _YEARS for m in pattern.finditer(text, spans[0][0], spans[-1][1])),
                   key=lambda m: m.start()) if spans else []
    if found and found[-1].end() == spans[-1][1] and _word_at(text, spans[-1][1]):
        found.pop()  # the scan stopped there, but the year runs on into the text after it
    at = [m.start() for m in found]
    # The sentences from last to first, where the latest years usually are: a sentence whose
    # years are all before the best day's year cannot raise it and is not looked at. A later
    # sentence replaces an equal day (>=), so that, as read forwards, the first to say it wins.
    for start, end in reversed(spans) if found else ():
        years = found[bisect.bisect_left(at, start):bisect.bisect_left(at, end)]
        if not years:
            continue
        sentence = text[start:end]
        anniversary = _ANNIVERSARY.search(sentence) if "anniversary" in sentence else None
        if best is not None and anniversary is None and max(int(y.group(0)) for y in years) < int(
                best[0][:4]):
            continue
        if _speaks_of_future(sentence):
            continue
        if anniversary is not None:
            # the event's year plus n; with the celebration's year in the sentence too, the
            # smallest sum is that year again (so a wrong pairing never raises the bound)
            first = min(int(y.group(0)) for y in years)
            year = first + int(anniversary["n"])
            if year <= this_year and (best is None or f"{year}-01-01" >= best[0]):
                best = (f"{year}-01-01", f"it marks the {anniversary['n']}th anniversary of an "
                                         f"event of {first}")
        for y in reversed(years):
            if _in_address(text, y.start(), y.end()):
                continue  # "see //2009-2017.state.gov/…": an address, not a date
            iso, said = _full_date(text, y.start(), y.group(0))
            if int(iso[:4]) <= this_year:
                day = lower_bound(iso).isoformat()
                if best is None or day >= best[0]:
                    best = (day, f"the text speaks of {said}")
    if spans and ("andemic" in text or "COVID" in text or "CoV" in text) and _PANDEMIC.search(
            text, spans[0][0], spans[-1][1]) and (best is None or best[0] < PANDEMIC_DAY):
        best = (PANDEMIC_DAY, "it speaks of the COVID-19 pandemic")
    if _has_gov_banner(text[:2000]) and (best is None or best[0] < GOV_BANNER_FLOOR):
        best = (GOV_BANNER_FLOOR, "it carries the banner of the state.gov site launched after 2017")
    if best is not None:
        lows.append((best[0], "text_lower_bound", best[1]))


def _word_at(text: str, i: int) -> bool:
    return i < len(text) and (text[i].isalnum() or text[i] == "_")


def _has_gov_banner(head: str) -> bool:
    # "how" and "government" hold no letter that re.I matches outside ASCII: without both, the
    # banner is not there and the text is not scanned for it
    lowered = head.lower()
    return "how" in lowered and "government" in lowered and _GOV_BANNER.search(head) is not None
