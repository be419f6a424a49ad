"""Safe queries (kg.store.safety through kg.querying.query.run_query) on both stores: no updates, no
SERVICE unless allowed, no server extensions, time and row limits, readable errors."""

from __future__ import annotations

import socket
import threading
import time

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from kg.core.errors import QueryError
from kg.querying.query import run_query, truncation_note
from kg.rdf.namespace import ID_BASE, PKG
from kg.store.oxigraph import OxigraphStore
from kg.store.remote import SparqlStore
from kg.store.bindings import inject_values
from kg.store.safety import RefusedQuery, TimeLimitError, check_query, inspect_query

DOC = URIRef(ID_BASE + "doc/safety")


@pytest.fixture(params=["oxigraph", pytest.param("virtuoso", marks=pytest.mark.virtuoso)])
def any_store(request, tmp_path):
    if request.param == "oxigraph":
        st = OxigraphStore(tmp_path / "store")
    else:
        st = request.getfixturevalue("virtuoso_store")
    g = Graph(identifier=DOC)
    g.add((DOC, RDF.type, PKG.Document))
    for i in range(5):
        node = URIRef(f"{ID_BASE}country/c{i}")
        g.add((node, RDF.type, PKG.Country))
        g.add((node, RDFS.label, Literal(f"Country {i}")))
    st.add_graph(g)
    yield st
    st.close()


class Listener:
    """A TCP listener on a free 127.0.0.1 port that counts connections."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.accepted = 0
        threading.Thread(target=self._loop, daemon=True).start()

    def _loop(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.accepted += 1
            conn.close()

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.close()


UPDATES = [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
    "LOAD <http://example.org/data.ttl>",
    "CLEAR ALL",
    "DROP GRAPH <urn:g>",
    "CREATE GRAPH <urn:g>",
    "ADD <urn:a> TO <urn:b>",
    "MOVE DEFAULT TO <urn:b>",
    "COPY <urn:a> TO DEFAULT",
    "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "PREFIX ex: <http://example.org/>\n# a comment\ninsert data { ex:a ex:b 'SELECT' }",
]


@pytest.mark.parametrize("update", UPDATES)
def test_query_safety_updates_refused(any_store, update):
    before = len(any_store)
    with pytest.raises(RefusedQuery, match="not allowed: queries are read-only"):
        run_query(any_store, update)
    assert len(any_store) == before


@pytest.mark.parametrize("update", ["DROP ALL", "INSERT DATA { <urn:a> <urn:b> 1 }"])
def test_query_safety_store_refuses_updates_too(any_store, update):
    # the store itself (used by the app and ingest) sends only queries: Virtuoso would
    # run an update passed as query=
    before = len(any_store)
    with pytest.raises(QueryError):
        any_store.query(update)
    assert len(any_store) == before


@pytest.mark.parametrize("text", [
    "SELECT ?s WHERE { ?s rdfs:label 'DROP ALL' } # INSERT DATA { <urn:a> <urn:b> 1 }",
    "SELECT ?s WHERE { ?s <urn:insert-data> ?o }",
    'SELECT ?s WHERE { ?s rdfs:label """CLEAR ALL\n; LOAD <http://x>""" }',
])
def test_query_safety_keywords_in_strings_and_comments_pass(any_store, text):
    assert run_query(any_store, text).kind == "select"


@pytest.mark.parametrize("pattern", ["SERVICE <http://127.0.0.1:{port}/sparql>",
                                     "SERVICE SILENT <http://127.0.0.1:{port}/>"])
def test_query_safety_service_refused_without_connecting(any_store, listener, pattern):
    text = ("SELECT * WHERE { ?s ?p ?o OPTIONAL { " + pattern.format(port=listener.port)
            + " { ?s ?p ?x } } }")
    with pytest.raises(RefusedQuery, match="SERVICE"):
        run_query(any_store, text)
    time.sleep(0.2)
    assert listener.accepted == 0


def test_query_safety_service_allowed_on_request(store, listener):
    text = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/> {{ ?s ?p ?o }} }}"
    with pytest.raises(QueryError):  # the listener hangs up: but it was asked
        run_query(store, text, allow_service=True)
    assert listener.accepted >= 1


