"""The read side of the app: plain functions from a store to lists, dicts and DataFrames.

Every SPARQL text the app needs lives here (or in ``queries/``), so the pages only lay
out what these functions return. Values always travel as bindings, never formatted into
the query text.

The default graph is the union of all document graphs, in which a triple stated by
several documents appears once per document. Joining two patterns about one node on the
union multiplies those copies (a country named in 500 documents: 500 x 500 rows for one
join, minutes for a query), so patterns describing a node are joined inside
``GRAPH ?g { }``, where each document graph declares every node it uses, or kept to one
pattern per UNION branch; DISTINCT / GROUP BY then merge the graphs.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pandas as pd
from rdflib import Literal, URIRef

from kg.querying.query import to_records
from kg.rdf.namespace import PKG
from kg.store.base import Store
from kg.views.display import KINDS, best_label, format_duration, format_money
# the app reads agreement texts through browse too
from kg.views.texts import agreement_text, text_of  # noqa: F401

QUERIES_DIR = Path(__file__).resolve().parents[2] / "queries"
_KIND_FILTER = "FILTER(?kind IN (pkg:Person, pkg:Country, pkg:Organization, pkg:Agreement))"

_COUNTS = "SELECT ?kind (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ?kind } GROUP BY ?kind"

_DOCUMENTS = """
SELECT ?doc ?fileName ?title ?published ?ingestedAt (COUNT(DISTINCT ?e) AS ?entities) WHERE {
  GRAPH ?doc { ?doc a pkg:Document ; pkg:fileName ?fileName ; pkg:ingestedAt ?ingestedAt .
               OPTIONAL { ?doc pkg:title ?title } OPTIONAL { ?doc pkg:published ?published }
               OPTIONAL { ?doc pkg:mentions ?e } }
} GROUP BY ?doc ?fileName ?title ?published ?ingestedAt"""

_DOCUMENT = """
SELECT ?doc ?fileName ?title ?published ?content ?ingestedAt ?mediaType ?sourcePath WHERE {
  GRAPH ?doc { ?doc a pkg:Document ; pkg:fileName ?fileName ; pkg:content ?content ;
                    pkg:ingestedAt ?ingestedAt .
               OPTIONAL { ?doc pkg:title ?title } OPTIONAL { ?doc pkg:published ?published }
               OPTIONAL { ?doc pkg:mediaType ?mediaType }
               OPTIONAL { ?doc pkg:sourcePath ?sourcePath } }
} LIMIT 1"""

_DOC_ENTITIES = f"""
SELECT DISTINCT ?doc ?e ?kind ?label ?alias WHERE {{
  GRAPH ?doc {{ ?doc pkg:mentions ?e . ?e a ?kind ; rdfs:label ?label .
               OPTIONAL {{ ?e pkg:alias ?alias }} }}
  {_KIND_FILTER}
}}"""

# One row per (fact, evidence passage or knowledge source); labels and money come from
# the same graph, where the builder always declares the nodes a fact points to.
_FACT_BODY = """
  ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  ?doc pkg:fileName ?fileName . OPTIONAL { ?doc pkg:title ?title }
  OPTIONAL { ?s rdfs:label ?sLabel } OPTIONAL { ?o rdfs:label ?oLabel }
  OPTIONAL { ?o pkg:amount ?amount ; pkg:currency ?currency }
  OPTIONAL { ?st pkg:evidence ?ev . ?ev pkg:text ?evidence ; pkg:startChar ?start ;
                                       pkg:endChar ?end }
  OPTIONAL { ?st prov:wasDerivedFrom ?kb . ?kb a pkg:KnowledgeSource ; rdfs:label ?source }
  OPTIONAL { ?st pkg:rule ?rule }"""
_FACT_VARS = ("?st ?s ?sLabel ?p ?o ?oLabel ?amount ?currency ?doc ?fileName ?title ?evidence "
              "?start ?end ?source ?rule")

_DOC_FACTS = f"""
SELECT DISTINCT {_FACT_VARS} WHERE {{ GRAPH ?doc {{ {_FACT_BODY}
  FILTER(?p != pkg:mentions) }} }} ORDER BY ?start"""

_ALL_FACTS = f"""
SELECT DISTINCT {_FACT_VARS} WHERE {{ GRAPH ?doc {{ {_FACT_BODY}
  FILTER(?p != pkg:mentions) }} }} ORDER BY ?fileName ?doc ?start ?st"""

_ENTITY_FACTS = f"""
SELECT DISTINCT {_FACT_VARS} ?e WHERE {{ GRAPH ?doc {{
  {{ ?st rdf:subject ?e }} UNION {{ ?st rdf:object ?e }} {_FACT_BODY} }} }}
