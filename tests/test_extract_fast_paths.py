"""The extractor's fast paths give exactly what the plain forms they replace give.

Each speedup keeps the slow form beside it (a regex, a comprehension) as the reference; these
tests compare the two on the project's sheets and on random strings built from the characters
and words that trip them (hedges, number words, white space of every kind, case).
"""

from __future__ import annotations

import random
import re
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from factsheet.extract.pipeline import Unit
    from factsheet.model import Document
from conftest import EXAMPLE, FIXTURES

from factsheet import read
from factsheet.extract import people

WORDS = ["some", "SOME", "Some", "about", "Approx.", "approx. ", "over", "one", "One", "twenty-five",
         "2,000", "1.5", "million", "in excess of", "x", "-", "ten", "tens", "at least", "nearly",
         "ſome", "estimated at", "an estimated", "an", ".", ",", "(", "'", "students", "some1",
         "oversome", "at", "least"]
SPACES = ["", " ", "  ", "\n", "\u00a0", "\t"]


def _random_texts(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(WORDS) + rng.choice(SPACES) for _ in range(rng.randint(1, 14)))
            for _ in range(n)]


def _sentences() -> list[str]:
    texts = []
    for path in [EXAMPLE, *sorted((FIXTURES / "sheets").glob("*.txt"))]:
        doc = read(path)
        texts.extend(doc.text[s.start : s.end] for s in doc.sentences)
    return texts


@pytest.mark.parametrize("source", ["sheets", "random"])
def test_count_starts_are_the_starts_of_the_count_regex(source: str) -> None:
    texts = _sentences() if source == "sheets" else _random_texts(11, 5000)
    assert texts
    starts = 0
    for text in texts:
        want = [m.start() for m in people._COUNT_START.finditer(text)]
        assert people.count_starts(text) == want, text
        starts += len(want)
    assert starts > 0  # the inputs do hold counts: the comparison is not of empty lists


def test_count_starts_take_the_hedge_only_when_white_space_joins_it_to_the_number() -> None:
    text = "Some 5,000 students and about\u00a0twenty-five others, over-\n3 and approx.4"
    want = [m.start() for m in people._COUNT_START.finditer(text)]
    assert people.count_starts(text) == want
    assert [text[i : i + 4] for i in want] == ["Some", "abou", "3 an", "4"]
    assert re.match(r"\w", text[want[0]])


def test_the_year_regex_written_for_speed_finds_what_the_plain_one_finds() -> None:
    from factsheet.extract import leaders

    rng = random.Random(5)
    pieces = ["1", "2", "0", "9", "8", "s", " ", "a", "_", "é", "\u0663", "x", "19", "20", "1999",
              "2001s", "1800", "2100", "-"]
    texts = [*_sentences(), *("".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
                              for _ in range(20000))]
    texts.append("in 1999 and 19\u0663\u0663")  # a digit of another script sorts after "9"
    found = 0
    for text in texts:
        want = leaders._YEARS_PLAIN.findall(text)
        assert leaders.latest_year(text) == max(map(int, want), default=None), text
        found += len(want)
    assert found > 100


def test_every_rule_match_contains_its_tail() -> None:
    """The tail is a necessary condition: a rule that matches a sentence finds its tail in it."""
    from factsheet.extract import rules

    texts = _sentences()
    tails = 0
    matched = 0
    for family in rules.all_families():
        for table in rules.load(family).tables.values():
            for rule in table:
                if rule.tail is None:
                    continue
                tails += 1
                for text in texts:
                    if rule.regex.search(text):
                        matched += 1
                        assert rule.tail.search(text), (rule.id, text)
                        assert rule.may_match(text)
    assert tails > 20 and matched > 20  # the rules do have tails, and they are exercised


