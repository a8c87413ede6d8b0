"""CIA World Factbook: yearly archive 1990–2025 and the weekly change log 2020–2026.

Both raw files hold field texts per country and date. They become *series* of observations per
country and key (chief of state, U.S. chief of mission, organization list, …); a series becomes
facts:

* people in office — one fact per holder run, from the "since" date (else the first snapshot that
  shows them) to the next holder's start; when two snapshots are too far apart to say when the
  change happened (the archive has empty years), the run ends at the last snapshot that showed the
  holder (``end_basis: last_seen``); the last run is open (``valid_to`` None, ``end_basis: open``).
* embassy in Washington, independence, memberships — one fact per run of an unchanged value;
* trade totals, partner shares, poverty share — one fact per distinct (year, value), ``observed``
  being the first snapshot that stated it.

The archive's yearly rows are year-end snapshots (observed ``YYYY-12-31``); from the weekly log's
first date on (2020-11) the weekly log is used instead: it is finer and keeps accents, which the
archive's last years lost. Weekly rows are changes: a text holds until the next change of the
same field, and the last one until the log's last date (the horizon).
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import html
import io
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..countries import to_iso2
from ..dates import lower_bound
from ..model import Fact
from ..organizations import from_factbook
from ._common import BuildResult, dmy, fold, read_versions, require_dir, require_file

SOURCE = "factbook"
CITATION = "Central Intelligence Agency, The World Factbook (U.S. public domain)"
#: Two snapshots further apart than this cannot date a change between them.
GAP_DAYS = 400
#: The weekly edition ended with the Factbook itself (README: last content 2026-01-22).
WEEKLY_END = "2026-01-22"

csv.field_size_limit(10_000_000)

EXEC_LABELS = [
    "chief of state and head of government", "chief of state", "head of government", "head of state",
    "cabinet", "elections/appointments", "election/appointment process", "elections",
    "election results", "most recent election date", "expected date of next election",
    "state counsellor", "note",
]
DIP_LABELS = [
    "chief of mission", "chancery", "telephone", "FAX", "consulate(s) general", "consulate(s)",
    "consulate", "embassy", "mailing address", "email address and website", "email address",
    "honorary consulate(s)", "branch office(s)", "other offices", "representative office",
    "trade office(s)", "note",
]


def _label_re(labels: list[str]) -> re.Pattern[str]:
    alts = "|".join(re.escape(x) for x in sorted(labels, key=len, reverse=True))
    return re.compile(rf"(?:^|(?<=[\s|>]))({alts})\s*:", re.I)


_EXEC_RE = _label_re(EXEC_LABELS)
_DIP_RE = _label_re(DIP_LABELS)


def clean(text: str) -> str:
    """HTML tags and entities out, whitespace collapsed, curly apostrophes straightened."""
    text = re.sub(r"<br\s*/?>|</p>|</div>", " | ", text, flags=re.I)
    text = re.sub(r"<[^>]+>", " ", text)
    text = html.unescape(text).replace("’", "'").replace("‘", "'")
    text = " ".join(text.split())
    return re.sub(r"(?:\s*\|\s*)+", " | ", text).strip(" |")


def split_subfields(text: str, pattern: re.Pattern[str], lead: str | None = None) -> dict[str, str]:
    """``"chief of state: X | head of government: Y"`` → {label: text}; text before the first
    label goes to ``lead`` when given."""
    out: dict[str, str] = {}
    matches = list(pattern.finditer(text))
    if lead and (head := text[: matches[0].start() if matches else len(text)].strip(" |;")):
        out[lead] = head
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        value = text[m.end():end].strip(" |;")
        label = m.group(1).lower()
        if value and label not in out:
            out[label] = value
    return out


# ---------------------------------------------------------------------------------------------
# Parsers for one field text

_TITLES = sorted([
    "Ambassador-designate", "Chargé d'Affaires ad interim", "Chargé d'Affaires, a.i.",
    "Acting Chargé d'Affaires", "Chargé d'Affaires", "Chargée d'Affaires", "Interim Chargé d'Affaires",
    "Special Chargé d'Affaires", "Permanent Chargé d'Affaires", "Charges d'Affaires", "Chargé d'Affairs",
    "Charges d'Affairs",
    "Ambassador", "Ambasador", "Ambsssador", "A mbassador", "Appointed Ambassador", "Deputy Ambassador",
    "Deputy Chief of Mission", "Chief of Mission", "Minister-Counselor", "Counselor", "Director",
    "Representative", "Consul General", "Consul", "Principal Officer", "Chargé",
    "President of the Swiss Confederation", "President of the Government", "President of the Council of Ministers",
    "Chairman of the Presidency", "Chairman of the Presidential Council", "Chairman of the Council of Ministers",
    "President of Territorial Council", "Sovereign Council Chair", "State Affairs Commission President",
    "Transition President", "Transitional President", "Interim President", "Acting President",
    "President-elect", "President", "Prime Minister", "Acting Prime Minister", "Interim Prime Minister",
    "Transitional Prime Minister", "First Minister", "Premier", "Chief Minister", "Chief Executive",
    "Federal Chancellor", "Chancellor", "Supreme Leader", "King", "Queen", "Emperor", "Amir", "Emir",
    "Sultan and Prime Minister", "Sultan", "Grand Duke", "Prince", "Princess", "Pope", "Co-prince",
    "Co-Prince", "Governor General", "Governor-General", "Governor", "Administrator", "Head of State",
    "Captains Regent", "Captain Regent", "Chairman", "Chairwoman", "Chair", "General Secretary",
    "Supreme Pontiff", "Sovereign Pontiff", "Vice President", "Lieutenant Governor",
    "Caretaker Prime Minister", "Caretaker President", "Minister of State", "Head of Government",
    "Secretary of State", "Acting Consul General", "Executive Council President", "Acting Administrator",
    "Acting Ambassador", "Transition Prime Minister", "Interim Chief of Mission", "Coprince",
    "French Coprince", "French Co-prince", "Deputy Prime Minister", "Deputy Prime Ministers", "Taoiseach",
    "Crown Prince", "Chairperson", "Commissioner", "High Commissioner", "Prefect", "Executive President",
], key=len, reverse=True)
_TITLE_RE = re.compile(
    r"^(" + "|".join(re.escape(t).replace("é", "[eé]?").replace("'", "['’ ]?") for t in _TITLES) + r")(?![\w-])\.?,?\s*",
    re.I,
)
def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Title words (case-sensitive, as the Factbook writes them) that can end a title ("heads") or
#: stand before one ("modifiers"); ``of``-phrases after a head may also use the ``_OF_WORDS`` and
#: country names ("President of the Islamic Republic of Afghanistan Hamid KARZAI").
_HEADS = _wordset("""President Presidents Minister Ministers Premier Chancellor King Queen Emperor Empress Amir
    Emir Sultan Duke Duchess Prince Princess Pope Pontiff Co-prince Co-Prince Coprince Governor Governor-General
    Administrator Regent Regents Chairman Chairwoman Chairperson Chair Cochairman Secretary Leader Commissioner
    Prefect Mayor Magistrate Ruler Taoiseach Head Executive Commander Commander-in-Chief Chief Lord Officer
    Representative Ambassador Consul Council Co-chiefs Captain Captains Cochiefs Co-Vice Vice-President Bailiff Monarch
    Counselor Director""")
_MODIFIERS = _wordset("""Prime Vice Deputy First Second Acting Interim Transitional Transition Caretaker Executive
    Federal Grand Crown Supreme High Overall Taliban Revolutionary Paramount Island Home Rule Official Sovereign
    State Affairs Commission Presidential Leadership Lieutenant French Spanish Episcopal Co Special Permanent
    Appointed GNU CNSP Military Defense Foreign Presidency Assembly People's Territorial Senior""")
