"""Data out for the tools analysts already use: the actor network as GraphML (Gephi,
Cytoscape, yEd) and one CSV table per kind of thing (spreadsheets, pandas, R).

Both read the store through ``kg.views.graph`` and ``kg.views.browse``, the functions the app draws
from, so a file holds what the app shows. Multi-valued cells (several parties, aliases,
documents) are joined with "; ".
"""

from __future__ import annotations

import csv
from collections import defaultdict
from typing import BinaryIO, TextIO

import networkx as nx
import pandas as pd

from kg.core.errors import KgError
from kg.rdf.namespace import PKG
from kg.store.base import Store
from kg.views.agreements import AGREEMENT_COLUMNS, agreements_table, export_rows
from kg.views.browse import all_facts
from kg.views.display import best_label
from kg.views.graph import entity_network

TABLES = ("agreements", "persons", "organizations", "countries", "facts")
# The agreements table's columns in the CSV: the app's names lower-cased, "label" first.
AGREEMENT_CSV_SOURCE = {"label" if col == "Agreement" else col.lower().replace(" ", "_"): col
                        for col in AGREEMENT_COLUMNS.values()}
AGREEMENT_CSV = ["iri", *AGREEMENT_CSV_SOURCE]
_JOIN = "; "

# (entity, field, value) rows pivoted in Python, as kg.views.browse does for agreements: one
# OPTIONAL per field would multiply labels x roles x documents into a cross product.
_ENTITY_FIELDS = """
SELECT DISTINCT ?e ?kind ?field ?value WHERE { GRAPH ?doc {
  ?e a ?kind .
  { ?e rdfs:label ?value BIND("label" AS ?field) }
  UNION { ?e pkg:alias ?value BIND("aliases" AS ?field) }
  UNION { ?e pkg:isoCode ?value BIND("iso_code" AS ?field) }
  UNION { ?e pkg:isoCode3 ?value BIND("iso_code3" AS ?field) }
  UNION { ?e pkg:role ?value BIND("roles" AS ?field) }
  UNION { ?e pkg:actsFor/rdfs:label ?value BIND("acts_for" AS ?field) }
  UNION { ?e pkg:actsFor/pkg:isoCode ?value BIND("acts_for_iso" AS ?field) }
  UNION { ?doc pkg:mentions ?e ; pkg:fileName ?value BIND("documents" AS ?field) }
} }"""
_ENTITY_COLUMNS = {
    "persons": ("Person", ["label", "aliases", "roles", "acts_for", "acts_for_iso"]),
    "organizations": ("Organization", ["label", "aliases", "acts_for"]),
    "countries": ("Country", ["label", "iso_code", "iso_code3", "aliases"]),
}
_ISO = "SELECT DISTINCT ?c ?iso WHERE { ?c pkg:isoCode ?iso }"


# -- GraphML ---------------------------------------------------------------------------
def actor_network(store: Store) -> nx.MultiDiGraph:
    """Persons, countries, organizations and agreements with the stored facts between
    them (``actsFor``, ``party``). Nodes: ``label``, ``kind``, ``iso`` (countries),
    ``documents`` (how many mention it); edges: ``label`` (the relation) and
    ``documents`` (how many state it)."""
    net = entity_network(store, documents=False)
    g = nx.MultiDiGraph()
    for node, data in net.nodes(data=True):
        g.add_node(node, label=data["label"], kind=data["kind"], documents=data["count"])
    for c, iso in store.query(_ISO).rows:
        if str(c) in g:
            g.nodes[str(c)]["iso"] = str(iso)
    for s, o, relation, n in net.edges(keys=True, data="weight"):
        g.add_edge(s, o, key=relation, label=relation, documents=n)
    return g


def write_graphml(store: Store, out: BinaryIO) -> None:
    nx.write_graphml(actor_network(store), out, encoding="utf-8", prettyprint=True)


# -- CSV -------------------------------------------------------------------------------
def table(store: Store, name: str) -> pd.DataFrame:
    """One of TABLES as a DataFrame: one row per entity, or per fact and evidence
    sentence (``facts``)."""
    if name == "agreements":
        df = agreements_table(store)
        df = df.rename(columns=lambda c: "label" if c == "Agreement" else
                       c.lower().replace(" ", "_"))  # "Text document" -> text_document
        return df[["iri", *(c for c in df.columns if c != "iri")]]
    if name == "facts":
        # a fact the actor knowledge base added has no sentence: its offsets are empty
        # (nullable integers, not floats) and it names its knowledge sources instead
        facts = [{**f, "knowledge_sources": _JOIN.join(f.get("sources", []))}
                 for f in all_facts(store)]
        return pd.DataFrame(facts, columns=[
            "subject", "subject_label", "predicate", "object", "value", "evidence",
            "start_char", "end_char", "knowledge_sources", "document", "file_name"]
        ).astype({"start_char": "Int64", "end_char": "Int64"})
    if name in _ENTITY_COLUMNS:
        return _entity_table(store, *_ENTITY_COLUMNS[name])
    raise KgError(f"unknown table {name!r}; choose one of {', '.join(TABLES)}")


def write_table(store: Store, name: str, out: TextIO) -> None:
    if name == "agreements":  # streamed: the first row at once, one agreement held
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(AGREEMENT_CSV)
        for row in export_rows(store):
            writer.writerow(row["iri" if c == "iri" else AGREEMENT_CSV_SOURCE[c]]
                            for c in AGREEMENT_CSV)
        return
    table(store, name).to_csv(out, index=False, lineterminator="\n")


def _entity_table(store: Store, kind: str, fields: list[str]) -> pd.DataFrame:
    cells: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for e, _, field, value in store.query(_ENTITY_FIELDS, {"kind": PKG[kind]}).rows:
        cells[str(e)][str(field)].add(" ".join(str(value).split()))
    rows = []
    for iri, values in cells.items():
        label = best_label(values["label"]) if values["label"] else iri
        values["aliases"] |= values["label"] - {label}
        row = {f: _JOIN.join(sorted(values[f])) for f in fields}
        rows.append({"iri": iri, **row, "label": label,
                     "document_count": len(values["documents"]),
                     "documents": _JOIN.join(sorted(values["documents"]))})
    columns = ["iri", *fields, "document_count", "documents"]
    df = pd.DataFrame(rows, columns=columns)
    return df.sort_values(["label", "iri"], key=lambda s: s.str.lower(), ignore_index=True)

