"""Load a dump (``kg export`` output, N-Quads or TriG) into a store, document by document.

A dump is checked in full before anything is written: the file must parse, and every
triple must lie in a document graph, the graph named after the ``pkg:Document`` node it
holds (``https://w3id.org/policykg/id/doc/SHA256``). Anything else is refused whole,
with the reason: a triple in the default graph, a graph with another name, a document
graph without its document node. So is a dump that breaks the shapes' rules a forged
one would: an IRI that is not http(s) (``file:``), a subject that is not a policykg
node, two labels for one node in one document, a document IRI that is not its own
``pkg:sha256``. The two graphs of analyst corrections (docs/corrections.md) may come
too; their records must be well formed. Turtle and N-Triples have no graphs, so they
are refused by their extension. Lines are read as a stream (``kg.archive.dumps``): a
document of any length within the reader's limits loads.

Each document graph is then a unit: a document the store already holds (its graph is
there, so the same SHA-256) is skipped, or with ``replace`` dropped and written again;
it is never merged with the stored graph, which would give it two ``pkg:ingestedAt``.
Correction records are merged with the store's by IRI, and the loaded documents are
then corrected as the store's corrections (its own and the dump's) say.
The store writes its fastest way (``Store.load``): the embedded store bulk-loads (about
2x faster than document by document); other stores add one graph per request.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pyoxigraph as ox
from rdflib import URIRef

from kg.archive.corrections.loading import (check_delta, check_records, new_records,
                                            reapply_after_load)
from kg.archive.corrections.records import ADDED_GRAPH, CORRECTIONS_GRAPH
from kg.archive.derived import ensure_derived, rederive
from kg.archive.dumps import OX_FORMATS, DumpQuads
from kg.core.errors import InputError, KgError
from kg.rdf.namespace import ID_BASE, PKG
from kg.store.base import Store
from kg.store.derived import INDEX_GRAPH, PREFIX, summary_iri
from kg.store.terms import from_ox

LOAD_FORMATS = {".nq": "nquads", ".nquads": "nquads", ".trig": "trig"}
_NO_GRAPHS = {".ttl": "Turtle", ".nt": "N-Triples", ".rdf": "RDF/XML"}
_DOC_GRAPH = re.compile(re.escape(ID_BASE) + "doc/[0-9a-f]{64}")
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_DOCUMENT = ox.NamedNode(str(PKG.Document))
_FILE_NAME = ox.NamedNode(str(PKG.fileName))
_SHA256 = ox.NamedNode(str(PKG.sha256))
_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
_WEB = ("https://", "http://")
_STORED = "ASK { GRAPH ?g { ?s ?p ?o } }"
_SUMMARIZED = PREFIX + f"ASK {{ GRAPH <{INDEX_GRAPH}> {{ ?s kgi:listing ?row }} }}"
_CORRECTION_GRAPHS = {str(CORRECTIONS_GRAPH), str(ADDED_GRAPH)}
_DELTA = {ox.NamedNode(str(PKG.withheld)), ox.NamedNode(str(PKG.introduced))}


@dataclass(frozen=True)
class DumpSummary:
    fmt: str
    quads: int
    sizes: dict[str, int]       # document graph IRI -> quads, in the dump's order
    names: dict[str, str]       # document graph IRI -> its pkg:fileName
    long_literals: bool = False  # literals too long for pyoxigraph's parser alone
    corrections: tuple = ()     # the correction records it holds (checked)
    extra: frozenset = frozenset()  # the correction graphs it holds

    @property
    def graphs(self) -> int:
        return len(self.sizes)


@dataclass
class LoadReport:
    """What ``load_dump`` did with each document of a dump (IRIs, in dump order)."""

    path: str
    summary: DumpSummary
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    corrections: int = 0  # correction records the store did not hold yet

    @property
    def quads(self) -> int:
        """Quads written."""
        return sum(self.summary.sizes[g] for g in self.added + self.replaced)


def dump_format(path: Path, fmt: str | None = None) -> str:
    """The dump's format: ``fmt`` if given, else from the file extension."""
    if fmt:
        if fmt not in OX_FORMATS:
            raise InputError(path, f"cannot load format {fmt!r}: use nquads or trig")
        return fmt
    suffix = path.suffix.lower()
    if suffix in LOAD_FORMATS:
        return LOAD_FORMATS[suffix]
    if suffix in _NO_GRAPHS:
        raise InputError(path, f"{_NO_GRAPHS[suffix]} has no named graphs, so it cannot "
                               "hold document graphs: export with --format nquads or trig")
    raise InputError(path, "unknown dump format: name it .nq or .trig, or pass --format")


