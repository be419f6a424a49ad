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
from collections import Counter, defaultdict
from pathlib import Path

from rdflib import URIRef

from kg.archive import catalog
from kg.querying.query import to_records
from kg.store.base import Store
from kg.views.display import KINDS, best_label, format_duration, format_money
# the app reads agreement texts through browse too

QUERIES_DIR = Path(__file__).resolve().parents[2] / "queries"
_KIND_FILTER = "FILTER(?kind IN (pkg:Person, pkg:Country, pkg:Organization, pkg:Agreement))"


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

_ENTITY = """
SELECT DISTINCT ?e ?field ?value WHERE {
  { ?e a ?value BIND("kind" AS ?field) } UNION { ?e rdfs:label ?value BIND("label" AS ?field) }
  UNION { ?e pkg:alias ?value BIND("alias" AS ?field) }
  UNION { ?e pkg:isoCode ?value BIND("iso_code" AS ?field) }
  UNION { ?e pkg:isoCode3 ?value BIND("iso_code3" AS ?field) }
  UNION { ?e owl:sameAs ?value BIND("same_as" AS ?field) } }"""

def _kind(iri) -> str:
    return str(iri).rsplit("#", 1)[-1]


WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"


def wikidata_link(iri: str) -> tuple[str, str] | None:
    """(Q-id, the page a reader opens) of a Wikidata entity IRI, else None."""
    qid = iri[len(WIKIDATA_ENTITY):]
    if not iri.startswith(WIKIDATA_ENTITY) or not re.fullmatch(r"Q[1-9][0-9]*", qid):
        return None  # anything else would go into a link as it is
    return qid, f"https://www.wikidata.org/wiki/{qid}"


def overview(store: Store) -> dict[str, int]:
    """Counts of documents, each entity kind and reified facts, from the catalog the
    write path keeps (kg.archive.catalog): no count over the documents' graphs."""
    documents, facts = catalog.totals(store)
    kinds = Counter(e.kind for e in catalog.current(store).entities.values())
    return {"Document": documents, **{k: kinds[k] for k in KINDS}, "Fact": facts}


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


def all_facts(store: Store) -> list[dict]:
    """Every fact of the store but the mentions, one row per document and evidence
    sentence, by file name and position."""
    return _facts(store.query(_ALL_FACTS))


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