_OF_WORDS = _wordset("""Republic Government Council Ministers Minister State Presidency Confederation Swiss
    Territorial Assembly Legislative Executive Cabinet National Islamic Provisional Ruling Armed Forces Federal
    Federation Peace Development Law Order Restoration Safeguarding Safeguard Homeland Pontifical Commission
    Governorate Interior Defense Defence Foreign Affairs Finance Economy Political Russian Sudanese Supreme
    People's Revolutionary Revolution Transitional Sovereign Salvation Presidential Leadership Mann Islands
    Mission Staff Chief Justice Territory Territories Community Commonwealth Union Emirates Emirate Kingdom
    Provisional Military Transition Unity Public Security Trade Tourism Planning Ruler Coordinating
    Parliament Assembly Government""")
_GENERAL_PAIRS = ("Governor", "Secretary", "Consul", "Attorney")
_CONNECTORS = frozenset({"of", "for", "the", "and", "de", "du", "in"})


def _title_prefix(tokens: list[str]) -> int:
    """How many leading tokens form a title (0: none). Ends on a head or an ``of``-phrase word:
    "King and Prime Minister", "Prime Minister Crown Prince", "President of the Council of Ministers"."""
    from ..countries import to_iso2

    i = done = 0
    in_of = False
    while i < len(tokens):
        word = tokens[i].rstrip(",")
        nxt = tokens[i + 1].rstrip(",") if i + 1 < len(tokens) else ""
        country = 0
        if in_of and len(word) > 1 and word[:1].isupper():
            for k in (3, 2, 1):
                span = [t.rstrip(",") for t in tokens[i:i + k]]
                if len(span) == k and all(t[:1].isupper() or t in _CONNECTORS for t in span) \
                        and to_iso2(" ".join(span)):
                    country = k
                    break
        if country:
            i += country
            done = i
        elif in_of and (word in _OF_WORDS or (word == "General" and nxt in ("Council", "Assembly"))):
            i += 1
            done = i
        elif word in _HEADS and not (word == "Lord" and nxt != "of"):
            i += 2 if (nxt == "General" and word in _GENERAL_PAIRS) else 1
            done, in_of = i, False
        elif word in _MODIFIERS:
            i += 1
        elif word in ("of", "for") and i > 0:
            in_of, i = True, i + 1
        elif word in _CONNECTORS and i > 0:
            i += 1
        else:
            break
        if tokens[i - 1].endswith(",") and done != i:
            break  # a comma closes the title unless more title words follow ("Chairperson, Presidential Council")
    return done


