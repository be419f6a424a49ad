"""The read side for documents that are the text of an agreement (``pkg:textOf``): which
agreement a document is the text of, and for an agreement its text, its signing (stage,
date and the closing clause that states it, with the place) and its signatories with the
party each signed for. The app reads these through ``kg.views``."""

from __future__ import annotations

from rdflib import URIRef

from kg.querying.query import to_records
from kg.store.base import Store

_TEXT_OF = """
SELECT ?doc ?a ?label WHERE { GRAPH ?doc { ?doc pkg:textOf ?a . ?a rdfs:label ?label } }
ORDER BY ?label LIMIT 1"""

# (a bound variable is projected: kg.store substitutes only those)
# the stage and date as the text's own graph states them, with the passage of the date
_TEXT = """
SELECT ?a ?doc ?fileName ?title ?status ?date ?clause WHERE { GRAPH ?doc {
  ?doc pkg:textOf ?a ; pkg:fileName ?fileName .
  OPTIONAL { ?doc pkg:title ?title }
  OPTIONAL { ?a pkg:status ?status }
  OPTIONAL { ?a pkg:date ?date .
             OPTIONAL { ?st rdf:subject ?a ; rdf:predicate pkg:date ; rdf:object ?date ;
                            pkg:evidence/pkg:text ?clause } }
} } ORDER BY ?fileName ?date"""

_SIGNATORIES = """
SELECT DISTINCT ?a ?p ?name ?party WHERE { GRAPH ?doc {
  ?doc pkg:textOf ?a . ?a pkg:signatory ?p . ?p rdfs:label ?name .
  OPTIONAL { ?p pkg:actsFor ?for . ?for rdfs:label ?party }
} } ORDER BY ?name ?party"""


def text_of(store: Store, doc_iri: str) -> dict | None:
    """The agreement the document is the text of (``iri``, ``label``), or None."""
    rows = to_records(store.query(_TEXT_OF, {"doc": URIRef(doc_iri)}))
    return {"iri": rows[0]["a"], "label": rows[0]["label"]} if rows else None


def agreement_text(store: Store, agreement_iri: str) -> dict | None:
    """The agreement's text, or None when no stored document is its text: the document
    (``document``, ``file_name``, ``title``), the stage and date it reports, the closing
    clause that states the date (``clause``: where and when it was signed) and the
    signatories (``name``, ``party``: the party they signed for, when known)."""
    bind = {"a": URIRef(agreement_iri)}
    rows = to_records(store.query(_TEXT, bind))
    if not rows:
        return None
    first = rows[0]
    signed: dict[str, dict] = {}
    for r in to_records(store.query(_SIGNATORIES, bind)):
        person = signed.setdefault(r["p"], {"iri": r["p"], "name": r["name"], "parties": []})
        if r["party"] and r["party"] not in person["parties"]:
            person["parties"].append(r["party"])
    return {"document": first["doc"], "file_name": first["fileName"], "title": first["title"],
            "status": first["status"], "date": first["date"], "clause": first["clause"],
            "signatories": list(signed.values())}
