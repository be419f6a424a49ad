"""The names index: the stored names of persons and organizations, kept by the write path
and read by entity resolution (``kg.archive.resolve``) one key at a time.

Each name a document gives a person or organization node (its ``rdfs:label``, an
organization's ``pkg:alias``) is a shared entry of the derived data
(``kg.store.derived``), keyed the way resolution looks names up:

- a person's label by its surname (the last word, folded): "Blinken" is looked up
  among the labels whose surname is ``blinken``;
- an organization's label by its slug and by the letters of its acronym ("nato"), an
  alias by its slug.

An entry is one (kind, node, name): "Antony Blinken" on the node ``person/antony-blinken``
is one entry however many documents give it. So a lookup reads the entries under one
key (a handful of rows, whatever the size of the store), never the store's names.
"""

from __future__ import annotations

from collections import defaultdict
from hashlib import sha256
from typing import Iterable, Iterator

from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

from kg.core.names import name_tokens, slug
from kg.processing.linking import acronym, acronym_letters
from kg.rdf.namespace import KGI, PKG
from kg.store.base import Store
from kg.store.derived import INDEX_GRAPH, PREFIX, Derived, entry_iri

NAMES_DERIVER = "names/1"  # kg.archive.derived: the version of name_entries
# One query per kind of key, the key bound (never formatted into the text), each giving
# (key, node, name) rows; what the key is says what the name is (ROLES). Rows cost ~30 µs
# each, so the queries return only these.
_BY_KEY = PREFIX + f"""
SELECT ?key ?node ?text WHERE {{ GRAPH <{INDEX_GRAPH}> {{
  ?entry kgi:%s ?key ; kgi:names ?node ; kgi:text ?text }} }}"""
PERSON_LABELS = _BY_KEY % "surname"
ORGANIZATION_LABELS = _BY_KEY % "labelSlug"
ORGANIZATION_ACRONYMS = _BY_KEY % "acronym"
ORGANIZATION_ALIASES = _BY_KEY % "aliasSlug"
# Every name of one node (the key: its IRI), as its entries' triples.
NODE_NAMES = PREFIX + f"""
SELECT ?key ?entry ?p ?o WHERE {{ GRAPH <{INDEX_GRAPH}> {{ ?entry kgi:names ?key ; ?p ?o }} }}"""
# The role of a name, from the key its entry has: a person's label, an organization's
# label, an organization's alias.
_ROLES = {KGI.surname: "person", KGI.labelSlug: "label", KGI.aliasSlug: "alias"}
ROLES = {PERSON_LABELS: "person", ORGANIZATION_LABELS: "label",
         ORGANIZATION_ACRONYMS: "label", ORGANIZATION_ALIASES: "alias"}
# Which lookups find an entry by which of its keys (for names not in the store).
_LOOKUPS = {KGI.surname: PERSON_LABELS, KGI.labelSlug: ORGANIZATION_LABELS,
            KGI.acronym: ORGANIZATION_ACRONYMS, KGI.aliasSlug: ORGANIZATION_ALIASES}
Name = tuple[str, str, str]  # (node IRI, name, role)


def _entry(kind: str, node, text: str) -> URIRef:
    return entry_iri(sha256(f"{kind}\n{node}\n{text}".encode("utf-8")).hexdigest()[:32])


def _named(kind: str, node, text: str, keys: Iterable[tuple]) -> tuple[URIRef, list]:
    entry = _entry(kind, node, text)
    return entry, [(entry, KGI.names, Literal(str(node))), (entry, KGI.text, Literal(text)),
                   *((entry, p, Literal(value)) for p, value in keys)]


def name_entries(facts) -> Derived:
    """The deriver of the names index (``kg.archive.derived``): an entry per name of a person or
    organization node of the document."""
    out = Derived(facts.document)
    persons = facts.typed.get(PKG.Person, set())
    organizations = facts.typed.get(PKG.Organization, set())
    for node, label in facts.values.get(RDFS.label, ()):
        text = str(label)
        if node in persons and name_tokens(text):
            entry, triples = _named("person", node, text,
                                    [(KGI.surname, name_tokens(text)[-1])])
            out.entries[entry] = triples
        if node in organizations:
            keys = [(KGI.labelSlug, slug(text))]
            if len(acronym(text)) >= 2:
                keys.append((KGI.acronym, acronym_letters(acronym(text))))
            entry, triples = _named("organization", node, text, keys)
            out.entries[entry] = triples
    for node, alias in facts.values.get(PKG.alias, ()):
        if node in organizations:
            entry, triples = _named("alias", node, str(alias),
                                    [(KGI.aliasSlug, slug(str(alias)))])
            out.entries[entry] = triples
    return out


def lookup(store: Store, query: str, key: str) -> list[Name]:
    """(node, name, role) of the entries under ``key`` (one of the queries above)."""
    rows = store.query(query, {"key": Literal(key)}).rows
    if query != NODE_NAMES:
        return [(str(node), str(text), ROLES[query]) for _, node, text in rows]
    entries: dict = defaultdict(dict)
    for _, entry, p, o in rows:
        entries[entry][p] = str(o)
    return [(key, values[KGI.text], next(_ROLES[p] for p in values if p in _ROLES))
            for values in entries.values()]


def entries_of(derived: Derived) -> Iterator[tuple[str, str, Name]]:
    """(lookup, key, (node, name, role)) for each entry of ``derived``
    (``name_entries``): how the lookups above find it once it is stored."""
    for triples in derived.entries.values():
        values = {p: str(o) for _, p, o in triples}
        role = next(_ROLES[p] for p in values if p in _ROLES)
        name = (values[KGI.names], values[KGI.text], role)
        for p, query in _LOOKUPS.items():
            if p in values:
                yield query, values[p], name
        yield NODE_NAMES, values[KGI.names], name
