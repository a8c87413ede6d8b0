"""Person names as sheets and sources write them, matched across accents and surname styles.

The Factbook writes surnames in capitals and keeps second surnames ("Pedro Pablo KUCZYNSKI
Godard", "José Enrique JERÍ Oré"); sheets write "Pedro Pablo Kuczynski"; pocom writes "Brian A.
Nichols". Two names match when the source's surname is in the claim's name and the given names
(or initials) that both state agree.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from itertools import groupby

from ..folding import fold_accents

_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
_PARTICLES = {"de", "del", "la", "las", "los", "van", "von", "der", "da", "dos", "das", "di", "al", "el", "bin", "ibn"}
_ROMAN = {"II", "III", "IV", "VI", "VII", "VIII"}
#: short forms of given names sheets use ("Ted Osius" for Theodore G. Osius III)
NICKNAMES: dict[str, set[str]] = {
    "ted": {"theodore", "edward"}, "ed": {"edward", "edwin", "edmund"}, "bob": {"robert"},
    "rob": {"robert"}, "bill": {"william"}, "will": {"william"}, "jim": {"james"},
    "jimmy": {"james"}, "mike": {"michael"}, "tom": {"thomas"}, "dick": {"richard"},
    "rick": {"richard"}, "dan": {"daniel"}, "joe": {"joseph"}, "jeff": {"jeffrey", "john"},
    "tony": {"anthony"}, "chris": {"christopher", "christine"}, "kate": {"katherine", "kathleen"},
    "liz": {"elizabeth"}, "beth": {"elizabeth"}, "sam": {"samuel"}, "steve": {"stephen", "steven"},
    "larry": {"lawrence"}, "jack": {"john"}, "nick": {"nicholas"}, "pat": {"patrick", "patricia"},
    "doug": {"douglas"}, "greg": {"gregory"}, "matt": {"matthew"}, "andy": {"andrew"},
    "pete": {"peter"}, "ken": {"kenneth"}, "kenny": {"kenneth"}, "don": {"donald"}, "ron": {"ronald"}, "al": {"albert", "alan"},
    "fred": {"frederick"}, "hank": {"henry"}, "harry": {"henry", "harold"}, "chuck": {"charles"},
    "charlie": {"charles"}, "jerry": {"gerald", "jerome"}, "tim": {"timothy"}, "judy": {"judith"},
    "sue": {"susan"}, "peggy": {"margaret"}, "meg": {"margaret"}, "nancy": {"ann", "anne"},
}
_TOKEN = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*\.?", re.UNICODE)


_NOT_WORD = re.compile(r"[^a-z0-9']+")


@lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """Lower case without accents or punctuation: "JERÍ Oré" → "jeri ore"."""
    text = fold_accents(html.unescape(text))
    text = text.replace("’", "'")
    return _NOT_WORD.sub(" ", text).replace("'", "").strip()


_ORDINALS = {"2nd": "II", "3rd": "III", "4th": "IV", "5th": "V"}
_ORDINAL = re.compile(r"(?<![\w])(2nd|3rd|4th|5th)\b\.?", re.I)


@lru_cache(maxsize=16384)  # a name is split for its surname, its given names and its words
def _tokens(name: str) -> tuple[str, ...]:
    """Words of a name; a generational "3rd" is "III" (pocom writes "Grover Joseph Rees 3rd")."""
    name = _ORDINAL.sub(lambda m: _ORDINALS[m.group(1).lower()], html.unescape(name))
    return tuple(_TOKEN.findall(name))


@lru_cache(maxsize=4096)
def surname_tokens(name: str) -> tuple[str, ...]:
    """The folded surname: the capitalized words when the source marks them, else the last word."""
    tokens = _tokens(name)
    caps = [t for t in tokens if len(t.rstrip(".")) > 1 and t.rstrip(".").isupper()
            and t.rstrip(".") not in _ROMAN]
    if caps:
        return tuple(fold(t) for t in caps)
    words = [t for t in tokens if fold(t) not in _SUFFIXES and not t.endswith(".")
             and t not in _ROMAN]
    return (fold(words[-1]),) if words else ()


def _given(name: str) -> list[str]:
    """The given names: the words before the surname, or after it when it comes first
    ("KIM Jong Un")."""
    surnames = set(surname_tokens(name))
    before: list[str] = []
    after: list[str] = []
    seen = False
    for token in _tokens(name):
        folded = fold(token)
        if folded in surnames:
            seen = True
            continue
        if (folded and folded not in _PARTICLES and folded not in _SUFFIXES
                and token.rstrip(".") not in _ROMAN):
            (after if seen else before).append(folded)
    if before or not seen:
        return before
    # given names after a leading surname, East Asian order; not a trailing second surname
    return after if surname_tokens(name) and fold(_tokens(name)[0]) in surnames else []


#: spelling variants of transliterations reduced to one consonant skeleton ("Chong-il" and
#: "Jong Il", "Abdallah" and "Abdullah", "Binjamin" and "Benjamin")
_SKELETON_SUBS = (("dzh", "j"), ("ch", "j"), ("ts", "j"), ("zh", "j"), ("ph", "f"), ("kh", "k"),
                  ("gh", "g"), ("dh", "d"), ("th", "t"), ("sh", "s"), ("q", "k"), ("c", "k"),
                  ("z", "s"), ("v", "b"), ("w", ""), ("y", ""), ("h", ""), ("'", ""))


#: the one-letter substitutions of _SKELETON_SUBS, and the vowels, as one table: no letter
#: they produce is replaced by a later one, so one pass is the same as one replace() after another
_MULTI_SUBS = tuple((a, b) for a, b in _SKELETON_SUBS if len(a) > 1)
_SINGLE_SUBS = str.maketrans({**{a: b for a, b in _SKELETON_SUBS if len(a) == 1},
                              **dict.fromkeys("aeiou", "")})


@lru_cache(maxsize=16384)
def skeleton(word: str) -> str:
    """The consonants of a folded word, transliteration variants merged."""
    w = fold(word).replace(" ", "")
    for a, b in _MULTI_SUBS:
        w = w.replace(a, b)
    # runs of one letter become one letter (groupby: several times cheaper than a regex with a
    # back-reference template, and words have no line breaks for "." to miss)
    return "".join(k for k, _ in groupby(w.translate(_SINGLE_SUBS)))


def _same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    sa = skeleton(a)
    if sa != skeleton(b) or abs(len(a) - len(b)) > 2:
        return False
    # short skeletons only for long words that start alike ("Rohani" / "Rouhani")
    return len(sa) >= 3 or (len(sa) == 2 and min(len(a), len(b)) >= 5 and a[0] == b[0])


def _same_given(a: str, b: str) -> bool:
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return (_same_word(a, b) or b in NICKNAMES.get(a, set()) or a in NICKNAMES.get(b, set()))


def _parts(words: list[str]) -> list[str]:
    return [p for w in words for p in w.split() if p]


@lru_cache(maxsize=65536)  # a sheet may name thousands of people: no thrashing per sheet
def _claim_words(claimed: str) -> tuple[str, ...]:
    return tuple(_parts([w for w in (fold(t) for t in _tokens(claimed)) if w]))


@lru_cache(maxsize=65536)
def _word_skeletons(claimed: str) -> frozenset[str]:
    return frozenset(skeleton(w) for w in _claim_words(claimed))


@lru_cache(maxsize=65536)
def _flat(name: str) -> str:
    """The folded name without spaces."""
    return fold(name).replace(" ", "")


@lru_cache(maxsize=65536)
def _surname(source: str) -> tuple[list[str], frozenset[str]]:
    """The source's surname words (particles left out unless that leaves none), and their
    skeletons. The list is shared by every call: callers never change it."""
    surname = [p for p in _parts(list(surname_tokens(source))) if p not in _PARTICLES] \
        or _parts(list(surname_tokens(source)))
    return surname, frozenset(skeleton(w) for w in surname)


@lru_cache(maxsize=256)
def _surname_index(sources: tuple[str, ...]) -> tuple[dict[str, list[str]], list[tuple[str, str]]]:
    """skeleton → the sources whose surname has it, and (flat surname, source) for every source."""
    by_skeleton: dict[str, list[str]] = {}
    flat: list[tuple[str, str]] = []
    for source in sources:
        surname, skeletons = _surname(source)
        for sk in skeletons:
            by_skeleton.setdefault(sk, []).append(source)
        if surname:
            flat.append(("".join(surname), source))
    return by_skeleton, flat


@lru_cache(maxsize=8192)  # a claim asks about the same timeline several times
def matching_names(claimed: str, sources: tuple[str, ...]) -> frozenset[str]:
    """The ``sources`` that ``names_match(claimed, source)``: only those sharing a surname
    skeleton with the claim (or whose surname is in it without spaces) are compared, so a claim
    is not compared in full with every holder of an office."""
    if not claimed:
        return frozenset()
    by_skeleton, flat = _surname_index(sources)
    candidates = {src for sk in _word_skeletons(claimed) for src in by_skeleton.get(sk, ())}
    flat_claim = _flat(claimed)
    candidates.update([src for joined, src in flat if joined in flat_claim])
    return frozenset(src for src in candidates if names_match(claimed, src))


@lru_cache(maxsize=65536)
def _screen(name: str) -> tuple[frozenset[str], str, frozenset[str], str]:
    """What ``could_match`` compares of a name, as a claim and as a source: (its surname's
    skeletons, its surname without spaces, its words' skeletons, the name without spaces)."""
    surname, skeletons = _surname(name)
    return skeletons, "".join(surname), _word_skeletons(name), _flat(name)


def could_match(claimed: str, source: str) -> bool:
    """False only when ``names_match(claimed, source)`` is certainly False: no word of the claim
    has a skeleton of the source's surname, nor is the surname in it without spaces. A cheap
    test for comparing many names that have not been compared before (issue 14)."""
    if not claimed or not source:
        return False
    skeletons, surname, _, _ = _screen(source)
    if not surname:
        return False
    _, _, words, flat = _screen(claimed)
    return not skeletons.isdisjoint(words) or surname in flat


def could_match_either(a: str, b: str) -> bool:
    """``could_match(a, b) or could_match(b, a)``, each name analysed once (a sheet's names are
    compared with up to 16 others each)."""
    if not a or not b:
        return False
    skeletons_a, surname_a, words_a, flat_a = _screen(a)
    skeletons_b, surname_b, words_b, flat_b = _screen(b)
    return bool(surname_b and (not skeletons_b.isdisjoint(words_a) or surname_b in flat_a)) or \
        bool(surname_a and (not skeletons_a.isdisjoint(words_b) or surname_a in flat_b))


@lru_cache(maxsize=16384)
def names_match(claimed: str, source: str) -> bool:
    """True when a claimed name designates the person a source names.

    The surname: one of the source's surnames (capitalized words, else the last word) is in the
    claim, spelling variants of a transliteration allowed. The given names: the first ones agree
    (in full, as an initial, as a nickname, or the claim uses a middle name); when both give two
    syllables of a given name, the second ones agree too ("Kim Jong Un" is not "KIM Jong Il").
    """
    if not claimed or not source:
        return False
    surname, skeletons = _surname(source)
    if not surname:
        return False
    # a claimed word can only be the surname if it has one of its skeletons (_same_word): a
    # cheap test first, as a claim is compared with every holder of an office
    could = not skeletons.isdisjoint(_word_skeletons(claimed))
    claim_words = list(_claim_words(claimed))
    matched = {w for w in claim_words if any(_same_word(w, s) for s in surname)} if could else set()
    # "KIM Jong Un" vs "Kim Jong-un", "DELAURENTIS" vs "De Laurentis": no spaces or hyphens
    if not matched and "".join(surname) not in _flat(claimed):
        return False
    source_given = _parts(_given(source))
    claim_given = [w for w in claim_words if w not in matched and w not in surname
                   and w not in _PARTICLES and w not in _SUFFIXES
                   and w.upper() not in _ROMAN and w not in "".join(surname)]
    if not source_given or not claim_given:
        return True
    first_claim, first_source = claim_given[0], source_given[0]
    if len(claim_given) > 1 and first_claim + claim_given[1] == first_source:
        return True  # "Abdel Fattah" and "Abdelfattah"
    if len(source_given) > 1 and first_source + source_given[1] == first_claim:
        return True
    if not _same_given(first_claim, first_source):
        # a middle name used as the first ("Duke Buchan" for Richard Duke Buchan / Richard D.)
        return any(_same_given(first_claim, g) for g in source_given[1:])
    second = (claim_given[1], source_given[1]) if len(claim_given) > 1 and len(source_given) > 1 \
        else None
    if second and 1 < len(second[0]) <= 4 and 1 < len(second[1]) <= 4:
        # syllables of one given name ("Jong Un", "Jae-in"), not a middle name ("Maria"/"Marie")
        return _same_given(*second) or second[0] in source_given
    return True


_TRAILER = re.compile(r",\s*(?=(?:the\s+)?(?:US|U\.S\.|American|ambassador|resident|accredited|"
                      r"who|currently|also)\b)", re.IGNORECASE)


def clean_name(name: str) -> str:
    """The name without a trailing remark: "Francis J. RICCIARDONE, US ambassador to the
    Philippines is accredited to Palau" → "Francis J. RICCIARDONE"."""
    return _TRAILER.split(name, maxsplit=1)[0].strip()


@lru_cache(maxsize=16384)
def display_name(name: str) -> str:
    """The source's name in ordinary case: "Pedro Pablo KUCZYNSKI Godard" → "… Kuczynski Godard"."""
    text = html.unescape(name).strip()

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        if word.rstrip(".") in _ROMAN:
            return word
        if len(word.rstrip(".")) > 1 and word.isupper():
            return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), word.lower())
        return word

    return _TOKEN.sub(fix, text)
