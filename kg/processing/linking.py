"""Linking names to fuller ones already seen: the rule that joins "Blinken" to "Antony J.
Blinken" and "NATO" to "North Atlantic Treaty Organization", across the pieces of a long
document (``kg.processing.pieces``) and across the documents of a store
(``kg.archive.resolve``, which fills the index from the store).

- a person named by a shorter form of exactly one known person's name (its words are a
  subset of that name's words and the last word, the surname, is the same) is keyed to
  the known person. Two known candidates ("Joe Biden", "Hunter Biden") make "Biden"
  ambiguous: it is left alone. A new *fuller* name is kept as it is.
- an organization named by a known organization's alias or by the acronym of a known
  organization's name ("NATO" -> "North Atlantic Treaty Organization") is keyed to it.

Keying sets ``Person.key`` / ``Organization.key`` (the name the IRI is minted from);
labels do not change.
"""

from __future__ import annotations

import copy
import re
from collections import defaultdict

from kg.core.names import name_tokens, slug
from kg.core.records import DocumentRecords

_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,9}")


def acronym(name: str) -> str:
    """Initials of the capitalised words: "The North Atlantic Treaty Organization" ->
    "NATO"; a leading article and lower-case words ("of", "and") are skipped, as
    acronyms skip them."""
    words = re.findall(r"[^\W\d_][\w'’-]*", name)
    if words and words[0].lower() == "the":
        words = words[1:]
    return "".join(w[0] for w in words if w[0].isupper())


def acronym_letters(name: str) -> str:
    """An acronym's key: "N.A.T.O." and "NATO" are the same acronym."""
    return "".join(name_tokens(name))


def _preferred(a: str, b: str) -> str:
    """One label for a node stored under several ("Antony Blinken", "ANTONY BLINKEN"):
    all mint the same IRI, but the choice must not depend on the order the store returns
    them in, or a resumed ingest would label new graphs differently from an unbroken one.
    Mixed case wins over all capitals, then the alphabet decides."""
    return min(a, b, key=lambda label: (label.isupper(), label))


def looks_like_acronym(name: str) -> bool:
    return _ACRONYM.fullmatch(name.replace(".", "")) is not None


class NameIndex:
    """Names of the persons and organizations seen so far, for linking new records."""

    def __init__(self) -> None:
        # surname token -> {person slug: (name tokens, stored label)}
        self._persons: dict[str, dict[str, tuple[frozenset, str]]] = defaultdict(dict)
        self._org_labels: dict[str, str] = {}  # organization slug -> stored label
        self._org_aliases: dict[str, set[str]] = defaultdict(set)  # alias slug -> org slugs
        self._org_acronyms: dict[str, set[str]] = defaultdict(set)  # acronym slug -> slugs
        # node slugs named by their IRI's words until a label that mints the IRI comes
        self._person_stand_ins: set[str] = set()
        self._org_stand_ins: set[str] = set()

    # -- adding names ---------------------------------------------------------------------
    def note_written(self, records: DocumentRecords) -> None:
        """Account for the names of ``records`` (a document written, a piece read)."""
        for p in records.persons:
            self.add_person(p.key or p.name)
        for o in records.organizations:
            self.add_organization(o.key or o.name, [*o.aliases, o.name] if o.key else o.aliases)

    def add_person(self, name: str, node: str | None = None) -> None:
        """A known person's ``name``. ``node``: the slug of the person's IRI, when known
        (a stored node). Candidates are counted by node, not by spelling: a node stored
        as "Antony J. Blinken" and, in another document, "Antony Blinken" is one
        candidate for "Blinken", named by the spelling its IRI is minted from."""
        key = node or slug(name)
        stand_in = slug(name) != key  # another document's spelling of the node
        if stand_in:
            name = " ".join(key.split("-"))  # the IRI's own words, until a label fits
        tokens = name_tokens(name)
        if not tokens:
            return
        known = self._persons[tokens[-1]]
        if key in known and (stand_in or key in self._person_stand_ins):
            if stand_in:
                return
            del known[key]
            self._person_stand_ins.discard(key)
        if stand_in:
            self._person_stand_ins.add(key)
        label = _preferred(known[key][1], name) if key in known else name
        known[key] = (frozenset(tokens), label)

    def add_organization(self, name: str, aliases: list[str], node: str | None = None) -> None:
        """A known organization's ``name`` and ``aliases``; ``node`` as for persons: a
        stored node's other spelling ("NATO" where the IRI says North Atlantic Treaty
        Organization) is one of its aliases, not a node of its own."""
        if node and slug(name) != node:
            self._org_aliases[slug(name)].add(node)
            if node not in self._org_labels:
                self._org_labels[node] = " ".join(node.split("-"))  # until a label fits
                self._org_stand_ins.add(node)
            return
        key = slug(name)
        known = None if key in self._org_stand_ins else self._org_labels.get(key)
        self._org_stand_ins.discard(key)
        self._org_labels[key] = _preferred(known, name) if known else name
        for alias in aliases:
            self._org_aliases[slug(alias)].add(key)
        if len(acronym(name)) >= 2:
            self._org_acronyms[acronym_letters(acronym(name))].add(key)

    # -- lookups -------------------------------------------------------------------------
    def person_name(self, name: str) -> str | None:
        """The known full name ``name`` is a shorter form of, when exactly one fits."""
        tokens = name_tokens(name)
        if not tokens:
            return None
        words = frozenset(tokens)
        fits = [label for stored, label in self._persons.get(tokens[-1], {}).values()
                if words < stored]
        return fits[0] if len(fits) == 1 else None

    def organization_name(self, name: str) -> str | None:
        """The known organization ``name`` is an alias or acronym of, when exactly one.

        A stated alias wins over a computed acronym; an acronym is only tried for a name
        that looks like one ("NATO", "U.N."), so "Nato Street" is never an acronym."""
        key = slug(name)
        if key in self._org_labels:
            return None  # already the name of a known node: same IRI, nothing to do
        found = self._org_aliases.get(key, set())
        if not found and looks_like_acronym(name):
            found = self._org_acronyms.get(acronym_letters(name), set())
        return self._org_labels[next(iter(found))] if len(found) == 1 else None

    def resolve(self, records: DocumentRecords) -> DocumentRecords:
        """A copy of ``records`` whose entities are keyed to known ones where unambiguous."""
        out = copy.deepcopy(records)
        _link_organizations(out, self.organization_name)
        _link_persons(out, self.person_name)
        return out


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
