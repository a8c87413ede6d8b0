"""Numbers, dates, names, addresses and phones as the genre writes them.

"$14 billion", "$1.1 billion", "$850 million", "500,000", "July 28, 2016", "(202) 833-9860",
"Pedro Pablo Kuczynski" (not the Factbook's "Pedro Pablo KUCZYNSKI Godard").
"""

from __future__ import annotations

import re

from ..dates import long_date

__all__ = [
    "address",
    "count",
    "date",
    "money",
    "percent",
    "person_name",
    "phone",
    "year_of",
]


def _trim(number: float, places: int = 2) -> str:
    text = f"{number:.{places}f}".rstrip("0").rstrip(".")
    return text or "0"


def money(value_usd: float) -> str:
    """Dollars in the genre's words: "$14 billion", "$1.25 billion", "$850 million", "$12,500"."""
    sign = "-" if value_usd < 0 else ""
    value = abs(float(value_usd))
    for unit, scale in (("trillion", 1e12), ("billion", 1e9), ("million", 1e6)):
        if value >= scale:
            return f"{sign}${_trim(value / scale)} {unit}"
    return f"{sign}${value:,.0f}"


def count(n: float) -> str:
    """A count of people: "500,000"; round millions as "4 million", "1.5 million"."""
    value = float(n)
    if value >= 1e6 and abs(value / 1e5 - round(value / 1e5)) < 1e-9:
        return f"{_trim(value / 1e6, 1)} million"
    return f"{value:,.0f}"


def percent(share: float) -> str:
    """A share (0.258) → "25.8 percent"."""
    return f"{_trim(share * 100, 1)} percent"


def date(iso: str) -> str:
    """ISO of any precision → "July 28, 2016", "July 2016", "2016"."""
    return long_date(iso)


def year_of(iso: str | None) -> int | None:
    if not iso or not iso[:4].isdigit():
        return None
    return int(iso[:4])


_PARTICLES = frozenset(
    ["bin", "bint", "da", "das", "de", "del", "della", "der", "di", "do", "dos", "du", "la", "le", "van", "von", "y", "ibn", "ben"]
)
_SUFFIXES = frozenset({"Jr.", "Sr.", "Jr", "Sr", "II", "III", "IV"})


_ROMAN = re.compile(r"^(?=[IVXLC])M*(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})$")
_RANKS = re.compile(  # "Maj.Gen. Muhammadu BUHARI", "Air Chief Marshall Sir John CHESHIRE"
    r"^(?:(?:(?:Sr\.|Senior|Vice|Lt\.|Lieutenant|Maj\.|Major|Brig\.|Brigadier)\s*)?"
    r"(?:Gen\.|General|Col\.|Colonel|Adm\.|Admiral|Air\s+Chief\s+Marshall?|Field\s+Marshal|Marshal|Dr\.|"
    r"Cardinal|Ayatollah|Capt\.|Captain|Mr\.|Mrs\.|Ms\.|Dr|Sir)\s+)+"
)
_ORDINAL_SUFFIX = {"2nd": "II", "3rd": "III", "4th": "IV", "5th": "V"}
_NICKNAME = re.compile(r"\s+[\"“][^\"”]{1,30}[\"”]")
#: The leader titles the genre (and the extractor) name; "Acting President" is a "President".
TITLES = ("Prime Minister", "President", "King", "Queen", "Emir", "Amir", "Sultan", "Crown Prince",
          "Chancellor", "Premier", "Governor-General", "Governor General", "Supreme Leader",
          "Grand Duke", "Prince", "Sheikh", "Chairman", "General Secretary", "Chief Executive",
          "State Counsellor", "Taoiseach")


def base_title(title: str) -> str:
    """The genre's title inside a longer one: "Acting President" → "President",
    "State Affairs Commission President" → "President"; others unchanged ("Pope")."""
    for known in TITLES:  # the longer titles come first where one contains another
        if re.search(rf"(?<![\w-]){re.escape(known)}$", title, re.I):  # not "Co-prince" → "Prince"
            return known
    for known in TITLES:  # "President of the Swiss Confederation"
        if re.match(rf"{re.escape(known)}\s+of\b", title, re.I):
            return known
    return title


def plausible_name(name: str) -> bool:
    """Whether a parsed source name looks like a person's name, not a phrase."""
    words = name.split()
    junk = {"of", "the", "and", "for", "us", "embassy", "consulate", "interests", "represented", "accredited",
            "council", "committee", "business", "presidency", "none", "vacant"}
    return (1 <= len(words) <= 7 and not any(w.lower().strip(".,") in junk for w in words)
            and name[:1].isupper() and not re.search(r"[\d,;:()+]", name))


_PREFIX = re.compile(r"^(?:Mc|Mac|De|Di|Da|Du|Le|La|Van|Von|O['’]|(?:al|el|ad|as|ash|at|az|bin|ibn|El|Al)-)(?=[A-Z])")


