"""Reading a holder: the first person a chief-of-state or chief-of-mission text names, with title and "since"."""

from __future__ import annotations

import re
from typing import Any

from .._common import dmy

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
    from ...countries import to_iso2

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

