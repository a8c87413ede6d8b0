"""The "<X> Today" section: the chief of state and head of government, the poverty estimate."""

from __future__ import annotations

import re
from typing import Any

from ..dates import lower_bound, parse_date
from ..selection import latest_estimate
from . import formatting as fmt
from .scope import US_TERRITORIES
from .sheet import SentenceOut
from .wording import (
    leader_title,
)
from .writer import SectionWriter, _latest


class TodayWriter(SectionWriter):
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
                # named all the same, as a plain statement without a tenure (a leader claim the
                # extractor reads back from the title and name)
                office = "the head of government" if fact is government and fact is not state else "the chief of state"
                out.append(SentenceOut(f"The CIA World Factbook names {who} as {office}, without a start date.",
                                       ({"type": "leader", "fields": fields},), (fact,)))
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

