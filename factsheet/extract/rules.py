"""Extraction rules as data: JSON tables under ``rules/``, validated, then compiled once.

A rules file belongs to one claim family::

    {"family": "relations",
     "tables": {"events": [ {rule}, ... ], "none": [ ... ]}}

A rule::

    {"id": "relations.established.basic",        # unique across all files
     "pattern": "established <<DIPLO>>",          # a regular expression; <<MACRO>> expands
     "confidence": 0.95,                          # 0 < c <= 1: how often the rule is right
     "type": "relations.established",             # optional: the claim type it yields
     "triggers": ["establish"],                   # optional: lower-case substrings, one needed
     "fields": {"flow": "two_way"},               # optional: constant fields
     "groups": {"year": "date"},                  # optional: named group → converter
     "section": "Representation",                 # optional: regex the section heading must match
     "gate": "\\bis\\s+the\\s+U\\.S\\.",              # optional: a cheap regex that must be found in the
                                                  # sentence first (for patterns that start with a
                                                  # name and backtrack at every capital letter)
     "anchor": "count",                           # optional: the pattern starts at a number found
                                                  # once per sentence (speed: tried only there)
     "flags": ["IGNORECASE"],                     # optional
     "note": "why it exists"}                     # optional

Every problem is reported with the rule's file and id, all at once, as a ``RuleError``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from pathlib import Path
from re import _compiler, _parser  # type: ignore[attr-defined]
from re import _constants as _const  # type: ignore[attr-defined]
from typing import Any, NamedTuple, Protocol

from ..dates import DATE_PATTERN
from ..errors import RuleError
from .normalize import MONEY, NUMBER_WORDS, QUALIFIER, SHARE

RULES_DIR = Path(__file__).parent / "rules"

CLAIM_TYPES = frozenset([
    "relations.established", "relations.recognized", "relations.severed", "relations.restored",
    "relations.none", "independence", "agreement", "leader", "trade", "investment", "assistance",
    "people", "membership", "ambassador", "embassy", "statistic",
])
CONVERTERS = frozenset([
    "date", "year", "money", "number", "share", "name", "text", "country", "countries", "phone",
    "org", "title", "qualifier", "ordinal", "fiscal_year", "agency", "post",
])
_KEYS: dict[str, type | tuple[type, ...]] = {
    "id": str, "pattern": str, "confidence": (int, float), "type": str, "triggers": list,
    "fields": dict, "groups": dict, "section": str, "flags": list, "note": str, "span": str,
    "anchor": str, "gate": str,
}
_REQUIRED = ("id", "pattern", "confidence")
_FLAGS = {"IGNORECASE": re.I, "MULTILINE": re.M, "DOTALL": re.S, "VERBOSE": re.X}


def _flags(rule: dict[str, Any]) -> int:
    """A rule's ``flags`` as re's bits (an unknown name counts for none: validation reports it)."""
    bits = 0
    for flag in rule.get("flags", []):
        bits |= _FLAGS.get(flag, 0)
    return bits

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_UPPER = "A-ZÀ-ÖØ-Þ"
# Arabic articles and kin joined by a hyphen ("al-Maliki", "el-Sisi", "bin-Laden") belong to the word.
_HYPHEN_PARTICLE = r"(?:(?:al|el|ad|ar|as|ash|at|az|an|ud|ul|bin|ibn|abu|ben|bel|ould|ag)[-‑])"
_NAME_WORD = (rf"(?:[{_UPPER}][a-zß-ÿ]?\.(?:[{_UPPER}]\.)*|{_HYPHEN_PARTICLE}?(?:Mc|Mac|O['’])?"
              rf"[{_UPPER}][\wß-ÿ'’]*(?:-(?:{_HYPHEN_PARTICLE})?[{_UPPER}]?[\wß-ÿ'’]+)*)")
_PARTICLE = r"(?:de|da|del|de\s+la|della|di|dos|das|do|du|van|von|der|den|bin|binti|bint|ibn|ben|abu|ould|wa|al|el|le|la|y|e|i|ter)"
#: what a colonial power held a country under ("British colonial rule", "a French protectorate"):
#: FROMPLACE reads it, and relations resolves it to the ruling country
COLONIAL_RULE = r"(?:rule|administration|control|occupation|protectorate|colony|mandate)"
MACROS: dict[str, str] = {
    "YEAR": r"(?:1[789]\d\d|20\d\d)",
    "MONTH": _MONTH,
    # Any prose date ("January 25, 2017", "25 January 2017", "July 2016", "2016"), no groups.
    "DATE": re.sub(r"\(\?P<\w+>", "(?:", DATE_PATTERN),
    "MONEY": MONEY,
    "SHARE": SHARE,
    "NUMWORDS": NUMBER_WORDS,
    # A count: "500,000", "1.5 million", "four million", "2,900".
    "COUNT": (r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(?:million|billion|thousand)\b)?"
              rf"|\b{NUMBER_WORDS}(?:\s+(?:million|billion|thousand)\b)?"),
    "QUAL": f"(?i:{QUALIFIER})",
    # A person's name: capitalized words, initials, particles ("Tamim bin Hamad Al Thani").
    "NAME": (rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)*{_NAME_WORD}){{1,6}}"
             r"(?:,?\s+(?:Jr\.|Sr\.))?"),
    # A name of one word or more, when a title in front of it vouches for it ("King Mswati III").
    "NAME1": rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)*{_NAME_WORD}){{0,6}}",
    # Longer titles first: "President of the Government" before "President", "Co-prince"
    # before "Prince" (the leftmost match wins, so "Co-prince" is never read as "Prince").
    "TITLE": (r"(?:[Pp]resident\s+of\s+the\s+(?:Government|Swiss\s+Confederation|Confederation)|"
              r"[Hh]ead\s+of\s+[Gg]overnment|[Hh]ead\s+of\s+[Ss]tate|[Mm]inister\s+of\s+[Ss]tate|"
              r"[Cc]hief\s+[Mm]inister|[Ff]irst\s+[Mm]inister|[Ss]ecretary\s+of\s+[Ss]tate|"
              r"[Cc]aptains?[- ][Rr]egent|[Cc]o-?[Pp]rince|"
              r"[Pp]resident|[Pp]rime\s+[Mm]inister|[Kk]ing|[Qq]ueen|[Ee]mir|[Aa]mir|[Ss]ultan|"
              r"[Pp]ope|[Ee]mperor|[Ee]mpress|"
              r"[Cc]rown\s+[Pp]rince|[Cc]hancellor|[Pp]remier|[Gg]overnor[- ][Gg]eneral|"
              r"[Ss]upreme\s+[Ll]eader|[Gg]rand\s+[Dd]uke|[Pp]rince|[Ss]heikh|[Cc]hairman|"
              r"[Gg]eneral\s+[Ss]ecretary|[Cc]hief\s+[Ee]xecutive|[Ss]tate\s+[Cc]ounsellor|[Tt]aoiseach)"),
    # The first letters of every <<TITLE>>: put in front of a title-first pattern, this lets the
    # engine skip other positions at once (a test keeps it in step with TITLE).
    "TITLESTART": r"(?=[PpHhMmCcFfSsKkQqEeAaGgTt])",
    # How every <<TITLE>> ends (its last word without the letter that may be a capital): a
    # rule's gate "<<TITLEEND>>\s*," is a literal scan that spares the rule's own where no title
    # is followed by a comma (a test keeps it in step with TITLE).
    "TITLEEND": (r"(?:overnment|onfederation|tate|egent|rince|resident|inister|ing|ueen|mir|ultan|"
                 r"ope|mperor|mpress|hancellor|remier|eneral|eader|uke|heikh|hairman|ecretary|"
                 r"xecutive|ounsellor|aoiseach)"),
    # A country or place: capitalized words joined by "and", "of", "the", hyphens.
    "PLACE": (r"(?:the\s+)?[A-Z][\w'’.-]*(?:\s+(?:and\s+|of\s+|the\s+|da\s+|de\s+)*"
              r"[A-Z][\w'’.-]*){0,5}"),
    # What a country became independent from: "Spain", "the Soviet Union", "Serbia and
    # Montenegro", "France and the United Kingdom", "a UN trusteeship", "a Belgian-administered
    # trusteeship", "a trusteeship administered by Australia", "British colonial rule", "a French
    # protectorate", "protectorate status".
    # A second conjunct is taken only when the phrase ends there (a date, punctuation), so
    # "from Spain and the United States recognized it" keeps "Spain".
    "FROMPLACE": (r"(?:(?:a|the)\s+)?[A-Z][\w'’]*(?:-administered)?\s+(?:colonial\s+)?"
                  rf"{COLONIAL_RULE}\b"
                  r"|(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:of\s+)?[A-Z][\w'’-]*){0,3}"
                  r"(?:\s+and\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:of\s+)?[A-Z][\w'’-]*){0,3}"
                  r"(?=\s+(?:in|on)\s|\s*[,.;)]|\s*$))?"
                  r"|(?:a|the)\s+(?:[A-Z][\w'’]*(?:\s+[A-Z][\w'’]*)?-administered\s+"
                  r"|(?:U\.\s?N\.|UN|United\s+Nations)[\w\s-]{0,40}?)?[Tt]rusteeship"
                  r"(?:\s+administered\s+by\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:and\s+(?:the\s+)?)?[A-Z][\w'’-]*){0,3})?"
                  r"|protectorate\s+status"),
    "US": r"(?:the\s+)?(?:United\s+States(?:\s+of\s+America)?|U\.\s?S\.(?:\s?A\.)?|US|USA)",
    "DIPLO": r"(?:full\s+|formal\s+|official\s+)?diplomatic\s+(?:relations|ties)",
    "APOS": r"['’]",
}
_MACRO = re.compile(r"<<([A-Z0-9]+)>>")


def expand(pattern: str) -> str:
    """Replace every ``<<MACRO>>`` with its regular expression (unknown names raise KeyError)."""
    return _MACRO.sub(lambda m: "(?:" + MACROS[m[1]] + ")", pattern)


@dataclass(frozen=True)
class Rule:
    id: str
    regex: re.Pattern[str]
    confidence: float
    family: str
    table: str
    type: str | None = None
    triggers: tuple[str, ...] = ()
    fields: dict[str, Any] = field(default_factory=dict)
    groups: dict[str, str] = field(default_factory=dict)
    section: re.Pattern[str] | None = None
    span: str = "sentence"
    anchor: str | None = None
    gate: re.Pattern[str] | None = None
    #: literals one of which every match contains (derived from the pattern; () when unknown)
    needs: tuple[str, ...] = ()
    #: the same for the gate: without one of them in a sentence, the gate cannot be found there
    gate_needs: tuple[str, ...] = ()
    #: a part every match ends with that starts with a plain word (derived; None when unknown):
    #: found by a fast literal scan, its absence spares a scan that tries every position
    tail: re.Pattern[str] | None = None
    #: ``triggers`` as a set, and whether they are among the words pipeline.Context finds in
    #: every sentence in one pass (true of the rules load() reads: see trigger_words())
    trigger_set: frozenset[str] = frozenset()
    indexed: bool = False
    #: further sets of literals, one of each of which every match contains (``needs`` is the
    #: most selective; these are the other parts of the pattern that need a literal)
    more_needs: tuple[tuple[str, ...], ...] = ()

    def may_match(self, text: str) -> bool:
        """False only when no match is possible: none of the literals every match contains is
        in ``text``, or the tail every match ends with is not (cheap tests that spare the engine
        a scan bound to fail)."""
        if self.needs and not any(map(text.__contains__, self.needs)):
            return False
        for more in self.more_needs:
            if not any(map(text.__contains__, more)):
                return False
        return self.tail is None or self.tail.search(text) is not None

    def applies(self, lowered: str, section: str | None) -> bool:
        """Cheap gate before the regular expression: a trigger word and the right section."""
        if self.triggers and not any(map(lowered.__contains__, self.triggers)):
            return False
        return not (self.section is not None and not (section and self.section.search(section)))


@dataclass(frozen=True)
class RuleSet:
    family: str
    tables: dict[str, tuple[Rule, ...]]
    #: per table, every trigger word of its rules once (built from ``tables``)
    _words: dict[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)
    #: per table, whether every rule's triggers are among the words found per sentence
    _indexed: dict[str, bool] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        words = {name: tuple(dict.fromkeys(t for rule in rules for t in rule.triggers))
                 for name, rules in self.tables.items()}
        object.__setattr__(self, "_words", words)
        object.__setattr__(self, "_indexed", {name: all(r.indexed for r in rules)
                                              for name, rules in self.tables.items()})

    def table(self, name: str) -> tuple[Rule, ...]:
        return self.tables.get(name, ())

    def candidates(self, name: str, lowered: str, section: str | None,
                   found: set[str] | None = None) -> list[Rule]:
        """The rules of a table that pass ``Rule.applies`` on a sentence, in table order.

        Each trigger word is looked for once per sentence, not once per rule that lists it, and
        the rules that fail never cost a call (most rules fail on most sentences). ``found``: the
        sentence's words already found (``Unit.words``), when they hold every trigger here.
        """
        rules = self.tables.get(name, ())
        if found is not None and self._indexed.get(name, False):
            present: set[str] = found
        else:
            present = set(filter(lowered.__contains__, self._words.get(name, ())))
        return [rule for rule in rules
                if (not rule.triggers or not present.isdisjoint(rule.triggers))
                and (rule.section is None or (section and section_matches(rule.section, section)))]


@lru_cache(maxsize=4096)
def section_matches(pattern: re.Pattern[str], section: str) -> bool:
    """A rule's section pattern against a heading (few headings, many sentences: cached)."""
    return pattern.search(section) is not None


