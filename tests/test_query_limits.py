"""Hostile queries meet policykg's limits before they reach a store (size, nesting,
operators), a query past its time limit is stopped and lets the store go, and FROM /
FROM NAMED choose the graphs they name."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time

import psutil

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from kg.core.errors import QueryError
from kg.querying.query import run_query
from kg.rdf.namespace import ID_BASE, PKG
from kg.store.query_limits import MAX_NESTING, MAX_OPERATORS, MAX_QUERY_CHARS
from kg.store.safety import TimeLimitError
from kg.store import lock
from kg.store.oxigraph import OxigraphStore
from kg.querying.processes import WORKER

DOC_A, DOC_B = URIRef(ID_BASE + "doc/limits-a"), URIRef(ID_BASE + "doc/limits-b")
COUNT = "SELECT (COUNT(*) AS ?n) {} WHERE {{ ?s ?p ?o }}"
# four labels joined with themselves four ways: ~10^8 rows, minutes of work
SLOW = """SELECT (COUNT(*) AS ?n) WHERE { ?a rdfs:label ?w . ?b rdfs:label ?x .
          ?c rdfs:label ?y . ?d rdfs:label ?z FILTER(?w + ?x + ?y > ?z) }"""


def ors(n: int) -> str:
    return ("SELECT ?s WHERE { ?s ?p ?o FILTER(" + " || ".join(f"?o = {i}" for i in range(n))
            + ") }")


HOSTILE = {  # the query, and words its error must say (the limit by name and value)
    # the 129 KB FILTER that crashed the store's parser (10,000 ||)
    "operators-129k": (ors(10_000), ["characters", f"{MAX_QUERY_CHARS:,}"]),
    "operators": (ors(MAX_OPERATORS // 2 + 1), ["operators", f"{MAX_OPERATORS:,}"]),
    "in-list": ("SELECT ?s WHERE { ?s ?p ?o FILTER(?o IN (" + ", ".join(map(str, range(2000)))
                + ")) }", ["operators", "VALUES"]),
    "parentheses": ("SELECT ?s WHERE { ?s ?p ?o FILTER(" + "(" * 24 + "?o = 1" + ")" * 24
                    + ") }", ["nested", str(MAX_NESTING)]),
    "braces": ("SELECT ?s WHERE " + "{ " * 60 + "?s ?p ?o" + " }" * 60,
               ["nested", str(MAX_NESTING)]),
    "brackets": ("SELECT ?s WHERE { ?s ?p " + "[ <urn:p> " * 40 + "1" + " ]" * 40 + " }",
                 ["nested", str(MAX_NESTING)]),
}


@pytest.fixture
def two_graphs(tmp_path) -> OxigraphStore:
    st = OxigraphStore(tmp_path / "store")
    for doc, size in ((DOC_A, 2), (DOC_B, 5)):
        g = Graph(identifier=doc)
        g.add((doc, RDF.type, PKG.Document))
        for i in range(size):
            g.add((URIRef(f"{doc}/n{i}"), RDFS.label, Literal(i)))
        st.add_graph(g)
    return st


@pytest.mark.parametrize("name", HOSTILE)
def test_query_limits_refused_before_the_store(two_graphs, name, monkeypatch):
    text, words = HOSTILE[name]
    monkeypatch.setattr(OxigraphStore, "query", lambda *a, **k: pytest.fail("reached"))
    with pytest.raises(QueryError) as refused:
        run_query(two_graphs, text)
    assert all(word in str(refused.value) for word in words), refused.value


@pytest.mark.parametrize("text", [
    "SELECT ?s WHERE { ?s ?p ?o FILTER(" + "(" * 12 + "?o = 1" + ")" * 12 + ") }",
    "SELECT ?s WHERE { ?s ?p ?o FILTER(?o IN (" + ", ".join(map(str, range(300))) + ")) }",
    "SELECT ?s WHERE { VALUES ?o { " + " ".join(map(str, range(5000))) + " } ?s ?p ?o }",
    "SELECT ?s WHERE { ?s ?p '((((((((((((((((((((((((((((((' # ((((((((((((((((((((\n }",
], ids=["nested-12", "in-list", "values", "in-strings"])
def test_query_limits_ordinary_queries_pass(two_graphs, text):
    run_query(two_graphs, text)


@pytest.mark.parametrize("name", ["operators-129k", "parentheses"])
def test_query_limits_kg_query_says_one_line(two_graphs, name):
    """`kg query` with the queries that crashed it (exit 139) or printed a 3,000-line
    RecursionError: one error line naming the limit, exit code 1."""
    text, words = HOSTILE[name]
    done = subprocess.run([sys.executable, "-m", "kg", "query", "-", "--store",
                           str(two_graphs.path)], input=text, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 1, done.stderr[-2000:]
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("error: "), done.stderr[-2000:]
    assert all(word in done.stderr for word in words)


def test_query_limits_deep_nesting_within_the_limit_parses(two_graphs):
    """Nesting up to the limit never meets the parser's recursion limit, whatever the
    kind of brackets."""
    half = MAX_NESTING // 2 - 1
    text = ("SELECT ?s WHERE " + "{ " * half + "?s ?p ?o FILTER(" + "(" * half + "?o = 1"
            + ")" * half + ")" + " }" * half)
    run_query(two_graphs, text)


# -- the time limit ---------------------------------------------------------------------------
def test_query_limits_time_limit_stops_the_query_and_frees_the_store(tmp_path):
    st = OxigraphStore(tmp_path / "store")
    g = Graph(identifier=DOC_A)
    for i in range(100):
        g.add((URIRef(f"urn:x:{i}"), RDFS.label, Literal(i)))
    st.add_graph(g)
    with pytest.raises(TimeLimitError, match="time limit of 1 s"):
        run_query(st, SLOW, timeout=1)
    # a writer gets the store at once: nothing still reads it in the background
    with lock.held(st.path, "write", timeout=5, on_wait=lambda m: None):
        pass


def test_query_limits_a_crashing_query_fails_alone(tmp_path):
    """A query that kills the process running it (as pyoxigraph's stack overflow did)
    is one failed query, not a dead caller: here the query's process gets SIGSEGV."""
    st = OxigraphStore(tmp_path / "store")
    g = Graph(identifier=DOC_A)
    for i in range(100):
        g.add((URIRef(f"urn:x:{i}"), RDFS.label, Literal(i)))
    st.add_graph(g)
    run_query(st, "ASK {}")  # a query process has started and waits for the next query
    failed = []

    def run() -> None:
        try:
            run_query(st, SLOW, timeout=60)
        except QueryError as exc:
            failed.append(str(exc))

    thread = threading.Thread(target=run)
    thread.start()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not (
            busy := [p for p in psutil.Process().children(recursive=True)
                     if WORKER in " ".join(p.cmdline()) and p.cpu_percent(0.2) > 5]):
        pass
    assert busy, "no process of its own runs the query"
    busy[0].send_signal(signal.SIGSEGV)
    thread.join(30)
    assert failed and "query process ended" in failed[0] and "SIGSEGV" in failed[0], failed
    assert run_query(st, "ASK { ?s rdfs:label 99 }").boolean  # the next query runs


# -- FROM and FROM NAMED ------------------------------------------------------------------------
@pytest.mark.parametrize("dataset, expected", [
    ("", 9),  # no dataset clause: the union of the documents
    (f"FROM <{DOC_A}>", 3),
    (f"FROM <{DOC_A}> FROM <{DOC_B}>", 9),
    (f"FROM NAMED <{DOC_A}>", 0),  # named graphs only: the default graph is empty
])
def test_query_limits_from_chooses_the_default_graph(two_graphs, dataset, expected):
    result = run_query(two_graphs, COUNT.format(dataset))
    assert result.rows[0][0].toPython() == expected


def test_query_limits_from_named_chooses_the_named_graphs(two_graphs):
    text = f"SELECT ?g WHERE {{ GRAPH ?g {{ ?s a pkg:Document }} }}"
    assert {str(r[0]) for r in run_query(two_graphs, text).rows} == {str(DOC_A), str(DOC_B)}
    named = text.replace("WHERE", f"FROM NAMED <{DOC_B}> WHERE")
    assert [str(r[0]) for r in run_query(two_graphs, named).rows] == [str(DOC_B)]
