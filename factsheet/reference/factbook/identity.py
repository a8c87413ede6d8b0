"""Who is who across snapshots: one person under two spellings, two people under one surname."""

from __future__ import annotations

import re
from typing import Any

from ...dates import lower_bound
from .._common import fold


def _distance(a: str, b: str, limit: int = 2) -> int:
    """Levenshtein distance, cut short once it exceeds ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
        if min(row) > limit:
            return limit + 1
    return row[-1]


def _given(name: str) -> list[str]:
    """Given names: the plain words around the capitalised surname ("Pedro Pablo KUCZYNSKI Godard"
    → pedro, pablo, godard; "KIM Jong Un" → jong, un), ranks ("Maj.", "Gen.") left out."""
    out = []
    for token in name.split():
        letters = [c for c in token if c.isalpha()]
        if len(letters) >= 2 and sum(c.isupper() for c in letters) >= max(2, len(letters) - 2):
            continue
        if not token.endswith("."):
            out.append(fold(token))
    return [t for t in out if t]


def _days_apart(a: str, b: str) -> int:
    return abs((lower_bound(a) - lower_bound(b)).days)


def _other_person(a: Any, b: Any) -> bool:
    """Same surname, another person: "KIM Chong-il" → "KIM Jong Un (since 17 December 2011)" —
    given names far apart, or apart with a "since" date more than a month off. One person under
    two spellings stays one: "Amadou Oury BAH (since 27 February 2024)" → "Mamadou Oury BAH
    (since 29 February 2024)", "Kenny" → "Kenneth ANTHONY" (a shared four-letter stem)."""
    if not isinstance(a, dict) or not isinstance(b, dict):
        return False
    ga, gb = " ".join(_given(a["name"])), " ".join(_given(b["name"]))
    if not ga or not gb or ga == gb:
        return False
    near = _distance(ga.split()[0], gb.split()[0]) <= 2 or _distance(ga, gb) <= 2
    stem = ga.split()[0][:4] == gb.split()[0][:4] and len(ga.split()[0]) >= 4
    if a.get("since") and b.get("since") and a["since"] != b["since"]:
        return not (near and _days_apart(a["since"], b["since"]) <= 31)
    return not (near or stem)


def _same_person(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two runs name one person: the same capitalised surname or letters, or the same "since"
    date with a name word in common ("RODRÍGUEZ DE GUEVARA" / "Rodríguez de Guevara")."""
    if _surname(a["name"]) == _surname(b["name"]):
        return not _other_person(a, b)  # "KIM Chong-il" is not "KIM Jong Un"
    letters = [re.sub(r"[^a-z]", "", fold(x["name"])) for x in (a, b)]
    if letters[0] == letters[1]:
        return True
    words = [set(re.findall(r"[a-z]{3,}", fold(x["name"]))) for x in (a, b)]
    same_since = bool(a.get("since") and a.get("since") == b.get("since"))
    return same_since and bool(words[0] & words[1] or _distance(letters[0], letters[1]) <= 2)


def _respelt(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    """The same holder with the surname spelt anew ("Bola TINBU" → "Bola Ahmed Adekunle TINUBU"):
    same title, surnames at most two edits apart, and the same first given name (or the same
    "since" date); or the same person by ``_same_person`` under the same title."""
    if a is None or b is None or fold(a["title"] or "") != fold(b["title"] or ""):
        return False
    if _same_person(a, b) and not _other_person(a, b):
        return True
    sa, sb = _surname(a["name"]), _surname(b["name"])
    if sa == sb or min(len(sa), len(sb)) < 4 or _distance(sa, sb) > 2:
        return False
    ga, gb = _given(a["name"]), _given(b["name"])
    return bool(ga and gb and ga[0] == gb[0]) or bool(a.get("since") and a.get("since") == b.get("since"))


def _surname(name: str) -> str:
    """The Factbook writes surnames in capitals ("Krishna R. URS", "John T. McNAMARA"): those
    tokens identify a holder across snapshots whose given names vary ("James V."/"John V. ROOS")."""
    caps = []
    for token in name.split():
        letters = [c for c in token if c.isalpha()]
        upper = sum(c.isupper() for c in letters)
        if len(letters) >= 2 and upper >= 2 and upper >= len(letters) - 2:
            caps.append(token)
    return fold(" ".join(caps) if caps else name)


def _holder_id(value: dict[str, Any] | None) -> Any:
    """Same person in the same office; a new title (chargé → ambassador) starts a new run."""
    return None if value is None else (_surname(value["name"]), fold(value["title"] or ""))