@pytest.mark.parametrize("text, message", [
    ("SELECT ?x WHERE { ?x foaf:name ?n }", "unknown prefix foaf"),
    ("SELECT (bif:http_get('http://x/') AS ?x) {}", "unknown prefix bif"),
    ("PREFIX bif: <bif:> SELECT (bif:http_get('http://x/') AS ?x) {}", "bif:http_get"),
    ("SELECT (<http://example.org/f>(1) AS ?x) {}", "http://example.org/f"),
    ("SELECT * WHERE { ?s ?p ?o FILTER(<relative>(?o)) }", "relative IRI"),
    ('define get:soft "soft" SELECT * FROM <http://x/> { ?s ?p ?o }', "malformed"),
])
def test_query_safety_extensions_refused(any_store, text, message):
    with pytest.raises(QueryError, match=message):
        run_query(any_store, text)


def test_query_safety_standard_functions_and_casts_pass(any_store):
    text = """SELECT (xsd:integer("7") AS ?n) (STRLEN(?l) AS ?len) WHERE {
                ?c a pkg:Country ; rdfs:label ?l } LIMIT 1"""
    result = run_query(any_store, text)
    assert result.rows[0][0] == Literal(7)


@pytest.mark.parametrize("text, where, words", [
    ("SELECT ?s WHERE {\n  ?s ?p \n}", "line 2, column 3", "expected '}', found '?s'"),
    ("SELECT ?s WHERE { ?s ?p ?o } }", "line 1, column 30",
     "expected the end of the query (or a clause such as ORDER BY, LIMIT, OFFSET), "
     "found '}'"),
    ("ASK { ?s ?p 'unterminated }", "line 1, column 7", "expected '}', found '?s'"),
    ("SELEC ?s WHERE { ?s ?p ?o }", "line 1, column 1",
     "expected SELECT, CONSTRUCT, DESCRIBE or ASK (after any PREFIX and BASE lines), "
     "found 'SELEC'"),
    ("SELECT s WHERE { ?s ?p ?o }", "line 1, column 8",
     "expected a variable (?name), found 's'"),
    ("SELECT (COUNT(?s) ?n) WHERE { ?s ?p ?o }", "line 1, column 19",
     "expected AS, found '?n)'"),
    ("SELECT ?s WHERE { ?s ?p ?o", "line 1, column 27",
     "expected '}', found the end of the query"),
])
def test_query_safety_malformed_query_says_where_and_what(any_store, text, where, words):
    """Line and column, then what the parser wanted and what it found, in words (not
    grammar rule names such as 'Expected SelectQuery')."""
    with pytest.raises(QueryError) as caught:
        run_query(any_store, text)
    first = str(caught.value).splitlines()[0]
    assert first.startswith(f"malformed query at {where}: {words} "), first
    assert "Query" not in first and "Traceback" not in str(caught.value)


def test_query_safety_empty_query(any_store):
    with pytest.raises(QueryError, match="malformed query: it is empty"):
        run_query(any_store, "  # nothing\n")


def test_query_safety_row_limit(any_store):
    text = "SELECT ?c WHERE { ?c a pkg:Country }"
    result = run_query(any_store, text, max_rows=2)
    assert len(result.rows) == 2 and result.truncated
    assert "row limit of 2" in truncation_note(result, 2)
    full = run_query(any_store, text, max_rows=5)
    assert len(full.rows) == 5 and not full.truncated and truncation_note(full, 5) is None


def test_query_safety_time_limit_embedded(tmp_path):
    with OxigraphStore(tmp_path / "store") as st:
        g = Graph(identifier=DOC)
        for i in range(150):  # ~2 s of work: past the limit, not long in the background
            g.add((URIRef(f"urn:x:{i}"), RDFS.label, Literal(i)))
        st.add_graph(g)
        slow = """SELECT (COUNT(*) AS ?n) WHERE { ?a rdfs:label ?x . ?b rdfs:label ?y .
                  ?c rdfs:label ?z FILTER(?x + ?y > ?z) }"""
        started = time.monotonic()
        with pytest.raises(TimeLimitError, match="time limit of 0.5 s"):
            run_query(st, slow, timeout=0.5)
        assert time.monotonic() - started < 2


def test_query_safety_time_limit_remote():
    # a server that accepts and never answers
    server = Listener.__new__(Listener)
    server.sock = socket.socket()
    server.sock.bind(("127.0.0.1", 0))
    server.sock.listen(1)
    held = []
    threading.Thread(target=lambda: held.append(server.sock.accept()), daemon=True).start()
    st = SparqlStore(f"http://127.0.0.1:{server.sock.getsockname()[1]}/sparql")
    started = time.monotonic()
    try:
        with pytest.raises(TimeLimitError, match="time limit of 0.5 s"):
            run_query(st, "SELECT * WHERE { ?s ?p ?o }", timeout=0.5)
        assert time.monotonic() - started < 2
    finally:
        server.sock.close()


