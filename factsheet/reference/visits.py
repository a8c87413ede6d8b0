"""visits: visits of foreign leaders to the United States (HistoryAtState/visits) as dated evidence."""

from __future__ import annotations

from pathlib import Path

from ..model import Fact
from . import gsh
from ._common import BuildResult, child_text, historian_result, require_dir, xml_files
from .factbook import parse_holder

SOURCE = "visits"
CITATION = "Office of the Historian, U.S. Department of State, Visits by Foreign Leaders (HistoryAtState/visits)"
URL = "https://history.state.gov/departmenthistory/visits/{id}"


def build(root: Path) -> BuildResult:
    folder = require_dir(root / "historian" / "visits" / "data", "historian/visits/data")
    result = historian_result(root, SOURCE, CITATION)
    ids = gsh.id_map(root)
    dates: list[str] = []
    for _path, tree in xml_files(sorted(folder.glob("*.xml")), result):
        for visit in tree.getroot().iterfind("visit"):
            vid = child_text(visit, "id")
            start = child_text(visit, "start-date")
            visitor = child_text(visit, "visitor")
            origin = visit.find("from")
            cid = origin.get("id") if origin is not None else None
            country = gsh.resolve(cid, ids) if cid else None
            if not vid or not start or not visitor or country is None:
                result.skipped += 1
                continue
            who = parse_holder(visitor)
            dates.append(start)
            result.facts.append(Fact(
                source=SOURCE, record=vid, country=country, predicate="visit",
                value={"title": who["title"] if who else None, "name": who["name"] if who else visitor,
                       "date": start, "end": child_text(visit, "end-date") or None,
                       "description": child_text(visit, "description")[:160] or None},
                valid_from=start, valid_to=child_text(visit, "end-date") or start, observed=None,
                citation=URL.format(id=vid),
            ))
    result.first = min(dates) if dates else None
    result.last = max(dates) if dates else None
    return result
