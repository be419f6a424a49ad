"""Stored documents: listing them and removing them with all their facts.

A document is its named graph, and that graph is self-contained, so removing a document
is dropping its graph: entities other documents mention stay, because those documents'
graphs state them too. Everything here goes through the ``Store`` interface, so it works
the same on the embedded store and on a SPARQL server.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from rdflib import Literal

from kg.core.errors import KgError
from kg.rdf.namespace import KGI, PKG
from kg.store.base import Store
from kg.store.derived import (INDEX_GRAPH, PREFIX, Derived, document_of, has_deriver,
                              summary_iri)

MIN_PREFIX = 8  # shortest SHA-256 prefix accepted as a selector
_HEX = re.compile(r"[0-9a-fA-F]+")
ENTITY_KINDS = {"Person": "persons", "Country": "countries", "Organization": "organizations",
                "Agreement": "agreements"}

_DOCUMENTS = """
SELECT ?doc (SAMPLE(?sha_) AS ?sha) (SAMPLE(?name_) AS ?name) (SAMPLE(?path_) AS ?path)
       (SAMPLE(?title_) AS ?title) (MAX(?when_) AS ?when)
WHERE {
  GRAPH ?doc {
    ?doc a pkg:Document .
    OPTIONAL { ?doc pkg:sha256 ?sha_ }
    OPTIONAL { ?doc pkg:fileName ?name_ }
    OPTIONAL { ?doc pkg:sourcePath ?path_ }
    OPTIONAL { ?doc pkg:title ?title_ }
    OPTIONAL { ?doc pkg:ingestedAt ?when_ }
  }
} GROUP BY ?doc"""
_ENTITY_COUNTS = """
SELECT ?doc ?type (COUNT(DISTINCT ?e) AS ?n) WHERE {
  VALUES ?type { pkg:Person pkg:Country pkg:Organization pkg:Agreement }
  GRAPH ?doc { ?doc a pkg:Document . ?e a ?type }
} GROUP BY ?doc ?type"""
SUMMARY_DERIVER = "documents/3"  # kg.archive.derived: the version of document_summary
_SUMMARY_FIELDS = ((PKG.sha256, KGI.sha256), (PKG.fileName, KGI.fileName),
                   (PKG.sourcePath, KGI.sourcePath), (PKG.title, KGI.title),
                   (PKG.ingestedAt, KGI.ingestedAt))
_KIND_COUNTS = (KGI.persons, KGI.countries, KGI.organizations, KGI.agreements)  # ENTITY_KINDS'
# One literal per document: reading one property of 10,000 nodes takes ~50 ms, joining
# ten of them ~750 ms (and sorting in the store as long again).
_LISTINGS = PREFIX + f"""
SELECT ?summary ?row WHERE {{ GRAPH <{INDEX_GRAPH}> {{ ?summary kgi:listing ?row }} }}"""
_G = f"GRAPH <{INDEX_GRAPH}>"
_BY_IRI = PREFIX + f"SELECT ?s ?row WHERE {{ {_G} {{ ?s kgi:listing ?row }} }}"
_BY_NAME = PREFIX + f"SELECT ?v ?s ?row WHERE {{ {_G} {{ ?s kgi:fileName ?v ; kgi:listing ?row }} }}"
_BY_PATH = _BY_NAME.replace("kgi:fileName", "kgi:sourcePath")
# Lookups of one value each (kgi:folder, kgi:shaPrefix: document_summary writes them),
# not a filter over every document's path or hash (0.1 s at 10,000 documents)
_BY_FOLDER = _BY_NAME.replace("kgi:fileName", "kgi:folder")
_BY_SHA_PREFIX = _BY_NAME.replace("kgi:fileName", "kgi:shaPrefix")
_TRIPLE_COUNTS = """
SELECT ?doc (COUNT(*) AS ?n) WHERE { GRAPH ?doc { ?doc a pkg:Document . ?s ?p ?o } }
GROUP BY ?doc"""


@dataclass
class StoredDocument:
    """One document of the store, as ``kg documents`` lists it."""

    iri: str
    sha256: str
    file_name: str
    source_path: str | None = None
    title: str | None = None
    ingested_at: str | None = None
    triples: int = 0
    counts: Counter = field(default_factory=Counter)  # persons, countries, ...


def list_documents(store: Store, *, counts: bool = True, limit: int | None = None,
                   offset: int = 0) -> list[StoredDocument]:
    """The stored documents by file name (``limit`` of them from ``offset``), with triple
    and entity counts, from their summaries in the derived data: one node per document,
    no scan of the documents' graphs. A store without this policykg's derived data
    (written by an older one and not written since) is read from the graphs themselves,
    more slowly."""
    with store.reading():  # one view of the store for all queries
        if has_deriver(store, SUMMARY_DERIVER):
            docs = [_listed(summary, row) for summary, row in store.query(_LISTINGS).rows]
        else:
            docs = _documents_from_graphs(store, counts)
    docs.sort(key=lambda d: (d.file_name, d.ingested_at or "", d.iri))
    return docs[offset:None if limit is None else offset + limit]


def _documents_from_graphs(store: Store, counts: bool) -> list[StoredDocument]:
    docs = {str(row[0]): _document(row) for row in store.query(_DOCUMENTS).rows}
    if counts:
        for doc, n in store.query(_TRIPLE_COUNTS).rows:
            if str(doc) in docs:
                docs[str(doc)].triples = int(n)
        for doc, kind, n in store.query(_ENTITY_COUNTS).rows:
            local = str(kind).rsplit("#", 1)[-1]
            if str(doc) in docs:
                docs[str(doc)].counts[ENTITY_KINDS[local]] = int(n)
    return list(docs.values())


def _document(row) -> StoredDocument:
    doc, sha, name, path, title, when = (None if v is None else str(v) for v in row)
    sha = sha or doc.rsplit("/", 1)[-1]
    return StoredDocument(iri=doc, sha256=sha, file_name=name or "", source_path=path,
                          title=title, ingested_at=when)


def _listed(summary, row) -> StoredDocument:
    iri = str(document_of(summary))
    fields = json.loads(str(row))
    return StoredDocument(iri=iri, sha256=fields.get("sha256") or iri.rsplit("/", 1)[-1],
                          file_name=fields.get("fileName") or "",
                          source_path=fields.get("sourcePath"), title=fields.get("title"),
                          ingested_at=fields.get("ingestedAt"), triples=fields["triples"],
                          counts=Counter(fields["counts"]))


def document_summary(facts) -> Derived:
    """The deriver of each document's summary (``kg.archive.derived``): its properties, counts,
    and its row of ``kg documents`` (``kgi:listing``, JSON), read in one go."""
    out = Derived(facts.document)
    row: dict = {}
    for source, target in _SUMMARY_FIELDS:
        value = facts.own(source)
        if value is not None:
            out.about.append((out.summary, target, value))
            row[str(target).rsplit("#", 1)[-1]] = str(value)
    for target, values in ((KGI.folder, _folders(facts.own(PKG.sourcePath))),
                           (KGI.shaPrefix, [str(facts.own(PKG.sha256) or "")[:MIN_PREFIX]])):
        out.about.extend((out.summary, target, Literal(v)) for v in values if v)
    out.about.append((out.summary, KGI.triples, Literal(facts.size)))
    row["triples"], row["counts"] = facts.size, {}
    for local, target in zip(ENTITY_KINDS, _KIND_COUNTS):
        n = len(facts.typed.get(PKG[local], ()))
        out.about.append((out.summary, target, Literal(n)))
        row["counts"][ENTITY_KINDS[local]] = n
    out.about.append((out.summary, KGI.listing, Literal(json.dumps(row, sort_keys=True))))
    return out


def _folders(path) -> list[str]:
    """Every folder ``path`` lies under, as ``_folder_key`` writes it."""
    return [_folder_key(p) for p in Path(str(path)).parents] if path else []


def _folder_key(folder: Path) -> str:
    """A folder as the summaries keep it (kgi:folder) and a selector looks it up: with
    one "/" at its end."""
    return str(folder).rstrip("/") + "/"


def select_documents(docs: list[StoredDocument],
                     selectors: Iterable[str]) -> list[StoredDocument]:
    """The documents the selectors name, each once, in selector order.

    A selector is a document IRI, a SHA-256 or a prefix of it (>= 8 hex digits, one
    document only), a file name (one document only), or a path: a file (every stored
    version of it) or a folder (every document under it). Raises ``KgError`` naming
    every selector that matches nothing or is ambiguous, before anything is removed.
    """
    chosen: dict[str, StoredDocument] = {}
    problems = []
    for selector in selectors:
        try:
            for doc in _match(docs, selector):
                chosen.setdefault(doc.iri, doc)
        except KgError as exc:
            problems.append(str(exc))
    if problems:
        raise KgError("; ".join(problems))
    return list(chosen.values())


def _match(docs: list[StoredDocument], selector: str) -> list[StoredDocument]:
    text = selector.strip()
    if not text:
        raise KgError("an empty selector matches no document")
    if text.startswith(("http://", "https://")):
        found = [d for d in docs if d.iri == text]
        return found or _nothing(selector)
    found = _by_path(docs, text)
    if found:
        return found  # a path means all its versions: never ambiguous
    found = [d for d in docs if d.file_name == text]
    if not found and _HEX.fullmatch(text) and len(text) >= MIN_PREFIX:
        found = [d for d in docs if d.sha256.startswith(text.lower())]
    elif not found and _HEX.fullmatch(text):
        raise KgError(f"{selector!r}: a SHA-256 prefix needs at least {MIN_PREFIX} "
                      "hex digits")
    if len(found) > 1:
        listed = ", ".join(f"{d.sha256[:12]} ({d.source_path or d.file_name})"
                           for d in found)
        raise KgError(f"{selector!r} is ambiguous: it matches {len(found)} documents "
                      f"({listed}); use a longer SHA-256 prefix or the path")
    return found or _nothing(selector)


def _by_path(docs: list[StoredDocument], text: str) -> list[StoredDocument]:
    """Documents stored from this file, or from anywhere under this folder."""
    try:
        path = Path(text).expanduser().resolve()
    except (OSError, RuntimeError, ValueError):
        return []
    found = [d for d in docs if d.source_path == str(path)]
    if not found and path.is_dir():
        found = [d for d in docs if d.source_path and Path(d.source_path).is_relative_to(path)]
    return found


def _nothing(selector: str) -> list:
    raise KgError(f"{selector!r} matches no stored document (try `kg documents`)")


def remove_documents(store: Store, selectors: Iterable[str]) -> list[StoredDocument]:
    """Drop the graphs of the documents the selectors name (see ``select_documents``);
    returns them. Nothing is removed when any selector fails. Selecting and dropping
    are one writing session: no other process changes the store in between. A path
    that holds no store is an error (removing never creates one)."""
    store.require_existing()
    selectors = list(selectors)
    with store.writing():
        if has_deriver(store, SUMMARY_DERIVER):
            docs = list({d.iri: d for s in selectors for d in _candidates(store, s)}.values())
        else:  # an older policykg's store: read them all
            docs = list_documents(store)
        chosen = select_documents(docs, selectors)
        store.drop_graphs([doc.iri for doc in chosen])  # with their derived data
    return chosen


def _candidates(store: Store, selector: str) -> list[StoredDocument]:
    """The documents ``selector`` could name under any of ``_match``'s rules, found
    from their summaries by lookups of one value each (a file name, a path, a folder,
    a SHA-256 prefix's first ``MIN_PREFIX`` digits): never all documents read, nor a
    filter over all of them. ``select_documents`` then applies the rules to these."""
    text = selector.strip()
    lookups = [(_BY_IRI, "s", summary_iri(text))] if text.startswith(("http://", "https://")) \
        else [(_BY_NAME, "v", Literal(text))]
    if _HEX.fullmatch(text) and len(text) == 64:  # a whole SHA-256: its summary
        lookups.append((_BY_IRI, "s", summary_iri(text.lower())))
    elif _HEX.fullmatch(text):
        lookups.append((_BY_SHA_PREFIX, "v", Literal(text.lower()[:MIN_PREFIX])))
    try:
        path = Path(text).expanduser().resolve()
        lookups.append((_BY_PATH, "v", Literal(str(path))))
        if path.is_dir():
            lookups.append((_BY_FOLDER, "v", Literal(_folder_key(path))))
    except (OSError, RuntimeError, ValueError):
        pass
    return [_listed(row[-2], row[-1]) for query, name, value in lookups
            for row in store.query(query, {name: value}).rows]