def _segments(text: str) -> list[str]:
    """Split on ``;`` outside parentheses: "(since 19 March 2017; inaugurated 22 March 2017)" is
    one segment's parenthesis, not two segments."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch == ";" and depth == 0:
            out.append(text[start:i])
            start = i + 1
    out.append(text[start:])
    return [s.strip(" ,.") for s in out]


def _parens(text: str) -> tuple[str, list[str]]:
    """Text without its parenthesised/bracketed parts (an unclosed one runs to the end), and those parts."""
    outside: list[str] = []
    inside: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in text:
        if ch in "([":
            if depth == 0:
                current = []
            else:
                current.append(ch)
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
            if depth == 0:
                inside.append("".join(current))
            else:
                current.append(ch)
        elif depth:
            current.append(ch)
        else:
            outside.append(ch)
    if depth:
        inside.append("".join(current))
    return " ".join("".join(outside).split()), inside


_SINCE_IN = re.compile(r"\bsince\b\s*([^;]*)", re.I)
#: Where a name ends: a second person ("… and Vice President …"), a comment ("… was …"), a
#: representative ("…, represented by …"). Not ", Jr." or ", Dr.".
_NAME_END = re.compile(
    r"\s*(?:,(?!\s*(?:Jr|Sr|II|III|IV)\b\.?)|\s-\s|\s+of\s+the\b|\s+(?:and|is|was|were|became|resigned|elected|appointed|selected|"
    r"when|who|represented|acting|serving|since|following|after|until)\b).*$")
_NOT_A_PERSON = re.compile(
    r"^(?:the\s+)?(?:US|U\.S\.|United States)\b|^(?:For security|Embassy of|Special Envoy|Honolulu)\b|"
    r"^(?:Notification Statement|On \d|0n \d|FAX\b|APO\b|telephone\b|\+|none\b|n/?a$|this entry|note\b)", re.I)
#: Statements that name nobody, wherever they stand in a segment.
_NO_HOLDER = re.compile(
    r"does not have|this entry|\bno (?:embassy|diplomatic|official|resident)|not maintain|"
    r"relations (?:were|are) (?:severed|suspended)|interests (?:are|were) (?:represented|served|monitored)", re.I)
_DESIGNATE = re.compile(r"\bdesignate\b|\bnominee\b", re.I)
_VACANT = re.compile(r"^(?P<office>[A-Z][\w' -]*?)\s*\(vacant\)[,;:\s]*", re.I)


_TRAILING_RANK = re.compile(r"(?:\s+(?:Captain|Capt\.|Colonel|Col\.|Gen\.|Lieutenant|Lt\.|Major|Maj\.|"
                            r"Brigadier|Field Marshal|Admiral))+$")


def _holder_from(segment: str) -> dict[str, Any] | None:
    outside, inside = _parens(segment)
    since = None
    for part in inside:
        m = _SINCE_IN.search(part)
        if m and (found := dmy(m.group(1))):
            since = found
            break
    if since is None and (m := _SINCE_IN.search(outside)):
        since = dmy(m.group(1))
    if since is None:
        # "President Sergio MATTARELLA (3 February 2015)": a bare date in parentheses is the start
        since = next((found for part in inside
                      if re.fullmatch(r"\s*(?:\d{1,2}\s+)?[A-Z][a-z]+\s+\d{4}\s*", part) and (found := dmy(part))), None)
    body = outside.lstrip(": ").strip(" ,.;")
    if body.startswith("of ") and "," in body:
        return None
    all_tokens = body.split()
    m = _TITLE_RE.match(body)
    listed = len(m.group(0).split()) if m else 0
    n = max(listed, _title_prefix(all_tokens))
    title_text, tokens = " ".join(all_tokens[:n]), all_tokens[n:]
    title = title_text.strip(" ,") or None
    if title and title.endswith(".") and not title.endswith("a.i."):
        title = title[:-1]
    if tokens and tokens[0][:1].islower():
        # "Sultan and Prime HAITHAM …", "President of transitional government, Bah NDAW": the rest
        # of a title the scan did not know; it runs to the first capitalised word or a comma
        k = 0
        while k < len(tokens) and (tokens[k][:1].islower() or tokens[k].rstrip(",") in _MODIFIERS | _HEADS | _OF_WORDS):
            k += 1
            if tokens[k - 1].endswith(","):
                break
        title_text, tokens = " ".join([title_text, *tokens[:k]]), tokens[k:]
        title = title_text.strip(" ,") or None
    name = _NAME_END.sub("", " ".join(tokens)).strip(" ,.;:")
    name = re.sub(r"\s+(?:elected|appointed|selected|designated|nominated|chosen|approved|confirmed|named|reelected|re-elected)\b.*$", "", name)
    if title is None and (m2 := re.search(r",\s*([A-Z][\w' ]+)$", " ".join(tokens))):
        # "William A. STANTON, Chargé d'Affaires": a title after the name
        tail = _TITLE_RE.match(m2.group(1))
        if tail:
            title = tail.group(1)
    if not name or not re.search(r"[A-Za-zÀ-ÿ]", name) or name[0].islower():
        return None
    # a rank or a personal title the source wrote between the office and the name ("President
    # Captain Blaise COMPAORE", "Chargé d'Affaires Ambassador Julie S. DAVIS") is neither
    name = re.sub(r"^(?:Ambassador|Amb\.)\s+(?=[A-Z])", "", name)
    if title and " " in title:
        title = _TRAILING_RANK.sub("", title) or title
    if title:
        title = re.sub(r"\b(?:Charg[eé]e?|Charges)\s*d['’ ]?\s*Affair(?:e)?s", "Chargé d'Affaires", title, flags=re.I)
        title = re.sub(r"^(?:Ambasador|Ambsssador|A mbassador)\b", "Ambassador", title)  # the source's typos
    return {"name": name, "title": title, "since": since, "raw": segment}


def parse_holder(text: str, *, prefer_since: bool = False) -> dict[str, Any] | None:
    """The person a chief-of-state / chief-of-mission text names first, with title and "since"
    date; None when nobody holds the office. A designate is taken only when nobody else is named
    (and then keeps the title "Ambassador-designate"); "Ambassador (vacant)" before a chargé is
    dropped, the chargé kept."""
    body = re.split(r";?\s*\bnote\b\s*[-:–]", text, maxsplit=1, flags=re.I)[0]
    body = body.split(" | ")[0]
    people: list[dict[str, Any]] = []
    designates: list[dict[str, Any]] = []
    for seg in _segments(body):
        seg = _VACANT.sub("", seg).strip(" ,.")
        if seg[:1].islower() and _TITLE_RE.match(seg):
            seg = seg[0].upper() + seg[1:]  # "ambassador Thomas NIDES", "president Aleksandr LUKASHENKO"
        if not seg or seg[0].islower() or _NOT_A_PERSON.search(seg) or _NO_HOLDER.search(seg) \
                or re.search(r"\bvacant\b", _parens(seg)[0], re.I):
            continue
        holder = _holder_from(seg)
        if holder is None:
            continue
        (designates if _DESIGNATE.search(holder["title"] or "") else people).append(holder)
    if not people:
        if not designates:
            return None
        people = designates
    chosen = people[0]
    if prefer_since:
        chosen = next((p for p in people if p["since"]), chosen)
    if designates and chosen not in designates:
        chosen = {**chosen, "designate": f"{designates[0]['title']} {designates[0]['name']}"}
    return chosen


def display_name(name: str) -> str:
    """Factbook capitals → the genre's form: "Pedro Pablo KUCZYNSKI Godard" → "…Kuczynski Godard"."""
    def fix(token: str) -> str:
        if re.fullmatch(r"[IVXL]+", token):
            return token  # regnal numbers: ELIZABETH II
        if len(token) > 1 and token.isupper() and re.sub(r"[-']", "", token).isalpha():
            return "-".join(p[:1] + p[1:].lower() for p in token.split("-"))
        return token
    return " ".join(fix(t) for t in name.split())


_NOTE_KINDS = [
    ("no_embassy", re.compile(r"does not (?:have|maintain) an? (?:official )?(?:embassy|presence)|no (?:US )?embassy|"
                              r"suspended operations|operations (?:are |were )?suspended|closed", re.I)),
    ("interests", re.compile(r"\binterests?\b|protecting power|Interests Section|represents the US", re.I)),
    ("unofficial", re.compile(r"unofficial|American Institute in Taiwan", re.I)),
    ("accredited", re.compile(r"\baccredited\b", re.I)),
    ("vacant", re.compile(r"\bvacant\b", re.I)),
    ("territory", re.compile(r"^none\s*\(|territory|overseas|collectivity|free association|Crown dependency", re.I)),
    ("none", re.compile(r"^none\b", re.I)),
]


def mission_note(text: str) -> dict[str, Any] | None:
    """What a U.S. chief-of-mission text says when it names nobody: "the US does not have an
    embassy in Tonga; the US Ambassador to Fiji is accredited to Tonga", "US interests are
    represented by the Swiss Embassy", "Ambassador (vacant)" → {"kind", "note"}; None when it
    names a chief of mission (or says nothing)."""
    body = re.split(r";?\s*\bnote\b\s*[-:–]", text, maxsplit=1, flags=re.I)[0].split(" | ")[0].strip(" ;,.")
    if not body or parse_holder(text, prefer_since=True) is not None:
        return None
    if re.match(r"^(?:FAX|telephone|APO|\+|\[)", body, re.I):
        return None  # a stray contact line, not a statement about the mission
    kind = next((k for k, pattern in _NOTE_KINDS if pattern.search(body)), "other")
    return {"kind": kind, "note": body[:300]}


_ADDRESS = re.compile(
    r"^(?P<address>.+?),\s*(?P<city>[A-Z][A-Za-z .]*?),?\s+(?P<region>[A-Z]{2}|D\.\s?C\.?)"
    r"(?:\s+(?P<postal>\d{5}(?:-\d{4})?))?(?![\w-])"
)
#: "1333 16th Street, NW Washington": the quadrant belongs to the street, not to the city.
_QUADRANT = re.compile(r",?\s+\b([NS])\.?\s?([EW])\.?,?\s+(?=[A-Z][a-z])")


def split_address(chancery: str) -> dict[str, str | None] | None:
    """"1333 16th Street, NW Washington, D.C. 20036" → address "1333 16th Street NW", city
    "Washington", region "DC", postal code "20036"; None when no city/state is found."""
    text = re.sub(r"^[a-z ]*address:\s*", "", chancery.replace(" | ", ", "), flags=re.I)
    text = _QUADRANT.sub(lambda q: f" {q.group(1)}{q.group(2)}, ", text)
    m = _ADDRESS.match(text)
    if not m:
        return None
    return {"address": m.group("address").strip(" ,"), "city": m.group("city").strip(),
            "region": re.sub(r"[.\s]", "", m.group("region")), "postal_code": m.group("postal")}


