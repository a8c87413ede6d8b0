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
from collections.abc import Sequence
from typing import Any

from ..errors import InvalidDateError, UnknownCountryError
from . import formatting as fmt
from .agreements import agreement_sentences
from .bureaus import bureau
from .carry import _REFERS_BACK, Base, _clean, _sentences_of, dispose, generated_keys, section_key, topic
from .membership import MembershipWriter
from .relations import RelationsWriter
from .representation import RepresentationWriter
from .scope import check_place, nothing_on, resolve_country, resolve_date
from .sheet import Paragraph, SentenceOut, Sheet, SheetSection, SourceRef
from .today import TodayWriter
from .wording import (
    _cap,
    _heading_case,
    possessive,
)
from .writer import ReferenceLike

# Bilateral U.S. trade agreements by their usual names (manytrade titles are terse: "US Peru").


# -- small helpers -----------------------------------------------------------------------------


















# -- the composer --------------------------------------------------------------------------------


class Composer(RelationsWriter, TodayWriter, MembershipWriter, RepresentationWriter):
    """Every section writer, on one country and date."""

    def agreements(self) -> list[SentenceOut]:
        # signed-but-not-yet-in-force agreements are events of their signature: look them up
        # without the date filter, the writer decides
        facts = [f for f in self.ref.facts(self.iso, "agreement")]
        base_claims = self.base.claims if self.base is not None else None
        return agreement_sentences(facts, self.on, self.iso, self.short, base_claims)


















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