def _part_caps(part: str) -> bool:
    if re.fullmatch(r"(?:[A-Z]\.)+,?", part):
        return False  # initials ("J.D.")
    letters = [ch for ch in _PREFIX.sub("", part) if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def _is_caps(token: str) -> bool:
    """A surname the Factbook writes in capitals: "KUCZYNSKI", "McDOWELL", "al-MALIKI",
    "SASSOU-Nguesso" (one capitalized part of a hyphenated name is enough)."""
    return any(_part_caps(part) for part in token.split("-")) or _part_caps(token)


def _cap_part(part: str) -> str:
    m = _PREFIX.match(part)
    prefix, rest = (part[: m.end()], part[m.end():]) if m else ("", part)
    if not _part_caps(rest):
        return part
    out = rest[:1].upper() + rest[1:].lower()
    out = re.sub(r"(?<=['’])([a-z])", lambda g: g.group(1).upper(), out)  # O'Brien
    return prefix + out


def _cap_word(word: str) -> str:
    if word.lower() in _PARTICLES:
        return word.lower()
    article = re.match(r"^(al|el|ad|as|ash|at|az|bin|ibn)-(.+)$", word)
    if article:
        return f"{article.group(1)}-{_cap_word(article.group(2))}"
    return "-".join(_cap_part(part) for part in word.split("-"))


#: lower-case words that continue a surname the Factbook capitalised only in part
_SURNAME_PARTICLES = frozenset({"da", "de", "do", "dos", "das", "di", "del", "della", "van", "von", "du", "le"})


def person_name(raw: str) -> str:
    """A Factbook name in normal case: the capitals mark the surname.

    "Pedro Pablo KUCZYNSKI Godard" → "Pedro Pablo Kuczynski" (the genre leaves out the second,
    maternal surname that follows the capitalized one); "XI Jinping" → "Xi Jinping" (surname first:
    the given names stay); "Luiz Inacio LULA DA SILVA" → "Luiz Inacio Lula da Silva". Names
    without capitals are returned as they are.
    """
    cleaned = _NICKNAME.sub("", raw.strip())
    cleaned = re.sub(r",\s*(Jr|Sr)\.?$", r" \1.", cleaned)
    cleaned = _RANKS.sub("", cleaned)
    tokens = [_ORDINAL_SUFFIX.get(tok, tok) for tok in cleaned.split()]
    regnal = {i for i, tok in enumerate(tokens) if i and _ROMAN.match(tok)}  # "Leo XIV", not "XI Jinping"
    caps = [i for i, tok in enumerate(tokens) if _is_caps(tok) and tok not in _SUFFIXES and i not in regnal]
    if not caps:
        return " ".join(tokens)
    first, last = caps[0], caps[-1]
    if first == 0:
        kept = tokens  # surname first (East Asian order): keep the given names after it
    else:
        rest = tokens[last + 1 :]
        if len(rest) >= 2 and rest[0] in _SURNAME_PARTICLES and rest[1][:1].isupper():
            # "Luiz Inacio LULA da Silva": the Factbook capitalised only part of the surname
            last += 2
            rest = rest[2:]
        tail = [tok for tok in rest if tok in _SUFFIXES]
        kept = tokens[: last + 1] + tail
    words = [
        _cap_word(tok) if first <= i <= last and _is_caps(tok) and i not in regnal else tok
        for i, tok in enumerate(kept)
    ]
    name = " ".join(words)
    return name[:1].upper() + name[1:]


_NANP = re.compile(r"\+1([2-9]\d\d)([2-9]\d\d)(\d{4})")


def phone(e164: str) -> str:
    """E.164 → the genre's form: "+12028339860" → "(202) 833-9860"; others internationally."""
    nanp = _NANP.fullmatch(e164)
    if nanp:  # every embassy phone is one: no need to import phonenumbers (~30 ms of a cold start)
        return f"({nanp.group(1)}) {nanp.group(2)}-{nanp.group(3)}"
    try:
        import phonenumbers

        number = phonenumbers.parse(e164, None)
        if number.country_code == 1:
            return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL))
        return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL))
    except Exception:  # a malformed number is shown as the source gives it
        return e164


_SUITE = re.compile(r"(?:,\s*|\s+)((?:Suite|Ste\.?|Room)\s+\w+|\d+(?:st|nd|rd|th)\s+Floor|(?:First|Second|Third)\s+Floor)\b", re.I)


def split_suite(street: str) -> tuple[str, str | None]:
    """ "1233 20th Street, NW, Suite 400" → ("1233 20th Street, NW", "Suite 400"); a suite written
    first ("Suite 212, 2233 Wisconsin Avenue, NW") moves after the street."""
    first = re.match(r"^((?:Suite|Ste\.?|Room)\s+[\w-]+),\s*(.+)$", street, re.I)
    if first:
        return first.group(2).strip(" ,"), first.group(1)
    m = _SUITE.search(street)
    if not m:
        return street, None
    return street[: m.start()].strip(" ,"), street[m.start():].strip(" ,")  # "Suite 1102, 11th Floor"


_QUADRANT = re.compile(r"(?<=[A-Za-z.]),?\s+(NW|NE|SW|SE|N\.W\.|N\.E\.|S\.W\.|S\.E\.)\b")


def address(street: str) -> str:
    """A street address with the genre's comma before the quadrant: "… Avenue, NW"."""
    return _QUADRANT.sub(lambda m: ", " + m.group(1), street.strip().rstrip(","))
