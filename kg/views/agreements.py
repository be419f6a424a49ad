"""Agreements as tables. The page's (``agreement_rows``): one row per agreement, its
parties as a list (the page shows how many and opens them in full on click) and the
number of documents that report it (not their names: a treaty may be in thousands; its
entity page lists them, paged), read from the catalog the write path keeps. The
export's (``agreements_table``): every document's file name in full, from the graphs.
"""

from __future__ import annotations

from collections import defaultdict

import pandas as pd

from kg.archive import catalog
from kg.store.base import Store
from kg.views.display import best_label, entity_label, format_duration, format_money

# (agreement, field, value) rows pivoted in Python: one OPTIONAL per field would multiply
# parties x durations x values x documents into a cross product. Patterns joined inside
# each document graph (kg.views explains why).
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
  UNION { ?doc pkg:mentions ?a BIND(?doc AS ?value) BIND("documents" AS ?field) }
} }"""
COLUMNS = ["Agreement", "Parties", "Status", "Date", "Duration", "Value", "Documents",
           "parties", "iri"]
AGREEMENT_COLUMNS = {"label": "Agreement", "parties": "Parties", "duration": "Duration",
                     "value": "Value", "status": "Status", "date": "Date",
                     "documents": "Documents"}
SHOWN_PARTIES = 3  # a longer list says how many and opens in full on click


_FILE_NAMES = "SELECT ?doc ?name WHERE { GRAPH ?doc { ?doc pkg:fileName ?name } }"


def agreement_cells(store: Store) -> dict[str, dict[str, set[str]]]:
    """agreement -> field -> values, as text to show ("documents": document IRIs)."""
    cells: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for a, field, value in store.query(_FIELDS).rows:
        cells[str(a)][str(field)].add(_agreement_cell(str(field), str(value)))
    return cells


def file_names(store: Store) -> dict[str, str]:
    """document IRI -> its file name."""
    return {str(doc): str(name) for doc, name in store.query(_FILE_NAMES).rows}


def agreement_rows(store: Store) -> pd.DataFrame:
    """One row per agreement, by label: ``parties`` the full list, ``Parties`` the first
    few and how many, ``Documents`` how many documents report it; the other columns as
    text (several values joined by "; "). From the catalog the write path keeps."""
    cat = catalog.current(store)
    parties = defaultdict(set)
    for a, relation, party in cat.relations:
        if relation == "party" and party in cat.entities:
            parties[a].add(entity_label(cat.entities[party]))
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
    """One row per agreement: parties, duration, value, status, documents (text cells)."""
    cells = agreement_cells(store)
    names = file_names(store)
    rows = []
    for a, fields in cells.items():
        fields["documents"] = {names.get(d, d) for d in fields["documents"]}
        row = {col: "; ".join(sorted(fields.get(f, ()))) for f, col in AGREEMENT_COLUMNS.items()}
        row["Agreement"] = best_label(fields["label"]) if fields["label"] else a
        rows.append({**row, "iri": a})
    df = pd.DataFrame(rows, columns=[*AGREEMENT_COLUMNS.values(), "iri"])
    return df.sort_values(["Agreement", "iri"], key=lambda s: s.str.lower(),
                          ignore_index=True)


def _agreement_cell(field: str, value: str) -> str:
    if field == "value":
        amount, _, currency = value.partition(" ")
        return format_money(amount, currency)
    if field == "duration":
        return format_duration(value)
    return " ".join(value.split())  # labels may span lines ("Force\n\nThe ...")