ORDER BY ?fileName ?start"""

_ENTITY = """
SELECT DISTINCT ?e ?field ?value WHERE {
  { ?e a ?value BIND("kind" AS ?field) } UNION { ?e rdfs:label ?value BIND("label" AS ?field) }
  UNION { ?e pkg:alias ?value BIND("alias" AS ?field) }
  UNION { ?e pkg:isoCode ?value BIND("iso_code" AS ?field) }
  UNION { ?e pkg:isoCode3 ?value BIND("iso_code3" AS ?field) }
  UNION { ?e owl:sameAs ?value BIND("same_as" AS ?field) } }"""

# Labels and document counts are two queries merged in Python: one OPTIONAL would pair
# every (label, graph) row of an entity with every document that mentions it.
_ENTITIES = f"""
SELECT ?e ?kind (MIN(?l) AS ?label) WHERE {{
  GRAPH ?g {{ ?e a ?kind ; rdfs:label ?l }} {_KIND_FILTER}
}} GROUP BY ?e ?kind ORDER BY ?label ?e"""
_MENTION_COUNTS = """
SELECT ?e (COUNT(DISTINCT ?doc) AS ?documents) WHERE { GRAPH ?doc { ?doc pkg:mentions ?e } }
GROUP BY ?e"""

_SEARCH = f"""
SELECT ?e ?kind (MIN(?l) AS ?label) ?q WHERE {{
  GRAPH ?g {{ ?e a ?kind ; rdfs:label ?l .
              {{ ?e rdfs:label ?name }} UNION {{ ?e pkg:alias ?name }} }}
  {_KIND_FILTER} FILTER(CONTAINS(LCASE(STR(?name)), LCASE(STR(?q))))
}} GROUP BY ?e ?kind ?q ORDER BY ?label ?e"""

# (agreement, field, value) rows pivoted in Python: one OPTIONAL per field would multiply
# parties x durations x values x documents into a cross product.
_AGREEMENT_FIELDS = """
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
AGREEMENT_COLUMNS = {"label": "Agreement", "parties": "Parties", "duration": "Duration",
                     "value": "Value", "status": "Status", "date": "Date",
                     "documents": "Documents", "text_document": "Text document",
                     "signatories": "Signatories"}


def _kind(iri) -> str:
    return str(iri).rsplit("#", 1)[-1]


WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"


def wikidata_link(iri: str) -> tuple[str, str] | None:
    """(Q-id, the page a reader opens) of a Wikidata entity IRI, else None."""
    if not iri.startswith(WIKIDATA_ENTITY):
        return None
    qid = iri[len(WIKIDATA_ENTITY):]
    return qid, f"https://www.wikidata.org/wiki/{qid}"


def overview(store: Store) -> dict[str, int]:
    """Counts of documents, each entity kind and reified facts."""
    counts = {_kind(kind): int(n) for kind, n in store.query(_COUNTS).rows}
    out = {"Document": counts.get("Document", 0)}
    out.update({k: counts.get(k, 0) for k in KINDS})
    out["Fact"] = counts.get("Statement", 0)
    return out


def documents(store: Store) -> list[dict]:
    """Every stored document: iri, file name, title, publication date, ingestion time,
    entity count; in order of publication (ISO dates sort as text: "2024" before
    "2024-03"), then the undated ones, each by file name."""
    rows = [{"iri": r["doc"], "file_name": r["fileName"], "title": r["title"],
             "published": r["published"], "ingested_at": r["ingestedAt"],
             "entities": int(r["entities"])} for r in to_records(store.query(_DOCUMENTS))]
    return sorted(rows, key=lambda d: (d["published"] is None, d["published"] or "",
                                       d["file_name"], d["iri"]))


