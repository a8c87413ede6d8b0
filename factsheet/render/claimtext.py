"""Claims in few words, and what makes two claims "the same claim" across editions.

Used by the change list of ``update`` and by ``diff``: ``key()`` matches claims by type and key
fields, ``value()`` is what must agree for them to be equal, ``describe()`` is the short phrase
("signed in 2009", "Brian A. Nichols", "$14 billion in 2015").
"""

from __future__ import annotations

import re
from typing import Any

from ..folding import fold_accents
from ..organizations import display_name
from . import formatting as fmt

_FLOW = {
    "two_way": "Two-way trade", "us_exports": "U.S. exports", "us_imports": "U.S. imports",
    "partner_exports": "Exports to the United States", "partner_imports": "Imports from the United States",
    "balance": "Trade balance",
}
_EVENT = {
    "signed": "signed", "entered_into_force": "in force since", "in_effect_since": "in force since",
    "anniversary": "anniversary", "eligible": "eligible since",
}
_INVESTMENT = {
    "us_in_partner": "U.S. investment", "partner_in_us": "Investment in the United States",
    "two_way": "Two-way investment",
}
_PEOPLE = {
    ("visitors", "us_to_partner"): "U.S. visitors", ("visitors", "partner_to_us"): "Visitors to the U.S.",
    ("students", "partner_to_us"): "Students in the U.S.", ("students", "us_to_partner"): "U.S. students",
    ("residents", "in_partner"): "U.S. citizens resident", ("diaspora", "in_us"): "Diaspora in the U.S.",
    ("volunteers", "in_partner"): "Peace Corps volunteers", ("crossings", "two_way"): "Border crossings",
}


def fold(text: Any) -> str:
    """Case, accents and punctuation folded away, for comparing names and addresses."""
    value = fold_accents(str(text or ""))
    value = value.replace("charge d'affaires", "charge daffaires")
    return re.sub(r"[^a-z0-9]+", " ", value).strip()


def agreement_key(fields: dict[str, Any]) -> str:
    """An agreement's identity: its short name, or its name without the "U.S.-<X>" prefix."""
    short = fields.get("short_name")
    if short:
        return fold(short).replace(" ", "")
    name = fold(fields.get("name", ""))
    name = re.sub(r"^(?:u s|united states)\s+\w+\s+", "", name)
    words = [w for w in name.split() if w not in ("the", "of", "and", "on")]
    return "".join(w[0] for w in words) or name


def key(claim_type: str, fields: dict[str, Any]) -> tuple[Any, ...]:
    f = fields
    if claim_type == "agreement":
        return (claim_type, agreement_key(f), f.get("event"))
    if claim_type == "leader":
        return (claim_type, fold(f.get("title")) or None)
    if claim_type in ("ambassador", "embassy"):
        return (claim_type, f.get("side"))
    if claim_type == "membership":
        return (claim_type, f.get("organization"))
    if claim_type == "trade":
        return (claim_type, f.get("flow"), f.get("scope") or "total", f.get("year"), f.get("period") or "year")
    if claim_type == "investment":
        return (claim_type, f.get("direction"), f.get("measure"), f.get("year"))
    if claim_type == "people":
        return (claim_type, f.get("kind"), f.get("direction"), f.get("year"))
    if claim_type == "statistic":
        return (claim_type, f.get("subject"), f.get("year"))
    if claim_type == "assistance":
        return (claim_type, f.get("agency"), f.get("fiscal_year") or f.get("year"))
    return (claim_type,)


def _names_match(a: Any, b: Any) -> bool:
    x, y = set(fold(a).split()), set(fold(b).split())
    return bool(x and y) and (x <= y or y <= x)


def same_value(claim_type: str, old: dict[str, Any], new: dict[str, Any]) -> bool:
    """Whether two claims with the same key state the same thing."""
    if claim_type == "leader":
        return _names_match(old.get("name"), new.get("name"))
    if claim_type == "ambassador":
        return _names_match(old.get("name"), new.get("name")) and fold(old.get("title")) == fold(new.get("title"))
    if claim_type == "embassy":
        return all(
            fold(old.get(k)) == fold(new.get(k)) for k in ("kind", "address", "postal_code", "phone")
            if old.get(k) and new.get(k)
        )
    if claim_type == "membership":
        return old.get("status") == new.get("status")
    if claim_type in ("relations.established", "relations.recognized", "relations.severed",
                      "relations.restored", "agreement"):
        return old.get("year") is None or old.get("year") == new.get("year")  # undated: nothing to differ
    if claim_type == "independence":
        return fold(old.get("from")) == fold(new.get("from")) and (
            old.get("year") is None or new.get("year") is None or old.get("year") == new.get("year"))
    if claim_type == "statistic" and isinstance(old.get("value"), int | float) and isinstance(new.get("value"), int | float):
        # a hedged figure ("approximately one quarter") agrees with the estimate it rounds
        close = abs(float(old["value"]) - float(new["value"])) <= (0.01 if old.get("qualifier") else 1e-9)
        return close and (old.get("year") is None or old.get("year") == new.get("year"))
    for field in ("value_usd", "count", "value", "year", "name", "status"):
        if (field in old or field in new) and old.get(field) != new.get(field):
            return False
    return True


