"""Sources that disagree about who held office: shown as such, never silently resolved.

(Also: a claim the additional sources say nothing about is judged on the established sources
alone, with their horizon — a Wikidata answer for other countries does not make it current.)

A pulled Wikidata answer and the Factbook (or pocom) can name different people for the same office
on the same day. The checkers merge every source's holders into one timeline, so left alone the
later start would simply win. Here a claim about an office holder is judged twice — with every
source and without the additional ones (``ADDITIONAL``) — and when both judgements cover the date
but differ, the verdict for that date becomes ``unverifiable`` (at publication) or ``unknown``
(now) with both sources' evidence and a message that says they disagree. Where the established
sources end (past their horizon) the additional ones are not contradicting anything: their
judgement stands.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from ..dates import upper_bound
from ..model import Assessment, Claim, Verdict
from .base import Context, safe_upper, sentence
from .codes import family_of, status_code

#: sources added by `refdata pull` whose holders can disagree with the shipped ones
ADDITIONAL = ("wikidata",)
#: claim families judged on office holders
FAMILIES = ("leader", "ambassador")
JUDGED = ("supported", "contradicted")
NOW_JUDGED = ("current", "outdated", "contradicted")


class WithoutSources:
    """A view of a reference without some sources (``facts``, ``answer``, ``horizon``, ``sources``)."""

    def __init__(self, reference: Any, excluded: Sequence[str]) -> None:
        self._ref = reference
        self._excluded = frozenset(excluded)
        self.sources = {k: v for k, v in getattr(reference, "sources", {}).items() if k not in self._excluded}

    def facts(self, country: str, predicate: str, on: dt.date | None = None) -> list[Any]:
        kept = [f for f in self._ref.facts(country, predicate, None) if f.source not in self._excluded]
        if on is None:
            return kept
        from ..reference.store import _bounds

        out = []
        for fact in kept:
            lo, hi = _bounds(fact)
            if lo <= on and (hi is None or on <= hi):
                out.append(fact)
        return out

    def answer(self, country: str, predicate: str, on: dt.date) -> Any:
        found = self._ref.answer(country, predicate, on)
        return replace(found, facts=tuple(f for f in found.facts if f.source not in self._excluded),
                       sources=tuple(s for s in found.sources if s not in self._excluded),
                       horizon=self.horizon(predicate))

    def horizon(self, predicate: str | None = None) -> str | None:
        by_predicate: dict[str, set[str]] = getattr(self._ref, "_predicate_sources", {})
        names = by_predicate.get(predicate, set()) if predicate else set(self.sources)
        lasts = [str(self.sources[n].last) for n in names if n in self.sources and self.sources[n].last]
        return max(lasts, key=upper_bound) if lasts else None


def has_additional(reference: Any) -> bool:
    sources = getattr(reference, "sources", None)
    return isinstance(sources, dict) and any(s in sources for s in ADDITIONAL)


def _cited(a: Assessment) -> set[str]:
    return {e.source for e in a.evidence}


def _disagree(mine: Assessment, theirs: Assessment, judged: tuple[str, ...]) -> bool:
    return (mine.verdict in judged and theirs.verdict in judged and mine.verdict != theirs.verdict
            and bool(_cited(mine) & set(ADDITIONAL)))


def _merge(verdict: str, mine: Assessment, theirs: Assessment, why: str) -> Assessment:
    evidence = tuple(dict.fromkeys((*theirs.evidence, *mine.evidence)))
    return replace(mine, verdict=verdict, evidence=evidence, current=None, reason=why)


def _names(a: Assessment) -> str:
    return "; ".join(f"{e.source}: {e.value}" for e in a.evidence) or "no holder"


def note_disagreements(ctx: Context, claims: Sequence[Claim], verdicts: list[Verdict],
                       judge: Callable[[Context, int, Claim], Verdict]) -> list[Verdict]:
    """Re-judge office-holder claims without the additional sources; where both judgements cover
    a date and differ, the verdict for that date says the sources disagree."""
    if not has_additional(ctx.reference):
        return verdicts
    base = WithoutSources(ctx.reference, ADDITIONAL)
    other = Context(document=ctx.document, claims=ctx.claims, reference=base, as_of=ctx.as_of,
                    editions=ctx.editions)
    out = []
    for verdict in verdicts:
        claim = claims[verdict.claim]
        if claim.type.split(".")[0] not in FAMILIES:
            out.append(verdict)
            continue
        theirs = judge(other, verdict.claim, claim)
        if not (_cited(verdict.at_publication) | _cited(verdict.now)) & set(ADDITIONAL):
            # the additional sources say nothing about this claim (no data for the country): they
            # must not lend it their later horizon either ("current" long past the Factbook's end)
            out.append(theirs)
            continue
        pub, now, notes = verdict.at_publication, verdict.now, []
        if _disagree(pub, theirs.at_publication, JUDGED):
            why = (f"the sources disagree on {pub.date}: {_names(theirs.at_publication)} | "
                   f"{_names(pub)}")
            notes.append(f"The sources disagree on {pub.date}: without {', '.join(ADDITIONAL)} the claim is "
                         f"{theirs.at_publication.verdict} ({theirs.message}); with it, {pub.verdict}")
            pub = _merge("unverifiable", pub, theirs.at_publication, why)
        # "now": only while the established sources still cover the check date
        horizon = theirs.now.horizon
        last = safe_upper(horizon) if horizon else None
        if last is not None and ctx.as_of <= last and _disagree(now, theirs.now, NOW_JUDGED):
            notes.append(f"On {now.date} the sources disagree too")
            now = _merge("unknown", now, theirs.now, f"the sources disagree on {now.date}: "
                                                               f"{_names(theirs.now)} | {_names(now)}")
        if not notes:
            out.append(verdict)
            continue
        if pub.verdict == "unverifiable" and now.verdict == "contradicted":
            # "contradicted now" means wrong when published and still; it may have been right then
            now = replace(now, verdict="outdated")
        code = status_code(family_of(claim.type), pub.verdict, now.verdict)
        message = " ".join(sentence(n) for n in notes) + f" ({verdict.message})"
        out.append(replace(verdict, at_publication=pub, now=now, code=code, message=message))
    return out


__all__ = ["ADDITIONAL", "WithoutSources", "has_additional", "note_disagreements"]
