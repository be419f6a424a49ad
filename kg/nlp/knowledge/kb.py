"""The actor knowledge base: who held which office for which state, when; international
organizations' names, acronyms and dates. Built by ``tools/build_actors.py`` from
the datasets in ``../shared/data/actors`` (docs/data.md cites each) and shipped as JSON.

A record is never merged across sources: each source's record of a person keeps its own
names and terms, so a lookup returns every record a name fits and the caller decides
whether they agree (``kg.nlp.knowledge.facts``). Nothing is read at import time; the registered
function ``policykg.actors.v1`` loads and indexes the files once per process.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

import spacy

from kg.core.names import name_tokens

DATA_DIR = Path(__file__).parents[1] / "data"
# One file per licence: CC BY-SA sources stay in files of their own (docs/data.md).
FILES = ("actors.json", "actors-countryinfo.json", "actors-supraverden.json")
# Words a source sometimes writes into a name: never part of the name's key.
NAME_NOISE = {"jr", "sr", "ii", "iii", "iv", "mr", "mrs", "ms", "dr", "sir", "h", "e"}
# Words that do not make an acronym's letters ("Group on Earth Observations" -> GEO).
ACRONYM_SKIP = {"of", "on", "and", "for", "the", "in", "de", "du", "des", "la", "le",
                "to", "at", "&"}


@dataclass(frozen=True)
class Source:
    """One dataset the knowledge base was built from."""

    id: str
    name: str
    citation: str
    licence: str
    as_of: str  # the date its "still in office" means (ISO, as precise as known)
    url: str = ""


@dataclass(frozen=True)
class Term:
    """One spell in one office: ``role`` is the title in policykg's words ("Foreign
    Minister"), ``title`` the source's own; dates are ISO strings of any precision
    ("2021", "2021-01", "2021-01-20"); ``end`` None means still in office at the
    source's ``as_of`` date."""

    state: str
    title: str | None
    role: str | None
    start: str | None
    end: str | None
    source: str


@dataclass(frozen=True)
class PersonRecord:
    names: tuple[str, ...]
    wikidata: str | None
    terms: tuple[Term, ...]
    source: str


@dataclass(frozen=True)
class OrganizationRecord:
    name: str  # the full name
    acronyms: tuple[str, ...]
    variants: tuple[str, ...]  # other names (former, abbreviated, alternative)
    start: str | None
    end: str | None
    wikidata: str | None
    sources: tuple[str, ...]

    def all_names(self) -> tuple[str, ...]:
        return (self.name, *self.variants)