def validate(data: Any, source: str) -> list[str]:
    """Every problem of one rules file, one line each (an empty list when it is valid)."""
    errors: list[str] = []
    if not isinstance(data, dict) or not isinstance(data.get("family"), str):
        return [f"{source}: the file must be an object with a 'family' name and 'tables'"]
    tables = data.get("tables")
    if not isinstance(tables, dict) or not tables:
        return [f"{source}: 'tables' must map table names to lists of rules"]
    for table, rules in tables.items():
        if not isinstance(rules, list):
            errors.append(f"{source}: table {table!r} must be a list of rules")
            continue
        for index, rule in enumerate(rules):
            errors.extend(_validate_rule(rule, f"{source}: {table}[{index}]"))
    return errors


def _validate_rule(rule: Any, where: str) -> list[str]:
    if not isinstance(rule, dict):
        return [f"{where}: a rule must be an object"]
    where = f"{where} ({rule.get('id', '?')})"
    errors = [f"{where}: missing {key!r}" for key in _REQUIRED if key not in rule]
    for key, value in rule.items():
        if key not in _KEYS:
            errors.append(f"{where}: unknown key {key!r} (allowed: {', '.join(sorted(_KEYS))})")
        elif not isinstance(value, _KEYS[key]) or isinstance(value, bool):
            errors.append(f"{where}: {key!r} has the wrong type ({type(value).__name__})")
    if errors:
        return errors
    conf = rule["confidence"]
    if not 0 < conf <= 1:
        errors.append(f"{where}: confidence {conf} must be in (0, 1]")
    if "type" in rule and rule["type"] not in CLAIM_TYPES:
        errors.append(f"{where}: unknown claim type {rule['type']!r}")
    if rule.get("anchor", "count") != "count":
        errors.append(f"{where}: anchor must be 'count'")
    if rule.get("span", "sentence") not in ("sentence", "match"):
        errors.append(f"{where}: span must be 'sentence' or 'match'")
    for trig in rule.get("triggers", []):
        if not isinstance(trig, str) or not trig or trig != trig.lower():
            errors.append(f"{where}: trigger {trig!r} must be a non-empty lower-case string")
    for flag in rule.get("flags", []):
        if flag not in _FLAGS:
            errors.append(f"{where}: unknown flag {flag!r}")
    leftover = re.search(r"<<[^<>]*>>", _MACRO.sub("", rule["pattern"]))
    if leftover:  # "<<TITLE_START>>" is not a macro name (A-Z, 0-9): it would match literally
        errors.append(f"{where}: {leftover.group(0)} is not a macro name (use A-Z and 0-9 only)")
    try:
        # compiled as compile_rules() will (re's cache then spares it the second time)
        regex = with_first_chars(PatternText(expand(rule["pattern"]), _flags(rule)))
    except KeyError as exc:
        return [*errors, f"{where}: unknown macro <<{exc.args[0]}>>"]
    except re.error as exc:
        return [*errors, f"{where}: pattern does not compile: {exc}"]
    for group, conv in rule.get("groups", {}).items():
        if group not in regex.groupindex:
            errors.append(f"{where}: group {group!r} is not in the pattern")
        if conv not in CONVERTERS:
            errors.append(f"{where}: unknown converter {conv!r} for group {group!r}")
    if "gate" in rule:
        try:
            re.compile(expand(rule["gate"]))
        except (KeyError, re.error) as exc:
            errors.append(f"{where}: gate pattern does not compile: {exc}")
    if "section" in rule:
        try:
            re.compile(rule["section"])
        except re.error as exc:
            errors.append(f"{where}: section pattern does not compile: {exc}")
    return errors


