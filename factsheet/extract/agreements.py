"""Agreements by event: signed, entered into force, in effect since, anniversary, AGOA eligibility.

Agreement names ("U.S.-Peru Trade Promotion Agreement (TPA)", "the U.S.- Peru TPA", "a
Bilateral Investment Treaty") and event words are found separately; each event takes the
nearest name and the nearest date of its clause, so one sentence can hold several events.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from . import rules
from .anaphora import same_time
from .pipeline import (
    CLAUSE_BREAK,
    Clauses,
    Component,
    Context,
    Draft,
    Unit,
    apply,
    convert,
    draft,
    literal_gate,
    may_hold,
)

# Cheap substring gate (a regex here costs more than all the rules on most sentences).
_GATE = ("agreement", "treaty", "treaties", " pact", "memorandum", "charter", "declaration", "statement", "roadmap", "communiqu", "compact", " act", "accord", "convention", "arrangement", "agoa",
         "tpa", "fta", "bit", "tifa", "nafta", "usmca", "cafta", "gsp", "preferences")
_DATE_AFTER = re.compile(rules.expand(r"\b(?:[Ii]n|on|since|during|of)\s+(?P<date><<DATE>>)"))
# "The 2009 entry into force", "Peru's 2009 entry…", or a sentence that opens with the year.
_YEAR_BEFORE = re.compile(rules.expand(
    r"(?:^\W*|\b(?:[Tt]he|[Ii]ts|[Tt]heir|[Aa]|[Tt]his|[Tt]hat)\s+|\w['’]s?\s+)(?P<date><<YEAR>>)\s*$"))
_DATE_LEAD = re.compile(rules.expand(r"^\W*(?:In|On|Since)\s+(?P<date><<DATE>>)(?:\s*,|\s+(?=[a-z]|[Tt]he\b))"))
_US_SECTION = re.compile(r"U\.\s?S\.|United\s+States|Bilateral\s+Relations")
# Words that cannot modify a generic agreement's head noun: the name starts after the last one
# ("have signed a customs agreement" → "customs agreement").
_NOT_MODIFIER = frozenset([
    "a", "an", "the", "and", "or", "of", "with", "have", "has", "had", "having", "signed", "sign",
    "signing", "ratified", "concluded", "including", "include", "includes", "its", "their", "this",
    "that", "these", "those", "two", "three", "several", "number", "many", "numerous", "other",
    "new", "under", "through", "by", "to", "in", "on", "for", "as", "is", "are", "was", "were",
    "both", "each", "which", "also", "such", "first", "been", "be",
])
_PLURAL_ON = re.compile(r"^(?P<head>treaties|agreements|conventions|accords)\s+(?P<prep>on|for|regarding|concerning)\s+"
                        r"(?P<first>[^,;]+?)\s*$", re.I)
# "have extradition and mutual legal assistance treaties": the modifiers of a plural head
_COORDINATED = re.compile(r"(?<![\w-])(?P<a>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}?)\s+and\s+"
                          r"(?P<b>(?!(?:a|an|the)\b)[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}?)\s+"
                          r"(?P<head>treaties|agreements|conventions|accords)$")
_COORDINATED_GATE = literal_gate(_COORDINATED)
_SINGULAR = {"treaties": "treaty", "agreements": "agreement", "conventions": "convention", "accords": "accord"}
# the next subject of "treaties on A, B, and C" (lower-case words up to a comma or the end)
_SUBJECT = re.compile(r",\s*(?:and\s+)?(?P<subject>[a-z][a-z\s-]{0,60}?)(?=\s*[,.;]|\s*$)")
# a list of agreements: only separators and articles between two names
_LIST_GAP = re.compile(r"(?:,?\s*[a-z][\w-]*(?:(?:\s+[a-z][\w-]*){0,5}(?=\s*;)|(?:\s+[a-z][\w-]*){0,2}(?=\s*,)))?\s*(?:,\s*(?:and\s+|as\s+well\s+as\s+)?|;\s*(?:and\s+)?|\s+and\s+|\s+as\s+well\s+as\s+)"
                       r"(?:(?:a|an|the)\s+)?|\s+(?:a|an|the)\s+|\s*")
# "have signed several agreements, including an Open Skies agreement": the list hangs off
# "including", however far from the verb
_INCLUDING = re.compile(r"[^;.]*\bincluding\s*(?:(?:a|an|the)\s+)?$")
# "a cease-fire agreement with eight armed groups": a generic agreement with another party
_OTHER_PARTY = re.compile(r"\s+(?:with|between|among)\s+(?!(?:the\s+)?(?:United\s+States|U\.\s?S\.)|each\s+other|Washington)")
# "the 1833 Treaty of Amity", "the 1954 Manila Pact": the year written in front of the name
# "These treaties", "The agreement", "the treaty": an agreement named earlier in the paragraph
_ANAPHOR = re.compile(r"\b(?:[Tt]hese|[Tt]hose|[Tt]his|[Tt]he|[Tt]hat)\s+(?:treaties|treaty|agreements?|accords?|compacts?)\b"
                      r"(?!\s+(?:on|of|for|with|between|to)\b)")
_ANAPHOR_EVENT = re.compile(r"(?:signed|concluded|entered|came|went|took|was|were)\b")
# "gained independence in 1986 with the Compact's entry into force"
_DATE_WITH = re.compile(rules.expand(
    r"\b(?:in|on)\s+(?P<date><<DATE>>),?\s+(?:with|when|upon|through)\s+(?:the\s+|its\s+|a\s+|an\s+)?$"))
_DATE_BEFORE = re.compile(rules.expand(r"\b(?:[Ii]n|on|during)\s+(?P<date><<DATE>>)"))
_IT_AFTER = re.compile(r"[^;]{0,60};\s*(?:it|which|this|the\s+(?:agreement|treaty))\s+(?:\w+\s+){0,2}")
_YEAR_IN_FRONT = re.compile(rules.expand(r"\b(?:[Tt]he|[Aa]n?|[Ii]ts)\s+(?P<date><<YEAR>>)\s+$"))
_LEADING = re.compile(
    r"^(?:(?:the|a|an|its|their|this|that|under|in|with|since|after|following|through|by|as|per|"
    r"during|when|once|both|and)\s+)+", re.I)

# compiled once: a string pattern passed to re.match/re.sub costs a cache look-up per call
_AGREEMENTS_NOT_LISTED = re.compile(r"(?:\w+\s+)*?agreements\s+(?!on\b|regarding\b|concerning\b)")
_LAW = re.compile(r"\bAct\b$")
_APPOSITION = re.compile(r",\s*(?:the|a|an)\s+[\w.\s-]*")
_OPEN_PAREN = re.compile(r"\s*\(\s*")
_COMMA_THE = re.compile(r"\s*,\s*(?:the\s+)?")
_NON_WORD = re.compile(r"\W+")
_HEAD = re.compile(r"\b(?:agreements|agreement|treaty|treaties|pact|accord|memorandum of understanding|convention)\b",
                   re.I)
_SPACES = re.compile(r"\s+")
_TRAILING_LINKS = re.compile(r"(?:\s+(?:and|of|the|to|for|on|or))+$")


def run(ctx: Context) -> dict[str, list[Draft]]:
    rs = rules.load("agreements")
    out: list[Draft] = []
    last: dict[int, dict[str, Any]] = {}  # block → the last agreement named in it
    for unit in ctx.gated(_GATE):
        out.extend(_eligible(rs, unit, "eligible"))
        out.extend(_eligible(rs, unit, "gsp"))
        out.extend(_eligible(rs, unit, "preference"))
        out.extend(_events(rs, unit, last, ctx.units))
    # "The 1951 defense agreement stipulated …" after "signed a defense agreement in 1951":
    # a reference back to a stated fact, not a claim of its own
    stated = {_key(d) for d in out if d.rule != "agr.event.year_in_front"}
    return {"agreements": [d for d in out if d.rule != "agr.event.year_in_front" or _key(d) not in stated]}


def _key(d: Draft) -> tuple[str, Any, Any]:
    return (_NON_WORD.sub("", str(d.fields.get("name", "")).lower()), d.fields.get("event"),
            d.fields.get("year"))


def _mentions(rs: rules.RuleSet, unit: Unit) -> list[tuple[int, int, dict[str, Any], float]]:
    found: list[tuple[int, int, dict[str, Any], float]] = []
    for rule in rs.table("mentions"):
        for m, fields in apply(rule, unit):
            if any(not (m.end() <= s or m.start() >= e) for s, e, _, _ in found):
                continue
            name = _LEADING.sub("", fields.get("name", ""))
            if rule.id == "agr.mention.full" and len(name.split()) < 2:
                continue
            if rule.id == "agr.mention.generic" and _AGREEMENTS_NOT_LISTED.match(name):
                continue  # "international agreements to normalize …": not named, not listed
            if rule.id == "agr.mention.generic":
                generic = _generic_name(name)
                if generic is None or _OTHER_PARTY.match(unit.text, m.end()):
                    continue
                name = generic
            if _LAW.search(name) and "Opportunity" not in name and "Trade" not in name:
                continue  # a law ("the Foreign Assistance Act") is not a bilateral agreement
            fields["name"] = name
            fields["_generic"] = rule.id == "agr.mention.lower"
            start = m.start() + m.group(0).find(name) if name in m.group(0) else m.start()
            pair = _COORDINATED.search(unit.text, max(0, m.end() - 120), m.end()) \
                if rule.id == "agr.mention.generic" and may_hold(unit, _COORDINATED_GATE) else None
            if pair:
                # "extradition and mutual legal assistance treaties": one treaty per modifier
                head = _SINGULAR[pair["head"].lower()]
                words: list[str] = []
                for word in reversed(pair["a"].split()):  # "have extradition and …": after the verb
                    if word.lower() in _NOT_MODIFIER:
                        break
                    words.insert(0, word)
                if words:
                    a = " ".join(words)
                    found.append((pair.end("a") - len(a), pair.end("a"),
                                  {**fields, "name": f"{a} {head}"}, rule.confidence))
                    found.append((pair.start("b"), pair.end("head"),
                                  {**fields, "name": f"{pair['b']} {head}"}, rule.confidence))
                    continue
            spread = _PLURAL_ON.match(name) if rule.id == "agr.mention.generic" else None
            if spread:
                # "treaties on investment, trade, and avoidance of double taxation": one
                # agreement per subject, each named in the singular
                head = _SINGULAR.get(spread["head"].lower(), spread["head"])
                first, _, second = spread["first"].partition(" and ")
                found.append((start, m.end(), {**fields, "name": f"{head} {spread['prep']} {first}"},
                              rule.confidence))
                if second and len(second.split()) <= 4:
                    # "agreements on maritime cooperation and tax information exchange": two
                    found.append((start, m.end(), {**fields, "name": f"{head} {spread['prep']} {second}"},
                                  rule.confidence))
                pos = m.end()
                while (subject := _SUBJECT.match(unit.text, pos)) is not None:
                    found.append((subject.start("subject"), subject.end("subject"),
                                  {**fields, "name": f"{head} {spread['prep']} {subject['subject'].strip()}"},
                                  rule.confidence))
                    pos = subject.end()
                continue
            found.append((start, m.end(), fields, rule.confidence))
    named = [(s, e) for s, e, f, _ in found if not f["_generic"]]
    if named:
        # "the U.S.-Singapore FTA, the first U.S. free trade agreement with …": the named one
        # (a generic phrase in apposition to a named agreement is that agreement)
        found = [t for t in found if not t[2]["_generic"] or not any(
            (0 <= t[0] - e <= 30 and _APPOSITION.fullmatch(unit.text, e, t[0]))
            or 0 <= s - t[1] <= 2 for s, e in named)]
    found.sort(key=lambda t: t[0])
    # "the KORUS FTA (U.S.-Korea Free Trade Agreement)": the acronym first, the name in the
    # parenthesis — one agreement, the acronym its short name
    text = unit.text
    merged: list[tuple[int, int, dict[str, Any], float]] = []
    for item in found:
        if merged:
            a0, a1, af, ac = merged[-1]
            if (af.get("short_name") and af["short_name"] == af.get("name") and not item[2]["_generic"]
                    and _OPEN_PAREN.fullmatch(text, a1, item[0]) and text[item[1]:item[1] + 1] == ")"):
                fields = {**item[2], "short_name": af["short_name"]}
                merged[-1] = (a0, item[1] + 1, fields, max(ac, item[3]))
                continue
        merged.append(item)
    return merged


def _generic_name(raw: str) -> str | None:
    """A generic agreement's name from the words matched: the modifiers right before the head
    noun and the tail after it; None when nothing but the bare noun is left."""
    raw = _SPACES.sub(" ", raw).strip(" ,")
    head = _HEAD.search(raw)
    if head is None:
        return None
    words = raw[: head.start()].split()
    keep: list[str] = []
    for w in reversed(words):
        if w.lower() in _NOT_MODIFIER:
            break
        keep.insert(0, w)
    tail = _TRAILING_LINKS.sub("", raw[head.end():].rstrip())
    if not keep and not tail.strip():
        if head.group(0) == "Memorandum of Understanding":
            return head.group(0)  # capitalized, it names the instrument
        return None  # "the agreement", "these treaties"
    if keep and keep[0].lower() in ("bilateral", "other", "trade-related") and len(keep) == 1 and not tail.strip():
        return None  # "bilateral agreements": no name at all
    return " ".join([*keep, raw[head.start():head.end()]]) + tail.rstrip()


def _spread_over_lists(mentions: list[tuple[int, int, dict[str, Any], float]], text: str,
                       chosen: dict[int, int]) -> dict[int, int]:
    """The other items of each chosen agreement's list: "signed a customs agreement, a shiprider
    agreement and a tax treaty" is one claim each. ``chosen`` maps a mention's index to its
    claim; the result maps every list item's index to the claim it copies."""
    out = dict(chosen)
    for i in sorted(chosen):
        ev = chosen[i]
        for step in (1, -1):
            j = i
            while 0 <= j + step < len(mentions):
                a, b = (j, j + step) if step == 1 else (j + step, j)
                if not _LIST_GAP.fullmatch(text[mentions[a][1]:mentions[b][0]]):
                    break
                j += step
                if j in out:
                    break
                out[j] = ev
    return out


