"""Reading corrections back: ``kg corrections`` and the app's Corrections page.

One row per correction, ``id`` first: when, who, what kind, the terms (as ``kg
correct`` takes them), why, and whether the node it is about is still in the store (a
correction whose documents were removed stays, listed as orphaned, and applies again if
they come back).
"""

from __future__ import annotations

import csv
import io
import json

from rdflib import URIRef

from kg.archive.corrections.records import Correction, read_corrections
from kg.archive.corrections.terms import ENTITY_CLASSES
from kg.store.safety import sparql_term
from kg.store.base import Store

FORMATS = ("table", "tsv", "csv", "json")
COLUMNS = ("id", "time", "author", "kind", "terms", "reason", "exists", "status")
_PRESENT = """SELECT DISTINCT ?n WHERE {{
  VALUES ?n {{ {nodes} }} VALUES ?k {{ {kinds} }} ?n a ?k }}"""


def present(store: Store, nodes) -> set[str]:
    """Which of ``nodes`` the store holds as an entity (one query for all)."""
    nodes = sorted({n for n in nodes if isinstance(n, URIRef)})
    if not nodes:
        return set()
    text = _PRESENT.format(nodes=" ".join(sparql_term(n) for n in nodes),
                           kinds=" ".join(sparql_term(k) for k in ENTITY_CLASSES))
    return {str(row[0]) for row in store.query(text).rows}


def correction_rows(store: Store, include_undone: bool = False) -> list[dict]:
    """The store's corrections, oldest first (active ones only unless
    ``include_undone``); ``exists`` tells whether the node each is about is stored."""
    with store.reading():
        records = [c for c in read_corrections(store) if include_undone or c.active]
        found = present(store, (c.about for c in records))
    return [row(c, str(c.about) in found) for c in records]


def row(c: Correction, exists: bool) -> dict:
    status = "active" if c.active else f"undone {c.undone_at} by {c.undone_by}"
    return {"id": c.id, "time": str(c.time), "author": c.author, "kind": c.kind,
            "terms": c.terms(), "reason": c.reason or "", "exists": exists,
            "status": status, **_terms(c)}


def _terms(c: Correction) -> dict:
    """The terms one by one (JSON and the app): subject/predicate/object or target..."""
    out = {"subject": c.subject, "predicate": c.predicate, "object": c.object,
           "target": c.target, "other": c.other, "label": c.label, "new_node": c.new_node,
           "documents": list(c.documents)}
    return {k: ([str(d) for d in v] if isinstance(v, list) else None if v is None
                else str(v)) for k, v in out.items()}


def render(rows: list[dict], fmt: str) -> str:
    """``rows`` as tsv, csv or json (the table is drawn by the CLI)."""
    if fmt == "json":
        return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    buf = io.StringIO()
    if fmt == "csv":
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows([_cell(r[c]) for c in COLUMNS] for r in rows)
        return buf.getvalue()
    lines = ["\t".join(COLUMNS)]
    lines += ["\t".join(_tsv(_cell(r[c])) for c in COLUMNS) for r in rows]
    return "\n".join(lines) + "\n"


def _cell(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else str(value)


def _tsv(text: str) -> str:
    return (text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
            .replace("\r", "\\r"))
