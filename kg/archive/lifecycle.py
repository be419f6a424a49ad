"""Stored documents: listing them and removing them with all their facts.

A document is its named graph, and that graph is self-contained, so removing a document
is dropping its graph: entities other documents mention stay, because those documents'
graphs state them too. Everything here goes through the ``Store`` interface, so it works
the same on the embedded store and on a SPARQL server.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from kg.core.errors import KgError
from kg.store.base import Store

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


def list_documents(store: Store, *, counts: bool = True) -> list[StoredDocument]:
    """Every stored document, by file name; ``counts`` adds triple and entity counts
    (two more queries over the whole store)."""
    with store.reading():  # one view of the store for the three queries
        docs = {str(row[0]): _document(row) for row in store.query(_DOCUMENTS).rows}
        if counts:
            for doc, n in store.query(_TRIPLE_COUNTS).rows:
                if str(doc) in docs:
                    docs[str(doc)].triples = int(n)
            for doc, kind, n in store.query(_ENTITY_COUNTS).rows:
                local = str(kind).rsplit("#", 1)[-1]
                if str(doc) in docs:
                    docs[str(doc)].counts[ENTITY_KINDS[local]] = int(n)
    return sorted(docs.values(), key=lambda d: (d.file_name, d.ingested_at or "", d.iri))


def _document(row) -> StoredDocument:
    doc, sha, name, path, title, when = (None if v is None else str(v) for v in row)
    sha = sha or doc.rsplit("/", 1)[-1]
    return StoredDocument(iri=doc, sha256=sha, file_name=name or "", source_path=path,
                          title=title, ingested_at=when)


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
    with store.writing():
        chosen = select_documents(list_documents(store), list(selectors))
        for doc in chosen:
            store.drop_graph(doc.iri)
    return chosen
