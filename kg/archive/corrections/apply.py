"""The write path of corrections: which graphs a correction touches, their corrected
form, the added graph, and writing it all at once.

Every function here runs inside the caller's writing session (``store.writing()``), so
what it reads cannot change before it writes.
"""

from __future__ import annotations

from typing import Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from kg.archive.corrections.curate import (Rules, added_triples, curate, raw_of,
                                           with_delta)
from kg.archive.corrections.records import (ADDED_GRAPH, CORRECTIONS_GRAPH, Correction,
                                            to_triples)
from kg.archive.corrections.terms import ENTITY_CLASSES
from kg.rdf.namespace import PKG
from kg.store.safety import sparql_term
from kg.store.base import Store
from kg.store.updates import GraphChange

# pyoxigraph substitutes only the variables a query projects (SEP-0007): each bound
# variable is in the SELECT clause
_WITH_FACT = "SELECT DISTINCT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
_WITH_NODE = """SELECT DISTINCT ?g ?n WHERE {
  { GRAPH ?g { ?n ?p ?o } } UNION { GRAPH ?g { ?s ?p ?n } } }"""
_WITH_LABEL = "SELECT DISTINCT ?g ?n WHERE { GRAPH ?g { ?n rdfs:label ?l } }"
_CORRECTED = "SELECT DISTINCT ?g ?c WHERE { GRAPH ?g { ?g pkg:correctedBy ?c } }"
_ALL_CORRECTED = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g pkg:correctedBy ?c } }"
_AT_PATH = "SELECT DISTINCT ?g ?path WHERE { GRAPH ?g { ?g pkg:sourcePath ?path } }"
_DESCRIBE = """SELECT ?n ?p ?v WHERE {{
  VALUES ?n {{ {nodes} }}
  VALUES ?p {{ rdf:type rdfs:label pkg:isoCode pkg:isoCode3 }}
  GRAPH ?g {{ ?n ?p ?v }} FILTER (?g != <{added}>) }}"""
_DESCRIBED = frozenset(ENTITY_CLASSES)


def _graphs(store: Store, query: str, **bind) -> set[str]:
    return {str(row[0]) for row in store.query(query, bind).rows} - {str(ADDED_GRAPH),
                                                                     str(CORRECTIONS_GRAPH)}


def graphs_touched(store: Store, c: Correction, rules: Rules) -> set[str]:
    """The document graphs where ``c`` changes something, in the store as it is (the
    corrected view): where its fact, its merged node or its labelled node occurs, or the
    documents it splits."""
    if c.kind == "reject":
        s, p, o = rules.canonical_fact(c.fact)
        return _graphs(store, _WITH_FACT, s=s, p=p, o=o)
    if c.kind == "merge":
        return graphs_with_node(store, c.other)
    if c.kind == "label":
        return _graphs(store, _WITH_LABEL, n=c.target)
    if c.kind == "split":
        found = {str(d) for d in c.documents}
        for path in c.paths:
            found |= _graphs(store, _AT_PATH, path=Literal(path))
        return found & graphs_with_node(store, c.target)
    return set()


def graphs_with_node(store: Store, node: URIRef) -> set[str]:
    return _graphs(store, _WITH_NODE, n=node)


def graphs_corrected_by(store: Store, c: Correction | None = None) -> set[str]:
    """The document graphs ``c`` changed (any correction when None)."""
    if c is None:
        return _graphs(store, _ALL_CORRECTED)
    return _graphs(store, _CORRECTED, c=c.iri)


def recompute(store: Store, graphs: Iterable[str], rules: Rules) -> list[GraphChange]:
    """For each document graph: what extraction produced (from its delta), corrected
    by ``rules``, as the change from what is stored."""
    changes = []
    for iri in sorted(set(graphs)):
        stored = store.read_graph(iri)
        if stored:
            changes.append(_change(iri, stored, curated_form(stored, URIRef(iri), rules)))
    return changes


def curated_form(stored: set[tuple], graph: URIRef, rules: Rules) -> set[tuple]:
    """A stored graph as ``rules`` correct it, with its delta."""
    raw, _ = raw_of(stored, graph)
    path = next((str(o) for s, p, o in raw if s == graph and p == PKG.sourcePath), None)
    curated, applied = curate(raw, graph, rules, path)
    return with_delta(graph, raw, curated, applied)


def _change(iri: str, old: set[tuple], new: set[tuple]) -> GraphChange:
    return GraphChange(iri, old - new, new - old)


def rebuild_added(store: Store, rules: Rules) -> GraphChange:
    """The change that makes the added graph what ``rules`` say it is."""
    stored = store.read_graph(str(ADDED_GRAPH))
    return _change(str(ADDED_GRAPH), stored, added_triples(rules, lambda n: describe(store, n)))


def describe(store: Store, nodes: set) -> set[tuple]:
    """Type, one label (the first in order: stable) and ISO codes of ``nodes`` as the
    document graphs state them: what the added graph needs to be self-contained."""
    nodes = sorted(n for n in nodes if isinstance(n, URIRef))
    if not nodes:
        return set()
    text = _DESCRIBE.format(nodes=" ".join(sparql_term(n) for n in nodes),
                            added=ADDED_GRAPH)
    out, labels = set(), {}
    for n, p, v in store.query(text).rows:
        if p == RDFS.label:
            labels[n] = min(labels.get(n, v), v)
        elif p != RDF.type or v in _DESCRIBED:
            out.add((n, p, v))
    return out | {(n, RDFS.label, v) for n, v in labels.items()}


def commit(store: Store, record: Correction, graphs: Iterable[str], rules: Rules, *,
           added: bool = True, previous: Correction | None = None) -> None:
    """Write a new or changed record (``previous``: its stored form) and the graphs it
    corrects, in one ``change_graphs``."""
    changes = recompute(store, graphs, rules)
    if added:
        changes.append(rebuild_added(store, rules))
    old = set(to_triples(previous)) if previous else set()
    changes.append(_change(str(CORRECTIONS_GRAPH), old, set(to_triples(record))))
    store.change_graphs(changes)


def reapply(store: Store, records: list[Correction],
            graphs: Iterable[str] = ()) -> int:
    """Make every corrected graph what the records say (after a load, a failed write or
    a bulk change): the graphs any correction changed or touches, and ``graphs``; and
    the added graph. Returns how many graphs changed."""
    rules = Rules(records)
    todo = set(graphs) | graphs_corrected_by(store)
    for c in rules.corrections:
        todo |= graphs_touched(store, c, rules)
    changes = [c for c in recompute(store, todo, rules) if c]
    added = rebuild_added(store, rules)
    changes += [added] if added else []
    store.change_graphs(changes)
    return len(changes)


def curate_document(graph: Graph, rules: Rules) -> Graph:
    """A document graph as extraction built it, corrected (for ``kg ingest``: a
    document is never stored uncorrected)."""
    if not rules:
        return graph
    iri = graph.identifier
    new = curated_form(set(graph), iri, rules)
    if new == set(graph):
        return graph
    out = Graph(identifier=iri, namespace_manager=graph.namespace_manager)
    for triple in new:
        out.add(triple)
    return out
