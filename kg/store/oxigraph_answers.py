"""A query on an open pyoxigraph ``Store`` and its answer read (``kg.store.oxigraph``):
as rdflib terms, the store contract's ``QueryResult``, or as plain text."""

from __future__ import annotations

import threading

import pyoxigraph as ox

from kg.core.constants import DEFAULT_PREFIXES
from kg.core.errors import QueryError
from kg.store.base import QueryResult
from kg.store.query_limits import has_dataset_clause
from kg.store.terms import from_ox


def run_query(db: ox.Store, sparql: str, subs: dict, max_rows: int | None,
              cancel: threading.Event) -> QueryResult:
    """The answer as rdflib terms, at most ``max_rows``; given up once ``cancel`` is set."""
    return _answering(db, sparql, subs, lambda answer: _result(answer, max_rows, cancel))


def text_values(db: ox.Store, sparql: str, subs: dict) -> list[tuple[str | None, ...]]:
    """A SELECT's rows as pyoxigraph's own values, read as text: an rdflib term per
    value costs ~10x what the query does (0.1 CPU-s for 10,000 rows, 1 s with terms)."""
    def read(answer) -> list[tuple[str | None, ...]]:
        width = len(answer.variables)
        return [tuple(None if (term := row[i]) is None else term.value
                      for i in range(width)) for row in answer]

    return _answering(db, sparql, subs, read)


def _answering(db: ox.Store, sparql: str, subs: dict, read):
    try:
        # The default graph is the union of the documents, unless the query names its
        # own (FROM / FROM NAMED), which the union option would silently override.
        answer = db.query(sparql, use_default_graph_as_union=not has_dataset_clause(sparql),
                          prefixes=DEFAULT_PREFIXES, substitutions=subs or None)
        return read(answer)
    except SyntaxError as exc:
        raise QueryError(f"malformed query: {exc}") from exc
    except (OSError, RuntimeError) as exc:  # also while streaming (a SERVICE call...)
        raise QueryError(f"query failed: {exc}") from exc


def _result(answer, max_rows: int | None, cancel: threading.Event) -> QueryResult:
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        columns = [v.value for v in answer.variables]
        rows, truncated = _take(answer, max_rows, cancel,
                                lambda sol: tuple(from_ox(sol[c]) for c in columns))
        return QueryResult("select", columns=columns, rows=rows, truncated=truncated)
    triples, truncated = _take(answer, max_rows, cancel,
                               lambda t: (from_ox(t.subject), from_ox(t.predicate),
                                          from_ox(t.object)))
    return QueryResult("graph", columns=["subject", "predicate", "object"],
                       triples=triples, truncated=truncated)


def _take(items, max_rows, cancel: threading.Event, convert):
    """Convert at most ``max_rows`` items; give up once the caller stopped waiting."""
    out = []
    for item in items:
        if max_rows is not None and len(out) >= max_rows:
            return out, True
        if cancel.is_set():  # past the time limit: nobody reads the rest
            raise QueryError("query cancelled at its time limit")
        out.append(convert(item))
    return out, False
