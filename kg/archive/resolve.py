"""Linking a new document's entities to those already in the store.

Each document's graph is built on its own, so without this step "Blinken" in one report
and "Antony Blinken" in another would be two nodes. Before a document is written its
records are keyed (``Person.key``, ``Organization.key``: the name the IRI is minted from)
by the rule of ``kg.processing.linking``, with the names of the stored persons and
organizations (labels and ``pkg:alias``) as the known names: a person named by a shorter
form of exactly one stored person's name gets that person's IRI; an organization named by
a stored organization's alias or acronym gets that organization's IRI.

Labels do not change: each graph labels the node with the fullest name *its* document
gives (the contract's rdfs:label). Offices, parties and evidence stay with the document,
so the same person with a new office ends up with both offices, each stated in its own
graph.

Cost: ``StoreIndex`` reads all stored person and organization names with two queries the
first time it is needed and then follows this process's own writes (``note_written``)
instead of asking again, so an ingest of N documents costs two queries, not 2N, and no
query depends on a document's names (no per-surname round trips, nothing formatted into
the query text). When another process has written the store since (its version changed),
``kg.archive.ingest`` invalidates the index and it is read again.
"""

from __future__ import annotations

from kg.core.records import DocumentRecords
from kg.processing.linking import NameIndex
from kg.store.base import Store

_PERSON_NAMES = """
SELECT DISTINCT ?label WHERE { ?p a pkg:Person ; rdfs:label ?label }
"""
_ORGANIZATION_NAMES = """
SELECT DISTINCT ?label ?alias WHERE {
  ?o a pkg:Organization ; rdfs:label ?label .
  OPTIONAL { ?o pkg:alias ?alias }
}"""


class StoreIndex(NameIndex):
    """Names of the persons and organizations in a store, for resolving new documents."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self._loaded = False

    # -- keeping the index in step with the store ---------------------------------------
    def invalidate(self) -> None:
        """Forget everything (after a removal): the next resolve reads the store again."""
        self.__init__(self.store)

    def note_written(self, records: DocumentRecords) -> None:
        """Account for a document this process has just written."""
        if self._loaded:  # else it will be read from the store with the rest
            super().note_written(records)

    def _load(self) -> None:
        if self._loaded:
            return
        for (label,) in self.store.query(_PERSON_NAMES).rows:
            self.add_person(str(label))
        for label, alias in self.store.query(_ORGANIZATION_NAMES).rows:
            self.add_organization(str(label), [str(alias)] if alias is not None else [])
        self._loaded = True

    # -- lookups -------------------------------------------------------------------------
    def person_name(self, name: str) -> str | None:
        self._load()
        return super().person_name(name)

    def organization_name(self, name: str) -> str | None:
        self._load()
        return super().organization_name(name)


def resolve_against_store(records: DocumentRecords, store: Store,
                          index: StoreIndex | None = None) -> DocumentRecords:
    """``records`` with persons and organizations linked to the stored ones (see module)."""
    return (index or StoreIndex(store)).resolve(records)
