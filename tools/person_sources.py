"""Readers of the person datasets in ``../shared/data/actors`` (see SOURCES.md there):
each yields plain person dicts ``{"names", "wikidata", "terms", "source"}``, a term being
``[state ISO alpha-2, title as the source gives it, role, start, end]``.

Only ``build_actors.py`` uses these, at build time; the quirks each handles are listed in
SOURCES.md and named where they are dealt with.
"""

from __future__ import annotations

import calendar
import csv
import re
from pathlib import Path
from typing import Callable, Iterator

import pycountry

from kg.nlp.persons.roles import heading_title, normalise_role

StateOf = Callable[[str, str | None], str | None]  # (code, date) -> ISO alpha-2
# First words that make an entry a title, not a name ("ACTING_MINISTER_X",
# "FOREIGN_MINISTER_ABDULLAH_", "IN_CHARGE_OF_...").
TITLE_START = {"acting", "minister", "foreign", "president", "secretary", "deputy", "in",
               "the", "vice", "prime", "former", "ambassador", "governor", "chairman",
               "un", "u", "us", "mr", "mrs", "dr"}
# CAMEO role codes of people who act for their state (not ELI "elites", OPP opposition).
STATE_ROLES = {"GOV", "MIL", "LEG", "JUD", "SPY", "COP"}


# -- dates --------------------------------------------------------------------------------
def ymd(text: str) -> str | None:
    """An 8-digit date as ISO; end-of-month placeholders that do not exist ("20040931")
    become the month's last day; impossible months or years give None."""
    if not re.fullmatch(r"\d{8}", text):
        return None
    y, m, d = int(text[:4]), int(text[4:6]), int(text[6:])
    if not (1000 <= y <= 2100 and 1 <= m <= 12 and d >= 1):
        return None
    return f"{y:04d}-{m:02d}-{min(d, calendar.monthrange(y, m)[1]):02d}"


def yymmdd(text: str) -> str | None:
    """Phoenix dates: YYMMDD with the century inferred (the dictionaries date from 2014,
    so 00-14 are 2000s), or YYYYMMDD; malformed 7-digit dates give None."""
    if len(text) == 6 and text.isdigit():
        yy = int(text[:2])
        return ymd(("20" if yy <= 14 else "19") + text)
    return ymd(text)


def display_name(raw: str) -> str | None:
    """"GEORGE_W._BUSH_" -> "George W. Bush"; None for titles and broken entries (the
    control bytes lost diacritics left in three names)."""
    text = raw.replace("_", " ").strip(" ,")
    if not text or any(ord(c) < 32 for c in text) or not re.search(r"[A-Za-z]", text):
        return None
    words = text.split()
    if words[0].lower().strip(".") in TITLE_START or len(words) > 7:
        return None
    if text.isupper():
        text = " ".join(w[:1] + w[1:].lower() if not re.fullmatch(r"[A-Z]\.", w) else w
                        for w in words)
        text = re.sub(r"(?<=[-'’])([a-z])", lambda m: m.group(1).upper(), text)
    return " ".join(text.split())


def _braced(raw: str) -> list[str]:
    """"{A_}{B_} C" -> ["A_", "B_", "C"]: the synonyms CountryInfo writes in braces."""
    parts = re.findall(r"\{([^}]*)\}", raw)
    rest = re.sub(r"\{[^}]*\}", " ", raw).strip()
    return [p for p in [*parts, rest] if p.strip()]


# -- CountryInfo --------------------------------------------------------------------------
def countryinfo(path: Path, is_place: Callable[[str], bool]) -> Iterator[dict]:
    """Leaders (rulers.org, titles from the list headings) and Government (CIA World
    Leaders 2003-2011, title after ``#``), one person per name within a country."""
    for block in country_blocks(path):
        iso = block_iso(block)
        if not iso:
            continue
        people: dict[str, dict] = {}
        leaders = re.search(r"\n<Leaders>(.*?)\n</Leaders>", block, re.S)
        government = re.search(r"\n<Government>(.*?)\n</Government>", block, re.S)
        for raw, title, start, end in _leader_lines(leaders.group(1) if leaders else ""):
            _add(people, raw, [iso, title, normalise_role(title, is_place), start, end])
        for raw, title, start, end in _government_lines(government.group(1) if government else ""):
            _add(people, raw, [iso, title, normalise_role(title, is_place), start, end])
        for person in people.values():
            yield {**person, "source": "countryinfo"}


