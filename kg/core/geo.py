"""Country names and codes from pycountry, with the short names analysts use: a code's
name (``country_name``) and a name's code (``country_code``).

pycountry gives ISO names such as "Korea, Democratic People's Republic of"; a label in the
graph should read "North Korea". Retired states (SU, YU, CS) come from pycountry's
historic countries; Kosovo (XK) is a user-assigned code that pycountry lacks.
"""

from __future__ import annotations

from functools import lru_cache

import pycountry

SHORT_NAMES = {
    "US": "United States", "GB": "United Kingdom", "RU": "Russia", "KR": "South Korea",
    "KP": "North Korea", "IR": "Iran", "SY": "Syria", "VN": "Vietnam", "VE": "Venezuela",
    "BO": "Bolivia", "TZ": "Tanzania", "MD": "Moldova", "LA": "Laos", "TW": "Taiwan",
    "PS": "Palestine", "CD": "Democratic Republic of the Congo", "CG": "Republic of the Congo",
    "CZ": "Czech Republic", "TR": "Türkiye", "FM": "Micronesia", "BN": "Brunei",
    "VA": "Holy See", "MK": "North Macedonia", "CV": "Cabo Verde", "SZ": "Eswatini",
    "CI": "Côte d'Ivoire", "MM": "Myanmar", "SU": "Soviet Union", "YU": "Yugoslavia",
    "CS": "Czechoslovakia", "DD": "East Germany", "XK": "Kosovo",
}
EXTRA_ALPHA3 = {"XK": "XKX"}


@lru_cache(maxsize=None)
def _record(iso: str):
    code = iso.upper()
    found = pycountry.countries.get(alpha_2=code)
    if found is None:
        found = next((c for c in pycountry.historic_countries if c.alpha_2 == code), None)
    return found


def country_name(iso: str) -> str | None:
    """The short English name of a country code, or None if the code is unknown."""
    code = iso.upper()
    if code in SHORT_NAMES:
        return SHORT_NAMES[code]
    rec = _record(code)
    if rec is None:
        return None
    return getattr(rec, "common_name", None) or rec.name


def alpha3(iso: str) -> str | None:
    code = iso.upper()
    if code in EXTRA_ALPHA3:
        return EXTRA_ALPHA3[code]
    rec = _record(code)
    return rec.alpha_3 if rec is not None else None


def is_country_code(iso: str) -> bool:
    return country_name(iso) is not None


@lru_cache(maxsize=4096)
def country_code(name: str) -> str | None:
    """The ISO code of a country's name, any case: a short name ("South Korea"), an ISO
    name or code as pycountry knows it ("Korea, Republic of", "KOR"), or a retired
    state's name ("Czechoslovakia"); else None. The rules use it for names the country
    component may not tag (parts of "U.S.-Japan", words inside organization names)."""
    low = name.lower()
    short = _codes_of_short_names()
    if low in short:
        return short[low]
    try:
        return pycountry.countries.lookup(name).alpha_2
    except LookupError:
        pass
    return next((c.alpha_2 for c in pycountry.historic_countries
                 if getattr(c, "name", "").lower() == low), None)


@lru_cache(maxsize=1)
def _codes_of_short_names() -> dict[str, str]:
    return {v.lower(): k for k, v in SHORT_NAMES.items()}
