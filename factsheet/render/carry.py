"""Carrying over a base edition: which of its claims the new sheet replaces, carries or drops."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..model import Claim, Document, Verdict


@dataclass(frozen=True)
class Base:
    """An earlier edition: what the sheet is updated from."""

    document: Document
    claims: tuple[Claim, ...]
    verdicts: tuple[Verdict, ...] | None = None

    @classmethod
    def of(cls, value: Any) -> Base:
        if isinstance(value, Base):
            return value
        document, claims, *rest = value
        verdicts = rest[0] if rest else None
        return cls(document, tuple(claims), tuple(verdicts) if verdicts is not None else None)


#: Claim types the sheet writes from reference data; others are carried over from the base.
GENERATED_TYPES = frozenset(
    {
        "relations.established", "relations.recognized", "relations.severed", "relations.restored",
        "independence", "leader", "agreement", "membership", "ambassador", "embassy", "statistic",
    }
)


def _clean(text: str) -> str:
    """Fix the typing slips of carried-over sentences without touching their content."""
    out = re.sub(r"\s+", " ", text).strip()
    out = re.sub(r"\b((?:1[789]|20)\d\d)(and|in|to|with|while|but)\b", r"\1 \2", out)
    out = re.sub(r"U\.S\.-\s+", "U.S.-", out)
    return re.sub(r"\s+([.,;:])", r"\1", out)


def topic(claim_type: str, fields: dict[str, Any]) -> str:
    """What a claim is about, as far as the composer writes it (one topic, one sentence group)."""
    if claim_type == "ambassador":
        return f"ambassador:{fields.get('side', 'us_to_partner')}"
    if claim_type == "embassy":
        return f"embassy:{fields.get('side', 'partner_in_us')}"
    if claim_type == "statistic":
        return f"statistic:{fields.get('subject')}"
    return claim_type


def generated_keys(claims: Iterable[dict[str, Any]]) -> set[str]:
    """The agreements and organizations a sheet states, as ``dispose`` matches them."""
    from .claimtext import agreement_key

    out: set[str] = set()
    for c in claims:
        if c["type"] == "agreement":
            out.add(f"agreement:{agreement_key(c['fields'])}")
        elif c["type"] == "membership":
            out.add(f"membership:{c['fields'].get('organization')}")
    return out


def checked(verdict: Verdict | None) -> bool:
    """Whether the sources could say anything about the claim (on either date)."""
    if verdict is None:
        return True
    return verdict.at_publication.verdict in ("supported", "contradicted") or verdict.now.verdict in (
        "current", "outdated", "contradicted")


def bad(verdict: Verdict | None) -> bool:
    return verdict is not None and (
        verdict.now.verdict in ("outdated", "contradicted") or verdict.at_publication.verdict == "contradicted"
    )


@dataclass(frozen=True)
class Disposition:
    """What became of each base claim: replaced (rewritten from sources), carried, or dropped."""

    replaced: tuple[int, ...]
    carried: tuple[int, ...]
    dropped: tuple[int, ...]  # checked and wrong, but no source sentence replaces it
    lost: tuple[int, ...]  # could be carried, but its sentence was rewritten


def dispose(
    base: Base, generated_topics: set[str], generated_keys: set[str] | None = None
) -> tuple[Disposition, dict[int, tuple[tuple[int, ...], list[int]]]]:
    """Decide per claim and per sentence group; returns the disposition and, for each carried
    group, its first sentence → (its sentences, its claims).

    A claim the sheet restates from the sources (same topic; for agreements and organizations,
    the same one) is replaced even when it could not be checked (an undated "entry into force of
    the TPA"): carrying it would say the same thing twice, or contradict the sources' value.
    """
    from .claimtext import agreement_key

    verdicts = {v.claim: v for v in base.verdicts or ()}
    keys = generated_keys or set()
    status: dict[int, str] = {}
    for i, claim in enumerate(base.claims):
        v = verdicts.get(i)
        generated = claim.type in GENERATED_TYPES and topic(claim.type, claim.fields) in generated_topics
        if claim.type == "agreement":
            same = f"agreement:{agreement_key(claim.fields)}" in keys
        elif claim.type == "membership":
            same = f"membership:{claim.fields.get('organization')}" in keys
        else:
            same = True
        if generated and (same or checked(v) or base.verdicts is None):
            status[i] = "replaced"
        elif bad(v):
            status[i] = "dropped"
        else:
            status[i] = "carried"
    # Claims whose spans share a sentence travel together; a span may cover several sentences.
    groups: list[tuple[set[int], list[int]]] = []
    for i, claim in enumerate(base.claims):
        sentences = _sentences_of(base.document, claim)
        merged = [g for g in groups if g[0] & sentences]
        for g in merged:
            groups.remove(g)
            sentences |= g[0]
        groups.append((sentences, sorted([i, *(j for g in merged for j in g[1])])))
    carried_sentences: dict[int, list[int]] = {}
    spans: dict[int, tuple[int, ...]] = {}
    lost: list[int] = []
    for sentences, ids in groups:
        if sentences and all(status[i] == "carried" for i in ids):
            first = min(sentences)
            carried_sentences[first] = ids
            spans[first] = tuple(sorted(sentences))
        else:
            lost += [i for i in ids if status[i] == "carried"]
    disp = Disposition(
        replaced=tuple(i for i, s in status.items() if s == "replaced"),
        carried=tuple(i for ids in carried_sentences.values() for i in ids),
        dropped=tuple(i for i, s in status.items() if s == "dropped"),
        lost=tuple(sorted(lost)),
    )
    return disp, {first: (spans[first], ids) for first, ids in carried_sentences.items()}


def _sentences_of(document: Document, claim: Claim) -> set[int]:
    """The sentences a claim's span touches; for representation claims, their whole paragraph
    (whether a mission is an embassy or a UN mission is said in the sentence next to it)."""
    start, end = claim.span
    found = {
        index for index, s in enumerate(document.sentences)
        if s.start <= start < s.end or (start < s.end and end > s.start)
    }
    if claim.type in ("embassy", "ambassador") and found:
        blocks = {document.sentences[i].block for i in found}
        found |= {i for i, s in enumerate(document.sentences) if s.block in blocks}
    return found


def section_key(heading: str | None) -> str:
    if not heading:
        return "relations"
    low = heading.lower()
    if re.search(r"\bu\.\s?s\.\s?-\s?.+\brelations$", low):
        return "relations"
    if low.endswith(" today"):
        return "today"
    if low.startswith("bilateral economic"):
        return "economic"
    if "membership in international" in low:
        return "membership"
    if low.startswith("bilateral representation"):
        return "representation"
    return "other"


#: A sentence whose first words point back to the one before it ("these objectives", "such programs").
_REFERS_BACK = re.compile(r"^\W*(?:\S+\s+){0,4}?(?:these|those|such|this|the latter|the former)\s+[a-z]+", re.I)