def _events(rs: rules.RuleSet, unit: Unit, last: dict[int, dict[str, Any]] | None = None,
            units: Sequence[Unit] = ()) -> list[Draft]:
    mentions = _mentions(rs, unit)
    named = [f for _, _, f, _ in mentions if f["name"][:1].isupper() and not f["_generic"]]
    if not mentions and last and unit.block in last and (ana := _ANAPHOR.search(unit.text)):
        # "In 1977, the Torrijos-Carter Treaties were signed … These treaties went into effect
        # in 1979": the agreement the paragraph last named
        mentions = [(ana.start(), ana.end(), {**last[unit.block], "_anaphor": True}, 0.8)]
    if last is not None and named:
        last[unit.block] = named[-1]
    if not mentions:
        return []
    events: list[tuple[int, int, dict[str, Any], rules.Rule]] = []
    for rule in rs.table("events"):
        for m, fields in apply(rule, unit):
            if any(not (m.end() <= s or m.start() >= e) for s, e, _, _ in events):
                continue
            events.append((m.start(), m.end(), fields, rule))
    events.sort(key=lambda t: t[0])
    negation = rs.table("negation")[0].regex
    # U.S. context: the sentence names the United States, or its section is about U.S. relations
    # (an excerpt without headings is a U.S.-relations page from its first line: no section
    # says otherwise)
    us = (rs.table("us_context")[0].regex.search(unit.text) is not None
          or bool(unit.section and _US_SECTION.search(unit.section)) or unit.section is None)
    out: list[Draft] = []
    text = unit.text
    chosen: dict[int, int] = {}
    anaphor = any(f.get("_anaphor") for _, _, f, _ in mentions)
    clauses = Clauses(text)
    for i, (start, end, _fields, _rule) in enumerate(events):
        if negation.search(text[max(0, start - 30) : start]):
            continue
        if anaphor and not _ANAPHOR_EVENT.match(text, start):
            continue  # "implementation of the agreement was slow": not an event of its own
        # nearest agreement name: the gap between it and the event words
        best = min(mentions, key=lambda mn: max(mn[0] - end, start - mn[1], 0))
        for other in mentions:  # "a free trade agreement, the North American Free Trade Agreement"
            if other is not best and 0 <= other[0] - best[1] <= 8 and \
                    _COMMA_THE.fullmatch(text, best[1], other[0]) and \
                    best[2]["name"][:1].islower() and other[2]["name"][:1].isupper():
                best = (best[0], other[1], other[2], other[3])
                break
        gap = max(best[0] - end, start - best[1], 0)
        if best[0] >= end and _INCLUDING.match(text, end, best[0]):
            gap = 0
        between = text[min(best[1], end) : max(best[0], start)]
        if gap > 80 or (";" in between and not (best[1] <= start and _IT_AFTER.fullmatch(between))):
            continue  # "…; it entered into force in 2005" goes on about the same agreement
        claims = _claim(rs, unit, events, mentions, i, best, us, clauses, units)
        if best in mentions and claims:
            chosen[mentions.index(best)] = len(out)
        out.extend(claims)
    # the other items of a chosen agreement's list take its event and date: no date can lie
    # between two items of a list, so the date found is the whole list's
    spread = _spread_over_lists(mentions, text, chosen)
    for j, k in spread.items():
        if j not in chosen:
            d = out[k]
            fields = {"name": mentions[j][2]["name"]}
            if mentions[j][2].get("short_name"):
                fields["short_name"] = mentions[j][2]["short_name"]
            fields.update({key: v for key, v in d.fields.items() if key not in ("name", "short_name")})
            out.append(draft(unit, "agreement", fields, (unit.start, unit.end),
                             min(d.confidence, mentions[j][3]), d.rule))
    # "parties to the 1954 Manila Pact", "codified in the 2009 Charter on …": an agreement
    # named with a year in front of it and no event of its own was concluded that year
    for j, (s0, _e, fields, conf) in enumerate(mentions):
        if j in chosen or j in spread or fields.get("_anaphor") or fields["name"].endswith("Act"):
            continue
        year = _YEAR_IN_FRONT.search(text, max(0, s0 - 12), s0)
        if year and (got := convert("date", "date", year["date"])):
            ident = {"name": fields["name"], **({"short_name": fields["short_name"]}
                                                if fields.get("short_name") else {})}
            out.append(draft(unit, "agreement", {**ident, "event": "signed", **got},
                             (unit.start, unit.end), min(conf, 0.75 if us else 0.45),
                             "agr.event.year_in_front"))
    # a sheet that names one agreement twice in a list ("an agreement on trade relations, an
    # Agreement on Trade Relations") states it once
    seen: set[tuple[str, str, Any]] = set()
    unique: list[Draft] = []
    for d in out:
        key = _key(d)
        if key not in seen:
            seen.add(key)
            unique.append(d)
    return unique