def compile_rules(data: dict[str, Any], source: str) -> RuleSet:
    """Validate then compile one rules file; RuleError lists every bad rule."""
    try:
        return _compile_rules(data, source)
    finally:
        # the parse trees the analyses share are only needed here: kept, they were some
        # 100,000 objects that every full garbage collection of a long process walked again
        _parse.cache_clear()


def _compile_rules(data: dict[str, Any], source: str) -> RuleSet:
    errors = validate(data, source)
    if errors:
        raise RuleError(
            f"{len(errors)} bad rule(s) — fix them in the rules file: " + "; ".join(errors)
        )
    family = data["family"]
    tables: dict[str, tuple[Rule, ...]] = {}
    seen: set[str] = set()
    for table, rules in data["tables"].items():
        compiled = []
        for rule in rules:
            if rule["id"] in seen:
                raise RuleError(f"{source}: rule id {rule['id']!r} is used twice: make it unique.")
            seen.add(rule["id"])
            flags = _flags(rule)
            # the analyses read the pattern's text; it is compiled once, in its final form
            text = PatternText(expand(rule["pattern"]), flags)
            gate = re.compile(expand(rule["gate"]), flags) if "gate" in rule else None
            needs = required_literals(text)
            compiled.append(Rule(
                id=rule["id"], regex=with_first_chars(text),
                confidence=float(rule["confidence"]), family=family, table=table,
                type=rule.get("type"), triggers=tuple(rule.get("triggers", ())),
                fields=dict(rule.get("fields", {})), groups=dict(rule.get("groups", {})),
                section=re.compile(rule["section"], re.I) if "section" in rule else None,
                span=rule.get("span", "sentence"), anchor=rule.get("anchor"), gate=gate,
                needs=needs, tail=required_tail(text),
                gate_needs=required_literals(gate) if gate else (),
                trigger_set=frozenset(rule.get("triggers", ())),
                more_needs=tuple(n for n in required_literal_sets(text) if n != needs),
            ))
        tables[table] = tuple(compiled)
    return RuleSet(family, tables)


