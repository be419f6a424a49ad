"""The embedded default store: Oxigraph (RocksDB on disk) through pyoxigraph.

An on-disk store is not held open. Each operation takes the store's lock
(``kg.store.lock``: any number of readers or one writer, across processes), opens
RocksDB (read-only to read, read-write to write), works, closes it and lets the lock go.
So the app, ``kg serve`` and any number of ``kg`` commands can share one store, and a
writer waits for readers rather than failing. ``reading()`` / ``writing()`` hold the
store across several operations: one opening instead of one per operation.

Only writing creates a store: reading a path that holds none raises ``NoStoreError``.
``OxigraphStore(None)`` is an in-memory store, held for the object's life.
"""

from __future__ import annotations

import itertools
import threading
import time
import traceback
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Callable, Collection, Iterable, Iterator, Mapping

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Identifier

from kg.core.constants import DEFAULT_PREFIXES
from kg.core.errors import NoStoreError, QueryError, StoreError
from kg.store import lock
from kg.store.base import QueryResult, Store
from kg.store.safety import TimeLimitError, call_with_time_limit
from kg.store.derived import INDEX_GRAPH, drop_documents_update, set_values_update
from kg.store.oxigraph_answers import run_query, text_values
from kg.store.terms import from_ox, graph_quads, quad, to_ox
from kg.store.updates import requests

_FORMATS = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG,
            "turtle": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD}
_DATASET_FORMATS = {"nquads", "trig", "jsonld"}
# A store closed by another thread or process a moment ago may still be releasing
# RocksDB's own lock file: a writer retries opening for this long.
_REOPEN_SECONDS = 2.0
# RocksDB keeps its old info logs (LOG.old.*, ~140 kB each, one per read-write opening)
# up to a thousand of them; policykg opens often, so it keeps the newest few.
_KEEP_INFO_LOGS = 3
# Quads per transaction at most. A transaction holds ~1.5 kB per quad in memory until it
# commits (a 20 MB document's graph has 450k quads: 650 MB), so a larger graph is
# written in several, flushed to disk one by one, and its own node's triples (a
# document's ``a pkg:Document``) last: a graph cut short by a crash has no document
# node, so policykg does not count the document as stored and ingesting it again
# completes the graph. Ordinary documents (~26k quads per MB of text) take one.
CHUNK_QUADS = 50_000
# Documents dropped per SPARQL Update (one transaction): removing a graph costs about
# what writing it did, but a transaction of its own per document costs as much again.
DROP_BATCH = 50
_INDEX = ox.NamedNode(str(INDEX_GRAPH))
_UNION = ("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } "
          f"FILTER (?g != <{INDEX_GRAPH}>) }}")


class _Session:
    """An opened store and what still uses it."""

    def __init__(self, mode: lock.Mode, db: ox.Store) -> None:
        self.mode, self.db = mode, db
        self.running: list[threading.Event] = []  # queries past their time limit


