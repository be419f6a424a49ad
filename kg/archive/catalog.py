"""The catalog: what the app's pages list and count, kept by the write path as derived
data (``kg.store.derived``), so that no page reads the union of all graphs to open.

Per document, on its summary node: ``kgi:published`` (the date the text states),
``kgi:statements`` (how many facts it states, mentions included) and ``kgi:reports``
(JSON: each agreement it declares, with the stages and dates it gives it there; the
Timeline's points).

Shared entries, each with one JSON card, so that a kind of card is read in one scan of
one predicate (about 50 ms per 10,000):

- ``kgi:entityCard`` ``[iri, kind]``: a person, country, organization or agreement;
- ``kgi:nameCard`` ``[iri, "label" | "alias", text]``, with ``kgi:text`` for search;
- ``kgi:relationCard`` ``[subject, "actsFor" | "party", object]``;
- ``kgi:termCard`` ``[agreement, "status" | "date" | "duration" | "value", text]``.

How many documents share an entry is how many summaries link it (``kgi:entry``): one
grouped scan of the links, never of the documents' graphs. So an entity's card counts
the documents that declare it, a name card the documents that spell it so, a relation
card the documents that state it.
"""

from __future__ import annotations

import json
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from hashlib import sha256

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS

from kg.core.errors import KgError
from kg.rdf.namespace import KGI, PKG
from kg.store.base import Store
from kg.store.derived import (INDEX_GRAPH, PREFIX, Derived, document_of, entry_iri,
                              has_deriver)

CATALOG_DERIVER = "catalog/1"  # kg.archive.derived: the version of catalog_entries
KINDS = {PKG.Person: "Person", PKG.Country: "Country", PKG.Organization: "Organization",
         PKG.Agreement: "Agreement"}
RELATIONS = {PKG.actsFor: "actsFor", PKG.party: "party"}
TERMS = {PKG.status: "status", PKG.date: "date", PKG.duration: "duration",
         PKG.value: "value"}
# What the deriver reads of a document graph, besides kg.archive.derived's own.
READS = (PKG.published, PKG.amount, PKG.currency, *RELATIONS, *TERMS)
TYPES = (RDF.Statement,)  # counted, not listed

_CARDS = PREFIX + f"""
SELECT ?entry ?card WHERE {{ GRAPH <{INDEX_GRAPH}> {{ ?entry kgi:%s ?card }} }}"""
_LINKS = PREFIX + f"""
SELECT ?entry (COUNT(?summary) AS ?n) WHERE {{ GRAPH <{INDEX_GRAPH}> {{
  ?summary kgi:entry ?entry }} }} GROUP BY ?entry"""
_SEARCH = PREFIX + f"""
SELECT ?q ?card WHERE {{ GRAPH <{INDEX_GRAPH}> {{ ?entry kgi:text ?text ; kgi:nameCard ?card
  FILTER(CONTAINS(LCASE(STR(?text)), LCASE(STR(?q)))) }} }}"""
_SUMMARIES = PREFIX + f"""
SELECT ?summary ?what ?value WHERE {{ GRAPH <{INDEX_GRAPH}> {{
  {{ ?summary kgi:listing ?value BIND("listing" AS ?what) }}
  UNION {{ ?summary kgi:published ?value BIND("published" AS ?what) }}
  UNION {{ ?summary kgi:statements ?value BIND("statements" AS ?what) }} }} }}"""
_MENTIONS = PREFIX + f"""
SELECT ?summary ?card WHERE {{ GRAPH <{INDEX_GRAPH}> {{
  ?summary kgi:entry ?entry . ?entry kgi:entityCard ?card }} }}"""
_TOTALS = PREFIX + f"""
SELECT (COUNT(?summary) AS ?documents) (SUM(?n) AS ?facts) WHERE {{ GRAPH <{INDEX_GRAPH}> {{
  ?summary kgi:statements ?n }} }}"""
_ANY_DOCUMENT = "ASK { GRAPH ?g { ?g a pkg:Document } }"
_REPORTS = PREFIX + f"""
SELECT ?summary ?reports WHERE {{ GRAPH <{INDEX_GRAPH}> {{ ?summary kgi:reports ?reports }} }}"""


# -- the deriver ---------------------------------------------------------------------------
def _card(predicate: URIRef, card: list, text: str | None = None) -> tuple[URIRef, list]:
    body = json.dumps(card, ensure_ascii=False)
    entry = entry_iri(sha256(f"{predicate}\n{body}".encode("utf-8")).hexdigest()[:32])
    triples = [(entry, predicate, Literal(body))]
    if text is not None:
        triples.append((entry, KGI.text, Literal(text)))
    return entry, triples


def catalog_entries(facts) -> Derived:
    """The deriver of the catalog (``kg.archive.derived``): one document's cards, and
    its publication date, number of facts and agreements' reports on its summary."""
    out = Derived(facts.document)
    kinds = {node: kind for cls, kind in KINDS.items() for node in facts.typed.get(cls, ())}
    cards = [(KGI.entityCard, [str(n), kind], None) for n, kind in kinds.items()]
    for p, role in ((RDFS.label, "label"), (PKG.alias, "alias")):
        cards += [(KGI.nameCard, [str(n), role, str(text)], str(text))
                  for n, text in facts.values.get(p, ()) if n in kinds]
    cards += [(KGI.relationCard, [str(s), name, str(o)], None)
              for p, name in RELATIONS.items() for s, o in facts.values.get(p, ())]
    terms = _terms(facts)
    cards += [(KGI.termCard, [a, name, text], None) for a, name, text in terms]
    for predicate, card, text in cards:
        entry, triples = _card(predicate, card, text)
        out.entries[entry] = triples
    out.about += _summary(facts, out.summary, kinds, terms)
    return out