class Source(Protocol):
    """What the pattern analyses read: a compiled pattern, or its text and flags before it is
    compiled (so that a rule's pattern is compiled once, in its final form)."""

    @property
    def pattern(self) -> str: ...
    @property
    def flags(self) -> int: ...


class PatternText(NamedTuple):
    pattern: str
    flags: int


@lru_cache(maxsize=1024)
def _parse(pattern: str, flags: int) -> Any:
    """The parsed pattern, shared by the analyses below (parsing is most of compiling); they
    only read it. compile_rules() empties the cache when a rules file is compiled."""
    return _parser.parse(pattern, flags)


def required_literals(regex: Source) -> tuple[str, ...]:
    """Literals one of which every match of ``regex`` contains, or () when none is certain.

    Read off the parsed pattern: a run of plain characters outside any optional part (a
    look-ahead's included), or for an alternation the union of what each branch needs. Case-insensitive parts are skipped (case
    folding is not plain substring search). Short literals are dropped: they prune nothing.
    """
    if regex.flags & re.IGNORECASE:
        return ()
    try:
        found = _needs(_parse(regex.pattern, regex.flags))
    except Exception:  # an internal parser change: do without the shortcut
        return ()
    if not found or min(map(len, found)) < 3:
        return ()
    return tuple(sorted(found))


