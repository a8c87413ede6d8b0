"""rdcr: "A Guide to the United States' History of Recognition, Diplomatic, and Consular Relations".

One TEI file per country. Events are not marked by id: each ``div[@type="timeline"]`` has a
``head`` whose wording says what happened ("Establishment of Diplomatic Relations, 1827.",
"Diplomatic Relations Severed, 1961.", "Legation Raised to Embassy, 1920."). The head's year is
read from its text; when ``date/@when`` disagrees, the text wins and the mismatch is reported.
The day is taken from the paragraph below when a date there has the head's year.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from ..model import Fact
from . import gsh
from ._common import (
    TEI,
    BuildResult,
    historian_result,
    mdy_all,
    require_dir,
    text_of,
    xml_files,
)

SOURCE = "rdcr"
CITATION = ("Office of the Historian, U.S. Department of State, A Guide to the United States' History "
            "of Recognition, Diplomatic, and Consular Relations, by Country, since 1776 (HistoryAtState/rdcr)")
URL = "https://history.state.gov/countries/{id}"

_NOT_RECOGNITION = re.compile(r"non-?recognition|withdrawn|anniversary", re.I)
_RECOGNIZED_US = re.compile(r"recognition of (?:the independence of )?the united states", re.I)
_RESTORED = re.compile(
    r"re-?establish\w*(?: of)?(?: full| normal)? (?:diplomatic |ambassadorial )?relations"
    r"|relations (?:were )?re-?establish|resum\w*|restor\w*|normaliz\w*|renew\w*", re.I)
_SEVERED = re.compile(
    r"sever\w*|cessation of (?:diplomatic )?relations|termination of (?:diplomatic )?relations"
    r"|relations (?:were )?interrupted|interruption of relations|suspension of (?:normal |diplomatic )*relations"
    r"|relations (?:ended|broken)|break in relations", re.I)
_ESTABLISHED = re.compile(
    r"(?<!re-)(?<!re)establish\w*(?: of)?(?: full| formal)? (?:diplomatic |ambassadorial )?relations"
    r"|(?:diplomatic|ambassadorial) relations (?:were )?(?<!re)established", re.I)
_CONSULAR = re.compile(r"consular relations", re.I)
_MISSION = re.compile(r"embass|legation|interests? section|liaison office|diplomatic mission", re.I)

KEYWORDS = {
    "relations.recognized": r"recogni",
    "relations.recognized_us": r"recogni",
    "relations.established": r"establish|credentials|presented",
    "relations.severed": r"sever|broke|cessation|terminat|interrupt|suspend|withdr|ceased|closed",
    "relations.restored": r"resum|re-?establish|restor|renew|normaliz|reopen|elevated",
    "relations.embassy": r"embass|legation|raised|elevat|open|clos|mov",
    "relations.consular": r"consul",
}


def classify(head: str) -> list[tuple[str, str]]:
    """(predicate, event) pairs a timeline head announces; several for combined heads."""
    out: list[tuple[str, str]] = []
    low = head.lower()
    if "recogni" in low and not _NOT_RECOGNITION.search(head):
        if _RECOGNIZED_US.search(head):
            out.append(("relations.recognized_us", "recognized_us"))
        else:
            out.append(("relations.recognized", "recognized"))
    if _RESTORED.search(head) and ("relations" in low or not _MISSION.search(head)):
        out.append(("relations.restored", "restored"))
    if _SEVERED.search(head):
        out.append(("relations.severed", "severed"))
    if _ESTABLISHED.search(head):
        out.append(("relations.established", "established"))
    if _CONSULAR.search(head) and "establish" in low:
        out.append(("relations.consular", "consular_established"))
    if _MISSION.search(head):
        out.append(("relations.embassy", mission_event(head)))
    return out


def mission_event(head: str) -> str:
    """Detail of an embassy/legation head: ``legation_opened``, ``embassy_raised``, …"""
    low = head.lower()
    kind = "legation" if "legation" in low and "embassy" not in low else "embassy"
    if "interest" in low and "section" in low:
        kind = "interests_section"
    elif "liaison" in low:
        kind = "liaison_office"
    partner = bool(re.search(r"in (?:the )?united states|in washington|legation in the u\.s|embassy in the u\.s", low)) \
        or bool(re.match(r"(?:establishment of )?(?:the )?\w+ (?:legation|embassy) (?:in|at) (?:the )?(?:united states|washington)", low))
    if re.search(r"raised|elevat", low):
        action = "raised_to_embassy"
        kind = "legation"
    elif re.search(r"re-?open|returned|re-?establish", low):
        action = "reopened"
    elif re.search(r"clos|suspen|withdr", low):
        action = "closed"
    elif re.search(r"\bmov", low):
        action = "moved"
    else:
        action = "opened"
    return f"{'partner_' if partner else ''}{kind}_{action}"


def _head_date(head: etree._Element) -> tuple[str | None, str | None, str | None]:
    """(year written in the head, @when, a full ISO date if the head text gives one)."""
    date = head.find(f".//{TEI}date")
    text = text_of(head)
    when = date.get("when") if date is not None else None
    source = text_of(date) if date is not None else text
    m = re.search(r"\b(1[5-9]\d\d|20\d\d)\b", source)
    year = m.group(1) if m else None
    full = mdy_all(source)
    return year, when, (full[0][1] if full else None)


def event_date(predicate: str, year: str | None, body: str) -> str | None:
    """The most precise date for the event: a paragraph date in the head's year, preferring one
    in a sentence that names the event; the bare year otherwise."""
    sentences = re.split(r"(?<=[.;])\s+", body)
    keyword = re.compile(KEYWORDS.get(predicate, "."), re.I)
    first_any: str | None = None
    for sentence in sentences:
        for _, value in mdy_all(sentence):
            if year and not value.startswith(year):
                continue
            if keyword.search(sentence):
                return value
            first_any = first_any or value
    return first_any or year


_REOPENING = ("embassy_reopened", "legation_reopened", "embassy_opened", "legation_opened")


def implied_restorations(facts: list[Fact]) -> list[Fact]:
    """A severance the source follows with the recognition of a government or the (re)opening of
    the U.S. mission, but with no head called "resumption" or "establishment", was ended by that
    event: it becomes a ``relations.restored`` fact (``implied_by`` names the event). France:
    severed by France in 1942, the Provisional Government recognized on 1944-10-19 (a "limited"
    recognition, of the French Committee in 1943, restores nothing)."""
    def day(fact: Fact) -> str:
        return str(fact.valid_from or "")

    severed = sorted((f for f in facts if f.predicate == "relations.severed"), key=day)
    out: list[Fact] = []
    for i, cut in enumerate(severed):
        until = day(severed[i + 1]) if i + 1 < len(severed) else None
        window = [f for f in facts if day(f) > day(cut) and (until is None or day(f) < until)]
        if any(f.predicate in ("relations.restored", "relations.established") and day(f) >= day(cut)
               and (until is None or day(f) < until) for f in facts):
            continue  # (a combined head restores or re-establishes on the day itself)
        resumed = [f for f in window if (f.predicate == "relations.recognized"
                                         and not re.match(r"(?i)limited\b", str(f.value.get("text", "")))) or (
            f.predicate == "relations.embassy" and f.value.get("event") in _REOPENING)]
        if not resumed:
            continue
        first = min(resumed, key=day)
        out.append(Fact(
            source=SOURCE, record=f"{first.record}~restored", country=first.country,
            predicate="relations.restored",
            value={"date": first.value["date"], "text": first.value["text"], "event": "restored",
                   "implied_by": first.predicate},
            valid_from=first.valid_from, valid_to=None, observed=None, citation=first.citation,
        ))
    return out


def build(root: Path) -> BuildResult:
    folder = require_dir(root / "historian" / "rdcr" / "articles", "historian/rdcr/articles")
    result = historian_result(root, SOURCE, CITATION)
    ids = gsh.id_map(root)
    unmapped: list[str] = []
    for path, tree in xml_files(sorted(folder.glob("*.xml")), result):
        cid = path.stem
        country = gsh.resolve(cid, ids)
        if country is None:
            unmapped.append(cid)
            result.skipped += 1
            continue
        before = len(result.facts)
        for index, div in enumerate(tree.iterfind(f".//{TEI}div[@type='timeline']"), start=1):
            head = div.find(f"{TEI}head")
            if head is None:
                continue
            head_text = text_of(head).rstrip(". ")
            events = classify(head_text)
            if not events:
                continue
            year, when, full = _head_date(head)
            if year and when and not when.startswith(year):
                result.warnings.append(f"{path.name}: head '{head_text}' says {year} but @when={when}; text wins")
            body = " ".join(text_of(p) for p in div.iterfind(f"{TEI}p"))
            for predicate, event in events:
                value_date = full or event_date(predicate, year, body)
                if value_date is None:
                    result.skipped += 1
                    continue
                result.facts.append(Fact(
                    source=SOURCE, record=f"{cid}#t{index:02d}", country=country, predicate=predicate,
                    value={"date": value_date, "text": head_text, "event": event},
                    valid_from=value_date, valid_to=None, observed=None,
                    citation=URL.format(id=cid),
                ))
        result.facts += implied_restorations(result.facts[before:])
    result.first = "1776"
    dates = sorted(str(f.valid_from) for f in result.facts if f.valid_from)
    result.last = dates[-1] if dates else None
    result.extra["unmapped"] = unmapped
    result.extra["when_mismatches"] = list(result.warnings)
    return result
