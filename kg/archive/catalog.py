"""The catalog: what the app's pages list and count, kept by the write path as derived
data (``kg.store.derived``), so that no page reads the union of all graphs to open.

Each document's summary node carries what the document contributes, as one JSON literal
(``kgi:catalog``): its entities with their kind and label, their aliases, the relations
it states (actsFor, party), the agreements' terms (status, date, duration, value) and,
per agreement, the stages and dates it gives (the Timeline's points); beside it
``kgi:published`` (the date the text states) and ``kgi:statements`` (how many facts it
states), which the Documents page reads without the rest.

The catalog is the sum of those: reading it is one scan of one predicate over the
summaries (one value per document), then counting. Each entry is one string, its parts
joined by spaces, the free text last ("entity kind label", "subject relation object",
"agreement term text", "entity alias"; IRIs hold no space): a document's JSON decodes to
a few lists of strings, which ``collections.Counter`` counts in C, and each distinct
string is split once for the whole store. At 10,000 documents (280,000 entity entries,
9,600 distinct entities) that is 0.4 CPU-s against 1.2 for lists of parts counted in
Python. Shared entries with a card each, counted by their links, would cost a stored
lookup per card and a grouped scan of every link: 3.5 s. IRIs are kept relative to
``ID_BASE`` inside the JSON (half the size).
"""

from __future__ import annotations

import json
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterator

from rdflib import Literal
from rdflib.namespace import RDF, RDFS

from kg.archive.facts import facts_of_triples
from kg.core.errors import KgError
from kg.core.gcpause import gc_paused
from kg.rdf.iris import ADDED_GRAPH
from kg.rdf.namespace import ID_BASE, KGI, PKG
from kg.store.base import Store
from kg.store.derived import INDEX_GRAPH, PREFIX, Derived, document_of, has_deriver

CATALOG_DERIVER = "catalog/3"  # kg.archive.derived: the version of catalog_entries
KINDS = {PKG.Person: "Person", PKG.Country: "Country", PKG.Organization: "Organization",
         PKG.Agreement: "Agreement"}
RELATIONS = {PKG.actsFor: "actsFor", PKG.party: "party"}
TERMS = {PKG.status: "status", PKG.date: "date", PKG.duration: "duration",
         PKG.value: "value"}
# What the deriver reads of a document graph, besides kg.archive.derived's own.
READS = (PKG.published, PKG.amount, PKG.currency, *RELATIONS, *TERMS)
TYPES = (RDF.Statement,)  # counted, not listed

_CONTENTS = PREFIX + f"""
SELECT ?summary ?catalog WHERE {{ GRAPH <{INDEX_GRAPH}> {{ ?summary kgi:catalog ?catalog }} }}"""
_SUMMARIES = PREFIX + f"""
SELECT ?summary ?what ?value WHERE {{ GRAPH <{INDEX_GRAPH}> {{
  {{ ?summary kgi:listing ?value BIND("listing" AS ?what) }}
  UNION {{ ?summary kgi:published ?value BIND("published" AS ?what) }}
  UNION {{ ?summary kgi:statements ?value BIND("statements" AS ?what) }} }} }}"""
_TOTALS = PREFIX + f"""
SELECT (COUNT(?summary) AS ?documents) (SUM(?n) AS ?facts) WHERE {{ GRAPH <{INDEX_GRAPH}> {{
  ?summary kgi:statements ?n }} }}"""
_ANY_DOCUMENT = "ASK { GRAPH ?g { ?g a pkg:Document } }"


# -- the deriver ---------------------------------------------------------------------------
def _short(iri) -> str:
    text = str(iri)
    return text[len(ID_BASE):] if text.startswith(ID_BASE) else text


def _full(short: str) -> str:
    return short if ":" in short else ID_BASE + short


def _entry(*parts: str) -> str:
    """One catalog entry: its parts joined by spaces (only the last may hold one)."""
    return " ".join(parts)


def catalog_entries(facts) -> Derived:
    """The deriver of the catalog (``kg.archive.derived``): on one document's summary,
    what the document contributes (``kgi:catalog``), its date and number of facts."""
    out = Derived(facts.document)
    kinds = {node: kind for cls, kind in KINDS.items() for node in facts.typed.get(cls, ())}
    labels = {s: str(o) for s, o in facts.values.get(RDFS.label, ()) if s in kinds}
    terms = _terms(facts)
    contents = {
        "entities": sorted(_entry(_short(n), kind, labels.get(n, ""))
                           for n, kind in kinds.items()),
        "aliases": sorted(_entry(_short(n), str(a)) for n, a in facts.values.get(PKG.alias, ())
                          if n in kinds),
        "relations": sorted(_entry(_short(s), name, _short(o))
                            for p, name in RELATIONS.items() for s, o in facts.values.get(p, ())),
        "terms": sorted(_entry(_short(a), name, text) for a, name, text in terms),
        "reports": _reports(kinds, terms)}
    out.about += [(out.summary, KGI.catalog,
                   Literal(json.dumps(contents, ensure_ascii=False, separators=(",", ":")))),
                  (out.summary, KGI.statements,
                   Literal(len(facts.typed.get(RDF.Statement, ()))))]
    published = facts.own(PKG.published)
    if published is not None:
        out.about.append((out.summary, KGI.published, Literal(str(published))))
    return out