def label(claim_type: str, fields: dict[str, Any]) -> str:
    """What the claim is about: "U.S. Ambassador", "Trade Promotion Agreement", "President"."""
    f = fields
    if claim_type == "ambassador":
        if f.get("side") == "partner_to_us":
            return "Ambassador to the United States"
        return "U.S. Ambassador" if fold(f.get("title")) in ("ambassador", "") else f"U.S. {f.get('title')}"
    if claim_type == "embassy":
        return "Embassy in Washington" if f.get("side") == "partner_in_us" else "U.S. Embassy"
    if claim_type == "leader":
        return str(f.get("title") or "Leader")
    if claim_type == "agreement":
        name = str(f.get("name") or f.get("short_name") or "Agreement")
        return re.sub(r"^(?:U\.\s?S\.|United States)\s*-\s*[\w .'-]+?\s+(?=[A-Z][a-z]+ )", "", name)
    if claim_type == "membership":
        return f"Membership: {display_name(str(f.get('organization')))}"
    if claim_type.startswith("relations."):
        return "Diplomatic relations " + {
            "established": "established", "recognized": "(recognition)", "severed": "severed",
            "restored": "restored", "none": "(none)",
        }.get(claim_type.split(".", 1)[1], "")
    if claim_type == "independence":
        return "Independence"
    if claim_type == "trade":
        scope = f.get("scope")
        base = _FLOW.get(str(f.get("flow")), "Trade")
        return f"{base} ({scope})" if scope and scope not in ("total", "goods_and_services") else base
    if claim_type == "people":
        return _PEOPLE.get((str(f.get("kind")), str(f.get("direction"))), f"People ({f.get('kind')})")
    if claim_type == "statistic":
        return str(f.get("subject") or "Statistic").replace("_", " ").capitalize()
    if claim_type == "investment":
        return _INVESTMENT.get(str(f.get("direction")), "Investment") + (
            f" ({f['measure']})" if f.get("measure") in ("stock", "flow") else "")
    if claim_type == "assistance":
        return "Assistance"
    return claim_type


def _hedge(fields: dict[str, Any]) -> str:
    """The figure's qualifier as the sheet wrote it ("more than 500,000"), with its space."""
    q = fields.get("qualifier")
    return f"{q} " if isinstance(q, str) and q and q.replace(" ", "").isalpha() else ""


def describe(claim_type: str, fields: dict[str, Any]) -> str:
    """The claim's content in a few words."""
    f = fields
    if claim_type == "agreement":
        event = _EVENT.get(str(f.get("event")), str(f.get("event") or "").replace("_", " "))
        when = str(f.get("date") or f.get("year") or "")
        if not when:
            return event
        if event == "signed":
            event += " on" if len(when) == 10 else " in"
        return f"{event} {fmt.date(when)}"
    if claim_type in ("ambassador",):
        title = f.get("title")
        shown = "Chargé d'Affaires" if fold(title) == "charge daffaires" else title
        name = f.get("name")
        if not name:  # "also is accredited to …": a post without a name
            accredited = ", ".join(str(c) for c in f.get("also_accredited_to") or [])
            return f"{shown or 'Ambassador'}, name not given" + (f" (also accredited to {accredited})"
                                                                  if accredited else "")
        return str(name) if fold(title) in ("ambassador", "") else f"{shown} {name}"
    if claim_type == "leader":
        since = f.get("since")
        return f"{f.get('name')}" + (f" (since {fmt.date(str(since))})" if since else "")
    if claim_type == "embassy":
        parts = [f.get("address"), f.get("city"), " ".join(p for p in (f.get("region"), f.get("postal_code")) if p)]
        text = ", ".join(str(p) for p in parts if p)
        if f.get("phone"):
            text += f"; tel. {fmt.phone(str(f['phone']))}"
        return text or str(f.get("kind"))
    if claim_type == "membership":
        return str(f.get("status", "member")) + (" (shared with the U.S.)" if f.get("shared_with_us") else "")
    if claim_type.startswith("relations."):
        moment = f.get("date") or f.get("year")
        return f"in {fmt.date(str(moment))}" if moment else str(f.get("note") or "")
    if claim_type == "independence":
        year = f" in {f['year']}" if f.get("year") else ""
        return f"from {f.get('from')}{year}"
    if claim_type == "trade":
        per = " a day" if f.get("period") == "day" else ""
        year = f" in {f['year']}" if f.get("year") else ""
        value = fmt.money(float(f["value_usd"])) if f.get("value_usd") is not None else "amount not given"
        return f"{_hedge(f)}{value}{per}{year}"
    if claim_type == "investment":
        value = fmt.money(float(f["value_usd"])) if f.get("value_usd") is not None else "amount not given"
        return f"{_hedge(f)}{value}" + (f" in {f['year']}" if f.get("year") else "")
    if claim_type == "people":
        n = fmt.count(float(f["count"])) if f.get("count") is not None else "number not given"
        per = " a day" if f.get("period") == "day" else (" a year" if f.get("period") == "year" else "")
        return f"{_hedge(f)}{n}{per}" + (f" in {f['year']}" if f.get("year") else "")
    if claim_type == "statistic":
        stat = f.get("value")
        shown = fmt.percent(float(stat)) if isinstance(stat, int | float) and stat <= 1 else str(stat)
        return shown + (f" in {f['year']}" if f.get("year") else "")
    if claim_type == "assistance":
        if f.get("value_usd") is not None:
            return fmt.money(float(f["value_usd"])) + (f" in FY {f['fiscal_year']}" if f.get("fiscal_year") else "")
        return ", ".join(f.get("purposes") or []) or ("none" if f.get("negation") else "programs")
    return ", ".join(f"{k}={v}" for k, v in f.items())
