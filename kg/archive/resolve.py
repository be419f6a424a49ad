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

Candidates are nodes: a stored person or organization is known by the name its IRI was
minted from, and the shorter forms documents gave it are its aliases (as they are for the
documents of one run, ``kg.processing.linking``). So the outcome does not depend on how
an ingest was split into runs.

Cost: ``StoreIndex`` reads, for each document, only the stored names that could match
its mentions, from the names index the write path keeps (``kg.archive.names``): one
bounded lookup per key (a surname, a name's slug, an acronym) and one per node found,
the key bound, never formatted into the query. So resolving a document costs the same in
a store of ten documents or fifty thousand, whatever it names (the United States, the UN
included).
"""

from __future__ import annotations

from collections import defaultdict

from rdflib import Graph

from kg.archive import names
from kg.core.names import name_tokens, slug
from kg.core.records import DocumentRecords
from kg.processing.linking import NameIndex, acronym_letters, looks_like_acronym
from kg.store.base import Store


class StoreIndex(NameIndex):
    """The stored names a document's mentions could match, for resolving it."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self._read: set[tuple[str, str]] = set()  # (lookup, key) read since the last write
        self._nodes: set[str] = set()  # nodes whose names are in the index
        # names of documents resolved here but not stored (kg extract), found as the
        # store would find them: (lookup, key) -> [(node, name, role)]
        self._extracted: dict[tuple[str, str], list] = defaultdict(list)

    # -- keeping the index in step with the store ---------------------------------------
    def invalidate(self) -> None:
        """Forget what was read: the store changed (a write, a removal, another process)."""
        NameIndex.__init__(self)
        self._read.clear()
        self._nodes.clear()

    def note_written(self, records: DocumentRecords) -> None:
        """A document was written: the store answers with its names from now on."""
        self.invalidate()

    def note_extracted(self, graph: Graph) -> None:
        """A document resolved but not stored (``kg extract``): the next ones are
        resolved against its names too, as an ingest would resolve them."""
        from kg.archive.derived import facts_of_graph

        for lookup, key, name in names.entries_of(names.name_entries(facts_of_graph(graph))):
            self._extracted[lookup, key].append(name)
        self.invalidate()

    # -- reading what a document needs ---------------------------------------------------
    def resolve(self, records: DocumentRecords) -> DocumentRecords:
        with self.store.reading():  # one opening for all of the document's lookups
            for p in records.persons:
                tokens = name_tokens(p.name)
                if tokens:
                    self._need(names.PERSON_LABELS, tokens[-1])
            for o in records.organizations:
                self._need(names.ORGANIZATION_LABELS, slug(o.name))
                self._need(names.ORGANIZATION_ALIASES, slug(o.name))
                if looks_like_acronym(o.name):
                    self._need(names.ORGANIZATION_ACRONYMS, acronym_letters(o.name))
        return super().resolve(records)

    def _fetch(self, lookup: str, key: str) -> list[names.Name]:
        return [*names.lookup(self.store, lookup, key), *self._extracted.get((lookup, key), ())]

    def _need(self, lookup: str, key: str) -> None:
        """Put every node with a name under ``key`` into the index (once until the store
        changes): all that ``NameIndex`` reads for that key."""
        if (lookup, key) in self._read:
            return
        self._read.add((lookup, key))
        found: dict[str, list[str]] = defaultdict(list)  # node -> its names found
        for node, name, _ in self._fetch(lookup, key):
            found[node].append(name)
        for node, some in found.items():
            self._add_node(node, some if lookup == names.PERSON_LABELS else None)

    def _add_node(self, node: str, labels: list[str] | None) -> None:
        """Add one stored node under the name its IRI was minted from; its other names
        (a shorter form a document gave it) count as its aliases, never as nodes of
        their own: candidates are nodes, so "Antony Blinken" and "Antony J. Blinken" on
        one IRI do not make "Blinken" ambiguous, and the outcome does not depend on
        whether the document that gave the short form was written in this run.

        A person's ``labels`` under the surname looked up are all its names that
        matter when its own is among them (shorter forms keep the surname): no more
        reads for a surname many stored persons share."""
        if node in self._nodes:
            return
        own_slug = node.rsplit("/", 1)[-1]
        if labels is None or not any(slug(label) == own_slug for label in labels):
            found = self._fetch(names.NODE_NAMES, node)
            labels = [name for _, name, role in found if role != "alias"]
            aliases = sorted({name for _, name, role in found if role == "alias"})
            person = any(role == "person" for _, _, role in found)
        else:
            aliases, person = [], True
        self._nodes.add(node)
        labels = sorted(set(labels))
        own = sorted((label for label in labels if slug(label) == own_slug),
                     key=lambda label: (label.isupper(), label))  # as NameIndex prefers
        for name in own[:1] or labels:  # no label of its own left: each label, as before
            if person:
                self.add_person(name)
            else:
                self.add_organization(name, aliases + [n for n in labels if n not in own])


def resolve_against_store(records: DocumentRecords, store: Store,
                          index: StoreIndex | None = None) -> DocumentRecords:
    """``records`` with persons and organizations linked to the stored ones (see module)."""
    return (index or StoreIndex(store)).resolve(records)
