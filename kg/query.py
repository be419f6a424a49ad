"""Running a user's SPARQL query and formatting its result (table, JSON, CSV)."""

from __future__ import annotations

import csv
import io
import json
from typing import Mapping

from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier

from kg.store.base import QueryResult, Store

FORMATS = ("table", "json", "csv")
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_ROWS = 10_000


def run_query(store: Store, sparql: str, bindings: Mapping[str, Identifier] | None = None,
              *, timeout: float | None = DEFAULT_TIMEOUT,
              max_rows: int | None = DEFAULT_MAX_ROWS) -> QueryResult:
    """Run a read-only query on ``store``."""
    return store.query(sparql, bindings, timeout=timeout, max_rows=max_rows)


def _json_term(term: Identifier) -> dict:
    # SPARQL 1.1 Query Results JSON Format, section 3.2.2
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if isinstance(term, Literal) and term.language:
        out["xml:lang"] = term.language
    elif isinstance(term, Literal) and term.datatype:
        out["datatype"] = str(term.datatype)
    return out


def to_json(result: QueryResult) -> str:
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": result.boolean}, indent=2)
    columns, rows = _table(result)
    bindings = [{c: _json_term(v) for c, v in zip(columns, row) if v is not None}
                for row in rows]
    return json.dumps({"head": {"vars": columns}, "results": {"bindings": bindings}},
                      indent=2, ensure_ascii=False)


def to_csv(result: QueryResult) -> str:
    columns, rows = _table(result)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if v is None else str(v) for v in row])
    return buf.getvalue()


def to_records(result: QueryResult) -> list[dict[str, str | None]]:
    """Rows as plain dicts of strings (for tables in the app and pandas)."""
    columns, rows = _table(result)
    return [{c: None if v is None else str(v) for c, v in zip(columns, row)} for row in rows]


def _table(result: QueryResult) -> tuple[list[str], list[tuple]]:
    if result.kind == "ask":
        return ["ask"], [(Literal(result.boolean),)]
    if result.kind == "graph":
        return ["subject", "predicate", "object"], result.triples
    return result.columns, result.rows
