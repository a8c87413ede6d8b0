"""Internal findings: claims that cannot all be true, within a sheet and across its editions.

No reference data is used here: a finding rests on the sheet's own words (and those of other
editions of the same country), which are given as evidence. A claim with a finding gets the
verdict ``inconsistent`` at publication (see ``factsheet.check``).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache, partial
from typing import Any, NamedTuple, TypeVar

from ..dates import DATE_PATTERN, from_match
from ..model import Claim, Document, Evidence
from .base import Edition, build, date_matches, safe_lower, safe_upper
from .names import could_match_either, fold, names_match
from .unverifiable import half_unit


class Finding(NamedTuple):
    """One claim's internal finding (a tuple: a sheet may carry thousands of them)."""

    claim: int
    code: str
    message: str
    evidence: tuple[Evidence, ...]


#: ``Finding((claim, code, message, evidence))`` made in C (a NamedTuple's own ``__new__`` is
#: Python code): thousands on a sheet that repeats a fact
_finding = partial(tuple.__new__, Finding)


# scope → the scopes it is a part of (a figure without a scope counts as a whole)
_PART_OF: dict[str, set[str | None]] = {
    "agricultural": {"goods", "goods_and_services", "total", None},
    "goods": {"goods_and_services", "total"},
    "services": {"goods_and_services", "total"},
}
FLOW_WORDS = {"two_way": "two-way trade", "us_exports": "U.S. exports", "us_imports": "U.S. imports",
              "partner_exports": "the partner's exports", "partner_imports": "the partner's imports",
              "balance": "the trade balance"}
_ONE_FLOW = ("us_exports", "us_imports", "partner_exports", "partner_imports")
_FUTURE = re.compile(r"\b(?:will|shall|(?:is|are) (?:scheduled|expected|set|due|slated|planned|"
                     r"going) to|plans? to|intends? to|upcoming|forthcoming)\b", re.I)
#: a word every match of _FUTURE contains (in lower case): a text with none of them has no future
#: tense to look for sentence by sentence (plain substring searches: the regex scans slowly)
_FUTURE_WORDS = ("will", "shall", "scheduled", "expected", "set", "due", "slated", "plan",
                 "going", "intend", "upcoming", "forthcoming")
#: letters that re.IGNORECASE matches as "i" or "s" but str.lower() does not turn into them
_CASELESS = {"\u0130": "i", "\u0131": "i", "\u017f": "s"}


def _may_speak_of_future(text: str) -> bool:
    for odd, plain in _CASELESS.items():
        if odd in text:
            text = text.replace(odd, plain)
    low = text.lower()
    return any(word in low for word in _FUTURE_WORDS)
_DATE = re.compile(DATE_PATTERN, re.I)
#: a number that is a street number or a suite, not a year ("at 1700 Massachusetts Avenue")
_ADDRESS_AFTER = re.compile(r"\s+(?:[NSEW]\.?\s+)?(?:[A-Z0-9][\w.'’-]*\s+){0,3}(?:Avenue|Ave\.?|Street|"
                            r"St\.|Road|Rd\.|Place|Drive|Court|Boulevard|Blvd\.?|Circle|Lane|Way|"
                            r"Terrace|Parkway|Square|Plaza)\b")


def _ref(index: int, claim: Claim, note: str = "") -> Evidence:
    return build(Evidence, source="sheet", claim=index,
                 value=(note + ": " if note else "") + claim.quote)


@lru_cache(maxsize=4096)  # a figure is named in the message of each figure it conflicts with
def _money(value: float) -> str:
    return f"${value / 1e9:,.2f} billion".replace(".00 ", " ") if value >= 1e9 else f"${value:,.0f}"


@lru_cache(maxsize=4096)  # compared again and again with the figures of the same year
def _range(value: float) -> tuple[float, float]:
    h = half_unit(value)
    return value - h, value + h


def _scope_within(part: str | None, whole: str | None) -> bool:
    return part in _PART_OF and whole in _PART_OF[part]


_WHOLE = (None, "total", "goods_and_services")


