"""The check's fast constructors and version stamping give what the plain ones give."""

from __future__ import annotations

from dataclasses import dataclass, field

from factsheet.check.base import build
from factsheet.check.provenance import Stamper, stamp_versions
from factsheet.model import Assessment, Evidence, Verdict


def test_build_equals_the_dataclass_constructor_with_defaults() -> None:
    ev = build(Evidence, source="pocom", value="Jane Roe, Ambassador")
    assert ev == Evidence(source="pocom", value="Jane Roe, Ambassador")
    assert ev.to_json() == Evidence(source="pocom", value="Jane Roe, Ambassador").to_json()
    pub = build(Assessment, date="2017-02-02", verdict="supported", evidence=(ev,))
    assert pub == Assessment("2017-02-02", "supported", (ev,))
    v = build(Verdict, claim=3, at_publication=pub, now=pub, code="V-X", message="m")
    assert v == Verdict(3, pub, pub, "V-X", "m") and v.findings == ()
    assert hash(pub) == hash(Assessment("2017-02-02", "supported", (ev,)))


def test_build_leaves_a_per_object_default_to_the_dataclass() -> None:
    @dataclass(frozen=True)
    class Bag:
        name: str
        items: list[str] = field(default_factory=list)

    a, b = build(Bag, name="a"), build(Bag, name="b")
    assert a.items == [] and a.items is not b.items


class _Source:
    def __init__(self, version: str) -> None:
        self.version = version


class _Reference:
    def __init__(self) -> None:
        self.sources = {"pocom": _Source("pocom@1"), "factbook": _Source("")}


def test_stamper_stamps_once_and_like_stamp_versions() -> None:
    shared = Evidence(source="pocom", value="Jane Roe")
    other = Evidence(source="factbook", value="Peru")
    pub = Assessment("2017-02-02", "supported", (shared, other))
    now = Assessment("2026-11-27", "current", (shared,))
    verdicts = [Verdict(0, pub, now, "V-A", "a"), Verdict(1, pub, now, "V-A", "a")]
    stamper = Stamper(_Reference())
    stamped = [stamper.verdict(v) for v in verdicts]
    assert [v.to_json() for v in stamped] == [
        v.to_json() for v in stamp_versions(verdicts, _Reference())]
    assert stamped[0].at_publication.evidence[0].version == "pocom@1"
    assert stamped[0].at_publication.evidence[1].version is None  # no version for the Factbook
    # one stamped assessment for both copies, and a stamped verdict is left as it is
    assert stamped[0].at_publication is stamped[1].at_publication
    assert stamper.verdict(stamped[0]) is stamped[0]
