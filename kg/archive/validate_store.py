"""Validating a store document by document, and only what changed since the last time.

A store of 10,000 documents does not fit in memory as one rdflib Dataset (11.6 GB), and
pySHACL takes ~0.1 s per document: so each document graph is read on its own, validated
(``kg.archive.validate.validate_graph``) and let go, and each document's outcome is stamped on
its summary node in the derived data (``kgi:validated``: a digest of the shapes;
``kgi:violations``: how many). The two graphs of analysts' corrections, small, are
validated every time. A document written since (new, replaced, corrected) has
no stamp, so by default only those are validated; ``everything`` validates them all.
Stamps are written every ``BATCH`` documents, each batch read in one reading session,
so that other processes can write between batches and an interrupted validation keeps
what it did.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

from rdflib import Graph, Literal, URIRef

from kg.store.base import Store
from kg.store.derived import INDEX_GRAPH, PREFIX, summary_iri
from kg.rdf.iris import ADDED_GRAPH, CORRECTIONS_GRAPH
from kg.rdf.namespace import KGI

BATCH = 50  # documents per reading session (~5 s of pySHACL) and per stamp write

_GRAPH = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
_ANY = "ASK { GRAPH ?g { ?s ?p ?o } }"
_STAMPS = PREFIX + f"""
SELECT ?summary ?shapes ?violations WHERE {{ GRAPH <{INDEX_GRAPH}> {{
  ?summary kgi:validated ?shapes ; kgi:violations ?violations }} }}"""


@dataclass
class StoreValidation:
    """What ``validate_store`` did: the report of the documents it validated, and how
    many it left alone (validated before, unchanged since) and how many of those did
    not conform then."""

    report: object  # kg.archive.validate.ValidationReport
    skipped: int = 0
    skipped_failing: list[str] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        return self.report.conforms and not self.skipped_failing


@lru_cache(maxsize=1)
def shapes_digest() -> str:
    """What a stamp records: the shapes a graph was validated against."""
    from kg.archive.validate import ontology_path

    return hashlib.sha256(ontology_path("shapes.ttl").read_bytes()).hexdigest()[:16]


def validate_store(store: Store, *, everything: bool = False,
                   on_progress: Callable[[int, int], None] | None = None,
                   ) -> StoreValidation:
    """Validate the store's documents one by one: those not validated against the
    current shapes since they were written, or with ``everything`` all of them."""
    from kg.archive.derived import ensure_derived
    from kg.archive.lifecycle import list_documents
    from kg.archive.validate import ValidationReport

    with store.writing():
        ensure_derived(store)  # stamps live on summaries: a store without them gets them
        documents = [d.iri for d in list_documents(store)]
        stamps = {} if everything else _stamps(store)
    todo = [d for d in documents if d not in stamps]
    if on_progress:
        on_progress(0, len(todo))
    out = StoreValidation(ValidationReport(conforms=True), skipped=len(stamps))
    out.skipped_failing = sorted(d for d, n in stamps.items() if n)
    for start in range(0, len(todo), BATCH):
        batch = todo[start:start + BATCH]
        with store.reading():
            reports = [_validate(store, iri) for iri in batch]
        store.set_derived(t for iri, r in zip(batch, reports) for t in _stamp(iri, r))
        for r in reports:
            out.report = out.report.merge(r)
        if on_progress:
            on_progress(start + len(batch), len(todo))
    with store.reading():  # the corrections' graphs, small, every time: they have no stamp
        for iri in (CORRECTIONS_GRAPH, ADDED_GRAPH):
            if store.query(_ANY, {"g": iri}).boolean:
                out.report = out.report.merge(_validate(store, str(iri)))
    return out


def _stamps(store: Store) -> dict[str, int]:
    """Document IRI -> violations, for documents validated against the current shapes."""
    from kg.store.derived import document_of

    return {str(document_of(summary)): int(n)
            for summary, shapes, n in store.query(_STAMPS).rows
            if str(shapes) == shapes_digest()}


def _validate(store: Store, iri: str):
    from kg.archive.validate import validate_graph

    graph = Graph(identifier=URIRef(iri))
    for _, s, p, o in store.query(_GRAPH, {"g": URIRef(iri)}).rows:
        graph.add((s, p, o))
    return validate_graph(graph, graph_name=iri)


def _stamp(iri: str, report) -> list[tuple]:
    summary = summary_iri(iri)
    return [(summary, KGI.validated, Literal(shapes_digest())),
            (summary, KGI.violations, Literal(len(report.errors)))]
