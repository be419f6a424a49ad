"""Computing each document's derived data and keeping a store's in step with its documents.

``kg.store.derived`` says where derived data lies and how it is written and removed with
a document; this module says what it is. A *deriver* is a function of one document's
``DocumentFacts`` (the few triples of its graph derivers read: the types of its entities,
labels, aliases, the document node's own properties, the graph's size) to a ``Derived``:
triples about the document's summary node and shared entries. ``DERIVERS`` lists them
with a version each; the index graph records them (``kgi:schema``), so a store derived by
other derivers (an older policykg, or a new deriver here) is derived again, document by
document, the first time this policykg writes to it (``ensure_derived``) or on
``kg reindex``.

Where a document comes from decides how its facts are read: from the graph just built
(``kg ingest``: no read at all), or from the store, graph by graph with bounded queries
(``kg load``, ``kg reindex``); never from the union of all graphs.
"""

from __future__ import annotations

from typing import Callable, Iterable

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

from kg.archive.catalog import CATALOG_DERIVER, catalog_entries
from kg.archive.catalog import READS as CATALOG_READS
from kg.archive.catalog import TYPES as CATALOG_TYPES
from kg.archive.facts import DocumentFacts
from kg.archive.lifecycle import SUMMARY_DERIVER, document_summary
from kg.archive.names import NAMES_DERIVER, name_entries
from kg.core.errors import KgError
from kg.rdf.namespace import PKG
from kg.store.base import Store
from kg.store.derived import (DOC_BASE, INDEX_GRAPH, PREFIX, Derived, schema_triple,
                              stored_schema)

KINDS = (PKG.Person, PKG.Country, PKG.Organization, PKG.Agreement)
TYPED = (*KINDS, *CATALOG_TYPES)  # the classes whose nodes derivers read
# The predicates whose triples derivers read (besides the types of TYPED).
READ = (RDFS.label, PKG.alias, PKG.fileName, PKG.sha256, PKG.sourcePath, PKG.title,
        PKG.ingestedAt, *CATALOG_READS)
REDERIVE_BATCH = 200  # documents whose derived data is written per transaction

_PATTERNS = [(p, None) for p in READ] + [(RDF.type, kind) for kind in TYPED]
_SIZE = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
_DOCUMENTS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g a pkg:Document } }"
_ANY_DOCUMENT = "ASK { GRAPH ?g { ?g a pkg:Document } }"
_DOCUMENT_TRIPLES = f"""
SELECT (COUNT(*) AS ?n) WHERE {{
  GRAPH ?g {{ ?s ?p ?o }} FILTER (STRSTARTS(STR(?g), "{DOC_BASE}")) }}"""
_TOTALS = PREFIX + f"""
SELECT (COUNT(?s) AS ?documents) (SUM(?n) AS ?triples)
WHERE {{ GRAPH <{INDEX_GRAPH}> {{ ?s kgi:triples ?n }} }}"""


def facts_of_graph(graph: Graph) -> DocumentFacts:
    """The facts derivers read, from a graph in memory (the one ``kg ingest`` writes)."""
    facts = DocumentFacts(URIRef(graph.identifier), len(graph))
    for p in READ:
        for s, o in graph.subject_objects(p):
            facts.values[p].append((s, o))
    for kind in TYPED:
        facts.typed[kind].update(graph.subjects(RDF.type, kind))
    return facts


def facts_in_store(store: Store, document: str, size: int | None = None) -> DocumentFacts:
    """The facts derivers read, from one stored graph: bounded queries on that graph."""
    g = URIRef(document)
    if size is None:
        rows = store.query(_SIZE, {"g": g}).rows
        size = int(rows[0][1]) if rows else 0
    facts = DocumentFacts(g, size)
    for s, p, o in store.graph_triples(document, _PATTERNS):
        facts.add(s, p, o)
    return facts


# -- the derivers ----------------------------------------------------------------------------
# (name/version, deriver): each lives with the code that reads what it derives, and is
# named with a version there; a new version is derived again in every store.
DERIVERS: tuple[tuple[str, Callable[[DocumentFacts], Derived]], ...] = (
    (SUMMARY_DERIVER, document_summary), (NAMES_DERIVER, name_entries),
    (CATALOG_DERIVER, catalog_entries))


def schema() -> str:
    return " ".join(name for name, _ in DERIVERS)


def derive(facts: DocumentFacts) -> Derived:
    out = Derived(facts.document)
    for _, deriver in DERIVERS:
        out.update(deriver(facts))
    return out


def derived_triples(graph: Graph) -> list[tuple]:
    """The derived data of a document graph about to be written (``Store.add_graph``)."""
    return list(derive(facts_of_graph(graph)).triples())


# -- keeping a store's derived data in step ---------------------------------------------------
def ensure_derived(store: Store, on_progress: Callable[[int, int], None] | None = None,
                   ) -> bool:
    """Derive the store's derived data again when other derivers built it, or none did
    (a store written before derived data existed; a new store: nothing to derive).
    Returns whether it did. Writes: call it where the store may be written."""
    if stored_schema(store) == schema():
        return False
    rederive(store, on_progress=on_progress)
    return True


def rederive(store: Store, documents: Iterable[str] | None = None, *,
             fresh: bool = False, sizes: dict[str, int] | None = None,
             on_progress: Callable[[int, int], None] | None = None) -> int:
    """Derive again the derived data of ``documents`` (default: every document, after
    clearing it all), reading each graph on its own; ``fresh``: they have none yet.
    ``sizes`` (graph -> triples) saves counting them. Returns how many were derived."""
    with store.writing():
        everything = documents is None
        if everything:
            store.clear_derived()
            documents = [str(row[0]) for row in store.query(_DOCUMENTS).rows]
        else:
            documents = list(documents)
            if not fresh:
                store.drop_graphs(documents, derived_only=True)
        batch: list[tuple] = []
        for done, doc in enumerate(documents, 1):
            facts = facts_in_store(store, doc, (sizes or {}).get(doc))
            batch.extend(derive(facts).triples())
            if done % REDERIVE_BATCH == 0 or done == len(documents):
                store.add_derived(batch)
                batch = []
                if on_progress:
                    on_progress(done, len(documents))
        if everything:  # last: an interrupted derivation is done again
            store.add_derived([schema_triple(schema())])
    return len(documents)


def has_current_summaries(store: Store) -> bool:
    """Whether the store's derived data can be read as it is (this policykg's schema)."""
    return store.exists() and stored_schema(store) == schema()


def store_totals(store: Store) -> tuple[int, int]:
    """(documents, triples in them), from the summaries: no count over the store. A
    store without this policykg's derived data is counted the slow way."""
    with store.reading():
        if not has_current_summaries(store):
            return (len(store.query(_DOCUMENTS).rows),
                    int(store.query(_DOCUMENT_TRIPLES).rows[0][0]))
        documents, triples = store.query(_TOTALS).rows[0]
    return int(documents), int(triples or 0)


def require_derived(store: Store) -> None:
    """For readers that cannot derive it themselves: refuse a store that holds documents
    but not this policykg's derived data (an older policykg wrote it)."""
    found = stored_schema(store)
    if found != schema() and store.query(_ANY_DOCUMENT).boolean:
        raise KgError(f"the store at {store.location} has no up-to-date index "
                      f"({'none' if found is None else found}; this policykg keeps "
                      f"{schema()}): run `kg reindex --store {store.location}` once")