def required_literal_sets(regex: Source) -> list[tuple[str, ...]]:
    """Every part of the pattern that needs a literal, as ``required_literals`` gives one: the
    parts of a sequence are each matched, so each set is a condition of its own (a sentence
    with "Ambassador to" but none of "responsible", "covers", "oversees" … cannot match a rule
    that needs both). Same exclusions; a set with a literal shorter than 4 is dropped (it is in
    most sentences: the test would cost more than it spares)."""
    if regex.flags & re.IGNORECASE:
        return []
    try:
        seq = _parse(regex.pattern, regex.flags)
    except Exception:  # an internal parser change: do without the shortcut
        return []
    found: list[set[str]] = []
    _needed_parts(seq, found)
    out: list[tuple[str, ...]] = []
    for cand in found:
        if cand and min(map(len, cand)) >= 4 and tuple(sorted(cand)) not in out:
            out.append(tuple(sorted(cand)))
    return out


def _needed_parts(seq: Any, found: list[set[str]]) -> None:
    """Append what each part of a sequence needs (runs of plain characters; the union over an
    alternation's branches; the parts of a group, of a repeat taken at least once, of a
    look-ahead) to ``found``."""
    run: list[str] = []
    for op, av in seq:
        if op is _const.LITERAL:
            run.append(chr(av))
            continue
        if run:
            found.append({"".join(run)})
            run = []
        if op is _const.BRANCH:
            branches = [_needs(b) for b in av[1]]
            if all(branches):
                found.append(set().union(*[b for b in branches if b]))
        elif op is _const.SUBPATTERN:
            if not av[1] & re.IGNORECASE:
                _needed_parts(av[3], found)
        elif op in (_const.MAX_REPEAT, _const.MIN_REPEAT, _const.POSSESSIVE_REPEAT):
            if av[0] >= 1:
                _needed_parts(av[2], found)
        elif op is _const.ATOMIC_GROUP:
            _needed_parts(av, found)
        elif op is _const.ASSERT and av[0] == 1:
            _needed_parts(av[1], found)
    if run:
        found.append({"".join(run)})


