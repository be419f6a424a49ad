"""kg.rdf.build: records -> one self-contained named graph, every fact with its evidence."""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import PROV, RDF, RDFS, XSD

import kg
from kg.core.records import (Agreement, Country, DocumentRecords, Evidence, Money,
                             Organization, Person, Ref)
from kg.processing.process import sha256_of
from kg.rdf import iris
from kg.rdf.build import document_graph
from kg.rdf.namespace import PKG

DATA = Path(__file__).parent / "data" / "rdf"
TEXT = ("Secretary of State Antony Blinken and Japan signed the Artemis Accords. "
        "NATO welcomed the five-year, $9.3 billion deal with France.")
FIRST = Evidence(0, 71, TEXT[0:71])
SECOND = Evidence(72, 131, TEXT[72:131])


def full_records() -> DocumentRecords:
    """A document with every kind of entity and fact; France is only a party."""
    us, jp, fr = Ref.country("US"), Ref.country("JP"), Ref.country("FR")
    return DocumentRecords(
        file_name="us-japan.txt", sha256="0123456789abcdef" * 4, text=TEXT,
        title="US and Japan sign the Artemis Accords", source_path="/docs/us-japan.txt",
        countries=[Country("US", "United States", [FIRST]), Country("JP", "Japan", [FIRST])],
        persons=[Person("Antony Blinken", [FIRST], roles={"Secretary of State": [FIRST]},
                        acts_for={us: [FIRST]})],
        organizations=[Organization("North Atlantic Treaty Organization", ["NATO"], [SECOND])],
        agreements=[Agreement(
            "Artemis Accords", named=True, mentions=[FIRST, SECOND],
            parties={us: [FIRST], jp: [FIRST], fr: [SECOND]}, durations={"P5Y": [SECOND]},
            values={Money(Decimal("9300000000"), "usd"): [SECOND]},
            statuses={"signed": [FIRST]})],
    )


def minimal_records() -> DocumentRecords:
    return DocumentRecords(file_name="empty-ish.md", sha256="f" * 64,
                           text="Nothing to see here.", media_type="text/markdown")


def comparable(g: Graph) -> Graph:
    """``g`` without the triples that vary by run, with statement IRIs as blank nodes."""
    out, bnodes = Graph(), {}
    for s, p, o in g:
        if p in (PKG.ingestedAt, PKG.extractorVersion):
            continue
        s, o = (bnodes.setdefault(t, BNode()) if "/fact/" in str(t) else t for t in (s, o))
        out.add((s, p, o))
    return out


def readable_diff(actual: Graph, expected: Graph) -> str:
    """The triples only one side has, as sorted N-Triples lines."""
    _, only_actual, only_expected = graph_diff(to_isomorphic(actual), to_isomorphic(expected))

    def lines(g: Graph) -> str:
        return "\n".join(sorted(g.serialize(format="nt").strip().splitlines())) or "(none)"

    return (f"only in the built graph:\n{lines(only_actual)}\n"
            f"only in the expected graph:\n{lines(only_expected)}")


@pytest.mark.parametrize("records, expected", [
    (full_records, "full.ttl"),
    (minimal_records, "minimal.ttl")])
def test_rdf_build_graph_equals_expected_turtle(records, expected):
    built = document_graph(records())
    want = Graph().parse(DATA / expected, format="turtle")
    actual = comparable(built)
    assert isomorphic(actual, want), readable_diff(actual, want)


def test_rdf_build_graph_names_the_document_and_dates_it():
    when = datetime(2024, 5, 1, 12, 30, tzinfo=timezone.utc)
    g = document_graph(minimal_records(), ingested_at=when)
    doc = iris.document_iri("f" * 64)
    assert g.identifier == doc
    assert g.value(doc, PKG.ingestedAt) == Literal("2024-05-01T12:30:00+00:00",
                                                   datatype=XSD.dateTime)
    assert g.value(doc, PKG.extractorVersion) == Literal(kg.__version__)


def test_rdf_build_is_deterministic_apart_from_the_time():
    when = datetime(2024, 5, 1, tzinfo=timezone.utc)
    one, two = (document_graph(full_records(), ingested_at=when) for _ in range(2))
    assert set(one) == set(two)  # same IRIs too, statement IRIs included


# Facts are the triples whose predicate is one of these; the rest describes nodes.
FACT_PREDICATES = {PKG.mentions, PKG.role, PKG.actsFor, PKG.party, PKG.duration, PKG.value,
                   PKG.status}


def test_rdf_build_every_fact_is_reified_with_evidence():
    g = document_graph(full_records())
    doc = g.identifier
    facts = [(s, p, o) for s, p, o in g if p in FACT_PREDICATES]
    assert len(facts) == 6 + 2 + 6  # mentions + person facts + agreement facts
    for s, p, o in facts:
        statements = [st for st in g.subjects(RDF.subject, s)
                      if (st, RDF.predicate, p) in g and (st, RDF.object, o) in g]
        assert len(statements) == 1, (s, p, o)
        st = statements[0]
        assert (st, RDF.type, RDF.Statement) in g
        assert (st, PROV.wasDerivedFrom, doc) in g
        evidence = list(g.objects(st, PKG.evidence))
        assert evidence, f"no evidence for {(s, p, o)}"
        for ev in evidence:
            start, end = int(g.value(ev, PKG.startChar)), int(g.value(ev, PKG.endChar))
            assert str(g.value(ev, PKG.text)) == TEXT[start:end]
            assert (ev, PKG.inDocument, doc) in g
    # and no statement describes a triple the graph does not hold
    for st in g.subjects(RDF.type, RDF.Statement):
        triple = (g.value(st, RDF.subject), g.value(st, RDF.predicate), g.value(st, RDF.object))
        assert triple in g


def test_rdf_build_referenced_country_is_declared_in_the_graph():
    g = document_graph(full_records())
    france = iris.country_iri("FR")
    assert (france, RDF.type, PKG.Country) in g
    assert g.value(france, RDFS.label) == Literal("France")
    assert g.value(france, PKG.isoCode) == Literal("FR")


@pytest.mark.parametrize("kind, key", [("country", "DE"), ("organization", "African Union")])
def test_rdf_build_graph_is_self_contained(kind, key):
    """Every IRI used as an object of a fact has a type and a label in the same graph."""
    records = minimal_records()
    ref = Ref(kind, key)
    records.persons = [Person("Jane Doe", [], acts_for={ref: []})]
    records.agreements = [Agreement("a pact", parties={ref: []})]
    g = document_graph(records)
    for s, p, o in g:
        if p in FACT_PREDICATES and isinstance(o, URIRef) and p != PKG.value:
            assert (o, RDF.type, None) in g and (o, RDFS.label, None) in g, o


@pytest.mark.parametrize("path, same", [("/corpus/report.txt", True), (None, False)])
def test_rdf_build_described_agreement_keeps_its_node_in_an_edited_file(path, same):
    # a described (unnamed) agreement is keyed by the file's lineage, its source path:
    # the file edited elsewhere still reports the same node (corrections about it hold)
    def agreements(text: str) -> set:
        rec = DocumentRecords(file_name="report.txt", sha256=sha256_of(text.encode()),
                              text=text, source_path=path)
        rec.agreements = [Agreement("five-year arrangement", named=False, mentions=[])]
        return set(document_graph(rec).subjects(RDF.type, PKG.Agreement))

    first, edited = agreements("A deal."), agreements("A deal.\n\nMore text later.")
    assert (first == edited) is same
