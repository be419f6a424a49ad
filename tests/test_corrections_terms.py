"""Terms as an analyst writes them (as in SPARQL), and what the ontology lets a
correction say."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from kg.archive.corrections.terms import (CorrectionError, check_subject, check_value,
                                          fact_property, parse_term, parse_text)
from kg.rdf.namespace import PKG

PERSON = "https://w3id.org/policykg/id/person/jane-roe"


@pytest.mark.parametrize("text, term", [
    (f"<{PERSON}>", URIRef(PERSON)),
    (PERSON, URIRef(PERSON)),  # a bare absolute IRI
    ("urn:isbn:0451450523", URIRef("urn:isbn:0451450523")),
    ("pkg:actsFor", PKG.actsFor),
    ("rdfs:label", RDFS.label),
    ('"signed"', Literal("signed")),
    ("'signed'", Literal("signed")),
    ('"in force"', Literal("in force")),
    ('"2022-01-07"^^xsd:date', Literal("2022-01-07", datatype=XSD.date)),
    ('"P5Y"^^<http://www.w3.org/2001/XMLSchema#duration>',
     Literal("P5Y", datatype=XSD.duration)),
    ('"Japon"@fr', Literal("Japon", lang="fr")),
    ('"say \\"no\\""', Literal('say "no"')),
    ("42", Literal("42", datatype=XSD.integer)),
    ("  pkg:party ", PKG.party),
])
def test_corrections_terms_parse_as_in_sparql(text, term):
    assert parse_term(text) == term


@pytest.mark.parametrize("text, why", [
    ("foo:bar", "unknown prefix foo"),
    ("<a> <b>", "not one SPARQL term"),
    ('"a" } } #', "not one SPARQL term"),
    ("?x", "not one SPARQL term"),
    ("_:b0", "not one SPARQL term"),
    ("[]", "not one SPARQL term"),
    ('"unclosed', "not one SPARQL term"),
    ('"2022-13-45"^^xsd:date', "not a valid xsd:date"),
    ('"abc"^^xsd:integer', "not a valid xsd:integer"),
    ('"x"^^nope:type', "not a valid SPARQL term"),
    ("", "not one SPARQL term"),
])
def test_corrections_terms_refuse_malformed(text, why):
    with pytest.raises(CorrectionError, match=why):
        parse_term(text, "object")


@pytest.mark.parametrize("text, label", [
    ("Jane  Roe", "Jane Roe"), ('"Jane Roe"', "Jane Roe"), ("'J. Roe'", "J. Roe")])
def test_corrections_terms_label_text(text, label):
    assert parse_text(text) == Literal(label)


@pytest.mark.parametrize("text", ["", "  ", '"Japon"@fr', '"7"^^xsd:integer'])
def test_corrections_terms_label_refused(text):
    with pytest.raises(CorrectionError):
        parse_text(text)


@pytest.mark.parametrize("predicate, kind, why", [
    (URIRef(str(PKG) + "nothing"), "reject", "not a property the ontology defines"),
    (URIRef("http://schema.org/name"), "add", "not a property the ontology defines"),
    (PKG.content, "reject", "how a document was read"),
    (PKG.fileName, "add", "how a document was read"),
    (PKG.evidence, "reject", "how a document was read"),
    (PKG.author, "add", "how a document was read"),
    (PKG.isoCode, "reject", "identifies a country"),
    (PKG.mentions, "add", "cannot add pkg:mentions"),
    (PKG.value, "add", "cannot add pkg:value"),
    (PKG.textOf, "add", "cannot add pkg:textOf"),
])
def test_corrections_terms_predicate_refused(predicate, kind, why):
    with pytest.raises(CorrectionError, match=why):
        fact_property(predicate, kind)


@pytest.mark.parametrize("predicate, kind", [
    (PKG.actsFor, "reject"), (PKG.party, "add"), (PKG.status, "add"), (PKG.date, "reject"),
    (PKG.role, "add"), (OWL.sameAs, "add"), (PKG.mentions, "reject"), (RDFS.label, "add"),
    (PKG.textOf, "reject"), (PKG.signatory, "add")])
def test_corrections_terms_predicate_allowed(predicate, kind):
    assert fact_property(predicate, kind).iri == predicate


def test_corrections_terms_type_is_for_new_nodes_only():
    assert fact_property(RDF.type, "add") is None
    with pytest.raises(CorrectionError):
        fact_property(RDF.type, "reject")


@pytest.mark.parametrize("predicate, value, kinds, why", [
    (PKG.actsFor, Literal("US"), set(), "points to a node"),
    (PKG.actsFor, URIRef(PERSON), {PKG.Person}, "points to a pkg:Country or pkg:Organization"),
    (PKG.actsFor, URIRef("https://w3id.org/policykg/id/country/XX"), set(),
     "not in the store"),
    (PKG.status, Literal("finished"), set(), "one of planned"),
    (PKG.status, URIRef(PERSON), set(), "takes a literal"),
    (PKG.date, Literal("2022"), set(), "takes"),
    (PKG.duration, Literal("5 years"), set(), "takes xsd:duration"),
    (OWL.sameAs, URIRef("https://example.org/Q1"), set(), "Wikidata"),
])
def test_corrections_terms_value_outside_range(predicate, value, kinds, why):
    with pytest.raises(CorrectionError, match=why):
        check_value(fact_property(predicate, "add"), value, kinds)


@pytest.mark.parametrize("predicate, value, kinds", [
    (PKG.actsFor, URIRef("https://w3id.org/policykg/id/country/JP"), {PKG.Country}),
    (PKG.party, URIRef("https://w3id.org/policykg/id/organization/nato"),
     {PKG.Organization}),
    (PKG.status, Literal("in force"), set()),
    (PKG.date, Literal("2022-01", datatype=XSD.gYearMonth), set()),
    (PKG.duration, Literal("P90D", datatype=XSD.duration), set()),
    (OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q42"), set()),
])
def test_corrections_terms_value_in_range(predicate, value, kinds):
    check_value(fact_property(predicate, "add"), value, kinds)


@pytest.mark.parametrize("predicate, kinds, why", [
    (PKG.actsFor, set(), "not in the store"),
    (PKG.actsFor, {PKG.Agreement}, "said of a pkg:Person"),
    (PKG.party, {PKG.Person}, "said of a pkg:Agreement"),
])
def test_corrections_terms_subject_of_wrong_kind(predicate, kinds, why):
    with pytest.raises(CorrectionError, match=why):
        check_subject(fact_property(predicate, "add"), URIRef(PERSON), kinds)
