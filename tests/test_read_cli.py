"""``factsheet read``: text and JSON output, --help, standard input, ``python -m factsheet``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from conftest import FIXTURES, SEED_GOLD

from factsheet.cli import main

VIETNAM = FIXTURES / "sheets" / "r_vietnam_2016.txt"


def test_text_output() -> None:
    result = CliRunner().invoke(main, ["read", str(VIETNAM)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[:5] == [
        "title      U.S. Relations With Vietnam",
        "country    VN",
        "bureau     Bureau of East Asian and Pacific Affairs",
        "kind       fact_sheet",
        "published  2016-05-19",
    ]
    assert "sections   5" in lines
    assert any(line.strip().startswith("[") and line.endswith("U.S.-VIETNAM RELATIONS  (4 sentences)")
               for line in lines)
    assert "links      12" in lines and lines[-1] == "  - Travel Information"


def test_json_output_offsets_point_into_its_text() -> None:
    result = CliRunner().invoke(main, ["read", str(VIETNAM), "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert {"title", "country", "bureau", "kind", "published", "sha256", "sections", "links",
            "blocks", "sentences", "text", "encoding", "media_type"} <= set(data)
    text = data["text"]
    for section in data["sections"]:
        assert text[section["start"]:section["end"]].startswith(section["heading"])
    assert text[slice(*data["sentences"][1])].startswith("President William J. Clinton announced")


def test_help_explains() -> None:
    result = CliRunner().invoke(main, ["read", "--help"])
    assert result.exit_code == 0
    for words in ("plain text", "HTML", "--format", "--force", "--max-bytes", "Exit codes"):
        assert words in result.output


def test_standard_input() -> None:
    run = subprocess.run([sys.executable, "-m", "factsheet", "read", "-", "--format", "json"],
                         input=VIETNAM.read_bytes(), capture_output=True, check=True)
    assert json.loads(run.stdout)["country"] == "VN"


def test_python_dash_m() -> None:
    run = subprocess.run([sys.executable, "-m", "factsheet", "--help"], capture_output=True, text=True)
    assert run.returncode == 0 and "read" in run.stdout


def test_done_when_seed(shared: Path) -> None:
    seed = shared / "seeds" / "000_a886b017fe743fdd.txt"
    run = subprocess.run([sys.executable, "-m", "factsheet", "read", str(seed), "--format", "json"],
                         capture_output=True, text=True, check=True)
    data = json.loads(run.stdout)
    gold = json.loads(SEED_GOLD.read_text())["document"]
    assert (data["title"], data["country"], data["kind"], data["published"]) == (
        "U.S. Relations With Peru", "PE", "fact_sheet", "2017-01-25")
    assert data["bureau"] == "Bureau of Western Hemisphere Affairs"
    assert [s["heading"] for s in data["sections"]] == gold["sections"]
    for section in data["sections"]:
        assert data["text"][section["start"]:section["end"]].startswith(section["heading"])
    assert len(data["links"]) == 17