def _terms(facts) -> list[tuple[str, str, str]]:
    money = {s: str(o) for s, o in facts.values.get(PKG.amount, ())}
    currency = {s: str(o) for s, o in facts.values.get(PKG.currency, ())}
    out = []
    for p, name in TERMS.items():
        for a, o in facts.values.get(p, ()):
            text = f"{money[o]} {currency.get(o, '')}".strip() if o in money else str(o)
            out.append((str(a), name, text))
    return out


def _summary(facts, summary: URIRef, kinds: dict, terms: list) -> list[tuple]:
    reports = {str(n): ([], []) for n, kind in kinds.items() if kind == "Agreement"}
    for a, name, text in terms:
        if name in ("status", "date") and a in reports:
            reports[a][name == "date"].append(text)
    about = [(summary, KGI.statements, Literal(len(facts.typed.get(RDF.Statement, ())))),
             (summary, KGI.reports, Literal(json.dumps(
                 sorted([a, sorted(s), sorted(d)] for a, (s, d) in reports.items()),
                 ensure_ascii=False)))]
    published = facts.own(PKG.published)
    if published is not None:
        about.append((summary, KGI.published, Literal(str(published))))
    return about


# -- reading it ----------------------------------------------------------------------------
@dataclass
class Entity:
    iri: str
    kind: str
    documents: int = 0  # documents that declare it
    labels: Counter = field(default_factory=Counter)  # label -> documents giving it
    aliases: set = field(default_factory=set)


@dataclass
class Catalog:
    """Every entity, relation and agreement term of the store, with how many documents
    give each: what the Overview, Graph, Agreements, Analytics and Entity pages list."""

    entities: dict[str, Entity] = field(default_factory=dict)
    relations: list[tuple[str, str, str, int]] = field(default_factory=list)  # s, p, o, docs
    terms: dict[str, dict[str, Counter]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(Counter)))


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
    """The catalog: four scans of cards and one of the links, in one reading session."""
    with store.reading():
        require(store)
        links = {str(e): int(n) for e, n in store.query(_LINKS).rows}
        cards = {name: [(str(e), json.loads(str(c)))
                        for e, c in store.query(_CARDS % name).rows]
                 for name in ("entityCard", "nameCard", "relationCard", "termCard")}
    out = Catalog()
    for entry, (iri, kind) in cards["entityCard"]:
        out.entities[iri] = Entity(iri, kind, links.get(entry, 0))
    for entry, (iri, role, text) in cards["nameCard"]:
        if iri in out.entities:
            if role == "label":
                out.entities[iri].labels[text] += links.get(entry, 0)
            else:
                out.entities[iri].aliases.add(text)
    out.relations = [(s, p, o, links.get(entry, 0)) for entry, (s, p, o) in cards["relationCard"]]
    for entry, (a, name, text) in cards["termCard"]:
        out.terms[a][name][text] += links.get(entry, 0)
    return out


def search_names(store: Store, text: str) -> set[str]:
    """IRIs of the entities with a label or alias containing ``text`` (any case)."""
    rows = store.query(_SEARCH, {"q": Literal(text.strip())}).rows
    return {json.loads(str(card))[0] for _, card in rows}


def read_documents(store: Store) -> list[dict]:
    """Every document's row: iri, file name, title, ingestion time, publication date,
    how many entities it declares and facts it states; from the summaries alone."""
    require(store)
    rows: dict[str, dict] = defaultdict(dict)
    for summary, what, value in store.query(_SUMMARIES).rows:
        rows[str(summary)][str(what)] = value
    out = []
    for summary, row in rows.items():
        listing = json.loads(str(row.get("listing", "{}")))
        out.append({"iri": str(document_of(summary)), "file_name": listing.get("fileName"),
                    "title": listing.get("title"), "ingested_at": listing.get("ingestedAt"),
                    "published": None if "published" not in row else str(row["published"]),
                    "entities": sum(listing.get("counts", {}).values()),
                    "facts": int(row.get("statements", 0))})
    return out


def read_reports(store: Store) -> dict[str, list]:
    """document IRI -> [agreement, stages, dates] for each agreement it declares."""
    return {str(document_of(s)): json.loads(str(r)) for s, r in store.query(_REPORTS).rows}


def read_mentions(store: Store) -> list[tuple[str, str]]:
    """(document IRI, entity IRI) for every entity every document declares: a scan of
    all the links (seconds at 10,000 documents), for the views that show documents."""
    cards: dict[str, str] = {}
    out = []
    for summary, card in store.query(_MENTIONS).rows:
        text = str(card)
        if text not in cards:
            cards[text] = json.loads(text)[0]
        out.append((str(document_of(summary)), cards[text]))
    return out


def kind_counts(store: Store) -> Counter:
    """How many entities of each kind: one scan of the entity cards (the Overview's
    counts need neither the other cards nor the links)."""
    require(store)
    return Counter(json.loads(str(card))[1] for _, card in
                   store.query(_CARDS % "entityCard").rows)


def totals(store: Store) -> tuple[int, int]:
    """(documents, facts they state), from the summaries."""
    documents, facts = store.query(_TOTALS).rows[0]
    return int(documents), int(facts or 0)
