"""kg.archive.catalog: what the app lists, kept by the write path beside the documents
(tests/app_data.py's three documents around Japan)."""

from __future__ import annotations

import pytest

import app_data as data
from kg.archive import catalog
from kg.archive.ingest import store_records
from kg.archive.lifecycle import remove_documents
from kg.core.errors import KgError


@pytest.fixture
def store(tmp_path):
    st = data.build_store(tmp_path / "s")
    yield st
    st.close()


def test_catalog_entities_with_kind_names_and_documents(store):
    found = catalog.read_catalog(store)
    japan = found.entities[str(data.JP)]
    assert (japan.kind, japan.documents, dict(japan.labels)) == ("Country", 3, {"Japan": 3})
    nato = next(e for e in found.entities.values() if e.kind == "Organization")
    assert nato.aliases == {"NATO"} and nato.documents == 1
    assert {e.kind for e in found.entities.values()} == {"Person", "Country",
                                                         "Organization", "Agreement"}
    assert set(found.declared[data.doc_iri("japan-philippines.txt")]) == {
        str(data.JP), str(data.PH), str(data.VFA)}


def test_catalog_relations_and_terms_count_the_documents_stating_them(store):
    found = catalog.read_catalog(store)
    assert found.relations[(str(data.DCA), "party", str(data.JP))] == 1
    assert found.relations[(str(data.BLINKEN), "actsFor", str(data.US))] == 1
    terms = found.terms[str(data.DCA)]
    assert {k: set(v) for k, v in terms.items()} == {
        "status": {"signed"}, "date": {"2023-01-11"}, "duration": {"P5Y"},
        "value": {"9300000000 USD"}}


def test_catalog_search_reads_labels_and_aliases(store):
    found = catalog.read_catalog(store)
    assert {e.iri for e in catalog.search(found, "nato")} == {
        e.iri for e in catalog.search(found, "North Atl")}
    assert [e.iri for e in catalog.search(found, "JAPAN")] == [str(data.JP)]
    assert catalog.search(found, '") } DROP ALL #') == []


def test_catalog_documents_and_reports_from_the_summaries(store):
    docs = {d["file_name"]: d for d in catalog.read_documents(store)}
    assert (docs["us-japan.txt"]["published"], docs["japan-australia.txt"]["published"]) == (
        "2023-01-12", None)
    assert docs["us-japan.txt"]["title"] == data.US_JAPAN_TITLE
    assert docs["us-japan.txt"]["entities"] == 6 and docs["us-japan.txt"]["facts"] > 10
    reports = catalog.read_catalog(store).reports
    assert reports[data.doc_iri("japan-philippines.txt")] == [
        [str(data.VFA), ["negotiating"], []]]
    assert reports[data.doc_iri("us-japan.txt")] == [[str(data.DCA), ["signed"],
                                                      ["2023-01-11"]]]
    assert catalog.totals(store)[0] == 3


def test_catalog_follows_removal_and_ingest(store):
    remove_documents(store, ["japan-philippines.txt"])
    found = catalog.current(store)
    assert found.entities[str(data.JP)].documents == 2
    assert str(data.PH) not in found.entities and str(data.VFA) not in found.terms
    store_records(store, data.records()[2])
    assert catalog.current(store).entities[str(data.PH)].documents == 1  # a new version


def test_catalog_app_derives_an_older_store_before_it_opens(tmp_path):
    from kg.archive.derived import has_current_summaries
    from kg.cli.apps import derive_if_needed
    from kg.rdf.build import document_graph
    from kg.store import open_store

    st = open_store(tmp_path / "old")
    for rec in data.records():  # as an older policykg wrote it: graphs, no index
        st.add_graph(document_graph(rec))
    with pytest.raises(KgError, match="kg reindex"):
        catalog.read_catalog(st)
    derive_if_needed(st)
    assert has_current_summaries(st)
    assert catalog.read_catalog(st).entities[str(data.JP)].documents == 3


_RECOUNT = {
    "entities": """SELECT ?e ?kind (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g {
        ?g a pkg:Document . ?e a ?kind
        VALUES ?kind { pkg:Person pkg:Country pkg:Organization pkg:Agreement } } }
        GROUP BY ?e ?kind""",
    "labels": """SELECT ?e ?label (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g {
        ?g a pkg:Document . ?e a ?kind ; rdfs:label ?label
        VALUES ?kind { pkg:Person pkg:Country pkg:Organization pkg:Agreement } } }
        GROUP BY ?e ?label""",
    "relations": """SELECT ?s ?p ?o (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g {
        ?s ?p ?o VALUES ?p { pkg:actsFor pkg:party } } } GROUP BY ?s ?p ?o"""}


def _recount(store) -> dict:
    """What the catalog should say, counted again from the graphs themselves."""
    rows = {name: {tuple(map(str, row[:-1])): int(row[-1]) for row in store.query(q).rows}
            for name, q in _RECOUNT.items()}
    return {"entities": {(e, kind.rsplit("#", 1)[-1]): n
                         for (e, kind), n in rows["entities"].items()},
            "labels": rows["labels"],
            "relations": {(s, p.rsplit("#", 1)[-1], o): n
                          for (s, p, o), n in rows["relations"].items()}}


def _counted(found: catalog.Catalog) -> dict:
    return {"entities": {(e.iri, e.kind): e.documents for e in found.entities.values()
                         if e.documents},
            "labels": {(e.iri, label): n for e in found.entities.values()
                       for label, n in e.labels.items() if e.documents},
            "relations": dict(found.relations)}


@pytest.mark.parametrize("change", ["none", "remove", "ingest", "add"])
def test_catalog_equals_a_recount_of_the_graphs(store, change):
    from kg.archive import corrections as C
    from kg.rdf.namespace import PKG

    if change in ("remove", "ingest"):
        remove_documents(store, ["japan-philippines.txt"])
    if change == "ingest":
        store_records(store, data.records()[2])
    if change == "add":  # an analyst's fact: the added graph, counted once
        C.add(store, data.BLINKEN, PKG.actsFor, data.JP)
    assert _counted(catalog.current(store)) == _recount(store)
