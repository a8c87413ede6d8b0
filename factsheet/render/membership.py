"""The membership section: organizations the country and the United States both belong to."""

from __future__ import annotations

from ..organizations import display_name
from .bureaus import bureau
from .sheet import SentenceOut
from .wording import (
    _cap,
)
from .writer import SectionWriter

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



class MembershipWriter(SectionWriter):
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

