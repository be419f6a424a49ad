"""Documents in, named graphs out: the main job, as plain functions the CLI and app call.

Document identity is the SHA-256 of the file's bytes: a file already in the store is
skipped, a changed file (same path, new bytes) replaces its old graph, and each
document's graph is written in one transaction, so a crash loses at most the documents
not yet written and never touches what was stored before.

Other processes may use the store meanwhile (the app, ``kg query``, another ``kg
ingest``): extraction holds nothing, and the extracted documents are written in groups,
each in one writing session of the store (see ``WRITE_EVERY``). Each session first sees
what others wrote since the last: a document stored meanwhile is not written twice, and
names are resolved against the store as it is then.
"""

from __future__ import annotations

import dataclasses
import logging
import queue
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Literal, Mapping

from rdflib import Graph, Literal as RdfLiteral, URIRef

from kg.archive.derived import derived_triples, ensure_derived, require_derived
from kg.archive.corrections.apply import curate_document
from kg.archive.corrections.curate import Rules
from kg.archive.corrections.records import read_corrections
from kg.archive.resolve import StoreIndex, resolve_against_store
from kg.core.errors import InputError, KgError
from kg.core.records import DocumentRecords
from kg.nlp import DEFAULT_MODEL, load_pipeline
from kg.processing.process import extract_many, sha256_of
from kg.rdf import iris
from kg.rdf.build import document_graph
from kg.reading.files import iter_documents, read_bytes
from kg.store.base import Store
from kg.store.derived import INDEX_GRAPH, PREFIX, document_of

Status = Literal["added", "replaced", "unchanged", "failed"]
log = logging.getLogger(__name__)

# Extracted documents are written in groups, one store session each: opening the
# embedded store to write costs ~50-100 ms, a tenth of a document's NLP, and other
# processes wait while it is held. A group is written once its first document is
# WRITE_EVERY seconds old or it has WRITE_GROUP documents: readers (the app) then wait at
# most one group's writing and see new documents within seconds.
WRITE_EVERY = 5.0
WRITE_GROUP = 32

# From the summaries (kg.store.derived): one lookup, where the documents' graphs would
# be read all (Oxigraph plans the query before the path is bound: 90 ms at 10,000).
_DOCS_AT_PATH = PREFIX + f"""
SELECT ?summary ?path WHERE {{ GRAPH <{INDEX_GRAPH}> {{ ?summary kgi:sourcePath ?path }} }}
"""
# pyoxigraph substitutes only variables that the query projects (SEP-0007)
_HAS_DOC = """
PREFIX pkg: <https://w3id.org/policykg/ontology#>
ASK { GRAPH ?doc { ?doc a pkg:Document } }
"""


@dataclass
class DocumentResult:
    path: str
    status: Status
    reason: str | None = None
    counts: Counter = field(default_factory=Counter)
    triples: int = 0
    document: str | None = None


@dataclass
class IngestReport:
    store: str
    results: list[DocumentResult] = field(default_factory=list)

    @property
    def failed(self) -> list[DocumentResult]:
        return [r for r in self.results if r.status == "failed"]

    def totals(self) -> Counter:
        total = Counter(r.status for r in self.results)
        for r in self.results:
            total.update(r.counts)
            total["triples"] += r.triples
        return total


def counts_of(records: DocumentRecords) -> Counter:
    return Counter(persons=len(records.persons), countries=len(records.countries),
                   organizations=len(records.organizations),
                   agreements=len(records.agreements))


def expand(paths: Iterable[str | Path]) -> tuple[list[Path], list[InputError]]:
    files, errors = [], []
    for item in iter_documents(paths):
        (errors if isinstance(item, InputError) else files).append(item)
    return files, errors


def extract_documents(files: list[Path], *, workers: int = 1, model: str = DEFAULT_MODEL,
                      cluster: str | None = None
                      ) -> Iterator[tuple[Path, DocumentRecords | InputError]]:
    """Run extraction in the chosen mode; results stream in as documents finish."""
    if cluster:
        from kg.processing.parallel import extract_on_cluster

        yield from extract_on_cluster(files, cluster, model=model)
    elif workers > 1 and len(files) > 1:
        from kg.processing.parallel import extract_in_processes

        yield from extract_in_processes(files, workers, model=model)
    else:
        yield from extract_many(files, load_pipeline(model))


@dataclass
class _SourcePaths:
    """The source path recorded for each file: its resolved path unless named."""

    named: Mapping[str, str]

    def of(self, path: Path) -> str:
        resolved = str(path.resolve())
        return self.named.get(resolved, resolved)

    def apply(self, records: DocumentRecords) -> DocumentRecords:
        source = self.named.get(str(records.source_path))
        return dataclasses.replace(records, source_path=source) if source else records


