"""The "U.S.-<X> Relations" section: establishment, independence, severance and restoration, no relations."""

from __future__ import annotations

from typing import Any

from ..model import Fact
from .sheet import SentenceOut
from .wording import (
    _bare,
    _cap,
    _established_with,
    _power_name,
    _year,
)
from .writer import SectionWriter, _latest


class RelationsWriter(SectionWriter):
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

