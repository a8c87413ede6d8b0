"""Rules as data: every shipped rules file validates; each bad rule gets its own error; the
pipeline checks what its components need and produce when it is built."""

from __future__ import annotations

import json

import pytest

from factsheet.errors import RuleError
from factsheet.extract import build_pipeline, rules
from factsheet.extract.pipeline import Component, Context, Draft, Pipeline


@pytest.mark.parametrize("family", rules.all_families())
def test_shipped_rules_are_valid(family: str) -> None:
    data = json.loads((rules.RULES_DIR / f"{family}.json").read_text(encoding="utf-8"))
    assert rules.validate(data, f"{family}.json") == []
    compiled = rules.load(family)
    assert compiled.family == family and compiled.tables


def test_every_family_has_a_rules_file() -> None:
    assert set(rules.all_families()) >= {
        "relations", "leaders", "agreements", "trade", "people", "assistance", "membership",
        "representation", "statistics"}


def test_each_bad_rule_is_reported() -> None:
    data = {"family": "demo", "tables": {"t": [
        {"id": "ok", "pattern": "x", "confidence": 0.5},
        {"id": "no-confidence", "pattern": "x"},
        {"id": "bad-regex", "pattern": "(unclosed", "confidence": 0.5},
        {"id": "bad-conf", "pattern": "x", "confidence": 1.5},
        {"id": "bad-type", "pattern": "x", "confidence": 0.5, "type": "weather"},
        {"id": "bad-group", "pattern": "x", "confidence": 0.5, "groups": {"year": "year"}},
        {"id": "bad-macro", "pattern": "<<NOPE>>", "confidence": 0.5},
        {"id": "bad-key", "pattern": "x", "confidence": 0.5, "colour": "red"},
        {"id": "bad-trigger", "pattern": "x", "confidence": 0.5, "triggers": ["Upper"]},
        {"id": "bad-converter", "pattern": "(?P<year>x)", "confidence": 0.5, "groups": {"year": "magic"}},
    ]}}
    errors = rules.validate(data, "demo.json")
    for rule_id in ("no-confidence", "bad-regex", "bad-conf", "bad-type", "bad-group", "bad-macro",
                    "bad-key", "bad-trigger", "bad-converter"):
        assert any(f"({rule_id})" in e for e in errors), rule_id
    assert not any("(ok)" in e for e in errors)
    with pytest.raises(RuleError) as info:
        rules.compile_rules(data, "demo.json")
    assert "bad-regex" in info.value.message and info.value.code == "E-RULE"


def test_duplicate_rule_ids_are_refused() -> None:
    data = {"family": "demo", "tables": {"a": [{"id": "same", "pattern": "x", "confidence": 0.5}],
                                         "b": [{"id": "same", "pattern": "y", "confidence": 0.5}]}}
    with pytest.raises(RuleError, match=r"demo\.json: rule id .same. is used twice"):
        rules.compile_rules(data, "demo.json")


def test_malformed_file_shapes() -> None:
    assert rules.validate([], "x.json")
    assert rules.validate({"family": "x", "tables": {}}, "x.json")
    assert rules.validate({"family": "x", "tables": {"t": "nope"}}, "x.json")


def test_macros_expand() -> None:
    import re

    assert re.fullmatch(rules.expand("<<MONEY>>"), "$8.8 billion")
    assert re.fullmatch(rules.expand("<<DATE>>"), "January 25, 2017")
    assert re.fullmatch(rules.expand("<<NAME>>"), "Brian A. Nichols")


def _noop(ctx: Context) -> dict[str, list[Draft]]:
    return {"a": []}


def test_pipeline_checks_requirements_at_build_time() -> None:
    with pytest.raises(RuleError, match="needs a"):
        Pipeline([Component("b", _noop, requires=("a",), produces=("b",)),
                  Component("a", _noop, requires=("sentences",), produces=("a",))])
    with pytest.raises(RuleError, match="declares nothing"):
        Pipeline([Component("a", _noop, requires=("sentences",), produces=())])
    with pytest.raises(RuleError, match="twice"):
        Pipeline([Component("a", _noop, produces=("a",)), Component("a", _noop, produces=("x",))])
    Pipeline([Component("a", _noop, produces=("a",)), Component("b", _noop, requires=("a",), produces=("b",))])


def test_pipeline_refuses_undeclared_output() -> None:
    from factsheet import read

    pipe = Pipeline([Component("a", lambda ctx: {"zzz": []}, produces=("a",))])
    with pytest.raises(RuleError, match="undeclared"):
        pipe.run(read(b"U.S. Relations With Peru\n\nSome text here.\n"))


def test_shipped_pipeline_declares_every_family() -> None:
    pipe = build_pipeline()
    produced = {p for c in pipe.components for p in c.produces}
    assert {"relations", "leaders", "agreements", "trade", "investment", "people", "assistance",
            "membership", "ambassador", "embassy", "statistics"} <= produced