_SPECIAL = frozenset(".^$*+?{}[]\\|()")
_QUANTIFIER = re.compile(r"[*+?]|\{\d*,?\d*\}")


def required_tail(regex: Source, min_run: int = 3) -> re.Pattern[str] | None:
    """A regex every match of ``regex`` contains (so: no match without it), or None.

    ``regex`` is a sequence of parts; any ending of that sequence matches inside every match of
    the whole (concatenation; look-arounds see the same text). The ending kept is the longest
    one that starts with a run of ``min_run`` plain characters, so the engine finds it with a
    literal scan instead of trying the whole pattern at every position. None for a pattern with
    an alternation at its top level, case-insensitive or verbose flags, or back-references, and
    for an ending with a positive look-behind or a ``\\B``.
    """
    if regex.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    parts = _top_level_parts(regex.pattern)
    if not parts:
        return None
    for i in range(1, len(parts)):  # the earliest start is the longest ending
        run = parts[i : i + min_run]
        if len(run) == min_run and all(plain for _, plain in run):
            ending = "".join(text for text, _ in parts[i:])
            if any(bad in ending for bad in ("(?P=", "(?(", "(?<=", "\\B")):
                # back-references; and what could look before a clause's start: may_match()
                # gets a copy of the clause, where nothing lies before its first character
                return None
            try:
                return re.compile(ending, regex.flags)
            except re.error:  # a back-reference to a group the ending lacks
                return None
    return None


def _top_level_parts(pattern: str) -> list[tuple[str, bool]] | None:
    """The pattern cut into its top-level parts (an atom and its quantifier), each with whether
    it is one plain character matched once; None for a top-level alternation or a flag group."""
    parts: list[tuple[str, bool]] = []
    i, n = 0, len(pattern)
    while i < n:
        start, c = i, pattern[i]
        if c == "|" or c == ")":
            return None
        if c == "\\":
            if i + 1 >= n:
                return None
            nxt = pattern[i + 1]
            if nxt.isdigit() or nxt in "gNxuU":  # back-references and escapes with arguments
                return None
            i += 2
            plain = not nxt.isalnum()  # "\." is a plain dot, "\s" a class
        elif c == "[":
            i = _class_end(pattern, i)
            plain = False
        elif c == "(":
            depth, j = 0, i
            while j < n:
                ch = pattern[j]
                if ch == "\\":
                    j += 2
                    continue
                if ch == "[":
                    j = _class_end(pattern, j)
                    continue
                depth += (ch == "(") - (ch == ")")
                j += 1
                if depth == 0:
                    break
            if depth:
                return None
            group = pattern[i:j]
            if re.match(r"\(\?[aiLmsux]+\)", group):  # a global flag group changes everything after
                return None
            i, plain = j, False
        else:
            i += 1
            plain = c not in _SPECIAL
        q = _QUANTIFIER.match(pattern, i)
        if q and q.group() != "{}":
            i = q.end()
            if i < n and pattern[i] in "?+":  # lazy, possessive
                i += 1
            plain = False
        parts.append((pattern[start:i], plain))
    return parts