def _within_or_same(part: str | None, whole: str | None) -> bool:
    """A flow of scope ``part`` can be compared with a whole of scope ``whole``."""
    return part == whole or _scope_within(part, whole) or (part in _WHOLE and whole in _WHOLE)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):  # a tuple: faster than int | float
        return None
    return float(value)


def _well_formed(claims: Sequence[Claim]) -> list[Claim]:
    """Claims with numeric values where numbers are due; others are replaced by inert ones."""
    out = []
    for c in claims:
        fields = c.fields
        bad = False
        for k in _NUMERIC_FIELDS:  # a loop, not a generator: asked of every claim twice
            value = fields.get(k)
            if value is not None and _number(value) is None:
                bad = True
                break
        out.append(Claim("malformed", c.country, {}, c.span, c.quote) if bad else c)
    return out


_NUMERIC_FIELDS = ("value_usd", "value", "count", "year")


#: findings of one kind a claim carries at most (each names one other claim as evidence): a
#: sheet that repeats one fact with two values 2,000 times gets 2,000 findings of 5, not 4
#: million (issue 14).
MAX_FINDINGS_PER_CLAIM = 5
#: distinct values of one fact a value is compared with: values that are not equal but agree
#: (spellings of one name) are compared pairwise, so their number is bounded.
MAX_COMPARED_VALUES = 16


_T = TypeVar("_T")  # what _related compares: claims, or what is compared of them


def _related(items: Sequence[tuple[int, _T]], signature: Callable[[_T], Any],
             related: Callable[[_T, _T], bool],
             can_relate: Callable[[_T], bool] | None = None,
             can_be_related: Callable[[_T], bool] | None = None) -> dict[int, list[int]]:
    """For each claim, the first claims (by index, at most MAX_FINDINGS_PER_CLAIM) it is
    ``related`` to. Claims with one ``signature`` (their compared values) are one class and are
    compared once, through their first member: linear in the claims, not quadratic. A class
    whose head fails ``can_relate`` (it is ``related`` to no claim at all) is not compared, and
    one whose head fails ``can_be_related`` (no claim is ``related`` to it) is counted among the
    compared values without calling ``related``."""
    classes: dict[Any, list[tuple[int, _T]]] = {}
    for i, c in items:
        classes.setdefault(signature(c), []).append((i, c))
    # each class: its members, its head (what is compared), its first members (who is cited)
    reps = [(members, members[0][1], [j for j, _ in members[:MAX_FINDINGS_PER_CLAIM]],
             can_be_related is None or can_be_related(members[0][1]))
            for members in classes.values()]
    out: dict[int, list[int]] = {}
    for members, head, _, _ in reps:
        if can_relate is not None and not can_relate(head):
            continue
        others: list[int] = []
        compared = 0
        for other, other_head, cited, relatable in reps:
            if other is members:
                continue
            compared += 1
            if compared > MAX_COMPARED_VALUES:
                break
            if relatable and related(head, other_head):
                others += cited
                if len(others) >= MAX_FINDINGS_PER_CLAIM:
                    break
        if others:
            # one list for the whole class (the classes part the claims: no member is among
            # the others; callers only read it)
            mine = sorted(others)[:MAX_FINDINGS_PER_CLAIM]
            for i, _ in members:
                out[i] = mine
    return out


def within_sheet(document: Document, claims: Sequence[Claim]) -> list[Finding]:
    claims = _well_formed(claims)
    out: list[Finding] = []
    out += _trade_sums(claims)
    out += _dates(document, claims)
    out += _future_past(document, claims)
    out += _conflicts(claims)
    return out


class _Figure(NamedTuple):
    """What the trade sums compare of a figure, read once per claim (not once per comparison)."""

    flow: Any
    scope: Any
    value: float
    low: float  # the value's range at its stated precision (_range)
    high: float


