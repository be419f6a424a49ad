"""Data out (kg.views.exports through `kg export`): the actor network as GraphML, read back with
networkx, and the CSV tables, read back with the csv module."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

import app_data as data
from kg.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("exports") / "store"
    data.build_store(path).close()
    return path


def export(store: Path, *args: str):
    result = runner.invoke(app, ["export", "--store", str(store), *args])
    assert result.exit_code == 0, result.output
    return result


def test_exports_graphml_reads_back_as_the_actor_network(store):
    g = nx.read_graphml(io.BytesIO(export(store, "--format", "graphml").stdout_bytes))
    assert g.is_directed()
    kinds = {n: d["kind"] for n, d in g.nodes(data=True)}
    assert set(kinds.values()) == {"Person", "Country", "Organization", "Agreement"}
    japan = g.nodes[str(data.JP)]
    assert (japan["label"], japan["kind"], japan["iso"], japan["documents"]) == (
        "Japan", "Country", "JP", 3)
    assert g.nodes[str(data.BLINKEN)]["label"] == "Antony Blinken"
    assert "iso" not in g.nodes[str(data.BLINKEN)]
    edges = {(s, o, d["label"]) for s, o, d in g.edges(data=True)}
    assert (str(data.BLINKEN), str(data.US), "actsFor") in edges
    assert {(str(data.DCA), str(c), "party") for c in (data.US, data.JP)} <= edges
    assert {d["label"] for _, _, d in g.edges(data=True)} == {"actsFor", "party"}
    assert all(d["documents"] == 1 for _, _, d in g.edges(data=True))
    # the facts-only path the app's Analytics page finds is there too
    assert nx.has_path(g.to_undirected(), str(data.US), str(data.AU))


def read_table(store: Path, name: str) -> list[dict]:
    text = export(store, "--format", "csv", "--table", name).stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    if name != "facts":  # one row per entity
        assert len({r["iri"] for r in rows}) == len(rows)
    return rows


@pytest.mark.parametrize("name, key, expected", [
    ("persons", "Antony Blinken", {
        "iri": str(data.BLINKEN), "roles": "Secretary of State", "acts_for": "United States",
        "acts_for_iso": "US", "document_count": "1", "documents": "us-japan.txt"}),
    ("countries", "Japan", {
        "iri": str(data.JP), "iso_code": "JP", "iso_code3": "JPN", "document_count": "3",
        "documents": "japan-australia.txt; japan-philippines.txt; us-japan.txt"}),
    ("organizations", "North Atlantic Treaty Organization", {
        "aliases": "NATO", "document_count": "1"}),
    ("agreements", "Defence Cooperation Arrangement", {
        "iri": str(data.DCA), "parties": "Japan; United States", "duration": "5 years",
        "value": "9,300,000,000 USD", "status": "signed", "documents": "us-japan.txt"}),
])
def test_exports_csv_entity_tables(store, name, key, expected):
    rows = {r["label"]: r for r in read_table(store, name)}
    assert key in rows, sorted(rows)
    assert {k: rows[key][k] for k in expected} == expected


def test_exports_csv_tables_have_one_row_per_entity(store):
    assert len(read_table(store, "persons")) == 3
    assert len(read_table(store, "countries")) == 4
    assert len(read_table(store, "agreements")) == 3


def test_exports_csv_agreements_streamed_as_the_app_table_gives_them(store):
    from kg.store import open_store
    from kg.views.exports import table

    with open_store(store) as st:
        whole = table(st, "agreements").to_csv(index=False, lineterminator="\n")
    assert export(store, "--format", "csv", "--table", "agreements").stdout == whole


def test_exports_csv_facts_with_evidence_and_document(store):
    rows = read_table(store, "facts")
    acts = [r for r in rows if r["predicate"] == "actsFor"
            and r["subject"] == str(data.BLINKEN)]
    assert len(acts) == 1
    fact = acts[0]
    assert (fact["subject_label"], fact["object"], fact["value"]) == (
        "Antony Blinken", str(data.US), "United States")
    assert fact["evidence"] == data.BLINKEN_SENTENCE
    assert int(fact["end_char"]) - int(fact["start_char"]) == len(data.BLINKEN_SENTENCE)
    assert (fact["file_name"], fact["document"]) == ("us-japan.txt",
                                                     data.doc_iri("us-japan.txt"))
    assert {r["predicate"] for r in rows} >= {"actsFor", "party", "role", "duration",
                                              "value", "status"}
    assert "mentions" not in {r["predicate"] for r in rows}


def test_exports_csv_facts_name_the_knowledge_base_for_what_no_sentence_states(store):
    [same] = [r for r in read_table(store, "facts") if r["subject"] == str(data.WONG)
              and r["predicate"] == "sameAs"]
    assert (same["evidence"], same["start_char"], same["knowledge_sources"]) == (
        "", "", "Leaders list")


@pytest.mark.parametrize("args, message", [
    (["--format", "csv"], "--format csv needs --table agreements|persons|"),
    (["--format", "graphml", "--table", "persons"], "--table goes with --format csv"),
    (["--format", "csv", "--table", "treaties"], "unknown table 'treaties'"),
])
def test_exports_cli_refuses_what_does_not_fit(store, args, message):
    result = runner.invoke(app, ["export", "--store", str(store), *args])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {message}"), result.stderr


def test_exports_csv_agreements_text_document_and_signatories(tmp_path):
    """The agreements CSV names the document that is an agreement's text and who signed
    it for whom."""
    import treaty_data as treaty

    treaty.build_store(tmp_path / "store").close()
    (row,) = read_table(tmp_path / "store", "agreements")
    assert (row["label"], row["text_document"], row["signatories"]) == (
        treaty.LABEL, treaty.FILE, "Ana Ruiz (Peru)")
