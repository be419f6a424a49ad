"""Load a dump (``kg export`` output, N-Quads or TriG) into a store, document by document.

A dump is checked in full before anything is written: the file must parse, and every
triple must lie in a document graph, the graph named after the ``pkg:Document`` node it
holds (``https://w3id.org/policykg/id/doc/SHA256``), or in one of the two graphs of
analyst corrections (docs/corrections.md), whose records must be well formed. Anything
else is refused whole, with the reason: a triple in the default graph, a graph with
another name, a document graph without its document node, a malformed correction.
Turtle and N-Triples have no graphs, so they are refused by their extension.

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

import pyoxigraph as ox
from rdflib import URIRef

from kg.archive.corrections.loading import (check_delta, check_records, new_records,
                                            reapply_after_load)
from kg.archive.corrections.records import ADDED_GRAPH, CORRECTIONS_GRAPH
from kg.core.errors import InputError, KgError
from kg.rdf.namespace import ID_BASE, PKG
from kg.store.base import Store
from kg.store.terms import from_ox

LOAD_FORMATS = {".nq": "nquads", ".nquads": "nquads", ".trig": "trig"}
_OX_FORMATS = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}
_NO_GRAPHS = {".ttl": "Turtle", ".nt": "N-Triples", ".rdf": "RDF/XML"}
_DOC_GRAPH = re.compile(re.escape(ID_BASE) + "doc/[0-9a-f]{64}")
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_DOCUMENT = ox.NamedNode(str(PKG.Document))
_FILE_NAME = ox.NamedNode(str(PKG.fileName))
_STORED = "ASK { GRAPH ?g { ?s ?p ?o } }"
_CORRECTION_GRAPHS = {str(CORRECTIONS_GRAPH), str(ADDED_GRAPH)}
_DELTA = {ox.NamedNode(str(PKG.withheld)), ox.NamedNode(str(PKG.introduced))}


@dataclass(frozen=True)
class DumpSummary:
    fmt: str
    quads: int
    sizes: dict[str, int]       # document graph IRI -> quads, in the dump's order
    names: dict[str, str]       # document graph IRI -> its pkg:fileName
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
        if fmt not in _OX_FORMATS:
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
    sizes, names, has_node = Counter(), {}, set()
    extra, records = set(), []
    try:
        for quad in ox.parse(path=str(path), format=_OX_FORMATS[fmt]):
            graph = quad.graph_name
            if isinstance(graph, ox.DefaultGraph):
                raise InputError(path, f"a triple outside any named graph ({quad.subject} "
                                       f"{quad.predicate} ...): policykg keeps every fact "
                                       "in its document's graph; nothing was loaded")
            if graph.value in _CORRECTION_GRAPHS:
                extra.add(graph.value)
                if graph.value == str(CORRECTIONS_GRAPH):
                    records.append(quad)
                continue
            sizes[graph] += 1
            if quad.predicate in _DELTA:  # a corrected document's way back
                check_delta(path, quad)
            if quad.subject == graph:
                if quad.predicate == _RDF_TYPE and quad.object == _DOCUMENT:
                    has_node.add(graph)
                elif quad.predicate == _FILE_NAME:
                    names[graph.value] = quad.object.value
    except SyntaxError as exc:
        raise InputError(path, f"not valid {fmt}: {exc}; nothing was loaded") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, f"cannot read it: {exc}") from exc
    for graph in sizes:
        _check_graph(path, graph, graph in has_node)
    return DumpSummary(fmt, sum(sizes.values()), {g.value: n for g, n in sizes.items()},
                       names, _check_records(path, records), frozenset(extra))


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
    if not (isinstance(graph, ox.NamedNode) and _DOC_GRAPH.fullmatch(graph.value)):
        raise InputError(path, f"graph {graph} is not a document graph (policykg names a "
                               f"document's graph {ID_BASE}doc/ followed by its SHA-256); "
                               "nothing was loaded")
    if not has_node:
        raise InputError(path, f"document graph {graph} has no document node ({graph} a "
                               "pkg:Document), so it is not a whole document; nothing "
                               "was loaded")


def load_dump(store: Store, path: Path, fmt: str | None = None, *,
              replace: bool = False) -> LoadReport:
    """Check ``path`` (``check_dump``), then write each of its documents that ``store``
    does not hold yet; a held one is skipped, or with ``replace`` dropped and rewritten.

    A replaced document is dropped before the dump is written, and the embedded store's
    bulk load is not one transaction: after an interruption, run the same load again
    (documents that made it are then skipped, the others written)."""
    summary = check_dump(path, fmt)
    report = LoadReport(str(path), summary)
    with store.writing():  # what is stored cannot change between the checks and the load
        fresh = new_records(store, summary.corrections, path)
        report.corrections = len(fresh)
        for iri in summary.sizes:
            if not store.query(_STORED, {"g": URIRef(iri)}).boolean:
                report.added.append(iri)
            elif replace:
                report.replaced.append(iri)
            else:
                report.skipped.append(iri)
        for iri in report.replaced:
            store.drop_graph(iri)
        if report.skipped:
            if report.added or report.replaced or summary.extra:
                store.load(Path(path), summary.fmt,
                           graphs=set(report.added + report.replaced) | summary.extra)
        else:
            store.load(Path(path), summary.fmt)
        # the loaded documents as the store's corrections (old and new) make them
        reapply_after_load(store, report.added + report.replaced, fresh,
                           str(ADDED_GRAPH) in summary.extra)
    return report
