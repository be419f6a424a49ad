"""`kg query`: bindings from the command line, output formats."""

from __future__ import annotations

import json
import re

import pytest
from rdflib import Literal, URIRef
from typer.testing import CliRunner

from kg.cli import app
from kg.cli.querying import parse_bindings
from kg.core.errors import KgError
from kg.core.records import Country, DocumentRecords, Evidence
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


def test_cli_query_default_format_into_a_pipe_keeps_every_value(filled):
    """Not on a terminal, `kg query` prints tab-separated values: nothing is cut."""
    query = "SELECT ?c ?iso ?name WHERE { ?c pkg:isoCode ?iso ; rdfs:label ?name } ORDER BY ?iso"
    run = CliRunner().invoke(app, ["query", query, "--store", str(filled)])
    assert run.exit_code == 0, run.output
    country = "https://w3id.org/policykg/id/country/"
    assert run.stdout.splitlines() == ["c\tiso\tname", f"{country}JP\tJP\tJapan",
                                       f"{country}PE\tPE\tPeru"]


def test_cli_query_table_into_a_pipe_is_not_cut(filled):
    query = "SELECT ?c ?same WHERE { ?c pkg:isoCode ?iso BIND(?c AS ?same) } ORDER BY ?iso"
    run = CliRunner().invoke(app, ["query", query, "--store", str(filled), "-f", "table"])
    assert run.exit_code == 0, run.output
    line = next(line for line in run.stdout.splitlines() if "JP" in line)
    assert line.count("https://w3id.org/policykg/id/country/JP") == 2, run.stdout


def test_query_plain_tsv_escapes_what_would_break_a_row():
    from kg.querying.query import to_plain_tsv
    from kg.store.base import QueryResult

    values = ["tab\there", "two\nlines", "back\\slash", "carriage\rreturn"]
    result = QueryResult("select", columns=["v", "empty"],
                         rows=[(Literal(v), None) for v in values])
    lines = to_plain_tsv(result).split("\n")
    assert lines[0] == "v\tempty" and lines[-1] == ""
    unescape = {"\\t": "\t", "\\n": "\n", "\\\\": "\\", "\\r": "\r"}
    read = [re.sub(r"\\[tn\\r]", lambda m: unescape[m.group()], line.split("\t")[0])
            for line in lines[1:-1]]
    assert read == values
    assert all(line.count("\t") == 1 and line.endswith("\t") for line in lines[1:-1])