def _class_end(pattern: str, i: int) -> int:
    """The index after the character class that opens at ``i``."""
    j = i + 1
    if j < len(pattern) and pattern[j] == "^":
        j += 1
    if j < len(pattern) and pattern[j] == "]":
        j += 1
    while j < len(pattern) and pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j + 1


def _needs(seq: Any) -> set[str] | None:
    best: set[str] | None = None
    run: list[str] = []

    def consider(cand: set[str] | None) -> None:
        nonlocal best
        if cand and (best is None or min(map(len, cand)) > min(map(len, best))):
            best = cand

    for op, av in seq:
        if op is _const.LITERAL:
            run.append(chr(av))
            continue
        if run:  # anything else (a class, an anchor, a lookaround) ends the run
            consider({"".join(run)})
            run = []
        if op is _const.BRANCH:
            branches = [_needs(b) for b in av[1]]
            if all(branches):
                consider(set().union(*[b for b in branches if b]))
        elif op is _const.SUBPATTERN:
            if not av[1] & re.IGNORECASE:
                consider(_needs(av[3]))
        elif op in (_const.MAX_REPEAT, _const.MIN_REPEAT, _const.POSSESSIVE_REPEAT):
            if av[0] >= 1:
                consider(_needs(av[2]))
        elif op is _const.ATOMIC_GROUP:
            consider(_needs(av))
        elif op is _const.ASSERT and av[0] == 1:
            # a look-ahead's text lies in the searched text too (after the match's start, before
            # the end the search is given); a look-behind's may lie before where a search starts
            consider(_needs(av[1]))
    if run:
        consider({"".join(run)})
    return best


@cache
def load(family: str) -> RuleSet:
    """The compiled rules of one family (``rules/<family>.json``), cached."""
    path = RULES_DIR / f"{family}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RuleError(f"no rules file for family {family!r}: expected {path}") from None
    except json.JSONDecodeError as exc:
        raise RuleError(f"{path.name} is not valid JSON (line {exc.lineno}): fix the file.") from None
    rs = compile_rules(data, path.name)
    # the pipeline finds every trigger of these files per sentence at once (trigger_words());
    # a trigger with a sigma is left to the substring tests: lower-casing Σ depends on what
    # follows it, so a clause's lower case is not always a slice of its sentence's (trade.py)
    return RuleSet(rs.family, {name: tuple(replace(r, indexed=not any("σ" in t or "ς" in t
                                                                      for t in r.triggers))
                                           for r in table)
                               for name, table in rs.tables.items()})


@cache
def trigger_words() -> frozenset[str]:
    """The trigger words of every rules file: the pipeline looks for them all in one pass."""
    return frozenset(t for family in all_families() for table in load(family).tables.values()
                     for rule in table for t in rule.triggers)


def all_families() -> list[str]:
    return sorted(p.stem for p in RULES_DIR.glob("*.json"))


# --- a first-character look-ahead --------------------------------------------------------------
#
# A pattern that opens with optional parts ("(?:following\s+)?(?:the\s+)?[A-Z]…") has no literal
# or character class the engine can scan for, so a search tries the whole pattern at every
# position of the sentence. Put in front of it, a look-ahead on the characters a match can start
# with makes most positions fail at their first test (a rule scan of a 200-character sentence
# went from 34 to 19 µs; agreement mentions 2-3x). The class is read off the parsed pattern and
# errs on the wide side: whatever it cannot tell about, it gives up on, and the pattern is left
# as it is. Patterns the engine can already scan for (a literal or a class first) and those
# opening with "^" or "\b" are left alone: there the look-ahead costs more than it spares.

