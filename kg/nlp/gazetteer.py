"""Country gazetteer: names, short codes, demonyms and capitals -> ISO 3166-1 alpha-2.

``data/countries.json`` is generated from pycountry and countryinfo by
``data/build_countries.py``; the hand-curated supplements below add the forms news and
treaty texts use that those sources lack (retired states, historic names, plural
demonyms, seats of government, major cities) and remove forms that cause false matches.
Everything is loaded lazily and cached; nothing is read at import time.

The last part says which states have which offices (monarchies have no president, the
US has no ministers), so a title given without a country can be matched to one.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import spacy

DATA_FILE = Path(__file__).parent / "data" / "countries.json"

# Matched case-sensitively: "US" is a country, "us" is a pronoun.
CODES = {
    "US": "US", "U.S.": "US", "U.S": "US", "USA": "US", "U.S.A.": "US", "UK": "GB",
    "U.K.": "GB", "UAE": "AE", "U.A.E.": "AE", "USSR": "SU", "U.S.S.R.": "SU", "DPRK": "KP",
    "ROK": "KR", "PRC": "CN", "DRC": "CD", "KSA": "SA", "GDR": "DD", "FRG": "DE",
}
EXTRA_NAMES = {
    "America": "US", "Britain": "GB", "England": "GB", "Scotland": "GB",
    "Northern Ireland": "GB", "Korea": "KR", "Soviet Union": "SU",
    "Union of Soviet Socialist Republics": "SU", "Yugoslavia": "YU", "Czechoslovakia": "CS",
    "East Germany": "DD", "German Democratic Republic": "DD", "West Germany": "DE",
    "Kosovo": "XK", "Republic of Kosovo": "XK", "Vatican": "VA", "Macedonia": "MK",
    "Tiirkiye": "TR", "Persia": "IR", "Siam": "TH", "Ceylon": "LK", "Zaire": "CD",
    "Rhodesia": "ZW", "Gaza": "PS", "Gaza Strip": "PS", "West Bank": "PS",
    "Palestinian Territories": "PS", "Occupied Palestinian Territory": "PS",
    "Federal Republic of Germany": "DE", "Republic of Turkey": "TR", "Republic of Korea": "KR",
}
EXTRA_DEMONYMS = {
    "Soviet": "SU", "Soviets": "SU", "Yugoslav": "YU", "Yugoslavian": "YU",
    "Czechoslovak": "CS", "East German": "DD", "West German": "DE", "Korean": "KR",
    "Saudi": "SA", "Saudis": "SA", "Kosovar": "XK", "Kosovan": "XK", "Argentine": "AR",
    "Ecuadorian": "EC", "Kazakh": "KZ", "Uzbek": "UZ", "Kyrgyz": "KG", "Tajik": "TJ",
    "Belarussian": "BY", "Slovenian": "SI", "Bosnian": "BA", "Philippine": "PH",
    "Scottish": "GB", "Britons": "GB", "Brits": "GB", "Scots": "GB", "Spaniards": "ES",
    "Danes": "DK", "Finns": "FI", "Poles": "PL", "Swedes": "SE", "Turks": "TR",
    "Cape Verdean": "CV", "Luxembourgish": "LU", "Emiratis": "AE", "Israelis": "IL",
}
# Seats of government and big cities: "Washington said", "talks in Geneva".
EXTRA_CITIES = {
    "Washington": "US", "Washington D.C.": "US", "Washington, D.C.": "US",
    "Washington DC": "US", "Kiev": "UA", "Delhi": "IN", "Astana": "KZ", "Yangon": "MM",
    "Rangoon": "MM", "The Hague": "NL", "Tel Aviv": "IL", "Putrajaya": "MY", "La Paz": "BO",
    "Geneva": "CH", "Istanbul": "TR", "Shanghai": "CN", "Mumbai": "IN", "Karachi": "PK",
    "Lahore": "PK", "Sydney": "AU", "Melbourne": "AU", "Toronto": "CA", "Montreal": "CA",
    "Vancouver": "CA", "Munich": "DE", "Frankfurt": "DE", "Hamburg": "DE", "Milan": "IT",
    "Barcelona": "ES", "St. Petersburg": "RU", "Saint Petersburg": "RU", "Vladivostok": "RU",
    "Sochi": "RU", "Osaka": "JP", "Busan": "KR", "Dubai": "AE", "Jeddah": "SA",
    "Glasgow": "GB", "Edinburgh": "GB", "Manchester": "GB", "Rotterdam": "NL",
    "Kharkiv": "UA", "Odesa": "UA", "Lviv": "UA", "Aleppo": "SY", "Mosul": "IQ",
    "Basra": "IQ", "Kandahar": "AF", "Davos": "CH", "Rio de Janeiro": "BR",
    "São Paulo": "BR", "Johannesburg": "ZA", "Cape Town": "ZA", "Lagos": "NG",
    "Ho Chi Minh City": "VN", "Yokohama": "JP", "Guangzhou": "CN", "Hiroshima": "JP",
    "Nagasaki": "JP", "Camp David": "US", "New York": "US", "San Francisco": "US",
}
# Capitals that are also common words or person names, or are contested: never a country.
BAD_CAPITALS = {
    "Victoria", "City of Victoria", "Kingston", "Hamilton", "Douglas", "Stanley",
    "Plymouth", "Jamestown", "George Town", "Georgetown", "Saint John's", "The Valley",
    "West Island", "Jerusalem", "Sucre", "Nassau", "Saint-Denis", "San Juan",
    "King Edward Point", "Avarua", "Praia", "Gustavia", "Marigot", "Flying Fish Cove",
}
# Names in the generated data that are ordinary words or misleading here.
BAD_NAMES = {"Island", "Prathet", "Mann", "Dominique", "Lao", "Thai", "Reunion", "Guiana",
             "Montenegrin", "Togolese", "Portuguesa", "Mexicanos", "Zhonghua"}
# Phrases that contain a country word but do not name the country; matched so that the
# longest-match rule swallows the shorter country match, then dropped.
BLOCKERS = [
    "Latin America", "Latin American", "Latin Americans", "South America", "South American",
    "North America", "North American", "Central America", "Central American",
    "Native American", "Native Americans", "African American", "African Americans",
    "Indian Ocean", "South China Sea", "East China Sea", "Korean Peninsula", "Korean War",
    "New Mexico", "New Jersey", "New Guinea", "New England", "New South Wales",
    "Washington State", "Gulf of Guinea", "Irish Sea", "Georgia Tech", "American Samoan",
    "Arabian Peninsula", "Indo-Pacific", "Asia-Pacific", "Washington Post",
]
# Brussels usually stands for the EU, not Belgium: it counts only as a place.
PLACE_ONLY = {"Brussels"}
MIN_CAPITAL_POPULATION = 100_000


@dataclass(frozen=True)
class Gazetteer:
    """Surface forms by kind. Keys are lower case except ``codes`` (case-sensitive);
    ``display`` keeps each form's written case, which the pattern tokenizer needs."""

    names: dict[str, str] = field(default_factory=dict)
    codes: dict[str, str] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)
    cities: dict[str, str] = field(default_factory=dict)
    blockers: tuple[str, ...] = ()
    display: dict[str, str] = field(default_factory=dict)

    def lookup(self, text: str) -> str | None:
        """The ISO code of any known form of a country, or None."""
        if text in self.codes:
            return self.codes[text]
        low = text.lower()
        for table in (self.names, self.demonyms, self.cities):
            if low in table:
                return table[low]
        return None

    def forms(self, kind: str) -> list[str]:
        table = {"name": self.names, "demonym": self.demonyms, "city": self.cities}[kind]
        return [self.display.get(low, low) for low in table]