@pytest.mark.parametrize(("pattern", "tail"), [
    (r"(?:\d+\s+)?people\s+(?:live|work)", r"people\s+(?:live|work)"),
    (r"\b[A-Z]\w+ joined\b", r" joined\b"),
    (r"(?P<n>\d+) cats? sat", r" cats? sat"),    # " ca" starts the longest ending
    (r"x(?:a|b)yz", None),                       # no run of three plain characters after the start
    (r"abc\d+", None),                           # the run starts the pattern: nothing to spare
    (r"\d+ (?:one|two) three|four", None),       # a top-level alternation
    (r"(\w+) and \1", None),                     # a back-reference
    (r"\w+\.\.\.end", r"\.\.\.end"),
    (r"[a\]]+ the end", r" the end"),
])
def test_required_tail(pattern: str, tail: str | None) -> None:
    from factsheet.extract import rules

    got = rules.required_tail(re.compile(pattern))
    assert (got.pattern if got else None) == tail
    assert rules.required_tail(re.compile(pattern, re.I)) is None


def test_a_tail_that_could_look_before_a_clause_is_not_kept() -> None:
    """trade.py tests may_match() on a copy of a clause and runs the regex on the whole
    sentence from the clause's start: a look-behind there sees what the copy lacks."""
    from factsheet.extract import rules

    pattern = re.compile(r"\d+ million(?<=\$\d{3} million) dollars")
    assert pattern.search("cost $100 million dollars", 6)
    assert rules.required_tail(pattern) is None
    assert rules.required_tail(re.compile(r"\d+ million\B dollars")) is None
    assert rules.required_tail(re.compile(r"\d+ million(?<!\$\d{3} million) dollars"))  # kept


def test_literals_of_a_look_ahead_are_needed_those_of_a_look_behind_are_not() -> None:
    from factsheet.extract import rules

    assert rules.required_literals(re.compile(r"\b[Aa]n?\s+(?=\w+ since)")) == (" since",)
    assert rules.required_literals(re.compile(r"(?<=since )\d+")) == ()
    assert rules.required_literals(re.compile(r"\d+(?! since)")) == ()


def test_a_sentence_end_read_off_the_end_is_the_regex_one() -> None:
    from factsheet.extract import assistance

    rng = random.Random(9)
    pieces = ["a", ".", "!", "?", '"', "'", "”", "’", ")", " ", "\n", "\u00a0", "\t", "..", "x."]
    texts = ["", *_sentences(), *("".join(rng.choice(pieces) for _ in range(rng.randint(0, 7)))
                                  for _ in range(20000))]
    ends = 0
    for text in texts:
        want = re.search(r"[.!?][\"'”’)]?\s*$", text) is not None
        assert assistance._ends_sentence(text) == want, repr(text)
        ends += want
    assert 0 < ends < len(texts)


def test_clean_name_gives_what_its_regex_form_gives() -> None:
    from factsheet.extract import normalize as nz

    rng = random.Random(13)
    pieces = ["U.S.", "-", " ", "  ", "\n", "\u00a0", "\u2003", "\x1c", "Peru", "TPA", ",", ";", ":",
              "a", "\u00e9", "-\u00a0", " -Z", "x.-"]
    texts = [*_sentences(), *("".join(rng.choice(pieces) for _ in range(rng.randint(0, 9)))
                              for _ in range(20000))]
    changed = 0
    for text in texts:
        want = nz._clean_name_plain(text)
        assert nz.clean_name(text) == want, repr(text)
        changed += want != text
    assert changed > 1000