@dataclass
class KnowledgeBase:
    """Records with indexes by name key. ``persons`` holds records or the shipped rows
    (``[names, wikidata, terms, source, keys]``, the keys of the names computed by the
    build so that loading stays fast), turned into records when a lookup first returns
    them; build one from records for tests."""

    version: str
    sources: dict[str, Source]
    persons: list
    organizations: list[OrganizationRecord]
    countries: dict[str, str] = field(default_factory=dict)  # ISO alpha-2 -> Wikidata ID
    _by_key: dict[tuple[str, ...], list[int]] = field(default_factory=dict, repr=False)
    _by_surname: dict[str, list[int]] = field(default_factory=dict, repr=False)
    _orgs: dict[str, list[int]] = field(default_factory=dict, repr=False)
    _acronyms: dict[str, list[int]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for i, rec in enumerate(self.persons):
            keys = person_keys(rec.names) if isinstance(rec, PersonRecord) else rec[4]
            for key in keys:
                self._by_key.setdefault(key, []).append(i)
            for surname in {k.rpartition(" ")[2] for k in keys}:
                self._by_surname.setdefault(surname, []).append(i)
        for i, org in enumerate(self.organizations):
            for name in org.all_names():
                self._orgs.setdefault(body_key(name), []).append(i)
            for acr in org.acronyms:
                self._acronyms.setdefault(acr, []).append(i)

    def _person(self, i: int) -> PersonRecord:
        rec = self.persons[i]
        if not isinstance(rec, PersonRecord):
            rec = self.persons[i] = _person(rec)
        return rec

    def persons_named(self, name: str) -> list[PersonRecord]:
        """Records one of whose names is ``name``: the same words ("Ana Vale"), the same
        words but initials ("Tom Ross" for "Tom H. W. Ross"), or, for two words
        or more, the first and last word with others between ("Mohammed bin Salman"
        for "Mohammed bin Salman Al Saud" is not: its last word differs)."""
        key = name_key(name)
        if not key:
            return []
        found = self._by_key.get(" ".join(key)) or self._by_key.get(" ".join(loose_key(key)), [])
        if not found and len(key) > 1:
            found = [i for i in self._by_surname.get(key[-1], [])
                     if any(_within(key, name_key(n)) for n in self._person(i).names)]
        return [self._person(i) for i in sorted(set(found))]

    def persons_with_surname(self, surname: str) -> list[PersonRecord]:
        """Records whose name ends in the one word ``surname`` ("Vale")."""
        key = name_key(surname)
        if len(key) != 1:
            return []
        return [self._person(i) for i in self._by_surname.get(key[0], [])]

    def organizations_named(self, name: str) -> list[OrganizationRecord]:
        return [self.organizations[i] for i in dict.fromkeys(self._orgs.get(body_key(name), []))]

    def organizations_abbreviated(self, acronym: str) -> list[OrganizationRecord]:
        return [self.organizations[i] for i in self._acronyms.get(acronym, [])]

    def organization_forms(self) -> tuple[list[str], list[str]]:
        """Every full or variant name, and every acronym (for matchers)."""
        return sorted({n for o in self.organizations for n in o.all_names()}), \
            sorted(self._acronyms)


def name_key(name: str) -> tuple[str, ...]:
    """The words of a personal name for matching: accents, case, punctuation and
    suffixes ("Jr.") ignored; "Ban Ki-moon" -> ("ban", "kimoon")."""
    words = [_word_key(w) for w in name.split()]
    return tuple(w for w in words if w and w not in NAME_NOISE)


def person_keys(names) -> list[str]:
    """The index keys of a person's names: each name's words, and without initials."""
    keys = {name_key(n) for n in names} - {()}
    return sorted({" ".join(k) for k in keys | {loose_key(k) for k in keys}})


@cache
def _word_key(word: str) -> str:
    return "".join(name_tokens(word))


def loose_key(key: tuple[str, ...]) -> tuple[str, ...]:
    """The key without initials: "George W. Bush" -> ("george", "bush")."""
    kept = tuple(w for w in key if len(w) > 1)
    return kept if len(kept) >= 2 else key


def _within(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """``short`` is ``full`` with words left out, keeping its first and last word."""
    if len(short) >= len(full) or short[0] != full[0] or short[-1] != full[-1]:
        return False
    pos = 0
    for word in short:
        while pos < len(full) and full[pos] != word:
            pos += 1
        if pos == len(full):
            return False
        pos += 1
    return True


def org_key(name: str) -> str:
    return " ".join(name_tokens(name.removeprefix("the ").removeprefix("The ")))


@lru_cache(maxsize=65536)  # asked for the same few thousand names in every document
def body_key(name: str) -> str:
    """A body's name with spelling variants folded: "Organisation"/"Organization",
    "South East"/"Southeast", "Co-operation"/"Cooperation" are one name."""
    key = "".join(name_tokens(name.removeprefix("the ").removeprefix("The ")))
    for a, b in (("isation", "ization"), ("centre", "center"), ("defence", "defense"),
                 ("labour", "labor"), ("programme", "program")):
        key = key.replace(a, b)
    return key


def initials(name: str) -> str:
    """The acronym a name's capitalised words make: "Group on Earth Observations" -> "GEO"."""
    words = re.findall(r"[^\W\d_][\w'’]*", name.replace("-", " "))
    return "".join(w[0].upper() for w in words if w.lower() not in ACRONYM_SKIP)


# -- loading ------------------------------------------------------------------------------
def _read(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"cannot read the actor knowledge base {path}: {exc}") from exc


def load_knowledge(data_dir: Path = DATA_DIR, files: tuple[str, ...] = FILES) -> KnowledgeBase:
    """Read and index the shipped files (all must carry the same version)."""
    versions, sources, persons, orgs, countries = set(), {}, [], [], {}
    for name in files:
        data = _read(data_dir / name)
        header = data["header"]
        versions.add(header["version"])
        for sid, src in header["sources"].items():
            sources[sid] = Source(id=sid, **src)
        persons += data.get("persons", [])
        orgs += [_organization(row) for row in data.get("organizations", [])]
        countries.update(data.get("countries", {}))
    if len(versions) != 1:
        raise ValueError(f"actor knowledge files in {data_dir} are of different versions "
                         f"({', '.join(sorted(versions))}): rebuild them together")
    return KnowledgeBase(versions.pop(), sources, persons, orgs, countries)


def _person(row: list) -> PersonRecord:
    """A shipped row as a record: terms are "state|title|role|start|end", empty for
    none, the role empty when it is the title (the layout in the files' header)."""
    names, wikidata, terms, source = row[:4]
    out = []
    for packed in terms:
        state, title, role, start, end = (v or None for v in packed.split("|"))
        out.append(Term(state, title, role or title, start, end, source))
    return PersonRecord(tuple(names), wikidata, tuple(out), source)


def _organization(row: list) -> OrganizationRecord:
    name, acronyms, variants, start, end, wikidata, sources = row
    return OrganizationRecord(name, tuple(acronyms), tuple(variants), start, end, wikidata,
                              tuple(sources))


@cache
def shipped_knowledge() -> KnowledgeBase:
    return load_knowledge()


@spacy.registry.misc("policykg.actors.v1")
def actor_knowledge() -> "callable":
    """A loader of the shipped knowledge base: the component calls it on its first
    document, so loading the pipeline stays fast and nothing is read at import time."""
    return shipped_knowledge
