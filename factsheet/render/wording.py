"""The genre's words: leaders' titles, former powers, states' names, possessives and headings."""

from __future__ import annotations

import re

from ..countries import country_name, to_iso2
from ..model import Fact
from . import formatting as fmt


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _year(iso: str | None) -> int | None:
    return fmt.year_of(iso)


_PM_LIKE = ("Prime Minister", "Premier", "Chancellor", "Taoiseach")


def leader_title(title: str, *, government: bool) -> tuple[str, str]:
    """A source's leader title as the sheet writes it, and as a reader takes it back (the
    genre's title in it): "Queen of Australia" → "Queen"; "President of the Government of Spain"
    → "President of the Government" (read as "President"); "Prime Minister and Co-Vice President"
    (a head of government) → "Prime Minister"; "Acting President" → read as "President"."""
    t = re.sub(r"\s+", " ", title).strip(" ,")
    t = re.sub(r"^((?:Acting )?President)s$", r"\1", t)  # "Acting Presidents": a slip of the source
    t = re.sub(r"\s+is$", "", t)  # "… of the Vatican City State is": the source's sentence left in
    t = re.sub(r"(?i)^(?:French|Episcopal)\s+co-?prince$|^co-?prince$", "Co-prince", t)
    t = re.sub(r"^[A-Z]{2,6}\s+(?=(?:Interim\s+|Acting\s+)?[A-Z][a-z])", "", t)  # "GNU Interim Prime Minister"
    for m in re.finditer(r" of ", t):  # "of <the country>" says nothing the sheet's title does not
        if _iso_or_none(t[m.end():]):
            t = t[: m.start()]
            break
    known = [k for k in re.findall("|".join(rf"(?<![\w-]){re.escape(k)}\b" for k in fmt.TITLES), t)]
    if len(set(known)) > 1:  # two offices in one title: the one this fact is about
        pm = [k for k in known if k in _PM_LIKE]
        other = [k for k in known if k not in _PM_LIKE]
        t = (pm or known)[0] if government else (other or known)[0]
    if t == "President of the Government":  # Spain's head of government: a title of its own
        return t, t
    return t, fmt.base_title(t)


# rdcr's names of states the United States established relations with, as a sheet writes them
_RDCR_STATES = {"German Federal Republic": "the Federal Republic of Germany"}


def _established_with(fact: Fact) -> str | None:
    """The state an rdcr establishment names ("… Relations with the German Federal Republic (FRG),
    1949-1955" → "the Federal Republic of Germany"); None when its text names none."""
    m = re.search(r"\bRelations with (the )?([A-Z][^,/(]*?)\s*(?:\([^)]*\)\s*)?(?:,|/| and |$)",
                  str((fact.value or {}).get("text", "")))
    if m is None:
        return None
    name = m.group(2).strip()
    return _RDCR_STATES.get(name) or f"{m.group(1) or ''}{name}"


# Former states the Factbook names as the power a country became independent from.
_FORMER_POWERS = {
    "soviet union": "the Soviet Union", "the soviet union": "the Soviet Union", "ussr": "the Soviet Union",
    "yugoslavia": "Yugoslavia", "czechoslovakia": "Czechoslovakia", "ottoman empire": "the Ottoman Empire",
    "the ottoman empire": "the Ottoman Empire", "serbia and montenegro": "Serbia and Montenegro",
}


def _power_name(raw: str) -> str | None:
    """The power a country became independent from, as the genre names it; None when the
    Factbook's text is not a state ("US administration", "unification")."""
    text = raw.strip().rstrip(".")
    if text.lower() in _FORMER_POWERS:
        return _FORMER_POWERS[text.lower()]
    iso = _iso_or_none(text)
    return country_name(iso) if iso else None


def _bare(name: str) -> str:
    """A name without its article, as claims carry it ("United Kingdom")."""
    return name[4:] if name.lower().startswith("the ") else name


def _iso_or_none(name: str) -> str | None:
    try:
        return to_iso2(name)
    except Exception:
        return None


def _heading_case(heading: str) -> str:
    if heading.upper() != heading:
        return heading
    small = {"of", "to", "in", "and", "the", "for", "with"}
    words = heading.lower().split()
    return " ".join(w if (i and w in small) else (w.upper() if w in ("u.s.",) else _cap(w)) for i, w in enumerate(words))

