"""SHACL validation (kg.archive.validate) on small document graphs written by hand."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from pyshacl.entrypoints import meta_validate
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, XSD

from kg.archive.validate import (
    ValidationReport,
    Violation,
    shapes_graph,
    validate_dataset,
    validate_graph,
)
from kg.rdf.namespace import ID_BASE, PKG

ID = ID_BASE
S1 = "US Secretary of State Antony Blinken met Japan's Prime Minister Fumio Kishida."
S2 = "The United States and Japan signed a five-year agreement worth $9.3 billion with NATO."
TEXT = S1 + " " + S2


@dataclass
class Doc:
    """A hand-built, self-contained document graph in the shape build.py produces."""

    name: str = "a"
    text: str = TEXT
    g: Graph = field(init=False)
    doc: URIRef = field(init=False)

    def __post_init__(self) -> None:
        sha = hashlib.sha256(self.name.encode()).hexdigest()
        self.doc = URIRef(f"{ID}doc/{sha}")
        self.g = Graph(identifier=self.doc)
        g, doc = self.g, self.doc
        g.add((doc, RDF.type, PKG.Document))
        g.add((doc, PKG.fileName, Literal(f"{self.name}.txt")))
        g.add((doc, PKG.sha256, Literal(sha)))
        g.add((doc, PKG.mediaType, Literal("text/plain")))
        g.add((doc, PKG.content, Literal(self.text)))
        g.add((doc, PKG.extractorVersion, Literal("0.1.0")))
        g.add((doc, PKG.ingestedAt, Literal("2024-05-01T12:00:00+00:00", datatype=XSD.dateTime)))
        self.n = 0

    def passage(self, sentence: str) -> URIRef:
        start = self.text.index(sentence)
        end = start + len(sentence)
        node = URIRef(f"{self.doc}#char={start},{end}")
        self.g.add((node, RDF.type, PKG.Evidence))
        self.g.add((node, PKG.inDocument, self.doc))
        self.g.add((node, PKG.text, Literal(sentence)))
        self.g.add((node, PKG.startChar, Literal(start)))
        self.g.add((node, PKG.endChar, Literal(end)))
        return node

    def fact(self, s, p, o, *sentences: str) -> URIRef:
        self.g.add((s, p, o))
        self.n += 1
        st = URIRef(f"{self.doc}/fact/{self.n}")
        self.g.add((st, RDF.type, RDF.Statement))
        self.g.add((st, RDF.subject, s))
        self.g.add((st, RDF.predicate, p))
        self.g.add((st, RDF.object, o))
        self.g.add((st, PROV.wasDerivedFrom, self.doc))
        for sentence in sentences:
            self.g.add((st, PKG.evidence, self.passage(sentence)))
        return st

    def entity(self, kind: str, key: str, cls: URIRef, label: str, *sentences: str) -> URIRef:
        node = URIRef(f"{ID}{kind}/{key}")
        self.g.add((node, RDF.type, cls))
        self.g.add((node, RDFS.label, Literal(label)))
        self.fact(self.doc, PKG.mentions, node, *sentences)
        return node


US = URIRef(f"{ID}country/US")
JP = URIRef(f"{ID}country/JP")
BLINKEN = URIRef(f"{ID}person/antony-blinken")
NATO = URIRef(f"{ID}organization/north-atlantic-treaty-organization")
DEAL = URIRef(f"{ID}agreement/five-year-agreement")
MONEY = URIRef(f"{DEAL}/value/9300000000-usd")


def good_doc(name: str = "a") -> Doc:
    d = Doc(name)
    g = d.g
    for iso, iso3, label, node in (("US", "USA", "United States", US), ("JP", "JPN", "Japan", JP)):
        d.entity("country", iso, PKG.Country, label, S1, S2)
        g.add((node, PKG.isoCode, Literal(iso)))
        g.add((node, PKG.isoCode3, Literal(iso3)))
    d.entity("person", "antony-blinken", PKG.Person, "Antony Blinken", S1)
    d.fact(BLINKEN, PKG.role, Literal("Secretary of State"), S1)
    d.fact(BLINKEN, PKG.actsFor, US, S1)
    d.entity("organization", "north-atlantic-treaty-organization", PKG.Organization,
             "North Atlantic Treaty Organization", S2)
    g.add((NATO, PKG.alias, Literal("NATO")))
    d.entity("agreement", "five-year-agreement", PKG.Agreement, "five-year agreement", S2)
    for party in (US, JP, NATO):
        d.fact(DEAL, PKG.party, party, S2)
    d.fact(DEAL, PKG.duration, Literal("P5Y", datatype=XSD.duration), S2)
    g.add((MONEY, RDF.type, PKG.MonetaryAmount))
    g.add((MONEY, PKG.amount, Literal(Decimal("9300000000"), datatype=XSD.decimal)))
    g.add((MONEY, PKG.currency, Literal("USD")))
    d.fact(DEAL, PKG.value, MONEY, S2)
    d.fact(DEAL, PKG.status, Literal("signed"), S2)
    return d


def _results(report: ValidationReport, severity: str = "Violation") -> set[tuple[str, str | None]]:
    return {(v.focus, v.path) for v in report.violations if v.severity == severity}


# ---------------------------------------------------------------------------
# good graphs
# ---------------------------------------------------------------------------

def test_validate_good_document_conforms():
    report = validate_graph(good_doc().g)
    assert report.conforms, report.text()
    assert report.violations == []


def test_validate_built_document_conforms():
    """The graph kg.rdf.build makes from records satisfies the shapes."""
    from kg.core.records import (Agreement, Country, DocumentRecords, Evidence, Money,
                                 Organization, Person, Ref)
    from kg.rdf.build import document_graph
    e1, e2 = Evidence(0, len(S1), S1), Evidence(len(S1) + 1, len(TEXT), S2)
    records = DocumentRecords(
        file_name="a.txt", sha256=hashlib.sha256(b"a").hexdigest(), text=TEXT, title="T",
        countries=[Country("US", "United States", [e1, e2]), Country("JP", "Japan", [e1])],
        persons=[Person("Antony Blinken", [e1], {"Secretary of State": [e1]},
                        {Ref.country("US"): [e1]})],
        organizations=[Organization("North Atlantic Treaty Organization", ["NATO"], [e2])],
        agreements=[Agreement("five-year agreement", False, [e2],
                              {Ref.country("US"): [e2], Ref.country("SU"): [e2],
                               Ref.organization("NATO"): [e2]},
                              {"P5Y": [e2]}, {Money(Decimal("9.3E9"), "USD"): [e2]},
                              {"signed": [e2]})],
    )
    report = validate_graph(document_graph(records))
    assert report.conforms, report.text()


def test_validate_retired_and_user_assigned_codes_conform():
    d = good_doc()
    for iso in ("SU", "YU", "CS", "DD", "XK"):
        node = d.entity("country", iso, PKG.Country, iso, S1)
        d.g.add((node, PKG.isoCode, Literal(iso)))
    assert validate_graph(d.g).conforms


# ---------------------------------------------------------------------------
# bad graphs: each yields the violation it should, on the right node and path
# ---------------------------------------------------------------------------

def _set(d: Doc, s, p, o) -> Doc:
    d.g.remove((s, p, None))
    if o is not None:
        d.g.add((s, p, o))
    return d


def _replace_fact_object(d: Doc, s, p, old, new) -> Doc:
    d.g.remove((s, p, old))
    d.g.add((s, p, new))
    for st in list(d.g.subjects(RDF.object, old)):
        if (st, RDF.subject, s) in d.g and (st, RDF.predicate, p) in d.g:
            _set(d, st, RDF.object, new)
    return d


BAD_CASES = {
    "country isoCode lower-case alpha-3": (
        lambda d: _set(d, JP, PKG.isoCode, Literal("jpn")), JP, PKG.isoCode, "ISO 3166-1"),
    "country isoCode3 wrong": (
        lambda d: _set(d, JP, PKG.isoCode3, Literal("JP")), JP, PKG.isoCode3, "alpha-3"),
    "country without isoCode": (
        lambda d: _set(d, JP, PKG.isoCode, None), JP, PKG.isoCode, "exactly one"),
    "party pointing to a person": (
        lambda d: _replace_fact_object(d, DEAL, PKG.party, NATO, BLINKEN),
        DEAL, PKG.party, "pkg:Country or pkg:Organization"),
    "actsFor pointing to an agreement": (
        lambda d: _replace_fact_object(d, BLINKEN, PKG.actsFor, US, DEAL),
        BLINKEN, PKG.actsFor, "pkg:Country or pkg:Organization"),
    "amount as a string": (
        lambda d: _set(d, MONEY, PKG.amount, Literal("9300000000")),
        MONEY, PKG.amount, "xsd:decimal"),
    "currency lower case": (
        lambda d: _set(d, MONEY, PKG.currency, Literal("usd")), MONEY, PKG.currency, "ISO 4217"),
    "value that is not a MonetaryAmount": (
        lambda d: d.g.remove((MONEY, RDF.type, PKG.MonetaryAmount)),
        MONEY, None, "pkg:MonetaryAmount"),
    "person without label": (
        lambda d: _set(d, BLINKEN, RDFS.label, None), BLINKEN, RDFS.label, "rdfs:label"),
    "agreement with empty label": (
        lambda d: _set(d, DEAL, RDFS.label, Literal("")), DEAL, RDFS.label, "rdfs:label"),
    "organization label with a language tag": (
        lambda d: _set(d, NATO, RDFS.label, Literal("NATO", lang="en")),
        NATO, RDFS.label, "xsd:string"),
    "duration as a plain string": (
        lambda d: _replace_fact_object(d, DEAL, PKG.duration,
                                       Literal("P5Y", datatype=XSD.duration), Literal("P5Y")),
        DEAL, PKG.duration, "xsd:duration"),
    "duration ill-formed": (
        lambda d: _replace_fact_object(d, DEAL, PKG.duration,
                                       Literal("P5Y", datatype=XSD.duration),
                                       Literal("five years", datatype=XSD.duration)),
        DEAL, PKG.duration, "xsd:duration"),
    "sha256 not hex": (
        lambda d: _set(d, d.doc, PKG.sha256, Literal("ABC")), "doc", PKG.sha256, "64"),
    "two file names": (
        lambda d: d.g.add((d.doc, PKG.fileName, Literal("b.txt"))), "doc", PKG.fileName,
        "exactly one"),
    "ingestedAt not a dateTime": (
        lambda d: _set(d, d.doc, PKG.ingestedAt, Literal("yesterday")), "doc", PKG.ingestedAt,
        "xsd:dateTime"),
    "mentions of an untyped node": (
        lambda d: d.g.add((d.doc, PKG.mentions, URIRef(f"{ID}person/nobody"))),
        "doc", PKG.mentions, "pkg:mentions"),
    "evidence start after end": (
        lambda d: _set(d, URIRef(f"{d.doc}#char=0,{len(S1)}"), PKG.startChar, Literal(500)),
        URIRef, PKG.startChar, "less than pkg:endChar"),
    "evidence offset negative": (
        lambda d: _set(d, URIRef(f"{d.doc}#char=0,{len(S1)}"), PKG.startChar, Literal(-1)),
        URIRef, PKG.startChar, ">= 0"),
    "evidence without text": (
        lambda d: _set(d, URIRef(f"{d.doc}#char=0,{len(S1)}"), PKG.text, None),
        URIRef, PKG.text, "pkg:text"),
    "evidence in another document": (
        lambda d: _set(d, URIRef(f"{d.doc}#char=0,{len(S1)}"), PKG.inDocument,
                       URIRef(f"{ID}doc/other")),
        URIRef, PKG.inDocument, "pkg:Document"),
    "statement without wasDerivedFrom": (
        lambda d: _set(d, URIRef(f"{d.doc}/fact/1"), PROV.wasDerivedFrom, None),
        URIRef(f"{ID}doc/placeholder/fact/1"), PROV.wasDerivedFrom, "prov:wasDerivedFrom"),
    "statement with two objects": (
        lambda d: d.g.add((URIRef(f"{d.doc}/fact/1"), RDF.object, JP)),
        URIRef(f"{ID}doc/placeholder/fact/1"), RDF.object, "rdf:object"),
    "untyped agreement with a party": (
        lambda d: d.g.remove((DEAL, RDF.type, PKG.Agreement)), DEAL, None, "pkg:Agreement"),
}


def _expected_focus(focus, d: Doc) -> str | type:
    if focus == "doc":
        return str(d.doc)
    if isinstance(focus, URIRef) and "/doc/placeholder/" in str(focus):
        return str(focus).replace(f"{ID}doc/placeholder", str(d.doc))
    return focus if focus is URIRef else str(focus)


@pytest.mark.parametrize("case", list(BAD_CASES))
def test_validate_bad_graph_reports_violation(case):
    mutate, focus, path, words = BAD_CASES[case]
    d = good_doc()
    mutate(d)
    report = validate_graph(d.g)
    assert not report.conforms
    focus = _expected_focus(focus, d)
    hits = [v for v in report.errors
            if (focus is URIRef or v.focus == focus)
            and (path is None or v.path == str(path))]
    assert hits, report.text()
    assert any(words in v.message for v in hits), report.text()
    assert all(v.graph == str(d.doc) for v in report.violations)


# ---------------------------------------------------------------------------
# facts the actor knowledge base adds: owl:sameAs, pkg:fullName, pkg:KnowledgeSource
# ---------------------------------------------------------------------------

KB_SOURCE = URIRef(f"{ID}knowledge/actors/1/leaders")
WD_BLINKEN = URIRef("http://www.wikidata.org/entity/Q7821917")


def knowledge_fact(d: Doc, s, p, o, source=KB_SOURCE) -> URIRef:
    """A fact no sentence states: derived from the document and a knowledge source."""
    d.g.add((s, p, o))
    d.n += 1
    st = URIRef(f"{d.doc}/fact/{d.n}")
    for pred, value in ((RDF.type, RDF.Statement), (RDF.subject, s), (RDF.predicate, p),
                        (RDF.object, o), (PROV.wasDerivedFrom, d.doc),
                        (PROV.wasDerivedFrom, source)):
        d.g.add((st, pred, value))
    return st


def knowledge_doc() -> Doc:
    d = good_doc()
    d.g.add((KB_SOURCE, RDF.type, PKG.KnowledgeSource))
    d.g.add((KB_SOURCE, RDFS.label, Literal("Leaders list")))
    d.g.add((KB_SOURCE, OWL.versionInfo, Literal("1")))
    d.g.add((KB_SOURCE, DCTERMS.bibliographicCitation, Literal("Cite the leaders list.")))
    knowledge_fact(d, BLINKEN, OWL.sameAs, WD_BLINKEN)
    knowledge_fact(d, NATO, PKG.fullName, Literal("North Atlantic Treaty Organization"))
    knowledge_fact(d, BLINKEN, PKG.role, Literal("Secretary of State"))
    return d


def test_validate_knowledge_base_facts_conform():
    report = validate_graph(knowledge_doc().g)
    assert report.conforms, report.text()


KNOWLEDGE_CASES = {
    "sameAs to a page that is no Wikidata entity": (
        lambda d: _replace_fact_object(d, BLINKEN, OWL.sameAs, WD_BLINKEN,
                                       URIRef("https://en.wikipedia.org/wiki/X")),
        BLINKEN, OWL.sameAs, "Wikidata entity"),
    "two sameAs": (
        lambda d: knowledge_fact(d, BLINKEN, OWL.sameAs,
                                 URIRef("http://www.wikidata.org/entity/Q1")),
        BLINKEN, OWL.sameAs, "at most one"),
    "sameAs on an agreement": (
        lambda d: knowledge_fact(d, DEAL, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q2")),
        DEAL, None, "owl:sameAs"),
    "sameAs not reified": (
        lambda d: d.g.add((JP, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q17"))),
        "doc", None, "owl:sameAs"),
    "two full names": (
        lambda d: knowledge_fact(d, NATO, PKG.fullName, Literal("NATO Alliance")),
        NATO, PKG.fullName, "at most one"),
    "knowledge source without a version": (
        lambda d: _set(d, KB_SOURCE, OWL.versionInfo, None), KB_SOURCE, OWL.versionInfo,
        "version"),
    "knowledge source outside the knowledge IRIs": (
        lambda d: [d.g.add((URIRef("https://example.org/kb"), p, o))
                   for p, o in ((RDF.type, PKG.KnowledgeSource), (RDFS.label, Literal("x")),
                                (OWL.versionInfo, Literal("1")))],
        URIRef("https://example.org/kb"), None, "knowledge/"),
    "derived from an untyped node": (
        lambda d: knowledge_fact(d, BLINKEN, PKG.actsFor, JP, URIRef(f"{ID}nothing")),
        URIRef, PROV.wasDerivedFrom, "pkg:KnowledgeSource"),
}


@pytest.mark.parametrize("case", list(KNOWLEDGE_CASES))
def test_validate_knowledge_base_bad_graph_reports_violation(case):
    mutate, focus, path, words = KNOWLEDGE_CASES[case]
    d = knowledge_doc()
    mutate(d)
    report = validate_graph(d.g)
    assert not report.conforms
    focus = _expected_focus(focus, d)
    hits = [v for v in report.errors
            if (focus is URIRef or v.focus == focus)
            and (path is None or v.path == str(path))]
    assert hits, report.text()
    assert any(words in v.message for v in hits), report.text()


def test_validate_evidence_text_must_match_content():
    d = good_doc()
    passage = URIRef(f"{d.doc}#char=0,{len(S1)}")
    _set(d, passage, PKG.text, Literal("Something the document never says."))
    report = validate_graph(d.g)
    assert not report.conforms
    [v] = report.errors
    assert (v.focus, v.value) == (str(d.doc), str(passage))
    assert "pkg:content" in v.message


def test_validate_evidence_beyond_content():
    d = good_doc()
    passage = URIRef(f"{d.doc}#char=0,{len(S1)}")
    d.g.remove((passage, None, None))
    for s, p, _ in list(d.g.triples((None, PKG.evidence, passage))):
        d.g.remove((s, p, passage))
    far = d.passage(S1)  # same sentence, then move it past the end of the text
    d.g.remove((far, None, None))
    bad = URIRef(f"{d.doc}#char=5000,5010")
    for p, o in ((RDF.type, PKG.Evidence), (PKG.inDocument, d.doc), (PKG.text, Literal("x")),
                 (PKG.startChar, Literal(5000)), (PKG.endChar, Literal(5010))):
        d.g.add((bad, p, o))
    report = validate_graph(d.g)
    assert any(v.value == str(bad) and "outside the content" in v.message
               for v in report.errors), report.text()


def test_validate_evidence_iri_must_match_offsets():
    d = good_doc()
    old = URIRef(f"{d.doc}#char=0,{len(S1)}")
    new = URIRef(f"{d.doc}#char=1,2")
    for s, p, o in list(d.g.triples((old, None, None))):
        d.g.remove((s, p, o))
        d.g.add((new, p, o))
    for s, p, o in list(d.g.triples((None, None, old))):
        d.g.remove((s, p, o))
        d.g.add((s, p, new))
    report = validate_graph(d.g)
    assert [(v.focus, v.value) for v in report.errors] == [(str(d.doc), str(new))]
    assert "#char=" in report.errors[0].message


def test_validate_document_iri_must_end_with_sha256():
    d = good_doc()
    _set(d, d.doc, PKG.sha256, Literal("0" * 64))
    report = validate_graph(d.g)
    assert [(v.focus, v.value) for v in report.errors] == [(str(d.doc), f'"{"0" * 64}"')]


def test_validate_reified_fact_must_be_asserted():
    d = good_doc()
    d.g.remove((BLINKEN, PKG.role, Literal("Secretary of State")))
    report = validate_graph(d.g)
    assert not report.conforms
    assert any("not asserted" in v.message for v in report.errors), report.text()


def test_validate_asserted_fact_must_be_reified():
    d = good_doc()
    d.g.add((BLINKEN, PKG.role, Literal("Envoy")))
    report = validate_graph(d.g)
    assert [(v.focus, v.value) for v in report.errors] == [(str(d.doc), str(BLINKEN))]
    assert "without a reification" in report.errors[0].message


def test_validate_second_label_is_only_a_warning():
    d = good_doc()
    d.g.add((BLINKEN, RDFS.label, Literal("Tony Blinken")))
    report = validate_graph(d.g)
    assert report.conforms
    assert _results(report, "Warning") == {(str(BLINKEN), str(RDFS.label))}
    assert report.errors == []
    assert "[Warning]" in report.text()


# ---------------------------------------------------------------------------
# datasets and reports
# ---------------------------------------------------------------------------

def _dataset(*docs: Doc) -> Dataset:
    ds = Dataset(default_union=True)
    for d in docs:
        target = ds.graph(d.doc)
        for triple in d.g:
            target.add(triple)
    return ds


def test_validate_dataset_validates_each_graph_separately():
    good, bad = good_doc("good"), good_doc("bad")
    _set(bad, JP, PKG.isoCode, Literal("jpn"))
    # in the union JP would have two codes; per graph, only the bad graph is at fault
    report = validate_dataset(_dataset(good, bad))
    assert not report.conforms
    assert {v.graph for v in report.violations} == {str(bad.doc)}
    assert _results(report) == {(str(JP), str(PKG.isoCode))}


def test_validate_dataset_all_good_conforms():
    report = validate_dataset(_dataset(good_doc("x"), good_doc("y")))
    assert report.conforms and report.violations == []
    assert report.graphs == 2
    assert report.text() == "Validation conforms: no results (2 graph(s) validated)."


def test_validate_dataset_reports_default_graph_triples():
    ds = _dataset(good_doc())
    stray = URIRef(f"{ID}country/FR")
    ds.default_graph.add((stray, PKG.isoCode, Literal("fra")))
    report = validate_dataset(ds)
    assert not report.conforms
    assert {(v.graph, v.focus) for v in report.errors} >= {(None, str(stray))}


def test_validate_empty_dataset_conforms():
    assert validate_dataset(Dataset()).conforms


def test_validate_report_text_names_graph_focus_path_and_message():
    d = good_doc()
    _set(d, JP, PKG.isoCode, Literal("jpn"))
    _set(d, BLINKEN, RDFS.label, None)
    text = validate_graph(d.g).text()
    lines = text.splitlines()
    iso_line = next(line for line in lines if str(JP) in line and "isoCode" in line)
    graph, focus, path, message = iso_line.split(" | ", 3)
    assert (graph, focus, path) == (str(d.doc), str(JP), str(PKG.isoCode))
    assert "ISO 3166-1 alpha-2" in message and "jpn" in message
    assert any(str(BLINKEN) in line and "rdfs:label" in line for line in lines)
    assert lines[0].startswith(f"# {d.doc}")
    assert lines[-1] == "Validation does NOT conform: 2 violation(s) in 1 of 1 graph(s)."


def test_validate_report_merge():
    a = ValidationReport(True, [])
    b = ValidationReport(False, [Violation("x", None, "m", "Violation", "g")], graphs=1)
    assert a.merge(b).conforms is False and a.merge(a).conforms is True
    assert a.merge(b).violations == b.violations and a.merge(b).graphs == 1


def test_validate_graph_name_defaults_to_identifier():
    d = good_doc()
    _set(d, JP, PKG.isoCode, Literal("jpn"))
    assert {v.graph for v in validate_graph(d.g).violations} == {str(d.doc)}
    plain = Graph()
    for triple in d.g:
        plain.add(triple)
    assert {v.graph for v in validate_graph(plain).violations} == {None}
    assert {v.graph for v in validate_graph(plain, graph_name="x").violations} == {"x"}


def test_validate_shapes_graph_is_valid_shacl_and_a_copy():
    shapes = shapes_graph()
    conforms, _, text = meta_validate(shapes, inference="none")  # against SHACL-SHACL
    assert conforms, text
    shapes.remove((None, None, None))
    assert len(shapes_graph()) > 0  # callers cannot spoil the cached shapes


# -- a store, document by document (kg.archive.validate_store) --------------------------------
def _store_docs(store, *docs: Doc) -> None:
    from kg.archive.derived import derived_triples

    for d in docs:
        graph = Graph(identifier=d.doc)
        for triple in d.g:
            graph.add(triple)
        store.add_graph(graph, derived_triples(graph))


def test_validate_store_validates_only_documents_written_since(store):
    from kg.archive.validate_store import validate_store

    _store_docs(store, good_doc("x"), good_doc("y"))
    first = validate_store(store)
    assert first.conforms and first.report.graphs == 2 and first.skipped == 0
    again = validate_store(store)
    assert again.conforms and again.report.graphs == 0 and again.skipped == 2
    bad = good_doc("bad")
    _set(bad, JP, PKG.isoCode, Literal("jpn"))
    _store_docs(store, bad)  # a document written since: the only one validated
    found = validate_store(store)
    assert (found.report.graphs, found.skipped) == (1, 2) and not found.conforms
    assert {v.graph for v in found.report.violations} == {str(bad.doc)}
    later = validate_store(store)  # not validated again, but its failure still counts
    assert later.report.graphs == 0 and later.skipped_failing == [str(bad.doc)]
    assert not later.conforms
    everything = validate_store(store, everything=True)
    assert everything.report.graphs == 3 and not everything.conforms
    assert _results(everything.report) == {(str(JP), str(PKG.isoCode))}


def test_validate_store_progress_counts_documents(store):
    from kg.archive.validate_store import validate_store

    _store_docs(store, good_doc("x"), good_doc("y"), good_doc("z"))
    seen = []
    validate_store(store, on_progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 3) and seen[-1] == (3, 3)