def country_blocks(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8", errors="replace")
    text = text[text.index("-->"):]  # the header documents the format with sample tags
    return re.findall(r"<Country>(.*?)</Country>", text, re.S)


def _tag(block: str, tag: str) -> str | None:
    m = re.search(rf"<{tag}>(.*?)</{tag}>", block)
    return m.group(1).strip() if m else None


def block_iso(block: str) -> str | None:
    """A CountryInfo block's ISO alpha-2 code. Its ISO fields are sometimes another
    country's (Guatemala's are Guadeloupe's, Israel's Iceland's), so the code comes
    from the block's three-letter codes, through pycountry; where they disagree the one
    whose name is the block's name wins. Kosovo's "KV" is the user-assigned XK."""
    name = (_tag(block, "CountryName") or "").replace("_", " ").strip().lower()
    found = []
    for code in (_tag(block, "CountryCode"), _tag(block, "ISO3166-alpha3")):
        rec = pycountry.countries.get(alpha_3=code) if code and len(code) == 3 else None
        if rec is not None and rec.alpha_2 not in [r.alpha_2 for r in found]:
            found.append(rec)
    named = [r for r in found if name in {n.lower() for n in (
        r.name, getattr(r, "common_name", ""), getattr(r, "official_name", "")) if n}]
    if named or found:
        return (named or found)[0].alpha_2
    alpha2 = _tag(block, "ISO3166-alpha2") or ""
    return "XK" if alpha2 == "KV" else None


def _add(people: dict[str, dict], raw: str, term: list) -> None:
    names = [n for n in (display_name(p) for p in _braced(raw)) if n]
    if not names:
        return
    person = people.setdefault(names[-1].lower(), {"names": [], "wikidata": None, "terms": []})
    person["names"] += [n for n in names if n not in person["names"]]
    if term not in person["terms"]:
        person["terms"].append(term)


LEADER_LINE = re.compile(r"^\s*(\S.*?)\s+((?:\[[^\]]*\]\s*)+)$")
RANGE = re.compile(r"\[\s*(?:([A-Z]{3,}[A-Z]*)\s+)?(<|>)?\s*(\d{8})(?:\s*-\s*(\d{8}))?\s*\]")


def _leader_lines(body: str) -> Iterator[tuple[str, str, str | None, str | None]]:
    heading = None
    for line in body.split("\n"):
        line = line.split("#")[0].rstrip()
        m = re.match(r"^\s*<([^/][^>]*)>\s*$", line)
        if m:
            heading = heading_title(m.group(1))
            continue
        m = LEADER_LINE.match(line)
        if not m or heading is None or re.match(r"^\s*</", line):
            continue
        for _, mark, a, b in RANGE.findall(m.group(2)):
            start, end = ymd(a), ymd(b) if b else None
            if mark == ">" or b:  # "[>d]": in office at the last update
                yield m.group(1), heading, start, end


def _government_lines(body: str) -> Iterator[tuple[str, str, str | None, str | None]]:
    """``NAME [CODE range][CODE range] # Title & Title``: ranges pair with titles in order
    when they are as many; otherwise runs of the same code pair with titles (the USA's
    block gives the title as a ``#<Title>`` heading instead)."""
    heading = None
    for line in body.split("\n"):
        m = re.match(r"^\s*#<([^>]+)>", line)
        if m:
            heading = heading_title(m.group(1).strip())
            continue
        if line.strip().startswith("#") or "[" not in line:
            continue
        code_part, _, comment = line.partition("#")
        raw = code_part[:code_part.index("[")].strip()
        ranges = RANGE.findall(code_part)
        titles = [t.split('"')[0].strip() for t in comment.split(" & ")] if comment.strip() \
            else [heading] if heading else []
        for (code, mark, a, b), title in zip(ranges, _pair_titles(ranges, titles)):
            if code.startswith(("ELI", "OPP")) or code[3:6] not in STATE_ROLES and code[3:]:
                continue
            if mark == "<":  # in office when the coding began (January 2003) until a
                start, end = "2003-01", ymd(a)
            else:
                start, end = ymd(a), ymd(b) if b else None
            yield raw, title.strip(" >") if title else None, start, end


def _pair_titles(ranges: list, titles: list[str]) -> list[str | None]:
    if len(titles) == len(ranges):
        return titles
    runs, last = [], None
    for code, *_ in ranges:
        runs.append(len(runs) if not runs or code != last else runs[-1])
        last = code
    groups = sorted(set(runs))
    if len(groups) == len(titles):
        return [titles[groups.index(r)] for r in runs]
    return [titles[0] if len(titles) == 1 else None for _ in ranges]


# -- Phoenix (PETRARCH2) ------------------------------------------------------------------
def phoenix(path: Path, state_of: StateOf) -> Iterator[dict]:
    """Head entries with ``+`` synonyms and ``[CODE dates]`` lines; only codes of people
    acting for a state (GOV, MIL, ...) make terms. No titles: the codes are roles."""
    person = None
    for line in path.read_text(encoding="utf-8", errors="replace").split("\n"):
        body = line.split("#")[0].rstrip()
        if not body.strip():
            continue
        if not body[0].isspace() and not body.startswith(("+", "[")):
            if person and person["terms"]:
                yield person
            name = display_name(body.split("[")[0])
            person = {"names": [name] if name else [], "wikidata": None, "terms": [],
                      "source": "phoenix"}
            body = body[len(body.split("[")[0]):]
        elif body.startswith("+") and person is not None:
            name = display_name(body[1:])
            if name and name not in person["names"]:
                person["names"].append(name)
            continue
        if person is None or not person["names"]:
            continue
        for code, dates in re.findall(r"\[([A-Z]{3,})\s*([^\]]*)\]", body):
            term = _phoenix_term(code, dates.strip(), state_of)
            if term and term not in person["terms"]:
                person["terms"].append(term)
    if person and person["terms"]:
        yield person


def _phoenix_term(code: str, dates: str, state_of: StateOf) -> list | None:
    if len(code) < 6 or code[3:6] not in STATE_ROLES or not dates:
        return None  # a bare "[USAGOV]" says nothing about when
    m = re.fullmatch(r"(>|<)?\s*(\d+)(?:\s*-\s*(\d+))?", dates)
    if not m:
        return None
    mark, a, b = m.groups()
    first = yymmdd(a)
    if first is None or (b and yymmdd(b) is None):
        return None  # malformed dates ("9008223") are left out
    start, end = (None, first) if mark == "<" else (first, yymmdd(b) if b else None)
    if mark is None and not b:
        return None
    state = state_of(code[:3], start or end)
    return [state, None, None, start, end] if state else None


# -- Archigos and REIGN -------------------------------------------------------------------
def archigos(path: Path, state_of: StateOf) -> Iterator[dict]:
    """Effective leaders: no titles. "Still in Office" spells carry a placeholder end."""
    people: dict[str, dict] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            start = row["startdate"] if re.fullmatch(r"\d{4}-\d\d-\d\d", row["startdate"]) else None
            end = None if row["exit"] == "Still in Office" else (
                row["enddate"] if re.fullmatch(r"\d{4}-\d\d-\d\d", row["enddate"]) else None)
            state = state_of(row["ccode"], start)
            if not state or not start:
                continue
            person = people.setdefault(row["leadid"], {"names": [row["leader"].strip()],
                                                       "wikidata": None, "terms": [],
                                                       "source": "archigos"})
            person["terms"].append([state, None, None, start, end])
    yield from people.values()


def reign(path: Path, state_of: StateOf) -> Iterator[dict]:
    """Leaders with a start day, an end month; current leaders have no end."""
    people: dict[str, dict] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if not (row["syear"].isdigit() and row["smonth"].isdigit()):
                continue
            start = f"{int(row['syear']):04d}-{int(row['smonth']):02d}"
            if row["sdate"].isdigit():
                start += f"-{int(row['sdate']):02d}"
            end = None
            if row["eyear"].isdigit():
                end = f"{int(row['eyear']):04d}" + (
                    f"-{int(row['emonth']):02d}" if row["emonth"].isdigit() else "")
            state = state_of(row["ccode"], start)
            if not state:
                continue
            key = f"{row['leadid']}|{row['leader'].strip()}"
            person = people.setdefault(key, {"names": [row["leader"].strip()],
                                             "wikidata": None, "terms": [],
                                             "source": "reign"})
            person["terms"].append([state, None, None, start, end])
    yield from people.values()


# -- Wikidata (EveryPolitician extracts) --------------------------------------------------
def wikidata(heads: Path, ministers: Path, country_of: Callable[[str], str | None],
             is_place: Callable[[str], bool]) -> Iterator[dict]:
    """Heads of state and government (years only) and foreign ministers (days), one
    person per Wikidata ID; positions of sub-national or unrecognised entities (a
    country label that is no ISO country) are left out."""
    people: dict[str, dict] = {}
    rows = [(r["officeholder"], r["officeholderLabel"], r["country"], r["positionLabel"],
             r["start_year"] or None, r["end_year"] or None) for r in _csv(heads)]
    rows += [(r["person"], r["name"], r["countryLabel"], r["positionLabel"],
              r["start"] or None, None) for r in _csv(ministers)]
    for qid, name, country, title, start, end in rows:
        state = country_of(country)
        if not qid or not name or not state or not _national(title, state, country_of):
            continue
        person = people.setdefault(qid, {"names": [], "wikidata": qid, "terms": [],
                                         "source": "wikidata"})
        if name not in person["names"]:
            person["names"].append(name)
        person["terms"].append([state, title, normalise_role(title, is_place), start, end])
    yield from people.values()


# Words of portfolios that end titles ("Minister of Europe and Foreign Affairs"); any
# other capitalised word there is a place ("... Foreign Action of Cantabria").
PORTFOLIO_WORDS = {
    "foreign", "affairs", "external", "relations", "international", "cooperation",
    "co-operation", "trade", "development", "integration", "regional", "european",
    "europe", "union", "commonwealth", "worship", "expatriates", "diaspora", "sport",
    "education", "francophonie", "ue", "political", "state", "and", "the", "of", "for",
    "economic", "african", "american", "arab", "asian", "pacific", "communities",
    "presidential", "council", "ministers", "government", "cabinet", "people's",
}


def _national(title: str, state: str, country_of: Callable[[str], str | None]) -> bool:
    """"Minister of Foreign Affairs of Guernsey" under the United Kingdom is not the
    state's office: a place named at the end of the title must be the state itself."""
    m = re.search(r"(?: of| in|,) (?:the )?([A-Z][^,()]*)$", title)
    if not m:
        return True
    tail = m.group(1)
    if country_of(tail):
        return country_of(tail) == state
    return all(w.lower().strip("&") in PORTFOLIO_WORDS or not w[:1].isupper()
               for w in tail.replace("-", " ").split())


def _csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))
