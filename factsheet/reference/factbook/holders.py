"""People in office: holder runs across snapshots, and the since dates the snapshots contradict."""

from __future__ import annotations

from ...dates import lower_bound
from ...model import Fact
from .identity import _holder_id, _respelt, _same_person
from .people import display_name, parse_holder
from .series import GAP_DAYS, SOURCE, Obs, Run, _cite, _days, runs


def _run_starts(seq: list[Run]) -> list[str]:
    """Where each run starts, in snapshot order. A "since" date the snapshots bear out is the
    start; one they contradict is a source quirk, settled here once: a "since" before the
    predecessor's start (Romania's Prime Minister "since 23 June 2005" listed after an interim
    one of 2025, a typo) is replaced in the value by the first snapshot naming the person, the
    source's date and the reason kept (``since_source``, ``since_note``) — when the predecessor's
    start is the source's own date, or the "since" lies over two years before the person is first
    listed (a lagging snapshot cannot explain it); a person returning to the office (El
    Salvador's President after an acting one) or the same person under a new title keeps the
    "since", but the run starts where the change is seen; a "since" later
    than the first snapshot (an archive row filed under an earlier year) is the start."""
    starts: list[str] = []
    prev: int | None = None
    for i, run in enumerate(seq):
        start = run.first.start
        value = run.value
        since = value.get("since") if value else None
        if since:
            if lower_bound(since) <= lower_bound(run.first.start) or lower_bound(since) <= lower_bound(run.last.end):
                start = str(since)
            if prev is not None and lower_bound(start) <= lower_bound(starts[prev]):
                start = run.first.start
                before = seq[prev].value
                # the predecessor's start is the source's own date, or the "since" lies years
                # before the person is first listed: a lagging snapshot cannot explain it
                sourced = bool(before and before.get("since") and before.get("since") == starts[prev])
                # the person held the office before under the same "since" (El Salvador's
                # President after an acting one): the source's date stands
                returning = any(r.value and r.value.get("since") == since and _same_person(r.value, value)
                                for r in seq[:i])
                if before and not returning and (sourced or _days(str(since), run.first.start) > 730):
                    value["since_source"] = since
                    value["since"] = run.first.start
                    value["since_note"] = (
                        f"the source's since {since} is not after the start of the predecessor "
                        f"{display_name(before['name'])} ({starts[prev]}): the first snapshot naming "
                        f"{display_name(value['name'])} ({run.first.start}) is used")
        starts.append(start)
        if value is not None:
            prev = i
    return starts


def holder_facts(country: str, key: str, obs: list[Obs], horizon: str, prefer_since: bool) -> list[Fact]:
    facts: list[Fact] = []
    seq = runs(obs, lambda t: parse_holder(t, prefer_since=prefer_since), _holder_id, _respelt)

    starts = _run_starts(seq)
    for i, run in enumerate(seq):
        if run.value is None:
            continue
        start = starts[i]
        value = dict(run.value)
        value["last_seen"] = run.last.end
        if i + 1 < len(seq):
            nxt = seq[i + 1]
            next_start = starts[i + 1]
            if lower_bound(next_start) <= lower_bound(start):  # same holder, new title: the change is seen
                next_start = nxt.first.start
            if _days(run.last.end, next_start) > GAP_DAYS:
                valid_to, value["end_basis"] = run.last.end, "last_seen"
            else:
                valid_to, value["end_basis"] = next_start, "successor"
        else:
            valid_to, value["end_basis"] = None, "open"
            value["last_seen"] = max(run.last.end, horizon) if run.last.origin.startswith("weekly") else run.last.end
        facts.append(Fact(SOURCE, f"{country}@{run.first.start}", country, key, value,
                          valid_from=start, valid_to=valid_to, observed=run.first.start,
                          citation=_cite(run.first.origin, run.first.start)))
    return facts