def _trade_sums(claims: Sequence[Claim]) -> list[Finding]:
    by_year: dict[Any, list[tuple[int, _Figure]]] = {}
    for i, c in enumerate(claims):
        if c.type == "trade" and c.fields.get("value_usd") is not None \
                and c.fields.get("year") is not None and c.fields.get("period", "year") == "year":
            value = float(c.fields["value_usd"])
            figure = _Figure(c.fields.get("flow"), c.fields.get("scope"), value, *_range(value))
            by_year.setdefault(c.fields["year"], []).append((i, figure))
    out: list[Finding] = []
    for trade in by_year.values():
        if len(trade) < 2:
            continue
        for rel in (_part_above_total, _two_way_below_flow):
            # who can be the first and who the second of a pair (a cheap test that skips whole
            # comparisons: a sheet of 2,000 export figures has no two-way figure to compare)
            first, second = _ROLES[rel.__name__]
            if not any(first(f) for _, f in trade) or not any(second(f) for _, f in trade):
                continue
            for i, js in _related(trade, _trade_signature, rel, first, second).items():
                for j in js:
                    out.append(_trade_finding(rel, i, claims[i], j, claims[j], first=True))
            for j, is_ in _related(trade, _trade_signature, _reverse(rel), second, first).items():
                for i in is_:
                    out.append(_trade_finding(rel, i, claims[i], j, claims[j], first=False))
    return out


def _latest_publication(document: Document) -> tuple[dt.date | None, str]:
    """The last day the sheet can have been published, and how to say it: its date, or for an
    undated sheet the upper bound its metadata or archive address gives (never the check date)."""
    if document.published:
        return safe_upper(document.published), str(document.published)
    rng = document.published_range
    if rng.basis in ("html_meta", "archive_url") and rng.latest:
        return safe_upper(rng.latest), f"{rng.latest} at the latest, {rng.basis}"
    return None, ""


def _earliest_publication(document: Document) -> tuple[dt.date | None, str]:
    """The first day the sheet can have been published: its date, or the date its metadata
    gives (a lower bound inferred from the text is no ground for an inconsistency)."""
    if document.published:
        return safe_lower(document.published), str(document.published)
    rng = document.published_range
    if rng.basis == "html_meta" and rng.earliest:
        return safe_lower(rng.earliest), f"or after {rng.earliest} (the page's metadata)"
    return None, ""

def _reverse(rel: Callable[[Any, Any], bool]) -> Callable[[Any, Any], bool]:
    return lambda b, a: rel(a, b)


def _trade_signature(f: _Figure) -> tuple[Any, ...]:
    return f[:3]  # flow, scope, value


def _part_above_total(a: _Figure, b: _Figure) -> bool:
    """a part above its total: same flow, a's scope within b's"""
    return a.flow == b.flow and _scope_within(a.scope, b.scope) and a.low > b.high


def _two_way_below_flow(a: _Figure, b: _Figure) -> bool:
    """two-way trade (a) below one of its flows (b)"""
    return a.flow == "two_way" and b.flow in _ONE_FLOW \
        and _within_or_same(b.scope, a.scope) and a.high < b.low


_WHOLES = {w for ws in _PART_OF.values() for w in ws}
#: relation → (can a figure be its first member, its second): necessary conditions only
_ROLES: dict[str, tuple[Callable[[_Figure], bool], Callable[[_Figure], bool]]] = {
    "_part_above_total": (lambda f: f.scope in _PART_OF, lambda f: f.scope in _WHOLES),
    "_two_way_below_flow": (lambda f: f.flow == "two_way", lambda f: f.flow in _ONE_FLOW),
}