def _terms(facts) -> list[tuple[str, str, str]]:
    money = {s: str(o) for s, o in facts.values.get(PKG.amount, ())}
    currency = {s: str(o) for s, o in facts.values.get(PKG.currency, ())}
    out = []
    for p, name in TERMS.items():
        for a, o in facts.values.get(p, ()):
            text = f"{money[o]} {currency.get(o, '')}".strip() if o in money else str(o)
            out.append((a, name, text))
    return out


def _reports(kinds: dict, terms: list) -> list:
    """[agreement, stages, dates] for each agreement the document declares."""
    reports = {n: ([], []) for n, kind in kinds.items() if kind == "Agreement"}
    for a, name, text in terms:
        if name in ("status", "date") and a in reports:
            reports[a][name == "date"].append(text)
    return sorted([_short(a), sorted(s), sorted(d)] for a, (s, d) in reports.items())


# -- reading it ----------------------------------------------------------------------------
@dataclass
class Entity:
    iri: str
    kind: str
    documents: int = 0  # documents that declare it
    labels: Counter = field(default_factory=Counter)  # label -> documents giving it
    aliases: set = field(default_factory=set)


@dataclass
class Tally:
    """The documents' contributions summed as they are stored: each entry (one string,
    ``_entry``) counted over the documents that give it."""

    entities: Counter = field(default_factory=Counter)  # "entity kind label" -> documents
    aliases: set = field(default_factory=set)  # "entity alias"
    relations: Counter = field(default_factory=Counter)  # "s relation o" -> documents
    terms: Counter = field(default_factory=Counter)  # "agreement term text" -> documents
    declared: dict[str, list[str]] = field(default_factory=dict)  # document -> entries
    reports: dict[str, list] = field(default_factory=dict)  # document -> [a, stages, dates]

    def add(self, document: str, contents: dict) -> None:
        """Count one document's contribution (``kgi:catalog``)."""
        self.entities.update(contents["entities"])
        self.aliases.update(contents["aliases"])
        self.relations.update(contents["relations"])
        self.terms.update(contents["terms"])
        self.declared[document] = contents["entities"]
        self.reports[document] = contents["reports"]


class Catalog:
    """Every entity, relation and agreement term of the store, with how many documents
    give each, and what each document declares and reports: what the Overview, Graph,
    Agreements, Timeline, Analytics and Entity pages list. Made from a ``Tally``: each
    distinct entry parsed once, its IRIs made whole."""

    def __init__(self, tally: Tally | None = None) -> None:
        self._tally = tally or Tally()
        self._added: list[dict] = []  # the analysts' contents (add_analysts)
        self.entities: dict[str, Entity] = {}
        for entry, n in self._tally.entities.items():  # in the order first given
            short, kind, label = entry.split(" ", 2)
            entity = self._entity(_full(short), kind)
            entity.documents += n
            if label:
                entity.labels[label] += n
        for entry in self._tally.aliases:
            short, alias = entry.split(" ", 1)
            self.entities[_full(short)].aliases.add(alias)

    # What only some pages read is made when first asked for: the Overview, the Entity
    # and Documents pages read none of it.
    @cached_property
    def relations(self) -> Counter:
        """(s, relation, o) -> documents stating it (the analysts' facts count one)."""
        out: Counter = Counter()
        for (s, p, o), n in self._three_parts("relations"):
            out[(_full(s), p, _full(o))] += n
        return out

    @cached_property
    def terms(self) -> dict:
        """agreement -> term -> text -> documents giving it."""
        out: dict = defaultdict(lambda: defaultdict(Counter))
        for (a, name, text), n in self._three_parts("terms"):
            out[_full(a)][name][text] += n
        return out

    def _three_parts(self, kind: str) -> Iterator[tuple[list[str], int]]:
        """The documents' and the analysts' entries of ``kind`` ("relations", "terms"),
        each split into its three parts once, with how many give it."""
        tallied: Counter = getattr(self._tally, kind)
        for counted in (tallied, *(Counter(c[kind]) for c in self._added)):
            for entry, n in counted.items():
                yield entry.split(" ", 2), n

    @cached_property
    def reports(self) -> dict[str, list]:
        """document -> [[agreement, stages, dates], ...]."""
        return {doc: [[_full(a), s, d] for a, s, d in found]
                for doc, found in self._tally.reports.items()}

    @cached_property
    def declared(self) -> dict[str, list[str]]:
        """document -> the entities it declares."""
        return {doc: [_full(entry.split(" ", 1)[0]) for entry in entries]
                for doc, entries in self._tally.declared.items()}

    def _entity(self, iri: str, kind: str) -> Entity:
        return self.entities.get(iri) or self.entities.setdefault(iri, Entity(iri, kind))

    def add_analysts(self, contents: dict) -> None:
        """Count the facts analysts added (the corrections' added graph): its relations
        and terms, and the nodes no document declares; it is no document, so it adds
        to no entity's count of documents."""
        for entry in contents["entities"]:
            short, kind, label = entry.split(" ", 2)
            if _full(short) not in self.entities:
                entity = self._entity(_full(short), kind)
                if label:
                    entity.labels[label] += 1
        self._added.append(contents)
        for made in ("relations", "terms"):  # counted again with these when next read
            self.__dict__.pop(made, None)


