"""Why the mentions of several documents are one node, for the Entity page.

A node's IRI is minted from a name, so documents share it when they give the same name
(up to case, accents and punctuation), when ``kg.archive.resolve`` linked a new document's name
to a stored one (a shorter form of a person's name, an organization's alias or acronym),
or when an analyst merged another node into it; the actor knowledge base adds the
Wikidata ID each document's mention was linked to. Each document says which.
"""

from __future__ import annotations

from collections import defaultdict

from rdflib import URIRef

from kg.archive.corrections.records import Correction, read_corrections
from kg.core.names import slug
from kg.store.base import Store

_MENTIONS = """
SELECT ?doc ?e ?fileName ?label ?qid WHERE {
  GRAPH ?doc { ?doc pkg:mentions ?e ; pkg:fileName ?fileName .
               OPTIONAL { ?e rdfs:label ?label } OPTIONAL { ?e owl:sameAs ?qid } } }"""
_CORRECTED = "SELECT ?doc ?c WHERE { GRAPH ?doc { ?doc pkg:correctedBy ?c } }"


def mention_reasons(store: Store, iri: str) -> list[dict]:
    """One row per document that mentions ``iri``: its IRI and file name, the name it
    uses, the Wikidata ID it was linked to, and why it is this node (``reason``, and
    the ``correction`` that merged it, if an analyst did)."""
    node = URIRef(iri)
    docs: dict[str, dict] = {}
    for doc, _, name, label, qid in store.query(_MENTIONS, {"e": node}).rows:
        row = docs.setdefault(str(doc), {"document": str(doc), "file_name": str(name),
                                         "name": None, "wikidata": None})
        row["name"] = row["name"] or (str(label) if label is not None else None)
        row["wikidata"] = row["wikidata"] or (str(qid).rsplit("/", 1)[-1] if qid else None)
    merges = {c.iri: c for c in read_corrections(store)
              if c.active and c.kind in ("merge", "split") and
              node in (c.target, c.new_node)}
    merged_in = defaultdict(list)
    for doc, c in (store.query(_CORRECTED).rows if merges else ()):
        if c in merges and str(doc) in docs:
            merged_in[str(doc)].append(merges[c])
    for doc, row in docs.items():
        row["reason"], row["correction"] = _reason(node, row["name"], merged_in.get(doc, []))
    return sorted(docs.values(), key=lambda r: (r["reason"], r["file_name"]))


def _reason(node: URIRef, name: str | None, corrections: list[Correction]
            ) -> tuple[str, Correction | None]:
    for c in corrections:
        if c.kind == "merge":
            return f"merged by {c.author}", c
        if c.new_node == node:
            return f"split off by {c.author}", c
    key = str(node).rstrip("/").rsplit("/", 1)[-1]
    if name and slug(name) == key:
        return "same name", None
    if "/organization/" in str(node):
        return "an alias or acronym of the name", None
    if "/person/" in str(node):
        return "a shorter or fuller form of the name", None
    return "linked by name", None
