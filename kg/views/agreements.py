"""Agreements as tables. The page's (``agreement_rows``): one row per agreement, its
parties as a list (the page shows how many and opens them in full on click) and the
number of documents that report it (not their names: a treaty may be in thousands; its
entity page lists them, paged), read from the catalog the write path keeps. The
export's (``agreements_table``, ``export_rows``): every document's file name in full, the
document that is its text and its signatories, from the graphs.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterator

import pandas as pd
from rdflib import URIRef

from kg.archive import catalog
from kg.store.base import Store
from kg.views.display import best_label, entity_label, format_duration, format_money

# (agreement, field, value) rows pivoted in Python: one OPTIONAL per field would multiply
# parties x durations x values x documents into a cross product. Patterns joined inside
# each document graph (kg.views explains why). Bound to one agreement (?a) for the export.
_FIELDS = """
SELECT DISTINCT ?a ?field ?value WHERE { GRAPH ?doc {
  ?a a pkg:Agreement .
  { ?a rdfs:label ?value BIND("label" AS ?field) }
  UNION { ?a pkg:party/rdfs:label ?value BIND("parties" AS ?field) }
  UNION { ?a pkg:duration ?value BIND("duration" AS ?field) }
  UNION { ?a pkg:value ?m . ?m pkg:amount ?amount ; pkg:currency ?currency
          BIND(CONCAT(STR(?amount), " ", STR(?currency)) AS ?value) BIND("value" AS ?field) }
  UNION { ?a pkg:status ?value BIND("status" AS ?field) }
  UNION { ?a pkg:date ?value BIND("date" AS ?field) }
  UNION { ?doc pkg:mentions ?a ; pkg:fileName ?value BIND("documents" AS ?field) }
  UNION { ?doc pkg:textOf ?a ; pkg:fileName ?value BIND("text_document" AS ?field) }
  UNION { ?a pkg:signatory ?p . ?p rdfs:label ?name .
          OPTIONAL { ?p pkg:actsFor/rdfs:label ?for }
          BIND(IF(BOUND(?for), CONCAT(?name, " (", ?for, ")"), ?name) AS ?value)
          BIND("signatories" AS ?field) }
} }"""
_LABELS = """
SELECT DISTINCT ?a ?label WHERE { GRAPH ?doc { ?a a pkg:Agreement ; rdfs:label ?label } }"""
COLUMNS = ["Agreement", "Parties", "Status", "Date", "Duration", "Value", "Documents",
           "parties", "iri"]
AGREEMENT_COLUMNS = {"label": "Agreement", "parties": "Parties", "duration": "Duration",
                     "value": "Value", "status": "Status", "date": "Date",
                     "documents": "Documents", "text_document": "Text document",
                     "signatories": "Signatories"}
SHOWN_PARTIES = 3  # a longer list says how many and opens in full on click



def agreement_rows(store: Store) -> pd.DataFrame:
    """One row per agreement, by label: ``parties`` the full list, ``Parties`` the first
    few and how many, ``Documents`` how many documents report it; the other columns as
    text (several values joined by "; "). From the catalog the write path keeps."""
    cat = catalog.current(store)
    parties, label = defaultdict(set), {}  # label: once per party, not per agreement
    for a, relation, party in cat.relations:
        if relation == "party" and party in cat.entities:
            if party not in label:
                label[party] = entity_label(cat.entities[party])
            parties[a].add(label[party])
    rows = []
    for a, e in cat.entities.items():
        if e.kind != "Agreement":
            continue
        terms = cat.terms.get(a, {})
        names = sorted(parties[a], key=str.lower)
        rows.append({"Agreement": entity_label(e), "Parties": short_list(names),
                     "parties": names, "Documents": e.documents, "iri": a,
                     **{col: "; ".join(sorted({_agreement_cell(f, v) for v in terms.get(f, ())}))
                        for f, col in (("status", "Status"), ("date", "Date"),
                                       ("duration", "Duration"), ("value", "Value"))}})
    df = pd.DataFrame(rows, columns=COLUMNS)
    return df.sort_values(["Agreement", "iri"], key=lambda s: s.str.lower(),
                          ignore_index=True)


def short_list(items: list[str], shown: int = SHOWN_PARTIES) -> str:
    """``"A; B; C"``, or for a longer list ``"A; B; C … (12 in all)"``."""
    if len(items) <= shown:
        return "; ".join(items)
    return "; ".join(items[:shown]) + f" … ({len(items)} in all)"


def agreements_table(store: Store) -> pd.DataFrame:
    """One row per agreement (the export's): parties, duration, value, status, every
    document that reports it by file name, the document that is its text, its
    signatories with the party each signed for (text cells); ``export_rows`` in a frame."""
    return pd.DataFrame(list(export_rows(store)), columns=[*AGREEMENT_COLUMNS.values(), "iri"])


def export_rows(store: Store) -> Iterator[dict]:
    """``agreements_table``'s rows one at a time, in its order: the agreements' labels
    first (one query), then each agreement's fields (one bound query each, ~1 ms), so
    that a caller writes the first row at once and holds one agreement at a time."""
    labels: dict[str, set] = defaultdict(set)
    for a, label in store.query(_LABELS).rows:
        labels[str(a)].add(_agreement_cell("label", str(label)))
    for a in sorted(labels, key=lambda a: (best_label(labels[a]).lower(), a.lower())):
        fields: dict[str, set] = defaultdict(set)
        for _, field, value in store.query(_FIELDS, {"a": URIRef(a)}).rows:
            fields[str(field)].add(_agreement_cell(str(field), str(value)))
        row = {col: "; ".join(sorted(fields.get(f, ()))) for f, col in AGREEMENT_COLUMNS.items()}
        row["Agreement"] = best_label(fields["label"]) if fields["label"] else a
        yield {**row, "iri": a}


def _agreement_cell(field: str, value: str) -> str:
    if field == "value":
        amount, _, currency = value.partition(" ")
        return format_money(amount, currency)
    if field == "duration":
        return format_duration(value)
    return " ".join(value.split())  # labels may span lines ("Force\n\nThe ...")