def _claim(rs: rules.RuleSet, unit: Unit, events: list[tuple[int, int, dict[str, Any], rules.Rule]],
       mentions: list[tuple[int, int, dict[str, Any], float]], i: int,
       best: tuple[int, int, dict[str, Any], float], us: bool, clauses: Clauses,
       units: Sequence[Unit] = ()) -> list[Draft]:
    text = unit.text
    start, end, fields, rule = events[i]
    nxt = min([s for s, *_ in events[i + 1 :]] + [len(text)])
    window_end = min([s for s, _, _, _ in mentions if s > max(end, best[1])] + [nxt])
    window = text[end:window_end] if best[0] < start else text[best[1]:nxt]
    if nxt < len(text) and (cut := list(CLAUSE_BREAK.finditer(window))):
        # "signed the A Declaration, and in 2012 the signing of B …": the date of the next
        # clause is the next event's
        window = window[: cut[-1].start()]
    date_m = _DATE_AFTER.search(window)
    if date_m is None:
        # pos/endpos: "^" matches only at the real start of the sentence, "$" at the event
        date_m = _YEAR_BEFORE.search(text, max(0, start - 24), start)
    if date_m is None:
        date_m = _YEAR_IN_FRONT.search(text, max(0, best[0] - 12), best[0])
    if date_m is None:
        date_m = _DATE_WITH.search(text, max(0, best[0] - 60), best[0])
    if date_m is None:
        # the date of the event's own clause, just before it ("…, and in 2012 the signing of
        # B", "was enhanced in 2012 by the signing of B")
        own = max(events[i - 1][1] if i else 0, start - 40, clauses.start_of(start))
        date_m = _DATE_BEFORE.search(text, own, start)
    if date_m is None:
        date_m = _DATE_LEAD.search(text)
    raw = date_m["date"] if date_m is not None else same_time(units, unit)
    result: dict[str, Any] = {"name": best[2]["name"]}
    if best[2].get("short_name"):
        result["short_name"] = best[2]["short_name"]
    result["event"] = fields["event"]
    if "anniversary" in fields:
        result["anniversary"] = fields["anniversary"]
    confidence = min(rule.confidence, best[3])
    if raw and (got := convert("date", "date", raw)):
        n = result.get("anniversary")
        if isinstance(n, int) and isinstance(got.get("year"), int):
            # "marked the 20th anniversary of the … agreement in 2016": the year it implies
            result.update({"year": got["year"] - n, "derived_from": "anniversary",
                           "anniversary_year": got["year"]})
        else:
            result.update(got)
    elif text.startswith("implementation", start):
        return []  # "made implementation of the peace accord harder": no event, no date
    else:
        confidence = min(confidence, 0.6)
    if not us:
        confidence = min(confidence, 0.45)
    return [draft(unit, "agreement", result, (unit.start, unit.end), confidence, rule.id)]


def _eligible(rs: rules.RuleSet, unit: Unit, table: str) -> list[Draft]:
    negation = rs.table("negation")[0].regex
    out = []
    for rule in rs.table(table):
        for m, fields in apply(rule, unit):
            if negation.search(unit.text[max(0, m.start() - 40) : m.end()]):
                continue
            if "name" in fields:
                fields["name"] = _LEADING.sub("", fields["name"])
            date_m = _DATE_AFTER.search(unit.text, m.end())
            if date_m and (got := convert("date", "date", date_m["date"])):
                fields.update(got)
            out.append(draft(unit, "agreement", fields, (unit.start, unit.end), rule.confidence, rule.id))
    return out


COMPONENT = Component("agreements", run, requires=("sentences",), produces=("agreements",))
