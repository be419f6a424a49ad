"""Running a user's SPARQL query under the safety rules (``kg.store.safety``) and formatting
its result: JSON, CSV, TSV and XML as the SPARQL 1.1 result formats define them."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Mapping

from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier

from kg.querying.processes import can_isolate, run_in_query_process
from kg.store.base import QueryResult, Store
from kg.store.query_limits import check_limits
from kg.store.safety import check_bindings, check_query

FORMATS = ("table", "tsv", "json", "csv")
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_ROWS = 10_000
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def run_query(store: Store, sparql: str, bindings: Mapping[str, Identifier] | None = None,
              *, timeout: float | None = DEFAULT_TIMEOUT,
              max_rows: int | None = DEFAULT_MAX_ROWS,
              allow_service: bool = False) -> QueryResult:
    """Run a user's query on ``store``: within the size, nesting and operator limits
    (``kg.store.query_limits``), only queries, no SERVICE unless ``allow_service``, at most
    ``timeout`` seconds and ``max_rows`` rows (QueryError otherwise;
    ``result.truncated`` when the row limit cut the result).

    On an embedded store on disk the query runs in a query process (``kg.querying.processes``)
    that is killed at the time limit, so the store's lock and the CPU are let go at
    once, and a query that crashes the store's engine fails alone."""
    check_limits(sparql)
    if can_isolate(store):
        return run_in_query_process(store, sparql, bindings, timeout=timeout,
                                    max_rows=max_rows, allow_service=allow_service)
    info = check_query(sparql, allow_service=allow_service)
    check_bindings(info, bindings or {})
    return store.query(sparql, bindings, timeout=timeout, max_rows=max_rows)


def truncation_note(result: QueryResult, max_rows: int | None) -> str | None:
    """What to tell the user when the row limit cut ``result`` short."""
    if not result.truncated:
        return None
    limit = f"the row limit of {max_rows}" if max_rows is not None else "the server's row limit"
    return f"stopped at {limit}; raise it (--max-rows) or narrow the query to see more"


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
        writer.writerow([_csv_term(v) for v in row])
    return buf.getvalue()


def _csv_term(term: Identifier | None) -> str:
    # SPARQL 1.1 CSV: plain values, a blank node keeps its _: so it is not read as text
    if term is None:
        return ""
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def to_plain_tsv(result: QueryResult) -> str:
    """Tab-separated plain values under a header of variable names, one row a line (what
    ``kg query`` prints into a pipe): a tab, newline or backslash inside a value is written
    \\t, \\n or \\\\, so every value stays whole and on its row."""
    columns, rows = _table(result)
    lines = ["\t".join(columns)]
    for row in rows:
        lines.append("\t".join(escape_tsv(_csv_term(v)) for v in row))
    return "\n".join(lines) + "\n"


def escape_tsv(text: str) -> str:
    return (text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
            .replace("\r", "\\r"))


def to_tsv(result: QueryResult) -> str:
    """SPARQL 1.1 TSV: a header of ?variables, then terms in Turtle/N-Triples syntax."""
    columns, rows = _table(result)
    lines = ["\t".join("?" + c for c in columns)]
    for row in rows:
        lines.append("\t".join("" if v is None else _tsv_term(v) for v in row))
    return "\n".join(lines) + "\n"


def _tsv_term(term: Identifier) -> str:
    # a raw tab or newline would split the row: escapes keep the term on one line
    return term.n3().replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def to_xml(result: QueryResult) -> str:
    """SPARQL Query Results XML Format."""
    from xml.sax.saxutils import escape, quoteattr

    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if result.kind == "ask":
        out += ["<head/>", f"<boolean>{'true' if result.boolean else 'false'}</boolean>"]
        return "\n".join(out + ["</sparql>"]) + "\n"
    columns, rows = _table(result)
    out.append("<head>" + "".join(f"<variable name={quoteattr(c)}/>" for c in columns)
               + "</head>")
    out.append("<results>")
    for row in rows:
        cells = "".join(f"<binding name={quoteattr(c)}>{_xml_term(v, escape, quoteattr)}"
                        "</binding>" for c, v in zip(columns, row) if v is not None)
        out.append(f"<result>{cells}</result>")
    return "\n".join(out + ["</results>", "</sparql>"]) + "\n"


def _xml_term(term: Identifier, escape, quoteattr) -> str:
    # XML 1.0 cannot carry most control characters (PDF text has form feeds)
    escape = (lambda text, _e=escape: _e(_NOT_XML.sub("\ufffd", text)))
    if isinstance(term, URIRef):
        return f"<uri>{escape(str(term))}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{escape(str(term))}</bnode>"
    attrs = ""
    if term.language:
        attrs = f" xml:lang={quoteattr(term.language)}"
    elif term.datatype:
        attrs = f" datatype={quoteattr(str(term.datatype))}"
    return f"<literal{attrs}>{escape(str(term))}</literal>"


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
