"""Applying corrections to a graph: one pure function, and the document's way back.

``curate(raw, graph, rules)`` is the corrected form of a graph as extraction produced
it, whatever order the corrections were made in:

1. identity, in time order: a merge rewrites OTHER to KEEP wherever it occurs (inside
   ``rdf:Statement``s too); a split rewrites NODE to NEW in the documents it names, or
   in later versions of their files (the same source path). Where KEEP already has a
   value of a one-valued property (a label, a Wikidata ID, a status), OTHER's goes;
2. labels, in time order: every ``rdfs:label`` of the node is replaced;
3. rejections: the fact and its statements go. A rejection is read through the merges
   (``Rules.canonical``), so it holds whichever document or merge brings the fact back.

A document graph stores the curated triples and, when any correction changed it, how
to get back: ``<doc> pkg:withheld`` (N-Triples of the raw triples the corrections
removed), ``pkg:introduced`` (those they put in) and ``pkg:correctedBy`` each
correction that changed it. ``raw = stored - delta - introduced + withheld``, exactly.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from typing import Callable, Iterable

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS
from rdflib.term import Identifier

from kg.archive.corrections.records import ADDED_GRAPH, Correction, correction_iri
from kg.rdf.namespace import PKG
from kg.store.safety import sparql_term
from kg.store.terms import from_ox

Triple = tuple[Identifier, Identifier, Identifier]
DELTA = (PKG.withheld, PKG.introduced, PKG.correctedBy)
# one value per node in a document graph (shapes.ttl): a merge keeps KEEP's own
_ONE_VALUED = {RDFS.label, OWL.sameAs, PKG.status, PKG.isoCode, PKG.isoCode3,
               PKG.fullName}
_STATEMENT_PARTS = {RDF.subject: 0, RDF.predicate: 1, RDF.object: 2}


class Rules:
    """The active corrections, arranged for applying."""

    def __init__(self, corrections: Iterable[Correction]) -> None:
        corrections = list(corrections)
        # every node a label correction names, undone ones too (their old labels linger
        # in the added graph until it is described again)
        self.relabelled = {c.target for c in corrections if c.kind == "label"}
        active = sorted((c for c in corrections if c.active), key=lambda c: c.order)
        self.corrections = active
        self.merged_into: dict[URIRef, URIRef] = {}
        self.identity: list[Correction] = []
        for c in active:
            if c.kind == "split":
                self.identity.append(c)
            elif c.kind == "merge" and self._merge(c):
                self.identity.append(c)
        self.labels = [c for c in active if c.kind == "label"]
        self.adds = [c for c in active if c.kind == "add"]
        self.rejected = {self.canonical_fact(c.fact): c for c in active if c.kind == "reject"}

    def _merge(self, c: Correction) -> bool:
        keep = self.canonical(c.target)
        if keep == c.other:  # a cycle (two stores merged the other way round): the
            return False     # later merge is ignored
        for node, into in self.merged_into.items():
            if into == c.other:
                self.merged_into[node] = keep
        self.merged_into[c.other] = keep
        return True

    def canonical(self, term):
        """The node ``term`` is after every merge."""
        return self.merged_into.get(term, term)

    def canonical_fact(self, fact: Triple) -> Triple:
        s, p, o = fact
        return self.canonical(s), p, self.canonical(o)

    def __bool__(self) -> bool:
        return bool(self.corrections)


def curate(raw: Iterable[Triple], graph: URIRef, rules: Rules,
           source_path: str | None = None) -> tuple[set[Triple], list[str]]:
    """The corrected triples of ``graph`` and the ids of the corrections that changed
    them (see the module)."""
    g, applied = set(raw), []
    if not rules:
        return g, applied
    nodes = _nodes(g)
    for c in rules.identity:
        if c.kind == "merge" and c.other in nodes:
            g = _rewrite(g, c.other, c.target)
        elif (c.kind == "split" and c.target in nodes
              and (graph in c.documents or (source_path and source_path in c.paths))):
            g = _rewrite(g, c.target, c.new_node)
        else:
            continue
        nodes = _nodes(g)
        applied.append(c.id)
    applied += _relabel(g, rules.labels, nodes)
    if graph != ADDED_GRAPH:
        gone = {t for t in g if t in rules.rejected}
        g = _without_facts(g, gone)
        applied += sorted({rules.rejected[t].id for t in gone})
    return g, applied


def _nodes(g: set[Triple]) -> set:
    return {t[0] for t in g} | {t[2] for t in g if isinstance(t[2], URIRef)}


def _rewrite(g: set[Triple], old: URIRef, new: URIRef) -> set[Triple]:
    """``old`` replaced by ``new`` everywhere; ``new``'s own one-valued facts win."""
    own = {(p, o) for s, p, o in g if s == new and p in _ONE_VALUED}
    owned = {p for p, _ in own}
    out, dropped = set(), set()
    for s, p, o in g:
        fact = (new if s == old else s, p, new if o == old else o)
        if s == old and p in owned and (p, fact[2]) not in own:
            dropped.add(fact)
        else:
            out.add(fact)
    return _without_facts(out | dropped, dropped)