def check_dump(path: Path, fmt: str | None = None) -> DumpSummary:
    """Parse the whole dump without storing it; raise ``InputError`` on the first problem."""
    path = Path(path)
    fmt = dump_format(path, fmt)
    if not path.is_file():
        raise InputError(path, "no such file" if not path.exists() else "not a file")
    check = _Check(path)
    reader = DumpQuads(path, fmt)
    try:
        for quad in reader:
            check.quad(quad)
    except SyntaxError as exc:
        raise InputError(path, f"not valid {fmt}: {exc}; nothing was loaded") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, f"cannot read it: {exc}") from exc
    for graph in check.sizes:
        _check_graph(path, graph, graph in check.has_node)
    for graph in check.sizes:
        check.identity(graph)
    return DumpSummary(fmt, sum(check.sizes.values()),
                       {g.value: n for g, n in check.sizes.items()}, check.names,
                       long_literals=reader.shortened > 0,
                       corrections=_check_records(path, check.records),
                       extra=frozenset(check.extra))


def _check_records(path: Path, quads: list) -> tuple:
    """The dump's correction records, each well formed (its shape, its terms): else
    the dump is refused whole."""
    if not quads:
        return ()
    try:
        return tuple(check_records([(from_ox(q.subject), from_ox(q.predicate),
                                     from_ox(q.object)) for q in quads]))
    except KgError as exc:
        raise InputError(path, f"malformed corrections: {exc}; nothing was loaded") from None


def _check_graph(path: Path, graph, has_node: bool) -> None:
    if not has_node:
        raise InputError(path, f"document graph {graph} has no document node ({graph} a "
                               "pkg:Document), so it is not a whole document; nothing "
                               "was loaded")


