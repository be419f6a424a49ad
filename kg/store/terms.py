"""Conversion between rdflib terms (and graphs) and pyoxigraph terms (and quads)."""

from __future__ import annotations

import pyoxigraph as ox
from typing import Iterator

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier


def to_ox(term: Identifier):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot convert {term!r} to an RDF term")


def from_ox(term) -> Identifier | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"unsupported term {term!r}")


def graph_quads(graph: Graph, g: ox.NamedNode) -> tuple[Iterator[ox.Quad], list[ox.Quad]]:
    """The graph's triples as quads in ``g``: those not about ``g`` itself (a generator,
    so that a long document's are made chunk by chunk) and those about it (written last:
    kg.store.oxigraph.CHUNK_QUADS says why)."""
    own = [quad(t, g) for t in graph.triples((graph.identifier, None, None))]
    return (quad((s, p, o), g) for s, p, o in graph if s != graph.identifier), own


def quad(triple: tuple, g: ox.NamedNode) -> ox.Quad:
    s, p, o = triple
    return ox.Quad(to_ox(s), to_ox(p), to_ox(o), g)
