"""Bilateral representation: ambassadors (named or not, chargés, consuls general, accredited
from elsewhere) and the partner's embassy in the United States (address, E.164 phone, UN
mission instead of an embassy, none, interests section)."""

from __future__ import annotations

import bisect
import re
from typing import Any

from ..countries import country_name
from . import rules
from .normalize import country_iso2, phone_e164
from .pipeline import Component, Context, Draft, Unit, apply, convert, draft

_AMB_GATE = ("ambassador", "charg", "consul", "officials", "accredited", "principal officer")
_EMB_GATE = ("embassy", "interests section", "mission", "nunciature", "high commission", "legation")
_SPACES = re.compile(r"\s+")
_DOTS_SPACES = re.compile(r"[.\s]")


def run(ctx: Context) -> dict[str, list[Draft]]:
    rs = rules.load("representation")
    country = ctx.document.country
    amb: list[Draft] = []
    emb: list[Draft] = []
    units = ctx.units
    amb_units = {u.index for u in ctx.gated(_AMB_GATE)}
    emb_units = {u.index for u in ctx.gated(_EMB_GATE)}
    for i in sorted(amb_units | emb_units):
        unit = units[i]
        nxt = units[i + 1] if i + 1 < len(units) and units[i + 1].block == unit.block else None
        if i in amb_units:
            amb.extend(_ambassadors(rs, unit, nxt, country))
        if i in emb_units:
            emb.extend(_embassies(rs, unit, nxt, country))
            emb.extend(_embassy_events(rs, unit))
    return {"ambassador": amb, "embassy": emb}


_EVENT_WORDS = {"opened": "opened", "closed": "closed", "reopened": "reopened", "resumed": "reopened",
                "suspended": "suspended",
                "moved": "moved", "relocated": "moved", "elevated": "upgraded", "upgraded": "upgraded",
                "raised": "upgraded"}
_AND_THEN = re.compile(rules.expand(
    r",?\s+(?:and|but)\s+(?:was\s+|were\s+|then\s+|later\s+)*(?P<event>opened|closed|reopened|suspended|"
    r"resumed|moved|relocated|raised|upgraded|elevated)(?:\s+(?:it|them|operations))?"
    r"(?:\s+to\s+(?:an?\s+)?(?:full\s+)?embassy)?\s+(?:in|on)\s+(?P<date><<DATE>>)"))
_EVENT_DATE = re.compile(rules.expand(r"[^.;]{0,60}?\b(?:(?:in|on|since)\s+)?(?P<date><<DATE>>)"))


def _embassy_events(rs: rules.RuleSet, unit: Unit) -> list[Draft]:
    """An embassy opened, closed, suspended, reopened, moved or raised from a legation, with its
    city and date: "The U.S. Embassy in <city> opened in 1950". No date, no claim."""
    out: list[Draft] = []
    seen: set[tuple[str, str]] = set()
    for rule in rs.table("embassy_events"):
        for m, fields in apply(rule, unit):
            event = _EVENT_WORDS.get(str(fields.get("event", "")).lower())
            when = _EVENT_DATE.match(unit.text, m.end())
            got = convert("date", "date", when["date"]) if when else None
            if event is None or not got or (fields["side"], event) in seen:
                continue
            seen.add((fields["side"], event))
            result: dict[str, Any] = {"side": fields["side"], "kind": "embassy", "event": event}
            if fields.get("city"):
                result["city"] = fields["city"]
            result.update(got)
            out.append(draft(unit, "embassy", result, (unit.start, unit.end), rule.confidence, rule.id))
            then = _AND_THEN.match(unit.text, when.end()) if when else None
            again = _EVENT_WORDS.get(then["event"].lower()) if then else None
            got_again = convert("date", "date", then["date"]) if then else None
            if then and again and got_again and (fields["side"], again) not in seen:
                # "closed in 1975 and reopened in 1992": the same post's next event
                seen.add((fields["side"], again))
                out.append(draft(unit, "embassy", {**result, "event": again, **got_again},
                                 (unit.start, unit.end), rule.confidence, rule.id))
    return out