def _plurals(demonym: str) -> list[str]:
    """'Iraqi' -> 'Iraqis'; 'Japanese', 'British', 'Dutch', 'Swiss' have no plural in -s."""
    if demonym.endswith(("ese", "ish", "ch", "ss", "sh", "s")):
        return []
    return [demonym + "s"]


class _Builder:
    def __init__(self, population: dict[str, int]) -> None:
        self.population = population
        self.tables: dict[str, dict[str, str]] = {"name": {}, "demonym": {}, "city": {}}
        self.display: dict[str, str] = {}

    def add(self, kind: str, text: str, iso: str, override: bool = False) -> None:
        """Add a form and its spelling variants; an ambiguous form goes to the more
        populous country."""
        for form in _variants(text):
            table, key = self.tables[kind], form.lower()
            old = table.get(key)
            if override or old is None or \
                    self.population.get(iso, 0) > self.population.get(old, 0):
                table[key] = iso
            self.display.setdefault(key, form)


def _variants(text: str) -> set[str]:
    """"Côte d'Ivoire" is also written "Cote d'Ivoire" and "Côte d’Ivoire"."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", text)
                     if not unicodedata.combining(c))
    forms = {text, folded}
    return forms | {f.replace("'", "’") for f in forms} | {f.replace("’", "'") for f in forms}


@cache
def load_gazetteer() -> Gazetteer:
    entries = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    b = _Builder({e["iso"]: e["population"] for e in entries})
    for e in entries:
        iso = e["iso"]
        for name in e["names"]:
            if name not in BAD_NAMES:
                b.add("name", name.removeprefix("the ").removeprefix("The "), iso)
        for dem in e["demonyms"]:
            for form in [dem, *_plurals(dem)]:
                b.add("demonym", form, iso)
        if e["population"] >= MIN_CAPITAL_POPULATION:
            for cap in e["capitals"]:
                if cap not in BAD_CAPITALS:
                    b.add("city", cap, iso)
    for name, iso in EXTRA_NAMES.items():
        b.add("name", name, iso, override=True)
    for dem, iso in EXTRA_DEMONYMS.items():
        for form in [dem, *_plurals(dem)]:
            b.add("demonym", form, iso, override=True)
    for city, iso in EXTRA_CITIES.items():
        b.add("city", city, iso, override=True)
    names, cities = b.tables["name"], b.tables["city"]
    for low in [c for c in cities if c in names]:  # "Singapore", "Kuwait": the country
        del cities[low]
    return Gazetteer(names, dict(CODES), b.tables["demonym"], cities, tuple(BLOCKERS),
                     b.display)


@spacy.registry.misc("policykg.country_gazetteer.v1")
def country_gazetteer() -> Gazetteer:
    """The cached gazetteer, for config-driven pipelines."""
    return load_gazetteer()


# Which states have which offices, for titles the text gives without a country
# ("President Biden" in a statement naming the US and Ukraine, whose president is named).
MONARCHIES = {
    "AD", "AE", "AG", "AU", "BE", "BH", "BN", "BS", "BT", "BZ", "CA", "DK", "ES", "GB",
    "GD", "JM", "JO", "JP", "KH", "KN", "KW", "LC", "LI", "LS", "LU", "MA", "MC", "MY",
    "NL", "NO", "NZ", "OM", "PG", "QA", "SA", "SB", "SE", "SZ", "TH", "TO", "TV", "VA", "VC",
}
# Presidential republics without a prime minister.
NO_PRIME_MINISTER = {
    "US", "MX", "BR", "AR", "CL", "CO", "VE", "EC", "BO", "PY", "UY", "CR", "PA", "GT",
    "HN", "SV", "NI", "DO", "ID", "PH", "CY", "NG", "KE", "GH", "ZA", "IR", "AF", "SU",
    "MV", "ZM", "MW", "SS", "SC", "BJ", "BW", "LR", "TM", "KM", "GM",
}
NO_MINISTERS = {"US", "PH"}  # cabinet members are secretaries
SECRETARY_STATES = {"US", "GB", "PH", "MX"}
ONLY_IN = {"chancellor": {"DE", "AT"}, "shogun": {"JP"}, "shōgun": {"JP"}, "tsar": {"RU"},
           "czar": {"RU"}, "kaiser": {"DE"}, "pope": {"VA"}, "taoiseach": {"IE"},
           # the abbreviations of US (and Philippine) press style for legislators
           "sen.": {"US", "PH"}, "rep.": {"US", "PH"}, "congressman": {"US", "PH"},
           "congresswoman": {"US", "PH"}}
LEADERS = {"president", "prime minister", "monarch", "chancellor", "party leader"}
# States led by the General Secretary of a ruling communist party.
PARTY_STATES = {"CN", "VN", "LA", "CU", "KP", "SU"}
MONARCH_WORDS = {"king", "queen", "emperor", "empress", "prince", "princess", "emir",
                 "amir", "sultan", "shah", "monarch"}


def office_families(role: str) -> set[str]:
    """State offices a role names; empty when it is not one (or is ambiguous)."""
    words = role.lower().replace("-", " ").split()
    text = " ".join(words)
    fams = set()
    if "secretary general" in text:  # of an international body, mostly
        return fams
    if "general secretary" in text:  # of a ruling party, which leads its state
        return {"party leader"}
    if "vice president" in text:
        fams.add("vice president")
    elif "president" in words:
        fams.add("president")
    if "prime minister" in text or "premier" in words:
        fams.add("prime minister")
    elif "minister" in words:
        fams.add("minister")
    if "secretary" in words and not {"press", "party"} & set(words) and len(words) > 1:
        fams.add("secretary")
    if MONARCH_WORDS & set(words):
        fams.add("monarch")
    fams |= {w for w in words if w in ONLY_IN}
    return fams


def compatible(iso: str, family: str) -> bool:
    if family in ("president", "vice president"):
        return iso not in MONARCHIES
    if family == "prime minister":
        return iso not in NO_PRIME_MINISTER
    if family == "minister":
        return iso not in NO_MINISTERS
    if family == "secretary":
        return iso in SECRETARY_STATES
    if family == "monarch":
        return iso in MONARCHIES
    if family == "party leader":
        return iso in PARTY_STATES
    return iso in ONLY_IN.get(family, set())
