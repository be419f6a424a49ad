"""Readers of the organization datasets in ``../shared/data/actors`` (SOURCES.md there):
each yields ``{"name", "acronyms", "variants", "start", "end", "wikidata", "sources"}``.

The Correlates of War IGO list and manyIOs' DIGO/IIGO describe many of the same bodies,
often under abbreviated titles ("North Atlantic Treaty Org"): ``merge`` keeps one record
per body, the fullest name first. SupraVerden (CC BY-SA) is read on its own and kept in
its own file. Only ``build_actors.py`` uses this module.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Iterator

import yaml

from kg.nlp.knowledge.kb import initials, org_key
from kg.nlp.persons.roles import title_case

# Abbreviations in the COW and DIGO titles, expanded for the name a text would use.
ABBREVIATIONS = {
    "org": "Organization", "org.": "Organization", "intl": "International",
    "int'l": "International", "assn": "Association", "assoc": "Association",
    "comm": "Commission", "cttee": "Committee", "dev": "Development", "econ": "Economic",
    "telecom": "Telecommunication", "prop": "Property", "intell": "Intellectual",
    "inst": "Institute", "coop": "Cooperation", "conf": "Conference", "govt": "Government",
    "natl": "National", "amer": "American", "afr": "African", "euro": "European",
}
ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9&.\-]{1,11}$")


def _acronyms(text: str | None, name: str) -> list[str]:
    """Acronyms a source gives ("(WTO)", "CARICOM IMPACS"); a code that is not the
    name's initials ("WTOURO" for the World Tourism Organization) is no acronym."""
    if not text:
        return []
    text = str(text).strip()
    return [text] if ACRONYM.match(text) and sum(c.isupper() for c in text) >= 2 else []


def _expand(title: str) -> str:
    words = [ABBREVIATIONS.get(w.lower(), w) for w in title.replace("&", "and").split()]
    out = " ".join(words)
    return title_case(out) if out.istitle() or out.isupper() else out


def _year(text: str | None) -> str | None:
    m = re.match(r"^\s*(\d{4})", str(text or ""))
    return m.group(1) if m else None


# -- Correlates of War IGO v3 -------------------------------------------------------------
def cow(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            longname = row["longorgname"].strip()
            m = re.match(r"^(.*?)\s*\(([^)]+)\)\s*$", longname)
            name = m.group(1) if m else longname
            acronyms = _acronyms(m.group(2), name) if m else []
            if row["ioname"] == initials(name) and row["ioname"] not in acronyms:
                acronyms.append(row["ioname"])
            variants = [_expand(row["orgname"])] + [
                re.sub(r"\s*\([^)]*\)\s*$", "", v).strip()
                for v in row["longorgname_earlier"].split("|") if v.strip()]
            yield {"name": name or _expand(row["orgname"]), "acronyms": acronyms,
                   "variants": variants, "start": _year(row["sdate"]),
                   "end": _year(row["deaddate"]), "wikidata": None, "sources": ["cow"]}


# -- manyIOs: DIGO and IIGO ---------------------------------------------------------------
def manyios(digo: Path, iigo: Path) -> Iterator[dict]:
    """DIGO's ``End`` 2016 with ``Living`` 1 means still alive; IIGO's empty End too."""
    for path, alive in ((digo, lambda r: r.get("Living") == "1"),
                        (iigo, lambda r: not r["End"].strip())):
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                name = _expand(row["Title"].strip())
                code = row["igoID"].strip()
                acronyms = [code] if code.upper() == initials(name) and len(code) > 1 else []
                yield {"name": name, "acronyms": acronyms, "variants": [],
                       "start": _year(row["Begin"]),
                       "end": None if alive(row) else _year(row["End"]),
                       "wikidata": None, "sources": ["manyios"]}


def merge(records: list[dict]) -> list[dict]:
    """One record per body: records sharing a name, or an acronym and a start year,
    are joined; the longest name leads and the others become variants."""
    out: list[dict] = []
    by_name: dict[str, int] = {}
    by_acronym: dict[tuple[str, str | None], int] = {}
    for rec in records:
        keys = {org_key(n) for n in [rec["name"], *rec["variants"]]}
        hit = next((by_name[k] for k in keys if k in by_name), None)
        if hit is None:
            hit = next((by_acronym[(a, rec["start"])] for a in rec["acronyms"]
                        if (a, rec["start"]) in by_acronym), None)
        if hit is None:
            out.append({**rec, "variants": list(rec["variants"]),
                        "acronyms": list(rec["acronyms"])})
            hit = len(out) - 1
        else:
            _join(out[hit], rec)
        for k in keys:
            by_name.setdefault(k, hit)
        for a in out[hit]["acronyms"]:
            by_acronym.setdefault((a, out[hit]["start"]), hit)
    for rec in out:
        rec["variants"] = sorted({v for v in rec["variants"]
                                  if org_key(v) != org_key(rec["name"]) and v.strip()})
    return out


def _join(into: dict, rec: dict) -> None:
    names = [into["name"], rec["name"], *rec["variants"]]
    into["name"] = max(names, key=lambda n: (len(n.split()), len(n), n))
    into["variants"] += [n for n in names if n != into["name"]]
    into["acronyms"] += [a for a in rec["acronyms"] if a not in into["acronyms"]]
    into["start"] = into["start"] or rec["start"]
    # alive if one source says so: an end matters only to refuse a name after it
    into["end"] = max(into["end"], rec["end"]) if into["end"] and rec["end"] else None
    into["sources"] = sorted(set(into["sources"]) | set(rec["sources"]))


# -- SupraVerden (CC BY-SA 4.0) -----------------------------------------------------------
def supraverden(path: Path) -> Iterator[dict]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key, entry in data.items():
        name = str(entry.get("Name_en") or key).strip()
        qid = entry.get("Wikidata_code")
        qid = qid if isinstance(qid, str) and re.fullmatch(r"Q\d+", qid) else None
        acronyms, variants = [], []
        for field, value in entry.items():
            if not isinstance(value, (str, int)) or not str(value).strip():
                continue
            if re.fullmatch(r"Abbreviation(?:_other(?:_\d)?|_former)?_en", field):
                acronyms += [a for a in _acronyms(value, name) if a not in acronyms]
            elif re.fullmatch(r"Name_(?:other(?:_\d)?|former)_en", field):
                variants.append(str(value).strip())
        yield {"name": name, "acronyms": acronyms, "variants": sorted(set(variants) - {name}),
               "start": _year(entry.get("Year_established")), "end": None,
               "wikidata": qid, "sources": ["supraverden"]}
