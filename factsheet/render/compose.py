"""Facts on a date → the sheet's sentences, in the genre's sections and voice.

``render_sheet(country, as_of, reference, base)`` asks the reference data for the facts valid on
the date (or on the last date the sources cover, when the date lies past it, and says so), writes
one sentence per fact group in the genre's phrasing, and, when ``base`` is an earlier edition
with its claims and verdicts, carries over unchanged the sentences whose claims the sources could
not check (trade figures with their years, visitor counts, assistance), citing that edition.
No sentence is written for missing data.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from ..countries import country_name
from ..dates import lower_bound, parse_date, upper_bound
from ..errors import InvalidDateError, UnknownCountryError
from ..model import Fact
from ..organizations import display_name
from ..selection import chief_of_mission, latest_estimate
from . import formatting as fmt
from .agreements import agreement_sentences
from .bureaus import bureau
from .carry import _REFERS_BACK, Base, _clean, _sentences_of, dispose, generated_keys, section_key, topic
from .scope import US_TERRITORIES, check_place, nothing_on, resolve_country, resolve_date
from .sheet import Paragraph, SentenceOut, Sheet, SheetSection, SourceRef
from .wording import (
    _bare,
    _cap,
    _established_with,
    _heading_case,
    _iso_or_none,
    _power_name,
    _year,
    leader_title,
    possessive,
)


class ReferenceLike(Protocol):
    def facts(self, country: str, predicate: str, on: dt.date | None = None) -> list[Fact]: ...

    def horizon(self, predicate: str | None = None) -> str | None: ...





#: Predicates whose facts go stale: the sheet's horizon is the last date their sources cover.
PERISHABLE = ("chief_of_state", "head_of_government", "us_chief_of_mission", "membership", "embassy_in_us")

#: The organizations named first when both countries belong to them, in this order.
PROMINENT = (
    "UN", "OAS", "OSCE", "NATO", "EU", "OECD", "APEC", "ARF", "EAS", "G20", "G7", "IMF", "WORLD_BANK", "WTO",
)
#: The regional development bank a sheet names, by bureau (the genre does not list Germany's IDB seat).
_REGIONAL_BANK = {
    "Bureau of Western Hemisphere Affairs": "IDB", "Bureau of East Asian and Pacific Affairs": "ADB",
    "Bureau of South and Central Asian Affairs": "ADB", "Bureau of African Affairs": "AFDB",
    "Bureau of European and Eurasian Affairs": "EBRD",
}

# Bilateral U.S. trade agreements by their usual names (manytrade titles are terse: "US Peru").


# -- small helpers -----------------------------------------------------------------------------










def _valid_on(fact: Fact, on: dt.date) -> bool:
    try:
        if fact.valid_from and lower_bound(fact.valid_from) > on:
            return False
        return not (fact.valid_to and upper_bound(fact.valid_to) < on)
    except ValueError:
        return True


def _latest(facts: Iterable[Fact]) -> Fact | None:
    """The most recently stated of several facts (latest snapshot, then latest start)."""
    items = list(facts)
    if not items:
        return None
    return max(items, key=lambda f: (f.observed or "", f.valid_from or ""))






# -- the composer --------------------------------------------------------------------------------


class Composer:
    def __init__(self, iso: str, as_of: dt.date, reference: ReferenceLike, base: Base | None) -> None:
        self.iso = iso
        self.as_of = as_of
        self.ref = reference
        self.base = base
        self.name = country_name(iso)
        self.short = country_name(iso, article=False)
        self.no_us_embassy = False  # set by _no_mission: the link list then drops "U.S. Embassy"
        # The date the sheet's perishable facts are known to: the latest any of their sources
        # covers (a source of country names reaching further does not make a leader current).
        known = [h for p in PERISHABLE if (h := reference.horizon(p))]
        horizon = max(known) if known else reference.horizon()
        self.horizon = horizon
        self.on = min(as_of, upper_bound(horizon)) if horizon else as_of

    def facts(self, predicate: str, country: str | None = None) -> list[Fact]:
        found = self.ref.facts(country or self.iso, predicate, on=self.on)
        return [f for f in found if _valid_on(f, self.on)]

    # Each section writer returns sentences; an empty list writes nothing.

    def relations(self) -> list[SentenceOut]:
        established = sorted(self.facts("relations.established"), key=lambda f: f.valid_from or "")
        recognized = sorted(self.facts("relations.recognized"), key=lambda f: f.valid_from or "")
        independence = self._independence()
        out: list[SentenceOut] = []
        if established:
            first = established[0]
            year = _year(first.value.get("date") or first.valid_from)
            facts = [first]
            claims: list[dict[str, Any]] = [{"type": "relations.established", "fields": {"year": year}}]
            text = f"The United States established diplomatic relations with {self.name} in {year}"
            if independence is not None and independence[2] <= (year or 0):
                ind_fact, power, ind_year = independence
                # "its": a possessive of a name with an apostrophe (Côte d'Ivoire's) reads badly
                text += f", following its independence from {power} in {ind_year}"
                claims[-1]["fields"]["after"] = f"independence from {power}"
                claims.append({"type": "independence", "fields": {"from": _bare(power), "year": ind_year}})
                facts.append(ind_fact)
            out.append(SentenceOut(text + ".", tuple(claims), tuple(facts)))
            if independence is not None and independence[2] > (year or 0):
                out.append(self._independence_sentence(*independence))
        elif recognized:
            rec = recognized[0]
            rec_year = _year(rec.value.get("date") or rec.valid_from)
            out.append(SentenceOut(
                f"The United States recognized {self.name} in {rec_year}.",
                ({"type": "relations.recognized", "fields": {"year": rec_year}},),
                (rec,),
            ))
        elif independence is not None:
            out.append(self._independence_sentence(*independence))
        severed = sorted(self.facts("relations.severed"), key=lambda f: f.valid_from or "")
        restored = sorted(self.facts("relations.restored"), key=lambda f: f.valid_from or "")
        for k, fact in enumerate(severed):
            year = _year(fact.value.get("date") or fact.valid_from)
            until = severed[k + 1].valid_from if k + 1 < len(severed) else None
            start = fact.valid_from or ""

            def _between(items: list[Fact], start: str = start, until: str | None = until) -> list[Fact]:
                return [r for r in items if (r.valid_from or "") >= start and (until is None or (r.valid_from or "") < until)]

            after = _between(restored)
            again = _between(established)  # a new establishment ends a severance too (Germany, 1949)
            if after:
                r_year = _year(after[0].value.get("date") or after[0].valid_from)
                out.append(SentenceOut(
                    f"The United States severed diplomatic relations with {self.name} in {year}; "
                    f"relations were restored in {r_year}.",
                    ({"type": "relations.severed", "fields": {"year": year}},
                     {"type": "relations.restored", "fields": {"year": r_year}}),
                    (fact, after[0]),
                ))
            elif again:
                # rdcr records a new establishment, not a restoration (Germany: the Federal Republic
                # in 1949): written as one, so that it reads back, and checks, as relations.established
                e_year = _year(again[0].value.get("date") or again[0].valid_from)
                if e_year == year:
                    continue  # a change of recognized government within the year (China, 1979)
                partner = _established_with(again[0]) or self.name
                out.append(SentenceOut(
                    f"The United States severed diplomatic relations with {self.name} in {year} and "
                    f"established diplomatic relations with {partner} in {e_year}.",
                    ({"type": "relations.severed", "fields": {"year": year}},
                     {"type": "relations.established", "fields": {"year": e_year}}),
                    (fact, again[0]),
                ))
            else:
                out.append(SentenceOut(
                    f"The United States severed diplomatic relations with {self.name} in {year}.",
                    ({"type": "relations.severed", "fields": {"year": year}},),
                    (fact,),
                ))
        if not established and not severed:
            # never established (North Korea, Bhutan): said when the Factbook's note names no U.S.
            # mission there ("none; the Swedish Embassy in Pyongyang represents the US …")
            note = _latest(f for f in self.facts("us_mission_note") if (f.value or {}).get("kind") in ("interests", "none"))
            if note is not None:
                out.insert(0, SentenceOut(
                    f"The United States and {self.name} do not have diplomatic relations.",
                    ({"type": "relations.none", "fields": {"note": "no formal diplomatic relations"}},),
                    (note,),
                ))
        return out

    def _independence_sentence(self, fact: Fact, power: str, year: int) -> SentenceOut:
        return SentenceOut(
            f"{_cap(self.name)} gained independence from {power} in {year}.",
            ({"type": "independence", "fields": {"from": _bare(power), "year": year}},),
            (fact,),
        )

    def _independence(self) -> tuple[Fact, str, int] | None:
        for fact in sorted(self.facts("independence"), key=lambda f: f.source != "factbook"):
            value = fact.value or {}
            power = value.get("from")  # the Factbook's "(from Spain)"; gsh predecessors are entities
            year = _year(value.get("date") or fact.valid_from)
            named = _power_name(power) if isinstance(power, str) else None
            if named and year:
                return fact, named, year
        return None

    def leaders(self) -> list[SentenceOut]:
        state = _latest(self.facts("chief_of_state"))
        government = _latest(self.facts("head_of_government"))
        out: list[SentenceOut] = []
        seen: set[str] = set()
        for fact in (state, government):
            if fact is None or not (fact.value or {}).get("name"):
                continue
            raw_name = str(fact.value["name"]).strip()
            title = (fact.value.get("title") or "").strip()
            # a source parse that left a second title in the name: "King" + "and Prime Minister SALMAN …"
            joined = re.match(r"(?i)and\s+(" + "|".join(map(re.escape, fmt.TITLES)) + r")\s+(.+)$", raw_name)
            if joined and title:
                title, raw_name = f"{title} and {joined.group(1)}", joined.group(2)
            caps = re.search(r"\s+([A-Z]{2,})$", title)  # "President of China HU" + "Jintao": the surname
            if caps:
                title, raw_name = title[: caps.start()], f"{caps.group(1)} {raw_name}"
            since = fact.value.get("since")
            tail = re.search(r"\s*\(since\s+([^)]*)\)?\s*$", raw_name)  # "… (since 19 March 2017" left in
            if tail:
                raw_name = raw_name[: tail.start()]
                since = since or parse_date(tail.group(1).strip())
            name = fmt.person_name(raw_name)
            if name in seen or not fmt.plausible_name(name):
                continue  # a parse of the source that is not a person's name is left out
            if not title:
                # the source gives the person without a title ("Sébastien LECORNU (since 10
                # September 2025)"): named for the office, in a sentence that declares no claim
                seen.add(name)
                office = "the head of government" if fact is government and fact is not state else "the chief of state"
                when = f", in office since {fmt.date(since)}" if since else ""
                out.append(SentenceOut(f"The CIA World Factbook names {name} as {office}{when}, without a title.",
                                       (), (fact,)))
                continue
            if re.match(r"(?i)(?:vice|deputy|first\s+vice)\b", title):
                continue  # a deputy is not the country's leader
            if self.iso in US_TERRITORIES and fmt.base_title(title) == "President":
                continue  # the President of the United States, as chief of state of a U.S. territory
            seen.add(name)
            title, declared = leader_title(title, government=fact is government and fact is not state)
            fields: dict[str, Any] = {"name": name, "title": declared}
            who = f"{title} {name}"
            if not since:
                # named all the same, as a plain statement: the genre states a leader with the
                # tenure, and without one the sentence declares no claim the extractor reads back
                office = "the head of government" if fact is government and fact is not state else "the chief of state"
                out.append(SentenceOut(f"The CIA World Factbook names {who} as {office}, without a start date.",
                                       (), (fact,)))
                continue
            fields["since"] = since
            text = f"{who} has been in office since {fmt.date(since)}."
            out.append(SentenceOut(text, ({"type": "leader", "fields": fields},), (fact,)))
        return out

    def poverty(self) -> list[SentenceOut]:
        """The latest poverty estimate published by the date (the Factbook dates its estimates)."""
        fact = latest_estimate(self.ref.facts(self.iso, "poverty_share"), self.on)
        if fact is None or not fact.value.get("year"):
            return []  # the genre dates its estimate
        share, year = float(fact.value["value"]), int(fact.value["year"])
        if not 0 < share < 1:
            return []
        text = (f"According to the CIA World Factbook, {fmt.percent(share)} of the population lived below "
                f"the poverty line in {year}.")
        fields = {"subject": "poverty_share", "value": round(round(share * 100, 1) / 100, 4), "year": year}
        return [SentenceOut(text, ({"type": "statistic", "fields": fields},), (fact,))]

    def agreements(self) -> list[SentenceOut]:
        # signed-but-not-yet-in-force agreements are events of their signature: look them up
        # without the date filter, the writer decides
        facts = [f for f in self.ref.facts(self.iso, "agreement")]
        base_claims = self.base.claims if self.base is not None else None
        return agreement_sentences(facts, self.on, self.iso, self.short, base_claims)

    def membership(self) -> list[SentenceOut]:
        mine = {str(f.value.get("organization")): f for f in self.facts("membership") if f.value}
        ours = {str(f.value.get("organization")): f for f in self.facts("membership", "US") if f.value}
        shared = [
            org for org in mine
            if org in ours and mine[org].value.get("status", "member") == "member"
            and ours[org].value.get("status", "member") == "member"
        ]
        bank = _REGIONAL_BANK.get(bureau(self.iso) or "")
        wanted = [org for org in (*PROMINENT, *([bank] if bank else [])) if org in shared]
        if self.base is not None:
            for claim in self.base.claims:
                org = claim.fields.get("organization")
                if claim.type == "membership" and isinstance(org, str) and org in shared and org not in wanted:
                    wanted.append(org)
        if not wanted:
            return []
        names = [display_name(org) for org in wanted]
        listed = names[0] if len(names) == 1 else (
            f"{names[0]} and {names[1]}" if len(names) == 2 else ", ".join(names[:-1]) + f", and {names[-1]}"
        )
        text = (
            f"{_cap(self.name)} and the United States belong to a number of the same international "
            f"organizations, including the {listed}."
        )
        claims = tuple(
            {"type": "membership", "fields": {"organization": org, "status": "member", "shared_with_us": True}}
            for org in wanted
        )
        facts = tuple(f for org in wanted for f in (mine[org], ours[org]))
        return [SentenceOut(text, claims, facts)]

    def chief_of_mission(self) -> list[SentenceOut]:
        fact = self._chief_of_mission(self.iso)
        accredited = self._accredited_from()
        if accredited is not None:
            return [accredited(fact)]
        if fact is None or not (fact.value or {}).get("name"):
            return self._no_mission()
        value = fact.value
        name = fmt.person_name(value["name"])
        if not fmt.plausible_name(name):
            return []  # "US interests are represented by …": no chief of mission to name
        role = str(value.get("role") or value.get("title") or "Ambassador")
        if "charg" in role.lower():
            title, written = "Charge d'Affaires", "Chargé d'Affaires"
        elif "ambassador" in role.lower():
            title = written = "Ambassador"
        else:
            return []  # a principal officer of an interests section, a minister …: not in the genre's words
        to = "to" if title == "Ambassador" else "in"
        text = (
            f"The U.S. {written} {to} {self.name} is {name}; other principal embassy officials "
            "are listed in the Department's Key Officers List."
        )
        fields = {"side": "us_to_partner", "name": name, "title": title}
        return [SentenceOut(text, ({"type": "ambassador", "fields": fields},), (fact,))]

    def no_leader(self) -> list[SentenceOut]:
        """No leader on the date although the sources name the country's leaders at other dates
        (the Factbook archive's empty rows of 2018–2020, a record that starts later): one plain
        sentence, naming when the office holders were last listed, rather than no section."""
        facts = [f for p in ("chief_of_state", "head_of_government") for f in self.ref.facts(self.iso, p)]
        if not facts or self.facts("chief_of_state") or self.facts("head_of_government"):
            return []  # nobody listed at all, or a listing the writer could not put in words
        seen = [str((f.value or {}).get("last_seen") or f.valid_to or "") for f in facts]
        earlier = [d for d in seen if d and lower_bound(d) <= self.on]
        if earlier:
            last = max(earlier)
            text = (f"The sources used for this sheet name no leader of {self.name} on {fmt.date(self.on.isoformat())}; "
                    f"the CIA World Factbook last listed one on {fmt.date(last)}.")
        else:
            first = min(lower_bound(f.valid_from) for f in facts if f.valid_from)
            text = (f"The sources used for this sheet name no leader of {self.name} before "
                    f"{fmt.date(first.isoformat())}.")
        return [SentenceOut(text, origin="boilerplate")]

    def not_yet(self, predicate: str, what: str) -> list[SentenceOut]:
        """A section the sources cannot fill on the date because their record starts later (the
        Factbook's membership lists in 1996, its embassy addresses in 1997): one plain sentence
        saying so rather than a silently missing section. It states no claim."""
        starts = [lower_bound(f.valid_from) for f in self.ref.facts(self.iso, predicate) if f.valid_from]
        if not starts or min(starts) <= self.on:
            return []
        return [SentenceOut(f"The sources used for this sheet give no {what} before "
                            f"{fmt.date(min(starts).isoformat())}.", origin="boilerplate")]

    def _no_mission(self) -> list[SentenceOut]:
        """No U.S. chief of mission and a Factbook note that says why: no embassy, a protecting
        power ("the Swedish Embassy in Pyongyang represents the US"), no relations. The sheet
        says so; its link list then drops "U.S. Embassy"."""
        note = _latest(f for f in self.facts("us_mission_note")
                       if (f.value or {}).get("kind") in ("interests", "none", "no_embassy"))
        if note is None:
            return []
        self.no_us_embassy = True
        text = str((note.value or {}).get("note", ""))
        power = re.search(r"\b(?:the\s+)?([A-Z][a-z]+?)(?:ish|ese|ian|ic)?\s+Embassy\b|\bEmbassy of (?:the )?([A-Z][a-z]+)", text)
        protecting = {"Swed": "Sweden", "Swiss": "Switzerland", "Switzerland": "Switzerland", "Czech": "the Czech Republic"}
        who = None
        if power:
            word = power.group(1) or power.group(2)
            who = protecting.get(word) or next((v for k, v in protecting.items() if word.startswith(k)), None)
        sentence = f"The United States does not maintain an embassy in {self.name}"
        sentence += f"; {who} serves as the protecting power for U.S. interests." if who else "."
        claims = ({"type": "embassy", "fields": {"side": "us_in_partner", "kind": "none"}},)
        return [SentenceOut(sentence, claims, (note,))]

    def _chief_of_mission(self, country: str) -> Fact | None:
        """The U.S. chief of mission to ``country`` on the date: pocom's record while pocom covers
        the date; past its end (an open-ended pocom term is only "still serving in 2020"), the
        Factbook's when it names someone who took up the post later."""
        info = getattr(self.ref, "sources", {}).get("pocom")
        return chief_of_mission(self.facts("us_chief_of_mission", country), self.on, getattr(info, "last", None))

    def _accredited_from(self) -> Any:
        """The U.S. chief of mission resident elsewhere, from the Factbook's note ("the US does
        not have an embassy in Andorra; the US Ambassador to Spain is accredited to Andorra"; "the
        US Ambassador to New Zealand is accredited to Samoa"): a writer of that sentence for the
        chief-of-mission fact, or None."""
        notes = [f for f in self.facts("us_mission_note") if (f.value or {}).get("kind") in ("no_embassy", "accredited")]
        note = _latest(notes)
        text = str((note.value or {}).get("note", "")) if note else ""
        m = re.search(r"(?i)\b(?:ambassador|charg[ée] d'affaires) to (?:the )?([A-Z][^;,(]*?)(?:,[^;]*?,)?\s+is "
                      r"(?:also )?accredited", text)
        resident = _iso_or_none(m.group(1)) if m else None
        if note is None or resident is None or resident == self.iso:
            return None
        no_embassy = (note.value or {}).get("kind") == "no_embassy"

        def write(own: Fact | None) -> SentenceOut:
            # the chief of mission in the country of residence on the date (pocom lists the
            # accreditation under both countries; the Factbook only under the country of residence)
            fact = self._chief_of_mission(resident) or own
            value = (fact.value or {}) if fact is not None else {}
            name = fmt.person_name(str(value.get("name") or ""))
            role = str(value.get("role") or value.get("title") or "").lower()
            named = bool(name) and fmt.plausible_name(name) and ("ambassador" in role or "charg" in role)
            chargé = named and "charg" in role
            there = country_name(resident)
            who = (f"the U.S. Chargé d'Affaires in {there}" if chargé else f"the U.S. Ambassador to {there}") + (
                f", {name}," if named else "")
            fields: dict[str, Any] = {"side": "us_to_partner", **({"name": name} if named else {}),
                                      "title": "Charge d'Affaires" if chargé else "Ambassador",
                                      "resident_in": resident, "also_accredited_to": [self.iso]}
            claims: list[dict[str, Any]] = [{"type": "ambassador", "fields": fields}]
            sentence = f"{_cap(who)} is also accredited to {self.name}."
            if no_embassy:
                sentence = f"The United States does not maintain an embassy in {self.name}; {who} is also accredited " \
                           f"to {self.name}."
                claims.append({"type": "embassy", "fields": {"side": "us_in_partner", "kind": "none"}})
            return SentenceOut(sentence, tuple(claims), tuple(f for f in (note, fact if named else None) if f))

        return write

    def embassy(self) -> list[SentenceOut]:
        fact = _latest(self.facts("embassy_in_us"))
        value = (fact.value if fact else None) or {}
        if fact is None or not value.get("address"):
            return []
        street, city = str(value["address"]), str(value.get("city") or "Washington")
        quadrant = re.match(r"^(NW|NE|SW|SE)\s+(.+)$", city)  # "NW Washington": the quadrant belongs to the street
        if quadrant:
            street, city = f"{street} {quadrant.group(1)}", quadrant.group(2)
        # a source note before the address ("Note - … does not have an embassy …; UN office located at 800 …")
        street = re.sub(r"(?i)^.*\blocated at\s+(?=\d)", "", street)
        city = re.sub(r"(?i)^New York City$", "New York", city)
        street = re.sub(r"(?:Suite\s*)?#\s*(\w+)", r"Suite \1", street)
        street, suite = fmt.split_suite(street)
        if suite:
            suite = re.sub(r"\bfloor\b", "Floor", suite)  # "2nd floor": the genre's capitals
        # a building or office name before the street number ("House of Sweden, 2900 K Street NW")
        street = re.sub(r"^(?:[^\d,][^,]*,\s*)+(?=\d)", "", street)
        street = fmt.address(street)
        region, postal = value.get("region") or "DC", value.get("postal_code")
        place = ", ".join(p for p in (street, suite, city, region) if p) + (f" {postal}" if postal else "")
        phones = value.get("phones") or []
        tel = f"; tel. {fmt.phone(phones[0])}" if phones else ""
        fields: dict[str, Any] = {"side": "partner_in_us", "kind": "embassy", "address": street, "city": city,
                                  "region": region}
        if suite:
            fields["suite"] = suite
        if postal:
            fields["postal_code"] = postal
        if phones:
            fields["phone"] = phones[0]
        if city.lower().startswith("new york"):  # no embassy in Washington: the UN mission serves
            fields["kind"] = "un_mission"
            text = (f"{_cap(self.name)} has no embassy in Washington, DC, but has a permanent mission to the "
                    f"United Nations in New York. The mission is located at {place}{tel}.")
        else:
            text = f"{_cap(self.name)} maintains an embassy in the United States at {place}{tel}."
        return [SentenceOut(text, ({"type": "embassy", "fields": fields},), (fact,))]


















# -- carrying over the base edition ------------------------------------------------------------


















# -- the public function -----------------------------------------------------------------------

_ORDER = ("relations", "today", "other", "economic", "membership", "representation")

_DEFAULT_LINKS = (
    "Department of State {X} Page",
    "Department of State Key Officers List",
    "CIA World Factbook {X} Page",
    "U.S. Embassy",
    "History of U.S. Relations With {X}",
    "Human Rights Reports",
    "International Religious Freedom Reports",
    "Trafficking in Persons Reports",
    "Investment Climate Statements",
    "Travel Information",
)


def render_sheet(
    country: str,
    as_of: dt.date | str | None = None,
    reference: ReferenceLike | None = None,
    base: Any = None,
) -> Sheet:
    """An up-to-date sheet for ``country`` as of ``as_of`` (default today).

    ``base`` is an optional earlier edition, ``(Document, claims, verdicts)``: its claims the
    sources cannot check are carried over unchanged, and its agreement names and organizations
    are kept where the sources still bear them out.
    """
    iso = resolve_country(country)
    on = resolve_date(as_of)
    if on.year < 1776:
        raise InvalidDateError(f"--as-of {on.isoformat()} is before 1776: no sheet can speak of it.")
    if reference is None:
        from ..reference import load_reference

        reference = load_reference()
    base_value = Base.of(base) if base is not None else None
    if base_value is not None and base_value.document.country not in (None, iso):
        raise UnknownCountryError(
            f"the base edition is about {base_value.document.country}, not {iso}: give the matching country."
        )
    check_place(iso, reference)
    c = Composer(iso, on, reference, base_value)

    generated: dict[str, list[SentenceOut]] = {
        "relations": c.relations(),
        "today": _today(c.leaders() or c.no_leader(), c.poverty),
        "economic": c.agreements(),
        "membership": c.membership() or c.not_yet("membership", f"list of {possessive(c.name)} memberships in international organizations"),
        "representation": c.chief_of_mission() + (
            c.embassy() or c.not_yet("embassy_in_us", f"address of {possessive(c.name)} embassy in the United States")),
    }
    topics = {topic(cl["type"], cl["fields"]) for sents in generated.values() for s in sents for cl in s.claims}
    keys = generated_keys([cl for sents in generated.values() for s in sents for cl in s.claims])

    carried: dict[tuple[str, str], list[Paragraph]] = {}
    other_headings: list[str] = []
    base_info = None
    if base_value is not None:
        doc = base_value.document
        disp, carried_sentences = dispose(base_value, topics, keys)
        base_info = {
            "title": doc.title, "published": doc.published, "sha256": doc.sha256, "source": doc.source,
            "replaced": list(disp.replaced), "carried": list(disp.carried), "dropped": list(disp.dropped),
            "not_carried": list(disp.lost),
        }
        edition = SourceRef(
            "edition", doc.sha256[:12], doc.source or doc.title,
            doc.published,
        )
        last_block = None
        claimed = {i for claim in base_value.claims for i in _sentences_of(doc, claim)}
        for s_index in sorted(carried_sentences):
            indices, ids = carried_sentences[s_index]
            sentence = doc.sentences[s_index]
            last = doc.sentences[indices[-1]]
            before = doc.sentences[s_index - 1] if s_index else None
            if (before is not None and before.block == sentence.block and s_index - 1 not in claimed
                    and _REFERS_BACK.match(doc.text[sentence.start:sentence.end])):
                # "U.S. assistance promotes these objectives …": the sentence it points back to
                # comes along (it states no claim), else "these objectives" would name nothing
                sentence = before
            key = section_key(sentence.section)
            heading = sentence.section or ""
            if key == "other" and heading not in other_headings:
                other_headings.append(heading)
            out = SentenceOut(
                _clean(doc.text[sentence.start:last.end]),
                tuple({"type": base_value.claims[i].type, "fields": dict(base_value.claims[i].fields)} for i in ids),
                (),
                "carried",
                (edition,),
                tuple(ids),
            )
            slot = carried.setdefault((key, heading if key == "other" else ""), [])
            if slot and last_block == sentence.block:
                slot[-1] = Paragraph((*slot[-1].sentences, out))
            else:
                slot.append(Paragraph((out,)))
            last_block = last.block

    possessive_name = _cap(possessive(c.name))
    headings = {
        "relations": f"U.S.-{c.short} Relations",
        "today": f"{_cap(c.name)} Today",
        "economic": "Bilateral Economic Relations",
        "membership": f"{possessive_name} Membership in International Organizations",
        "representation": "Bilateral Representation",
    }
    sections: list[SheetSection] = []
    for key in _ORDER:
        if key == "other":
            for heading in other_headings:
                sections.append(SheetSection("other", _heading_case(heading), tuple(carried[("other", heading)])))
            continue
        paragraphs: list[Paragraph] = []
        if key == "representation":  # the chief of mission and the embassy stand apart, as in the genre
            paragraphs += [Paragraph((s,)) for s in generated[key]]
        elif generated[key]:
            paragraphs.append(Paragraph(tuple(generated[key])))
        paragraphs += carried.get((key, ""), [])
        if paragraphs:
            sections.append(SheetSection(key, headings[key], tuple(paragraphs)))

    if not any(s.origin != "boilerplate" for sec in sections for p in sec.paragraphs for s in p.sentences):
        raise nothing_on(iso, on, reference)  # nothing but notes that the sources start later
    intro = [Paragraph((SentenceOut(
        f"More information about {c.name} is available on the {c.short} Page and from other Department "
        "of State publications and other sources listed at the end of this fact sheet.",
        origin="boilerplate"),))]
    if c.on < on:
        intro.append(Paragraph((SentenceOut(
            f"This fact sheet states the facts as of {fmt.date(c.on.isoformat())}, the latest date the "
            "sources cover.", origin="boilerplate"),)))
    links = tuple(base_value.document.links) if base_value is not None and base_value.document.links else tuple(
        link.replace("{X}", c.short) for link in _DEFAULT_LINKS if not (c.no_us_embassy and link == "U.S. Embassy")
    )
    return Sheet(
        country=iso,
        name=c.name,
        title=f"U.S. Relations With {c.name}",
        bureau=bureau(iso),
        date=on.isoformat(),
        covered_to=c.on.isoformat(),
        intro=tuple(intro),
        sections=tuple(sections),
        closing=(
            f"More information about {c.name} is available from the Department of State and other "
            "sources, some of which are listed here:"
        ),
        links=links,
        horizon=c.horizon,
        base=base_info,
    )




def _today(leaders: list[SentenceOut], poverty: Any) -> list[SentenceOut]:
    """"<X> Today" is written where a leader is known; the poverty estimate joins it there."""
    return [*leaders, *poverty()] if leaders else []




def sentences_with(sheet: Sheet, claim_type: str) -> Sequence[SentenceOut]:
    return [s for s in sheet.sentences() if any(c["type"] == claim_type for c in s.claims)]
