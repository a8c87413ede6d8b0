"""The reader's fast paths give exactly what the plain forms they replace give.

Each speedup of factsheet/read keeps (or is compared here with) the plain form it replaces: a
full regex, a character loop. These tests compare the two on the lines and paragraphs of the
project's sheets and on random strings built from the words and characters that trip them (case,
the letters re.I folds onto ASCII ones, white space of every kind, dates, separators).
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import FrozenInstanceError

import pytest
from conftest import EXAMPLE, FIXTURES

from factsheet import read
from factsheet.dates import lower_bound
from factsheet.model import Block, Sentence
from factsheet.read import published, sentences, structure

WORDS = ["Today", "TODAY", "today", "Membership", "membership", "MEMBERSHIP", "Memberſhip",
         "MEMBERSHİP", "membershıp", "in", "International", "Organizations", "Organisations",
         "Archived", "archive", "ARCHİVE", "archıve", "content", "site", "page", "website", "»", "›",
         "Home", "Bureau", "of", "Western", "Hemisphere", "Affairs", "Released", "by", "the",
         "March", "5,", "2018", "1999", "2101", "١٩٩٩", "|", ",", "--", ":", "Area", "U.S.", "Peru",
         "Relations", "U.S.-Peru", "Economic", "Issues", "Travel", "to", "This", "is", "an", "A",
         "lock", "https", "Skip", "content", "PROFILE", "People", "x", "Note:", "Background",
         "Notes", "no", "longer", "Official", "websites", "use", ".gov"]
SPACES = ["", " ", " ", "  ", "\t", "\x1c", "\u2028"]


# Lines each fast path must send down its full path, in every spelling re.I accepts.
TRICKY = [*(f"Peru{s}{m} in International Organizations" for m in WORDS[3:8] for s in (" ", "’s ")),
          *(f"Peru {t}" for t in ("Today", "TODAY", "today", "Todays")),
          *(f"This is an {a} site" for a in ("archived", "ARCHİVED", "archıved", "Archive")),
          *(f"Content of the {a} website" for a in ("archived", "ARCHİVED", "archıved")),
          "Home » Countries » Peru", "Home › Peru", "Bureau of Western Hemisphere Affairs, 2018",
          "Bureau of African Affairs | March 5, 2018", "Released by the Bureau of Public Affairs 1999",
          "Bureau of Affairs 2101", "Bureau of Affairs ١٩٩٩", "Area: 1.28 million sq. km.",
          "Official Name--Republic of Peru", "Capital --Lima"]


def _random_lines(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    return TRICKY + ["".join(rng.choice(WORDS) + rng.choice(SPACES) for _ in range(rng.randint(1, 12))).strip(" ")
                     for _ in range(n)]


def _sheet_texts() -> list[str]:
    paths = [EXAMPLE, *sorted((FIXTURES / "sheets").glob("*.txt")),
             *sorted((FIXTURES / "sheets").glob("*.html"))]
    texts = []
    for path in paths:
        try:
            texts.append(read(path).text)
        except Exception:
            continue
    return texts


def _sheet_lines() -> list[str]:
    return [text[a:b] for text in _sheet_texts() for a, b in structure._lines(text)]


@pytest.fixture(scope="module", params=["sheets", "random"])
def lines(request: pytest.FixtureRequest) -> list[str]:
    found = _sheet_lines() if request.param == "sheets" else _random_lines(7, 6000)
    assert len(found) > 100
    return found


@pytest.mark.parametrize(("full", "fast"), [("_KNOWN", "_is_known"),  # known headings
                                             ("_CHROME_LINE", "_is_chrome")])  # site chrome
def test_a_line_test_is_its_full_regex(lines: list[str], full: str, fast: str) -> None:
    pattern, test = getattr(structure, full), getattr(structure, fast)
    hits = 0
    for line in lines:
        want = pattern.match(line) is not None
        assert test(line) is want, line
        hits += want
    assert hits > 0  # the lines do hold such lines: not a comparison of misses only


def test_key_value_lines_are_those_of_the_full_regex(lines: list[str]) -> None:
    for line in lines:
        assert structure._is_key_value(line) is (structure._KEY_VALUE.match(line) is not None), line


def test_bureau_lines_read_as_with_the_full_regex(lines: list[str]) -> None:
    bureaus = [f"Bureau of {line}" for line in lines] + [f"Released by the Bureau of {line}" for line in lines]
    dated = 0
    for line in [*lines, *bureaus]:
        want, got = structure._BUREAU.match(line), structure._bureau_match(line)
        assert (got is None) is (want is None), line
        if want is not None and got is not None:
            assert got["bureau"] == want["bureau"], line
            assert structure.from_match(got) == structure.from_match(want), line
            dated += structure.from_match(want) is not None
    assert dated > 0  # some lines carry a date: the dated path is compared too


# The plain sentence splitter the fast one replaced: a second regex for the next word, the word
# before a period found character by character, every span trimmed.
_CANDIDATE = re.compile(
    r"[.!?](?:[\"'”’)\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])"
    r"|(?<=[a-z0-9][.!?])(?=[A-Z][a-z]*[\s,;:]))"
)
_NEXT_WORD = re.compile(r"\s*(\S+)")


def _plain_split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in _CANDIDATE.finditer(text, start, end):
        stop = match.end()
        if text[match.start()] == ".":
            first = last = match.start() + 1
            while first > cursor and not text[first - 1].isspace():
                first -= 1
            word = text[first:last].lstrip(sentences._OPENERS)
            following = _NEXT_WORD.match(text, stop, end)
            next_word = following.group(1).lstrip(sentences._OPENERS).rstrip(",;:") if following else ""
            if not sentences._is_boundary(word, next_word):
                continue
        spans.append((cursor, stop))
        cursor = stop
    spans.append((cursor, end))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            out.append((a, b))
    return out


SENTENCE_WORDS = ["U.S.", "The", "the", "Gen.", "No.", "2397", "D.C.", "20036", "J.F.", "Kennedy",
                  "Mr.", "in", "2015.The", "travel.State.gov", "Peru.", "(The", "“Peru.”", "etc.",
                  "Inc.", "It", "a" * 70 + ".", "x" * 90 + ".U.S.", "St.", "A.", "?", "!", "it!",
                  "Why?", "“Yes.”", "(1999).", "B.C.", "Peru.\"", "Ambassador",
                  "x" + "(" * 70 + "Gen."]  # longer than the window


def _random_paragraphs(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(SENTENCE_WORDS) + rng.choice([*SPACES, "\n", " \n "])
                    for _ in range(rng.randint(1, 30))) for _ in range(n)]


@pytest.mark.parametrize("source", ["sheets", "random"])
def test_sentences_are_those_of_the_plain_splitter(source: str) -> None:
    if source == "sheets":
        cases = [(text, block.start, block.end) for text in _sheet_texts()
                 for block in structure.parse_structure(text).blocks if block.kind == "paragraph"]
    else:
        cases = [(f"  {p}  ", 1, len(p) + 3) for p in _random_paragraphs(3, 3000)]
    splits = 0
    for text, start, end in cases:
        want = _plain_split(text, start, end)
        assert sentences.split_sentences(text, start, end) == want, text[start:end]
        splits += len(want) > 1
    assert splits > 50  # many paragraphs hold several sentences


# The plain reading of a date from the text that published._from_text replaced: every sentence
# with a year, first to last, each year offered, the first to say the latest day kept.
def _plain_from_text(text: str, spans: list[tuple[int, int]]) -> tuple[str, str] | None:
    best: tuple[str, str] | None = None

    def offer(day: str, why: str) -> None:
        nonlocal best
        if best is None or day > best[0]:
            best = (day, why)

    def word_at(i: int) -> bool:
        return 0 <= i < len(text) and (text[i].isalnum() or text[i] == "_")

    this_year = dt.date.today().year
    found = [m for m in re.compile(r"(?:1[789]|20)\d\d").finditer(text, spans[0][0], spans[-1][1])
             if not word_at(m.start() - 1) and not word_at(m.end())] if spans else []
    for start, end in spans:
        years = [m for m in found if start <= m.start() < end]
        sentence = text[start:end]
        if not years or published._speaks_of_future(sentence):
            continue
        for y in years:
            if published._in_address(text, y.start(), y.end()):
                continue
            iso, said = published._full_date(text, y.start(), y.group(0))
            if int(iso[:4]) <= this_year:
                offer(lower_bound(iso).isoformat(), f"the text speaks of {said}")
        if "anniversary" in sentence and (anniversary := published._ANNIVERSARY.search(sentence)):
            first = min(int(y.group(0)) for y in years)
            if (year := first + int(anniversary["n"])) <= this_year:
                offer(f"{year}-01-01", f"it marks the {anniversary['n']}th anniversary of an "
                                       f"event of {first}")
    if spans and published._PANDEMIC.search(text, spans[0][0], spans[-1][1]):
        offer(published.PANDEMIC_DAY, "it speaks of the COVID-19 pandemic")
    if published._GOV_BANNER.search(text[:2000]):
        offer(published.GOV_BANNER_FLOOR, "it carries the banner of the state.gov site launched "
                                          "after 2017")
    return best


DATE_WORDS = ["In", "in", "1998", "2003", "2003,", "(2011)", "2015.", "2016x", "x2016", "20167",
              "2019_", "١٩٩٩", "2099", "March", "March 3,", "Sept.", "12", "the", "50th", "20th",
              "anniversary", "Anniversary", "will", "plans", "until", "fiscal year", "by 2030",
              "see", "https://2009-2017.state.gov/r/pa/ei/bgn/2005.htm", "www.state.gov/2014",
              "COVID-19", "pandemic", "SARS-CoV-2", "relations", "established", "signed", "Peru",
              "An official website of the United States Government Here's how you know", "How",
              "government", "January", "3", "March 12,", "2023"]  # ties: "3 March 2003", "March 3, 2003"


def _random_dated_texts(seed: int, n: int) -> list[tuple[str, list[tuple[int, int]]]]:
    rng = random.Random(seed)
    # two sentences that date the text to the same day for two reasons: the first must win
    tie = "The 20th anniversary of ties set in 2003. Trade grew in 2023."
    out = [(tie, [(0, 41), (42, len(tie))]), (tie[42:] + " " + tie[:41], [(0, 19), (20, 61)])]
    for _ in range(n):
        sentences = [" ".join(rng.choice(DATE_WORDS) for _ in range(rng.randint(1, 9))) + "."
                     for _ in range(rng.randint(1, 8))]
        if rng.random() < 0.3:  # the last sentence cut off, maybe on a year that runs on
            sentences[-1] = sentences[-1][:-1] + rng.choice(["", " 2003"])
        text, spans = "", []
        for sentence in sentences:
            text += rng.choice(["", " ", "\n", "x"])
            spans.append((len(text), len(text) + len(sentence)))
            text += sentence
        out.append((text + rng.choice(["", "1", " ", "a"]), spans))
    return out


@pytest.mark.parametrize("source", ["sheets", "random"])
def test_the_text_dates_a_sheet_as_the_plain_reading_does(source: str) -> None:
    if source == "sheets":
        cases = [(doc.text, [(s.start, s.end) for s in doc.sentences])
                 for doc in (read(text.encode()) for text in _sheet_texts())]
    else:
        cases = _random_dated_texts(5, 3000)
    dated = 0
    for text, spans in cases:
        lows: list[tuple[str, str, str]] = []
        published._from_text(text, spans, lows)
        want = _plain_from_text(text, spans)
        assert ((lows[0][0], lows[0][2]) if lows else None) == want, text
        dated += want is not None
    assert dated > len(cases) // 4  # most texts are dated by something: the reasons are compared


def test_blocks_and_sentences_built_fast_are_the_models_own() -> None:
    block, sentence = structure._block("heading", 3, 9, "Peru"), structure._sentence(3, 9, 2, None)
    for fast, plain in ((block, Block("heading", 3, 9, "Peru")), (sentence, Sentence(3, 9, 2))):
        assert fast == plain and hash(fast) == hash(plain) and repr(fast) == repr(plain)
        assert type(fast) is type(plain)
        with pytest.raises(FrozenInstanceError):
            fast.start = 4  # type: ignore[misc]
    with pytest.raises(TypeError, match="fields"):
        structure._constructor(Block, ("kind", "start", "end", "heading"))