_NANP = re.compile(
    r"\[(?P<cc>\d{1,3})\]"
    r"|(?P<full>\(?\b(?P<area>\d{3})\)?[\s.-]*(?P<ex>\d{3})[\s.-]*(?P<line>\d{4})\b)"
    r"|(?P<short>\b(?P<ex2>\d{3})[\s-](?P<line2>\d{4})\b)"
    r"|(?:through|thru|to)\s+(?P<upto>\d{1,4})\b"
    r"|(?<=\d)-(?P<upto2>\d{2})\b"
    r"|(?:,|\band\b)\s*(?P<tail>\d{4})\b(?!\s*-)", re.I)


def parse_phones(text: str) -> tuple[list[str], list[list[str]]]:
    """``"[1] (202) 833-9860 through 9869"`` → (["+12028339860"], [["+12028339860", "+12028339869"]]).

    Washington numbers are read as the Factbook writes them: "[1] (202) 332-2249, 939-8950" (a
    second number in the same area), "244-7488, 7490 through 7492", "449-9822-23" (a range),
    "202-483-6410" (no country code: +1), "223-24l8" (a letter l for a one); a FAX number is
    not a telephone. Numbers under another country code are read one by one."""
    text = re.split(r"\bFAX\b", text, maxsplit=1, flags=re.I)[0]
    text = re.sub(r"(?<=\d)[lI](?=\d)", "1", text)
    if any(cc != "1" for cc in re.findall(r"\[(\d{1,3})\]", text)):
        return _parse_phones_any(text)
    phones: list[str] = []
    ranges: list[list[str]] = []
    area: str | None = None
    last: str | None = None
    for m in _NANP.finditer(text):
        if m.group("cc"):
            continue
        if m.group("full") or m.group("short") or m.group("tail"):
            if m.group("full"):
                area = m.group("area")
                number = f"+1{area}{m.group('ex')}{m.group('line')}"
            elif m.group("short") and area:
                number = f"+1{area}{m.group('ex2')}{m.group('line2')}"
            elif m.group("tail") and last:
                number = last[:-4] + m.group("tail")
            else:
                continue
            if number[2] in "01":  # not a NANP area code: not a number
                continue
            last = number
            if number not in phones:
                phones.append(number)
            continue
        upto = m.group("upto") or m.group("upto2")
        if upto and last and len(upto) < len(last):
            end = last[: len(last) - len(upto)] + upto
            if end > last and [last, end] not in ranges:
                ranges.append([last, end])
    return phones, ranges


def _parse_phones_any(text: str) -> tuple[list[str], list[list[str]]]:
    import phonenumbers  # only the build needs it: keep it out of the loader's imports

    phones: list[str] = []
    ranges: list[list[str]] = []
    for m in re.finditer(r"\[(\d{1,3})\]\s*((?:\(\d+\)\s*)*\d[\d\s.\-]*\d)(?:\s+(?:through|thru|to)\s+(\d{1,4})\b)?", text):
        cc, local, upto = m.group(1), re.sub(r"\D", "", m.group(2)), m.group(3)
        try:
            number = phonenumbers.parse(f"+{cc}{local}", None)
        except phonenumbers.NumberParseException:
            continue
        if not phonenumbers.is_possible_number(number):
            continue
        e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        phones.append(e164)
        if upto and len(upto) < len(e164):
            end = e164[: len(e164) - len(upto)] + upto
            if end > e164:
                ranges.append([e164, end])
    return phones, ranges


def parse_embassy(chancery: str | None, telephone: str | None) -> dict[str, Any] | None:
    if not chancery:
        return None
    value: dict[str, Any] = {"address": None, "city": None, "region": None, "postal_code": None}
    parts = split_address(chancery)
    if parts:
        value.update(parts)
    phones, ranges = parse_phones(telephone or "")
    value["phones"] = phones
    value["phone_ranges"] = ranges
    value["raw"] = chancery if telephone is None else f"{chancery} | telephone: {telephone}"
    return value


#: Factbook abbreviations that mean something else than in prose ("IDB" is the Islamic
#: Development Bank there; the Inter-American one is "IADB").
FACTBOOK_ORGS = {"IDB": "IDB_ISLAMIC"}
_MEMBER_QUALIFIERS = {"", "nonregional member", "regional member", "regional", "temporary", "permanent",
                      "member"}


def _status(qualifier: str) -> str:
    """"(observer)" → observer, "(dialogue partner)" → partner; other qualifiers ("applicant",
    "suspended", "candidate country") are kept as the status, never read as membership."""
    if qualifier in _MEMBER_QUALIFIERS:
        return "member"
    for word in ("observer", "associate", "partner"):
        if word in qualifier:
            return word
    return qualifier


def parse_orgs(text: str) -> list[dict[str, str]] | None:
    """An organization list → [{"organization", "status", "raw"}] for the ids the shared table
    knows; None when the text is not a list."""
    items = [i.strip() for i in re.split(r",\s*(?![^()]*\))", text) if i.strip()]
    if len(items) < 2:
        return None
    out: dict[str, dict[str, str]] = {}
    for item in items:
        item = re.sub(r"\bG-\s+(\d)", r"G-\1", item)
        m = re.match(r"^(.*?)\s*\(([^)]*)\)\s*$", item)
        bare, qual = (m.group(1), m.group(2).lower()) if m else (item, "")
        if "ngo" in qual or "national committee" in qual:
            continue  # a country's NGOs or committees, not its government
        status = _status(qual)
        found = (FACTBOOK_ORGS[bare], status, bare) if bare in FACTBOOK_ORGS else from_factbook(bare)
        if found is None:
            continue
        out.setdefault(found[0], {"organization": found[0], "status": status, "raw": item})
    return list(out.values())


def parse_independence(text: str) -> dict[str, Any] | None:
    first = text.split(" | ")[0]
    date = dmy(first)
    m = re.search(r"\(from ([^)]*)\)", first)
    if date is None and m is None:
        return None
    return {"date": date, "from": m.group(1).strip() if m else None, "raw": first[:300]}


_SCALE = {"trillion": 1e12, "billion": 1e9, "million": 1e6, None: 1.0}
_AMOUNT = re.compile(
    r"\$\s?(\d[\d,]*(?:\.\d+)?)\s*(trillion|billion|million)?\b[^$]*?\(([^()]*?)\b((?:19|20)\d\d)\b[^()]*\)", re.I
)


def parse_amounts(text: str) -> list[tuple[int, int, str]]:
    """``"$34.16 billion (2015 est.) | $39.53 billion (2014 est.)"`` → [(2015, 3.416e10, raw), …]."""
    out = []
    for m in _AMOUNT.finditer(text):
        try:
            value = round(float(m.group(1).replace(",", "")) * _SCALE[m.group(2).lower() if m.group(2) else None])
        except ValueError:
            continue
        out.append((int(m.group(4)), value, m.group(0)[:120]))
    return out


_PARTNER_ALIASES = {"us": "US", "usa": "US", "united states": "US", "u s": "US", "uk": "GB"}


