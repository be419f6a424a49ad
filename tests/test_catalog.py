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
