"""Update an edition: read → extract → check → the corrected, current sheet and a change list.

Each claim of the old edition ends up in one of these states, and the change list says which:

- ``corrected``: it was wrong when published (``contradicted``); the sheet now states the sources'
  value ("Trade Promotion Agreement: signed in 2009 → signed in 2006, in force since 2009");
- ``updated``: it was right but is outdated; the sheet states the current value;
- ``kept``: rewritten from the sources with the same content;
- ``removed``: the sources contradict it and give nothing to put in its place;
- ``carried``: the sources cannot check it; its sentence is carried over unchanged, with its years;
- ``not_carried``: uncheckable, but its sentence also stated something now rewritten;
- ``added``: a fact the sheet now states that the old edition did not.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast

from ..errors import NotAFactSheetError
from ..model import Claim, Document, Verdict
from ..organizations import display_name
from . import claimtext as ct
from . import formatting as fmt
from .carry import Base, dispose, generated_keys, topic
from .compose import ReferenceLike, render_sheet
from .scope import resolve_date
from .sheet import Change, SentenceOut, Sheet

ORDER = ("corrected", "updated", "removed", "added", "carried", "not_carried", "kept")


@dataclass(frozen=True)
class Update:
    sheet: Sheet
    changes: tuple[Change, ...]
    document: Document
    claims: tuple[Claim, ...]
    verdicts: tuple[Verdict, ...]

    def changes_text(self) -> str:
        base = self.sheet.base or {}
        since = f" since the {fmt.date(base['published'])} edition" if base.get("published") else ""
        head = f"Changes{since} (sheet dated {fmt.date(self.sheet.date)}"
        if self.sheet.covered_to != self.sheet.date:
            head += f"; the sources cover up to {fmt.date(self.sheet.covered_to)}"
        lines = [head + "):"]
        shown = [c for c in self.changes if c.kind != "kept"]
        width = max((len(c.kind) for c in shown), default=0)
        # why a claim was carried over is said once per reason, as a numbered note, not per line
        reasons: dict[str, int] = {}
        for c in shown:
            text = c.to_text()
            if c.kind == "carried":
                why = (c.note or "").removeprefix("not checked: ") or "the sources were not consulted"
                n = reasons.setdefault(why, len(reasons) + 1)
                text = f"{c.label}: {c.old} [{n}]"
            elif c.kind == "added":
                text = f"{c.label}: {c.new}"  # the kind column already says "added"
            lines.append(f"  {c.kind.replace('_', ' '):<{width}}  {text}")
        kept = sum(1 for c in self.changes if c.kind == "kept")
        if kept:
            lines.append(f"  ({kept} claim{'s' if kept != 1 else ''} confirmed by the sources and kept)")
        if reasons:
            lines.append("Carried over unchanged from the edition, because the sources cannot check them:")
            lines += [f"  [{n}] {_sentence(reason)}" for reason, n in reasons.items()]
        return "\n".join(lines) + "\n"

    def to_json(self) -> dict[str, Any]:
        return {
            "sheet": self.sheet.to_json(),
            "changes": [c.to_json() for c in self.changes],
            "base": self.sheet.base,
        }


def _sentence(text: str) -> str:
    text = text.strip()
    return (text[:1].upper() + text[1:]).rstrip(".") + "."


def update(
    document: Document,
    as_of: dt.date | str | None = None,
    reference: ReferenceLike | None = None,
) -> Update:
    """The corrected, current sheet for an edition, with the list of what changed."""
    from ..check import check
    from ..extract import extract

    if document.country is None:
        raise NotAFactSheetError(
            "cannot tell which country this sheet is about (no 'U.S. Relations With …' title): "
            "update needs a fact sheet."
        )
    on = resolve_date(as_of)
    if reference is None:
        from ..reference import load_reference

        reference = load_reference()
    claims = tuple(extract(document))
    verdicts = tuple(check(document, list(claims), cast(Any, reference), as_of=on))
    sheet = render_sheet(document.country, on, reference, base=(document, claims, verdicts))
    changes = compute_changes(Base(document, claims, verdicts), sheet)
    return Update(sheet, tuple(changes), document, claims, verdicts)


# -- the change list ---------------------------------------------------------------------------


def _since(sentence: SentenceOut) -> str | None:
    for fact in sentence.facts:
        value = fact.value if isinstance(fact.value, dict) else {}
        since = value.get("since") or value.get("start")
        if since:
            return str(since)
    return None


def _new_description(claim: dict[str, Any], sentence: SentenceOut, sheet_claims: list[tuple[dict[str, Any], SentenceOut]]) -> str:
    t, f = claim["type"], claim["fields"]
    if t == "agreement":  # the agreement's every event: "signed in 2006, in force since 2009"
        k = ct.agreement_key(f)
        events = [c["fields"] for c, _ in sheet_claims if c["type"] == "agreement" and ct.agreement_key(c["fields"]) == k]
        return ", ".join(ct.describe("agreement", e) for e in events)
    text = ct.describe(t, f)
    if t == "ambassador" and (since := _since(sentence)):
        text += f" (since {fmt.date(since)})"
    return text


def compute_changes(base: Base, sheet: Sheet) -> list[Change]:
    verdicts = {v.claim: v for v in base.verdicts or ()}
    new_claims = [(c, s) for s in sheet.sentences() if s.origin == "reference" for c in s.claims]
    topics = {topic(c["type"], c["fields"]) for c, _ in new_claims}
    disposition, _ = dispose(base, topics, generated_keys(c for c, _ in new_claims))
    matched_new: set[int] = set()
    changes: list[Change] = []

    def candidates(claim: Claim) -> list[int]:
        k = ct.key(claim.type, claim.fields)
        same = [j for j, (c, _) in enumerate(new_claims) if ct.key(c["type"], c["fields"]) == k]
        if same:
            return same
        same_type = [j for j, (c, _) in enumerate(new_claims) if c["type"] == claim.type
                     and topic(c["type"], c["fields"]) == topic(claim.type, claim.fields)]
        if claim.type == "agreement":  # match an event of the one agreement the sheet names
            keys = {ct.agreement_key(new_claims[j][0]["fields"]) for j in same_type}
            if len(keys) == 1:
                event = [j for j in same_type if new_claims[j][0]["fields"].get("event") == claim.fields.get("event")]
                return event or same_type
            return []
        if claim.type in ("leader", "ambassador", "embassy", "independence", "statistic") \
                or claim.type.startswith("relations."):
            return same_type[:1]  # the one leader / chief of mission / embassy the sheet names first
        return []

    for i, claim in enumerate(base.claims):
        v = verdicts.get(i)
        code = v.code if v else None
        lbl, old = ct.label(claim.type, claim.fields), ct.describe(claim.type, claim.fields)
        if i in disposition.replaced:
            found = candidates(claim)
            if not found:
                changes.append(Change("removed", lbl, old, None, (i,), code,
                                      v.message if v else "the sources no longer state it"))
                continue
            matched_new.update(found)
            c, s = new_claims[found[0]]
            if any(ct.same_value(claim.type, claim.fields, new_claims[j][0]["fields"]) for j in found):
                changes.append(Change("kept", lbl, old, _new_description(c, s, new_claims), (i,), code))
                continue
            kind = "corrected" if v is not None and v.at_publication.verdict == "contradicted" else "updated"
            changes.append(Change(kind, lbl, old, _new_description(c, s, new_claims), (i,), code,
                                  v.message if v else None))
        elif i in disposition.dropped:
            current = v.now.current if v else None
            note = f"the sources give {current}" if current else (v.message if v else None)
            changes.append(Change("removed", lbl, old, None, (i,), code, note))
        elif i in disposition.carried:
            note = "not checked: " + _why_unchecked(v) if v is not None and v.at_publication.verdict == "unverifiable" \
                else (f"checked: {v.at_publication.verdict}, now {v.now.verdict}" if v else "not checked")
            changes.append(Change("carried", lbl, old, old, (i,), code, note))
        else:
            changes.append(Change("not_carried", lbl, old, None, (i,), code,
                                  "its sentence also stated facts now rewritten from the sources"))

    added_agreements: set[str] = set()
    added_orgs = [c["fields"]["organization"] for j, (c, _) in enumerate(new_claims)
                  if j not in matched_new and c["type"] == "membership"]
    if added_orgs:
        changes.append(Change("added", "Shared international organizations", None,
                              ", ".join(display_name(str(o)) for o in added_orgs)))
    for j, (c, s) in enumerate(new_claims):
        if j in matched_new or c["type"] == "membership":
            continue
        if c["type"] == "agreement":
            k = ct.agreement_key(c["fields"])
            if k in added_agreements or any(ct.agreement_key(new_claims[m][0]["fields"]) == k for m in matched_new
                                            if new_claims[m][0]["type"] == "agreement"):
                continue
            added_agreements.add(k)
        changes.append(Change("added", ct.label(c["type"], c["fields"]), None, _new_description(c, s, new_claims)))
    changes.sort(key=lambda ch: ORDER.index(ch.kind))
    return changes


def _why_unchecked(v: Verdict) -> str:
    reason = v.at_publication.reason or v.now.reason
    if reason:
        return reason
    return v.message or "no source covers it"
