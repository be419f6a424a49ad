"""Minting IRIs: deterministic, valid for any input text, one per entity across documents.

Names become slugs (``kg.core.names``: accents folded, case and punctuation ignored) so
"Antony Blinken" and "ANTONY BLINKEN." are the same node; text with no Latin letters or
digits falls back to a hash of the name, so an IRI never contains characters that need
escaping.
"""

from __future__ import annotations

from decimal import Decimal

from rdflib import URIRef

from kg.core.names import digest, slug
from kg.rdf.namespace import ID_BASE

# The two named graphs of analysts' corrections (kg.archive.corrections): the records,
# and the facts analysts added (which no document states).
CORRECTIONS_GRAPH = URIRef(ID_BASE + "corrections")
ADDED_GRAPH = URIRef(ID_BASE + "corrections/added")


def document_iri(sha256: str) -> URIRef:
    return URIRef(f"{ID_BASE}doc/{sha256}")


def evidence_iri(doc: URIRef, start: int, end: int) -> URIRef:
    # RFC 5147 fragment: the passage's character range in the document's text
    return URIRef(f"{doc}#char={start},{end}")


def fact_iri(doc: URIRef, subject: str, predicate: str, obj: str) -> URIRef:
    return URIRef(f"{doc}/fact/{digest(chr(31).join((subject, predicate, obj)))}")


def country_iri(iso: str) -> URIRef:
    return URIRef(f"{ID_BASE}country/{slug(iso).upper()}")


def knowledge_source_iri(version: str, source: str) -> URIRef:
    """A dataset of the actor knowledge base, per knowledge-base version."""
    return URIRef(f"{ID_BASE}knowledge/actors/{slug(version)}/{slug(source)}")


def wikidata_iri(qid: str) -> URIRef:
    return URIRef(f"http://www.wikidata.org/entity/{qid}")


def person_iri(name: str) -> URIRef:
    return URIRef(f"{ID_BASE}person/{slug(name)}")


def organization_iri(name: str) -> URIRef:
    return URIRef(f"{ID_BASE}organization/{slug(name)}")


def agreement_iri(label: str, named: bool, lineage: str) -> URIRef:
    """A named agreement ("Artemis Accords") is the same thing in every document; a
    described one ("five-year arrangement") is only known within its document, and
    keyed by the document's ``lineage``: the path the file was read from (else its
    SHA-256), so an edited file that still reports it reports the same node and the
    analysts' corrections about it hold (docs/corrections.md)."""
    if named:
        return URIRef(f"{ID_BASE}agreement/{slug(label)}")
    return URIRef(f"{ID_BASE}agreement/{digest(lineage, 12)}-{slug(label)}")


def money_iri(agreement: URIRef, amount: Decimal, currency: str) -> URIRef:
    # the slug drops the sign, so a negative amount gets a word for it (-5 != 5)
    sign = "minus-" if amount.is_signed() and amount != 0 else ""
    return URIRef(f"{agreement}/value/{sign}{slug(format(amount, 'f'))}-{slug(currency)}")
