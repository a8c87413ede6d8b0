"""The extraction pipeline: components that declare what they need and what they produce.

A component is a function over a ``Context`` (the document, its sentences, what earlier
components produced). ``Pipeline`` checks at build time that every requirement is met by the
document or by an earlier component, so a mis-ordered or missing stage fails at once and says
which, instead of silently extracting nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from ..budget import DEFAULT_BUDGET
from ..dates import parse_date
from ..errors import RuleError
from ..model import Claim, Document
from . import normalize as nz
from .rules import Rule, required_literals, section_matches, trigger_words

try:  # Aho-Corasick in Rust: every family's gate words found in one pass (see Context.gated)
    import ahocorasick_rs as ahocorasick
except ImportError:  # pragma: no cover - the plain str.find scan gives the same units
    ahocorasick = None  # type: ignore[assignment]

#: What the document itself provides before any component runs.
BASE = frozenset(["document", "text", "sentences", "sections"])


@dataclass(slots=True)
class Unit:
    """One sentence (or list item) of the document, the unit every rule runs on.

    Not frozen, though nothing changes it: a frozen dataclass costs five times as much to build,
    and every sentence of every sheet makes one. Slots: the rules read its fields in hot loops.
    """

    index: int
    start: int
    end: int
    text: str
    lower: str
    section: str | None
    block: int
    #: the gate and trigger words its ``lower`` contains, once Context.gated has looked (None
    #: before): rules.trigger_words() are all among them
    words: set[str] | None = None


@dataclass
class Draft:
    """A claim before it is frozen: absolute offsets into the document text."""

    type: str
    fields: dict[str, Any]
    start: int
    end: int
    confidence: float
    rule: str
    unit: int


@dataclass
class Context:
    document: Document
    units: list[Unit]
    produced: dict[str, list[Draft]] = field(default_factory=dict)
    _lower: str | None = None
    _starts: list[int] = field(default_factory=list)
    #: the automaton that found every unit's ``words`` (None: not looked yet)
    _found_by: Any = None

    def gated(self, words: tuple[str, ...]) -> list[Unit]:
        """The units whose lower-case text contains one of ``words`` (a family's cheap gate).

        Same answer as ``[u for u in units if any(w in u.lower for w in words)]``. With
        ahocorasick-rs, one pass per sentence finds every family's gate words at once (the word
        sets are kept for the document); without it, one ``str.find`` pass per word over the
        whole text. Either way far cheaper than every word on every unit (a third of extraction).
        """
        if ahocorasick is not None:
            gate = _GATES.get(words) or _gate_for(words)
            if _GATES_AUTOMATON[0] is None:  # a literal_gate() registered since the last build
                _build_automaton()
            if self._found_by is not _GATES_AUTOMATON[0]:  # first asked, or a new gate's words
                _find_words(self.units)
                self._found_by = _GATES_AUTOMATON[0]
            return [u for u in self.units if u.words and not gate.isdisjoint(u.words)]
        return self._gated_by_find(words)

    def _gated_by_find(self, words: tuple[str, ...]) -> list[Unit]:
        """``gated`` without ahocorasick-rs: one ``str.find`` pass per word over the whole text."""
        if self._lower is None:
            self._lower = self.document.text.lower()
            self._starts = [u.start for u in self.units]
        lower = self._lower
        if len(lower) != len(self.document.text):  # lower() changed offsets: check per unit
            return [u for u in self.units if any(map(u.lower.__contains__, words))]
        hit: set[int] = set()
        units, starts = self.units, self._starts
        last = len(units) - 1
        find = lower.find
        for w in words:
            i = find(w)
            if i == -1:
                continue  # most words: one scan and nothing else
            n = len(w)
            while i != -1:
                k = bisect_right(starts, i) - 1
                if k >= 0 and (k in hit or i + n <= units[k].end):
                    # unit k is settled: every later start of w in it maps to it again
                    hit.add(k)
                    if k == last:
                        break
                    i = find(w, starts[k + 1])
                else:
                    i = find(w, i + 1)
        return [units[k] for k in sorted(hit)]

    def drafts(self, *names: str) -> Iterator[Draft]:
        for name in names:
            yield from self.produced.get(name, [])


#: every gate tuple asked for so far → its words as a set
_GATES: dict[tuple[str, ...], frozenset[str]] = {}
#: [the automaton of every word in _GATES] (a one-item list: replaced whole, never mutated, so a
#: document whose word sets it found can tell they are stale)
_GATES_AUTOMATON: list[Any] = [None]


def _gate_for(words: tuple[str, ...]) -> frozenset[str]:
    """Register a new gate: a word the automaton lacks makes it be built anew (once per family)."""
    gate = frozenset(words)
    known: set[str] = set().union(*_GATES.values())
    _GATES[words] = gate
    if _GATES_AUTOMATON[0] is None or not gate <= known:
        _build_automaton()
    return gate


def _build_automaton() -> None:
    _GATES_AUTOMATON[0] = ahocorasick.AhoCorasick(sorted(set().union(*_GATES.values()) | trigger_words()))


def literal_gate(pattern: re.Pattern[str]) -> frozenset[str]:
    """The lower-cased literals one of which every match of ``pattern`` contains, made gate
    words: ``may_hold(unit, gate)`` then tells from ``Unit.words`` alone that the pattern cannot
    match in a sentence (or any part of it), sparing a scan that tries every position.

    For a module's patterns, called when the module is imported (before any sentence's words are
    found). Empty, and so never a reason to skip, when no literal is certain (see
    ``rules.required_literals``) or one holds a sigma (whose lower case depends on what follows).
    """
    gate = frozenset(w.lower() for w in required_literals(pattern))
    if not gate or any("σ" in w or "ς" in w for w in gate):
        return frozenset()
    key = tuple(sorted(gate))
    if key not in _GATES:
        _GATES[key] = gate
        _GATES_AUTOMATON[0] = None  # built anew, with these words, when next asked
    return gate


def may_hold(unit: Unit, gate: frozenset[str]) -> bool:
    """False only when ``unit``'s words show that a pattern with this ``literal_gate`` cannot
    match anywhere in it: a literal in the text is one in its lower case, which the words hold."""
    return not gate or unit.words is None or not gate.isdisjoint(unit.words)


def _find_words(units: list[Unit]) -> None:
    """Set each unit's ``words``: the gate and trigger words its lower-case text contains (for
    ``gated`` and for apply()'s trigger test).

    Overlapping matches, so that every word is found, also one inside another ("relation" in
    "relations"). ahocorasick-rs costs 0.17 M instructions a corpus excerpt, pyahocorasick's
    ``iter`` 0.30 M (its per-character step is the cost, not the matches or the calls).
    """
    find = _GATES_AUTOMATON[0].find_matches_as_strings
    for u in units:
        u.words = set(find(u.lower, overlapping=True)) if u.lower else set()


@dataclass(frozen=True)
class Component:
    name: str
    run: Callable[[Context], dict[str, list[Draft]]]
    requires: tuple[str, ...] = ("sentences",)
    produces: tuple[str, ...] = ()


class Pipeline:
    def __init__(self, components: Iterable[Component]) -> None:
        self.components = tuple(components)
        available = set(BASE)
        names: set[str] = set()
        for comp in self.components:
            if comp.name in names:
                raise RuleError(f"pipeline component {comp.name!r} appears twice: keep one.")
            names.add(comp.name)
            missing = [r for r in comp.requires if r not in available]
            if missing:
                raise RuleError(
                    f"pipeline component {comp.name!r} needs {', '.join(missing)}, which no "
                    "earlier component produces: reorder the components or add the producer."
                )
            if not comp.produces:
                raise RuleError(f"pipeline component {comp.name!r} declares nothing it produces.")
            available.update(comp.produces)
        self.available = frozenset(available)

    def run(self, document: Document) -> Context:
        ctx = Context(document, make_units(document))
        # every draft is counted as it is made (draft()): over the budget, the extraction stops
        # there, not after the family, the later families and the check
        chars = len(document.text)
        token = _FOUND.set([0, DEFAULT_BUDGET.claims_allowed(chars), document.source or "input", [],
                            None, chars])
        try:
            return self._run(ctx)
        finally:
            _FOUND.reset(token)

    def _run(self, ctx: Context) -> Context:
        for comp in self.components:
            out = comp.run(ctx)
            unexpected = set(out) - set(comp.produces)
            if unexpected:
                raise RuleError(
                    f"pipeline component {comp.name!r} produced undeclared {sorted(unexpected)}: "
                    "declare them in its 'produces'."
                )
            for key, drafts in out.items():
                ctx.produced.setdefault(key, []).extend(drafts)
        return ctx


#: where a sentence's clauses part: a date or a count belongs to its own clause ("… in 2010,
#: and in 2012 the signing of …", "… visit every year; 1,500 … are residents")
CLAUSE_BREAK = re.compile(r",\s+(?:and|while|but|whereas)\s+|;\s*")


class Clauses:
    """The clause breaks of one sentence, found once: the clause around any position is then a
    bisection, not a scan of the sentence so far (a sentence may hold thousands of figures)."""

    def __init__(self, text: str) -> None:
        spans = [m.span() for m in CLAUSE_BREAK.finditer(text)]
        self.starts = [a for a, _ in spans]
        self.ends = [b for _, b in spans]
        self.length = len(text)

    def start_of(self, at: int) -> int:
        """Where the clause holding ``at`` starts: the end of the last break before it, else 0."""
        k = bisect_right(self.ends, at)
        return self.ends[k - 1] if k else 0

    def end_of(self, at: int) -> int:
        """Where the clause holding ``at`` ends: the start of the next break, else the end."""
        k = bisect_left(self.starts, at)
        return self.starts[k] if k < len(self.starts) else self.length


def make_units(document: Document) -> list[Unit]:
    text = document.text
    units: list[Unit] = []
    append = units.append
    for i, s in enumerate(document.sentences):
        start, end = s.start, s.end
        chunk = text[start:end]
        append(Unit(i, start, end, chunk, chunk.lower(), s.section, s.block))
    return units


# --- rule application ------------------------------------------------------------------------

_TITLES = {
    "president": "President", "prime minister": "Prime Minister", "king": "King", "queen": "Queen",
    "emir": "Emir", "amir": "Amir", "sultan": "Sultan", "crown prince": "Crown Prince",
    "chancellor": "Chancellor", "premier": "Premier", "governor-general": "Governor-General",
    "governor general": "Governor-General", "supreme leader": "Supreme Leader",
    "grand duke": "Grand Duke", "prince": "Prince", "sheikh": "Sheikh",
    "chairman": "Chairman", "general secretary": "General Secretary",
    "chief executive": "Chief Executive", "taoiseach": "Taoiseach",
    "pope": "Pope", "emperor": "Emperor", "empress": "Empress",
    "ambassador": "Ambassador", "charge d'affaires": "Charge d'Affaires",
    "consul general": "Consul General", "consul": "Consul", "head of state": "Head of State",
    "state counsellor": "State Counsellor", "president of the government": "President of the Government",
    "president of the swiss confederation": "President of the Swiss Confederation",
    "president of the confederation": "President of the Swiss Confederation",
    "head of government": "Head of Government", "minister of state": "Minister of State",
    "chief minister": "Chief Minister", "first minister": "First Minister",
    "secretary of state": "Secretary of State", "captain regent": "Captain Regent",
    "captains regent": "Captain Regent", "captain-regent": "Captain Regent",
    "co-prince": "Co-prince", "coprince": "Co-prince", "vice president": "Vice President",
    "vice-president": "Vice President",
}


_SPACES = re.compile(r"\s+")
_AD_INTERIM = re.compile(r",?\s*(?:a\.\s?i\.|ad interim)$")


def canonical_title(text: str) -> str:
    key = _SPACES.sub(" ", text.strip().lower())
    key = key.replace("é", "e").replace("’", "'")
    key = _AD_INTERIM.sub("", key).strip(" ,")
    return _TITLES.get(key, text.strip())


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


_TRAILING_DIGITS = re.compile(r"\d+$")
_YEAR = re.compile(r"(1[789]\d\d|20\d\d)")
_TWO_DIGITS = re.compile(r"\b(\d\d)\b")


def convert(group: str, conv: str, raw: str) -> dict[str, Any] | None:
    """A matched group → the claim fields it states (None when it is not what it should be)."""
    name = _TRAILING_DIGITS.sub("", group) if group[-1:].isdigit() else group
    if conv == "date":
        iso = parse_date(raw)
        if iso is None:
            return None
        if name == "date":
            return {"year": int(iso[:4]), **({"date": iso} if len(iso) > 4 else {})}
        return {name: iso}
    if conv in ("year", "fiscal_year"):
        m = _YEAR.search(raw)
        if m:
            return {name: int(m[1])}
        m = _TWO_DIGITS.search(raw)  # "FY15"
        return {name: 2000 + int(m[1])} if m else None
    if conv == "money":
        money = nz.parse_money(raw)
        return {"value_usd": _number(money.value_usd)} if money else None
    if conv == "number":
        n = nz.parse_number(raw)
        return {name: _number(n)} if n is not None else None
    if conv == "ordinal":
        o = nz.parse_ordinal(raw)
        return {name: o} if o else None
    if conv == "share":
        s = nz.parse_share(raw)
        return {name: s} if s is not None else None
    if conv == "qualifier":
        q = nz.qualifier(raw)
        return {name: q} if q else None
    if conv == "phone":
        p = nz.phone_e164(raw)
        return {name: p} if p else None
    if conv == "country":
        iso2 = nz.country_iso2(raw)
        return {name: iso2} if iso2 else None
    if conv == "post":  # one country ("Peru") or several ("Spain and Andorra")
        iso2 = nz.country_iso2(raw)
        if iso2:
            return {name: iso2}
        several = country_list(raw)
        return {name: several} if several else None
    if conv == "countries":
        found = country_list(raw)
        return {name: found} if found else None
    if conv == "title":
        return {name: canonical_title(raw)}
    if conv in ("name", "text", "agency", "org"):
        cleaned = nz.clean_name(raw)
        return {name: cleaned} if cleaned else None
    return None


def country_list(text: str) -> list[str]:
    """"Antigua and Barbuda, Dominica, and Grenada" → ["AG", "DM", "GD"] (names kept whole)."""
    out: list[str] = []
    for part in re.split(r",\s*(?:and\s+)?|;\s*|\s+as\s+well\s+as\s+", text):
        part = part.strip().strip(".")
        if not part:
            continue
        iso2 = nz.country_iso2(part)
        if iso2 is None and " and " in part:  # "Dominica and Grenada", not "Antigua and Barbuda"
            subs = [nz.country_iso2(p) for p in part.split(" and ")]
            if all(subs):
                out.extend(s for s in subs if s)
                continue
        if iso2:
            out.append(iso2)
    return list(dict.fromkeys(out))


def apply(rule: Rule, unit: Unit, starts: Iterable[int] | None = None
          ) -> Iterable[tuple[re.Match[str], dict[str, Any]]]:
    """Every match of one rule in one unit, with its fields (constants, then groups).

    ``starts``: for anchored rules, the only offsets where a match may begin.
    The cheap checks run here, eagerly: most calls stop at them, and returning an empty tuple
    costs less than starting a generator that yields nothing.
    """
    # Rule.applies, inlined: this runs for every rule on every gated sentence
    triggers = rule.triggers
    if triggers:
        words = unit.words
        if words is not None and rule.indexed:  # the sentence's words are found already
            if rule.trigger_set.isdisjoint(words):
                return ()
        elif (triggers[0] not in unit.lower if len(triggers) == 1  # no map() for one word
              else not any(map(unit.lower.__contains__, triggers))):
            return ()
    if rule.section is not None and not (unit.section and section_matches(rule.section,
                                                                          unit.section)):
        return ()
    needs = rule.needs  # Rule.may_match
    if needs and (needs[0] not in unit.text if len(needs) == 1
                  else not any(map(unit.text.__contains__, needs))):
        return ()
    for more in rule.more_needs:
        if not any(map(unit.text.__contains__, more)):
            return ()
    if rule.gate is not None and (
            (rule.gate_needs and not any(map(unit.text.__contains__, rule.gate_needs)))
            or not rule.gate.search(unit.text)):
        return ()
    if rule.tail is not None and rule.tail.search(unit.text) is None:
        return ()
    return _matches(rule, unit, starts)


def _matches(rule: Rule, unit: Unit, starts: Iterable[int] | None
             ) -> Iterator[tuple[re.Match[str], dict[str, Any]]]:
    if starts is not None and rule.anchor:
        found = (rule.regex.match(unit.text, s) for s in starts)
        matches: Iterable[re.Match[str] | None] = found
    else:
        matches = rule.regex.finditer(unit.text)
    for m in matches:
        if m is None:
            continue
        fields: dict[str, Any] = dict(rule.fields)
        ok = True
        for group, conv in rule.groups.items():
            raw = m.group(group)
            if raw is None:
                continue
            got = convert(group, conv, raw)
            if got is None:
                ok = False
                break
            for key, value in got.items():
                fields.setdefault(key, value)
        if ok:
            yield m, fields


def span_of(unit: Unit, rule: Rule, m: re.Match[str]) -> tuple[int, int]:
    if rule.span == "match":
        return trim(unit.text, m.start(), m.end(), unit.start)
    return unit.start, unit.end


def trim(text: str, a: int, b: int, offset: int = 0) -> tuple[int, int]:
    """Offsets of text[a:b] without surrounding spaces or dangling punctuation, plus ``offset``."""
    while a < b and (text[a].isspace() or text[a] in ",;:"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",;:("):
        b -= 1
    return a + offset, b + offset


#: [drafts made, the budget, the document's name, the drafts while within the budget, the
#: distinct claims (finish()'s keys) once past it, the text's length (the budget's basis)] of the
#: extraction running in this context
_FOUND: ContextVar[list[Any] | None] = ContextVar("factsheet_drafts_found", default=None)


def draft(unit: Unit, type_: str, fields: dict[str, Any], span: tuple[int, int], confidence: float,
          rule: str) -> Draft:
    made = Draft(type_, fields, span[0], span[1], confidence, rule, unit.index)
    found = _FOUND.get()
    if found is not None:
        found[0] += 1
        if found[0] <= found[1]:  # within the budget however many are repeats: just kept
            found[3].append(made)
        else:  # past it in drafts: count the distinct claims (a repeat in its sentence is one)
            if found[4] is None:
                found[4] = {_key(d.type, d.fields, d.unit) for d in found[3]}
                found[3] = []
            keys: set[tuple[Any, ...]] = found[4]
            keys.add(_key(type_, fields, unit.index))
            if len(keys) > found[1]:  # the work budget's claims (factsheet/budget.py)
                DEFAULT_BUDGET.check_claims(len(keys), found[5], found[2], "claims or more")
    return made


# --- finishing -------------------------------------------------------------------------------

_SHEET_HEADINGS = re.compile(
    r"Bilateral\s+(?:Representation|Economic)|Membership\s+in\s+International|"
    r"U\.\s?S\.\s+Assistance\s+to|U\.\s?S\.\s?-.+Relations|Principal\s+U\.\s?S\.\s+Officials", re.I
)


def sheet_likelihood(document: Document) -> float:
    """1.0 for anything that looks like a sheet; a low factor for other texts (news, recipes)."""
    if document.title or document.kind != "unknown" or document.bureau:
        return 1.0
    if any(_SHEET_HEADINGS.search(s.heading) for s in document.sections):
        return 1.0
    if re.search(r"More information about .+ is available (?:on|from) the", document.text):
        return 1.0
    return 0.45


def _frozen(fields: dict[str, Any]) -> tuple[Any, ...]:
    """Claim fields as a hashable key (lists become tuples; cheaper than repr)."""
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else repr(v) if isinstance(v, dict) else v)
                        for k, v in fields.items()))


def _key(type_: str, fields: dict[str, Any], unit: int) -> tuple[Any, ...]:
    """What makes two drafts one claim: type, fields and sentence."""
    try:  # most fields are scalars: a plain tuple is the key
        key: tuple[Any, ...] = (type_, tuple(sorted(fields.items())), unit)
        hash(key)
    except TypeError:  # a list or dict among the values
        key = (type_, _frozen(fields), unit)
    return key


def _claim(**values: Any) -> Claim:
    """``Claim(**values)`` for every field, built at a third of the cost: the frozen dataclass's
    ``__init__`` calls ``object.__setattr__`` once per field; this fills its ``__dict__`` at once."""
    claim = object.__new__(Claim)
    claim.__dict__.update(values)
    return claim


def finish(document: Document, drafts: Iterable[Draft]) -> list[Claim]:
    """Drafts → claims: prior applied, duplicates dropped, sorted, invariants asserted."""
    prior = sheet_likelihood(document)
    best: dict[tuple[Any, ...], Draft] = {}
    for d in drafts:
        key = _key(d.type, d.fields, d.unit)
        if key not in best or d.confidence > best[key].confidence:
            best[key] = d
    claims = []
    text = document.text
    for d in sorted(best.values(), key=lambda d: (d.start, d.end, d.type)):
        quote = text[d.start : d.end]
        section = document.sentences[d.unit].section if d.unit < len(document.sentences) else None
        claims.append(_claim(
            type=d.type, country=document.country, fields=d.fields, span=(d.start, d.end),
            quote=quote, section=section, confidence=round(d.confidence * prior, 3), rule=d.rule,
        ))
    return claims