@pytest.mark.parametrize("source", ["sheets", "random"])
def test_gated_units_are_those_holding_a_gate_word(source: str, monkeypatch: pytest.MonkeyPatch
                                                   ) -> None:
    """Context.gated, with the automaton and with its str.find fallback, is the plain
    comprehension; also where lower-casing changes a text's length ("İ") and for a new gate."""
    from factsheet.extract import agreements, assistance, leaders, pipeline, relations
    from factsheet.model import Document, Sentence

    gates = [agreements._GATE, assistance._GATE, leaders._GATE, relations._GATE,
             ("zz", " act", "aid", "İ", "i̇d")]
    if source == "sheets":
        docs = [read(p) for p in [EXAMPLE, *sorted((FIXTURES / "sheets").glob("*.txt"))]]
    else:
        rng = random.Random(17)
        pieces = ["aid", "said", " act", "act", "fact", "İ", "İd", "Treaty", "king", "k", "ing", " ",
                  "\n", ".", "relation", "RELATIONS", "é", "z", "accord"]
        docs = []
        for _ in range(300):
            parts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
                     for _ in range(rng.randint(1, 6))]
            text = " ".join(parts)
            sentences, at = [], 0
            for part in parts:
                sentences.append(Sentence(start=at, end=at + len(part), block=0))
                at += len(part) + 1
            docs.append(Document(text=text, sha256="", sentences=tuple(sentences)))
    hits = 0
    for doc in docs:
        units = pipeline.make_units(doc)
        for gate in gates:
            want = [u.index for u in units if any(w in u.lower for w in gate)]
            assert [u.index for u in pipeline.Context(doc, units).gated(gate)] == want
            assert [u.index for u in pipeline.Context(doc, units)._gated_by_find(gate)] == want
            hits += len(want)
    assert hits > 50
    if pipeline.ahocorasick is not None:  # the fallback is what runs without the package
        monkeypatch.setattr(pipeline, "ahocorasick", None)
        doc = docs[0]
        units = pipeline.make_units(doc)
        want = [u.index for u in units if any(w in u.lower for w in gates[0])]
        assert [u.index for u in pipeline.Context(doc, units).gated(gates[0])] == want


def _units_with_words(doc: Document) -> list[Unit]:
    """The document's units with ``Unit.words`` set (by the automaton pass of ``gated``)."""
    from factsheet.extract import pipeline

    units = pipeline.make_units(doc)
    pipeline.Context(doc, units).gated(("relation",))
    assert all(unit.words is not None for unit in units)
    return units


def test_found_words_hold_every_trigger_and_apply_agrees_with_or_without_them() -> None:
    """Unit.words (the automaton's pass) holds each trigger a sentence contains, so apply() and
    RuleSet.candidates give with it what the substring tests give without it."""
    from factsheet.extract import pipeline, rules

    if pipeline.ahocorasick is None:
        pytest.skip("ahocorasick-rs is not installed: Unit.words is never set")
    docs = [read(p) for p in [EXAMPLE, *sorted((FIXTURES / "sheets").glob("*.txt"))]]
    triggers = rules.trigger_words()
    tables = [(rs, name, table) for family in rules.all_families()
              for rs in [rules.load(family)] for name, table in rs.tables.items()]
    assert all(rule.indexed for _, _, table in tables for rule in table)
    matched = 0
    for doc in docs:
        for unit in _units_with_words(doc):
            assert {t for t in triggers if t in unit.lower} <= unit.words
            plain = pipeline.Unit(unit.index, unit.start, unit.end, unit.text, unit.lower,
                                  unit.section, unit.block)
            for rs, name, table in tables:
                assert (rs.candidates(name, unit.lower, unit.section, unit.words)
                        == rs.candidates(name, unit.lower, unit.section))
                for rule in table:
                    got = [m.span() for m, _ in pipeline.apply(rule, unit)]
                    assert got == [m.span() for m, _ in pipeline.apply(rule, plain)], rule.id
                    matched += len(got)
    assert matched > 100


def test_every_rule_match_holds_a_literal_of_each_needed_set() -> None:
    """Rule.more_needs are necessary conditions: each match contains one literal of every set."""
    from factsheet.extract import rules

    texts = _sentences()
    sets = matched = 0
    for family in rules.all_families():
        for table in rules.load(family).tables.values():
            for rule in table:
                sets += len(rule.more_needs)
                for text in texts:
                    for m in rule.regex.finditer(text):
                        matched += bool(rule.more_needs)
                        for need in rule.more_needs:
                            assert any(lit in text[m.start():] for lit in need), (rule.id, need, text)
                        assert rule.may_match(text)
    assert sets > 20 and matched > 20


