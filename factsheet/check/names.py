"""Person names as sheets and sources write them, matched across accents and surname styles.

The Factbook writes surnames in capitals and keeps second surnames ("Pedro Pablo KUCZYNSKI
Godard", "José Enrique JERÍ Oré"); sheets write "Pedro Pablo Kuczynski"; pocom writes "Brian A.
Nichols". Two names match when the source's surname is in the claim's name and the given names
(or initials) that both state agree.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

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
    "pete": {"peter"}, "ken": {"kenneth"}, "don": {"donald"}, "ron": {"ronald"}, "al": {"albert", "alan"},
    "fred": {"frederick"}, "hank": {"henry"}, "harry": {"henry", "harold"}, "chuck": {"charles"},
    "charlie": {"charles"}, "jerry": {"gerald", "jerome"}, "tim": {"timothy"}, "judy": {"judith"},
    "sue": {"susan"}, "peggy": {"margaret"}, "meg": {"margaret"}, "nancy": {"ann", "anne"},
}
_TOKEN = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*\.?", re.UNICODE)


@lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """Lower case without accents or punctuation: "JERÍ Oré" → "jeri ore"."""
    text = unicodedata.normalize("NFKD", html.unescape(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("’", "'")
    return re.sub(r"[^a-z0-9']+", " ", text).replace("'", "").strip()


def _tokens(name: str) -> list[str]:
    return _TOKEN.findall(html.unescape(name))


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
    surnames = set(surname_tokens(name))
    out = []
    for token in _tokens(name):
        folded = fold(token)
        if folded in surnames:
            break
        if folded and folded not in _PARTICLES:
            out.append(folded)
    return out


@lru_cache(maxsize=16384)
def names_match(claimed: str, source: str) -> bool:
    """True when a claimed name designates the person a source names."""
    if not claimed or not source:
        return False
    claim_words = [w for w in (fold(t) for t in _tokens(claimed)) if w]
    claim_set = set(claim_words)
    surname = surname_tokens(source)
    if not surname or not all(s in claim_set for s in surname):
        # "KIM Jong Un" vs "Kim Jong-un": compare with hyphens and spaces removed
        flat_claim = fold(claimed).replace(" ", "")
        if not surname or "".join(surname) not in flat_claim:
            return False
    source_given = _given(source)
    claim_given = [w for w in claim_words if w not in surname and w not in _PARTICLES]
    if not source_given or not claim_given:
        return True
    first_claim, first_source = claim_given[0], source_given[0]
    if len(first_claim) == 1 or len(first_source) == 1:
        return first_claim[0] == first_source[0]
    return (first_claim == first_source or first_claim in source_given
            or bool(NICKNAMES.get(first_claim, set()) & set(source_given)))


_TRAILER = re.compile(r",\s*(?=(?:the\s+)?(?:US|U\.S\.|American|ambassador|resident|accredited|"
                      r"who|currently|also)\b)", re.IGNORECASE)


def clean_name(name: str) -> str:
    """The name without a trailing remark: "Francis J. RICCIARDONE, US ambassador to the
    Philippines is accredited to Palau" → "Francis J. RICCIARDONE"."""
    return _TRAILER.split(name, maxsplit=1)[0].strip()


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
