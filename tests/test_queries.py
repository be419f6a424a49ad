"""The SPARQL files of queries/ run on pyoxigraph and on rdflib and return the real rows.

The store is two hand-written documents turned into RDF by ``kg.rdf.build`` (no
extractor involved). Both engines query the union of the named graphs; bindings are
passed as engine bindings (pyoxigraph ``substitutions``, rdflib ``initBindings``), never
formatted into the query text.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from datetime import datetime, timezone
from functools import lru_cache
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.namespace import OWL, XSD
from rdflib.plugins.sparql import prepareQuery
from rdflib.term import Identifier

from kg.core.records import (
    Agreement,
    Country,
    DocumentRecords,
    Evidence,
    KnowledgeSource,
    Money,
    Organization,
    Person,
    Ref,
)
from kg.rdf import iris
from kg.rdf.build import document_graph
from kg.rdf.namespace import PKG

pytestmark = pytest.mark.filterwarnings("ignore:Dataset.*deprecated:DeprecationWarning")

QUERIES = Path(__file__).resolve().parents[1] / "queries"
QUERY_FILES = sorted(QUERIES.glob("*.rq"))
ENGINES = ["oxigraph", "rdflib"]
WHEN = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)


def _sentences(*sentences: str) -> tuple[str, list[Evidence]]:
    text, evidence, pos = "", [], 0
    for s in sentences:
        if text:
            text += " "
            pos += 1
        evidence.append(Evidence(pos, pos + len(s), s))
        text += s
        pos += len(s)
    return text, evidence


A_S1 = "US Secretary of State Antony Blinken met Japanese Foreign Minister Yoko Kamikawa in Tokyo."
A_S2 = "The two countries signed a five-year host-nation support agreement worth $9.3 billion."
B_S1 = "NATO Secretary General Jens Stoltenberg welcomed Japan's Prime Minister Fumio Kishida."
B_S2 = ("Japan and the North Atlantic Treaty Organization agreed the Individually Tailored "
        "Partnership Programme.")
A_S3 = "They also plan a trade framework."
B_S3 = "Antony Blinken and US Defense Secretary Lloyd Austin also attended."

NATO = "North Atlantic Treaty Organization"
KNOWLEDGE = KnowledgeSource("leaders", "7", "Leaders list", "Cite the leaders list.",
                            rule="knowledge.wikidata")
ITPP = "Individually Tailored Partnership Programme"
HNS = "five-year host-nation support agreement"
FRAMEWORK = "trade framework"


def _doc_a() -> DocumentRecords:
    text, (s1, s2, s3) = _sentences(A_S1, A_S2, A_S3)
    return DocumentRecords(
        file_name="us-japan.txt", sha256=hashlib.sha256(b"doc a").hexdigest(), text=text,
        title="US and Japan sign support agreement",
        countries=[Country("US", "United States", [s1]), Country("JP", "Japan", [s1, s2])],
        persons=[
            Person("Antony Blinken", [s1], roles={"Secretary of State": [s1]},
                   acts_for={Ref.country("US"): [s1]}),
            Person("Yoko Kamikawa", [s1], roles={"Foreign Minister": [s1]},
                   acts_for={Ref.country("JP"): [s1]}),
        ],
        agreements=[Agreement(
            HNS, named=False, mentions=[s2],
            parties={Ref.country("US"): [s2], Ref.country("JP"): [s2]},
            durations={"P5Y": [s2]},
            values={Money(Decimal("9300000000"), "USD"): [s2]},
            statuses={"signed": [s2]}, dates={"2024-04-10": [s2]},
            # the document stands in for the agreement's own text here (treaties.rq)
            text_of=[s2], signatories={("Antony Blinken", Ref.country("US")): [s1]},
        ), Agreement(FRAMEWORK, mentions=[s3], statuses={"planned": [s3]})],
        published="2024-04-11",
    )


def _doc_b() -> DocumentRecords:
    text, (s1, s2, s3) = _sentences(B_S1, B_S2, B_S3)
    return DocumentRecords(
        file_name="nato-japan.txt", sha256=hashlib.sha256(b"doc b").hexdigest(), text=text,
        countries=[Country("JP", "Japan", [s1, s2])],
        organizations=[Organization(NATO, aliases=["NATO"], mentions=[s1, s2])],
        persons=[
            Person("Jens Stoltenberg", [s1], roles={"Secretary General": [s1]},
                   acts_for={Ref.organization(NATO): [s1]}),
            Person("Fumio Kishida", [s1], roles={"Prime Minister": [s1]},
                   acts_for={Ref.country("JP"): [s1]}),
            Person("Antony Blinken", [s3]),
            # no role; the US is not in `countries`, so the builder declares it without
            # evidence for its mention
            Person("Lloyd Austin", [s3], acts_for={Ref.country("US"): [s3]},
                   same_as={"Q1000002": [KNOWLEDGE]}),
        ],
        agreements=[Agreement(
            ITPP, named=True, mentions=[s2],
            parties={Ref.country("JP"): [s2], Ref.organization(NATO): [s2]},
            statuses={"agreed": [s2]},
        )],
    )


DOC_A = iris.document_iri(_doc_a().sha256)
DOC_B = iris.document_iri(_doc_b().sha256)
BLINKEN = iris.person_iri("Antony Blinken")


@pytest.fixture(scope="module")
def graphs():
    return [document_graph(_doc_a(), WHEN), document_graph(_doc_b(), WHEN)]


@pytest.fixture(scope="module")
def rdflib_ds(graphs) -> Dataset:
    ds = Dataset(default_union=True)
    for g in graphs:
        target = ds.graph(g.identifier)
        for triple in g:
            target.add(triple)
    return ds


@pytest.fixture(scope="module")
def ox_store(rdflib_ds) -> ox.Store:
    store = ox.Store()
    store.load(rdflib_ds.serialize(format="nquads", encoding="utf-8"),
               format=ox.RdfFormat.N_QUADS)
    return store


# ---------------------------------------------------------------------------
# running a query on either engine, with results as plain strings
# ---------------------------------------------------------------------------

def _to_ox(term: Identifier):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


def _plain(term) -> str | None:
    """A result term as a string: IRI or literal lexical form (None when unbound)."""
    if term is None:
        return None
    if isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal)):
        text = term.value
        datatype = getattr(term, "datatype", None)
        datatype = datatype.value if datatype is not None else None
    else:
        text = str(term)
        datatype = str(term.datatype) if isinstance(term, Literal) and term.datatype else None
    if datatype == str(XSD.dateTime) and text.endswith("+00:00"):
        text = text[:-6] + "Z"  # oxigraph writes the canonical form of UTC
    return text


@lru_cache(maxsize=None)
def _text(name: str) -> str:
    return (QUERIES / name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def _rdflib_query(name: str):
    return prepareQuery(_text(name))  # rdflib's parser is slow: parse each file once


def run(engine: str, name: str, stores, **bindings: Identifier) -> list[dict[str, str | None]]:
    text = _text(name)
    rdflib_ds, ox_store = stores
    if engine == "rdflib":
        result = rdflib_ds.query(_rdflib_query(name), initBindings=bindings)
        names = [str(v) for v in result.vars]
        return [{n: _plain(row[n]) for n in names} for row in result]
    solutions = ox_store.query(
        text, use_default_graph_as_union=True,
        substitutions={ox.Variable(k): _to_ox(v) for k, v in bindings.items()})
    names = [v.value for v in solutions.variables]
    return [{n: _plain(sol[n]) for n in names} for sol in solutions]


@pytest.fixture(scope="module")
def stores(rdflib_ds, ox_store):
    return rdflib_ds, ox_store


def _split(value: str | None) -> set[str]:
    return set(value.split("; ")) if value else set()


# ---------------------------------------------------------------------------
# every file
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.name)
def test_queries_file_has_title_and_description(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    assert re.match(r"# title: \S", lines[0]), "first line must be '# title: ...'"
    assert any(re.match(r"# description: \S", line) for line in lines[:5])
    assert path.name in (QUERIES / "README.md").read_text(encoding="utf-8")


def test_queries_expected_files_exist():
    names = {p.name for p in QUERY_FILES}
    assert {"fact-provenance.rq", "country-facts.rq", "agreements.rq",
            "persons-by-country.rq", "documents.rq", "entity-network.rq"} <= names


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.name)
def test_queries_run_unbound_and_are_read_only(engine, path, stores):
    text = path.read_text(encoding="utf-8")
    body = re.sub(r"#[^\n]*", "", text)
    assert not re.search(r"\b(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE)\b", body, re.I)
    rows = run(engine, path.name, stores)
    assert rows, f"{path.name} returned nothing on {engine}"


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.name)
def test_queries_engines_agree(path, stores):
    def canon(rows):  # a multiset of rows; GROUP_CONCAT order may differ by engine
        return Counter(
            tuple(sorted(((k, frozenset(_split(v)) if v and "; " in v else v)
                          for k, v in row.items()), key=lambda kv: kv[0]))
            for row in rows)
    assert canon(run("rdflib", path.name, stores)) == canon(run("oxigraph", path.name, stores))


# ---------------------------------------------------------------------------
# the rows each query must return
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("engine", ENGINES)
def test_queries_fact_provenance_for_a_person(engine, stores):
    rows = run(engine, "fact-provenance.rq", stores, subject=BLINKEN)
    got = {(r["property"], r["objectLabel"], r["fileName"], r["sentence"], r["startChar"],
            r["endChar"]) for r in rows}
    end = str(len(A_S1))
    assert got == {
        ("role", "Secretary of State", "us-japan.txt", A_S1, "0", end),
        ("actsFor", "United States", "us-japan.txt", A_S1, "0", end),
    }
    assert all(r["subject"] == str(BLINKEN) and r["subjectLabel"] == "Antony Blinken"
               for r in rows)
    assert all(r["passage"] == f"{DOC_A}#char=0,{end}" and r["document"] == str(DOC_A)
               for r in rows)


@pytest.mark.parametrize("engine", ENGINES)
def test_queries_fact_provenance_with_predicate_bound(engine, stores):
    rows = run(engine, "fact-provenance.rq", stores, subject=BLINKEN, predicate=PKG.role)
    assert [(r["objectLabel"], r["sentence"]) for r in rows] == [("Secretary of State", A_S1)]


@pytest.mark.parametrize("engine", ENGINES)
def test_queries_fact_provenance_with_object_bound(engine, stores):
    rows = run(engine, "fact-provenance.rq", stores, subject=DOC_B, predicate=PKG.mentions,
               object=BLINKEN)
    assert [(r["subjectLabel"], r["sentence"], r["fileName"]) for r in rows] == [
        ("nato-japan.txt", B_S3, "nato-japan.txt")]


@pytest.mark.parametrize("engine", ENGINES)
def test_queries_fact_provenance_unbound_lists_every_evidenced_fact(engine, stores, graphs):
    from rdflib.namespace import RDF
    expected = sum(1 for g in graphs for st in g.subjects(RDF.type, RDF.Statement)
                   for _ in g.objects(st, PKG.evidence))
    rows = run(engine, "fact-provenance.rq", stores)
    assert len(rows) == expected
    assert {r["fileName"] for r in rows} == {"us-japan.txt", "nato-japan.txt"}


@pytest.mark.parametrize("engine", ENGINES)
def test_queries_knowledge_facts_are_told_apart_from_the_text(engine, stores):
    rows = run(engine, "knowledge-facts.rq", stores)
    assert [(r["subjectLabel"], r["property"], r["object"], r["source"], r["version"])
            for r in rows] == [("Lloyd Austin", "sameAs",
                                "http://www.wikidata.org/entity/Q1000002", "Leaders list", "7")]
    assert rows[0]["citation"] == "Cite the leaders list."
    text_only = run(engine, "fact-provenance.rq", stores,
                    subject=iris.person_iri("Lloyd Austin"), predicate=OWL.sameAs)
    assert text_only == []  # no sentence states it


@pytest.mark.parametrize("engine", ENGINES)
def test_queries_country_facts_for_japan(engine, stores):
    rows = run(engine, "country-facts.rq", stores, iso=Literal("JP"))
    got = sorted((r["fileName"], r["property"], r["subjectLabel"], r["objectLabel"],
                  r["sentence"]) for r in rows)
    assert got == sorted([
        ("us-japan.txt", "mentions", "us-japan.txt", "Japan", A_S1),
        ("us-japan.txt", "mentions", "us-japan.txt", "Japan", A_S2),
        ("us-japan.txt", "actsFor", "Yoko Kamikawa", "Japan", A_S1),
        ("us-japan.txt", "party", HNS, "Japan", A_S2),
        ("nato-japan.txt", "mentions", "nato-japan.txt", "Japan", B_S1),
        ("nato-japan.txt", "mentions", "nato-japan.txt", "Japan", B_S2),
        ("nato-japan.txt", "actsFor", "Fumio Kishida", "Japan", B_S1),
        ("nato-japan.txt", "party", ITPP, "Japan", B_S2),
    ])
    assert {(r["iso"], r["countryLabel"]) for r in rows} == {("JP", "Japan")}


@pytest.mark.parametrize("engine", ENGINES)
def test_queries_country_facts_for_a_country_only_named_as_an_employer(engine, stores):
    rows = run(engine, "country-facts.rq", stores, iso=Literal("US"))
    got = sorted(((r["fileName"], r["property"], r["subjectLabel"], r["sentence"] or "")
                  for r in rows))
    assert got == sorted([
        ("us-japan.txt", "mentions", "us-japan.txt", A_S1),
        ("us-japan.txt", "actsFor", "Antony Blinken", A_S1),
        ("us-japan.txt", "party", HNS, A_S2),
        # declared for Austin's actsFor: the mention carries that fact's sentence
        ("nato-japan.txt", "mentions", "nato-japan.txt", B_S3),
        ("nato-japan.txt", "actsFor", "Lloyd Austin", B_S3),
    ])


@pytest.mark.parametrize("engine", ENGINES)
def test_queries_agreements_with_agreement_bound(engine, stores):
    hns = iris.agreement_iri(HNS, False, _doc_a().source_path or _doc_a().sha256)
    rows = run(engine, "agreements.rq", stores, agreement=hns)
    assert [(r["agreement"], r["label"], r["currency"]) for r in rows] == [
        (str(hns), HNS, "USD")]


@pytest.mark.parametrize("engine", ENGINES)
def test_queries_country_facts_unknown_country_is_empty(engine, stores):
    assert run(engine, "country-facts.rq", stores, iso=Literal("FR")) == []


@pytest.mark.parametrize("engine", ENGINES)
def test_queries_agreements(engine, stores):
    rows = {r["label"]: r for r in run(engine, "agreements.rq", stores)}
    assert set(rows) == {HNS, ITPP, FRAMEWORK}
    hns, itpp, framework = rows[HNS], rows[ITPP], rows[FRAMEWORK]
    assert _split(hns["parties"]) == {"United States", "Japan"}
    assert _split(hns["partyCodes"]) == {"US", "JP"}
    assert hns["duration"] == "P5Y"
    assert Decimal(hns["amount"]) == Decimal("9300000000") and hns["currency"] == "USD"
    assert hns["status"] == "signed" and hns["documents"] == "us-japan.txt"
    assert _split(itpp["partyCodes"]) == {"JP", NATO}
    assert itpp["amount"] is None and itpp["currency"] is None
    assert itpp["duration"] is None
    assert framework["status"] == "planned" and framework["documents"] == "us-japan.txt"
    assert [framework[k] for k in ("parties", "partyCodes", "duration", "amount")] == [None] * 4
    assert itpp["status"] == "agreed" and itpp["documents"] == "nato-japan.txt"
    assert itpp["agreement"] == str(iris.agreement_iri(ITPP, True, ""))


@pytest.mark.parametrize("engine", ENGINES)
def test_queries_persons_by_country_ordered_by_country(engine, stores):
    rows = run(engine, "persons-by-country.rq", stores)
    assert [(r["iso"], r["personLabel"], r["roles"], r["documents"]) for r in rows] == [
        ("JP", "Fumio Kishida", "Prime Minister", "nato-japan.txt"),
        ("JP", "Yoko Kamikawa", "Foreign Minister", "us-japan.txt"),
        ("US", "Antony Blinken", "Secretary of State", "us-japan.txt"),
        ("US", "Lloyd Austin", None, "nato-japan.txt"),
    ]
    assert rows[2]["countryLabel"] == "United States"


@pytest.mark.parametrize("engine", ENGINES)
def test_queries_persons_by_country_with_iso_bound(engine, stores):
    rows = run(engine, "persons-by-country.rq", stores, iso=Literal("US"))
    assert [(r["personLabel"], r["iso"]) for r in rows] == [
        ("Antony Blinken", "US"), ("Lloyd Austin", "US")]


@pytest.mark.parametrize("engine", ENGINES)
def test_queries_recent_documents(engine, stores):
    rows = run(engine, "recent-documents.rq", stores)
    assert sorted(r["fileName"] for r in rows) == ["nato-japan.txt", "us-japan.txt"]
    assert {r["title"] for r in rows} == {"US and Japan sign support agreement", None}
    assert all(r["ingestedAt"].startswith("2024-05-01T12:00:00") for r in rows)


@pytest.mark.parametrize("engine", ENGINES)
def test_queries_documents_counts(engine, stores, graphs):
    from rdflib.namespace import RDF
    rows = {r["fileName"]: r for r in run(engine, "documents.rq", stores)}
    assert list(rows) == ["nato-japan.txt", "us-japan.txt"]  # ordered by file name
    counts = {name: tuple(int(r[k]) for k in ("countries", "persons", "organizations",
                                              "agreements", "passages"))
              for name, r in rows.items()}
    assert counts == {"us-japan.txt": (2, 2, 0, 2, 3), "nato-japan.txt": (2, 4, 1, 1, 3)}
    facts = {str(g.identifier): len(set(g.subjects(RDF.type, RDF.Statement))) for g in graphs}
    assert {r["document"]: int(r["facts"]) for r in rows.values()} == facts
    assert rows["us-japan.txt"]["title"] == "US and Japan sign support agreement"
    assert rows["nato-japan.txt"]["title"] is None
    assert rows["us-japan.txt"]["ingestedAt"].startswith("2024-05-01T12:00:00")


@pytest.mark.parametrize("engine", ENGINES)
def test_queries_entity_network_edges(engine, stores):
    rows = run(engine, "entity-network.rq", stores)
    got = {(r["sourceLabel"], r["sourceType"], r["relationName"], r["targetLabel"],
            r["targetType"], r["targetIso"], r["documents"]) for r in rows}
    assert got == {
        ("Antony Blinken", "Person", "actsFor", "United States", "Country", "US", "1"),
        ("Yoko Kamikawa", "Person", "actsFor", "Japan", "Country", "JP", "1"),
        ("Fumio Kishida", "Person", "actsFor", "Japan", "Country", "JP", "1"),
        ("Lloyd Austin", "Person", "actsFor", "United States", "Country", "US", "1"),
        ("Jens Stoltenberg", "Person", "actsFor", NATO, "Organization", None, "1"),
        (HNS, "Agreement", "party", "United States", "Country", "US", "1"),
        (HNS, "Agreement", "party", "Japan", "Country", "JP", "1"),
        (ITPP, "Agreement", "party", "Japan", "Country", "JP", "1"),
        (ITPP, "Agreement", "party", NATO, "Organization", None, "1"),
    }
    assert len(rows) == len(got)


@pytest.mark.parametrize("engine", ENGINES)
def test_queries_entity_network_with_relation_bound(engine, stores):
    rows = run(engine, "entity-network.rq", stores, relation=PKG.party)
    assert len(rows) == 4 and {r["relationName"] for r in rows} == {"party"}


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("bindings, labels", [
    ({}, {HNS}),  # signed, any year
    ({"year": Literal("2024")}, {HNS}),
    ({"year": Literal("2023")}, set()),
    ({"stage": Literal("planned")}, {FRAMEWORK}),
    ({"stage": Literal("planned"), "year": Literal("2024")}, set()),  # no date stated
])
def test_queries_agreements_by_stage_and_year(engine, stores, bindings, labels):
    rows = run(engine, "agreements-by-stage.rq", stores, **bindings)
    assert {r["label"] for r in rows} == labels
    for r in rows:
        assert r["label"] != HNS or (r["date"], r["fileName"]) == ("2024-04-10", "us-japan.txt")


@pytest.mark.parametrize("engine", ENGINES)
def test_queries_agreements_open(engine, stores):
    rows = run(engine, "agreements-open.rq", stores)
    assert [(r["label"], r["status"], r["published"], r["fileName"]) for r in rows] == [
        (FRAMEWORK, "planned", "2024-04-11", "us-japan.txt")]


@pytest.mark.parametrize("engine", ENGINES)
def test_queries_treaties_texts_with_parties_date_and_signatories(engine, stores):
    rows = run(engine, "treaties.rq", stores)
    assert len(rows) == 1
    (row,) = rows
    assert (row["fileName"], row["label"], row["status"], row["date"]) == (
        "us-japan.txt", HNS, "signed", "2024-04-10")
    assert _split(row["partyCodes"]) == {"JP", "US"}
    assert _split(row["signatories"]) == {"Antony Blinken (United States)"}
    assert run(engine, "treaties.rq", stores, document=URIRef(DOC_B)) == []
