"""Documents in, named graphs out: the main job, as plain functions the CLI and app call.

Document identity is the SHA-256 of the file's bytes: a file already in the store is
skipped, a changed file (same path, new bytes) replaces its old graph, and each
document's graph is written in one transaction, so a crash loses at most the document
being written and never touches what was stored before.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Literal

from rdflib import Graph, Literal as RdfLiteral, URIRef

from kg.errors import InputError
from kg.extract.records import DocumentRecords
from kg.nlp import DEFAULT_MODEL, load_pipeline
from kg.process import extract_many, sha256_of
from kg.rdf import iris
from kg.rdf.build import document_graph
from kg.readers import iter_documents
from kg.store.base import Store

Status = Literal["added", "replaced", "unchanged", "failed"]

_DOCS_AT_PATH = """
PREFIX pkg: <https://w3id.org/policykg/ontology#>
SELECT DISTINCT ?doc ?path WHERE { GRAPH ?doc { ?doc a pkg:Document ; pkg:sourcePath ?path } }
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
        from kg.parallel import extract_on_cluster

        yield from extract_on_cluster(files, cluster, model=model)
    elif workers > 1 and len(files) > 1:
        from kg.parallel import extract_in_processes

        yield from extract_in_processes(files, workers, model=model)
    else:
        yield from extract_many(files, load_pipeline(model))


def _already_stored(store: Store, path: Path) -> bool:
    try:
        digest = sha256_of(path.read_bytes())
    except OSError:
        return False  # the reader reports why
    return store.query(_HAS_DOC, {"doc": iris.document_iri(digest)}).boolean is True


def _older_versions(store: Store, records: DocumentRecords, doc: URIRef) -> list[str]:
    if not records.source_path:
        return []
    result = store.query(_DOCS_AT_PATH, {"path": RdfLiteral(records.source_path)})
    return [str(row[0]) for row in result.rows if row[0] != doc]


def store_records(store: Store, records: DocumentRecords) -> DocumentResult:
    """Write one document's graph, then drop older versions of the same file."""
    from kg.resolve import resolve_against_store

    records = resolve_against_store(records, store)
    graph: Graph = document_graph(records)
    old = _older_versions(store, records, graph.identifier)
    store.add_graph(graph)
    for iri in old:
        store.drop_graph(iri)
    return DocumentResult(str(records.source_path or records.file_name),
                          "replaced" if old else "added", counts=counts_of(records),
                          triples=len(graph), document=str(graph.identifier))


def ingest(paths: Iterable[str | Path], store: Store, *, workers: int = 1,
           model: str = DEFAULT_MODEL, cluster: str | None = None,
           on_result: Callable[[DocumentResult], None] | None = None,
           on_total: Callable[[int], None] | None = None) -> IngestReport:
    """Add documents (files or folders) to ``store``; bad files are reported, not raised."""
    report = IngestReport(store.location)

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
    for path in files:
        if _already_stored(store, path):
            emit(DocumentResult(str(path), "unchanged", "already in the store"))
        else:
            todo.append(path)
    for path, outcome in extract_documents(todo, workers=workers, model=model,
                                           cluster=cluster):
        if isinstance(outcome, InputError):
            emit(DocumentResult(str(path), "failed", outcome.reason))
        else:
            emit(store_records(store, outcome))
    return report


def extract_graphs(paths: Iterable[str | Path], *, workers: int = 1,
                   model: str = DEFAULT_MODEL) -> Iterator[tuple[Path, Graph | InputError]]:
    """What ``ingest`` would add, document by document, without any store."""
    files, errors = expand(paths)
    for err in errors:
        yield Path(err.path), err
    for path, outcome in extract_documents(files, workers=workers, model=model):
        yield path, outcome if isinstance(outcome, InputError) else document_graph(outcome)
