"""The scorer: extracted claims against hand-written gold, per claim type and overall.

A gold file (``<stem>.claims.json``, shaped like ../shared/gold/*.claims.json) names its sheet
with a ``"sheet"`` key (a path relative to the gold file), or the sheet lies beside it
(``<stem>.txt`` / ``<stem>.html``), or in the shared layout at ``../seeds/<stem>.txt``.

A predicted claim matches a gold claim of the same type when its key fields agree (see
``KEYS``); each gold claim matches at most once. Claims under 0.5 confidence are reported by
the extractor but not counted here unless ``include_low`` is set.

A gold file may also hold an ``"uncertain"`` list: claims the contract leaves room for. A
prediction that matches one is neither a true nor a false positive, and an uncertain claim that
nothing matches is not a miss. Corpus gold points its ``"sheet"`` key into ../shared, which a
fresh clone lacks: such files are skipped (``Report.skipped``), and an error is raised only when
no gold file is left.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputNotFoundError, UsageError
from .folding import fold_accents
from .model import Claim

Fields = dict[str, Any]


def _close(a: Any, b: Any, tol: float = 0.01) -> bool:
    try:
        x, y = float(a), float(b)
    except (TypeError, ValueError):
        return False
    return abs(x - y) <= tol * max(abs(y), 1e-12)


def _fold(text: Any) -> str:
    t = fold_accents(str(text or ""))
    t = re.sub(r"^the\s+", "", t.strip())
    return re.sub(r"[^a-z0-9]+", "", t)


def surname(name: Any) -> str:
    tokens = [t for t in re.split(r"[\s,]+", str(name or "")) if t and not re.fullmatch(r"[A-Z]\.|Jr\.?|Sr\.?|I+V?|VI*", t)]
    return _fold(tokens[-1]) if tokens else ""


def _tokens(name: Any) -> set[str]:
    return {_fold(t) for t in re.split(r"[\s,]+", str(name or ""))} - {""}


def _same_surname(p: Fields, g: Fields) -> bool:
    """The gold surname among the predicted name's words, or the other way round (Factbook
    names add a maternal surname: "Pedro Pablo KUCZYNSKI Godard")."""
    gs, ps = surname(g.get("name")), surname(p.get("name"))
    return bool(gs and ps) and (gs == ps or gs in _tokens(p.get("name")) or ps in _tokens(g.get("name")))


def _eq(key: str) -> Callable[[Fields, Fields], bool]:
    return lambda p, g: p.get(key) == g.get(key)


def _year_if_gold(p: Fields, g: Fields) -> bool:
    return "year" not in g or p.get("year") == g.get("year")


def _relations(p: Fields, g: Fields) -> bool:
    return p.get("year") == g.get("year")


def _independence(p: Fields, g: Fields) -> bool:
    if "year" in g and "year" in p:
        return bool(p["year"] == g["year"])
    return bool(g.get("from")) and _fold(p.get("from")) == _fold(g.get("from"))


def _agreement(p: Fields, g: Fields) -> bool:
    """Event, year (when gold has one) and name. Names are written as the sheet words them and
    their extent varies ("the Adriatic Charter" / "… Charter on Euro-Atlantic integration"), so
    one name inside the other matches when the shorter has at least 7 letters."""
    if p.get("event") != g.get("event") or not _year_if_gold(p, g):
        return False
    names = {_fold(p.get("name")), _fold(p.get("short_name"))} - {""}
    gold = {_fold(g.get("name")), _fold(g.get("short_name"))} - {""}
    return bool(names & gold) or any(
        min(len(a), len(b)) >= 7 and (a in b or b in a) for a in names for b in gold)


def _trade(p: Fields, g: Fields) -> bool:
    return (p.get("flow") == g.get("flow") and p.get("year") == g.get("year")
            and _close(p.get("value_usd"), g.get("value_usd")))


def _investment(p: Fields, g: Fields) -> bool:
    return (p.get("direction") == g.get("direction") and _year_if_gold(p, g)
            and _close(p.get("value_usd"), g.get("value_usd")))


def _people(p: Fields, g: Fields) -> bool:
    return p.get("kind") == g.get("kind") and _close(p.get("count"), g.get("count"))


def _membership(p: Fields, g: Fields) -> bool:
    return p.get("organization") == g.get("organization") and p.get("status") == g.get("status")


def _leader(p: Fields, g: Fields) -> bool:
    return _same_surname(p, g)


def _ambassador(p: Fields, g: Fields) -> bool:
    if p.get("side") != g.get("side"):
        return False
    if not g.get("name") and not p.get("name"):
        return True
    return bool(g.get("name")) and bool(p.get("name")) and _same_surname(p, g)


def _embassy(p: Fields, g: Fields) -> bool:
    if p.get("side") != g.get("side"):
        return False
    if g.get("phone") or g.get("postal_code"):
        return bool((g.get("phone") and p.get("phone") == g.get("phone"))
                    or (g.get("postal_code") and p.get("postal_code") == g.get("postal_code")))
    return p.get("kind") == g.get("kind")


def _assistance(p: Fields, g: Fields) -> bool:
    if g.get("value_usd") is not None:
        return _close(p.get("value_usd"), g["value_usd"])
    if g.get("fiscal_year") is not None:
        return p.get("fiscal_year") == g["fiscal_year"]
    return True


def _statistic(p: Fields, g: Fields) -> bool:
    return p.get("subject") == g.get("subject") and _close(p.get("value"), g.get("value"))


#: claim type → does a predicted claim's fields match a gold claim's fields?
KEYS: dict[str, Callable[[Fields, Fields], bool]] = {
    "relations.established": _relations, "relations.recognized": _relations,
    "relations.severed": _relations, "relations.restored": _relations,
    "relations.none": lambda p, g: True, "independence": _independence,
    "agreement": _agreement, "leader": _leader, "trade": _trade, "investment": _investment,
    "people": _people, "assistance": _assistance, "membership": _membership,
    "ambassador": _ambassador, "embassy": _embassy, "statistic": _statistic,
}


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def to_json(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class SheetResult:
    gold: str
    sheet: str
    by_type: dict[str, Counts]
    missed: list[dict[str, Any]] = field(default_factory=list)
    false: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Report:
    sheets: list[SheetResult]
    #: gold files left out because their "sheet" key names a file that is absent
    skipped: list[str] = field(default_factory=list)

    @property
    def by_type(self) -> dict[str, Counts]:
        out: dict[str, Counts] = {}
        for sheet in self.sheets:
            for t, c in sheet.by_type.items():
                out.setdefault(t, Counts()).add(c)
        return dict(sorted(out.items()))

    @property
    def overall(self) -> Counts:
        total = Counts()
        for c in self.by_type.values():
            total.add(c)
        return total

    def to_json(self) -> dict[str, Any]:
        return {
            "overall": self.overall.to_json(),
            "skipped": self.skipped,
            "by_type": {t: c.to_json() for t, c in self.by_type.items()},
            "sheets": [
                {"gold": s.gold, "sheet": s.sheet,
                 "f1": round(_sum(s.by_type.values()).f1, 4),
                 "missed": s.missed, "false": s.false}
                for s in self.sheets
            ],
        }


def _sum(counts: Iterable[Counts]) -> Counts:
    total = Counts()
    for c in counts:
        total.add(c)
    return total


def _max_matching(preds: list[Claim], gold: list[dict[str, Any]], taken: set[int] | None = None
                  ) -> dict[int, int]:
    """Prediction index → gold index, as many pairs as possible (each gold claim at most once).

    A greedy pass lets one prediction take a gold claim another prediction needed ("from
    Pakistan" taking the gold that also has 1971, leaving the bare 1971 unmatched); augmenting
    paths (Kuhn's algorithm, per claim type) find the largest set of pairs instead. Candidates
    are tried most specific first, so ties keep the old preference."""
    taken = taken or set()
    order = sorted(range(len(gold)), key=lambda i: -_specificity(gold[i]))
    candidates: list[list[int]] = []
    for claim in preds:
        match = KEYS.get(claim.type)
        candidates.append([] if match is None else [
            i for i in order if i not in taken and gold[i]["type"] == claim.type
            and match(claim.fields, gold[i].get("fields", {}))])
    owner: dict[int, int] = {}

    def augment(p: int, seen: set[int]) -> bool:
        for g in candidates[p]:
            if g in seen:
                continue
            seen.add(g)
            if g not in owner or augment(owner[g], seen):
                owner[g] = p
                return True
        return False

    for p in range(len(preds)):
        augment(p, set())
    return {p: g for g, p in owner.items()}


def score(predicted: list[Claim], gold: list[dict[str, Any]], *, include_low: bool = False,
          uncertain: list[dict[str, Any]] | None = None,
          ) -> tuple[dict[str, Counts], list[dict[str, Any]], list[dict[str, Any]]]:
    """Per-type counts, the gold claims missed and the predicted claims that match nothing.

    A prediction matching no gold claim but one of ``uncertain`` (each at most once) counts
    nowhere; unmatched uncertain claims are not misses."""
    uncertain = uncertain or []
    preds = [c for c in predicted if include_low or not c.low_confidence]
    preds.sort(key=lambda c: -c.confidence)
    pairs = _max_matching(preds, gold)
    rest = [i for i in range(len(preds)) if i not in pairs]
    spared = _max_matching([preds[i] for i in rest], uncertain)
    spared_preds = {rest[i] for i in spared}
    counts: dict[str, Counts] = {}
    false: list[dict[str, Any]] = []
    for i, claim in enumerate(preds):
        if i in spared_preds:
            continue
        c = counts.setdefault(claim.type, Counts())
        if i in pairs:
            c.tp += 1
        else:
            c.fp += 1
            false.append({"type": claim.type, "fields": claim.fields, "quote": claim.quote})
    used = set(pairs.values())
    missed = []
    for i, g in enumerate(gold):
        if i not in used:
            counts.setdefault(g["type"], Counts()).fn += 1
            missed.append({"type": g["type"], "fields": g.get("fields", {}), "quote": g.get("quote"),
                           "span": g.get("span")})
    return counts, missed, false


def _specificity(g: dict[str, Any]) -> int:
    fields = g.get("fields", {})
    keyed = any(fields.get(k) is not None for k in ("value_usd", "fiscal_year", "name", "phone", "postal_code"))
    return 100 * keyed + len(fields)


def find_sheet(gold_path: Path, data: dict[str, Any]) -> Path:
    """The sheet a gold file is about: its "sheet" key, a sibling, or ../seeds/<stem>.txt."""
    stem = gold_path.name.removesuffix(".claims.json")
    candidates = []
    if isinstance(data.get("sheet"), str):
        candidates.append(gold_path.parent / data["sheet"])
    candidates += [gold_path.parent / f"{stem}{ext}" for ext in (".txt", ".html", ".htm")]
    candidates += [gold_path.parent.parent / "seeds" / f"{stem}{ext}" for ext in (".txt", ".html")]
    for path in candidates:
        if path.is_file():
            return path
    raise InputNotFoundError(
        f"no sheet found for {gold_path.name}: add a \"sheet\" key with its relative path, or put "
        f"{stem}.txt beside it."
    )


def gold_files(gold_dir: Path) -> list[Path]:
    if gold_dir.is_file():
        return [gold_dir]
    if not gold_dir.is_dir():
        raise InputNotFoundError(f"{gold_dir} does not exist: give a folder of *.claims.json files.")
    files = sorted(gold_dir.glob("*.claims.json"))
    if not files:
        raise UsageError(f"{gold_dir} holds no *.claims.json gold files.")
    return files


def evaluate(gold_dir: str | Path, *, include_low: bool = False) -> Report:
    """Read every gold file's sheet, extract it, and score it against the gold claims."""
    from .extract import extract
    from .read import read

    results = []
    skipped = []
    files = gold_files(Path(gold_dir))
    for path in files:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise UsageError(f"{path} is not valid JSON (line {exc.lineno}): fix the gold file.") from None
        try:
            sheet = find_sheet(path, data)
        except InputNotFoundError:
            if not isinstance(data.get("sheet"), str):
                raise
            skipped.append(path.name)  # its text lives elsewhere (../shared) and is absent here
            continue
        document = read(sheet)
        claims = extract(document)
        counts, missed, false = score(claims, data.get("claims", []), include_low=include_low,
                                      uncertain=data.get("uncertain", []))
        for m in missed:  # corpus gold gives spans only: show the words it points at
            span = m.pop("span", None)
            if m["quote"] is None and isinstance(span, list) and len(span) == 2:
                m["quote"] = document.text[span[0]:span[1]]
        results.append(SheetResult(path.name, str(sheet), counts, missed, false))
    if not results:
        raise InputNotFoundError(
            f"none of the {len(files)} gold file(s) in {gold_dir} has its sheet here (first: "
            f"{files[0].name} names {json.loads(files[0].read_text(encoding='utf-8')).get('sheet')}): "
            "put the texts there (for the corpus: ../shared/corpus/sheets beside the project).")
    return Report(results, skipped)