class OxigraphStore(Store):
    backend = "oxigraph"

    def __init__(self, path: str | Path | None, *, read_only: bool = False,
                 on_wait: Callable[[str], None] = lock.tell_stderr) -> None:
        """The store at ``path`` (created by its first write); ``None`` keeps it in
        memory. ``read_only`` refuses writes; ``on_wait`` hears that a writer waits."""
        super().__init__(str(path) if path is not None else "memory")  # as --store names it
        self.path = Path(path).expanduser() if path is not None else None
        self.read_only = read_only
        self.on_wait = on_wait
        self._memory = _Session("write", ox.Store()) if path is None else None
        self._local = threading.local()  # this thread's open session, if any
        self._changes = 0

    @classmethod
    def over(cls, db: ox.Store, location: str) -> "OxigraphStore":
        """A store object over an opened pyoxigraph store (a copy made for one use,
        ``kg.archive.corrections.raw``), held open for the object's life."""
        store = cls(None)
        store.location = location
        store._memory = _Session("write", db)
        return store

    # -- sessions -------------------------------------------------------------------------
    def exists(self) -> bool:
        return self.path is None or (self.path / "CURRENT").is_file()

    def require_existing(self) -> None:
        if not self.exists():
            raise NoStoreError(self.path)

    def create(self) -> None:
        with self.writing():
            pass

    def holds_session(self) -> bool:
        return self._memory is None and getattr(self._local, "session", None) is not None

    def reading(self):
        return self._session("read")

    def writing(self):
        return self._session("write")

    @contextmanager
    def _session(self, mode: lock.Mode) -> Iterator[_Session]:
        current = self._memory or getattr(self._local, "session", None)
        if mode == "write" and self.read_only:
            raise StoreError(f"the store at {self.location} is open read-only")
        if current is not None:
            if mode == "write" and current.mode == "read":
                raise StoreError("cannot write to the store inside a read of it")
            yield current
            return
        if mode == "read":
            self.require_existing()
        else:
            self._make_directory()
        with lock.held(self.path, mode, on_wait=self.on_wait):
            session = _Session(mode, self._open(mode))
            self._local.session = session
            try:
                yield session
            except BaseException as exc:
                # a traceback keeps the frames that used the store: let them go, so
                # that RocksDB is closed before the lock is released
                traceback.clear_frames(exc.__traceback__)
                raise
            finally:
                self._local.session = None
                self._close(session)

    def _make_directory(self) -> None:
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:  # a file of that name, a folder we may not write in
            raise StoreError(f"cannot create the store at {self.location}: "
                             f"{exc.strerror or exc}") from exc

    def _open(self, mode: lock.Mode) -> ox.Store:
        deadline = time.monotonic() + _REOPEN_SECONDS
        while True:
            try:
                if mode == "read":
                    return ox.Store.read_only(str(self.path))
                return ox.Store(str(self.path))
            except OSError as exc:
                locked = "lock" in str(exc).lower()
                if locked and time.monotonic() < deadline:
                    time.sleep(0.05)
                    continue
                hint = (" (another program has it open: a policykg older than this one, "
                        "or a program of its own?)" if locked else "")
                raise StoreError(f"cannot open the store at {self.location}: {exc}{hint}"
                                 ) from exc

    def _close(self, session: _Session) -> None:
        for query in session.running:  # still reading: the lock waits for them
            query.wait()
        try:
            if session.mode == "write":
                session.db.flush()
        finally:
            session.db = None  # the last reference: RocksDB closes here
            if session.mode == "write":
                _prune_info_logs(self.path)

    def _changed(self) -> None:
        """After a write: a new version token (right after the commit, so even a writer
        that dies before closing leaves readers a token that says so)."""
        self._changes += 1
        if self.path is not None:
            lock.new_version(self.path)

    # -- the Store interface ----------------------------------------------------------------
    def add_graph(self, graph: Graph, derived: Iterable[tuple] = ()) -> None:
        """One transaction, all quads or none, for any graph up to ``CHUNK_QUADS``; a
        larger one (a document of megabytes) in several, see ``CHUNK_QUADS``. The
        document's derived data goes with its own node's triples, in the last one."""
        with self.writing() as s:
            written = existed = False
            try:
                g = ox.NamedNode(str(graph.identifier))
                existed = s.db.contains_named_graph(g)
                body, last = graph_quads(graph, g)
                last += [quad(t, _INDEX) for t in derived]
                for chunk in _chunks(body, CHUNK_QUADS):
                    if len(chunk) < CHUNK_QUADS and len(chunk) + len(last) <= CHUNK_QUADS:
                        last = chunk + last  # the whole rest: one transaction with it
                        break
                    s.db.extend(chunk)
                    s.db.flush()  # the transaction's memory goes to disk now
                    written = True
                s.db.extend(last)
                written = True
            except (ValueError, OSError) as exc:  # an invalid IRI or literal; disk
                if written and not existed:
                    s.db.remove_graph(g)  # none of it, as for a smaller graph
                what = "store graph" if isinstance(exc, ValueError) else "write to the store"
                raise StoreError(f"cannot {what} {graph.identifier}: {exc}") from exc
            finally:
                if written:
                    self._changed()

    def drop_graphs(self, iris: Collection[str], derived_only: bool = False) -> None:
        """``DROP_BATCH`` documents per SPARQL Update: each its own graph, summary and
        orphaned entries (``kg.store.derived``), one transaction per batch."""
        iris = list(iris)
        with self.writing() as s:
            for start in range(0, len(iris), DROP_BATCH):
                try:
                    s.db.update(drop_documents_update(iris[start:start + DROP_BATCH],
                                                        derived_only))
                except (SyntaxError, OSError, QueryError) as exc:
                    raise StoreError(f"cannot drop graphs from the store at "
                                     f"{self.location}: {exc}") from exc
                finally:
                    self._changed()

    def add_derived(self, triples: Iterable[tuple]) -> None:
        with self.writing() as s:
            try:
                for chunk in _chunks((quad(t, _INDEX) for t in triples), CHUNK_QUADS):
                    s.db.extend(chunk)
                    self._changed()
            except (ValueError, OSError) as exc:
                raise StoreError(f"cannot write derived data: {exc}") from exc

    def graph_triples(self, iri: str, patterns: Iterable[tuple]) -> Iterator[tuple]:
        """Index lookups, without SPARQL: a few per document when derived data is
        derived from stored graphs (kg load), so what each costs counts."""
        g = ox.NamedNode(iri)
        with self.reading() as s:
            for p, o in patterns:
                for q in s.db.quads_for_pattern(None, to_ox(p), None if o is None else to_ox(o),
                                                g):
                    yield from_ox(q.subject), p, o if o is not None else from_ox(q.object)

    def set_derived(self, triples: Iterable[tuple]) -> None:
        text = set_values_update(triples)
        if text:
            with self.writing() as s:
                try:
                    s.db.update(text)
                except (SyntaxError, OSError) as exc:
                    raise StoreError(f"cannot write derived data: {exc}") from exc
                finally:
                    self._changed()

    def clear_derived(self) -> None:
        with self.writing() as s:
            if s.db.contains_named_graph(_INDEX):
                s.db.remove_graph(_INDEX)
                self._changed()

    def change_graphs(self, changes) -> None:
        """One SPARQL Update, which Oxigraph applies as one transaction."""
        texts = list(requests(c for c in changes if c))
        if not texts:
            return
        with self.writing() as s:
            try:
                for text in texts:  # one, unless the change is megabytes of text
                    s.db.update(text)
            except (SyntaxError, OSError) as exc:
                raise StoreError(f"cannot change graphs in the store at {self.location}: "
                                 f"{exc}") from exc
            finally:
                self._changed()

    def read_graph(self, iri: str) -> set[tuple]:
        with self.reading() as s:
            return {(from_ox(q.subject), from_ox(q.predicate), from_ox(q.object))
                    for q in s.db.quads_for_pattern(None, None, None, ox.NamedNode(iri))}

    def query(self, sparql: str, bindings: Mapping[str, Identifier] | None = None,
              *, timeout: float | None = None, max_rows: int | None = None) -> QueryResult:
        subs = {ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()}
        # pyoxigraph has no time limit of its own and releases the GIL while it works:
        # the query runs in a worker thread that we stop waiting for (kg.store.safety). That
        # thread may outlive the limit, and it must hold the store until it ends.
        if timeout and self._memory is None and getattr(self._local, "session", None) is None:
            return self._query_in_own_session(sparql, subs, max_rows, timeout)
        with self.reading() as s:
            done = threading.Event()
            if timeout:
                s.running.append(done)

            def run(cancel: threading.Event) -> QueryResult:
                try:
                    return run_query(s.db, sparql, subs, max_rows, cancel)
                finally:
                    done.set()

            return call_with_time_limit(run, timeout)

    def query_values(self, sparql: str, bindings: Mapping[str, Identifier] | None = None
                     ) -> list[tuple[str | None, ...]]:
        """pyoxigraph's own terms, read as text: an rdflib term per value costs ~10x
        what the query does (0.1 CPU-s for 10,000 rows, 1 s with the terms)."""
        subs = {ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()}
        with self.reading() as s:
            return text_values(s.db, sparql, subs)

    def _query_in_own_session(self, sparql: str, subs: dict, max_rows: int | None,
                              timeout: float) -> QueryResult:
        """The whole session (lock, open, query, close) in the worker thread: a lock is
        released by the thread that took it."""
        self.require_existing()
        started = threading.Event()

        def run(cancel: threading.Event) -> QueryResult:
            with self.reading() as s:
                started.set()
                if cancel.is_set():  # the caller gave up while the store was locked
                    raise QueryError("query cancelled at its time limit")
                return run_query(s.db, sparql, subs, max_rows, cancel)

        try:
            return call_with_time_limit(run, timeout)
        except TimeLimitError:
            if started.is_set():
                raise
            raise StoreError(f"the store at {self.location} stayed locked by "
                             f"{lock.holder_of(self.path)} for the query's whole time "
                             f"limit ({timeout:g} s)") from None

    def load(self, path: Path, fmt: str, graphs: Collection[str] | None = None,
             quads: Iterable[ox.Quad] | None = None) -> None:
        # bulk_load skips the per-quad transaction: ~2x faster, but a crash can leave
        # part of the dump loaded; loading the same dump again completes it (quads are
        # a set, so nothing is doubled; blank nodes would be, but policykg's graphs
        # have none: every node has an IRI).
        with self.writing() as s:
            try:
                if graphs is None and quads is None:
                    s.db.bulk_load(path=str(path), format=_FORMATS[fmt])
                else:
                    quads = quads or ox.parse(path=str(path), format=_FORMATS[fmt])
                    s.db.bulk_extend(q for q in quads
                                     if graphs is None or q.graph_name.value in graphs)
            except (OSError, SyntaxError) as exc:
                raise StoreError(f"cannot load {path} into the store at {self.location}: "
                                 f"{exc}") from exc
            finally:
                self._changed()  # even a failed bulk load may have written part of it

    def dump(self, out: BinaryIO, fmt: str) -> None:
        with self.reading() as s:
            if fmt in _DATASET_FORMATS and not s.db.contains_named_graph(_INDEX):
                s.db.dump(out, format=_FORMATS[fmt])
                return
            if fmt in _DATASET_FORMATS:  # the documents, not what is derived from them
                ox.serialize((q for g in s.db.named_graphs() if g != _INDEX
                              for q in s.db.quads_for_pattern(None, None, None, g)),
                             out, format=_FORMATS[fmt])
                return
            # Turtle has no graphs: write the union of all graphs, each triple once.
            triples = s.db.query(_UNION)
            ox.serialize(triples, out, format=_FORMATS[fmt], prefixes=DEFAULT_PREFIXES)
            del triples

    def __len__(self) -> int:
        with self.reading() as s:
            return len(s.db)

    def version(self) -> str:
        """Changes with every write: for a store on disk, whoever wrote it (no opening);
        in memory, this object's own writes."""
        return str(self._changes) if self.path is None else lock.version(self.path)

    def close(self) -> None:
        """Nothing to release: a store on disk is held only during each operation."""


def _chunks(items: Iterator, size: int) -> Iterator[list]:
    while chunk := list(itertools.islice(items, size)):
        yield chunk


def _prune_info_logs(path: Path) -> None:
    old = sorted(path.glob("LOG.old.*"), key=lambda p: (len(p.name), p.name))
    for info_log in old[:-_KEEP_INFO_LOGS]:
        info_log.unlink(missing_ok=True)