def parse_partners(text: str) -> list[dict[str, Any]]:
    first = text.split(" | ")[0]
    years = re.findall(r"\(((?:19|20)\d\d)(?:\s*est\.?)?\)", first)
    year = int(years[-1]) if years else None
    out = []
    for m in re.finditer(r"([A-Za-z][A-Za-z .,'()-]*?)\s+(\d+(?:\.\d+)?)\s*%", first):
        name = m.group(1).strip(" ,")
        code = _PARTNER_ALIASES.get(fold(name)) or to_iso2(name)
        item: dict[str, Any] = {"partner": code or name, "share": round(float(m.group(2)) / 100, 5), "year": year}
        if code is None:
            item["name"] = name  # marks a partner that is not a country (EU, "other")
        out.append(item)
    return out


def partner_statement(text: str) -> list[dict[str, Any]]:
    """All partners of one statement grouped: [{"year": 2015, "partners": [{"partner", "share"}, …]}]."""
    partners = parse_partners(text)
    if not partners:
        return []
    return [{"year": partners[0]["year"],
             "partners": [{k: v for k, v in p.items() if k != "year"} for p in partners]}]


def parse_poverty(text: str) -> dict[str, Any] | None:
    m = re.search(r"(\d+(?:\.\d+)?)\s*%[^()|%]*?\(([^()]*?)\b((?:19|20)\d\d)\b[^()]*\)", text) or \
        re.search(r"(\d+(?:\.\d+)?)\s*%()()", text)
    if not m:
        return None
    return {"value": round(float(m.group(1)) / 100, 5), "year": int(m.group(3)) if m.group(3) else None,
            "raw": m.group(0)[:120]}


# ---------------------------------------------------------------------------------------------
# Reading the two files into per-country observations


@dataclass(frozen=True)
class Obs:
    start: str  # first date the text was seen
    end: str  # last date it is known to hold (archive: the snapshot; weekly: next change/horizon)
    text: str
    origin: str  # "archive:2016" or "weekly:<commit>"


#: weekly field path (without a trailing "/text") → key
WEEKLY_KEYS = {
    "Executive branch/chief of state": "chief_of_state",
    "Executive branch/head of state": "chief_of_state",
    "Executive branch/head of government": "head_of_government",
    "Diplomatic representation from the US/chief of mission": "us_chief_of_mission",
    "Diplomatic representation in the US/chief of mission": "partner_chief_of_mission",
    "Diplomatic representation in the US/chancery": "chancery",
    "Diplomatic representation in the US/telephone": "telephone",
    "International organization participation": "orgs",
    "Independence": "independence",
    "Exports": "exports",
    "Imports": "imports",
    "Exports - partners": "exports_partners",
    "Imports - partners": "imports_partners",
    "Population below poverty line": "poverty",
}
EXEC_MAP = {"chief of state": ["chief_of_state"], "head of state": ["chief_of_state"],
            "head of government": ["head_of_government"],
            "chief of state and head of government": ["chief_of_state", "head_of_government"]}


def keys_for(field: str, text: str) -> Iterator[tuple[str, str]]:
    """(key, text) pairs one field text contributes to; whole-field texts are split."""
    if field.endswith("/text"):
        field = field[: -len("/text")]
    if re.match(r"^(Exports|Imports)/(Exports|Imports) \d{4}$", field):
        yield ("exports" if field.startswith("Exports") else "imports"), text
        return
    if field in WEEKLY_KEYS:
        if field == "Diplomatic representation in the US" or field == "Executive branch":
            pass
        else:
            yield WEEKLY_KEYS[field], text
            return
    if field == "Executive branch":
        for label, value in split_subfields(text, _EXEC_RE).items():
            for key in EXEC_MAP.get(label, []):
                yield key, value
    elif field == "Diplomatic representation from the US":
        sub = split_subfields(text, _DIP_RE, lead="chief of mission")
        if "chief of mission" in sub:
            yield "us_chief_of_mission", sub["chief of mission"]
    elif field == "Diplomatic representation in the US":
        sub = split_subfields(text, _DIP_RE, lead="chief of mission")
        for label, key in (("chief of mission", "partner_chief_of_mission"), ("chancery", "chancery"),
                           ("telephone", "telephone")):
            if label in sub:
                yield key, sub[label]


#: Corrections to fips_to_iso2.csv, which maps Guernsey, Jersey and the Isle of Man to GB and
#: Curaçao to CC (Cocos).
FIPS_FIX = {"GK": "GG", "IM": "IM", "JE": "JE", "CC": "CW", "KV": "XK", "FA": "FK"}
#: Older codes of the same entry in some archive years (1996–97 "Kazakstan" KA, UAE TC in 2000–03,
#: Serbia RB in 2006–08): mapped after the one-FIPS-per-code rule, since they never feed a
#: series alongside another entry.
FIPS_ALIASES = {"KA": "KZ", "TC": "AE", "RB": "RS"}
#: Archive rows whose FIPS column names another entry (checked by hand against the ``country``
#: column): Cape Verde under CA (Canada), the Isle of Man under MA (Madagascar), four islands under
#: ST (Saint Lucia), the Soviet Union under SO (Somalia) … Folded name → ISO-2, or None to skip.
ARCHIVE_NAMES: dict[str, str | None] = {
    "cape verde": "CV", "man isle of": "IM", "st kitts and nevis": "KN", "st pierre and miquelon": "PM",
    "st vincent and the grenadines": "VC", "st helena": "SH", "soviet union": None, "czechoslovakia": None,
    "pacific islands trust territory of the": None, "wake atoll": None, "south georgia and the": None,
    "cocos islands": None, "yemen arab republic": None, "yemen people s democratic republic of": None,
}
#: When several Factbook entries share an ISO-2 code (Australia and the Coral Sea Islands, the West
#: Bank and Gaza, the U.S. minor outlying islands …), only this one speaks for the code; the
#: others are skipped, so two entries never feed one series. None: skip them all.
PRIMARY_FIPS: dict[str, str | None] = {"AU": "AS", "GB": "UK", "PF": "FP", "RE": "RE", "SJ": "SV", "PS": "WE",
                                       "CC": "CK", "VA": "VT", "SS": "OD", "CW": "UC", "UM": None}


def fips_map(path: Path) -> dict[str, str]:
    """FIPS 10-4 / GEC code → ISO-2, corrected, and one FIPS per ISO-2 code."""
    raw: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            fips = (row.get("FIPS") or "").strip().upper()
            if fips and (row.get("ISOAlpha2") or "").strip():
                raw[fips] = row["ISOAlpha2"].strip().upper()
    raw.update(FIPS_FIX)
    claims: dict[str, list[str]] = defaultdict(list)
    for fips, code in raw.items():
        claims[code].append(fips)
    out: dict[str, str] = {}
    for code, fipses in claims.items():
        if len(fipses) == 1:
            out[fipses[0]] = code
        elif PRIMARY_FIPS.get(code) in fipses:
            out[str(PRIMARY_FIPS[code])] = code
    for alias, code in FIPS_ALIASES.items():
        if code in out.values():
            out[alias] = code
    return out