@pytest.mark.parametrize(("pattern", "sets"), [
    (r"Ambassador to [A-Z]\w+ (?:oversees|covers) trade", [("Ambassador to ",), ("covers", "oversees"),
                                                           (" trade",)]),
    (r"(?:the )?Embassy(?: in \w+)? opened", [("Embassy",), (" opened",)]),
    (r"(?i:Embassy) opened", [(" opened",)]),          # a case-insensitive part needs nothing
    (r"x(?=\s+(?:arrived|presented))", [("arrived", "presented")]),  # a look-ahead's text
    (r"(?<=since )\d+ years", [(" years",)]),            # not a look-behind's
    (r"(?:\w+ ){1,3}treaty", [("treaty",)]),
])
def test_required_literal_sets(pattern: str, sets: list[tuple[str, ...]]) -> None:
    from factsheet.extract import rules

    assert rules.required_literal_sets(re.compile(pattern)) == sets
    assert rules.required_literal_sets(re.compile(pattern, re.I)) == []


def test_a_hedge_before_an_amount_is_the_regex_one() -> None:
    from factsheet.extract import normalize as nz
    from factsheet.extract import trade

    rng = random.Random(21)
    pieces = [*sorted(nz.QUALIFIERS), "ABOUT", "Some", "x", "some1", "handsome", " ", "  ", "\n",
              "\u00a0", "\t", ",", "(", "$5", "US$ 3", "$", "."]
    texts = [*_sentences(), *("".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
                              for _ in range(20000))]
    hedged = 0
    for text in texts:
        for at in range(len(text) + 1):
            if at < len(text) and text[at] != "$":
                continue  # where an amount may start (and the end of the text)
            want = trade._QUAL_BEFORE.search(text, max(0, at - 30), at)
            got = trade._qual_before(text, at)
            assert (got.span(), got["qual"]) == (want.span(), want["qual"]) if want else got is None, \
                (text, at)
            hedged += want is not None
    assert hedged > 1000


def test_trade_per_sentence_forms_are_the_per_amount_ones() -> None:
    """trade.py's work done once per sentence (the flow rules the sentence's words leave, the
    year after each amount) gives what the per-amount forms give; scope rules tested by their
    literals first find what their regexes find."""
    from factsheet.extract import pipeline, rules, trade

    if pipeline.ahocorasick is None:
        pytest.skip("ahocorasick-rs is not installed: Unit.words is never set")
    rs = rules.load("trade")
    dense = ("U.S. exports to Peru were $2 billion in 2015, and imports from Peru were $3.1 billion "
             "(2016); total trade of goods and services reached $9 billion, while the U.S. deficit "
             "was $1 billion in 2014.")
    docs = [read(p) for p in [EXAMPLE, *sorted((FIXTURES / "sheets").glob("*.txt"))]]
    docs.append(read(("U.S. Relations With Peru\n\n" + " ".join([dense] * 3)).encode(), force=True))
    year_after = rs.table("year")[0]
    assert year_after.id == "trade.year.after"
    amounts = 0
    for doc in docs:
        for unit in _units_with_words(doc):
            for table in (rs.table("flows"), trade._lookups(rs).investment):
                plain = tuple(r for r in table if not (r.triggers and r.indexed
                                                       and r.trigger_set.isdisjoint(unit.words)))
                assert trade._in_sentence(table, unit.words) == plain
                assert trade._in_sentence(table, unit.words) == plain  # asked again, the same answer
            for mention in trade._mentions(unit, rs):
                want = year_after.regex.match(unit.text, mention.end)
                got = mention.year_after
                assert (got.span() if got else None) == (want.span() if want else None)
                before = unit.text[mention.seg_start:mention.start]
                for rule in rs.table("scopes"):
                    if rule.regex.search(before):
                        assert rule.may_match(before), (rule.id, before)
                amounts += 1
            if rs.table("day")[0].regex.search(unit.text):  # trade's "da" gate on a period
                assert "da" in unit.lower
    for text in ("A DAY", "daİly", "Per  Day", "DAILY"):
        assert rs.table("day")[0].regex.search(text) and "da" in text.lower()
    assert amounts >= 12


