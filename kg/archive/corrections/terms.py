"""Terms as an analyst writes them, and what the ontology lets a correction say.

A term is written as in SPARQL: ``<IRI>``, a bare absolute IRI, a prefixed name with
the predeclared prefixes (``pkg:actsFor``), a literal (``"signed"``,
``"2022-01-07"^^xsd:date``, ``"Japon"@fr``), a number or a boolean. The text must be
exactly one such token (checked by a pattern), which Oxigraph's SPARQL parser then reads
as a ``VALUES`` term: what is accepted is SPARQL's own syntax, and prefixes expand as in
``kg query``.
"""

from __future__ import annotations

import logging
import re
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import Identifier

from kg.core.errors import KgError
from kg.rdf.namespace import ONTOLOGY_IRI, PKG
from kg.core.constants import DEFAULT_PREFIXES
from kg.store.terms import from_ox


class CorrectionError(KgError):
    """A correction that cannot be made as asked: nothing was written."""


_STRING = r'''"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*'|"""(?:[^"\\]|\\.|"(?!""))*"""'''
_PNAME = r"[A-Za-z][\w.\-]*:[^\s{}()<>\"',;]*"
_IRI = r'<[^<>"{}|^`\\\x00-\x20]*>'
_TERM = re.compile(rf"""
    {_IRI} | {_PNAME}
  | (?:{_STRING})(?:@[A-Za-z]+(?:-[A-Za-z0-9]+)*|\^\^(?:{_IRI}|{_PNAME}))?
  | [+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)? | true | false""", re.X | re.S)
# a bare IRI: scheme://... or urn:...; anything else with a colon reads as a prefixed name
_ABSOLUTE_IRI = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.\-]*://|urn:)[^\s<>\"{}|^`\\]+")


def parse_term(text: str, role: str = "term") -> Identifier:
    """The RDF term ``text`` writes (``role`` names it in errors: "subject"...)."""
    token = text.strip()
    prefix = token.split(":", 1)[0]
    if prefix not in DEFAULT_PREFIXES and _ABSOLUTE_IRI.fullmatch(token):
        token = f"<{token}>"  # a bare absolute IRI: https://..., urn:...
    if not _TERM.fullmatch(token):
        raise CorrectionError(f"the {role} {text!r} is not one SPARQL term: write an IRI "
                              "as <https://...> or pkg:name, a literal as '\"text\"' or "
                              "'\"2022-01-07\"^^xsd:date'")
    if re.fullmatch(_PNAME, token) and prefix not in DEFAULT_PREFIXES:
        raise CorrectionError(f"the {role} {text!r} uses the unknown prefix {prefix}: "
                              f"declared are {', '.join(DEFAULT_PREFIXES)}")
    try:
        solutions = ox.Store().query(f"SELECT ?t WHERE {{ VALUES ?t {{ {token} }} }}",
                                     prefixes=DEFAULT_PREFIXES)
        (term,) = [s["t"] for s in solutions]
    except (SyntaxError, ValueError) as exc:
        raise CorrectionError(f"the {role} {text!r} is not a valid SPARQL term: {exc}"
                              ) from None
    with _quiet_rdflib():
        value = from_ox(term)
        if isinstance(value, Literal) and value.ill_typed:
            raise CorrectionError(f"the {role} {text!r} is not a valid "
                                  f"{_short(value.datatype)}")
    return value


@contextmanager
def _quiet_rdflib():
    """rdflib logs a warning when it cannot read a literal's value; we report it."""
    log = logging.getLogger("rdflib.term")
    level = log.level
    log.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        log.setLevel(level)


def parse_text(text: str) -> Literal:
    """A label as typed: a quoted literal read as one, plain text taken as it is."""
    stripped = text.strip()
    if stripped[:1] in ("'", '"'):
        value = parse_term(stripped, "label")
        if not isinstance(value, Literal) or value.language or (
                value.datatype and value.datatype != XSD.string):
            raise CorrectionError(f"a label is plain text, not {text!r}")
        return Literal(str(value))
    if not stripped:
        raise CorrectionError("a label cannot be empty")
    return Literal(" ".join(stripped.split()))


def _short(iri) -> str:
    text = str(iri)
    for prefix, ns in DEFAULT_PREFIXES.items():
        if text.startswith(ns):
            return f"{prefix}:{text[len(ns):]}"
    return f"<{text}>"