@pytest.mark.parametrize("text, expected", [
    ("SELECT ?q WHERE { ?s ?p ?o FILTER(?o = ?q) }",
     "SELECT ?q WHERE { VALUES (?q) { (\"x\") } ?s ?p ?o FILTER(?o = ?q) }"),
    ("SELECT ?q WHERE { ?s ?p '{ WHERE' # { WHERE\n FILTER(?o = ?q) }",
     "SELECT ?q WHERE { VALUES (?q) { (\"x\") } ?s ?p '{ WHERE' # { WHERE\n FILTER(?o = ?q) }"),
    ("ASK { ?s ?p ?q }", "ASK { VALUES (?q) { (\"x\") } ?s ?p ?q }"),
    ("CONSTRUCT { ?s ?p ?q } WHERE { ?s ?p ?q }",
     "CONSTRUCT { ?s ?p ?q } WHERE { VALUES (?q) { (\"x\") } ?s ?p ?q }"),
    ("CONSTRUCT WHERE { ?s ?p ?q }", "CONSTRUCT WHERE { ?s ?p ?q }\nVALUES (?q) { (\"x\") }"),
    ("DESCRIBE ?q", "DESCRIBE ?q\nVALUES (?q) { (\"x\") }"),
    # and every sub-select that projects the variable, as substitution would
    ("SELECT ?q WHERE { { SELECT ?q (COUNT(?s) AS ?n) WHERE { ?s ?p ?q } GROUP BY ?q } "
     "{ SELECT ?s WHERE { ?s ?p ?o } LIMIT 1 } { SELECT * { ?q ?p ?o } } }",
     "SELECT ?q WHERE { VALUES (?q) { (\"x\") } { SELECT ?q (COUNT(?s) AS ?n) WHERE { "
     "VALUES (?q) { (\"x\") } ?s ?p ?q } GROUP BY ?q } { SELECT ?s WHERE { ?s ?p ?o } "
     "LIMIT 1 } { SELECT * { VALUES (?q) { (\"x\") } ?q ?p ?o } } }"),
])
def test_query_safety_bindings_open_the_where_group(text, expected):
    assert inject_values(inspect_query(text), {"q": Literal("x")}).replace("  ", " ") == expected


@pytest.mark.parametrize("value", [URIRef("urn:a> } DROP ALL { <urn:b"),
                                   Literal("x", datatype=URIRef("urn:a b"))])
def test_query_safety_bad_terms_never_reach_the_text(value):
    with pytest.raises(QueryError, match="not a valid"):
        inject_values(inspect_query("SELECT ?q { ?s ?p ?q }"), {"q": value})


def test_query_safety_ambiguous_escapes_refused():
    with pytest.raises(QueryError, match="ambiguous"):
        check_query("SELECT ?s WHERE { ?s ?p '\\u005Cu0022' }")


@pytest.mark.parametrize("text, name, message", [
    ("SELECT ?c ?l WHERE { ?c rdfs:label ?l }", "nosuchvar",
     "cannot bind ?nosuchvar: the query does not select it (it selects ?c, ?l); bind one "
     "of those, or add ?nosuchvar to its SELECT clause"),
    ("SELECT (COUNT(?c) AS ?n) WHERE { ?c rdfs:label ?l }", "l",
     "cannot bind ?l: the query does not select it (it selects ?n)"),
    ("SELECT * WHERE { ?c rdfs:label ?l }", "label",
     "cannot bind ?label: the query has no variable ?label (its variables: ?c, ?l)"),
    ("ASK { ?c rdfs:label ?l }", "x", "cannot bind ?x: the query has no variable ?x"),
])
def test_query_safety_binding_a_variable_the_query_cannot_bind(any_store, text, name,
                                                              message):
    """The same message of our own on every store, naming the variable and the fix."""
    with pytest.raises(QueryError) as caught:
        run_query(any_store, text, {name: Literal("1")})
    assert str(caught.value).startswith(message), caught.value


@pytest.mark.parametrize("text", ["SELECT ?c ?l WHERE { ?c rdfs:label ?l }",
                                  "SELECT * WHERE { ?c rdfs:label ?l }"])
def test_query_safety_binding_a_selected_variable(any_store, text):
    result = run_query(any_store, text, {"l": Literal("Country 3")})
    column = result.columns.index("c")  # SELECT *: the order of columns is the store's
    assert [str(row[column]) for row in result.rows] == [f"{ID_BASE}country/c3"]