@pytest.mark.parametrize(("pattern", "flags", "cls"), [
    (r"(?:\bafter\s+)?(?:the\s+)?[A-Z]\w+ left", 0, "[A-Zat]"),   # optional parts: their starts too
    (r"(?:two|both)\s+countries|[Bb]ilateral", 0, "[Bbt]"),       # each branch's start
    (r"two\s+countries|bilateral", 0, None),                       # branches of literals: scanned already
    (r"[A-Z]\w+ left", 0, None),                                   # a class first: scanned already
    (r"(?:(?:two|both)\s+)?countries", 0, "[bct]"),
    (r"(?:\d{4}\s+)?independence", 0, r"[\di]"),
    (r"(?:x\s+)?[^a]bc", 0, None),                                 # a negated class: not told
    (r"(?:x\s+)?.bc", 0, None),                                    # any character: not told
    (r"(?:ab)?", 0, None),                                         # can match empty
    (r"^(?:x\s+)?abc", 0, None),                                   # "^": one position only
    (r"(?=[ab])(?:x\s+)?abc", 0, None),                            # a look-ahead of its own
    (r"(?:x\s+)?\S+", 0, None),                                    # too wide to spare anything
    (r"(?i:x\s+)?abc", 0, None),                                   # scoped flags: not told
    (r"(?:x\s+)?abc", re.VERBOSE, None),
    (r"\b(?:x\s+)?abc", 0, None),                                 # "\b" first: no gain measured
    (r"(?:-\s+)?[\]^]z", 0, r"[\-\]\^]"),                         # escaped inside the class
])
def test_first_char_class(pattern: str, flags: int, cls: str | None) -> None:
    from factsheet.extract import rules

    assert rules.first_char_class(pattern, flags) == cls


def test_a_rule_behind_its_first_char_look_ahead_matches_as_the_plain_pattern() -> None:
    """Same matches, spans and groups as the pattern without the look-ahead, for every rule that
    has one, on the project's sentences and on random strings of their words."""
    from factsheet.extract import rules

    texts = _sentences()
    rng = random.Random(7)
    words = [w for t in texts for w in t.split()]
    texts += [" ".join(rng.choice(words) for _ in range(rng.randint(1, 25))) for _ in range(300)]
    wrapped = matched = 0
    for family in rules.all_families():
        for table in rules.load(family).tables.values():
            for rule in table:
                pattern = rule.regex.pattern
                cut = pattern.find("])(?:")
                if not pattern.startswith("(?=[") or cut < 0:
                    continue
                plain = re.compile(pattern[cut + 5 : -1], rule.regex.flags)
                cls = rules.first_char_class(plain.pattern, plain.flags)
                if pattern != f"(?={cls})(?:{plain.pattern})":
                    continue  # a look-ahead the rule's author wrote
                wrapped += 1
                for text in texts:
                    got = [(m.span(), m.groupdict()) for m in rule.regex.finditer(text)]
                    assert got == [(m.span(), m.groupdict()) for m in plain.finditer(text)], (rule.id, text)
                    matched += bool(got)
    assert wrapped > 20 and matched > 100, (wrapped, matched)  # rules have one, and are exercised