def _rows(path: Path, result: BuildResult, required: tuple[str, ...]) -> Iterator[dict[str, str]]:
    """CSV rows of a gzipped file; a row missing a required column is counted, not fatal."""
    try:
        with gzip.open(path, "rb") as raw:
            data = raw.read()
    except (OSError, EOFError) as exc:
        result.malformed.append(f"{path.name}: unreadable ({exc})")
        return
    reader = csv.DictReader(io.StringIO(data.decode("utf-8", errors="replace"), newline=""))
    line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            result.malformed.append(f"{path.name}:{reader.line_num}: {exc}")
            continue
        line += 1
        if None in row or any(not row.get(c) for c in required):
            result.malformed.append(f"{path.name}:{reader.line_num}: missing or extra columns")
            continue
        yield row


def read_weekly(path: Path, fips: dict[str, str], result: BuildResult) -> tuple[dict[tuple[str, str], list[Obs]], str]:
    changes: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for row in _rows(path, result, ("date", "file", "field")):
        date = row["date"].strip()
        if not re.fullmatch(r"\d{4}-\d\d-\d\d", date):
            result.malformed.append(f"{path.name}: bad date {date!r}")
            continue
        gec = Path(row["file"]).stem.upper()
        country = fips.get(gec)
        if country is None:
            result.skipped += 1
            continue
        text = clean(row.get("text") or "")
        for key, value in keys_for(row["field"].strip(), text):
            changes[(country, key)].append((date, value, row.get("commit", "")))
    # the horizon: the last date a used field actually changed, capped at the Factbook's end
    horizon = ""
    series: dict[tuple[str, str], list[Obs]] = {}
    deduped: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for k, items in changes.items():
        items.sort(key=lambda x: x[0])
        kept: list[tuple[str, str, str]] = []
        for date, value, commit in items:
            if kept and kept[-1][1] == value:
                continue
            if kept and kept[-1][0] == date:
                kept[-1] = (date, value, commit)
                continue
            kept.append((date, value, commit))
        deduped[k] = kept
        if kept:
            horizon = max(horizon, max(d for d, _, _ in kept if d <= WEEKLY_END) if any(d <= WEEKLY_END for d, _, _ in kept) else "")
    horizon = horizon or WEEKLY_END
    for k, kept in deduped.items():
        obs = []
        for i, (date, value, commit) in enumerate(kept):
            end = kept[i + 1][0] if i + 1 < len(kept) else max(horizon, date)
            obs.append(Obs(date, end, value, f"weekly:{commit}"))
        series[k] = obs
    return series, horizon


def read_archive(path: Path, fips: dict[str, str], result: BuildResult) -> dict[tuple[str, str], list[Obs]]:
    series: dict[tuple[str, str], list[Obs]] = defaultdict(list)
    for row in _rows(path, result, ("year", "field")):
        year = row["year"].strip()
        if not re.fullmatch(r"(19|20)\d\d", year):
            result.malformed.append(f"{path.name}: bad year {year!r}")
            continue
        # the FIPS code, not the iso2 column: that column repeats fips_to_iso2.csv's mistakes
        country = fips.get((row.get("fips") or "").strip().upper(), "")
        named = fold(row.get("country") or "")
        if named in ARCHIVE_NAMES:
            country = ARCHIVE_NAMES[named] or ""
        if not country:
            result.skipped += 1
            continue
        snapshot = f"{year}-12-31"
        text = clean(row.get("content") or "")
        for key, value in keys_for(row["field"].strip(), text):
            series[(country, key)].append(Obs(snapshot, snapshot, value, f"archive:{year}"))
    for series_key, obs in series.items():
        obs.sort(key=lambda o: o.start)
        # an alias code and its successor in the same year (RB and RI in 2008): one snapshot
        series[series_key] = [o for i, o in enumerate(obs) if i + 1 == len(obs) or obs[i + 1].start != o.start]
    return series


# ---------------------------------------------------------------------------------------------
# Series → facts


def _days(a: str, b: str) -> int:
    return (lower_bound(b) - lower_bound(a)).days


def _cite(origin: str, date: str) -> str:
    """Short per-fact citation; the manifest names the repositories and commits."""
    kind, _, ref = origin.partition(":")
    if kind == "archive":
        return f"CIA World Factbook {ref}"
    return f"CIA World Factbook, weekly edition of {date}"


@dataclass
class Run:
    first: Obs
    last: Obs
    value: Any


def runs(obs: list[Obs], parse: Callable[[str], Any], identity: Callable[[Any], Any],
         respell: Callable[[Any, Any], bool] | None = None) -> list[Run]:
    """Consecutive observations with the same parsed identity, merged; None = nobody/unknown.
    ``respell(earlier, later)`` says a differing value is the same one spelt anew: the run goes on
    with the later spelling."""
    out: list[Run] = []
    for o in obs:
        value = parse(o.text)
        if out and identity(out[-1].value) == identity(value) and not (respell and _other_person(out[-1].value, value)):
            out[-1].last = o
            continue
        if out and respell is not None and respell(out[-1].value, value):
            out[-1].last = o
            if isinstance(value, dict) and not value.get("since") and out[-1].value.get("since"):
                value = {**value, "since": out[-1].value["since"]}  # the new spelling dropped it
            out[-1].value = value
            continue
        out.append(Run(o, o, value))
    return out


def _distance(a: str, b: str, limit: int = 2) -> int:
    """Levenshtein distance, cut short once it exceeds ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
        if min(row) > limit:
            return limit + 1
    return row[-1]


def _given(name: str) -> list[str]:
    """Given names: the plain words around the capitalised surname ("Pedro Pablo KUCZYNSKI Godard"
    → pedro, pablo, godard; "KIM Jong Un" → jong, un), ranks ("Maj.", "Gen.") left out."""
    out = []
    for token in name.split():
        letters = [c for c in token if c.isalpha()]
        if len(letters) >= 2 and sum(c.isupper() for c in letters) >= max(2, len(letters) - 2):
            continue
        if not token.endswith("."):
            out.append(fold(token))
    return [t for t in out if t]


def _days_apart(a: str, b: str) -> int:
    return abs((lower_bound(a) - lower_bound(b)).days)


def _other_person(a: Any, b: Any) -> bool:
    """Same surname, another person: "KIM Chong-il" → "KIM Jong Un (since 17 December 2011)" —
    given names far apart, or apart with a "since" date more than a month off. One person under
    two spellings stays one: "Amadou Oury BAH (since 27 February 2024)" → "Mamadou Oury BAH
    (since 29 February 2024)", "Kenny" → "Kenneth ANTHONY" (a shared four-letter stem)."""
    if not isinstance(a, dict) or not isinstance(b, dict):
        return False
    ga, gb = " ".join(_given(a["name"])), " ".join(_given(b["name"]))
    if not ga or not gb or ga == gb:
        return False
    near = _distance(ga.split()[0], gb.split()[0]) <= 2 or _distance(ga, gb) <= 2
    stem = ga.split()[0][:4] == gb.split()[0][:4] and len(ga.split()[0]) >= 4
    if a.get("since") and b.get("since") and a["since"] != b["since"]:
        return not (near and _days_apart(a["since"], b["since"]) <= 31)
    return not (near or stem)


