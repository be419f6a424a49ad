"""Corrections through the app's pages (streamlit.testing): Wrong under a fact, Undo,
Merge, Split, an agreement's parties/stage/date/label, the Corrections page, the author;
and the app on a path where no store is yet."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
import streamlit as st
from rdflib import URIRef
from streamlit.testing.v1 import AppTest

import app_data as data
from kg.archive import corrections as C
from kg.archive.corrections.listing import correction_rows
from kg.core.records import Person, Ref
from kg.archive.ingest import store_records
from kg.rdf.namespace import PKG
from kg.store import open_store

MAIN = Path(__file__).resolve().parents[1] / "app" / "main.py"
ACTS = "SELECT ?o ?p WHERE { ?p pkg:actsFor ?o } ORDER BY ?o"


@pytest.fixture(autouse=True)
def fresh_caches():
    yield
    st.cache_data.clear()
    st.cache_resource.clear()
    gc.collect()


@pytest.fixture
def store_path(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "store"
    data.build_store(path).close()
    monkeypatch.setenv("KG_STORE", str(path))
    monkeypatch.setenv("KG_AUTHOR", "Ana Analyst")
    return path


def page(name: str, **params: str) -> AppTest:
    at = AppTest.from_file(str(MAIN), default_timeout=90)
    at.run()
    at.switch_page(f"app_pages/{name}.py")
    at.query_params.update(params)
    at.run()
    assert not at.exception, at.exception
    return at


def click(at: AppTest, key: str) -> AppTest:
    next(b for b in at.button if b.key == key).click().run()
    assert not at.exception, at.exception
    return at


def acts_for(path: Path, person) -> list[str]:
    st.cache_resource.clear()  # the app's store object holds nothing open; ours neither
    return [str(r[0]) for r in open_store(path).query(ACTS, {"p": person}).rows]


def test_corrections_app_wrong_then_undo(store_path):
    at = page("entity", iri=str(data.BLINKEN))
    i = data.open_fact(at, data.BLINKEN, "actsFor")
    at.text_input(key=f"fact-{i}-why").input("he speaks for another state").run()
    click(at, f"fact-{i}-reject")
    assert acts_for(store_path, data.BLINKEN) == []
    # the rejected fact left the table, and the choice with it: no other fact is open
    assert at.selectbox(key=f"open:facts:{data.BLINKEN}:0").value is None
    assert not [b for b in at.button if (b.key or "").endswith("-reject")]
    at = page("entity", iri=str(data.BLINKEN))
    marked = [m.value for m in at.markdown if "Rejected by Ana Analyst" in m.value]
    assert marked and "he speaks for another state" in marked[0]
    assert "actsFor" not in set(data.fact_frame(at)["predicate"])
    click(at, "about-0-undo")
    assert acts_for(store_path, data.BLINKEN) == [str(data.US)]


def test_corrections_app_merge_into_another(store_path):
    hayashi = "https://w3id.org/policykg/id/person/yoshimasa-hayashi"
    at = page("entity", iri=hayashi)
    at.text_input(key="merge-search").input("Blinken").run()
    at.selectbox(key="merge-into").select(str(data.BLINKEN)).run()
    at.text_input(key="merge-why").input("one person").run()
    click(at, "merge-go")
    assert at.query_params["iri"] == str(data.BLINKEN)
    assert acts_for(store_path, data.BLINKEN) == [str(data.JP), str(data.US)]
    at = page("entity", iri=str(data.BLINKEN))
    assert any("merged by Ana Analyst" in m.value for m in at.markdown)


def test_corrections_app_split_a_documents_mention(store_path):
    # Penny Wong in a second document, acting for Japan: one node for two people
    rec = data.records()[2]
    rec.persons = [Person("Penny Wong", rec.agreements[0].mentions,
                          acts_for={Ref.country("JP"): rec.agreements[0].mentions})]
    store_records(open_store(store_path), rec)
    at = page("entity", iri=str(data.WONG))
    assert any("same name" in m.value and "2 documents" in m.value for m in at.markdown)
    philippines = data.doc_iri("japan-philippines.txt")
    at.multiselect(key="split-docs").set_value([philippines]).run()
    at.text_input(key="split-why").input("another Penny Wong").run()
    click(at, "split-go")
    [row] = correction_rows(open_store(store_path))
    assert (row["kind"], row["reason"], row["documents"]) == (
        "split", "another Penny Wong", [philippines])
    assert acts_for(store_path, data.WONG) == [str(data.AU)]
    assert acts_for(store_path, URIRef(row["new_node"])) == [str(data.JP)]
    at = page("entity", iri=row["new_node"])
    assert any("split off by Ana Analyst" in m.value for m in at.markdown)


def test_corrections_app_set_an_agreement(store_path):
    at = page("agreements")
    at.selectbox[-1].select(str(data.VFA)).run()
    form = at.get("form")[0]
    assert form
    at.text_input[-3].set_value("Philippines Visiting Forces Agreement")
    at.selectbox[-1].select("signed")
    at.text_input[-2].set_value("2024-06")
    at.text_input[-1].set_value("announced later")
    next(b for b in at.button if b.label == "Save corrections").click().run()
    assert not at.exception and not at.error, at.error
    rows = correction_rows(open_store(store_path))
    assert sorted(r["kind"] for r in rows) == ["add", "add", "label", "reject"]
    assert {r["author"] for r in rows} == {"Ana Analyst"}
    table = page("agreements").dataframe[0].value.set_index("Agreement")
    row = table.loc["Philippines Visiting Forces Agreement"]
    assert (row["Status"], row["Date"]) == ("signed", "2024-06")


def test_corrections_app_corrections_page_lists_filters_undoes(store_path):
    store = open_store(store_path)
    reject = C.reject(store, data.BLINKEN, PKG.actsFor, data.US, reason="test")
    C.label(store, data.JP, "Nippon")
    at = page("corrections")
    assert "Ana Analyst" in at.caption[0].value
    assert list(at.dataframe[0].value["kind"]) == ["reject", "label"]
    at.multiselect[0].set_value(["reject"]).run()
    assert list(at.dataframe[0].value["id"]) == [reject.id]
    at.session_state["corrections"] = {"selection": {"rows": [0], "columns": []}}
    at.run()
    click(at, f"picked-{reject.id}-undo")
    assert acts_for(store_path, data.BLINKEN) == [str(data.US)]
    at = page("corrections")
    at.radio[0].set_value("undone").run()
    assert list(at.dataframe[0].value["id"]) == [reject.id]


def test_corrections_app_on_a_path_without_store(tmp_path, monkeypatch):
    missing = tmp_path / "new-store"
    monkeypatch.setenv("KG_STORE", str(missing))
    for name in ("home", "entity", "agreements", "corrections", "sparql"):
        at = page(name)
        assert not at.error, (name, at.error)
    assert any("store is empty" in i.value for i in page("home").info)
    assert not missing.exists()