def document_detail(store: Store, doc_iri: str) -> dict | None:
    """One document: metadata, full text, the entities it mentions and its facts."""
    bind = {"doc": URIRef(doc_iri)}
    rows = to_records(store.query(_DOCUMENT, bind))
    if not rows:
        return None
    meta = rows[0]
    return {"iri": doc_iri, "file_name": meta["fileName"], "title": meta["title"],
            "published": meta["published"], "content": meta["content"], "ingested_at": meta["ingestedAt"],
            "media_type": meta["mediaType"], "source_path": meta["sourcePath"],
            "entities": _doc_entities(store, bind),
            "facts": _facts(store.query(_DOC_FACTS, bind))}


def _doc_entities(store: Store, bind: dict) -> list[dict]:
    found: dict[str, dict] = {}
    for r in to_records(store.query(_DOC_ENTITIES, bind)):
        ent = found.setdefault(r["e"], {"iri": r["e"], "kind": _kind(r["kind"]),
                                        "label": r["label"], "aliases": set()})
        ent["aliases"].update(a for a in (r["label"], r["alias"]) if a)
    out = sorted(found.values(), key=lambda e: (e["kind"], e["label"].lower()))
    for ent in out:
        ent["aliases"] = sorted(ent["aliases"] - {ent["label"]})
    return out


def _facts(result) -> list[dict]:
    """Fact rows with readable values and the rules that read them; a fact without
    evidence keeps one row. A fact the actor knowledge base added lists its knowledge
    sources in ``sources`` (else empty)."""
    out, seen = [], {}
    for r in to_records(result):
        key = (r["st"], r["evidence"], r["doc"])
        if key not in seen:
            subject_label = r["sLabel"] or (r["fileName"] if r["s"] == r["doc"] else r["s"])
            seen[key] = {"subject": r["s"], "subject_label": subject_label,
                         "predicate": _kind(r["p"]), "object": r["o"],
                         "value": _value_text(r), "evidence": r["evidence"],
                         "start_char": _int(r["start"]), "end_char": _int(r["end"]),
                         "sources": [], "rules": [],
                         "document": r["doc"], "file_name": r["fileName"], "title": r["title"]}
            out.append(seen[key])
        # another rule or source, or a node with two labels, repeats the row: merge it
        row = seen[key]
        if r["source"] and r["source"] not in row["sources"]:
            row["sources"].append(r["source"])
        if r["rule"] and r["rule"] not in row["rules"]:
            row["rules"] = sorted([*row["rules"], r["rule"]])
    return out


def _int(text: str | None) -> int | None:
    return None if text is None else int(text)


def _value_text(row: dict) -> str:
    if row["amount"] is not None:
        return format_money(row["amount"], row["currency"])
    if row["p"].endswith("#duration"):
        return format_duration(row["o"])
    return row["oLabel"] or row["o"]


def entity(store: Store, iri: str) -> dict | None:
    """Kind, label, aliases, ISO codes and Wikidata IDs (Q-id, page) of one entity
    (None if not stored)."""
    values: dict[str, set[str]] = defaultdict(set)
    for _, field, value in store.query(_ENTITY, {"e": URIRef(iri)}).rows:
        values[str(field)].add(str(value))
    kinds = {_kind(k) for k in values["kind"]} & set(KINDS)
    if not kinds:
        return None
    label = best_label(values["label"]) if values["label"] else iri
    return {"iri": iri, "kind": min(kinds), "label": label,
            "aliases": sorted(values["alias"] - {label}),
            "iso_code": min(values["iso_code"], default=None),
            "iso_code3": min(values["iso_code3"], default=None),
            "wikidata": sorted(link for link in map(wikidata_link, values["same_as"]) if link)}


def entity_facts(store: Store, iri: str) -> list[dict]:
    """Every fact about ``iri`` (as subject or object, mentions included), one row per
    evidence sentence, with the document it comes from."""
    facts = _facts(store.query(_ENTITY_FACTS, {"e": URIRef(iri)}))
    for fact in facts:
        fact["direction"] = "out" if fact["subject"] == iri else "in"
    return facts