def _without_facts(g: set[Triple], facts: set[Triple]) -> set[Triple]:
    """``g`` without ``facts`` and the ``rdf:Statement`` nodes that describe them."""
    if not facts:
        return g
    parts: dict = defaultdict(lambda: [None, None, None])
    for s, p, o in g:
        if p in _STATEMENT_PARTS:
            parts[s][_STATEMENT_PARTS[p]] = o
    statements = {st for st, spo in parts.items() if tuple(spo) in facts}
    return {t for t in g if t not in facts and t[0] not in statements}


def _relabel(g: set[Triple], labels: list[Correction], nodes: set) -> list[str]:
    applied = []
    for c in labels:
        if c.target not in nodes:
            continue
        old = {t for t in g if t[0] == c.target and t[1] == RDFS.label}
        new = (c.target, RDFS.label, c.label)
        if old and old != {new}:
            g -= old
            g.add(new)
            applied.append(c.id)
    return applied


# -- the added graph -------------------------------------------------------------------------
def added_triples(rules: Rules, describe: Callable[[set], set[Triple]]) -> set[Triple]:
    """The added graph: every active addition (its terms read through the merges) with
    an ``rdf:Statement`` derived from its correction, and what ``describe`` says of the
    nodes they use (type, label, ISO code: the graph is self-contained). A node with a
    type but no label anywhere is labelled by its IRI's last segment until an analyst
    labels it."""
    g: set[Triple] = set()
    used = set()
    for c in rules.adds:
        s, p, o = rules.canonical_fact(c.fact)
        g.add((s, p, o))
        used.add(s)
        if isinstance(o, URIRef) and p not in (RDF.type, OWL.sameAs):
            used.add(o)
        if p != RDF.type:
            st = URIRef(f"{ADDED_GRAPH}/fact/{_digest(s, p, o)}")
            g |= {(st, RDF.type, RDF.Statement), (st, RDF.subject, s),
                  (st, RDF.predicate, p), (st, RDF.object, o),
                  (st, PROV.wasDerivedFrom, correction_iri(c.id))}
    g |= describe(used)
    labelled = {t[0] for t in g if t[1] == RDFS.label}
    for node in {t[0] for t in g if t[1] == RDF.type and t[2] != RDF.Statement} - labelled:
        g.add((node, RDFS.label, Literal(str(node).rstrip("/").rsplit("/", 1)[-1])))
    _relabel(g, rules.labels, _nodes(g))
    return g


def _digest(*terms) -> str:
    return hashlib.sha1("\x1f".join(t.n3() for t in terms).encode()).hexdigest()[:16]


# -- a document's way back -------------------------------------------------------------------
def with_delta(graph: URIRef, raw: set[Triple], curated: set[Triple],
               applied: list[str]) -> set[Triple]:
    """``curated`` plus the triples that record how to get back to ``raw``."""
    if not applied:
        return set(curated)
    return curated | {(graph, PKG.withheld, Literal(ntriples(raw - curated))),
                      (graph, PKG.introduced, Literal(ntriples(curated - raw)))} | {
        (graph, PKG.correctedBy, correction_iri(i)) for i in applied}


def raw_of(stored: Iterable[Triple], graph: URIRef) -> tuple[set[Triple], set[Triple]]:
    """(what extraction produced, the delta triples) of a stored graph."""
    stored = set(stored)
    delta = {t for t in stored if t[0] == graph and t[1] in DELTA}
    withheld, introduced = set(), set()
    for _, p, o in delta:
        if p == PKG.withheld:
            withheld = parse_ntriples(str(o))
        elif p == PKG.introduced:
            introduced = parse_ntriples(str(o))
    return (stored - delta - introduced) | withheld, delta


def corrected_by(stored: Iterable[Triple], graph: URIRef) -> set[str]:
    prefix = len(str(correction_iri("")))
    return {str(o)[prefix:] for s, p, o in stored if s == graph and p == PKG.correctedBy}


def ntriples(triples: Iterable[Triple]) -> str:
    """N-Triples text, one triple a line, sorted (the same set gives the same text)."""
    return "".join(sorted(" ".join(sparql_term(t) for t in triple) + " .\n"
                          for triple in triples))


def parse_ntriples(text: str) -> set[Triple]:
    return {(from_ox(t.subject), from_ox(t.predicate), from_ox(t.object))
            for t in ox.parse(input=text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)}
