"""Linking a new document's entities to those already in the store.

Each document's graph is built on its own, so without this step "Blinken" in one report
and "Antony Blinken" in another would be two nodes. Before a document is written its
records are keyed (``Person.key``, ``Organization.key``: the name the IRI is minted from)
so that:

- a person named by a shorter form of exactly one stored person's name (its words are a
  subset of that name's words and the last word, the surname, is the same) gets the
  stored person's IRI. Two stored candidates ("Joe Biden", "Hunter Biden")
  make "Biden" ambiguous: it is left alone. A new *fuller* name is kept as it is.
- an organization named by a stored organization's alias (``pkg:alias``) or by the
  acronym of a stored organization's name ("NATO" -> "North Atlantic Treaty
  Organization") gets the stored organization's IRI.

Labels do not change: each graph labels the node with the fullest name *its* document
gives (the contract's rdfs:label). Offices, parties and evidence stay with the document,
so the same person with a new office ends up with both offices, each stated in its own
graph.

Cost: ``StoreIndex`` reads all stored person and organization names with two queries the
first time it is needed and then follows this process's own writes (``note_written``)
instead of asking again, so an ingest of N documents costs two queries, not 2N, and no
query depends on a document's names (no per-surname round trips, nothing formatted into
the query text). When another process has written the store since (its version changed),
``kg.ingest`` invalidates the index and it is read again.
"""

from __future__ import annotations

import copy
import re
from collections import defaultdict

from kg.extract.records import DocumentRecords
from kg.rdf.iris import name_tokens, slug
from kg.store.base import Store

_PERSON_NAMES = """
SELECT DISTINCT ?label WHERE { ?p a pkg:Person ; rdfs:label ?label }
"""
_ORGANIZATION_NAMES = """
SELECT DISTINCT ?label ?alias WHERE {
  ?o a pkg:Organization ; rdfs:label ?label .
  OPTIONAL { ?o pkg:alias ?alias }
}"""
_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,9}")


def acronym(name: str) -> str:
    """Initials of the capitalised words: "The North Atlantic Treaty Organization" ->
    "NATO"; a leading article and lower-case words ("of", "and") are skipped, as
    acronyms skip them."""
    words = re.findall(r"[^\W\d_][\w'’-]*", name)
    if words and words[0].lower() == "the":
        words = words[1:]
    return "".join(w[0] for w in words if w[0].isupper())


def _letters(name: str) -> str:
    """An acronym's key: "N.A.T.O." and "NATO" are the same acronym."""
    return "".join(name_tokens(name))


def _preferred(a: str, b: str) -> str:
    """One label for a node stored under several ("Antony Blinken", "ANTONY BLINKEN"):
    all mint the same IRI, but the choice must not depend on the order the store returns
    them in, or a resumed ingest would label new graphs differently from an unbroken one.
    Mixed case wins over all capitals, then the alphabet decides."""
    return min(a, b, key=lambda label: (label.isupper(), label))


def _looks_like_acronym(name: str) -> bool:
    return _ACRONYM.fullmatch(name.replace(".", "")) is not None


class StoreIndex:
    """Names of the persons and organizations in a store, for resolving new documents."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._loaded = False
        # surname token -> {person slug: (name tokens, stored label)}
        self._persons: dict[str, dict[str, tuple[frozenset, str]]] = defaultdict(dict)
        self._org_labels: dict[str, str] = {}  # organization slug -> stored label
        self._org_aliases: dict[str, set[str]] = defaultdict(set)  # alias slug -> org slugs
        self._org_acronyms: dict[str, set[str]] = defaultdict(set)  # acronym slug -> slugs

    # -- keeping the index in step with the store ---------------------------------------
    def invalidate(self) -> None:
        """Forget everything (after a removal): the next resolve reads the store again."""
        self.__init__(self.store)

    def note_written(self, records: DocumentRecords) -> None:
        """Account for a document this process has just written."""
        if not self._loaded:
            return  # it will be read from the store with the rest
        for p in records.persons:
            self._add_person(p.key or p.name)
        for o in records.organizations:
            self._add_organization(o.key or o.name, [*o.aliases, o.name] if o.key else o.aliases)

    def _load(self) -> None:
        if self._loaded:
            return
        for (label,) in self.store.query(_PERSON_NAMES).rows:
            self._add_person(str(label))
        for label, alias in self.store.query(_ORGANIZATION_NAMES).rows:
            self._add_organization(str(label), [str(alias)] if alias is not None else [])
        self._loaded = True

    def _add_person(self, name: str) -> None:
        tokens = name_tokens(name)
        if tokens:
            known = self._persons[tokens[-1]]
            key = slug(name)
            label = _preferred(known[key][1], name) if key in known else name
            known[key] = (frozenset(tokens), label)

    def _add_organization(self, name: str, aliases: list[str]) -> None:
        key = slug(name)
        known = self._org_labels.get(key)
        self._org_labels[key] = _preferred(known, name) if known else name
        for alias in aliases:
            self._org_aliases[slug(alias)].add(key)
        if len(acronym(name)) >= 2:
            self._org_acronyms[_letters(acronym(name))].add(key)

    # -- lookups -------------------------------------------------------------------------
    def person_name(self, name: str) -> str | None:
        """The stored full name ``name`` is a shorter form of, when exactly one fits."""
        self._load()
        tokens = name_tokens(name)
        if not tokens:
            return None
        words = frozenset(tokens)
        fits = [label for stored, label in self._persons.get(tokens[-1], {}).values()
                if words < stored]
        return fits[0] if len(fits) == 1 else None

    def organization_name(self, name: str) -> str | None:
        """The stored organization ``name`` is an alias or acronym of, when exactly one.

        A stated alias wins over a computed acronym; an acronym is only tried for a name
        that looks like one ("NATO", "U.N."), so "Nato Street" is never an acronym."""
        self._load()
        key = slug(name)
        if key in self._org_labels:
            return None  # already the name of a stored node: same IRI, nothing to do
        found = self._org_aliases.get(key, set())
        if not found and _looks_like_acronym(name):
            found = self._org_acronyms.get(_letters(name), set())
        return self._org_labels[next(iter(found))] if len(found) == 1 else None

    def resolve(self, records: DocumentRecords) -> DocumentRecords:
        """A copy of ``records`` whose entities are keyed to stored ones where unambiguous."""
        out = copy.deepcopy(records)
        _link_organizations(out, self.organization_name)
        _link_persons(out, self.person_name)
        return out


def resolve_against_store(records: DocumentRecords, store: Store,
                          index: StoreIndex | None = None) -> DocumentRecords:
    """``records`` with persons and organizations linked to the stored ones (see module)."""
    return (index or StoreIndex(store)).resolve(records)


# -- linking records -----------------------------------------------------------------------
def _link_persons(records: DocumentRecords, lookup) -> None:
    for p in records.persons:
        stored = lookup(p.name)
        if stored and slug(stored) != slug(p.name):
            p.key = stored


def _link_organizations(records: DocumentRecords, lookup) -> None:
    for o in records.organizations:
        stored = lookup(o.name)
        if stored and slug(stored) != slug(o.name):
            o.key = stored
