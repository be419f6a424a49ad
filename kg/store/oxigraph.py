"""The embedded default store: Oxigraph (RocksDB on disk) through pyoxigraph."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import BinaryIO, Collection, Mapping

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Identifier

from kg.errors import QueryError, StoreError
from kg.safety import call_with_time_limit
from kg.store.base import DEFAULT_PREFIXES, QueryResult, Store
from kg.store.terms import from_ox, to_ox

_FORMATS = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG,
            "turtle": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD}
_DATASET_FORMATS = {"nquads", "trig", "jsonld"}


class OxigraphStore(Store):
    backend = "oxigraph"

    def __init__(self, path: str | Path | None, *, read_only: bool = False) -> None:
        """Open (creating if needed) the store at ``path``; ``None`` keeps it in memory."""
        super().__init__(str(path) if path is not None else "memory")  # as --store names it
        try:
            if path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(path))
            else:
                Path(path).mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(path))
        except OSError as exc:
            hint = (" (store in use: is another kg process or the app using it?)"
                    if "lock" in str(exc).lower() else "")
            raise StoreError(f"cannot open the store at {path}: {exc}{hint}") from exc
        self._changes = 0

    def add_graph(self, graph: Graph) -> None:
        g = ox.NamedNode(str(graph.identifier))
        try:
            quads = [ox.Quad(to_ox(s), to_ox(p), to_ox(o), g) for s, p, o in graph]
        except ValueError as exc:  # pyoxigraph refuses an invalid IRI or literal
            raise StoreError(f"cannot store graph {graph.identifier}: {exc}") from exc
        try:
            self._store.extend(quads)  # one transaction: all quads or none
        except OSError as exc:
            raise StoreError(f"cannot write to the store at {self.location}: {exc}") from exc
        self._changes += 1

    def drop_graph(self, iri: str) -> None:
        node = ox.NamedNode(iri)
        if self._store.contains_named_graph(node):
            self._store.remove_graph(node)
        self._changes += 1

    def query(self, sparql: str, bindings: Mapping[str, Identifier] | None = None,
              *, timeout: float | None = None, max_rows: int | None = None) -> QueryResult:
        subs = {ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()}
        # pyoxigraph has no time limit of its own and releases the GIL while it works:
        # the query runs in a worker thread that we stop waiting for (kg.safety).
        return call_with_time_limit(
            lambda cancel: self._query(sparql, subs, max_rows, cancel), timeout)

    def _query(self, sparql: str, subs: dict, max_rows: int | None,
               cancel: threading.Event) -> QueryResult:
        try:
            answer = self._store.query(sparql, use_default_graph_as_union=True,
                                       prefixes=DEFAULT_PREFIXES, substitutions=subs or None)
            return _result(answer, max_rows, cancel)
        except SyntaxError as exc:
            raise QueryError(f"malformed query: {exc}") from exc
        except (OSError, RuntimeError) as exc:  # also while streaming (a SERVICE call...)
            raise QueryError(f"query failed: {exc}") from exc

    def load(self, path: Path, fmt: str, graphs: Collection[str] | None = None) -> None:
        # bulk_load skips the per-quad transaction: ~2x faster, but a crash can leave
        # part of the dump loaded; loading the same dump again completes it (quads are
        # a set, so nothing is doubled; blank nodes would be, but policykg's graphs
        # have none: every node has an IRI).
        try:
            if graphs is None:
                self._store.bulk_load(path=str(path), format=_FORMATS[fmt])
            else:
                self._store.bulk_extend(
                    q for q in ox.parse(path=str(path), format=_FORMATS[fmt])
                    if q.graph_name.value in graphs)
        except (OSError, SyntaxError) as exc:
            raise StoreError(f"cannot load {path} into the store at {self.location}: "
                             f"{exc}") from exc
        self._changes += 1

    def dump(self, out: BinaryIO, fmt: str) -> None:
        if fmt in _DATASET_FORMATS:
            self._store.dump(out, format=_FORMATS[fmt])
            return
        # Turtle has no graphs: write the union of all graphs, each triple once.
        triples = self._store.query(
            "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
        ox.serialize(triples, out, format=_FORMATS[fmt],
                     prefixes=DEFAULT_PREFIXES)

    def __len__(self) -> int:
        return len(self._store)

    def version(self) -> str:
        return f"{len(self._store)}:{self._changes}"

    def close(self) -> None:
        # pyoxigraph has no close(); flushing and dropping the reference releases the lock.
        if getattr(self, "_store", None) is not None:
            try:
                self._store.flush()
            except (OSError, RuntimeError):  # RuntimeError: read-only stores cannot flush
                pass
            self._store = None


def _result(answer, max_rows: int | None, cancel: threading.Event) -> QueryResult:
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        columns = [v.value for v in answer.variables]
        rows, truncated = _take(answer, max_rows, cancel,
                                lambda sol: tuple(from_ox(sol[c]) for c in columns))
        return QueryResult("select", columns=columns, rows=rows, truncated=truncated)
    triples, truncated = _take(answer, max_rows, cancel,
                               lambda t: (from_ox(t.subject), from_ox(t.predicate),
                                          from_ox(t.object)))
    return QueryResult("graph", columns=["subject", "predicate", "object"],
                       triples=triples, truncated=truncated)


def _take(items, max_rows, cancel: threading.Event, convert):
    """Convert at most ``max_rows`` items; give up once the caller stopped waiting."""
    out = []
    for item in items:
        if max_rows is not None and len(out) >= max_rows:
            return out, True
        if cancel.is_set():  # past the time limit: nobody reads the rest
            raise QueryError("query cancelled at its time limit")
        out.append(convert(item))
    return out, False
