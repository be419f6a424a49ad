"""The write path of corrections: which graphs a correction touches, their corrected
form, the added graph, and writing it all at once.

Every function here runs inside the caller's writing session (``store.writing()``), so
what it reads cannot change before it writes.
"""

from __future__ import annotations

from typing import Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from kg.archive.derived import derive
from kg.archive.facts import facts_of_triples
from kg.archive.corrections.curate import (Rules, added_triples, curate, raw_of,
                                           with_delta)
from kg.archive.corrections.records import (ADDED_GRAPH, CORRECTIONS_GRAPH, Correction,
                                            to_triples)
from kg.archive.corrections.terms import ENTITY_CLASSES
from kg.rdf.namespace import PKG
from kg.store.base import Store
from kg.store.derived import DOC_BASE, INDEX_GRAPH
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
# One graph that declares the node (two: one may be the added graph), then what that
# graph says of it: a country is typed and labelled in every graph that mentions it,
# thousands at scale, and one graph says what they all say.
_DECLARING = "SELECT ?g ?n WHERE { GRAPH ?g { ?n a ?k } } LIMIT 2"
_DESCRIBE = """SELECT ?p ?v ?n ?g WHERE {
  VALUES ?p { rdf:type rdfs:label pkg:isoCode pkg:isoCode3 } GRAPH ?g { ?n ?p ?v } }"""
_DESCRIBED = frozenset(ENTITY_CLASSES)
_DESCRIBING = (RDF.type, RDFS.label, PKG.isoCode, PKG.isoCode3)


def _graphs(store: Store, query: str, **bind) -> set[str]:
    """The document graphs among the answers: not the corrections' own graphs, nor the
    derived data (which names the same nodes, and follows the documents: ``write``)."""
    return {str(row[0]) for row in store.query(query, bind).rows} - {
        str(ADDED_GRAPH), str(CORRECTIONS_GRAPH), str(INDEX_GRAPH)}


def write(store: Store, changes: list[GraphChange]) -> None:
    """Write ``changes`` in one ``change_graphs``: the document graphs they change carry
    their derived data after the change (names, summaries, the catalog the pages read,
    ``recompute``), which replaces the old in the same transaction, so that listings and
    entity resolution see the corrected documents at once, and never a half."""
    store.change_graphs([c for c in changes if c])


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
    """The change from ``old`` to ``new``; a document's carries its new derived data."""
    if not iri.startswith(DOC_BASE) or old == new:
        return GraphChange(iri, old - new, new - old)
    derived = list(derive(facts_of_triples(iri, new)).triples())
    return GraphChange(iri, old - new, new - old, derived=derived)


def added_graph(store: Store, rules: Rules, stored: set[tuple] | None = None) -> set[tuple]:
    """The added graph as ``rules`` say it is. The nodes it described already
    (``stored``) keep their description, unless a label correction names them (one may
    have been undone); the others are looked up."""
    stored = store.read_graph(str(ADDED_GRAPH)) if stored is None else stored
    known = {t for t in stored if t[1] in _DESCRIBING and t[0] not in rules.relabelled
             and (t[1] != RDF.type or t[2] in _DESCRIBED)}

    def look_up(nodes: set) -> set[tuple]:
        have = {t[0] for t in known if t[0] in nodes}
        return {t for t in known if t[0] in nodes} | describe(store, nodes - have)
    return added_triples(rules, look_up)


def rebuild_added(store: Store, rules: Rules, new: set[tuple] | None = None) -> GraphChange:
    """The change that makes the added graph what ``rules`` say it is (``new``, when
    the caller computed it already)."""
    stored = store.read_graph(str(ADDED_GRAPH))
    return _change(str(ADDED_GRAPH), stored,
                   added_graph(store, rules, stored) if new is None else new)


def describe(store: Store, nodes: set) -> set[tuple]:
    """Type, label and ISO codes of ``nodes`` as one document graph that declares each
    states them: what the added graph needs to be self-contained."""
    out = set()
    for node in sorted(n for n in nodes if isinstance(n, URIRef)):
        graphs = [g for g, _ in store.query(_DECLARING, {"n": node}).rows
                  if g != ADDED_GRAPH]
        if not graphs:
            continue
        found = store.query(_DESCRIBE, {"n": node, "g": graphs[0]}).rows
        labels = sorted(v for p, v, _, _ in found if p == RDFS.label)
        out |= {(node, p, v) for p, v, _, _ in found
                if p not in (RDFS.label, RDF.type) or v in _DESCRIBED}
        out |= {(node, RDFS.label, labels[0])} if labels else set()
    return out


def commit(store: Store, record: Correction, graphs: Iterable[str], rules: Rules, *,
           added: bool | set = True, previous: Correction | None = None) -> None:
    """Write a new or changed record (``previous``: its stored form) and the graphs it
    corrects, in one ``change_graphs``; ``added``: rebuild the added graph (given: as
    the caller computed it)."""
    changes = recompute(store, graphs, rules)
    if added is not False:
        changes.append(rebuild_added(store, rules, None if added is True else added))
    old = set(to_triples(previous)) if previous else set()
    changes.append(_change(str(CORRECTIONS_GRAPH), old, set(to_triples(record))))
    write(store, changes)


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
    write(store, changes)
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