def all_facts(store: Store) -> list[dict]:
    """Every fact of the store but the mentions, one row per document and evidence
    sentence, by file name and position."""
    return _facts(store.query(_ALL_FACTS))


def entities(store: Store, kind: str | None = None) -> list[dict]:
    """Entities (optionally of one kind) with label and the number of documents."""
    bind = {"kind": PKG[kind]} if kind else None
    counts = {str(e): int(n) for e, n in store.query(_MENTION_COUNTS).rows}
    return [{"iri": r["e"], "kind": _kind(r["kind"]), "label": r["label"],
             "documents": counts.get(r["e"], 0)}
            for r in to_records(store.query(_ENTITIES, bind))]


def search_entities(store: Store, text: str) -> list[dict]:
    """Entities whose label or alias contains ``text`` (case-insensitive)."""
    if not text.strip():
        return []
    rows = to_records(store.query(_SEARCH, {"q": Literal(text.strip())}))
    return [{"iri": r["e"], "kind": _kind(r["kind"]), "label": r["label"]} for r in rows]


def agreements_table(store: Store) -> pd.DataFrame:
    """One row per agreement: parties, duration, value, status, documents, the document
    that is its text, its signatories with the party each signed for (text cells)."""
    cells: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for a, field, value in store.query(_AGREEMENT_FIELDS).rows:
        cells[str(a)][str(field)].add(_agreement_cell(str(field), str(value)))
    rows = []
    for a, fields in cells.items():
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


DISPLACY_LABELS = {"Person": "PERSON", "Country": "COUNTRY", "Organization": "ORG",
                   "Agreement": "AGREEMENT"}
DISPLACY_COLORS = {"PERSON": "#aec7e8", "COUNTRY": "#ffbb78", "ORG": "#98df8a",
                   "AGREEMENT": "#ff9896"}


def entity_spans(text: str, ents: list[dict]) -> list[dict]:
    """Where the labels and aliases of ``ents`` occur in ``text``: whole words, longest
    name first, never overlapping (displaCy's manual ``ents``)."""
    names = {}
    for ent in ents:
        for name in (ent["label"], *ent.get("aliases", ())):
            if len(name.strip()) > 1:
                names.setdefault(name, DISPLACY_LABELS[ent["kind"]])
    if not names:
        return []
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    pattern = re.compile(rf"(?<!\w)(?:{alternation})(?!\w)")
    return [{"start": m.start(), "end": m.end(), "label": names[m.group()]}
            for m in pattern.finditer(text)]


def highlighted_html(detail: dict, max_chars: int | None = None) -> str:
    """The document's text (its first ``max_chars``) as displaCy HTML, entities marked."""
    from spacy import displacy  # heavy import, only the Documents page needs it

    text = detail["content"][:max_chars]
    parsed = {"text": text, "ents": entity_spans(text, detail["entities"]), "title": None}
    return displacy.render(parsed, style="ent", manual=True, jupyter=False,
                           options={"colors": DISPLACY_COLORS})


def document_html(store: Store, doc_iri: str, max_chars: int | None = None) -> str:
    detail = document_detail(store, doc_iri)
    return highlighted_html(detail, max_chars) if detail else ""


def example_queries(folder: Path = QUERIES_DIR) -> dict[str, tuple[str, str, str]]:
    """``name -> (title, description, text)`` for each ``queries/*.rq``."""
    out = {}
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        head = _header(text)
        out[path.stem] = (head.get("title", path.stem), head.get("description", ""), text)
    return out


def _header(text: str) -> dict[str, str]:
    """The ``# key: value`` lines that open a query file; indented ``#`` lines continue
    the previous value."""
    fields: dict[str, str] = {}
    key = None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = re.match(r"#\s*(\w+):\s*(.*)$", line)
        if match:
            key, fields[match[1]] = match[1], match[2].strip()
        elif key and line[1:].strip():
            fields[key] = f"{fields[key]} {line[1:].strip()}".strip()
    return fields