_KEPT: dict[tuple[str, str], tuple[str, object]] = {}  # (store, what) -> (version, it)
_KEEPING = threading.Lock()


def _kept(store: Store, what: str, read):
    """``read(store)``, once per version of the store (its token changes with every
    write), kept for the next reader in this process."""
    version = store.version()
    with _KEEPING:
        kept = _KEPT.get((store.location, what))
        if kept and kept[0] == version:
            return kept[1]
        with gc_paused():  # hundreds of thousands of objects: see kg.core.gcpause
            found = read(store)
        _KEPT[(store.location, what)] = (version, found)
        return found


def current(store: Store) -> Catalog:
    """The store's catalog (``read_catalog``), read once per version of the store."""
    return _kept(store, "catalog", read_catalog)


def current_documents(store: Store) -> list[dict]:
    """Every document's row (``read_documents``), read once per version of the store."""
    return _kept(store, "documents", read_documents)


def require(store: Store) -> None:
    """Refuse a store whose derived data has no catalog (an older policykg wrote it):
    the pages would show nothing where there is something."""
    if not has_deriver(store, CATALOG_DERIVER) and store.query(_ANY_DOCUMENT).boolean:
        raise KgError(f"the store at {store.location} has no up-to-date index of what it "
                      f"holds: run `kg reindex --store {store.location}` once (kg app "
                      "does it when it starts)")


def read_catalog(store: Store) -> Catalog:
    """The catalog: every summary's contribution, summed."""
    tally = Tally()
    with store.reading():
        require(store)
        for summary, contents in store.query_values(_CONTENTS):
            tally.add(str(document_of(summary)), json.loads(contents))
        added = store.read_graph(str(ADDED_GRAPH))  # a few facts: read as they are
    out = Catalog(tally)
    if added:
        out.add_analysts(_contents_of(added))
    return out


def _contents_of(triples: set[tuple]) -> dict:
    """What ``catalog_entries`` would record for a graph of these triples."""
    found = catalog_entries(facts_of_triples(str(ADDED_GRAPH), triples))
    return next(json.loads(str(o)) for _, p, o in found.about if p == KGI.catalog)


def search(cat: Catalog, text: str) -> list[Entity]:
    """The entities with a label or alias containing ``text`` (any case)."""
    text = text.strip().lower()
    return [e for e in cat.entities.values()
            if any(text in name.lower() for name in (*e.labels, *e.aliases))]


def read_documents(store: Store) -> list[dict]:
    """Every document's row: iri, file name, title, ingestion time, publication date,
    how many entities it declares and facts it states; from the summaries alone."""
    require(store)
    rows: dict[str, dict] = defaultdict(dict)
    for summary, what, value in store.query_values(_SUMMARIES):
        rows[summary][what] = value
    out = []
    for summary, row in rows.items():
        listing = json.loads(row.get("listing", "{}"))
        out.append({"iri": str(document_of(summary)), "file_name": listing.get("fileName"),
                    "title": listing.get("title"), "ingested_at": listing.get("ingestedAt"),
                    "published": row.get("published"),
                    "entities": sum(listing.get("counts", {}).values()),
                    "facts": int(row.get("statements", 0))})
    return out


def totals(store: Store) -> tuple[int, int]:
    """(documents, facts they state), from the summaries."""
    require(store)
    documents, facts = store.query(_TOTALS).rows[0]
    return int(documents), int(facts or 0)
