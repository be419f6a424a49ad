"""The organization name rules' word lists and the country-name test they share."""

from __future__ import annotations

import re
from functools import cache, lru_cache

import pycountry

from kg.core.lexicons import words as lexicon


def name_words():
    """The lists of the name rules (``data/lexicons/org_names.v3.json``)."""
    return lexicon("org_names.v3")


@cache
def acronym() -> re.Pattern:
    return re.compile(name_words().acronym)


@lru_cache(maxsize=4096)
def is_country_name(text: str) -> bool:
    """Whether ``text`` names a country (for names the country component may not tag)."""
    from kg.core.geo import SHORT_NAMES

    if text in SHORT_NAMES.values():
        return True
    try:
        pycountry.countries.lookup(text)
        return True
    except LookupError:
        return any(getattr(c, "name", "") == text for c in pycountry.historic_countries)