def _same_person(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two runs name one person: the same capitalised surname or letters, or the same "since"
    date with a name word in common ("RODRÍGUEZ DE GUEVARA" / "Rodríguez de Guevara")."""
    if _surname(a["name"]) == _surname(b["name"]):
        return not _other_person(a, b)  # "KIM Chong-il" is not "KIM Jong Un"
    letters = [re.sub(r"[^a-z]", "", fold(x["name"])) for x in (a, b)]
    if letters[0] == letters[1]:
        return True
    words = [set(re.findall(r"[a-z]{3,}", fold(x["name"]))) for x in (a, b)]
    same_since = bool(a.get("since") and a.get("since") == b.get("since"))
    return same_since and bool(words[0] & words[1] or _distance(letters[0], letters[1]) <= 2)


def _respelt(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    """The same holder with the surname spelt anew ("Bola TINBU" → "Bola Ahmed Adekunle TINUBU"):
    same title, surnames at most two edits apart, and the same first given name (or the same
    "since" date); or the same person by ``_same_person`` under the same title."""
    if a is None or b is None or fold(a["title"] or "") != fold(b["title"] or ""):
        return False
    if _same_person(a, b) and not _other_person(a, b):
        return True
    sa, sb = _surname(a["name"]), _surname(b["name"])
    if sa == sb or min(len(sa), len(sb)) < 4 or _distance(sa, sb) > 2:
        return False
    ga, gb = _given(a["name"]), _given(b["name"])
    return bool(ga and gb and ga[0] == gb[0]) or bool(a.get("since") and a.get("since") == b.get("since"))


def _surname(name: str) -> str:
    """The Factbook writes surnames in capitals ("Krishna R. URS", "John T. McNAMARA"): those
    tokens identify a holder across snapshots whose given names vary ("James V."/"John V. ROOS")."""
    caps = []
    for token in name.split():
        letters = [c for c in token if c.isalpha()]
        upper = sum(c.isupper() for c in letters)
        if len(letters) >= 2 and upper >= 2 and upper >= len(letters) - 2:
            caps.append(token)
    return fold(" ".join(caps) if caps else name)


def _holder_id(value: dict[str, Any] | None) -> Any:
    """Same person in the same office; a new title (chargé → ambassador) starts a new run."""
    return None if value is None else (_surname(value["name"]), fold(value["title"] or ""))


def _run_starts(seq: list[Run]) -> list[str]:
    """Where each run starts, in snapshot order. A "since" date the snapshots bear out is the
    start; one they contradict is a source quirk, settled here once: a "since" before the
    predecessor's start (Romania's Prime Minister "since 23 June 2005" listed after an interim
    one of 2025, a typo) is replaced in the value by the first snapshot naming the person, the
    source's date and the reason kept (``since_source``, ``since_note``) — when the predecessor's
    start is the source's own date, or the "since" lies over two years before the person is first
    listed (a lagging snapshot cannot explain it); a person returning to the office (El
    Salvador's President after an acting one) or the same person under a new title keeps the
    "since", but the run starts where the change is seen; a "since" later
    than the first snapshot (an archive row filed under an earlier year) is the start."""
    starts: list[str] = []
    prev: int | None = None
    for i, run in enumerate(seq):
        start = run.first.start
        value = run.value
        since = value.get("since") if value else None
        if since:
            if lower_bound(since) <= lower_bound(run.first.start) or lower_bound(since) <= lower_bound(run.last.end):
                start = str(since)
            if prev is not None and lower_bound(start) <= lower_bound(starts[prev]):
                start = run.first.start
                before = seq[prev].value
                # the predecessor's start is the source's own date, or the "since" lies years
                # before the person is first listed: a lagging snapshot cannot explain it
                sourced = bool(before and before.get("since") and before.get("since") == starts[prev])
                # the person held the office before under the same "since" (El Salvador's
                # President after an acting one): the source's date stands
                returning = any(r.value and r.value.get("since") == since and _same_person(r.value, value)
                                for r in seq[:i])
                if before and not returning and (sourced or _days(str(since), run.first.start) > 730):
                    value["since_source"] = since
                    value["since"] = run.first.start
                    value["since_note"] = (
                        f"the source's since {since} is not after the start of the predecessor "
                        f"{display_name(before['name'])} ({starts[prev]}): the first snapshot naming "
                        f"{display_name(value['name'])} ({run.first.start}) is used")
        starts.append(start)
        if value is not None:
            prev = i
    return starts


def holder_facts(country: str, key: str, obs: list[Obs], horizon: str, prefer_since: bool) -> list[Fact]:
    facts: list[Fact] = []
    seq = runs(obs, lambda t: parse_holder(t, prefer_since=prefer_since), _holder_id, _respelt)

    starts = _run_starts(seq)
    for i, run in enumerate(seq):
        if run.value is None:
            continue
        start = starts[i]
        value = dict(run.value)
        value["last_seen"] = run.last.end
        if i + 1 < len(seq):
            nxt = seq[i + 1]
            next_start = starts[i + 1]
            if lower_bound(next_start) <= lower_bound(start):  # same holder, new title: the change is seen
                next_start = nxt.first.start
            if _days(run.last.end, next_start) > GAP_DAYS:
                valid_to, value["end_basis"] = run.last.end, "last_seen"
            else:
                valid_to, value["end_basis"] = next_start, "successor"
        else:
            valid_to, value["end_basis"] = None, "open"
            value["last_seen"] = max(run.last.end, horizon) if run.last.origin.startswith("weekly") else run.last.end
        facts.append(Fact(SOURCE, f"{country}@{run.first.start}", country, key, value,
                          valid_from=start, valid_to=valid_to, observed=run.first.start,
                          citation=_cite(run.first.origin, run.first.start)))
    return facts


def value_runs(country: str, predicate: str, obs: list[Obs], parse: Callable[[str], Any],
               identity: Callable[[Any], Any], record_key: str | None = None) -> list[Fact]:
    """One fact per run of an unchanged value: valid from its first to the next run's first
    snapshot (or to its last snapshot across a gap), open at the end."""
    facts = []
    seq = runs(obs, parse, identity)
    for i, run in enumerate(seq):
        if run.value is None:
            continue
        value = dict(run.value)
        if i + 1 < len(seq):
            nxt = seq[i + 1]
            valid_to = run.last.end if _days(run.last.end, nxt.first.start) > GAP_DAYS else nxt.first.start
        else:
            valid_to = None
        facts.append(Fact(SOURCE, f"{country}{'/' + record_key if record_key else ''}@{run.first.start}", country, predicate,
                          value, valid_from=run.first.start, valid_to=valid_to, observed=run.first.start,
                          citation=_cite(run.first.origin, run.first.start)))
    return facts


def membership_facts(country: str, obs: list[Obs]) -> list[Fact]:
    parsed: list[tuple[Obs, list[dict[str, str]]]] = []
    for o in obs:
        items = parse_orgs(o.text)
        if items is not None:  # a text that is not a list says nothing about memberships
            parsed.append((o, items))
    orgs = sorted({m["organization"] for _, p in parsed for m in p})
    facts: list[Fact] = []
    for org in orgs:
        per: list[Obs] = []
        lookup: dict[str, dict[str, str] | None] = {}
        for o, p in parsed:
            entry = next((m for m in p if m["organization"] == org), None)
            tag = f"{o.origin}|{o.start}"
            lookup[tag] = entry
            per.append(Obs(o.start, o.end, tag, o.origin))
        facts += value_runs(country, "membership", per, lambda t, lk=lookup: lk[t],  # type: ignore[misc]
                            lambda v: None if v is None else (v["status"], v["raw"]), record_key=org)
    return facts


def yearly_facts(country: str, predicate: str, obs: list[Obs], parse: Callable[[str], list[dict[str, Any]]],
                 identity: Callable[[dict[str, Any]], Any]) -> list[Fact]:
    """One fact per distinct stated value about a year, observed at its first statement."""
    seen: dict[Any, Fact] = {}
    for o in obs:
        for value in parse(o.text):
            ident = identity(value)
            if ident in seen:
                continue
            year = value.get("year")
            partner = f"/{value['partner']}" if "partner" in value else ""
            seen[ident] = Fact(SOURCE, f"{country}/{year}{partner}@{o.start}", country, predicate, value,
                               valid_from=str(year) if year else None, valid_to=str(year) if year else None,
                               observed=o.start, citation=_cite(o.origin, o.start))
    return list(seen.values())


def _amounts(text: str) -> list[dict[str, Any]]:
    return [{"value_usd": v, "year": y, "raw": raw} for y, v, raw in parse_amounts(text)]


def _embassy_series(chancery: list[Obs], telephone: list[Obs]) -> list[Obs]:
    """Chancery and telephone observations merged into one series of "chancery || telephone"."""
    points = sorted({o.start for o in chancery} | {o.start for o in telephone})
    out = []

    def at(series: list[Obs], date: str) -> Obs | None:
        found = None
        for o in series:
            if o.start <= date:
                found = o
        return found

    for i, date in enumerate(points):
        c, t = at(chancery, date), at(telephone, date)
        if c is None:
            continue
        same_snapshot_t = t  # a snapshot without a telephone line keeps the last one known
        end = c.end
        if i + 1 < len(points) and c.origin.startswith("weekly"):
            end = min(c.end, points[i + 1])
        out.append(Obs(date, end, f"{c.text}||{same_snapshot_t.text if same_snapshot_t else ''}", c.origin))
    return out


def _parse_embassy(text: str) -> dict[str, Any] | None:
    chancery, _, telephone = text.partition("||")
    return parse_embassy(chancery, telephone or None)


def build(root: Path, progress: Callable[[str], None] | None = None) -> BuildResult:
    folder = require_dir(root / "factbook", "factbook")
    archive_path = require_file(folder / "archive-1990-2025.csv.gz", "factbook/archive-1990-2025.csv.gz")
    weekly_path = require_file(folder / "weekly-2020-2026.csv.gz", "factbook/weekly-2020-2026.csv.gz")
    fips = fips_map(require_file(folder / "fips_to_iso2.csv", "factbook/fips_to_iso2.csv"))
    versions = read_versions(folder / "VERSIONS")
    a_up, a_commit, a_date = versions.get("CIA-World-Factbooks-Archive-1990-2025",
                                          ("MilkMp/CIA-World-Factbooks-Archive-1990-2025", "", ""))
    w_up, w_commit, w_date = versions.get("factbook.json", ("factbook/factbook.json", "", ""))
    result = BuildResult(SOURCE, CITATION, upstream=f"{a_up} + {w_up}", commit=f"{a_commit} + {w_commit}",
                         upstream_date=max(a_date, w_date))
    result.extra["upstreams"] = [{"repository": a_up, "commit": a_commit, "date": a_date, "file": archive_path.name},
                                 {"repository": w_up, "commit": w_commit, "date": w_date, "file": weekly_path.name}]
    result.files = 2
    if progress:
        progress("factbook: reading the weekly log")
    weekly, horizon = read_weekly(weekly_path, fips, result)
    if progress:
        progress("factbook: reading the yearly archive")
    archive = read_archive(archive_path, fips, result)
    # archive snapshots from the weekly log's first date on are replaced by the weekly log
    series: dict[tuple[str, str], list[Obs]] = {}
    for k in set(weekly) | set(archive):
        w = weekly.get(k, [])
        cutoff = w[0].start if w else "9999"
        series[k] = [o for o in archive.get(k, []) if o.start < cutoff] + w
    if progress:
        progress("factbook: turning series into facts")
    countries = sorted({c for c, _ in series})
    facts: list[Fact] = []
    for country in countries:
        def get(key: str, c: str = country) -> list[Obs]:
            return series.get((c, key), [])
        facts += holder_facts(country, "chief_of_state", get("chief_of_state"), horizon, False)
        facts += holder_facts(country, "head_of_government", get("head_of_government"), horizon, False)
        facts += holder_facts(country, "us_chief_of_mission", get("us_chief_of_mission"), horizon, True)
        # a text naming nobody ("the US does not have an embassy in …") is a fact of its own
        facts += value_runs(country, "us_mission_note", get("us_chief_of_mission"), mission_note,
                            lambda v: None if v is None else (v["kind"], fold(v["note"])))
        facts += holder_facts(country, "partner_chief_of_mission", get("partner_chief_of_mission"), horizon, True)
        facts += value_runs(country, "embassy_in_us", _embassy_series(get("chancery"), get("telephone")),
                            _parse_embassy,
                            lambda v: None if v is None else (fold(v["raw"].split(" | ")[0]), json.dumps(v["phones"]),
                                                               json.dumps(v["phone_ranges"])))
        facts += membership_facts(country, get("orgs"))
        facts += value_runs(country, "independence", get("independence"), parse_independence,
                            lambda v: None if v is None else (v["date"], v["from"]))
        for flow in ("exports", "imports"):
            facts += yearly_facts(country, f"{flow}_total", get(flow), _amounts,
                                  lambda v: (v["year"], v["value_usd"]))
            # one row per statement ("China 22.1%, US 15.2% (2015)"); the loader expands it into
            # one ``*_partner_share`` fact per partner (the shipped tables stay under budget)
            facts += yearly_facts(country, f"{flow[:-1]}_partner_shares", get(f"{flow}_partners"),
                                  partner_statement,
                                  lambda v: (v["year"], json.dumps(v["partners"], sort_keys=True)))
        facts += yearly_facts(country, "poverty_share", get("poverty"),
                              lambda t: [p] if (p := parse_poverty(t)) else [],
                              lambda v: (v["year"], v["value"]))
    result.facts = facts
    result.first = "1990-12-31"
    result.last = horizon
    result.extra["weekly_first"] = min((o[0].start for o in weekly.values() if o), default=None)
    result.extra["countries"] = len(countries)
    return result


def today() -> str:
    return dt.date.today().isoformat()