def test_compiling_rules_keeps_no_parse_trees() -> None:
    """The analyses share a cache of parse trees while a rules file is compiled; kept after it,
    they were ~100,000 objects that every full garbage collection walked (a dense check cost
    a third more)."""
    from factsheet.errors import RuleError
    from factsheet.extract import rules

    data = {"family": "demo", "tables": {"a": [
        {"id": "one", "pattern": r"(?:the\s+)?[A-Z]\w+ signed", "confidence": 0.5}]}}
    rules.compile_rules(data, "demo.json")
    assert rules._parse.cache_info().currsize == 0
    bad = {"family": "demo", "tables": {"a": [
        {"id": "one", "pattern": r"(?:the\s+)?[A-Z]\w+ signed", "confidence": 0.5},
        {"id": "two", "pattern": r"(?:x", "confidence": 0.5}]}}
    with pytest.raises(RuleError):  # a refused file leaves none either
        rules.compile_rules(bad, "bad.json")
    assert rules._parse.cache_info().currsize == 0


def test_a_literal_gate_never_skips_a_sentence_its_pattern_matches() -> None:
    """may_hold() with a pattern's literal_gate() is False only where the pattern finds nothing,
    on every module pattern gated this way, over the project's sentences and random ones that
    mix the gate words' cases (also letters whose lower case is longer or context-bound)."""
    from factsheet.extract import agreements, assistance, leaders, pipeline, relations

    if pipeline.ahocorasick is None:
        pytest.skip("ahocorasick-rs is not installed: Unit.words is never set")
    gated = [(assistance._HELP_WORD, assistance._HELP_GATE), (assistance._AID_WORD, assistance._AID_GATE),
             (assistance._US_PROGRAMS, assistance._US_PROGRAMS_GATE),
             (leaders._PROSE_TITLE, leaders._PROSE_TITLE_GATE), (leaders._CURRENT, leaders._CURRENT_GATE),
             (relations._AGAIN, relations._AGAIN_GATE), (agreements._COORDINATED, agreements._COORDINATED_GATE),
             (people._NUMBER_WORD, people._NUMBER_GATE)]
    assert all(gate for _, gate in gated)  # each pattern has literals to look for
    assert not pipeline.literal_gate(re.compile(r"[A-Z]\w+"))  # none certain: never a reason to skip
    rng = random.Random(11)
    words = [*sorted({w for _, gate in gated for w in gate}), "İ", "Σ", "U.S.", "and", "of", "2019,"]
    extra = []
    for _ in range(400):
        picked = [rng.choice(words) for _ in range(rng.randint(1, 10))]
        extra.append(" ".join(w.upper() if rng.random() < 0.2 else w.title() if rng.random() < 0.3 else w
                              for w in picked))
    docs = [read(p) for p in [EXAMPLE, *sorted((FIXTURES / "sheets").glob("*.txt"))]]
    docs.append(read(("U.S. Relations With Peru\n\n" + ". ".join(extra) + ".").encode(), force=True))
    skipped = kept = 0
    for doc in docs:
        for unit in _units_with_words(doc):
            for pattern, gate in gated:
                if pipeline.may_hold(unit, gate):
                    kept += 1
                else:
                    assert pattern.search(unit.text) is None, (pattern.pattern, unit.text)
                    skipped += 1
            starts = people.count_starts(unit.text)
            assert people.count_starts(unit.text, pipeline.may_hold(unit, people._NUMBER_GATE)) == starts
    assert skipped > 500 and kept > 100


def test_claims_built_by_finish_are_the_dataclass_s_own() -> None:
    """finish() fills a Claim's fields at once (pipeline._claim): every field is set, and the
    claims equal and print as the ones ``Claim(...)`` builds."""
    from dataclasses import fields

    from factsheet import extract
    from factsheet.model import Claim

    claims = [c for p in [EXAMPLE, *sorted((FIXTURES / "sheets").glob("*.txt"))[:5]]
              for c in extract(read(p))]
    assert len(claims) > 50
    for claim in claims:
        plain = Claim(**{f.name: getattr(claim, f.name) for f in fields(Claim)})
        assert claim == plain and repr(claim) == repr(plain) and claim.to_json() == plain.to_json()
        with pytest.raises(AttributeError):
            claim.type = "x"  # type: ignore[misc]  # still frozen
