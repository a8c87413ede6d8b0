"""What the reference sources say about one country on one date (``factsheet refdata show``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from ..countries import country_name
from ..dates import lower_bound
from ..model import Fact
from ..selection import chief_of_mission
from .store import Answer, Reference

RELATIONS = ("relations.recognized", "relations.established", "relations.severed", "relations.restored",
             "relations.embassy", "relations.consular", "relations.recognized_us")
PEOPLE = ("chief_of_state", "head_of_government", "us_chief_of_mission", "partner_chief_of_mission")


def _known_by(facts: list[Fact], on: dt.date) -> list[Fact]:
    """Facts a source had stated by ``on`` (observed on or before it; undated ones count)."""
    return [f for f in facts if not f.observed or lower_bound(f.observed) <= on]


def _answer_json(answer: Answer) -> dict[str, Any]:
    return {"covered": answer.covered, "note": answer.note, "horizon": answer.horizon,
            "facts": [f.to_json() for f in answer.facts]}


def country_summary(ref: Reference, country: str, on: dt.date) -> dict[str, Any]:
    code = ref._country(country)
    out: dict[str, Any] = {"country": code, "name": country_name(code) if country_name(code) else code,
                           "date": on.isoformat(), "horizon": ref.horizon()}
    out["relations"] = sorted(
        ({"predicate": f.predicate, "date": f.value["date"], "event": f.value["event"], "text": f.value["text"],
          "source": f.source, "record": f.record}
         for p in RELATIONS for f in ref.facts(code, p, on)),
        key=lambda e: (lower_bound(e["date"]), e["predicate"]),
    )
    out["people"] = {p: _answer_json(ref.answer(code, p, on)) for p in PEOPLE}
    # the one U.S. chief of mission the writer and the checker take (pocom's tenure while pocom
    # covers the date; the Factbook's year-end snapshot lags): the other source's stale entry
    # would contradict it
    mission = ref.answer(code, "us_chief_of_mission", on)
    pocom = ref.sources.get("pocom")
    chosen = chief_of_mission(mission.facts, on, pocom.last if pocom else None)
    if chosen is not None and len({f.source for f in mission.facts}) > 1:
        kept = tuple(f for f in mission.facts if f.source == chosen.source)
        out["people"]["us_chief_of_mission"] = _answer_json(replace(
            mission, facts=kept, note=f"{mission.note}; {chosen.source} preferred on this date"))
    # "the US does not have an embassy in …": the Factbook's statement when it names no U.S. chief
    note = ref.facts(code, "us_mission_note", on)
    out["us_mission_note"] = note[0].value if note else None
    out["embassy_in_us"] = _answer_json(ref.answer(code, "embassy_in_us", on))
    members = ref.answer(code, "membership", on)
    out["memberships"] = {
        "covered": members.covered, "note": members.note,
        "organizations": sorted(({"organization": f.value["organization"], "status": f.value["status"],
                                  "raw": f.value["raw"]} for f in members.facts),
                                key=lambda m: m["organization"]),
    }
    out["agreements"] = [
        {"id": f.value["id"], "title": f.value["title"], "signed": f.value["signed"],
         "in_force": f.value["in_force"], "end": f.value["end"], "members": f.value["members"]}
        for f in ref.facts(code, "agreement")
        if f.value["signed"] and lower_bound(f.value["signed"]) <= on
        and not (f.value["end"] and lower_bound(f.value["end"]) <= on)
    ]
    trade: dict[str, Any] = {}
    for predicate in ("exports_total", "imports_total"):
        known = _known_by(ref.facts(code, predicate), on)
        latest: dict[int, Fact] = {}
        for fact in sorted(known, key=lambda f: f.observed or ""):
            latest[int(fact.value["year"])] = fact  # the latest statement per year wins
        trade[predicate] = [{"year": y, "value_usd": latest[y].value["value_usd"], "observed": latest[y].observed}
                            for y in sorted(latest, reverse=True)[:3]]
    for predicate in ("export_partner_share", "import_partner_share"):
        known = [f for f in _known_by(ref.facts(code, predicate), on) if f.value.get("year")]
        if known:
            last_obs = max(f.observed or "" for f in known)
            statement = [f for f in known if (f.observed or "") == last_obs]
            trade[predicate] = [{"partner": f.value["partner"], "share": f.value["share"], "year": f.value["year"]}
                                for f in sorted(statement, key=lambda f: -f.value["share"])]
        else:
            trade[predicate] = []
    out["trade"] = trade
    visits = [f for f in ref.facts(code, "visit") if lower_bound(f.value["date"]) <= on]
    out["last_visit"] = visits[-1].value if visits else None
    return out