def _trade_finding(rel: Callable[[_Figure, _Figure], bool], i: int, a: Claim, j: int, b: Claim, *,
                   first: bool) -> Finding:
    """The finding on ``a`` (first) or on ``b`` for a pair (a, b) in relation ``rel``."""
    va, vb = float(a.fields["value_usd"]), float(b.fields["value_usd"])
    fa, fb = a.fields.get("flow"), b.fields.get("flow")
    sa = a.fields.get("scope")
    year = a.fields["year"]
    if rel is _part_above_total:
        if first:
            msg = (f"{(sa or '').replace('_', ' ')} {FLOW_WORDS.get(str(fa), 'trade')} "
                   f"of {_money(va)} in {year} exceed the total of {_money(vb)} the sheet gives "
                   "for the same flow and year.")
            return Finding(i, "V-CONS-PART-ABOVE-TOTAL", msg[0].upper() + msg[1:],
                           (_ref(j, b, "total"),))
        return Finding(j, "V-CONS-PART-ABOVE-TOTAL",
                       f"The total of {_money(vb)} in {year} is below a part the sheet "
                       f"gives: {_money(va)}.", (_ref(i, a, "part"),))
    if first:
        msg = (f"Two-way trade of {_money(va)} in {year} is below one of its flows "
               f"({FLOW_WORDS[str(fb)]}: {_money(vb)}).")
        return Finding(i, "V-CONS-TWO-WAY-BELOW-FLOW", msg, (_ref(j, b, "flow"),))
    flow = FLOW_WORDS[str(fb)]
    return Finding(j, "V-CONS-TWO-WAY-BELOW-FLOW",
                   f"{flow[0].upper() + flow[1:]} of {_money(vb)} in {year} "
                   f"exceed the two-way trade of {_money(va)} the sheet gives.",
                   (_ref(i, a, "two-way"),))


def _dates(document: Document, claims: Sequence[Claim]) -> list[Finding]:
    out: list[Finding] = []
    published, said = _latest_publication(document)
    for i, c in enumerate(claims):
        if c.type not in ("leader", "ambassador"):
            continue
        since, ends = c.fields.get("since"), c.fields.get("term_ends")
        lo_since = safe_lower(str(since)) if since else None
        if since and ends:
            hi_end = safe_upper(str(ends))
            if lo_since and hi_end and hi_end < lo_since:
                out.append(Finding(i, "V-CONS-TERM-ORDER",
                                   f"The term ends ({ends}) before it starts ({since}).",
                                   (_ref(i, c),)))
        if lo_since and published and lo_since > published:
            out.append(Finding(i, "V-CONS-SINCE-AFTER-PUBLICATION",
                               f"In office since {since}, after the sheet's publication "
                               f"({said}).", (_ref(i, c),)))
    # one agreement, one event, two dates
    groups: dict[tuple[str, str], list[tuple[int, Claim]]] = {}
    for i, c in enumerate(claims):
        if c.type == "agreement" and c.fields.get("event") in (
                "signed", "entered_into_force", "in_effect_since") \
                and (c.fields.get("date") or c.fields.get("year")):
            # an amended or revised agreement is another agreement ("the Compact entered into
            # force in 1986 … an amended Compact entered into force in 2004")
            key = _agreement_key(c) + ("+amended" if _AMENDED.search(c.quote) else "")
            groups.setdefault((key, _event(c)), []).append((i, c))
    for (_, event), group in groups.items():
        if len(group) < 2:
            continue
        by_index = dict(group)
        dates = [(i, _agreement_date(c)) for i, c in group]  # read once, not per comparison
        date_of = dict(dates)
        refs: dict[int, tuple[Evidence, ...]] = {}  # a claim is the evidence of up to 5 others
        for i, js in _related(dates, _same, _dates_differ).items():
            a = by_index[i]
            word = "signing" if event == "signed" else "entry into force"
            said = (f"The sheet gives the {a.fields.get('short_name') or a.fields.get('name')} "
                    f"two {word} dates: {date_of[i]} here and ")
            for j in js:
                if j not in refs:
                    refs[j] = (_ref(j, by_index[j]),)
                out.append(_finding((i, "V-CONS-AGREEMENT-DATES",
                                     f"{said}{date_of[j]} elsewhere.", refs[j])))
    return out


def _same(value: Any) -> Any:
    return value


@lru_cache(maxsize=4096)  # a sheet repeats its dates: each pair is compared once
def _dates_differ(a: str, b: str) -> bool:
    return not date_matches(a, b)


_AMENDED = re.compile(r"\b(?:amended|revised|renewed|successor)\b", re.I)


def _agreement_date(claim: Claim) -> str:
    return str(claim.fields.get("date") or claim.fields.get("year"))


