"""kg correct ... and kg corrections (in process, on hand-written documents): every kind
from the command line, the listing in every format, undo by id prefix, reapply, and
kg validate of a store holding corrections of every kind."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

import app_data as data
from kg.cli import app
from kg.archive.ingest import store_records
from kg.rdf.build import document_graph
from kg.store import open_store

runner = CliRunner()
HAYASHI = "https://w3id.org/policykg/id/person/yoshimasa-hayashi"


def kg(*args: str):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def path(tmp_path):
    store = open_store(tmp_path / "store")
    store.create()
    for rec in data.records():
        store_records(store, rec)
    return tmp_path / "store"


def correct(path, *args: str) -> str:
    result = kg("correct", *args, "--store", path, "--author", "ana")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("correction ")
    return result.stdout.split()[1].rstrip(":")


def test_corrections_cli_every_kind_then_list_and_validate(path):
    ids = [correct(path, "reject", f"<{data.BLINKEN}>", "pkg:actsFor", data.US,
                   "--reason", "wrong state"),
           correct(path, "add", f"<{data.WONG}>", "pkg:role", '"Envoy"'),
           correct(path, "merge", f"<{data.BLINKEN}>", HAYASHI),
           correct(path, "label", str(data.JP), "Nippon"),
           correct(path, "split", str(data.JP.replace("country/JP", "person/penny-wong")),
                   "japan-australia.txt", "--into",
                   "https://w3id.org/policykg/id/person/penny-wong-2")]
    rows = json.loads(kg("corrections", "--store", path, "--format", "json").stdout)
    assert [r["id"] for r in rows] == ids
    assert [r["kind"] for r in rows] == ["reject", "add", "merge", "label", "split"]
    assert rows[0]["terms"] == (f"<{data.BLINKEN}> pkg:actsFor <{data.US}>")
    assert rows[3]["terms"] == f'<{data.JP}> "Nippon"' and rows[0]["reason"] == "wrong state"
    listed = list(csv.DictReader(io.StringIO(kg("corrections", "--store", path,
                                                "--format", "csv").stdout)))
    assert [r["exists"] for r in listed] == ["yes"] * 5 and list(listed[0])[0] == "id"
    tsv = kg("corrections", "--store", path).stdout.splitlines()
    assert tsv[0].split("\t") == ["id", "time", "author", "kind", "terms", "reason",
                                  "exists", "status"]
    result = kg("validate", "--store", path)
    assert result.exit_code == 0 and "conforms" in result.stdout, result.stdout


def test_corrections_cli_undo_by_prefix_and_all(path):
    ident = correct(path, "reject", f"<{data.BLINKEN}>", "pkg:actsFor", f"<{data.US}>")
    result = kg("correct", "undo", ident[:4], "--store", path)
    assert result.exit_code == 0 and result.stdout.startswith(f"undone {ident}")
    assert kg("corrections", "--store", path).stdout.count("\n") == 1  # the header alone
    everything = kg("corrections", "--all", "--store", path, "--format", "json").stdout
    assert json.loads(everything)[0]["status"].startswith("undone")
    missing = kg("correct", "undo", "ffffffff", "--store", path)
    assert missing.exit_code == 1 and "names no correction" in missing.stderr


def test_corrections_cli_reapply_repairs_a_half_done_write(path):
    correct(path, "reject", f"<{data.BLINKEN}>", "pkg:actsFor", f"<{data.US}>")
    store = open_store(path)  # the document as extraction wrote it: as if a write was lost
    store.drop_graph(data.doc_iri("us-japan.txt"))
    store.add_graph(document_graph(data.records()[0]))
    acts = f"SELECT ?c WHERE {{ <{data.BLINKEN}> pkg:actsFor ?c }}"
    assert kg("query", acts, "--store", path).stdout.count("\n") == 2
    result = kg("correct", "reapply", "--store", path)
    assert result.exit_code == 0 and result.stdout.startswith("1 graph(s)")
    assert kg("query", acts, "--store", path).stdout.count("\n") == 1


@pytest.mark.parametrize("args, why", [
    (("corrections", "--format", "xml"), "unknown format 'xml'"),
    (("correct", "merge", "pkg:x", "pkg:x"), "cannot be merged into itself"),
    (("correct", "label", "<https://w3id.org/policykg/id/person/nobody>", "X"),
     "not in the store"),
])
def test_corrections_cli_errors_are_one_line(path, args, why):
    result = kg(*args, "--store", path)
    assert result.exit_code == 1 and why in result.stderr
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1


def test_corrections_cli_validate_reports_a_malformed_record(path):
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import RDF

    from kg.archive.corrections import CORRECTIONS_GRAPH
    from kg.rdf.namespace import PKG

    record = URIRef("https://w3id.org/policykg/id/correction/0badc0de")
    bad = Graph(identifier=CORRECTIONS_GRAPH)
    for triple in ((record, RDF.type, PKG.Correction),
                   (record, PKG.correctionKind, Literal("merge")),
                   (record, PKG.target, data.BLINKEN)):  # no time, author, merged node
        bad.add(triple)
    open_store(path).add_graph(bad)
    result = kg("validate", "--store", path)
    assert result.exit_code == 1
    for message in ("prov:generatedAtTime: exactly one", "pkg:author: exactly one",
                    "a merge correction needs a pkg:target and a different pkg:mergedNode"):
        assert message in result.stdout
