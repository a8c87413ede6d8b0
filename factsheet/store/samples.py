"""Generated sheets and a synthetic pipeline, for benchmarks and the store's reliability tests.

``generate(n)`` varies the bundled example sheet (country, publication date, years, dollar
figures, names) so that every sheet has distinct bytes and the knowledge base sees many
countries with many editions each. ``synthetic_prepare`` is a stand-in for extract+check that
is cheap and deterministic: it exercises the storage layer alone (one claim per sentence, a
verdict derived from the content hash), so storage figures can be measured apart from the
pipeline's.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

from ..model import Assessment, Claim, Evidence, Verdict
from .pipeline import Prepared, ReferenceStamp

EXAMPLE = Path(__file__).resolve().parent.parent / "data" / "examples" / "peru-2017.txt"

# (name, people): countries whose names read naturally in the example's sentences.
COUNTRIES: tuple[tuple[str, str], ...] = (
    ("Peru", "Peruvians"), ("Chile", "Chileans"), ("Colombia", "Colombians"),
    ("Ecuador", "Ecuadorians"), ("Bolivia", "Bolivians"), ("Paraguay", "Paraguayans"),
    ("Uruguay", "Uruguayans"), ("Argentina", "Argentines"), ("Brazil", "Brazilians"),
    ("Mexico", "Mexicans"), ("Guatemala", "Guatemalans"), ("Honduras", "Hondurans"),
    ("Panama", "Panamanians"), ("Costa Rica", "Costa Ricans"), ("Nicaragua", "Nicaraguans"),
    ("Jamaica", "Jamaicans"), ("Kenya", "Kenyans"), ("Ghana", "Ghanaians"), ("Senegal", "Senegalese"),
    ("Tanzania", "Tanzanians"), ("Zambia", "Zambians"), ("Botswana", "Batswana"),
    ("Vietnam", "Vietnamese"), ("Indonesia", "Indonesians"), ("Mongolia", "Mongolians"),
    ("Malaysia", "Malaysians"), ("Thailand", "Thais"), ("Nepal", "Nepalis"),
    ("Norway", "Norwegians"), ("Poland", "Poles"), ("Portugal", "Portuguese"),
    ("Estonia", "Estonians"), ("Romania", "Romanians"), ("Greece", "Greeks"),
    ("Morocco", "Moroccans"), ("Tunisia", "Tunisians"), ("Jordan", "Jordanians"),
    ("Oman", "Omanis"), ("Fiji", "Fijians"), ("Samoa", "Samoans"),
)
AMBASSADORS = (
    "Brian A. Nichols", "Laura M. Ortiz", "Daniel K. Weber", "Grace T. Okafor", "Samuel R. Hale",
    "Maria J. Castellano", "Henry P. Lindqvist", "Ruth A. Mbeki", "Owen C. Tran", "Julia E. Novak",
)
LEADERS = (
    "Pedro Pablo Kuczynski", "Ana Lucia Ferreira", "Tomas Eriksen", "Amina Diallo", "Nguyen Van An",
    "Carlos Mendoza Ruiz", "Elena Popescu", "Joseph Mwangi", "Siti Rahman", "Karin Solberg",
)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


def sheet(i: int, template: str | None = None) -> str:
    """The i-th generated sheet: country ``i % 40``, edition ``i // 40`` (a month apart)."""
    text = template if template is not None else EXAMPLE.read_text(encoding="utf-8")
    name, people = COUNTRIES[i % len(COUNTRIES)]
    edition = i // len(COUNTRIES)
    day = dt.date(2000, 1, 3) + dt.timedelta(days=30 * edition + i % 7)
    h = int(hashlib.sha256(str(i).encode()).hexdigest()[:8], 16)
    two_way = 5 + h % 90
    exports = round(two_way * (0.4 + (h >> 8) % 30 / 100), 1)
    imports = round(two_way - exports, 1)
    established = 1800 + (h >> 4) % 180
    out = text.replace("February 2, 2017", f"{MONTHS[day.month - 1]} {day.day}, {day.year}")
    out = out.replace("PERU", name.upper()).replace("Peruvians", people).replace("Peru", name)
    out = out.replace("1827", str(established))
    out = out.replace("$14 billion in 2015", f"${two_way} billion in {max(day.year - 2, 1999)}")
    out = out.replace("$8.8 billion in 2015", f"${exports} billion in {max(day.year - 2, 1999)}")
    out = out.replace("$5.1 billion", f"${imports} billion")
    out = out.replace("500,000", f"{(h % 900 + 100) * 1000:,}")
    out = out.replace("Brian A. Nichols", AMBASSADORS[(i // 3) % len(AMBASSADORS)])
    out = out.replace("Pedro Pablo Kuczynski", LEADERS[(i // 5) % len(LEADERS)])
    return out


def generate(n: int, start: int = 0) -> Iterator[tuple[str, bytes]]:
    """(file name, bytes) of ``n`` distinct generated sheets."""
    template = EXAMPLE.read_text(encoding="utf-8")
    for i in range(start, start + n):
        name = COUNTRIES[i % len(COUNTRIES)][0].lower().replace(" ", "-")
        yield f"{name}-{i:05d}.txt", sheet(i, template).encode("utf-8")


def write(folder: Path, n: int, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for file_name, raw in generate(n, start):
        path = folder / file_name
        path.write_bytes(raw)
        paths.append(path)
    return paths


_TYPES = (
    ("Ambassador", "ambassador"), ("President", "leader"), ("established", "relations.established"),
    ("$", "trade"), ("organizations", "membership"), ("embassy in the United States", "embassy"),
)
_PUB = ("supported", "supported", "supported", "contradicted", "unverifiable")
_NOW = ("current", "current", "outdated", "unknown")
STAMP = ReferenceStamp(hash="0" * 64, manifest='{"synthetic":true}', version="synthetic", horizon="2026-01-22")


def synthetic_prepare(
    raw: bytes, source: str | None, check_date: dt.date | None = None
) -> Prepared | tuple[str, str]:
    """Read for real; then one claim per sentence and a verdict from its hash (no extract/check)."""
    from ..errors import FactsheetError
    from ..read import read_bytes

    try:
        doc = dataclasses.replace(read_bytes(raw, name=source or "input"), source=source)
    except FactsheetError as exc:
        return (exc.code, exc.message)
    claims: list[Claim] = []
    verdicts: list[Verdict] = []
    on = (check_date or dt.date.today()).isoformat()
    for sentence in doc.sentences:
        quote = doc.text[sentence.start : sentence.end]
        if len(quote) < 20:
            continue
        ctype = next((t for key, t in _TYPES if key in quote), "statistic")
        fields: dict[str, object] = {"words": len(quote.split())}
        m = re.search(r"(?:Ambassador to \w[\w ]* is|President) ([A-Z][\w.]*(?: [A-Z][\w.]*)+)", quote)
        if m:
            fields.update(name=m.group(1), title="Ambassador" if "Ambassador" in quote else "President")
        idx = len(claims)
        claims.append(Claim(ctype, doc.country, fields, (sentence.start, sentence.end), quote, sentence.section))
        h = int(hashlib.sha256(quote.encode()).hexdigest()[:6], 16)
        pub, now = _PUB[h % len(_PUB)], _NOW[(h >> 4) % len(_NOW)]
        if pub == "contradicted":
            now = "contradicted"
        evidence = (Evidence("synthetic", f"value {h % 1000}", record=f"r{h % 97}"),)
        verdicts.append(
            Verdict(
                idx,
                Assessment(doc.published or on, pub, evidence),
                Assessment(on, now, evidence, current="someone else" if now == "outdated" else None,
                           horizon="2026-01-22"),
                f"V-SYN-{pub.upper()}",
                f"synthetic verdict {pub}/{now}",
            )
        )
    return Prepared(doc, tuple(claims), tuple(verdicts), on, STAMP)