def show(term: Identifier | None) -> str:
    """A term as a correction listing prints it: prefixed where it can be."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return _short(term)
    return term.n3()


# -- what the ontology allows ------------------------------------------------------------
ENTITY_CLASSES = (PKG.Person, PKG.Organization, PKG.Country, PKG.Agreement)
# Bookkeeping of what was read (documents, passages, statements, the knowledge base,
# corrections themselves) is not a fact an analyst corrects: correcting one would make
# the graph lie about its own provenance.
_BOOKKEEPING_DOMAINS = {PKG.Document, PKG.Evidence, RDF.Statement, PKG.KnowledgeSource,
                        PKG.Correction, PKG.MonetaryAmount}
_REJECT_ONLY = {PKG.mentions: "a document's mentions come from its text: reject a wrong "
                              "one, there is nothing to add",
                PKG.value: "a money node comes from the text: reject a wrong one",
                PKG.textOf: "whether a document is an agreement's text comes from the "
                            "text: reject a wrong one"}
_IDENTITY = {PKG.isoCode, PKG.isoCode3}  # a country *is* its ISO code


@dataclass(frozen=True)
class Property:
    iri: URIRef
    is_object: bool
    domain: frozenset  # classes; empty: any entity
    range: frozenset   # classes (object properties) or datatypes


@lru_cache(maxsize=1)
def vocabulary() -> dict[URIRef, Property]:
    """The properties of ``ontology/policykg.ttl`` with their domains and ranges, plus
    rdfs:label and owl:sameAs, which every document graph uses."""
    from kg.archive.validate import ontology_path

    g = Graph().parse(ontology_path("policykg.ttl"), format="turtle")
    props = {}
    for kind, is_object in ((OWL.ObjectProperty, True), (OWL.DatatypeProperty, False)):
        for iri in g.subjects(RDF.type, kind):
            if str(iri).startswith(ONTOLOGY_IRI):
                props[iri] = Property(iri, is_object, _members(g, g.value(iri, RDFS.domain)),
                                      _members(g, g.value(iri, RDFS.range)))
    props[RDFS.label] = Property(RDFS.label, False, frozenset(), frozenset({XSD.string}))
    props[OWL.sameAs] = Property(OWL.sameAs, True, frozenset(
        {PKG.Person, PKG.Organization, PKG.Country}), frozenset())
    return props


def _members(g: Graph, node) -> frozenset:
    if node is None:
        return frozenset()
    union = g.value(node, OWL.unionOf)
    return frozenset(Collection(g, union)) if union is not None else frozenset({node})


def fact_property(predicate: Identifier, kind: str) -> Property | None:
    """The property a reject or add may use, or ``CorrectionError`` saying why not;
    None for rdf:type (an add that creates a node)."""
    if kind == "add" and predicate == RDF.type:
        return None
    prop = vocabulary().get(predicate) if isinstance(predicate, URIRef) else None
    if prop is None:
        raise CorrectionError(f"{show(predicate)} is not a property the ontology defines "
                              f"(ontology/policykg.ttl; also rdfs:label, owl:sameAs)")
    if predicate in _IDENTITY:
        raise CorrectionError(f"{show(predicate)} is what identifies a country: a wrong "
                              "country is corrected on the facts that point to it")
    if predicate in _REJECT_ONLY and kind == "add":
        raise CorrectionError(f"cannot add {show(predicate)}: {_REJECT_ONLY[predicate]}")
    if prop.domain & _BOOKKEEPING_DOMAINS and predicate not in _REJECT_ONLY:
        raise CorrectionError(f"{show(predicate)} records how a document was read, not a "
                              "fact about an entity; it cannot be corrected")
    return prop


def check_value(prop: Property, value: Identifier, object_kinds: set) -> None:
    """``value`` fits the range of ``prop`` (``object_kinds``: the stored classes of an
    IRI object)."""
    name = show(prop.iri)
    if prop.is_object:
        if not isinstance(value, URIRef):
            raise CorrectionError(f"{name} points to a node: give an IRI, not {show(value)}")
        if prop.iri == OWL.sameAs:
            if not re.fullmatch(r"http://www\.wikidata\.org/entity/Q[1-9][0-9]*", value):
                raise CorrectionError("owl:sameAs links to a Wikidata entity: "
                                      "<http://www.wikidata.org/entity/Q...>")
        elif prop.range and not object_kinds & prop.range:
            raise CorrectionError(f"{name} points to a {_kinds(prop.range)}; {show(value)} is "
                                  f"{_kinds(object_kinds) if object_kinds else 'not in the store'}")
        return
    if not isinstance(value, Literal):
        raise CorrectionError(f"{name} takes a literal, not {show(value)}")
    with _quiet_rdflib():
        if value.ill_typed:
            raise CorrectionError(f"{show(value)} is not a valid {show(value.datatype)}")
    datatype = value.datatype or (RDF.langString if value.language else XSD.string)
    if prop.range and datatype not in prop.range and RDFS.Literal not in prop.range:
        raise CorrectionError(f"{name} takes {_kinds(prop.range)}, not {show(value)}")
    if prop.iri == PKG.status:
        from kg.core.constants import STAGES

        if str(value) not in STAGES:
            raise CorrectionError(f"pkg:status is one of {', '.join(STAGES)}; not {value}")


def check_subject(prop: Property | None, subject: URIRef, kinds: set) -> None:
    if not kinds:
        raise CorrectionError(f"{show(subject)} is not in the store (add a new node with "
                              f"rdf:type first: kg correct add {show(subject)} rdf:type "
                              "pkg:Person)")
    domain = (prop.domain if prop else frozenset()) or frozenset(ENTITY_CLASSES)
    if not kinds & domain:
        raise CorrectionError(f"{show(prop.iri) if prop else 'it'} is said of a "
                              f"{_kinds(domain)}; {show(subject)} is {_kinds(kinds)}")


def _kinds(classes) -> str:
    return " or ".join(sorted(show(c) for c in classes))


def fact_term(predicate: URIRef, text: str) -> Identifier:
    """The object of a fact as the app lists it (``text``: an IRI or a literal's text),
    typed as the property's range says: an IRI for an object property, a date as precise
    as written (xsd:date, gYearMonth, gYear), a duration, or plain text."""
    prop = vocabulary().get(predicate)
    if prop is None or prop.is_object:
        return URIRef(text)
    if XSD.duration in prop.range:
        return Literal(text, datatype=XSD.duration)
    if XSD.gYear in prop.range:
        from kg.rdf.build import date_literal

        return date_literal(text)
    return Literal(text)


def predicate_iri(local: str) -> URIRef:
    """A property as the app names it ("actsFor", "sameAs", "label") as an IRI."""
    named = {"sameAs": OWL.sameAs, "label": RDFS.label, "type": RDF.type}
    if local in named:
        return named[local]
    try:
        return PKG[local]
    except AttributeError:  # the closed namespace: not an ontology term
        raise CorrectionError(f"pkg:{local} is not a property the ontology defines") from None
