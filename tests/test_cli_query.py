"""`kg query`: bindings from the command line, output formats."""

from __future__ import annotations

import json

import pytest
from rdflib import Literal, URIRef
from typer.testing import CliRunner

from kg.cli import app
from kg.cli.querying import parse_bindings
from kg.errors import KgError
from kg.extract.records import Country, DocumentRecords, Evidence
from kg.rdf.build import document_graph
from kg.store import open_store


@pytest.mark.parametrize("items, expected", [
    (["iso=JP"], {"iso": Literal("JP")}),
    (["?iso=JP"], {"iso": Literal("JP")}),
    (["p=<https://w3id.org/policykg/id/person/x>"],
     {"p": URIRef("https://w3id.org/policykg/id/person/x")}),
    (["a=x=y"], {"a": Literal("x=y")}),
])
def test_cli_query_parse_bindings(items, expected):
    assert parse_bindings(items) == expected


@pytest.mark.parametrize("item", ["iso", "=JP", "1x=2"])
def test_cli_query_parse_bindings_refuses_malformed(item):
    with pytest.raises(KgError):
        parse_bindings([item])


@pytest.fixture
def filled(tmp_path):
    text = "Japan and Peru met."
    ev = Evidence(0, len(text), text)
    records = DocumentRecords("a.txt", "a" * 64, text,
                              countries=[Country("JP", "Japan", [ev]),
                                         Country("PE", "Peru", [ev])])
    with open_store(tmp_path / "s") as st:
        st.add_graph(document_graph(records))
    return tmp_path / "s"


def test_cli_query_bind_selects_one_country(filled):
    query = "SELECT ?iso ?name WHERE { ?c pkg:isoCode ?iso ; rdfs:label ?name }"
    run = CliRunner().invoke(app, ["query", query, "--store", str(filled), "--format",
                                   "json", "--bind", "iso=PE"])
    assert run.exit_code == 0, run.output
    rows = json.loads(run.stdout)["results"]["bindings"]
    assert [(r["iso"]["value"], r["name"]["value"]) for r in rows] == [("PE", "Peru")]


def test_cli_query_csv(filled):
    query = "SELECT ?iso WHERE { ?c pkg:isoCode ?iso } ORDER BY ?iso"
    run = CliRunner().invoke(app, ["query", query, "--store", str(filled), "-f", "csv"])
    assert run.exit_code == 0
    assert run.stdout.splitlines() == ["iso", "JP", "PE"]
