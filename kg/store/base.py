"""What every store backend provides. Lifecycle logic (re-ingest, removal) lives in
``kg.archive.ingest`` on top of this interface, so it is the same for every backend."""

from __future__ import annotations

from abc import ABC, abstractmethod
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import (TYPE_CHECKING, BinaryIO, Collection, Iterable, Iterator, Literal, Mapping,
                    Sequence)

from rdflib import Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Identifier

if TYPE_CHECKING:
    from kg.store.updates import GraphChange

EXPORT_FORMATS = ("nquads", "trig", "turtle", "jsonld")
_GRAPH_TRIPLES = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
_READ_GRAPH = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


@dataclass
class QueryResult:
    """A SPARQL result: rows for SELECT, a boolean for ASK, triples for CONSTRUCT/DESCRIBE."""

    kind: Literal["select", "ask", "graph"]
    columns: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)  # rdflib terms, None where unbound
    boolean: bool | None = None
    triples: list[tuple] = field(default_factory=list)
    truncated: bool = False  # more rows existed than the row limit let through


class Store(ABC):
    """An RDF dataset with one named graph per document."""

    backend: str = "abstract"

    def __init__(self, location: str) -> None:
        self.location = location

    @abstractmethod
    def add_graph(self, graph: Graph, derived: Iterable[tuple] = ()) -> None:
        """Add the triples of ``graph`` to the named graph ``graph.identifier`` atomically:
        all of them or, on any failure, none. ``derived`` triples (the document's derived
        data, ``kg.store.derived``) go into the index graph in the same transaction."""

    def drop_graph(self, iri: str) -> None:
        """Remove a named graph and all its triples, with its derived data."""
        self.drop_graphs([iri])

    @abstractmethod
    def drop_graphs(self, iris: Collection[str], derived_only: bool = False) -> None:
        """Remove document graphs with their derived data (``kg.store.derived``), each
        document in one transaction with its derived data, many per request; with
        ``derived_only``, their derived data alone."""

    @abstractmethod
    def add_derived(self, triples: Iterable[tuple]) -> None:
        """Add triples to the index graph (derived data of documents already stored)."""

    @abstractmethod
    def set_derived(self, triples: Iterable[tuple]) -> None:
        """Give summary nodes these values, replacing what they had for the same
        predicates (``kg.store.derived.set_values_update``)."""

    @abstractmethod
    def clear_derived(self) -> None:
        """Remove all derived data (before it is derived again)."""

    @abstractmethod
    def change_graphs(self, changes: Sequence[GraphChange]) -> None:
        """Remove and add triples in several named graphs, as one transaction where the
        backend allows (the embedded store; one update request on a server)."""

    def read_graph(self, iri: str) -> set[tuple]:
        """The triples of one named graph."""
        result = self.query(_READ_GRAPH, {"g": URIRef(iri)})
        return set(result.triples)

    @abstractmethod
    def query(self, sparql: str, bindings: Mapping[str, Identifier] | None = None,
              *, timeout: float | None = None, max_rows: int | None = None) -> QueryResult:
        """Run a read-only query with the union of all graphs as the default graph (unless
        it names its own with FROM / FROM NAMED) and DEFAULT_PREFIXES declared.
        ``bindings`` substitute variables (never formatted into the text); a bound
        variable must be projected by a SELECT."""

    def query_values(self, sparql: str, bindings: Mapping[str, Identifier] | None = None
                     ) -> list[tuple[str | None, ...]]:
        """A SELECT's rows as the lexical values of its terms (an IRI's text, a literal's
        lexical form; None where unbound): for readers of many rows that want plain
        strings, without making an rdflib term of each (``kg.archive.catalog``).
        Backends override it to skip the terms altogether."""
        return [tuple(None if term is None else str(term) for term in row)
                for row in self.query(sparql, bindings).rows]

    def graph_triples(self, iri: str, patterns: Iterable[tuple]) -> Iterator[tuple]:
        """The triples of the named graph ``iri`` that match any of ``patterns``
        (``(predicate, object or None)``): one query for all of them, the patterns as a
        table of values (a query each cost a SPARQL server's client 0.13 CPU-s a
        document in ``kg reindex``)."""
        table = [{"p": p, "o": o} for p, o in patterns]
        if not table:
            return
        for _, s, p, value in self.query_table(_GRAPH_TRIPLES, table,
                                               {"g": URIRef(iri)}).rows:
            yield s, p, value

    def query_table(self, sparql: str, rows: list[Mapping[str, Identifier | None]],
                    bindings: Mapping[str, Identifier] | None = None, **options
                    ) -> QueryResult:
        """``query`` starting from a table of values: ``rows`` (variable -> term) open
        its WHERE group as a VALUES block, each term validated and written as bindings
        are for a SPARQL server (kg.store.bindings). One query about fifty given facts, rather
        than fifty queries or one over the whole store."""
        from kg.store.bindings import inject_table

        return self.query(inject_table(sparql, rows), bindings, **options)

    @abstractmethod
    def dump(self, out: BinaryIO, fmt: str) -> None:
        """Write every document graph to ``out`` in one of EXPORT_FORMATS (derived data,
        which ``kg load`` derives again, is left out)."""

    def load(self, path: Path, fmt: str, graphs: Collection[str] | None = None,
             quads: Iterable | None = None) -> None:
        """Add the named graphs of a checked dump (``kg.archive.load``; "nquads" or "trig"): all
        of them, or those whose IRIs ``graphs`` lists. This default adds graph by graph,
        each atomically; backends override it with their bulk loader."""
        from rdflib import Dataset

        ds = Dataset()
        if quads is None:
            ds.parse(str(path), format=fmt)
        else:
            from kg.store.terms import from_ox

            for q in quads:
                ds.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object),
                        from_ox(q.graph_name)))
        for graph in ds.graphs():
            if graph.identifier == DATASET_DEFAULT_GRAPH_ID or not len(graph):
                continue
            if graphs is None or str(graph.identifier) in graphs:
                self.add_graph(graph)

    @abstractmethod
    def __len__(self) -> int:
        """Number of quads."""

    def version(self) -> str:
        """A token that changes whenever the store changes (for caches)."""
        return str(len(self))

    # Sessions. A backend that must be opened and locked (the embedded store) does so
    # for each operation; these hold it across several, and are no-ops elsewhere.
    @contextmanager
    def reading(self) -> Iterator[object]:
        """Hold the store for a group of reads (one opening, one consistent view)."""
        yield self

    @contextmanager
    def writing(self) -> Iterator[object]:
        """Hold the store for a group of reads and writes; other writers wait."""
        yield self

    def holds_session(self) -> bool:
        """Whether this thread is inside ``reading()`` or ``writing()`` of this store."""
        return False

    def exists(self) -> bool:
        """Whether there is a store here (a server always has one)."""
        return True

    def require_existing(self) -> None:
        """Raise ``NoStoreError`` unless ``exists()``: for commands that only read."""

    def create(self) -> None:
        """Create the store if there is none (for commands that write)."""

    def close(self) -> None:
        """Release the store (locks, connections)."""

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
