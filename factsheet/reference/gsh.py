"""gsh (HistoryAtState "Guide to Sovereignty History"): ids ↔ ISO-2, independent-state periods.

``countries-old/*.xml`` maps a HistoryAtState country id (``peru``) to ISO-2; ``territories/*.xml``
gives each territory's type, valid-since/valid-until years and predecessors. Emits
``historyatstate_id`` (id ↔ ISO-2), ``independent_state`` (one fact per independent-state period)
and ``independence`` (the start of the current state's period with its predecessor).
"""

from __future__ import annotations

from pathlib import Path

from ..countries import to_iso2
from ..model import Fact
from ._common import BuildResult, child_text, historian_result, require_dir, xml_files

SOURCE = "gsh"
CITATION = "Office of the Historian, U.S. Department of State, Guide to Country Sovereignty (HistoryAtState/gsh), CC0"
URL = "https://history.state.gov/countries/{id}"

#: HistoryAtState ids whose countries-old entry is missing or carries no ISO-2 code.
EXTRA_IDS: dict[str, str] = {
    "kosovo": "XK",
    "united-states": "US",
    "czech-republic": "CZ",
    "swaziland": "SZ",
    "macedonia": "MK",
    "burma": "MM",
    "cote-divoire": "CI",
    "holy-see": "VA",
    "korea": "KR",
    "korea-south": "KR",
    "korea-north": "KP",
    "palestinian-authority": "PS",
    "taiwan": "TW",
    "hong-kong": "HK",
    "macau": "MO",
    "vietnam": "VN",
}


def id_map(root: Path) -> dict[str, str]:
    """HistoryAtState country id → ISO-2 from ``gsh/data/countries-old`` (plus a few extras).

    Ids of states that no longer exist (``vietnam-south``, ``yugoslavia``) carry codes that are
    not ISO-2 and are left out: their facts are not attached to a modern country.
    """
    out: dict[str, str] = {}
    folder = root / "historian" / "gsh" / "data" / "countries-old"
    if folder.is_dir():
        for path, tree in xml_files(sorted(folder.glob("*.xml"))):
            node = tree.getroot()
            code = child_text(node, "iso2").upper()
            cid = child_text(node, "id") or path.stem
            if code and to_iso2(code):
                out[cid] = code
    for cid, code in EXTRA_IDS.items():
        out.setdefault(cid, code)
    return out


def resolve(cid: str, ids: dict[str, str]) -> str | None:
    """A HistoryAtState id (``peru``, ``congo-republic``) → ISO-2, via the table then the name."""
    if cid in ids:
        return ids[cid]
    return to_iso2(cid.replace("-", " "))


def build(root: Path) -> BuildResult:
    base = require_dir(root / "historian" / "gsh" / "data", "historian/gsh/data")
    result = historian_result(root, SOURCE, CITATION)
    ids = id_map(root)
    old = base / "countries-old"
    old_files = sorted(old.glob("*.xml")) if old.is_dir() else []
    for path, tree in xml_files(old_files, result, label="countries-old/"):
        node = tree.getroot()
        cid = child_text(node, "id") or path.stem
        if cid not in ids:
            result.skipped += 1
            continue
        result.facts.append(Fact(
            source=SOURCE, record=cid, country=ids[cid], predicate="historyatstate_id",
            value={"id": cid, "label": child_text(node, "label") or None,
                   "modern": child_text(node, "country-modern-indicator") == "true"},
            valid_from=None, valid_to=None, observed=None, citation=URL.format(id=cid),
        ))
    folder = require_dir(base / "territories", "historian/gsh/data/territories")
    territories: dict[str, dict[str, object]] = {}
    for path, tree in xml_files(sorted(folder.glob("*.xml")), result):
        node = tree.getroot()
        tid = child_text(node, "id") or path.stem
        territories[tid] = {
            "id": tid,
            "name": child_text(node, "short-form-name"),
            "type": child_text(node, "type-of-territory"),
            "since": child_text(node, "valid-since"),
            "until": child_text(node, "valid-until"),
            "predecessors": [" ".join(p.text.split()) for p in node.iterfind("predecessors/predecessor") if p.text],
        }
    years: list[str] = []
    for tid, t in sorted(territories.items()):
        country = resolve(tid, ids)
        if country is None or t["type"] != "independent-state":
            result.skipped += 1
            continue
        since = str(t["since"]) if str(t["since"]).isdigit() else None
        until = str(t["until"]) if str(t["until"]).isdigit() and t["until"] != "9999" else None
        preds = [p for p in t["predecessors"] if isinstance(p, str)]  # type: ignore[attr-defined]
        pred_names = [str(territories[p]["name"]) if p in territories else p for p in preds]
        years += [y for y in (since, until) if y]
        result.facts.append(Fact(
            source=SOURCE, record=tid, country=country, predicate="independent_state",
            value={"id": tid, "name": t["name"], "since": since, "until": until,
                   "predecessors": pred_names},
            valid_from=since, valid_to=until, observed=None, citation=URL.format(id=tid),
        ))
        if until is None and since:
            result.facts.append(Fact(
                source=SOURCE, record=tid, country=country, predicate="independence",
                value={"date": since, "predecessor": pred_names[0] if pred_names else None,
                       "predecessors": pred_names},
                valid_from=since, valid_to=None, observed=None, citation=URL.format(id=tid),
            ))
    result.first = "1776"
    result.last = result.upstream_date or (max(years) if years else None)
    result.extra["ids"] = len(ids)
    return result
