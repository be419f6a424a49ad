"""Derived data: indexes the write path keeps beside the document graphs.

Some questions must be answered without reading the whole store: which stored persons a
new "Blinken" could be, which documents the store holds and how big they are. Their
answers are kept as *derived data*, written in the same transaction as a document's
graph and removed with it (``kg.archive.derived`` computes them), so they are never
recomputed from the union of all graphs.

Shape (docs/stores.md). Everything lies in one named graph, ``INDEX_GRAPH``
(``https://w3id.org/policykg/id/index``), in the ``kgi:`` vocabulary
(``https://w3id.org/policykg/index#``, ``ontology/index.ttl``):

- one *summary node* per document, ``.../id/index/doc/SHA256``, with what the derivers
  say about that document alone (``kgi:fileName``, ``kgi:triples``...) and a
  ``kgi:entry`` link to each shared entry the document contributes to;
- shared *entries*, ``.../id/index/entry/HASH``: what many documents have in common (a
  name a person is known by: ``kgi:surname "blinken"``), stored once however many
  summaries link them, and deleted with the last summary that links them;
- ``INDEX_GRAPH`` itself carries ``kgi:schema``: which derivers (and which version of
  each) built the index; a store built by others is derived again, document by document.

Kept out of the facts: a derived triple's subject is a derived node, its predicate a
``kgi:`` term, its object a literal or a derived node. So derived data shares no node
and no predicate with the documents' graphs: a query that names any of their terms (a
``pkg:`` property, ``rdf:type``, an entity, a document) gives the same answers with or
without it; only a wholly open pattern (``?s ?p ?o``) meets it, and ``kg export`` leaves
it out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Iterator

from rdflib import Literal, URIRef

from kg.rdf.namespace import ID_BASE, INDEX_IRI, KGI
from kg.store.safety import check_iri, sparql_term

INDEX_GRAPH = URIRef(ID_BASE + "index")
SUMMARY_BASE = ID_BASE + "index/doc/"
ENTRY_BASE = ID_BASE + "index/entry/"
DOC_BASE = ID_BASE + "doc/"

Triple = tuple  # (subject, predicate, object) as rdflib terms
# Queries of derived data declare its prefix (it is not one of every query's defaults:
# users query the facts).
PREFIX = f"PREFIX kgi: <{INDEX_IRI}>\n"


def summary_iri(document: str) -> URIRef:
    """The summary node of a document graph (same SHA-256)."""
    return URIRef(SUMMARY_BASE + str(document).rsplit("/", 1)[-1])


def document_of(summary: str) -> URIRef:
    """The document graph a summary node stands for."""
    return URIRef(DOC_BASE + str(summary).rsplit("/", 1)[-1])


def entry_iri(key: str) -> URIRef:
    """The shared entry named by ``key`` (a hash of what makes the entry one)."""
    return URIRef(ENTRY_BASE + key)


@dataclass
class Derived:
    """What one document contributes to the derived data: triples about its summary
    node (``about``: subject ``summary``) and the shared entries it links (IRI ->
    that entry's triples)."""

    document: URIRef
    about: list[Triple] = field(default_factory=list)
    entries: dict[URIRef, list[Triple]] = field(default_factory=dict)

    @property
    def summary(self) -> URIRef:
        return summary_iri(self.document)

    def update(self, other: "Derived") -> None:
        self.about += other.about
        for entry, triples in other.entries.items():
            self.entries.setdefault(entry, []).extend(triples)

    def triples(self) -> Iterator[Triple]:
        """Every triple to write into ``INDEX_GRAPH``, links included."""
        yield from self.about
        for entry, triples in self.entries.items():
            yield self.summary, KGI.entry, entry
            yield from triples


def schema_triple(schema: str) -> Triple:
    return INDEX_GRAPH, KGI.schema, Literal(schema)


_SCHEMA = PREFIX + "SELECT ?g ?schema WHERE { GRAPH ?g { ?g kgi:schema ?schema } }"


def stored_schema(store) -> str | None:
    """The ``kgi:schema`` of the store's derived data (None: it has none)."""
    rows = store.query(_SCHEMA, {"g": INDEX_GRAPH}).rows
    return str(rows[0][1]) if rows else None


def has_deriver(store, name: str) -> bool:
    """Whether the deriver ``name`` (with its version) built the store's derived data,
    so that what it derives can be read as it is."""
    return store.exists() and name in (stored_schema(store) or "").split()


# -- removal, as SPARQL Update (one request: one transaction on Oxigraph) ------------------
# Per document, in order: the entries only its summary links, its summary, its graph.
# Later operations of a request see what earlier ones did, so an entry two dropped
# documents share goes with the second.
_DROP_DERIVED = """DELETE { GRAPH <%(index)s> { ?e ?p ?o } } WHERE {
  GRAPH <%(index)s> {
    <%(summary)s> <%(entry)s> ?e . ?e ?p ?o .
    FILTER NOT EXISTS { ?other <%(entry)s> ?e FILTER (?other != <%(summary)s>) }
  }
} ;
DELETE WHERE { GRAPH <%(index)s> { <%(summary)s> ?p ?o } }"""
_DROP_GRAPH = """ ;
DROP SILENT GRAPH <%(document)s>"""


def drop_documents_update(documents: Iterable[str], derived_only: bool = False) -> str:
    """One SPARQL Update that drops these document graphs (not with ``derived_only``),
    their summary nodes and the entries no other summary links, so that the derived
    data stays true in the same transaction. IRIs are checked (``check_iri``) before
    they go into the text."""
    template = _DROP_DERIVED if derived_only else _DROP_DERIVED + _DROP_GRAPH
    return " ;\n".join(
        template % {"index": INDEX_GRAPH, "entry": KGI.entry, "document": check_iri(d),
                    "summary": summary_iri(d)}
        for d in documents)


_SET_VALUES = """DELETE { GRAPH <%(index)s> { ?s ?p ?old } }
INSERT { GRAPH <%(index)s> { ?s ?p ?new } }
WHERE {
  VALUES (?s ?p ?new) { %(rows)s }
  GRAPH <%(index)s> { ?s <%(listing)s> ?listed }
  OPTIONAL { GRAPH <%(index)s> { ?s ?p ?old } }
}"""


def set_values_update(triples: Iterable[Triple]) -> str:
    """One SPARQL Update that gives each summary node these values, replacing the
    values it had for those predicates (one value per node and predicate): later
    facts about a document (``kg validate``'s stamp). A node whose document is gone
    meanwhile (no summary listing any more) gets nothing."""
    rows = " ".join(f"({sparql_term(s)} {sparql_term(p)} {sparql_term(o)})"
                    for s, p, o in triples)
    if not rows:
        return ""
    return _SET_VALUES % {"index": INDEX_GRAPH, "listing": KGI.listing, "rows": rows}
