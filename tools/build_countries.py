"""Regenerate ``kg/nlp/data/countries.json`` (country names, demonyms, capitals, package
data) from maintained data.

Run from the repository root:  python tools/build_countries.py

Sources: pycountry (ISO 3166-1 names) and countryinfo (alternative spellings, demonym,
capital, population). countryinfo is needed only here, not at run time. Hand-curated
additions and exclusions live in ``lexicons/gazetteer.v1.json``, not in the generated file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pycountry
from countryinfo import all_countries

OUT = Path(__file__).resolve().parents[1] / "kg" / "nlp" / "data" / "countries.json"
# A usable English name: Latin letters, spaces, apostrophes, dots, hyphens; no ISO-style
# inverted forms ("Korea, Republic of") and no bare codes ("JPN").
NAME_RE = re.compile(r"^[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ .'’\-]+$")


def usable(name: str) -> bool:
    return bool(name) and "," not in name and "(" not in name and not name.isupper() \
        and len(name) > 3 and bool(NAME_RE.match(name))


def pycountry_names(iso: str) -> set[str]:
    rec = pycountry.countries.get(alpha_2=iso)
    if rec is None:
        return set()
    return {n for n in (rec.name, getattr(rec, "official_name", None),
                        getattr(rec, "common_name", None)) if n and usable(n)}


def main() -> None:
    entries: dict[str, dict] = {}
    for info in all_countries():
        data = info.info()
        iso_field = data.get("ISO")
        iso = iso_field.get("alpha2") if isinstance(iso_field, dict) else None
        if not iso or pycountry.countries.get(alpha_2=iso) is None:
            continue
        entry = entries.setdefault(iso, {"iso": iso, "names": set(), "demonyms": set(),
                                         "capitals": set(), "population": 0})
        entry["names"] |= {n for n in [data.get("name"), *data.get("altSpellings", [])]
                           if isinstance(n, str) and usable(n)}
        entry["names"] |= pycountry_names(iso)
        if isinstance(data.get("demonym"), str) and usable(data["demonym"]):
            entry["demonyms"].add(data["demonym"])
        caps = data.get("capital")
        for cap in caps if isinstance(caps, list) else [caps]:
            if isinstance(cap, str) and usable(cap):
                entry["capitals"].add(cap)
        entry["population"] = max(entry["population"], int(data.get("population") or 0))
    for rec in pycountry.countries:  # territories countryinfo lacks
        entries.setdefault(rec.alpha_2, {"iso": rec.alpha_2, "names": pycountry_names(
            rec.alpha_2), "demonyms": set(), "capitals": set(), "population": 0})
    out = [{**e, "names": sorted(e["names"]), "demonyms": sorted(e["demonyms"]),
            "capitals": sorted(e["capitals"])} for _, e in sorted(entries.items())]
    OUT.write_text(json.dumps(out, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {len(out)} countries to {OUT}")


if __name__ == "__main__":
    main()