def _stored_digest(store: Store, path: Path) -> str | None:
    """The file's SHA-256 when a document with these bytes is already stored."""
    try:
        digest = sha256_of(read_bytes(path))
    except InputError:
        return None  # the reader reports why
    return digest if _is_stored(store, digest) else None


def _is_stored(store: Store, digest: str) -> bool:
    return store.query(_HAS_DOC, {"doc": iris.document_iri(digest)}).boolean is True


def _other_versions(store: Store, source_path: str | None, current: URIRef) -> list[str]:
    """Stored documents read from ``source_path`` other than ``current``, sorted."""
    if not source_path:
        return []
    result = store.query(_DOCS_AT_PATH, {"path": RdfLiteral(source_path)})
    return sorted({str(document_of(row[0])) for row in result.rows} - {str(current)})


def _drop_stale_versions(store: Store, source: str, digest: str) -> int:
    """Drop other stored versions of an unchanged file. A crash between writing a new
    version and dropping the old one leaves both; re-ingesting the file repairs that."""
    stale = _other_versions(store, source, iris.document_iri(digest))
    for iri in stale:
        store.drop_graph(iri)
    return len(stale)


def store_records(store: Store, records: DocumentRecords,
                  index: StoreIndex | None = None, rules: Rules | None = None
                  ) -> DocumentResult:
    """Write one document's graph, then drop older versions of the same file.

    The graph is written in one atomic step and old versions are dropped only after it,
    so a failure or a kill never loses the stored version (see ``_drop_stale_versions``).
    It is written corrected: the analysts' corrections (``rules``, else the store's) are
    applied before the write, so a document is never stored uncorrected.
    ``index`` (stored names for entity resolution) is reused across calls when given.
    """
    index = index or StoreIndex(store)
    if ensure_derived(store):  # a store an older policykg wrote: derived first
        index.invalidate()
    records = resolve_against_store(records, store, index)
    rules = rules if rules is not None else Rules(read_corrections(store))
    graph: Graph = curate_document(document_graph(records), rules)
    old = _other_versions(store, records.source_path, graph.identifier)
    result = DocumentResult(str(records.source_path or records.file_name),
                            "replaced" if old else "added", counts=counts_of(records),
                            triples=len(graph), document=str(graph.identifier))
    if old:
        index.invalidate()  # entities only the old version had are gone
    else:
        index.note_written(records)
    del records  # a long document's resolved copy is not needed while its graph is written
    store.add_graph(graph, derived_triples(graph))
    for iri in old:
        store.drop_graph(iri)
    return result


def _store_one(store: Store, records: DocumentRecords, index: StoreIndex,
               seen: dict[str, str], rules: Rules) -> DocumentResult:
    """``store_records``, failing only this document when anything goes wrong: the
    store keeps what it had before it, and the remaining documents still go in."""
    path = str(records.source_path or records.file_name)
    if records.sha256 in seen:  # two files with the same bytes in one call
        return DocumentResult(path, "unchanged", f"same content as {seen[records.sha256]}")
    try:
        if _is_stored(store, records.sha256):  # by another process, since we looked
            return DocumentResult(path, "unchanged", "already in the store (stored by "
                                                     "another process meanwhile)")
        result = store_records(store, records, index, rules)
        seen[records.sha256] = path
        return result
    except KgError as exc:
        reason = f"could not store it: {exc}"
    except Exception as exc:  # a bug met on one document must not cost the others
        log.exception("storing %s failed", path)
        reason = f"could not store it: internal error: {type(exc).__name__}: {exc}"
    index.invalidate()
    return DocumentResult(path, "failed", reason)


