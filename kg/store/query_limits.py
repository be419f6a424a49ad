"""Limits a query meets before anything parses or runs it: its size, how deeply it
nests brackets, how many operators it has. Checked on the text's tokens (strings, IRIs
and comments skipped), in time linear in its length.

Why these three (measured; docs/stores.md):

- rdflib's SPARQL parser recurses about 35 Python frames per level of parentheses and
  20 per level of braces: some 25 levels of ``(`` raise RecursionError. It also spends
  1 to 2 ms per operator or argument: a 129 KB FILTER of 10,000 ``||`` took 20 s to
  parse, an ``IN`` list of 2,000 values 3 s (a ``VALUES`` block, 0.15 ms per value).
- Oxigraph evaluates each operator of a chain (``||``, ``+``, a triple pattern, BIND,
  UNION, a property path step) one level deeper on the native stack: 10,000 ``||``
  (or 4,000 BINDs) overflow it, and the process dies of a segmentation fault.

The limits leave ordinary queries far below (the example queries in ``queries/`` have
at most 27 operators and 5 levels) and the failures above far beyond. The values of a
``VALUES`` block are not operators: a long list of values goes there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.core.errors import QueryError

MAX_QUERY_CHARS = 100_000
MAX_NESTING = 16  # levels of ( [ { together
MAX_OPERATORS = 1_000

# SPARQL's tokens, as far as these checks and kg.store.bindings need them
TOKENS = re.compile(r'''
    (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
              |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<comment>\#[^\n\r]*)
  | (?P<var>[?$][\w\u00B7]+)
  | (?P<number>\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)
  | (?P<word>[^\W\d][\w.\-]*(?::[\w.\-%]*)?|:[\w.\-%]*)
  | (?P<datatype>\^\^)
  | (?P<op>\|\||&&|!=|<=|>=|[=<>+\-*/!|^])
  | (?P<open>[(\[{])
  | (?P<close>[)\]}])
  | (?P<separator>[.;,])
  | (?P<other>\S)''', re.X | re.S)
# Keywords that add an operator to the query's algebra.
_KEYWORDS = frozenset({"UNION", "OPTIONAL", "MINUS", "FILTER", "BIND", "GRAPH", "SERVICE",
                       "EXISTS"})


@dataclass(frozen=True)
class QueryShape:
    """What the tokens of a query say, before any parsing."""

    chars: int
    nesting: int    # deepest level of ( [ { together
    operators: int  # ||, &&, comparisons, arithmetic, path steps, separators (. ; ,
                    # between patterns and arguments), UNION, OPTIONAL, FILTER, BIND...
    dataset: bool   # a FROM or FROM NAMED clause


def query_shape(text: str) -> QueryShape:
    depth = deepest = operators = 0
    dataset = False
    for m in TOKENS.finditer(text):
        kind = m.lastgroup
        if kind == "open":
            depth += 1
            deepest = max(deepest, depth)
        elif kind == "close":
            depth = max(depth - 1, 0)
        elif kind in ("op", "separator"):
            operators += 1
        elif kind == "word":
            word = m.group().upper()
            operators += word in _KEYWORDS
            dataset = dataset or (word == "FROM" and depth == 0)
    return QueryShape(len(text), deepest, operators, dataset)


def check_limits(text: str) -> QueryShape:
    """``text``'s shape if it is within the limits; otherwise a QueryError naming the
    limit it is past."""
    if len(text) > MAX_QUERY_CHARS:  # before the scan: it is linear, but why scan more
        raise QueryError(f"query too long: {len(text):,} characters, over the limit of "
                         f"{MAX_QUERY_CHARS:,} characters; split it into several queries")
    shape = query_shape(text)
    if shape.nesting > MAX_NESTING:
        raise QueryError(f"query nested too deeply: {shape.nesting} levels of (, [ or {{, "
                         f"over the limit of {MAX_NESTING}; flatten the expression")
    if shape.operators > MAX_OPERATORS:
        raise QueryError(f"query too complex: {shape.operators:,} operators (||, &&, "
                         f"comparisons, arithmetic, path steps, separators . ; , UNION, "
                         f"FILTER...), over the limit of {MAX_OPERATORS:,} operators; for a "
                         f"long list of alternatives use a VALUES block, which takes any "
                         f"number of values")
    return shape


def has_dataset_clause(text: str) -> bool:
    """Whether the query names its graphs (FROM / FROM NAMED): then its dataset is the
    one it names, not the union of the documents."""
    return query_shape(text).dataset