class _Check:
    """What a dump's quads must be, one quad at a time: the structure (every triple in a
    document graph) and the shapes' rules that a forged dump breaks (ontology/shapes.ttl,
    which ``kg validate`` checks in full): http(s) IRIs only, every subject a policykg
    node, one rdfs:label per node and document, a document IRI that is its own SHA-256."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.sizes, self.names, self.has_node = Counter(), {}, set()
        self.digests: dict = {}  # document graph -> its pkg:sha256 values
        self.labelled: set = set()  # (graph, node)
        self.extra: set = set()  # the correction graphs the dump holds
        self.records: list = []  # the quads of correction records (checked at the end)

    def refuse(self, reason: str) -> None:
        raise InputError(self.path, f"{reason}; nothing was loaded")

    def quad(self, quad) -> None:
        graph = quad.graph_name
        if isinstance(graph, ox.DefaultGraph):
            self.refuse(f"a triple outside any named graph ({quad.subject} {quad.predicate} "
                        "...): policykg keeps every fact in its document's graph")
        if graph.value in _CORRECTION_GRAPHS:  # analysts' corrections: checked as records
            self.extra.add(graph.value)
            if graph.value == str(CORRECTIONS_GRAPH):
                self.records.append(quad)
            return
        if graph not in self.sizes and not (isinstance(graph, ox.NamedNode)
                                            and _DOC_GRAPH.fullmatch(graph.value)):
            self.refuse(f"graph {graph} is not a document graph (policykg names a "
                        f"document's graph {ID_BASE}doc/ followed by its SHA-256)")
        subject, obj = quad.subject, quad.object
        if not (isinstance(subject, ox.NamedNode) and subject.value.startswith(ID_BASE)):
            self.refuse(f"{subject} is not a policykg node ({ID_BASE}...), yet it is "
                        f"the subject of a triple in {graph}")
        for term in (quad.predicate, obj):  # the subject and graph are policykg's
            if isinstance(term, ox.NamedNode) and not term.value.startswith(_WEB):
                self.refuse(f"{term} is not an http(s) IRI: policykg writes no other")
        self.sizes[graph] += 1
        if quad.predicate in _DELTA:  # a corrected document's way back
            check_delta(self.path, quad)
        if quad.predicate == _LABEL:
            if (graph, quad.subject) in self.labelled:
                self.refuse(f"{quad.subject} has more than one rdfs:label in {graph} "
                            "(policykg gives a node one label per document)")
            self.labelled.add((graph, quad.subject))
        if quad.subject == graph:
            if quad.predicate == _RDF_TYPE and quad.object == _DOCUMENT:
                self.has_node.add(graph)
            elif quad.predicate == _FILE_NAME:
                self.names[graph.value] = quad.object.value
            elif quad.predicate == _SHA256:
                self.digests.setdefault(graph, []).append(quad.object.value)

    def identity(self, graph) -> None:
        digests = self.digests.get(graph, [])
        if [graph.value.rsplit("/", 1)[-1]] != digests:
            self.refuse(f"the IRI of document graph {graph} is not its pkg:sha256 "
                        f"({', '.join(digests) or 'none'}): a forged or damaged document")


def load_dump(store: Store, path: Path, fmt: str | None = None, *,
              replace: bool = False,
              on_progress: Callable[[int, int], None] | None = None) -> LoadReport:
    """Check ``path`` (``check_dump``), then write each of its documents that ``store``
    does not hold yet; a held one is skipped, or with ``replace`` dropped and rewritten.
    Then derive the new documents' derived data (``kg.archive.derived``), graph by graph;
    ``on_progress(done, total)`` hears how far that is.

    Replaced documents are dropped in bulk before the dump is written, and the embedded
    store's bulk load is not one transaction: after an interruption, run the same load
    again (documents that made it are then skipped, the others written, and a skipped
    document whose derived data is missing is derived)."""
    summary = check_dump(path, fmt)
    report = LoadReport(str(path), summary)
    with store.writing():  # what is stored cannot change between the checks and the load
        ensure_derived(store)
        underived = []
        fresh = new_records(store, summary.corrections, path)
        report.corrections = len(fresh)
        for iri in summary.sizes:
            if not store.query(_STORED, {"g": URIRef(iri)}).boolean:
                report.added.append(iri)
            elif replace:
                report.replaced.append(iri)
            else:
                report.skipped.append(iri)
                if not store.query(_SUMMARIZED, {"s": summary_iri(iri)}).boolean:
                    underived.append(iri)
        store.drop_graphs(report.replaced)
        # pyoxigraph reads the file itself, unless a literal is too long for its parser
        quads = DumpQuads(Path(path), summary.fmt) if summary.long_literals else None
        if report.skipped:
            if report.added or report.replaced or summary.extra:
                store.load(Path(path), summary.fmt,
                           graphs=set(report.added + report.replaced) | summary.extra,
                           quads=quads)
        else:
            store.load(Path(path), summary.fmt, quads=quads)
        written = report.added + report.replaced
        rederive(store, written + underived, fresh=True, on_progress=on_progress,
                 sizes={iri: summary.sizes[iri] for iri in written})
        # the loaded documents as the store's corrections (old and new) make them
        reapply_after_load(store, report.added + report.replaced, fresh,
                           str(ADDED_GRAPH) in summary.extra)
    return report