class _Writer:
    """Stores extracted documents in groups, one writing session each (WRITE_EVERY).

    A group is written when a document is added and the group is due, or by the
    writer's own thread once its first document is WRITE_EVERY seconds old: finished
    documents are stored while a slow one is still being read. Results are handed to
    ``emit`` on the caller's thread (the app's progress bar may only be touched there):
    whenever a document is added, and at ``close``."""

    def __init__(self, store: Store, emit: Callable[[DocumentResult], None]) -> None:
        self.store, self.emit = store, emit
        self.index, self.seen = StoreIndex(store), {}
        self.rules: Rules | None = None  # the corrections, read once per outside change
        self.pending: list[DocumentRecords] = []
        self.first_at = 0.0
        self.version: str | None = None  # the store's version after our last write
        self.lock, self.writing = threading.Lock(), threading.Lock()
        self.results: queue.SimpleQueue[DocumentResult] = queue.SimpleQueue()
        self.stopped = threading.Event()
        self.timer = threading.Thread(target=self._on_time, name="kg-writer", daemon=True)
        if not store.holds_session():  # else the caller's session is where writes go
            self.timer.start()

    def add(self, records: DocumentRecords) -> None:
        with self.lock:
            if not self.pending:
                self.first_at = time.monotonic()
            self.pending.append(records)
        if self._due():
            self.flush()
        self._hand_over()

    def _due(self) -> bool:
        with self.lock:
            return bool(self.pending) and (len(self.pending) >= WRITE_GROUP or
                                           time.monotonic() - self.first_at >= WRITE_EVERY)

    def _on_time(self) -> None:
        while not self.stopped.wait(WRITE_EVERY / 10):
            if self._due():
                self.flush()

    def close(self, finish: bool = True) -> None:
        """Stop the writer's thread (after the group it is writing); write what is
        pending when ``finish`` (not after an interruption); hand over every result."""
        self.stopped.set()
        if self.timer.is_alive():
            self.timer.join()
        if finish:
            self.flush()
        self._hand_over()

    def _hand_over(self) -> None:
        while not self.results.empty():
            self.emit(self.results.get())

    def flush(self) -> None:
        with self.writing:
            with self.lock:
                group, self.pending = self.pending, []
            self._write(group)

    def _write(self, group: list[DocumentRecords]) -> None:
        done = 0
        if not group:
            return
        try:
            with self.store.writing():
                if self.version is not None and self.store.version() != self.version:
                    self.index.invalidate()  # someone else wrote: read the names again
                    self.rules = None  # and the corrections
                if self.rules is None:
                    self.rules = Rules(read_corrections(self.store))
                for records in group:
                    self.results.put(_store_one(self.store, records, self.index, self.seen,
                                                    self.rules))
                    done += 1
                self.version = self.store.version()
        except KgError as exc:  # the store could not be opened: these are not stored
            for records in group[done:]:
                self.results.put(DocumentResult(str(records.source_path or records.file_name),
                                                "failed", f"could not store it: {exc}"))


def ingest(paths: Iterable[str | Path], store: Store, *, workers: int = 1,
           model: str = DEFAULT_MODEL, cluster: str | None = None,
           on_result: Callable[[DocumentResult], None] | None = None,
           on_total: Callable[[int], None] | None = None,
           sources: Mapping[str, str] | None = None) -> IngestReport:
    """Add documents (files or folders) to ``store``, creating it if there is none; bad
    files are reported, not raised. ``sources`` (a file's resolved path -> the source
    path to record) names files whose own path says nothing: the app's uploads, saved
    in a fresh temporary folder each time, are recorded as ``upload:NAME``, so that an
    edited copy uploaded again replaces the earlier one as a changed file does."""
    report = IngestReport(store.location)
    recorded = _SourcePaths(sources or {})

    def emit(result: DocumentResult) -> None:
        report.results.append(result)
        if on_result:
            on_result(result)

    files, errors = expand(paths)
    if on_total:
        on_total(len(files) + len(errors))
    for err in errors:
        emit(DocumentResult(err.path, "failed", err.reason))
    todo = []
    with store.writing():  # one session for the whole check (it may drop stale versions)
        ensure_derived(store)  # the check reads the summaries
        for path in files:
            digest = _stored_digest(store, path)
            if digest is None:
                todo.append(path)
                continue
            stale = _drop_stale_versions(store, recorded.of(path), digest)
            note = f"; dropped {stale} stale version(s)" if stale else ""
            emit(DocumentResult(str(path), "unchanged", "already in the store" + note))
    writer = _Writer(store, emit)
    finished = False
    try:
        for path, outcome in extract_documents(todo, workers=workers, model=model,
                                               cluster=cluster):
            if isinstance(outcome, InputError):
                emit(DocumentResult(str(path), "failed", outcome.reason))
            else:
                writer.add(recorded.apply(outcome))
        finished = True
    finally:  # interrupted (Ctrl-C): what was stored is reported, the rest is not written
        writer.close(finish=finished)
    return report


def extract_graphs(paths: Iterable[str | Path], *, workers: int = 1,
                   model: str = DEFAULT_MODEL, store: Store | None = None
                   ) -> Iterator[tuple[Path, Graph | InputError]]:
    """What ``ingest`` would add, document by document, writing nothing. Names are
    resolved against ``store`` (read only) and its corrections applied, as ingest would;
    without one, against the earlier documents of this call alone, as ingest into an
    empty store would."""
    files, errors = expand(paths)
    for err in errors:
        yield Path(err.path), err
    if store is None:
        from kg.store import open_store

        store = open_store("memory")
    else:
        require_derived(store)  # the names it resolves against are read from its index
    index = StoreIndex(store)
    rules = Rules(read_corrections(store)) if store.exists() else Rules(())
    for path, outcome in extract_documents(files, workers=workers, model=model):
        if isinstance(outcome, InputError):
            yield path, outcome
            continue
        graph = curate_document(document_graph(resolve_against_store(outcome, store, index)),
                                rules)
        index.note_extracted(graph)
        yield path, graph
