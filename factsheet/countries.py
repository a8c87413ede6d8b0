"""Country names (and the genre's own variants) → ISO 3166-1 alpha-2, and back.

One table for the whole package: the reader's header, the extractors, the reference builders
and the renderer all resolve countries here.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pycountry

from .folding import fold_accents

# Names the genre, the Factbook and the Office of the Historian use that pycountry does not give
# (or gives in another form). Keys are matched after ``_key()`` folding.
ALIASES: dict[str, str] = {
    "burma": "MM",
    "cape verde": "CV",
    "cabo verde": "CV",
    "ivory coast": "CI",
    "cote d ivoire": "CI",
    "holy see": "VA",
    "vatican": "VA",
    "vatican city": "VA",
    "north korea": "KP",
    "dprk": "KP",
    "democratic people s republic of korea": "KP",
    "korea north": "KP",
    "south korea": "KR",
    "korea": "KR",
    "republic of korea": "KR",
    "korea south": "KR",
    "russia": "RU",
    "iran": "IR",
    "syria": "SY",
    "laos": "LA",
    "vietnam": "VN",
    "bolivia": "BO",
    "venezuela": "VE",
    "tanzania": "TZ",
    "moldova": "MD",
    "macedonia": "MK",
    "north macedonia": "MK",
    "former yugoslav republic of macedonia": "MK",
    "czech republic": "CZ",
    "czechia": "CZ",
    "swaziland": "SZ",
    "eswatini": "SZ",
    "gambia": "GM",
    "bahamas": "BS",
    "micronesia": "FM",
    "federated states of micronesia": "FM",
    "micronesia federated states of": "FM",
    "brunei": "BN",
    "brunei darussalam": "BN",
    "east timor": "TL",
    "timor leste": "TL",
    "kosovo": "XK",
    "taiwan": "TW",
    "democratic republic of the congo": "CD",
    "democratic republic of congo": "CD",
    "drc": "CD",
    "congo kinshasa": "CD",
    "congo democratic republic of the": "CD",
    "republic of the congo": "CG",
    "republic of congo": "CG",
    "congo brazzaville": "CG",
    "congo republic of the": "CG",
    "congo": "CG",
    "turkey": "TR",
    "turkiye": "TR",
    "sao tome and principe": "ST",
    "saint kitts and nevis": "KN",
    "saint lucia": "LC",
    "saint vincent and the grenadines": "VC",
    "united kingdom": "GB",
    "great britain": "GB",
    "britain": "GB",
    "uk": "GB",
    "netherlands": "NL",
    "philippines": "PH",
    "united arab emirates": "AE",
    "uae": "AE",
    "united states": "US",
    "united states of america": "US",
    "usa": "US",
    "palestinian territories": "PS",
    "west bank and gaza": "PS",
    "libya": "LY",
    "marshall islands": "MH",
    "solomon islands": "SB",
    "comoros": "KM",
    "maldives": "MV",
    "seychelles": "SC",
    "bosnia": "BA",
    "bosnia herzegovina": "BA",
    "slovak republic": "SK",
    "kyrgyz republic": "KG",
    "kyrgyzstan": "KG",
    "lao pdr": "LA",
    "curacao": "CW",
    "south sudan": "SS",
    "sudan": "SD",
    "west germany": "DE",
    "federal republic of germany": "DE",
    "people s republic of china": "CN",
    "prc": "CN",
    "mainland china": "CN",
    "hong kong": "HK",
    "macau": "MO",
    "macao": "MO",
}


_SAINT = re.compile(r"\bst\.?\s")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def _key(name: str) -> str:
    text = fold_accents(name)
    text = text.replace("’", "'").replace("&", " and ")
    if "st" in text:
        text = _SAINT.sub("saint ", text)
    if not (text.isascii() and text.isalnum()):  # one plain word ("peru") is its own key
        text = _NOT_ALNUM.sub(" ", text).strip()
    return text[4:] if text.startswith("the ") else text


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    table: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                table.setdefault(_key(value), country.alpha_2)
    table.update(ALIASES)
    return table


def to_iso2(name: str | None) -> str | None:
    """ISO-2 for a country name, alias or ISO-2/ISO-3 code; None when unknown."""
    if not name:
        return None
    stripped = name.strip()
    if len(stripped) == 2 and stripped.isupper():
        return stripped if stripped == "XK" or pycountry.countries.get(alpha_2=stripped) else None
    if len(stripped) == 3 and stripped.isupper():
        found = pycountry.countries.get(alpha_3=stripped)
        if found:
            return str(found.alpha_2)
    return _table().get(_key(stripped))


# Short names in the genre's voice, where pycountry's differ ("Bolivia, Plurinational State of").
_DISPLAY: dict[str, str] = {
    "BO": "Bolivia", "VE": "Venezuela", "IR": "Iran", "SY": "Syria", "LA": "Laos", "VN": "Vietnam",
    "TZ": "Tanzania", "MD": "Moldova", "KR": "the Republic of Korea", "KP": "North Korea",
    "RU": "Russia", "MM": "Burma", "CV": "Cabo Verde", "CI": "Côte d'Ivoire", "VA": "the Holy See",
    "XK": "Kosovo", "TW": "Taiwan", "CD": "the Democratic Republic of the Congo",
    "CG": "the Republic of the Congo", "FM": "Micronesia", "BN": "Brunei", "TR": "Turkey",
    "GB": "the United Kingdom", "NL": "the Netherlands", "PH": "the Philippines",
    "AE": "the United Arab Emirates", "US": "the United States", "BS": "The Bahamas",
    "GM": "The Gambia", "CZ": "the Czech Republic", "SZ": "Eswatini", "PS": "the Palestinian Territories",
    "MK": "North Macedonia", "KN": "Saint Kitts and Nevis", "LC": "Saint Lucia",
    "VC": "Saint Vincent and the Grenadines", "ST": "Sao Tome and Principe", "TL": "Timor-Leste",
    "MH": "the Marshall Islands", "SB": "the Solomon Islands", "KM": "the Comoros",
    "MV": "Maldives", "SC": "Seychelles", "DO": "the Dominican Republic",
    "CF": "the Central African Republic",
}


def country_name(iso2: str, *, article: bool = True) -> str:
    """The name the genre uses for a country ("the Philippines", "Peru")."""
    name = _DISPLAY.get(iso2)
    if name is None:
        if iso2 == "XK":
            name = "Kosovo"
        else:
            found = pycountry.countries.get(alpha_2=iso2)
            name = getattr(found, "common_name", None) or (found.name if found else iso2)
    if not article and name.lower().startswith("the "):
        name = name[4:]
    return name


def is_country(iso2: str) -> bool:
    return iso2 == "XK" or pycountry.countries.get(alpha_2=iso2) is not None


# Adjectives and names of peoples as sheets write them ("Peruvian exports", "Filipino students").
DEMONYMS: dict[str, str] = {
    "afghan": "AF", "albanian": "AL", "algerian": "DZ", "andorran": "AD", "angolan": "AO",
    "antiguan": "AG", "argentine": "AR", "argentinian": "AR", "armenian": "AM", "australian": "AU",
    "austrian": "AT", "azerbaijani": "AZ", "azeri": "AZ", "bahamian": "BS", "bahraini": "BH",
    "bangladeshi": "BD", "barbadian": "BB", "bajan": "BB", "belarusian": "BY", "belgian": "BE",
    "belizean": "BZ", "beninese": "BJ", "bhutanese": "BT", "bolivian": "BO", "bosnian": "BA",
    "botswanan": "BW", "motswana": "BW", "batswana": "BW", "brazilian": "BR", "bruneian": "BN",
    "bulgarian": "BG", "burkinabe": "BF", "burmese": "MM", "burundian": "BI", "cambodian": "KH",
    "cameroonian": "CM", "canadian": "CA", "cabo verdean": "CV", "cape verdean": "CV",
    "central african": "CF", "chadian": "TD", "chilean": "CL", "chinese": "CN", "colombian": "CO",
    "comoran": "KM", "comorian": "KM", "congolese": "CD", "costa rican": "CR", "ivoirian": "CI",
    "ivorian": "CI", "croatian": "HR", "cuban": "CU", "cypriot": "CY", "czech": "CZ", "danish": "DK",
    "djiboutian": "DJ", "dominican": "DO", "dutch": "NL", "ecuadorian": "EC", "ecuadoran": "EC",
    "egyptian": "EG", "salvadoran": "SV", "equatorial guinean": "GQ", "equatoguinean": "GQ",
    "eritrean": "ER", "estonian": "EE", "ethiopian": "ET", "fijian": "FJ", "finnish": "FI",
    "french": "FR", "gabonese": "GA", "gambian": "GM", "georgian": "GE", "german": "DE",
    "ghanaian": "GH", "greek": "GR", "grenadian": "GD", "guatemalan": "GT", "guinean": "GN",
    "bissau-guinean": "GW", "guyanese": "GY", "haitian": "HT", "honduran": "HN", "hungarian": "HU",
    "icelandic": "IS", "indian": "IN", "indonesian": "ID", "iranian": "IR", "iraqi": "IQ",
    "irish": "IE", "israeli": "IL", "italian": "IT", "jamaican": "JM", "japanese": "JP",
    "jordanian": "JO", "kazakhstani": "KZ", "kazakh": "KZ", "kenyan": "KE", "i-kiribati": "KI",
    "north korean": "KP", "south korean": "KR", "korean": "KR", "kosovar": "XK", "kosovan": "XK",
    "kuwaiti": "KW", "kyrgyz": "KG", "kyrgyzstani": "KG", "lao": "LA", "laotian": "LA",
    "latvian": "LV", "lebanese": "LB", "basotho": "LS", "liberian": "LR", "libyan": "LY",
    "liechtensteiner": "LI", "lithuanian": "LT", "luxembourgish": "LU", "luxembourger": "LU",
    "macedonian": "MK", "malagasy": "MG", "malawian": "MW", "malaysian": "MY", "maldivian": "MV",
    "malian": "ML", "maltese": "MT", "marshallese": "MH", "mauritanian": "MR", "mauritian": "MU",
    "mexican": "MX", "micronesian": "FM", "moldovan": "MD", "monegasque": "MC", "mongolian": "MN",
    "montenegrin": "ME", "moroccan": "MA", "mozambican": "MZ", "namibian": "NA", "nauruan": "NR",
    "nepali": "NP", "nepalese": "NP", "new zealand": "NZ", "nicaraguan": "NI", "nigerien": "NE",
    "nigerian": "NG", "norwegian": "NO", "omani": "OM", "pakistani": "PK", "palauan": "PW",
    "palestinian": "PS", "panamanian": "PA", "papua new guinean": "PG", "paraguayan": "PY",
    "peruvian": "PE", "filipino": "PH", "philippine": "PH", "polish": "PL", "portuguese": "PT",
    "qatari": "QA", "romanian": "RO", "russian": "RU", "rwandan": "RW", "kittitian": "KN",
    "saint lucian": "LC", "vincentian": "VC", "samoan": "WS", "sammarinese": "SM",
    "sao tomean": "ST", "saudi": "SA", "saudi arabian": "SA", "senegalese": "SN", "serbian": "RS",
    "seychellois": "SC", "sierra leonean": "SL", "singaporean": "SG", "slovak": "SK",
    "slovenian": "SI", "solomon islander": "SB", "somali": "SO", "south african": "ZA",
    "south sudanese": "SS", "spanish": "ES", "sri lankan": "LK", "sudanese": "SD",
    "surinamese": "SR", "swazi": "SZ", "emaswati": "SZ", "swedish": "SE", "swiss": "CH",
    "syrian": "SY", "taiwanese": "TW", "tajik": "TJ", "tajikistani": "TJ", "tanzanian": "TZ",
    "thai": "TH", "timorese": "TL", "togolese": "TG", "tongan": "TO", "trinidadian": "TT",
    "tobagonian": "TT", "tunisian": "TN", "turkish": "TR", "turkmen": "TM", "tuvaluan": "TV",
    "ugandan": "UG", "ukrainian": "UA", "emirati": "AE", "british": "GB", "american": "US",
    "uruguayan": "UY", "uzbek": "UZ", "uzbekistani": "UZ", "ni-vanuatu": "VU", "venezuelan": "VE",
    "vietnamese": "VN", "yemeni": "YE", "zambian": "ZM", "zimbabwean": "ZW", "hong konger": "HK",
    "macanese": "MO", "greenlandic": "GL", "bermudian": "BM", "mexican-american": "MX",
}


def demonym_iso2(word: str | None) -> str | None:
    """"Peruvian" → PE, "Filipinos" → PH, "Salvadorans" → SV; None when unknown."""
    if not word:
        return None
    table = _demonyms()
    key = _key(word)
    if key in table:
        return table[key]
    for suffix in ("es", "s"):  # plurals: "Peruvians", "Filipinos"; "Chinese" stays
        if key.endswith(suffix) and key[: -len(suffix)] in table:
            return table[key[: -len(suffix)]]
    return None


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    return {_key(k): v for k, v in DEMONYMS.items()}