def _event(claim: Claim) -> str:
    event = str(claim.fields.get("event"))
    return "in_force" if event in ("entered_into_force", "in_effect_since") else event


def _agreement_key(claim: Claim) -> str:
    short = fold(str(claim.fields.get("short_name") or ""))
    if short:
        return short
    acronym = re.search(r"\(([A-Z]{2,6})\)", str(claim.fields.get("name") or ""))
    return fold(acronym.group(1)) if acronym else fold(str(claim.fields.get("name") or ""))


def _sentence_of(document: Document, claim: Claim, starts: Sequence[int] | None = None
                 ) -> tuple[int, int]:
    """The sentence holding the claim's start (found by bisection over ``starts``, the
    sentences' starts: a scan per claim is quadratic on a sheet of many claims)."""
    start = claim.span[0]
    if starts is None:
        starts = [s.start for s in document.sentences]
    k = bisect.bisect_right(starts, start) - 1
    if k >= 0:
        s = document.sentences[k]
        if s.start <= start < s.end:
            return s.start, max(s.end, claim.span[1])
    text = document.text
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_candidates = [p for p in (text.find(". ", claim.span[1]), text.find("\n", claim.span[1]))
                        if p != -1]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return left + 1, max(right, claim.span[1])


def _future_past(document: Document, claims: Sequence[Claim]) -> list[Finding]:
    """"will celebrate … in December 2022" in a sheet published in 2023."""
    out: list[Finding] = []
    published, said = _earliest_publication(document)
    if published is None or not document.text or not _may_speak_of_future(document.text):
        return out
    seen: dict[tuple[int, int], list[int]] = {}
    starts = [s.start for s in document.sentences]
    for i, c in enumerate(claims):
        seen.setdefault(_sentence_of(document, c, starts), []).append(i)
    for (start, end), members in seen.items():
        sentence = document.text[start:end]
        future = _FUTURE.search(sentence)
        if not future:
            continue
        for m in _DATE.finditer(sentence, future.end()):
            if re.fullmatch(r"\d{4}", m.group(0).strip()) and (
                    _ADDRESS_AFTER.match(sentence, m.end())
                    or sentence[m.end():m.end() + 1].isdigit()
                    or sentence[max(m.start() - 1, 0):m.start()].isdigit()):
                continue  # a street number, or part of a postal code or telephone number
            iso = from_match(m)
            day = safe_upper(iso) if iso else None
            if day is None or day >= published:
                continue
            year = int(iso[:4]) if iso else None
            chosen = [i for i in members if claims[i].fields.get("year") == year
                      or str(claims[i].fields.get("date") or "").startswith(str(year))] or members
            for i in chosen:
                out.append(Finding(
                    i, "V-CONS-FUTURE-PAST",
                    f"The sheet speaks of {m.group(0).strip()} in the future tense "
                    f"(“{future.group(0)}”), but it was published on {said}.",
                    (Evidence(source="sheet", claim=i, value=sentence.strip()),)))
            break
    return out


# claim type → (key fields, value fields) for "one fact, two values" within a sheet
_SAME_FACT: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "relations.established": ((), ("year",)),
    "relations.recognized": ((), ("year",)),
    "independence": ((), ("year", "from")),
    "embassy": (("side", "kind"), ("address", "postal_code", "phone")),
    "membership": (("organization",), ("status",)),
    "statistic": (("subject", "year"), ("value",)),
    "ambassador": (("side", "title"), ("name",)),
}


def _differ(key: str, a: Any, b: Any) -> bool:
    if a is None or b is None:
        return False
    if key == "from":
        return not (fold(str(a)) in fold(str(b)) or fold(str(b)) in fold(str(a)))
    if key == "address":
        from .embassy import normalize_address

        return normalize_address(str(a)) != normalize_address(str(b))
    if key == "name":
        a, b = str(a), str(b)
        if not could_match_either(a, b):
            return True
        return not (names_match(a, b) or names_match(b, a))
    if key == "value":
        return abs(float(a) - float(b)) > 0.005
    return bool(a != b)


