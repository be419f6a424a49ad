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

from rdflib import Literal, URIRef

from kg.store.safety import sparql_term

# Characters of update text per request when a change is split over several: far below
# any server's request limit, far above an ordinary document's graph.
REQUEST_CHARS = 8_000_000
# Triples per GRAPH block: Virtuoso 7's SPARQL parser stops ("SP030 ... memory exhausted")
# past about 4,990 triples in one group; more go in several blocks of one operation.
GRAPH_BLOCK = 4_000


@dataclass
class GraphChange:
    """What one write does to a named graph: ``removed`` goes, then ``added`` comes."""

    graph: str
    removed: Collection[tuple] = field(default_factory=set)
    added: Collection[tuple] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.removed or self.added)


def operation(verb: str, graph: str, triples: Iterable[tuple],
              retype: Collection[str] = ()) -> str:
    """One ``INSERT``/``DELETE`` operation for ``triples`` in ``graph``: a DATA form, or a
    template over a WHERE of BINDs when it has blank nodes (an insert) or ``retype``d
    literals."""
    return graphs_operation(verb, [(graph, triples)], retype)


def graphs_operation(verb: str, graphs: Iterable[tuple[str, Iterable[tuple]]],
                     retype: Collection[str] = ()) -> str:
    """``operation`` over several graphs at once (``(graph, triples)`` pairs): one
    operation, so a server applies all of it or none; "" when there are no triples."""
    bnodes: dict = {} if verb == "INSERT" else None
    binds: list[str] = []

    def value(term) -> str:
        if isinstance(term, Literal) and str(term.datatype) in retype:
            binds.append(f"BIND(STRDT({sparql_term(Literal(str(term)))}, "
                         f"<{term.datatype}>) AS ?v{len(binds)})")
            return f"?v{len(binds) - 1}"
        return sparql_term(term, bnodes)

    blocks = []
    for graph, triples in graphs:
        lines = [f"{sparql_term(s, bnodes)} {sparql_term(p)} {value(o)} ." for s, p, o in triples]
        for start in range(0, len(lines), GRAPH_BLOCK):
            blocks.append(f"GRAPH {sparql_term(URIRef(graph))} {{\n"
                          + "\n".join(lines[start:start + GRAPH_BLOCK]) + "\n}")
    if not blocks:
        return ""
    body = "{ " + "\n".join(blocks) + " }"
    if bnodes or binds:
        return f"{verb} {body} WHERE {{ {' '.join(binds)} }}"
    return f"{verb} DATA {body}"


def requests(changes: Iterable[GraphChange], retype: Collection[str] = ()) -> Iterator[str]:
    """The update requests for ``changes``: each graph's deletion before its insertion,
    as few requests as ``REQUEST_CHARS`` allows (one, for ordinary changes)."""
    batch: list[str] = []
    size = 0
    for change in changes:
        for verb, triples in (("DELETE", change.removed), ("INSERT", change.added)):
            if not triples:
                continue
            text = operation(verb, change.graph, triples, retype)
            if batch and size + len(text) > REQUEST_CHARS:
                yield " ;\n".join(batch)
                batch, size = [], 0
            batch.append(text)
            size += len(text)
    if batch:
        yield " ;\n".join(batch)
