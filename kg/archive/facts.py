"""What derivers (``kg.archive.derived``) read of one document graph: the types of its
nodes and the values of a few predicates. Below the derivers (``kg.archive.catalog``,
``.names``, ``.lifecycle``) and the code that runs them, so that any of them can make
it from triples: ``kg.archive.derived`` from a graph or the store, the catalog from the
analysts' added graph."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from rdflib import URIRef
from rdflib.namespace import RDF


@dataclass
class DocumentFacts:
    """What derivers read of one document graph."""

    document: URIRef
    size: int = 0  # triples in the graph
    typed: dict[URIRef, set] = field(default_factory=lambda: defaultdict(set))  # class -> nodes
    values: dict[URIRef, list] = field(default_factory=lambda: defaultdict(list))  # p -> (s, o)

    def add(self, s, p, o) -> None:
        if p == RDF.type:
            self.typed[o].add(s)
        else:
            self.values[p].append((s, o))

    def own(self, predicate: URIRef):
        """The document node's value for ``predicate``, or None."""
        return next((o for s, o in self.values.get(predicate, ()) if s == self.document),
                    None)


def facts_of_triples(document: str, triples: Iterable[tuple]) -> DocumentFacts:
    """The facts of a graph given as its triples (every one: a small graph)."""
    facts = DocumentFacts(URIRef(document))
    for s, p, o in triples:
        facts.add(s, p, o)
        facts.size += 1
    return facts