def _conflicts(claims: Sequence[Claim]) -> list[Finding]:
    out: list[Finding] = []
    groups: dict[tuple[Any, ...], list[tuple[int, Claim]]] = {}
    for i, c in enumerate(claims):
        spec = _SAME_FACT.get(c.type)
        if spec is not None:
            groups.setdefault((c.type, *(_hashable(c.fields.get(k)) for k in spec[0])), []).append((i, c))
    for (kind, *_), group in groups.items():
        if len(group) < 2:
            continue
        values = _SAME_FACT[kind][1]
        by_index = dict(group)
        # the compared values of each claim, read once (not in every comparison)
        read = [(i, tuple([c.fields.get(v) for v in values])) for i, c in group]
        value_of = dict(read)
        if len(values) == 1:  # most facts have one value: no generator per comparison
            signature = partial(_one_signature, values[0])
            conflict = partial(_one_conflict, values[0])
        else:
            signature = partial(_signature, values)
            conflict = partial(_conflict, values)

        said: dict[tuple[Any, ...], str] = {}  # one message per pair of wordings
        # made once per claim, not per finding: its wording, and its reference as evidence
        # (a claim is the evidence of up to 5 others)
        wording: dict[int, tuple[Any, ...]] = {}
        refs: dict[int, tuple[Evidence, ...]] = {}
        for i, js in _related(read, signature, conflict).items():
            a = value_of[i]
            mine = wording.get(i)
            if mine is None:
                mine = wording[i] = tuple([_hashable(x) for x in a])
            for j in js:
                theirs = wording.get(j)
                if theirs is None:
                    theirs = wording[j] = tuple([_hashable(x) for x in value_of[j]])
                ref = refs.get(j)
                if ref is None:
                    ref = refs[j] = (_ref(j, by_index[j]),)
                key = (mine, theirs)
                message = said.get(key)
                if message is None:
                    b = value_of[j]
                    # related claims differ in some value: in the only one, when there is one
                    if len(values) == 1:
                        what = f"{values[0]} {a[0]} vs {b[0]}"
                    else:
                        what = ", ".join([f"{v} {x} vs {y}" for v, x, y
                                          in zip(values, a, b, strict=True) if _differ(v, x, y)])
                    message = said[key] = f"Another claim of the sheet says otherwise ({what})."
                out.append(_finding((i, "V-CONS-CONFLICT", message, ref)))
    return out


def _one_signature(key: str, t: tuple[Any, ...]) -> tuple[Any, ...]:
    return (_same_value(key, t[0]),)


