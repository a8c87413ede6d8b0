"""The "Bilateral Representation" section: the U.S. chief of mission and the country's embassy."""

from __future__ import annotations

import re
from typing import Any

from ..countries import country_name
from ..model import Fact
from ..selection import chief_of_mission
from . import formatting as fmt
from .sheet import SentenceOut
from .wording import (
    _cap,
    _iso_or_none,
)
from .writer import SectionWriter, _latest


class RepresentationWriter(SectionWriter):
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

