"""SPARQL Update text for writing triples into named graphs, every term validated.

Terms are written in N-Triples syntax by ``kg.store.safety.sparql_term``: nothing from a
document reaches the text of an update any other way. ``retype`` names datatypes a
server mangles in ``INSERT DATA``/``DELETE DATA`` (Virtuoso 7 and durations, decimals):
those literals are built by ``STRDT`` in a ``BIND`` of a template update instead, which
stores (and matches, for a delete) the same literal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Collection, Iterable, Iterator

from rdflib import BNode, Literal, URIRef

from kg.store.derived import INDEX_GRAPH, drop_documents_update
from kg.store.safety import sparql_term

# Characters of update text per request when a change is split over several: far below
# any server's request limit, far above an ordinary document's graph.
REQUEST_CHARS = 8_000_000
# Triples per GRAPH block: Virtuoso 7's SPARQL parser stops ("SP030 ... memory exhausted")
# past about 4,990 triples in one group; more go in several blocks of one operation.
GRAPH_BLOCK = 4_000


@dataclass
class GraphChange:
    """What one write does to a named graph: ``removed`` goes, then ``added`` comes.
    ``derived``, for a document's graph: its derived data after the change, which
    replaces what it had in the same request (``kg.store.derived``)."""

    graph: str
    removed: Collection[tuple] = field(default_factory=set)
    added: Collection[tuple] = field(default_factory=set)
    derived: Collection[tuple] | None = None

    def __bool__(self) -> bool:
        return bool(self.removed or self.added)


def operation(verb: str, graph: str, triples: Iterable[tuple],
              retype: Collection[str] = ()) -> str:
    """The ``INSERT``/``DELETE`` of ``triples`` in ``graph``: a DATA form, and a template
    over a WHERE of BINDs for the triples with blank nodes (an insert) or ``retype``d
    literals (``graphs_operation``)."""
    return graphs_operation(verb, [(graph, triples)], retype)


def graphs_operation(verb: str, graphs: Iterable[tuple[str, Iterable[tuple]]],
                     retype: Collection[str] = ()) -> str:
    """``operation`` over several graphs at once (``(graph, triples)`` pairs); "" when
    there are no triples. The triples a DATA form cannot carry (blank nodes in an insert,
    ``retype``d literals) go in a template operation of their own, first; the others in
    one DATA operation: Virtuoso 7 turns a template into SQL of ten lines or so a triple
    and refuses one of 10,000 lines (SP031), which a whole document graph of 1,000
    triples passes, while a DATA form of many GRAPH blocks goes in. A server that runs
    the two one after the other (Virtuoso) has written the template's few triples when
    the second fails; the document's own node is in the second, so the document is not
    seen as stored and is written again whole."""
    bnodes: dict | None = {} if verb == "INSERT" else None
    binds: list[str] = []

    def value(term) -> str:
        if isinstance(term, Literal) and str(term.datatype) in retype:
            binds.append(f"BIND(STRDT({sparql_term(Literal(str(term)))}, "
                         f"<{term.datatype}>) AS ?v{len(binds)})")
            return f"?v{len(binds) - 1}"
        return sparql_term(term, bnodes)

    def templated(triple: tuple) -> bool:
        s, _, o = triple
        return ((bnodes is not None and (isinstance(s, BNode) or isinstance(o, BNode)))
                or (isinstance(o, Literal) and str(o.datatype) in retype))

    plain: list[str] = []
    template: list[str] = []
    for graph, triples in graphs:
        lines: dict[bool, list[str]] = {False: [], True: []}
        for s, p, o in triples:
            lines[templated((s, p, o))].append(
                f"{sparql_term(s, bnodes)} {sparql_term(p)} {value(o)} .")
        plain.extend(_blocks(graph, lines[False]))
        template.extend(_blocks(graph, lines[True]))
    operations = []
    if template:
        operations.append(f"{verb} {{ " + "\n".join(template)
                          + f" }} WHERE {{ {' '.join(binds)} }}")
    if plain:
        operations.append(f"{verb} DATA {{ " + "\n".join(plain) + " }")
    return " ;\n".join(operations)


def _blocks(graph: str, lines: list[str]) -> Iterator[str]:
    for start in range(0, len(lines), GRAPH_BLOCK):
        yield (f"GRAPH {sparql_term(URIRef(graph))} {{\n"
               + "\n".join(lines[start:start + GRAPH_BLOCK]) + "\n}")


def requests(changes: Iterable[GraphChange], retype: Collection[str] = ()) -> Iterator[str]:
    """The update requests for ``changes``: each graph's deletion before its insertion,
    then the derived data of the documents that carry theirs (their old derived data
    dropped, the new added), as few requests as ``REQUEST_CHARS`` allows (one, for
    ordinary changes)."""
    batch: list[str] = []
    size = 0
    for text in _operations(list(changes), retype):
        if batch and size + len(text) > REQUEST_CHARS:
            yield " ;\n".join(batch)
            batch, size = [], 0
        batch.append(text)
        size += len(text)
    if batch:
        yield " ;\n".join(batch)


def _operations(changes: list[GraphChange], retype: Collection[str]) -> Iterator[str]:
    for change in changes:
        for verb, triples in (("DELETE", change.removed), ("INSERT", change.added)):
            if triples:
                yield operation(verb, change.graph, triples, retype)
    rederived = [c for c in changes if c.derived is not None]
    if rederived:
        yield drop_documents_update([c.graph for c in rederived], derived_only=True)
        derived = [t for c in rederived for t in c.derived]
        if derived:
            yield operation("INSERT", INDEX_GRAPH, derived, retype)