def _one_conflict(key: str, a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    return _differ(key, a[0], b[0])


def _signature(values: tuple[str, ...], t: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple([_same_value(v, x) for v, x in zip(values, t, strict=True)])


def _conflict(values: tuple[str, ...], a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    return any(_differ(v, x, y) for v, x, y in zip(values, a, b, strict=True))


_SCALARS = (str, int, float, bool, type(None))


def _hashable(value: Any) -> Any:
    return value if isinstance(value, _SCALARS) else repr(value)


def _same_value(key: str, value: Any) -> Any:
    """What ``_differ`` compares of a value (claims equal in it never differ)."""
    if value is None:
        return None
    if key in ("from", "name"):
        return fold(str(value))
    if key == "address":
        from .embassy import normalize_address

        return normalize_address(str(value))
    return _hashable(value)


# ---------------------------------------------------------------------------------------------
# across editions

_METRIC_KEYS: dict[str, tuple[str, ...]] = {
    "trade": ("flow", "scope", "year", "period"),
    "investment": ("direction", "measure", "year"),
    "people": ("kind", "direction", "year", "period"),
    "statistic": ("subject", "year"),
}
_METRIC_VALUE = {"trade": "value_usd", "investment": "value_usd", "people": "count",
                 "statistic": "value"}


def _edition_ref(edition: Edition, index: int, claim: Claim) -> Evidence:
    return Evidence(source="edition", snapshot=edition.document.published, claim=index,
                    value=f"{edition.document.title or 'edition'} ({edition.document.published}): "
                          f"{claim.quote}",
                    citation=edition.document.source)


def _show(kind: str, value: Any) -> str:
    if kind in ("trade", "investment"):
        return _money(float(value))
    if kind == "statistic":
        return f"{float(value):g}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def _values_differ(kind: str, a: Any, b: Any) -> bool:
    if kind in ("trade", "investment", "people"):
        lo_a, hi_a = _range(float(a))
        lo_b, hi_b = _range(float(b))
        return hi_a < lo_b or hi_b < lo_a
    if kind == "statistic":
        return abs(float(a) - float(b)) > 0.005
    return bool(a != b)


def across_editions(document: Document, claims: Sequence[Claim],
                    editions: Iterable[Edition]) -> list[Finding]:
    out: list[Finding] = []
    claims = _well_formed(claims)
    editions = [Edition(e.document, tuple(_well_formed(e.claims))) for e in editions]
    editions = [e for e in editions if e.document.sha256 != document.sha256
                and (not document.country or not e.document.country
                     or e.document.country == document.country)]
    for i, c in enumerate(claims):
        keys = _METRIC_KEYS.get(c.type)
        if keys is None:
            continue
        field = _METRIC_VALUE[c.type]
        if c.fields.get(field) is None or ("year" in keys and c.fields.get("year") is None):
            continue
        for edition in editions:
            for j, d in enumerate(edition.claims):
                if d.type != c.type or d.fields.get(field) is None:
                    continue
                if any(c.fields.get(k) != d.fields.get(k) for k in keys):
                    continue
                if _values_differ(c.type, c.fields[field], d.fields[field]):
                    what = ", ".join(str(c.fields.get(k)).replace("_", " ")
                                     for k in keys if c.fields.get(k))
                    out.append(Finding(
                        i, "V-CONS-EDITION-VALUE",
                        f"The {edition.document.published} edition gives "
                        f"{_show(c.type, d.fields[field])} for the same {c.type} figure ({what}); "
                        f"this one gives {_show(c.type, c.fields[field])}.",
                        (_edition_ref(edition, j, d),)))
    out += _backwards(document, claims, editions)
    return out


def _office_key(claim: Claim) -> str:
    if claim.type == "leader":
        return "leader:" + fold(str(claim.fields.get("role") or claim.fields.get("title") or ""))
    return "ambassador:" + str(claim.fields.get("side") or "")


def _backwards(document: Document, claims: Sequence[Claim],
               editions: Sequence[Edition]) -> list[Finding]:
    """A later edition naming an office holder who preceded the one an earlier edition names."""
    out: list[Finding] = []
    mine = safe_lower(document.published)
    if mine is None:
        return out
    older = sorted((e for e in editions if (safe_lower(e.document.published) or dt.date.max) < mine),
                   key=lambda e: e.document.published or "")
    for i, c in enumerate(claims):
        if c.type not in ("leader", "ambassador") or not c.fields.get("name"):
            continue
        name = str(c.fields["name"])
        key = _office_key(c)
        since = safe_lower(str(c.fields.get("since"))) if c.fields.get("since") else None
        seen: list[tuple[Edition, int, Claim]] = []
        for edition in older:
            for j, d in enumerate(edition.claims):
                if d.type == c.type and d.fields.get("name") and _office_key(d) == key:
                    seen.append((edition, j, d))
        for pos, (edition, j, d) in enumerate(seen):
            other = str(d.fields["name"])
            if names_match(name, other) or names_match(other, name):
                continue
            d_since = safe_lower(str(d.fields.get("since"))) if d.fields.get("since") else None
            earlier_me = [s for s in seen[:pos] if names_match(name, str(s[2].fields["name"]))]
            if (since and d_since and since < d_since) or (c.type == "ambassador" and earlier_me):
                out.append(Finding(
                    i, "V-CONS-EDITION-BACKWARDS",
                    f"The earlier {edition.document.published} edition already names {other}"
                    + (f" (since {d.fields.get('since')})" if d_since else "")
                    + f"; this later edition goes back to {name}.",
                    (_edition_ref(edition, j, d),)))
                break
    return out
