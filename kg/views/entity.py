"""The Entity page's reads: what is stated about one entity and where it is mentioned,
counted, and paged newest first, 50 at a time.

Every query starts from the bound entity (``?st rdf:object ?e``, ``?doc pkg:mentions
?e``: index lookups), so a page costs what that entity has, not what the store holds;
the whole-store version of these queries took 100 s at 10,000 documents for any entity.
Two habits keep it so on Oxigraph (queries/README.md): no ``OPTIONAL`` over a large
right side (it is a hash join over the whole store), and the page's details (labels,
evidence, rules, the document's name) joined to the page of 50 only, one field per
``UNION`` branch, then pivoted here.
"""

from __future__ import annotations

from collections import defaultdict

from rdflib import URIRef

from kg.querying.query import to_records
from kg.store.base import Store
from kg.archive import catalog
from kg.views.display import entity_label, format_duration, format_money

PAGE_SIZE = 50

# The predicates of facts (each stated triple is reified as an rdf:Statement with its
# evidence, one per document graph): kg.rdf.build writes these. Mentions are apart.
FACT_PREDICATES = ("pkg:actsFor", "pkg:party", "pkg:role", "pkg:status", "pkg:date",
                   "pkg:duration", "pkg:value", "pkg:fullName", "owl:sameAs")
_IS_FACT = f"FILTER(?p IN ({', '.join(FACT_PREDICATES)}))"

# Facts about ?e, as object or subject, found from the stated triple (one index range)
# rather than from its statement: going through ``?st rdf:object ?e`` would look up
# every statement's predicate, 17,000 lookups for a country in 10,000 documents, only
# to leave the mentions out. Each triple of a graph has one statement there.
_STATED = f"""
  {{ ?s ?p ?e {_IS_FACT} BIND(?e AS ?o) }} UNION {{ ?e ?p ?o {_IS_FACT} BIND(?e AS ?s) }}"""

_COUNTS = f"""
SELECT ?e ?what (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{
  {{ {_STATED} BIND("facts" AS ?what) }}
  UNION {{ ?g pkg:mentions ?e BIND("documents" AS ?what) }} }} }}
GROUP BY ?e ?what"""

# Newest first: by the date the document states for itself, then by when it was stored.
# STR: publication dates are as precise as the text (2024, 2024-03, 2024-03-05) and
# compare as ISO text; typed, a year and a day would not compare at all.
_NEWEST = "ORDER BY DESC(STR(?published)) DESC(?ingested)"
_DATES = "OPTIONAL { ?g pkg:ingestedAt ?ingested } OPTIONAL { ?g pkg:published ?published }"

_FACT_FIELDS = """
  { ?s rdfs:label ?value BIND("sLabel" AS ?field) }
  UNION { ?o rdfs:label ?value BIND("oLabel" AS ?field) }
  UNION { ?o pkg:amount ?value BIND("amount" AS ?field) }
  UNION { ?o pkg:currency ?value BIND("currency" AS ?field) }
  UNION { ?st pkg:evidence ?ev . ?ev pkg:text ?value BIND("evidence" AS ?field) }
  UNION { ?st pkg:evidence ?ev . ?ev pkg:startChar ?value BIND("start" AS ?field) }
  UNION { ?st prov:wasDerivedFrom ?kb . ?kb a pkg:KnowledgeSource ; rdfs:label ?value
          BIND("source" AS ?field) }
  UNION { ?st pkg:rule ?value BIND("rule" AS ?field) }
  UNION { ?g pkg:fileName ?value BIND("fileName" AS ?field) }
  UNION { ?g pkg:title ?value BIND("title" AS ?field) }"""


def _page(limit: int, offset: int) -> str:
    # LIMIT and OFFSET take no variables in SPARQL: they are written in, as integers.
    return f"LIMIT {int(limit)} OFFSET {int(offset)}"


def _facts_page(limit: int, offset: int) -> str:
    return f"""SELECT ?e ?s ?p ?o ?g ?published ?ingested WHERE {{
  GRAPH ?g {{ {_STATED} {_DATES} }} }} {_NEWEST} {_page(limit, offset)}"""


def _mentions_page(limit: int, offset: int) -> str:
    return f"""SELECT ?e ?g ?published ?ingested WHERE {{
  GRAPH ?g {{ ?g pkg:mentions ?e {_DATES} }} }} {_NEWEST} {_page(limit, offset)}"""


# The details of a page, from the table of its rows (Store.query_table): two steps, as
# a sub-select joined to the details is evaluated once per detail on some servers.
_FACT_DETAILS = f"""SELECT ?s ?p ?o ?g ?st ?ev ?field ?value WHERE {{
  GRAPH ?g {{ ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o . {_FACT_FIELDS} }} }}"""
_MENTION_DETAILS = """SELECT ?e ?g ?ev ?field ?value WHERE { GRAPH ?g {
  { ?st rdf:subject ?g ; rdf:object ?e ; rdf:predicate pkg:mentions ; pkg:evidence ?ev .
    { ?ev pkg:text ?value BIND("evidence" AS ?field) }
    UNION { ?ev pkg:startChar ?value BIND("start" AS ?field) } }
  UNION { ?g pkg:fileName ?value BIND("fileName" AS ?field) }
  UNION { ?g pkg:title ?value BIND("title" AS ?field) } } }"""


def entity_counts(store: Store, iri: str) -> dict[str, int]:
    """``{"facts": statements about the entity, "documents": documents mentioning it}``."""
    counts = {"facts": 0, "documents": 0}
    for _, what, n in store.query(_COUNTS, {"e": URIRef(iri)}).rows:
        counts[str(what)] = int(n)
    return counts


