"""Derived data (kg.store.derived, kg.archive.derived): kept right by every write, read
by listing, resolution and validation, and invisible to queries about the facts."""

from __future__ import annotations

import hashlib
import shutil
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Literal

from kg.archive.derived import ensure_derived, rederive, schema, store_totals
from kg.archive.ingest import extract_graphs, store_records
from kg.archive.lifecycle import list_documents, remove_documents
from kg.archive.load import load_dump
from kg.archive.resolve import resolve_against_store
from kg.core.errors import KgError
from kg.core.records import Country, DocumentRecords, Evidence, Organization, Person, Ref
from kg.rdf.build import document_graph
from kg.rdf.namespace import KGI
from kg.store import open_store
from kg.store.derived import INDEX_GRAPH, stored_schema

QUERIES = sorted((Path(__file__).resolve().parents[1] / "queries").glob("*.rq"))
INDEX = f"SELECT ?s ?p ?o WHERE {{ GRAPH <{INDEX_GRAPH}> {{ ?s ?p ?o }} }}"
UN = "United Nations"


def _doc(name: str, persons=(), organizations=(), countries=("US",)) -> DocumentRecords:
    sentence = Evidence(0, len(name), name)
    return DocumentRecords(
        file_name=f"{name}.txt", sha256=hashlib.sha256(name.encode()).hexdigest(),
        text=name, title=name.title(), source_path=f"/docs/{name}.txt",
        countries=[Country(iso, iso, [sentence]) for iso in countries],
        persons=[Person(p, [sentence], acts_for={Ref.country(countries[0]): [sentence]})
                 for p in persons],
        organizations=[Organization(o, aliases=list(aliases), mentions=[sentence])
                       for o, *aliases in organizations])


DOCS = [
    _doc("first", ["Antony Blinken", "Lloyd Austin"], [(UN, "UN")], ("US", "JP")),
    _doc("second", ["Blinken"], [(UN,), ("North Atlantic Treaty Organization",)]),
    _doc("third", ["Hunter Biden", "Joe Biden"], [("NATO",)], ("FR",)),
    _doc("fourth", ["Biden", "Lloyd Austin"], [(UN, "U.N.")], ("US", "FR")),
]


def _index(store) -> Counter:
    """The derived data as a multiset of triples, the time of ingestion left out."""
    return Counter((s, p, o) for s, p, o in store.query(INDEX).rows
                   if not str(p).endswith(("#ingestedAt", "#listing")))


def _rederived(store, tmp_path: Path, name: str) -> Counter:
    """The derived data the store's documents give when derived from scratch."""
    copy = tmp_path / name
    shutil.copytree(store.path, copy)
    fresh = open_store(copy)
    rederive(fresh)
    return _index(fresh)


@pytest.fixture
def filled(store):
    for records in DOCS:
        store_records(store, records)
    return store


def _dump(store, path: Path) -> Path:
    with path.open("wb") as out:
        store.dump(out, "nquads")
    return path


# -- kept right by every write ---------------------------------------------------------------
def test_derived_index_follows_ingest_and_remove(filled, tmp_path):
    assert stored_schema(filled) == schema()
    assert _index(filled) == _rederived(filled, tmp_path, "a")
    remove_documents(filled, ["second.txt", "fourth.txt"])
    assert _index(filled) == _rederived(filled, tmp_path, "b")
    names = {str(o) for s, p, o in _index(filled) if str(p).endswith("#text")}
    assert "Blinken" not in names and "U.N." not in names  # only removed documents gave them
    assert {"Antony Blinken", UN, "UN", "NATO"} <= names  # still given by the others
    remove_documents(filled, ["first.txt", "third.txt"])
    assert list(_index(filled)) == [(INDEX_GRAPH, KGI.schema, Literal(schema()))]


@pytest.mark.parametrize("replace", [False, True])
def test_derived_index_follows_load_and_replace(filled, tmp_path, replace):
    dump = _dump(filled, tmp_path / "all.nq")
    remove_documents(filled, ["first.txt"])
    report = load_dump(filled, dump, replace=replace)
    assert len(report.added) == 1 and len(report.replaced if replace else report.skipped) == 3
    assert _index(filled) == _rederived(filled, tmp_path, "after")
    target = open_store(tmp_path / "target")
    load_dump(target, dump)  # into a new store: the export carries no derived data
    assert _index(target) == _index(filled)


@pytest.mark.parametrize("correct", ["merge", "label", "reject", "add"])
def test_derived_index_follows_corrections(filled, tmp_path, correct):
    """A correction rewrites document graphs in place: their derived data (names,
    summaries, the catalog the pages read) is derived again with them."""
    from kg.archive import corrections as C
    from kg.rdf.iris import country_iri, person_iri
    from kg.rdf.namespace import PKG

    before = _index(filled)
    writes = []  # a correction and the derived data it changes: one write, all or none
    for name in ("change_graphs", "add_derived", "drop_graphs", "set_derived",
                 "add_graph", "clear_derived"):
        method = getattr(filled, name)
        setattr(filled, name, lambda *a, _m=method, _n=name, **k: (writes.append(_n),
                                                                   _m(*a, **k))[1])
    blinken, austin = person_iri("Antony Blinken"), person_iri("Lloyd Austin")
    {"merge": lambda: C.merge(filled, blinken, austin),
     "label": lambda: C.label(filled, blinken, "Tony Blinken"),
     "reject": lambda: C.reject(filled, austin, PKG.actsFor, country_iri("US")),
     "add": lambda: C.add(filled, austin, PKG.actsFor, country_iri("FR"))}[correct]()
    assert writes == ["change_graphs"]
    assert _index(filled) == _rederived(filled, tmp_path, "after")
    assert (_index(filled) != before) == (correct != "add")  # an addition is no document's


