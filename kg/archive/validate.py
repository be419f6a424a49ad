"""SHACL validation of policykg graphs against ``ontology/shapes.ttl``.

Each named graph of the store is one document and is self-contained (it declares the
type and label of every entity it refers to), so graphs are validated one at a time:
that keeps every check local to a document, needs no inference, and a report says which
document is at fault.

>>> report = validate_dataset(ds)          # doctest: +SKIP
>>> report.conforms, print(report.text())  # doctest: +SKIP
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyshacl
from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDF, SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

import kg

__all__ = [
    "Violation",
    "ValidationReport",
    "ontology_path",
    "shapes_graph",
    "validate_graph",
    "validate_dataset",
]

_SEVERITY_NAMES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}
_SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}


@dataclass
class Violation:
    """One SHACL validation result."""

    focus: str  # the focus node (IRI, or the N3 form of a blank node / literal)
    path: str | None  # the property path, when the result concerns a property
    message: str
    severity: str  # "Violation", "Warning" or "Info"
    graph: str | None  # the named graph (document IRI); None for a lone graph / default graph
    value: str | None = None  # the offending value, when there is one


@dataclass
class ValidationReport:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    graphs: int = 0  # how many graphs were validated

    @property
    def errors(self) -> list[Violation]:
        """Results of severity Violation (the ones that make a graph non-conformant)."""
        return [v for v in self.violations if v.severity == "Violation"]

    def merge(self, other: "ValidationReport") -> "ValidationReport":
        return ValidationReport(self.conforms and other.conforms,
                                self.violations + other.violations,
                                self.graphs + other.graphs)

    def text(self) -> str:
        """A readable report: one line per result, grouped by graph, then a summary line.

        Each line reads ``graph | focus | path | message`` (``-`` for a missing part),
        preceded by the severity when it is not a plain Violation.
        """
        lines: list[str] = []
        by_graph: dict[str, list[Violation]] = defaultdict(list)
        for v in self.violations:
            by_graph[v.graph or "-"].append(v)
        for graph in sorted(by_graph):
            results = sorted(by_graph[graph], key=lambda v: (
                _SEVERITY_ORDER.get(v.severity, 9), v.focus, v.path or "", v.message))
            lines.append(f"# {graph}: {len(results)} result(s)")
            for v in results:
                message = v.message
                if v.value is not None and v.value not in message:
                    message = f"{message} (value: {v.value})"
                prefix = "" if v.severity == "Violation" else f"[{v.severity}] "
                lines.append(f"{prefix}{graph} | {v.focus} | {v.path or '-'} | {message}")
        counts = defaultdict(int)
        for v in self.violations:
            counts[v.severity] += 1
        detail = ", ".join(f"{counts[s]} {s.lower()}(s)"
                           for s in sorted(counts, key=lambda s: _SEVERITY_ORDER.get(s, 9)))
        summary = "conforms" if self.conforms else "does NOT conform"
        where = f"in {len(by_graph)} of {self.graphs} graph(s)" if detail \
            else f"({self.graphs} graph(s) validated)"
        lines.append(f"Validation {summary}: {detail or 'no results'} {where}.")
        return "\n".join(lines)


def ontology_path(name: str) -> Path:
    """The path of a file of ``ontology/``, in a source checkout or an installed package.

    In the repository ``ontology/`` sits beside ``kg/``; an installed wheel ships it as
    package data inside ``kg/``. The first that exists wins (the repository layout when
    neither does, so the error names the expected place).
    """
    package_dir = Path(kg.__file__).resolve().parent
    candidates = [package_dir.parent / "ontology" / name, package_dir / "ontology" / name]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(
        f"ontology file {name!r} not found; looked in "
        + ", ".join(str(c) for c in candidates))


@lru_cache(maxsize=1)
def _shapes() -> Graph:
    g = Graph()
    g.parse(ontology_path("shapes.ttl"), format="turtle")
    return g


def shapes_graph() -> Graph:
    """The SHACL shapes graph (a fresh copy: callers may modify it)."""
    copy = Graph()
    for prefix, ns in _shapes().namespaces():
        copy.bind(prefix, ns, override=True)
    for triple in _shapes():
        copy.add(triple)
    return copy


@lru_cache(maxsize=64)
def _prepared(query: str) -> Query:
    return prepareQuery(query)


class _PreparedQueryGraph(Graph):
    """A graph that parses each SPARQL text once per process.

    pySHACL sends the text of a SHACL-SPARQL constraint to ``Graph.query`` for every
    focus node (the focus node goes in ``initBindings``; the text never changes), and
    rdflib re-parses it each time: parsing costs ~15 ms, far more than evaluating the
    query on one document's graph. Caching the parsed query keeps validation fast.
    """

    def query(self, query_object, processor="sparql", result="sparql", initNs=None,  # noqa: N803
              initBindings=None, use_store_provided=True, **kwargs):  # noqa: N803
        if isinstance(query_object, str) and not initNs and "base" not in kwargs:
            query_object = _prepared(query_object)
        return super().query(query_object, processor, result, initNs, initBindings,
                             use_store_provided, **kwargs)


def _copy(g: Graph) -> Graph:
    """``g``'s triples in a fresh, standalone _PreparedQueryGraph.

    Copying is linear and pays off: a graph of a Dataset shares the dataset's store, where
    every lookup scans the matching triples of *all* graphs, so validating graphs in
    place would grow with the square of the store's size.
    """
    copy = _PreparedQueryGraph(identifier=g.identifier)
    for triple in g.triples((None, None, None)):
        copy.add(triple)
    return copy


def _label(node: Node | None, g: Graph) -> str | None:
    if node is None:
        return None
    if isinstance(node, URIRef):
        return str(node)
    if isinstance(node, Node) and (node, None, None) in g:
        # a complex SHACL path (a blank node): show it in SPARQL-like syntax
        return _path_text(node, g)
    return node.n3()


def _path_text(node: Node, g: Graph) -> str:
    inverse = g.value(node, SH.inversePath)
    if inverse is not None:
        return "^" + _path_text(inverse, g)
    if (node, RDF.first, None) in g:
        return "/".join(_path_text(n, g) for n in g.items(node))
    if isinstance(node, URIRef):
        return f"<{node}>"
    return node.n3()


def _report(results_graph: Graph, conforms: bool, graph_name: str | None) -> ValidationReport:
    violations: list[Violation] = []
    for result in results_graph.subjects(RDF.type, SH.ValidationResult):
        focus = results_graph.value(result, SH.focusNode)
        path = results_graph.value(result, SH.resultPath)
        value = results_graph.value(result, SH.value)
        severity = results_graph.value(result, SH.resultSeverity)
        messages = sorted(str(m) for m in results_graph.objects(result, SH.resultMessage))
        if not messages:
            component = results_graph.value(result, SH.sourceConstraintComponent)
            messages = [f"fails {component}" if component else "fails a shape"]
        violations.append(Violation(
            focus=_label(focus, results_graph) or "-",
            path=_label(path, results_graph),
            message="; ".join(messages),
            severity=_SEVERITY_NAMES.get(severity, str(severity)),
            graph=graph_name,
            value=_label(value, results_graph) if value is not None else None,
        ))
    # one line per distinct problem: a value that fails two constraints of a property
    # shape (say sh:datatype and sh:minInclusive) yields two results with one message
    unique = {(v.focus, v.path, v.message, v.severity, v.value): v for v in violations}
    violations = sorted(unique.values(), key=lambda v: (
        _SEVERITY_ORDER.get(v.severity, 9), v.focus, v.path or "", v.message, v.value or ""))
    return ValidationReport(conforms=conforms, violations=violations, graphs=1)


def validate_graph(g: Graph, graph_name: str | None = None) -> ValidationReport:
    """Validate one graph (one document's named graph) against the shapes.

    ``graph_name`` labels the results; by default it is the graph's identifier when
    that is an IRI other than rdflib's default-graph name. Warnings are reported but do
    not make the graph non-conformant. No inference is done: document graphs state
    every type they use. For a whole store use :func:`validate_dataset` (given a
    Dataset, this function validates whatever ``g.triples`` yields as one graph).
    """
    if graph_name is None and isinstance(g.identifier, URIRef) \
            and g.identifier != DATASET_DEFAULT_GRAPH_ID:
        graph_name = str(g.identifier)
    conforms, results_graph, _ = pyshacl.validate(
        _copy(g),
        shacl_graph=_shapes(),
        inference="none",
        advanced=False,
        allow_warnings=True,
        allow_infos=True,
        meta_shacl=False,
        abort_on_first=False,
    )
    return _report(results_graph, bool(conforms), graph_name)


def validate_dataset(ds: Dataset) -> ValidationReport:
    """Validate every named graph of ``ds`` on its own, and merge the reports.

    Triples in the default graph (there should be none: every fact belongs to a
    document) are validated as one more graph, reported with graph ``None``.
    """
    report = ValidationReport(conforms=True)
    for graph in sorted(ds.graphs(), key=lambda c: str(c.identifier)):
        if len(graph) == 0:
            continue
        is_default = graph.identifier == DATASET_DEFAULT_GRAPH_ID
        name = None if is_default else str(graph.identifier)
        report = report.merge(validate_graph(graph, graph_name=name))
    return report
