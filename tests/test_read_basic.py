from __future__ import annotations

import json
import subprocess
import sys

from conftest import EXAMPLE, SEED_GOLD

from factsheet import read


def test_example_header() -> None:
    doc = read(EXAMPLE)
    assert (doc.title, doc.country, doc.kind, doc.published) == (
        "U.S. Relations With Peru", "PE", "fact_sheet", "2017-02-02")
    assert doc.bureau == "Bureau of Western Hemisphere Affairs"
    assert len(doc.links) == 8
    for section in doc.sections:
        assert doc.text[section.start:].startswith(section.heading)


def test_seed_matches_gold(shared) -> None:
    gold = json.loads(SEED_GOLD.read_text())["document"]
    doc = read(shared / "seeds" / "000_a886b017fe743fdd.txt")
    assert [s.heading for s in doc.sections] == gold["sections"]
    assert doc.sha256 == gold["sha256"]
    assert (doc.title, doc.country, doc.bureau, doc.kind, doc.published) == (
        gold["title"], gold["country"], gold["bureau"], gold["kind"], gold["published"])
    assert len(doc.links) == gold["links_count"]


def test_cli_read_json() -> None:
    out = subprocess.run([sys.executable, "-m", "factsheet", "read", str(EXAMPLE), "--format", "json"],
                         capture_output=True, text=True, check=True)
    data = json.loads(out.stdout)
    assert data["country"] == "PE"