def _ambassadors(rs: rules.RuleSet, unit: Unit, nxt: Unit | None, country: str | None) -> list[Draft]:
    out: list[Draft] = []
    taken: list[tuple[int, int]] = []  # disjoint, sorted: overlap found by bisection (issue 14)
    for rule in rs.table("ambassadors"):
        for m, fields in apply(rule, unit):
            if _overlaps(taken, m.start(), m.end()):
                continue
            bisect.insort(taken, (m.start(), m.end()))
            result: dict[str, Any] = {"side": fields["side"]}
            if fields.get("name"):
                result["name"] = re.sub(r"['’]s$", "", fields["name"])
            result["title"] = fields.get("title", "Ambassador")
            to = fields.get("to")
            also_to: list[str] = []
            if isinstance(to, list):
                # "Ambassador to Spain and Andorra", "to Switzerland and Liechtenstein": the
                # sheet's country among several is the post, the others accreditations
                to, also_to = (country, [c for c in to if c != country]) if country in to else (to[0], to[1:])
            if to and country and to != country:
                result["resident_in"] = to
            elif "to" in rule.regex.groupindex and m.group("to") and to is None:
                continue  # "Ambassador to <something that is not a country>"
            if fields.get("post"):
                result["post"] = fields["post"]
            also = [c for c in [*also_to, *fields.get("also", [])] if c != to]
            also = list(dict.fromkeys(also))
            if also:
                result["also_accredited_to"] = also
            if fields.get("resident_in") and fields["resident_in"] != country:
                result["resident_in"] = fields["resident_in"]  # "is resident in <city>, <Y>"
            if "resident_in" not in result:
                res = _resident(rs, unit.text, m.end()) or (_resident(rs, nxt.text) if nxt else None)
                if res and res != country:
                    result["resident_in"] = res
            confidence = rule.confidence
            if to and country and to != country and country not in also and \
                    unit.text.find(country_name(country, article=False), m.end()) == -1:
                confidence = min(confidence, 0.45)  # the ambassador to another country
            out.append(draft(unit, "ambassador", result, (unit.start, unit.end), confidence, rule.id))
    for rule in rs.table("both_cda"):
        for m, fields in apply(rule, unit):
            if _overlaps(taken, m.start(), m.end()):
                if rule.id != "amb.both_cda_keep":
                    continue
                # "both countries keep embassies headed by chargés": both sides, not only the U.S.
                out = [d for d in out if d.rule != "amb.cda_headed"]
            for side in ("us_to_partner", "partner_to_us"):
                out.append(draft(unit, "ambassador", {"side": side, "title": fields["title"]},
                                 (unit.start, unit.end), rule.confidence, rule.id))
    return out


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of the sorted, disjoint spans of ``taken``."""
    i = bisect.bisect_left(taken, (end, end))  # spans starting before ``end`` lie left of i
    return i > 0 and taken[i - 1][1] > start


def _resident(rs: rules.RuleSet, text: str, pos: int = 0) -> str | None:
    m = rs.table("resident")[0].regex.search(text, pos)  # from pos, not a copy of the rest
    if not m:
        return None
    return country_iso2(m["resident_in"])


def _embassies(rs: rules.RuleSet, unit: Unit, nxt: Unit | None, country: str | None) -> list[Draft]:
    un_words = rs.table("un_words")[0].regex
    out: list[Draft] = []
    sides: set[str] = set()
    for rule in rs.table("embassies"):
        for m, fields in apply(rule, unit):
            if fields["side"] in sides:
                break
            result: dict[str, Any] = {"side": fields["side"], "kind": fields["kind"]}
            source = unit
            if rule.id == "emb.un_mission":
                un_here = un_words.search(unit.text)
                un_next = nxt is not None and un_words.search(nxt.text) is not None
                if not un_here and not un_next:
                    result["kind"] = "none"
                else:
                    addr = parse_address(rs, unit.text[m.end():])
                    if not addr and un_next and nxt is not None:
                        addr = parse_address(rs, nxt.text)
                        if addr:
                            source = nxt
                    result.update(addr)
            else:
                result.update(parse_address(rs, unit.text[m.start():]))
                if "phone" not in result and nxt is not None and "address" in result and \
                        re.search(r"(?i)\b(?:tel|telephone|phone)\b", nxt.text):
                    phone = parse_address(rs, "at 0 " + nxt.text).get("phone")
                    if phone:  # "The nunciature's telephone number is (202) 333-7121."
                        result["phone"] = phone
                if rule.id == "emb.located" and not result.get("postal_code") and not result.get("phone"):
                    continue
            sides.add(fields["side"])
            out.append(draft(source, "embassy", result, (source.start, source.end), rule.confidence, rule.id))
            break
    return out


def parse_address(rs: rules.RuleSet, text: str) -> dict[str, Any]:
    """"… at 1700 Massachusetts Avenue, NW, Washington, DC 20036; tel. (202) 833-9860" → parts."""
    tables = {r.id: r.regex for r in rs.table("address")}
    out: dict[str, Any] = {}
    start = tables["addr.start"].search(text)
    if not start:
        return out
    rest = text[start.end():]
    city = tables["addr.city"].search(rest)
    if city:
        street = rest[: city.start()].strip(" ,;")
        parts = [p.strip() for p in street.split(",") if p.strip()]
        suite = [p for p in parts if tables["addr.suite"].match(p)]
        address = [p for p in parts if p not in suite]
        if address:
            out["address"] = ", ".join(address)
        if suite:
            out["suite"] = ", ".join(suite)
        out["city"] = _SPACES.sub(" ", city["city"])
        out["region"] = _DOTS_SPACES.sub("", city["region"])
        if city["zip"]:
            out["postal_code"] = city["zip"]
    phone = tables["addr.phone"].search(rest)
    if phone:

        e164 = phone_e164(phone["phone"])
        if e164:
            out["phone"] = e164
    return out


COMPONENT = Component("representation", run, requires=("sentences",), produces=("ambassador", "embassy"))
