"""What every store backend provides. Lifecycle logic (re-ingest, removal) lives in
``kg.archive.ingest`` on top of this interface, so it is the same for every backend."""

from __future__ import annotations

from abc import ABC, abstractmethod
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Collection, Iterator, Literal, Mapping, Sequence

from rdflib import Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Identifier

if TYPE_CHECKING:
    from kg.store.updates import GraphChange

EXPORT_FORMATS = ("nquads", "trig", "turtle", "jsonld")
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
    def add_graph(self, graph: Graph) -> None:
        """Add the triples of ``graph`` to the named graph ``graph.identifier`` atomically:
        all of them or, on any failure, none."""

    @abstractmethod
    def drop_graph(self, iri: str) -> None:
        """Remove a named graph and all its triples."""

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
        """Run a read-only query with the union of all graphs as the default graph and
        DEFAULT_PREFIXES declared. ``bindings`` substitute variables (never formatted into
        the text); a bound variable must be projected by a SELECT."""

    @abstractmethod
    def dump(self, out: BinaryIO, fmt: str) -> None:
        """Write the whole store to ``out`` in one of EXPORT_FORMATS."""

    def load(self, path: Path, fmt: str, graphs: Collection[str] | None = None) -> None:
        """Add the named graphs of a checked dump (``kg.archive.load``; "nquads" or "trig"): all
        of them, or those whose IRIs ``graphs`` lists. This default adds graph by graph,
        each atomically; backends override it with their bulk loader."""
        from rdflib import Dataset

        ds = Dataset()
        ds.parse(str(path), format=fmt)
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
