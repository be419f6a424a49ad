"""Country gazetteer: names, short codes, demonyms and capitals -> ISO 3166-1 alpha-2.

``kg/nlp/data/countries.json`` is generated from pycountry and countryinfo by
``tools/build_countries.py``; the hand-curated supplements in
``data/lexicons/gazetteer.v1.json`` add the forms news and treaty texts use that those
sources lack (retired states, historic names, plural demonyms, seats of government, major
cities) and remove forms that cause false matches. Everything is loaded lazily and
cached; nothing is read at import time.

The same lexicon says which states have which offices (monarchies have no president, the
US has no ministers), so a title given without a country can be matched to one.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import SimpleNamespace

import spacy

from kg.core.lexicons import words as lexicon

DATA_FILE = Path(__file__).parents[1] / "data" / "countries.json"


def gazetteer_words() -> SimpleNamespace:
    """The hand-curated lists (``data/lexicons/gazetteer.v1.json``)."""
    return lexicon("gazetteer.v1")


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
    w = gazetteer_words()
    b = _Builder({e["iso"]: e["population"] for e in entries})
    for e in entries:
        iso = e["iso"]
        for name in e["names"]:
            if name not in w.bad_names:
                b.add("name", name.removeprefix("the ").removeprefix("The "), iso)
        for dem in e["demonyms"]:
            for form in [dem, *_plurals(dem)]:
                b.add("demonym", form, iso)
        if e["population"] >= MIN_CAPITAL_POPULATION:
            for cap in e["capitals"]:
                if cap not in w.bad_capitals:
                    b.add("city", cap, iso)
    for name, iso in w.extra_names.items():
        b.add("name", name, iso, override=True)
    for dem, iso in w.extra_demonyms.items():
        for form in [dem, *_plurals(dem)]:
            b.add("demonym", form, iso, override=True)
    for city, iso in w.extra_cities.items():
        b.add("city", city, iso, override=True)
    names, cities = b.tables["name"], b.tables["city"]
    for low in [c for c in cities if c in names]:  # "Singapore", "Kuwait": the country
        del cities[low]
    return Gazetteer(names, dict(w.codes), b.tables["demonym"], cities, tuple(sorted(w.blockers)),
                     b.display)


def fold(text: str) -> str:
    """Lower case without accents: "Khánh Hòa" -> "khanh hoa", "Đắk Lắk" -> "dak lak"."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower().translate(_LETTERS))
                   if not unicodedata.combining(c))


# Letters that are not a base letter with an accent, so NFKD leaves them alone.
_LETTERS = str.maketrans({"đ": "d", "ł": "l", "ø": "o", "ß": "ss", "æ": "ae", "ı": "i"})


@cache
def subdivisions() -> dict[str, str]:
    """Names of the states, provinces and regions within countries (ISO 3166-2, from
    pycountry), folded, to the ISO code of their country; names of two countries'
    subdivisions, and names that are also a country's, are left out."""
    import pycountry  # its subdivision table is read on first use only

    gazetteer, found, shared = load_gazetteer(), {}, set()
    for sub in pycountry.subdivisions:
        for name in {sub.name, sub.name.split(" (")[0]}:
            key = fold(name)
            if found.get(key, sub.country_code) != sub.country_code:
                shared.add(key)
            found[key] = sub.country_code
    return {k: v for k, v in found.items()
            if k not in shared and gazetteer.lookup(k) is None and len(k) > 3}


@spacy.registry.misc("policykg.country_gazetteer.v1")
def country_gazetteer() -> Gazetteer:
    """The cached gazetteer, for config-driven pipelines."""
    return load_gazetteer()


@cache
def narrow_families() -> frozenset[str]:
    """Offices only a few states have (a cabinet "Secretary"; "Chancellor", "Taoiseach")."""
    return frozenset({"secretary"} | set(gazetteer_words().only_in))


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
    lists = gazetteer_words()
    if lists.monarch_words & set(words):
        fams.add("monarch")
    fams |= {w for w in words if w in lists.only_in}
    return fams


def compatible(iso: str, family: str) -> bool:
    w = gazetteer_words()
    if family in ("president", "vice president"):
        return iso not in w.monarchies
    if family == "prime minister":
        return iso not in w.no_prime_minister
    if family == "minister":
        return iso not in w.no_ministers
    if family == "secretary":
        return iso in w.secretary_states
    if family == "monarch":
        return iso in w.monarchies
    if family == "party leader":
        return iso in w.party_states
    return iso in w.only_in.get(family, set())
