"""ontology/policykg.ttl defines exactly the PKG terms, and shapes.ttl covers every class."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, XSD

from kg.archive.validate import ontology_path
from kg.rdf.namespace import ONTOLOGY_IRI, PKG

from conftest import SHARED

ROOT = Path(__file__).resolve().parents[1]
CONTRACT = SHARED / "CONTRACT.md"
ONTOLOGY = URIRef("https://w3id.org/policykg/ontology")
PKG_TERMS = sorted(name for name in PKG.__annotations__ if not name.startswith("_"))
CLASSES = [t for t in PKG_TERMS if t[0].isupper()]
PROPERTIES = [t for t in PKG_TERMS if t[0].islower()]
OBJECT_PROPERTIES = {"party", "value", "actsFor", "mentions", "evidence", "inDocument", "textOf",
                     "signatory", "factSubject", "factPredicate", "factObject", "target",
                     "mergedNode", "splitNode", "splitDocument", "correctedBy"}


@lru_cache(maxsize=None)
def _parse(name: str) -> Graph:
    g = Graph()
    g.parse(ROOT / "ontology" / name, format="turtle")
    return g


@pytest.fixture(scope="module")
def onto() -> Graph:
    return _parse("policykg.ttl")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return _parse("shapes.ttl")


def _defined_pkg_terms(g: Graph) -> set[str]:
    """Local names of pkg: IRIs that the graph types as a class or property."""
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
             RDF.Property, RDFS.Class}
    return {str(s)[len(ONTOLOGY_IRI):] for s, _, kind in g.triples((None, RDF.type, None))
            if kind in kinds and isinstance(s, URIRef) and str(s).startswith(ONTOLOGY_IRI)}


def test_ontology_parses_with_header(onto):
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in onto
    assert onto.value(ONTOLOGY, OWL.versionInfo) is not None
    for prop in (DCTERMS.title, DCTERMS.description, RDFS.comment):
        value = onto.value(ONTOLOGY, prop)
        assert isinstance(value, Literal) and value.language == "en"
    comment = str(onto.value(ONTOLOGY, RDFS.comment))
    for idea in ("rdf:Statement", "prov:wasDerivedFrom", "RDF-star", "RFC 5147", "#char="):
        assert idea in comment


def test_ontology_namespace_matches_package():
    assert ONTOLOGY_IRI == "https://w3id.org/policykg/ontology#"
    assert str(PKG._NS) == ONTOLOGY_IRI


@pytest.mark.parametrize("term", PKG_TERMS)
def test_ontology_defines_every_pkg_term(onto, term):
    iri = PKG[term]
    expected = OWL.Class if term in CLASSES else (
        OWL.ObjectProperty if term in OBJECT_PROPERTIES else OWL.DatatypeProperty)
    assert (iri, RDF.type, expected) in onto
    for prop in (RDFS.label, RDFS.comment):
        values = list(onto.objects(iri, prop))
        assert values, f"{term} has no {prop}"
        assert any(isinstance(v, Literal) and v.language == "en" and str(v).strip()
                   for v in values)
    assert (iri, RDFS.isDefinedBy, ONTOLOGY) in onto


def test_ontology_defines_only_pkg_terms(onto):
    assert _defined_pkg_terms(onto) == set(PKG_TERMS)


def test_ontology_uses_only_pkg_terms(onto):
    used = {str(t) for triple in onto for t in triple
            if isinstance(t, URIRef) and str(t).startswith(ONTOLOGY_IRI)}
    assert used <= {str(PKG[t]) for t in PKG_TERMS}


@pytest.mark.parametrize("term", PROPERTIES)
def test_ontology_property_has_domain_and_range(onto, term):
    assert onto.value(PKG[term], RDFS.domain) is not None
    assert onto.value(PKG[term], RDFS.range) is not None


@pytest.mark.parametrize("term,range_", [
    ("fileName", XSD.string), ("isoCode", XSD.string), ("duration", XSD.duration),
    ("amount", XSD.decimal), ("currency", XSD.string), ("role", XSD.string),
    ("ingestedAt", XSD.dateTime), ("startChar", XSD.integer), ("endChar", XSD.integer),
    ("value", PKG.MonetaryAmount), ("inDocument", PKG.Document), ("evidence", PKG.Evidence),
    ("textOf", PKG.Agreement), ("signatory", PKG.Person),
])
def test_ontology_property_range(onto, term, range_):
    assert onto.value(PKG[term], RDFS.range) == range_


@pytest.mark.parametrize("term", ["party", "actsFor"])
def test_ontology_party_and_acts_for_range_is_country_or_organization(onto, term):
    range_ = onto.value(PKG[term], RDFS.range)
    assert isinstance(range_, BNode)
    members = list(Collection(onto, onto.value(range_, OWL.unionOf)))
    assert set(members) == {PKG.Country, PKG.Organization}


@pytest.mark.parametrize("subject,relation,target", [
    (PKG.Person, RDFS.subClassOf, URIRef("https://schema.org/Person")),
    (PKG.Organization, RDFS.subClassOf, URIRef("https://schema.org/Organization")),
    (PKG.Organization, RDFS.subClassOf, URIRef("http://www.w3.org/ns/org#Organization")),
    (PKG.Country, RDFS.subClassOf, URIRef("https://schema.org/Country")),
    (PKG.MonetaryAmount, RDFS.subClassOf, URIRef("https://schema.org/MonetaryAmount")),
    (PKG.Document, RDFS.subClassOf, URIRef("http://www.w3.org/ns/prov#Entity")),
    (PKG.Evidence, RDFS.subClassOf, URIRef("http://www.w3.org/ns/prov#Entity")),
    (PKG.amount, RDFS.subPropertyOf, URIRef("https://schema.org/value")),
    (PKG.currency, RDFS.subPropertyOf, URIRef("https://schema.org/currency")),
    (PKG.title, RDFS.subPropertyOf, DCTERMS.title),
    (PKG.mentions, RDFS.subPropertyOf, URIRef("https://schema.org/mentions")),
    (PKG.inDocument, RDFS.subPropertyOf, DCTERMS.isPartOf),
    (PKG.alias, RDFS.subPropertyOf, URIRef("http://www.w3.org/2004/02/skos/core#altLabel")),
    (PKG.role, RDFS.subPropertyOf, URIRef("https://schema.org/jobTitle")),
    (PKG.actsFor, RDFS.subPropertyOf, URIRef("http://www.w3.org/ns/prov#actedOnBehalfOf")),
])
def test_ontology_alignment(onto, subject, relation, target):
    assert (subject, relation, target) in onto


def test_ontology_does_not_invent_schema_org_terms(onto):
    # schema.org has no Agreement/Treaty/Contract type, and pkg:value is the agreement's
    # money (schema:amount-like), not schema:value (which pkg:amount specialises)
    schema_terms = {str(o) for o in onto.objects() if str(o).startswith("https://schema.org/")}
    for invented in ("Agreement", "Treaty", "Contract"):
        assert f"https://schema.org/{invented}" not in schema_terms
    assert (PKG.value, RDFS.subPropertyOf, URIRef("https://schema.org/value")) not in onto


def test_ontology_classes_are_disjoint(onto):
    groups = list(onto.subjects(RDF.type, OWL.AllDisjointClasses))
    assert len(groups) == 1
    assert set(Collection(onto, onto.value(groups[0], OWL.members))) == {
        PKG[c] for c in CLASSES}


@pytest.mark.parametrize("term", CLASSES)
def test_ontology_every_class_has_a_shape(shapes, term):
    targets = set(shapes.subjects(SH.targetClass, PKG[term]))
    assert targets, f"no sh:targetClass {term} in shapes.ttl"
    assert all((s, RDF.type, SH.NodeShape) in shapes for s in targets)


def test_ontology_statement_nodes_have_a_shape(shapes):
    assert any((s, RDF.type, SH.NodeShape) in shapes
               for s in shapes.subjects(SH.targetClass, RDF.Statement))


def test_ontology_shapes_use_only_pkg_terms(shapes):
    used = {str(t) for triple in shapes for t in triple
            if isinstance(t, URIRef) and str(t).startswith(ONTOLOGY_IRI)}
    assert used <= {str(PKG[t]) for t in PKG_TERMS}


def test_ontology_every_property_shape_has_a_message(shapes):
    for shape in set(shapes.subjects(SH.path, None)):
        assert shapes.value(shape, SH.message) is not None, shape


def _contract_terms() -> list[str]:
    rows = [line for line in CONTRACT.read_text(encoding="utf-8").splitlines()
            if line.startswith("| `pkg:")]
    return sorted({m for row in rows for m in re.findall(r"pkg:(\w+)", row)})


def test_ontology_defines_contract_terms(onto):
    terms = _contract_terms()
    assert {"Document", "fileName", "isoCode", "party", "actsFor"} <= set(terms)
    missing = [t for t in terms if (PKG[t], RDFS.label, None) not in onto]
    assert not missing, f"contract terms not defined in the ontology: {missing}"


def test_ontology_path_finds_the_files():
    assert ontology_path("policykg.ttl") == ROOT / "ontology" / "policykg.ttl"
    assert ontology_path("shapes.ttl").is_file()
    with pytest.raises(FileNotFoundError):
        ontology_path("no-such-file.ttl")
