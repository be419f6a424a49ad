"""Regenerate the actor knowledge base (``kg/nlp/data/actors*.json``, package data) from
the datasets in ``../shared/data/actors`` (their SOURCES.md gives origin, licence and
quirks).

Run from the repository root:  python tools/build_actors.py [--source DIR] [--out DIR]

Three files, one per licence, each citing its sources in its header (docs/data.md too):
``actors.json`` (Archigos, REIGN, Wikidata via EveryPolitician, the PETRARCH2 Phoenix
dictionaries, COW IGO, manyIOs), ``actors-countryinfo.json`` (CountryInfo, CC BY-SA 3.0)
and ``actors-supraverden.json`` (SupraVerden, CC BY-SA 4.0). The output depends only on the
inputs: same inputs, same bytes (tests/test_actors_build.py checks the shipped files).

State codes: Archigos (Gleditsch-Ward) and REIGN (Correlates of War) number states; the
numbers are turned into ISO codes with the correspondence CountryInfo lists for each
country (a table of codes, not its licensed text), plus the states that changed codes
(``HISTORIC``, ``SPLITS``). Phoenix writes CAMEO codes, ISO alpha-3 for most states.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

import pycountry

import organization_sources as orgs  # beside this script: python puts its folder on the path
import person_sources as people
from kg.nlp.countries.gazetteer import load_gazetteer
from kg.nlp.knowledge.kb import person_keys

VERSION = "1"
LAYOUT = {"persons": "[names, wikidata, terms, source, name keys]; a term is "
          "'state|title|role|start|end': state ISO 3166-1 alpha-2, title as the source "
          "gives it, role in policykg's words (empty: the title itself, or no title), "
          "dates ISO 8601 as precise as the source (end empty: in office at the source's "
          "as_of date)",
          "organizations": "[name, acronyms, other names, start, end, wikidata, sources]",
          "countries": "ISO 3166-1 alpha-2 -> Wikidata ID"}
ROOT = Path(__file__).resolve().parents[1]
SOURCE_DIR = ROOT.parent / "shared" / "data" / "actors"
OUT_DIR = ROOT / "kg" / "nlp" / "data"
# COW/GW numbers CountryInfo lacks or gets wrong (it gives Congo-Brazzaville 490).
HISTORIC = {"255": "DE", "260": "DE", "265": "DD", "315": "CS", "316": "CZ", "484": "CG",
            "490": "CD", "816": "VN", "678": "YE", "679": "YE"}
# Numbers whose ISO code depends on the date: (until this date, code), ..., code after.
SPLITS = {"365": (("1917-11-07", "RU"), ("1991-12-26", "SU"), "RU"),
          "345": (("1918-12-01", "RS"), ("2006-06-05", "YU"), "RS")}
CAMEO = {"KOS": "XK", "KSV": "XK", "ROM": "RO", "TMP": "TL", "ZAR": "CD", "YUG": "YU", "SCG": "YU",
         "CSK": "CS", "DDR": "DD", "USR": "SU", "SUN": "SU"}

SOURCES = {
    "archigos": {
        "name": "Archigos 4.1", "as_of": "2015-12-31", "licence": "no data licence stated; "
        "cite as asked", "url": "https://www.rochester.edu/college/faculty/hgoemans/data.htm",
        "citation": "Goemans, Henk E., Kristian Skrede Gleditsch and Giacomo Chiozza. 2009. "
        "\"Introducing Archigos: A Dataset of Political Leaders.\" Journal of Peace Research "
        "46(2): 269-283."},
    "reign": {
        "name": "REIGN leader list (March 2021)", "as_of": "2021-03-01",
        "licence": "no data licence stated; cite as asked",
        "url": "https://oefdatascience.github.io/REIGN.github.io/",
        "citation": "Bell, Curtis, Clayton Besaw and Matthew Frank. 2021. The Rulers, "
        "Elections, and Irregular Governance (REIGN) Dataset. Broomfield, CO: One Earth "
        "Future."},
    "wikidata": {
        "name": "Wikidata (EveryPolitician extracts)", "as_of": "2022-10-10",
        "licence": "CC0 1.0", "url": "https://www.wikidata.org/",
        "citation": "Wikidata, heads of state and government and foreign ministers, via the "
        "EveryPolitician scrapers (world-leaders-2021, world)."},
    "phoenix": {
        "name": "PETRARCH2 Phoenix actor dictionaries", "as_of": "2014-01-30",
        "licence": "MIT (c) 2014 Open Event Data Alliance",
        "url": "https://github.com/openeventdata/petrarch2",
        "citation": "Norris, Clayton, Philip Schrodt and John Beieler. 2017. \"PETRARCH2: "
        "Another Event Coding Program.\" Journal of Open Source Software 2(9). "
        "doi:10.21105/joss.00133"},
    "cow": {
        "name": "Correlates of War IGO v3.0", "as_of": "2014", "licence": "no data licence "
        "stated; cite with the version number", "url": "https://correlatesofwar.org/",
        "citation": "Pevehouse, Jon C. W., Timothy Nordstrom, Roseanne W. McManus and Anne "
        "Spencer Jamison. 2020. \"Tracking Organizations in the World: The Correlates of War "
        "IGO Version 3.0 Datasets.\" Journal of Peace Research 57(3): 492-503. "
        "doi:10.1177/0022343319881175"},
    "manyios": {
        "name": "manyIOs organizations (DIGO, IIGO)", "as_of": "2017",
        "licence": "no data licence stated; cite as asked",
        "url": "https://github.com/globalgov/manyios",
        "citation": "Eilstrup-Sangiovanni, Mette. 2020. \"Death of international "
        "organizations.\" Review of International Organizations 15: 339-370; Vabulas, "
        "Felicity and Duncan Snidal. 2021. \"Cooperation under autonomy: Building and "
        "analyzing the Informal Intergovernmental Organizations 2.0 dataset.\" Journal of "
        "Peace Research 58(4): 859-869; via J. Hollway, manyios."},
    "countryinfo": {
        "name": "CountryInfo (version 120106)", "as_of": "2011-02",
        "licence": "CC BY-SA 3.0 (c) 2012 Philip A. Schrodt",
        "url": "http://creativecommons.org/licenses/by-sa/3.0/",
        "citation": "Schrodt, Philip A. 2011. CountryInfo.111216.txt. Downloaded from "
        "http://eventdata.psu.edu/software.dir/dictionaries.html"},
    "supraverden": {
        "name": "SupraVerden list of international organisations", "as_of": "2026-06-24",
        "licence": "CC BY-SA 4.0 (c) Confirmordeny 2025-2026",
        "url": "https://creativecommons.org/licenses/by-sa/4.0/",
        "citation": "SupraVerden, https://github.com/confirmordeny/supraverden "
        "(https://www.supraverden.com), CC BY-SA 4.0."},
}
FILES = {
    "actors.json": ("archigos", "reign", "wikidata", "phoenix", "cow", "manyios"),
    "actors-countryinfo.json": ("countryinfo",),
    "actors-supraverden.json": ("supraverden",),
}
LICENCES = {
    "actors.json": "Facts (names, offices, states, dates, acronyms) from the sources listed, "
    "each under its own terms; cite each source as given.",
    "actors-countryinfo.json": "CC BY-SA 3.0: derived from CountryInfo by Philip A. Schrodt; "
    "share alike. https://creativecommons.org/licenses/by-sa/3.0/",
    "actors-supraverden.json": "CC BY-SA 4.0: derived from SupraVerden by Confirmordeny; "
    "share alike. https://creativecommons.org/licenses/by-sa/4.0/",
}


class States:
    """Codes of the sources -> ISO 3166-1 alpha-2."""

    def __init__(self, countryinfo: Path) -> None:
        self.cow: dict[str, set[str]] = {}
        self.cameo: dict[str, str] = {}
        for block in people.country_blocks(countryinfo):
            iso = people.block_iso(block)
            num = re.search(r"<COW-Numeric>(\d+)</COW-Numeric>", block)
            code = re.search(r"<CountryCode>([A-Z]{3})</CountryCode>", block)
            if iso and num and num.group(1) != "000":
                self.cow.setdefault(str(int(num.group(1))), set()).add(iso)
            if iso and code:
                self.cameo[code.group(1)] = iso
        self.gazetteer = load_gazetteer()

    def of_number(self, number: str, date: str | None) -> str | None:
        number = str(int(number)) if number.strip().isdigit() else ""
        if number in SPLITS and date:
            *spans, after = SPLITS[number]
            return next((code for until, code in spans if date < until), after)
        if number in HISTORIC:
            return HISTORIC[number]
        found = self.cow.get(number, set())
        return next(iter(found)) if len(found) == 1 else None

    def of_cameo(self, code: str, date: str | None = None) -> str | None:
        if code in CAMEO:
            return CAMEO[code]
        rec = pycountry.countries.get(alpha_3=code)
        return self.cameo.get(code) or (rec.alpha_2 if rec else None)

    def of_name(self, name: str) -> str | None:
        text = name.removeprefix("the ").strip()
        return self.gazetteer.lookup(text) or self.gazetteer.lookup(f"{text}".title())

    def is_place(self, text: str) -> bool:
        return self.of_name(text) is not None


def build(source: Path, out: Path) -> dict[str, int]:
    """Write the three files; returns the number of records in each."""
    states = States(source / "countryinfo" / "CountryInfo.120116.txt")
    persons = {
        "countryinfo": people.countryinfo(source / "countryinfo" / "CountryInfo.120116.txt",
                                          states.is_place),
        "phoenix": people.phoenix(source / "phoenix" / "Phoenix.Countries.actors.txt",
                                  states.of_cameo),
        "archigos": people.archigos(source / "archigos" / "archigos-4.1.csv", states.of_number),
        "reign": people.reign(source / "reign" / "leaderlist_3_21.csv", states.of_number),
        "wikidata": people.wikidata(source / "wikidata" / "heads-of-state-and-government.csv",
                                    source / "wikidata" / "foreign-ministers.csv",
                                    states.of_name, states.is_place),
    }
    organizations = {
        "cow+manyios": orgs.merge([*orgs.cow(source / "cow-igo" / "igo-v3-organizations.csv"),
                                   *orgs.manyios(source / "manyios" / "DIGO.csv",
                                                 source / "manyios" / "IIGO.csv")]),
        "supraverden": list(orgs.supraverden(source / "supraverden" / "general_list.yaml")),
    }
    countries = _country_wikidata(source / "wikidata" / "heads-of-state-and-government.csv",
                                  states)
    counts = {}
    for file_name, ids in FILES.items():
        rows = [_person_row(p) for sid in ids if sid in persons for p in persons[sid]]
        rows = sorted((r for r in rows if r[4] and r[2]), key=_sort_key)
        org_rows = sorted((_org_row(o) for key, found in organizations.items()
                           if set(key.split("+")) <= set(ids) for o in found), key=_sort_key)
        header = {"format": "policykg-actors", "version": VERSION, "layout": LAYOUT,
                  "licence": LICENCES[file_name],
                  "built_by": "python tools/build_actors.py",
                  "sources": {sid: SOURCES[sid] for sid in ids}}
        extra = {"countries": countries} if file_name == "actors.json" else {}
        _write(out / file_name, header, extra, rows, org_rows)
        counts[file_name] = len(rows) + len(org_rows)
    return counts


def _person_row(p: dict) -> list:
    """``[names, wikidata, terms, source, keys]``; a term is one string
    ``"state|title|role|start|end"`` (empty: none; role empty when it is the title
    itself), which keeps the files small and the loaded knowledge base in less memory."""
    names = [n for n in dict.fromkeys(p["names"]) if n]
    terms = sorted({(s, t, None if r == t else r, a, b) for s, t, r, a, b in p["terms"] if s},
                   key=lambda t: [v or "" for v in (t[3], t[4], t[1], t[2])])
    packed = []
    for term in terms:
        if any("|" in (v or "") for v in term):
            raise ValueError(f"a term of {names[0]!r} contains '|': {term}")
        packed.append("|".join(v or "" for v in term))
    return [names, p["wikidata"], packed, p["source"], person_keys(names)]


def _sort_key(row: list) -> str:
    return json.dumps(row, ensure_ascii=False, sort_keys=True)


def _org_row(o: dict) -> list:
    return [o["name"], sorted(set(o["acronyms"])), sorted(set(o["variants"]) - {o["name"]}),
            o["start"], o["end"], o["wikidata"], sorted(o["sources"])]


def _country_wikidata(heads: Path, states: States) -> dict[str, str]:
    """ISO code -> Wikidata ID of the state, from the heads-of-state extract (CC0)."""
    found: dict[str, set[str]] = {}
    with heads.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            iso = states.of_name(row["country"])
            if iso and re.fullmatch(r"Q\d+", row["countryid"]):
                found.setdefault(iso, set()).add(row["countryid"])
    return {iso: next(iter(q)) for iso, q in sorted(found.items()) if len(q) == 1}


def _write(path: Path, header: dict, extra: dict, persons: list, organizations: list) -> None:
    """One record per line, so a rebuild's diff shows what changed."""
    dump = lambda value: json.dumps(value, ensure_ascii=False, separators=(",", ":"))  # noqa: E731
    lines = ["{", f'"header":{dump(header)},']
    for key, value in extra.items():
        lines.append(f'"{key}":{dump(value)},')
    for key, rows, last in (("persons", persons, False), ("organizations", organizations, True)):
        lines.append(f'"{key}":[')
        lines += [dump(r) + ("," if i < len(rows) - 1 else "") for i, r in enumerate(rows)]
        lines.append("]" + ("" if last else ","))
    lines.append("}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", type=Path, default=SOURCE_DIR,
                    help=f"the actor datasets (default {SOURCE_DIR})")
    ap.add_argument("--out", type=Path, default=OUT_DIR, help="where to write the files")
    args = ap.parse_args(argv)
    if not (args.source / "SOURCES.md").is_file():
        print(f"error: {args.source} is not the actor datasets folder (no SOURCES.md)",
              file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    for name, n in build(args.source, args.out).items():
        print(f"wrote {n} records to {args.out / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