def test_derived_replaced_document_leaves_no_entry_behind(store, tmp_path):
    store_records(store, _doc("first", ["Antony Blinken"]))
    changed = _doc("first", ["Lloyd Austin"])
    changed.sha256 = hashlib.sha256(b"first, edited").hexdigest()  # same path, new bytes
    assert store_records(store, changed).status == "replaced"
    index = _index(store)
    named = {s for s, p, o in index if str(p).endswith("#names")}  # the names index's
    assert {str(o) for s, p, o in index if s in named and str(p).endswith("#text")} == {
        "Lloyd Austin"}
    assert "Antony Blinken" not in {str(o) for s, p, o in index if str(p).endswith("#text")}
    assert _index(store) == _rederived(store, tmp_path, "after")


def test_derived_store_written_before_it_existed_is_derived_on_first_write(filled):
    filled.clear_derived()  # as an older policykg left it: documents, no index
    assert stored_schema(filled) is None
    with pytest.raises(KgError, match="kg reindex"):
        list(extract_graphs([], store=filled))  # it cannot derive it: it only reads
    assert [d.file_name for d in list_documents(filled)] == [
        "first.txt", "fourth.txt", "second.txt", "third.txt"]  # read the slow way
    assert ensure_derived(filled) and stored_schema(filled) == schema()
    out = resolve_against_store(_doc("fifth", ["Austin"]), filled)
    assert out.persons[0].key == "Lloyd Austin"


# -- read by listing and resolution -----------------------------------------------------------
def test_derived_listing_pages_by_file_name(filled):
    everything = list_documents(filled)
    assert [d.file_name for d in everything] == [
        "first.txt", "fourth.txt", "second.txt", "third.txt"]
    assert list_documents(filled, limit=2, offset=1) == everything[1:3]
    assert list_documents(filled, limit=10, offset=3) == everything[3:]
    first = everything[0]
    assert first.title == "First" and first.counts["persons"] == 2
    assert first.counts["countries"] == 2 and first.counts["organizations"] == 1
    assert first.triples == len(document_graph(DOCS[0]))
    assert store_totals(filled) == (4, sum(d.triples for d in everything))


@pytest.mark.parametrize("mention, expected", [
    ("Blinken", "Antony Blinken"),  # one stored person with that surname
    ("Biden", None),  # two: "Joe Biden", "Hunter Biden"
    ("Austin", "Lloyd Austin"),
])
def test_derived_resolution_reads_the_index(filled, mention, expected):
    out = resolve_against_store(_doc("new", [mention]), filled)
    assert out.persons[0].key == expected


@pytest.mark.parametrize("mention, expected", [
    ("UN", UN),  # a stored alias
    ("U.N.", UN),
    ("N.A.T.O.", "North Atlantic Treaty Organization"),  # the acronym of a stored name
])
def test_derived_resolution_reads_aliases_and_acronyms(filled, mention, expected):
    out = resolve_against_store(_doc("new", organizations=[(mention,)]), filled)
    assert out.organizations[0].key == expected


# -- invisible to the facts -------------------------------------------------------------------
FACT_QUERIES = [
    "SELECT ?type (COUNT(?x) AS ?n) WHERE { ?x a ?type } GROUP BY ?type",
    "SELECT ?s ?p WHERE { ?s ?p <https://w3id.org/policykg/id/person/antony-blinken> }",
    "SELECT ?p ?o WHERE { <https://w3id.org/policykg/id/person/antony-blinken> ?p ?o }",
    "SELECT ?x ?label WHERE { ?x rdfs:label ?label }",
    "SELECT ?g WHERE { GRAPH ?g { ?g a pkg:Document } }",
]


@pytest.mark.parametrize("query", [p.name for p in QUERIES] + FACT_QUERIES)
def test_derived_data_does_not_change_what_queries_about_facts_answer(filled, tmp_path,
                                                                      query):
    shutil.copytree(filled.path, tmp_path / "bare")
    bare = open_store(tmp_path / "bare")
    bare.clear_derived()  # the same documents, no derived data
    text = (QUERIES[0].parent / query).read_text() if query.endswith(".rq") else query

    def answer(store):
        rows = store.query(text).rows
        return Counter(rows)

    assert stored_schema(bare) is None and len(_index(filled)) > 10
    assert answer(filled) == answer(bare)


def test_derived_data_is_left_out_of_exports(filled, tmp_path):
    text = _dump(filled, tmp_path / "all.nq").read_text()
    assert str(INDEX_GRAPH) not in text and "policykg/index#" not in text
