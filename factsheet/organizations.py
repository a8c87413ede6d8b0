"""International organizations: names and Factbook abbreviations → the ids of CLAIMS.md.

One table, shared by the extractor (names in sheets), the reference builder (Factbook
abbreviations) and the renderer (display names).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .folding import fold_accents


class Organization(NamedTuple):
    id: str
    name: str  # the display name the genre uses
    names: tuple[str, ...]  # other full names and spellings
    abbrevs: tuple[str, ...]  # Factbook / common abbreviations


ORGANIZATIONS: tuple[Organization, ...] = (
    Organization("UN", "United Nations", ("U.N.",), ("UN",)),
    Organization("OAS", "Organization of American States", (), ("OAS",)),
    Organization("APEC", "Asia-Pacific Economic Cooperation forum",
                 ("Asia-Pacific Economic Cooperation", "Asia Pacific Economic Cooperation",
                  "Asia-Pacific Economic Cooperation Forum"), ("APEC",)),
    Organization("IMF", "International Monetary Fund", (), ("IMF",)),
    Organization("WORLD_BANK", "World Bank",
                 ("World Bank Group", "International Bank for Reconstruction and Development"),
                 ("IBRD",)),
    Organization("WTO", "World Trade Organization", (), ("WTO",)),
    Organization("OSCE", "Organization for Security and Cooperation in Europe",
                 ("Organization for Security and Co-operation in Europe",), ("OSCE",)),
    Organization("NATO", "North Atlantic Treaty Organization", (), ("NATO",)),
    Organization("EU", "European Union", (), ("EU",)),
    Organization("OECD", "Organization for Economic Cooperation and Development",
                 ("Organisation for Economic Co-operation and Development",
                  "Organization for Economic Co-operation and Development"), ("OECD",)),
    Organization("G20", "G-20", ("Group of Twenty", "G20", "Group of 20"), ("G-20",)),
    Organization("G7", "G-7", ("Group of Seven", "G7", "Group of 7"), ("G-7",)),
    Organization("AU", "African Union", (), ("AU",)),
    Organization("ASEAN", "Association of Southeast Asian Nations",
                 ("Association of South East Asian Nations",), ("ASEAN",)),
    Organization("ARF", "ASEAN Regional Forum", (), ("ARF",)),
    Organization("OIC", "Organization of Islamic Cooperation",
                 ("Organization of the Islamic Conference", "Organisation of Islamic Cooperation"),
                 ("OIC",)),
    Organization("ARAB_LEAGUE", "Arab League", ("League of Arab States",), ("AL", "LAS")),
    Organization("FRANCOPHONIE", "International Organization of La Francophonie",
                 ("Organisation Internationale de la Francophonie", "La Francophonie",
                  "Francophonie", "International Organization of the Francophonie"), ("OIF",)),
    Organization("SADC", "Southern African Development Community", (), ("SADC",)),
    Organization("ECOWAS", "Economic Community of West African States", (), ("ECOWAS",)),
    Organization("EFTA", "European Free Trade Association", (), ("EFTA",)),
    Organization("COMESA", "Common Market for Eastern and Southern Africa", (), ("COMESA",)),
    Organization("IOC_INDIAN_OCEAN", "Indian Ocean Commission", (), ("InOC",)),
    Organization("CARICOM", "Caribbean Community",
                 ("Caribbean Community and Common Market",), ("CARICOM", "Caricom")),
    Organization("PIF", "Pacific Islands Forum", (), ("PIF",)),
    Organization("INTERPOL", "International Criminal Police Organization",
                 ("INTERPOL", "Interpol"), ("Interpol",)),
    Organization("IDB", "Inter-American Development Bank", (), ("IADB", "IDB")),
    Organization("ADB", "Asian Development Bank", (), ("ADB",)),
    Organization("AFDB", "African Development Bank", (), ("AfDB",)),
    Organization("EBRD", "European Bank for Reconstruction and Development", (), ("EBRD",)),
    Organization("IAEA", "International Atomic Energy Agency", (), ("IAEA",)),
    Organization("ICAO", "International Civil Aviation Organization", (), ("ICAO",)),
    Organization("IMO", "International Maritime Organization", (), ("IMO",)),
    Organization("ILO", "International Labor Organization",
                 ("International Labour Organization",), ("ILO",)),
    Organization("WHO", "World Health Organization", (), ("WHO",)),
    Organization("FAO", "Food and Agriculture Organization", (), ("FAO",)),
    Organization("UNESCO", "UNESCO",
                 ("United Nations Educational, Scientific and Cultural Organization",), ("UNESCO",)),
    Organization("IFC", "International Finance Corporation", (), ("IFC",)),
    Organization("IDA", "International Development Association", (), ("IDA",)),
    Organization("MIGA", "Multilateral Investment Guarantee Agency", (), ("MIGA",)),
    Organization("WCO", "World Customs Organization", (), ("WCO",)),
    Organization("WIPO", "World Intellectual Property Organization", (), ("WIPO",)),
    Organization("WMO", "World Meteorological Organization", (), ("WMO",)),
    Organization("ITU", "International Telecommunication Union",
                 ("International Telecommunications Union",), ("ITU",)),
    Organization("UPU", "Universal Postal Union", (), ("UPU",)),
    Organization("OPCW", "Organization for the Prohibition of Chemical Weapons", (), ("OPCW",)),
    Organization("IOM", "International Organization for Migration", (), ("IOM",)),
    Organization("COMMONWEALTH", "Commonwealth of Nations", ("the Commonwealth", "Commonwealth"),
                 ("C",)),
    Organization("CE", "Council of Europe", (), ("CE",)),
    Organization("EAPC", "Euro-Atlantic Partnership Council", (), ("EAPC",)),
    Organization("PFP", "Partnership for Peace", (), ("PFP",)),
    Organization("SICA", "Central American Integration System",
                 ("Central American Integration System",), ("SICA",)),
    Organization("ECLAC", "Economic Commission for Latin America and the Caribbean", (), ("ECLAC",)),
    Organization("CELAC", "Community of Latin American and Caribbean States", (), ("CELAC",)),
    Organization("UNASUR", "Union of South American Nations", (), ("UNASUR",)),
    Organization("MERCOSUR", "Mercosur", ("Southern Common Market",), ("Mercosur", "MERCOSUR")),
    Organization("ANDEAN_COMMUNITY", "Andean Community", (), ("CAN",)),
    Organization("NAM", "Non-Aligned Movement", (), ("NAM",)),
    Organization("G77", "Group of 77", ("G-77",), ("G-77",)),
    Organization("SCO", "Shanghai Cooperation Organization", (), ("SCO",)),
    Organization("CIS", "Commonwealth of Independent States", (), ("CIS",)),
    Organization("GCC", "Gulf Cooperation Council", ("Cooperation Council for the Arab States of the Gulf",), ("GCC",)),
    Organization("EAS", "East Asia Summit", (), ("EAS",)),
    Organization("SAARC", "South Asian Association for Regional Cooperation", (), ("SAARC",)),
    Organization("IGAD", "Intergovernmental Authority on Development", (), ("IGAD",)),
    Organization("EAC", "East African Community", (), ("EAC",)),
    Organization("ECCAS", "Economic Community of Central African States", (), ("ECCAS",)),
    Organization("SPC", "Pacific Community", ("Secretariat of the Pacific Community",), ("SPC",)),
    Organization("OPEC", "Organization of the Petroleum Exporting Countries",
                 ("Organization of Petroleum Exporting Countries",), ("OPEC",)),
    Organization("ICC", "International Criminal Court", (), ("ICCt",)),
    Organization("IEA", "International Energy Agency", (), ("IEA",)),
    Organization("CTBTO", "Comprehensive Nuclear-Test-Ban Treaty Organization", (), ("CTBTO",)),
    Organization("IFAD", "International Fund for Agricultural Development", (), ("IFAD",)),
    Organization("UNIDO", "UN Industrial Development Organization",
                 ("United Nations Industrial Development Organization",), ("UNIDO",)),
    Organization("UNCTAD", "UN Conference on Trade and Development",
                 ("United Nations Conference on Trade and Development",), ("UNCTAD",)),
    Organization("UNWTO", "World Tourism Organization", (), ("UNWTO",)),
    Organization("IHO", "International Hydrographic Organization", (), ("IHO",)),
    Organization("IFRCS", "International Federation of Red Cross and Red Crescent Societies", (), ("IFRCS",)),
    Organization("ICRM", "International Red Cross and Red Crescent Movement", (), ("ICRM",)),
    Organization("IPU", "Inter-Parliamentary Union", (), ("IPU",)),
    Organization("IOC", "International Olympic Committee", (), ("IOC",)),
    Organization("ISO", "International Organization for Standardization", (), ("ISO",)),
    Organization("ITUC", "International Trade Union Confederation", (), ("ITUC",)),
    Organization("OAPEC", "Organization of Arab Petroleum Exporting Countries", (), ("OAPEC",)),
    Organization("AMF", "Arab Monetary Fund", (), ("AMF",)),
    Organization("AFESD", "Arab Fund for Economic and Social Development", (), ("AFESD",)),
    Organization("CAN", "Andean Community of Nations", (), ()),
    Organization("BIS", "Bank for International Settlements", (), ("BIS",)),
    Organization("PCA", "Permanent Court of Arbitration", (), ("PCA",)),
    Organization("OPANAL", "Agency for the Prohibition of Nuclear Weapons in Latin America and the Caribbean", (), ("OPANAL",)),
    Organization("ACS", "Association of Caribbean States", (), ("ACS",)),
    Organization("OECS", "Organization of Eastern Caribbean States", (), ("OECS",)),
    Organization("CDB", "Caribbean Development Bank", (), ("CDB",)),
    Organization("LAIA", "Latin American Integration Association", (), ("LAIA",)),
    Organization("NSG", "Nuclear Suppliers Group", (), ("NSG",)),
    Organization("MTCR", "Missile Technology Control Regime", (), ("MTCR",)),
    Organization("AUSTRALIA_GROUP", "Australia Group", (), ("AG",)),
    Organization("ZANGGER", "Zangger Committee", (), ("ZC",)),
    Organization("WASSENAAR", "Wassenaar Arrangement", (), ("Wassenaar Arrangement",)),
    Organization("PARIS_CLUB", "Paris Club", (), ("Paris Club",)),
    Organization("BSEC", "Organization of the Black Sea Economic Cooperation",
                 ("Black Sea Economic Cooperation",), ("BSEC",)),
    Organization("CBSS", "Council of the Baltic Sea States", (), ("CBSS",)),
    Organization("ARCTIC_COUNCIL", "Arctic Council", (), ("Arctic Council",)),
    Organization("ADB_AF", "African Development Bank Group", (), ()),
    Organization("IDB_ISLAMIC", "Islamic Development Bank", (), ("IDB",)),
    Organization("AIIB", "Asian Infrastructure Investment Bank", (), ("AIIB",)),
    Organization("PACIFIC_ALLIANCE", "Pacific Alliance", (), ("Pacific Alliance",)),
    Organization("UNHCR", "UN High Commissioner for Refugees",
                 ("United Nations High Commissioner for Refugees",), ("UNHCR",)),
    # Regional bodies that sheets name in their member-only tails.
    Organization("CPLP", "Community of Portuguese Language Countries",
                 ("Community of Portuguese-Speaking Countries",), ("CPLP",)),
    Organization("SACU", "Southern African Customs Union", (), ("SACU",)),
    Organization("WAEMU", "West African Economic and Monetary Union", (), ("WAEMU", "UEMOA")),
    Organization("CEMAC", "Economic and Monetary Community of Central Africa",
                 ("Central African Economic and Monetary Community",), ("CEMAC",)),
    Organization("EAEU", "Eurasian Economic Union", (), ("EAEU",)),
    Organization("CSTO", "Collective Security Treaty Organization", (), ("CSTO",)),
    Organization("BIMSTEC", "Bay of Bengal Initiative for Multi-Sectoral Technical and Economic Cooperation",
                 (), ("BIMSTEC",)),
    Organization("AOSIS", "Alliance of Small Island States", (), ("AOSIS",)),
    Organization("ECO", "Economic Cooperation Organization", (), ("ECO",)),
    Organization("IORA", "Indian Ocean Rim Association", (), ("IORA",)),
    Organization("FATF", "Financial Action Task Force", (), ("FATF",)),
    Organization("GCTF", "Global Counterterrorism Forum", (), ("GCTF",)),
    Organization("COMMUNITY_OF_DEMOCRACIES", "Community of Democracies", (), ()),
    Organization("OGP", "Open Government Partnership", (), ("OGP",)),
    Organization("D_ISIS", "Global Coalition to Defeat ISIS",
                 ("Global Coalition to Defeat ISIS/Daesh", "Global Coalition Against Daesh",
                  "Global Coalition to Counter ISIL", "Global Coalition to Defeat ISIL"), ()),
    Organization("IRENA", "International Renewable Energy Agency", (), ("IRENA",)),
)

_OBSERVER = re.compile(r"\s*\((?:observer|observers)\)\s*$", re.I)


def _fold(text: str) -> str:
    text = fold_accents(text)
    text = text.replace("’", "'").replace("&", " and ")
    text = re.sub(r"\bco-operation\b", "cooperation", text)
    text = re.sub(r"\borganisation\b", "organization", text)
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    table: dict[str, str] = {}
    for org in ORGANIZATIONS:
        for name in (org.name, *org.names):
            table.setdefault(_fold(name), org.id)
    return table


@lru_cache(maxsize=1)
def _abbrevs() -> dict[str, str]:
    table: dict[str, str] = {}
    for org in ORGANIZATIONS:
        for abbrev in org.abbrevs:
            table.setdefault(abbrev, org.id)
    return table


def org_id(name: str) -> str | None:
    """The canonical id of an organization given by its full name (as sheets write it)."""
    return _names().get(_fold(name)) or _abbrevs().get(name.strip())


def from_factbook(abbrev: str) -> tuple[str, str, str] | None:
    """A Factbook list entry ("IBRD", "OAS (observer)") → (id, status, raw abbreviation)."""
    raw = abbrev.strip()
    status = "observer" if _OBSERVER.search(raw) else "member"
    bare = _OBSERVER.sub("", raw).strip()
    found = _abbrevs().get(bare) or _names().get(_fold(bare))
    return (found, status, bare) if found else None


def display_name(org: str) -> str:
    for item in ORGANIZATIONS:
        if item.id == org:
            return item.name
    return org


def all_names() -> list[tuple[str, str]]:
    """Every (full name, id) pair, longest first: what a phrase matcher over sheets needs."""
    pairs = [(name, org.id) for org in ORGANIZATIONS for name in (org.name, *org.names)]
    return sorted(pairs, key=lambda p: -len(p[0]))