_CATEGORY_CLASS = {
    _const.CATEGORY_DIGIT: r"\d", _const.CATEGORY_NOT_DIGIT: r"\D",
    _const.CATEGORY_SPACE: r"\s", _const.CATEGORY_NOT_SPACE: r"\S",
    _const.CATEGORY_WORD: r"\w", _const.CATEGORY_NOT_WORD: r"\W",
}
#: classes so wide that a look-ahead on them would spare next to nothing
_TOO_WIDE = frozenset([r"\D", r"\S", r"\W"])


def _class_char(code: int) -> str:
    c = chr(code)
    return "\\" + c if c in "\\]^-[" else c


def _first(seq: Any) -> tuple[set[str] | None, bool]:
    """(the class items a match of ``seq`` can start with, whether ``seq`` can match empty);
    (None, _) when that cannot be told."""
    items: set[str] = set()
    for op, av in seq:
        got, nullable = _first_of(op, av)
        if got is None:
            return None, False
        items |= got
        if not nullable:
            return items, False
    return items, True


def _first_of(op: Any, av: Any) -> tuple[set[str] | None, bool]:
    if op is _const.LITERAL:
        return {_class_char(av)}, False
    if op is _const.IN:
        out = set()
        for kind, value in av:
            if kind is _const.LITERAL:
                out.add(_class_char(value))
            elif kind is _const.RANGE:
                out.add(f"{_class_char(value[0])}-{_class_char(value[1])}")
            elif kind is _const.CATEGORY and value in _CATEGORY_CLASS:
                out.add(_CATEGORY_CLASS[value])
            else:  # a negated class, a Unicode category: not told
                return None, False
        return out, False
    if op in (_const.AT, _const.ASSERT, _const.ASSERT_NOT):
        return set(), True  # zero width: the match starts with what follows
    if op is _const.BRANCH:
        items: set[str] = set()
        nullable = False
        for branch in av[1]:
            got, empty = _first(branch)
            if got is None:
                return None, False
            items |= got
            nullable = nullable or empty
        return items, nullable
    if op is _const.SUBPATTERN:
        if av[1] or av[2]:  # scoped flags, "(?i:…)": not told
            return None, False
        return _first(av[3])
    if op in (_const.MAX_REPEAT, _const.MIN_REPEAT, _const.POSSESSIVE_REPEAT):
        got, empty = _first(av[2])
        return got, empty or av[0] == 0
    if op is _const.ATOMIC_GROUP:
        return _first(av)
    return None, False  # any character, a back-reference, a conditional: not told


def first_char_class(pattern: str, flags: int = 0) -> str | None:
    """``[…]``: the characters every match of ``pattern`` starts with, or None (the pattern
    can match empty, or a start cannot be told, or the class would admit nearly everything)."""
    if flags & re.VERBOSE:
        return None
    try:
        parsed = _parse(pattern, flags)
        if _compiler._get_literal_prefix(parsed, flags)[0] or _compiler._get_charset_prefix(parsed, flags):
            return None  # the engine scans for that already, faster than a look-ahead can
        if parsed.data and parsed.data[0][0] in (_const.AT, _const.ASSERT):
            # "^…" is tried at one position only, "\b…" fails at most positions at less cost
            # than a look-ahead (measured: no gain), and a look-ahead of its own is kept
            return None
        items, nullable = _first(parsed)
    except Exception:  # an internal parser change: do without the shortcut
        return None
    if items is None or nullable or not items or items & _TOO_WIDE:
        return None
    return "[" + "".join(sorted(items)) + "]"


def with_first_chars(regex: Source) -> re.Pattern[str]:
    """The pattern compiled behind a look-ahead on the characters its matches start with (same
    matches, same groups, fewer positions tried), or as it is when no such class is known."""
    cls = first_char_class(regex.pattern, regex.flags)
    if cls is not None:
        fast = f"(?={cls})(?:{regex.pattern})"
        try:
            return re.compile(fast, regex.flags)
        except re.error:  # a flag group that must open the pattern
            pass
    return re.compile(regex.pattern, regex.flags)