def entity_facts_page(store: Store, iri: str, offset: int = 0,
                      limit: int = PAGE_SIZE) -> list[dict]:
    """Facts about ``iri`` (as subject or object; mentions apart), newest document first,
    ``limit`` from ``offset``: one dict per stated fact with its evidence sentences (in
    the order of the text), the rules that read it, the knowledge sources that added it
    instead, and its document."""
    page = store.query(_facts_page(limit, offset), {"e": URIRef(iri)})
    rows = _details(store, _FACT_DETAILS, page, ("s", "p", "o", "g"))
    facts = [_fact(fields, iri) for fields in _pivot(rows, ("st", "g", "s", "p", "o"))]
    return _newest_first(facts)


def entity_mentions_page(store: Store, iri: str, offset: int = 0,
                         limit: int = PAGE_SIZE) -> list[dict]:
    """Documents that mention ``iri``, newest first, ``limit`` from ``offset``, each
    with the sentences that mention it."""
    page = store.query(_mentions_page(limit, offset), {"e": URIRef(iri)})
    rows = _details(store, _MENTION_DETAILS, page, ("e", "g"))
    out = []
    for fields in _pivot(rows, ("g",)):
        out.append({"document": fields["g"], "file_name": fields.get("fileName"),
                    "title": fields.get("title"), "evidence": _sentences(fields),
                    "published": fields.get("published"),
                    "ingested_at": fields.get("ingested")})
    return _newest_first(out)


def _details(store: Store, query: str, page, key: tuple[str, ...]) -> list[dict]:
    """The detail rows of a page (``query`` from the table of the page's ``key``
    columns), each with the dates (published, ingested) its page row had."""
    if not page.rows:
        return []
    at = [page.columns.index(k) for k in key]
    table = [{k: row[i] for k, i in zip(key, at)} for row in page.rows]
    dates = {tuple(str(row[i]) for i in at): {
        "published": row[page.columns.index("published")],
        "ingested": row[page.columns.index("ingested")]} for row in page.rows}
    rows = to_records(store.query_table(query, table))
    for r in rows:
        for name, value in dates[tuple(r[k] for k in key)].items():
            r[name] = None if value is None else str(value)
    return rows


def _pivot(rows: list[dict], key: tuple[str, ...]) -> list[dict]:
    """(key, field, value) rows -> one dict per key: single fields as values, ``rule`` and
    ``source`` as sets, evidence as {passage: (start, text)}."""
    merged: dict[tuple, dict] = {}
    for r in rows:
        out = merged.setdefault(tuple(r[k] for k in key), {
            **{k: r[k] for k in key}, "published": r["published"],
            "ingested": r["ingested"], "rule": set(), "source": set(),
            "passages": defaultdict(dict)})
        field, value = r["field"], r["value"]
        if field in ("rule", "source"):
            out[field].add(value)
        elif field in ("evidence", "start"):
            out["passages"][r["ev"]][field] = value
        else:
            out.setdefault(field, value)
    return list(merged.values())


def _sentences(fields: dict) -> list[str]:
    passages = sorted(fields["passages"].values(), key=lambda p: int(p.get("start") or 0))
    return [p["evidence"] for p in passages if p.get("evidence")]


def _fact(fields: dict, iri: str) -> dict:
    predicate = fields["p"].rsplit("#", 1)[-1]
    if fields.get("amount") is not None:
        value = format_money(fields["amount"], fields.get("currency"))
    elif predicate == "duration":
        value = format_duration(fields["o"])
    else:
        value = fields.get("oLabel") or fields["o"]
    subject_label = fields.get("sLabel") or (fields.get("fileName") if fields["s"] == fields["g"]
                                             else fields["s"])
    return {"statement": fields["st"], "subject": fields["s"], "subject_label": subject_label,
            "predicate": predicate, "predicate_iri": fields["p"], "object": fields["o"],
            "value": value, "direction": "out" if fields["s"] == iri else "in",
            "evidence": _sentences(fields), "rules": sorted(fields["rule"]),
            "sources": sorted(fields["source"]), "document": fields["g"],
            "file_name": fields.get("fileName"), "title": fields.get("title"),
            "published": fields.get("published"), "ingested_at": fields.get("ingested")}


def _newest_first(rows: list[dict]) -> list[dict]:
    """Dated documents first, newest first (ISO text sorts as time), ties by file name."""
    rows = sorted(rows, key=lambda r: (r.get("file_name") or "", r.get("statement") or ""))
    return sorted(rows, key=lambda r: (r.get("published") or "", r.get("ingested_at") or ""),
                  reverse=True)


def pick_entities(store: Store, text: str = "", kind: str | None = None,
                  limit: int = 100) -> tuple[int, list[dict]]:
    """Entities to offer in a picker, the most mentioned first: those whose label or
    alias contains ``text``, or with no text all; of ``kind`` or any. (How many match,
    the first ``limit`` of them as iri, kind, label, documents.) From the catalog the
    write path keeps: no scan of the documents' graphs."""
    cat = catalog.current(store)
    pool = catalog.search(cat, text) if text.strip() else cat.entities.values()
    found = [{"iri": e.iri, "kind": e.kind, "label": entity_label(e),
              "documents": e.documents} for e in pool if kind in (None, e.kind)]
    found.sort(key=lambda e: (-e["documents"], e["label"].lower(), e["iri"]))
    return len(found), found[:limit]
