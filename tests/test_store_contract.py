"""The Store contract (kg/store/base.py), run on every backend: the embedded Oxigraph and
a Virtuoso server reached through SparqlStore. Both must give the same answers."""

from __future__ import annotations

import io
import socket

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS, XSD

from kg.core.errors import QueryError, StoreError
from kg.rdf.namespace import ID_BASE, PKG
from kg.store.base import EXPORT_FORMATS
from kg.store.oxigraph import OxigraphStore
from kg.store.remote import SparqlStore, derived_update_url

DOC_A = URIRef(ID_BASE + "doc/contract-a")
DOC_B = URIRef(ID_BASE + "doc/contract-b")
JAPAN = URIRef(ID_BASE + "country/jp")
BLINKEN = URIRef(ID_BASE + "person/antony-blinken")
# Literals in the canonical form both stores give back (decimals, durations, lower-case
# language tags): the contract is "same answers", and both canonicalise.
LITERALS = [Literal("plain"), Literal("Préfecture 日本 😀", lang="fr"),
            Literal('quote " backslash \\ newline \n tab \t feed \f'),
            Literal(r"text with \u0041 in it"), Literal("12.5", datatype=XSD.decimal),
            Literal("P5Y", datatype=XSD.duration), Literal("P90D", datatype=XSD.duration),
            Literal("P1DT12H", datatype=XSD.duration), Literal(42),
            Literal("2024-01-02T03:04:05Z", datatype=XSD.dateTime)]


def doc_graph(doc: URIRef, name: str, *, money: bool = True) -> Graph:
    g = Graph(identifier=doc)
    g.add((doc, RDF.type, PKG.Document))
    g.add((doc, PKG.fileName, Literal(name)))
    g.add((JAPAN, RDF.type, PKG.Country))
    g.add((JAPAN, RDFS.label, Literal("Japan")))
    g.add((BLINKEN, RDF.type, PKG.Person))
    g.add((BLINKEN, RDFS.label, Literal(f"Antony Blinken ({name})")))
    for i, value in enumerate(LITERALS):
        g.add((doc, URIRef(f"{PKG._NS}test{i}"), value))
    if money:  # a blank node, as a monetary value could be
        node = BNode()
        g.add((doc, PKG.value, node))
        # not a whole number: rdflib's Turtle writes "1000000"^^xsd:decimal as 1000000.0,
        # another lexical form (the ingest test compares whole amounts through N-Quads)
        g.add((node, PKG.amount, Literal("1000000.5", datatype=XSD.decimal)))
        g.add((node, PKG.currency, Literal("USD")))
    return g


@pytest.fixture(params=["oxigraph", pytest.param("virtuoso", marks=pytest.mark.virtuoso)])
def store(request, tmp_path):
    if request.param == "oxigraph":
        st = OxigraphStore(tmp_path / "store")
        st.create()
        yield st
        st.close()
    else:
        yield request.getfixturevalue("virtuoso_store")


@pytest.fixture
def filled(store):
    store.add_graph(doc_graph(DOC_A, "a.txt"))
    store.add_graph(doc_graph(DOC_B, "b.txt", money=False))
    return store


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_store_contract_select_with_bindings(filled):
    q = "SELECT ?doc ?name WHERE { GRAPH ?doc { ?doc pkg:fileName ?name } }"
    result = filled.query(q, {"doc": DOC_B})
    assert result.kind == "select" and result.columns == ["doc", "name"]
    assert result.rows == [(DOC_B, Literal("b.txt"))]
    assert sorted(filled.query(q + " ORDER BY ?name").rows) == [
        (DOC_A, Literal("a.txt")), (DOC_B, Literal("b.txt"))]


def test_store_contract_binding_reaches_into_sub_selects(filled):
    # a page of one document's rows: the sub-select is evaluated for the bound document,
    # not for the whole store and then joined (which would give nothing here)
    q = """SELECT ?doc ?name WHERE {
             { SELECT ?doc WHERE { GRAPH ?doc { ?doc a pkg:Document } } ORDER BY ?doc LIMIT 1 }
             GRAPH ?doc { ?doc pkg:fileName ?name } }"""
    assert filled.query(q, {"doc": DOC_B}).rows == [(DOC_B, Literal("b.txt"))]


def test_store_contract_query_from_a_table_of_values(filled):
    q = "SELECT ?doc ?name WHERE { GRAPH ?doc { ?doc pkg:fileName ?name } }"
    rows = filled.query_table(q, [{"doc": DOC_B}, {"doc": DOC_A}]).rows
    assert sorted(rows) == [(DOC_A, Literal("a.txt")), (DOC_B, Literal("b.txt"))]
    assert filled.query_table(q, [{"doc": URIRef(ID_BASE + "doc/none")}]).rows == []
    with pytest.raises(QueryError):  # a term is checked as a binding is
        filled.query_table(q, [{"doc": URIRef("urn:a> } DROP ALL { <urn:b")}])


def test_store_contract_binding_is_seen_by_filters(filled):
    # the app's search: the bound ?q must be visible inside the FILTER
    q = """SELECT DISTINCT ?e ?q WHERE { ?e a pkg:Person ; rdfs:label ?l
           FILTER(CONTAINS(LCASE(STR(?l)), LCASE(STR(?q)))) }"""
    rows = filled.query(q, {"q": Literal("(B.TXT)")}).rows
    assert rows == [(BLINKEN, Literal("(B.TXT)"))]


def test_store_contract_binding_is_data_not_syntax(filled):
    before = len(filled)
    evil = Literal('"} } ; DROP ALL ; INSERT DATA { <urn:x> <urn:y> "z" } #')
    q = "SELECT ?doc ?name WHERE { GRAPH ?doc { ?doc pkg:fileName ?name } }"
    assert filled.query(q, {"name": evil}).rows == []
    assert len(filled) == before


@pytest.mark.parametrize("value", [URIRef("urn:x> } ; DROP ALL ; <urn:y"), BNode("b")])
def test_store_contract_unsendable_binding_refused_or_harmless(filled, value):
    before = len(filled)
    q = "SELECT ?doc ?name WHERE { GRAPH ?doc { ?doc pkg:fileName ?name } }"
    try:
        assert filled.query(q, {"doc": value}).rows == []
    except (QueryError, ValueError):
        pass  # refused before reaching the store: fine too
    assert len(filled) == before


def test_store_contract_literals_round_trip(filled):
    q = "SELECT ?doc ?p ?o WHERE { GRAPH ?doc { ?doc ?p ?o FILTER(isLiteral(?o)) } }"
    got = {o for _, p, o in filled.query(q, {"doc": DOC_A}).rows if "test" in str(p)}
    assert got == set(LITERALS)
    for term in got:  # same Python types as the embedded store gives
        assert type(term) is Literal
    plain = filled.query(q, {"doc": DOC_A}).rows
    assert Literal("a.txt") in [o for _, _, o in plain]


def test_store_contract_query_values_are_the_terms_text(filled):
    # every kind of term as its text (an IRI's, a literal's lexical form), None unbound
    q = """SELECT ?doc ?p ?o ?none WHERE { GRAPH ?doc { ?doc ?p ?o
             OPTIONAL { ?doc pkg:nothing ?none } } }"""
    values = filled.query_values(q, {"doc": DOC_A})
    assert len(values) == len(filled.query(q, {"doc": DOC_A}).rows)
    assert all(type(v) is str for row in values for v in row[:3])
    assert {row[3] for row in values} == {None} and {row[0] for row in values} == {str(DOC_A)}
    # the store's own lexical form: a dateTime may be written otherwise than rdflib does
    found = {o for _, p, o, _ in values if "test" in p}
    assert found >= {str(v) for v in LITERALS if v.datatype != XSD.dateTime}
    assert (str(PKG.fileName), "a.txt") in {(p, o) for _, p, o, _ in values}


@pytest.mark.parametrize("question, answer", [
    ("ASK { GRAPH ?doc { ?doc a pkg:Document } }", True),
    ("ASK { GRAPH ?doc { ?doc a pkg:Agreement } }", False)])
def test_store_contract_ask(filled, question, answer):
    result = filled.query(question, {"doc": DOC_A})
    assert result.kind == "ask" and result.boolean is answer


def test_store_contract_construct(filled):
    result = filled.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }",
                          {"g": DOC_A})
    assert result.kind == "graph"
    got = Graph()
    for triple in result.triples:
        got.add(triple)
    assert isomorphic(got, doc_graph(DOC_A, "a.txt"))


def test_store_contract_max_rows(filled):
    result = filled.query("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", max_rows=3)
    assert len(result.rows) == 3 and result.truncated
    result = filled.query("SELECT ?g WHERE { GRAPH ?g { ?g a pkg:Document } }", max_rows=3)
    assert len(result.rows) == 2 and not result.truncated


def test_store_contract_len_counts_quads(store):
    assert len(store) == 0  # Virtuoso's own system graphs are not ours
    store.add_graph(doc_graph(DOC_A, "a.txt"))
    store.add_graph(doc_graph(DOC_B, "b.txt", money=False))
    assert len(store) == len(doc_graph(DOC_A, "a.txt")) + len(doc_graph(DOC_B, "b.txt",
                                                                         money=False))


def test_store_contract_server_lists_graphs_page_by_page(virtuoso_store, monkeypatch):
    import kg.store.remote as remote

    monkeypatch.setattr(remote, "_PAGE", 1)  # one graph per request: every page is read
    for doc, name in ((DOC_A, "a.txt"), (DOC_B, "b.txt")):
        virtuoso_store.add_graph(doc_graph(doc, name, money=False))
    assert virtuoso_store.graphs() == [str(DOC_A), str(DOC_B)]


def test_store_contract_version_changes_with_every_document(store):
    versions = [store.version()]
    store.add_graph(doc_graph(DOC_A, "a.txt"))
    versions.append(store.version())
    store.drop_graph(str(DOC_A))
    versions.append(store.version())
    assert len(set(versions)) == 3


def test_store_contract_sessions_group_operations(store):
    """reading() / writing() hold the store across operations, nested or not, and a
    write changes the version on every backend."""
    before = store.version()
    with store.writing():
        store.add_graph(doc_graph(DOC_A, "a.txt"))
        with store.reading():  # a read inside a write sees the write
            assert store.query("ASK { GRAPH ?g { ?d pkg:fileName 'a.txt' } }").boolean
        store.add_graph(doc_graph(DOC_B, "b.txt", money=False))
    with store.reading():
        names = store.query("SELECT ?n WHERE { GRAPH ?g { ?d pkg:fileName ?n } }").rows
        assert sorted(str(n) for (n,) in names) == ["a.txt", "b.txt"]
    assert store.exists() and store.version() != before


def test_store_contract_drop_graph_keeps_others(filled):
    filled.drop_graph(str(DOC_A))
    q = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), ?base)) }"
    rows = filled.query(q.replace("?base", f'"{ID_BASE}"')).rows
    assert rows == [(DOC_B,)]
    assert len(filled) == len(doc_graph(DOC_B, "b.txt", money=False))
    filled.drop_graph(str(DOC_A))  # dropping a missing graph is not an error


@pytest.mark.parametrize("bad", [URIRef("http://example.org/a b"),
                                 URIRef('http://example.org/"}'), URIRef("no-scheme")])
def test_store_contract_add_graph_is_atomic(filled, bad):
    before = len(filled)
    g = doc_graph(URIRef(ID_BASE + "doc/contract-c"), "c.txt")
    g.add((bad, PKG.fileName, Literal("x")))
    with pytest.raises(StoreError):
        filled.add_graph(g)
    assert len(filled) == before


@pytest.mark.parametrize("bad", [None, URIRef("http://example.org/a b")])
def test_store_contract_embedded_writes_a_large_graph_in_chunks(tmp_path, monkeypatch, bad):
    """A graph over CHUNK_QUADS goes in several transactions, its own node last; one
    that fails halfway leaves nothing, as a graph written in one would."""
    import pyoxigraph as ox

    from kg.store import oxigraph
    from kg.store.terms import graph_quads

    monkeypatch.setattr(oxigraph, "CHUNK_QUADS", 5)
    g = doc_graph(DOC_A, "a.txt")
    body, last = graph_quads(g, ox.NamedNode(str(DOC_A)))
    order = [q.subject.value for q in [*body, *last]]
    own = sum(1 for s, _, _ in g if s == DOC_A)
    assert len(order) == len(g) > 3 * 5 and set(order[-own:]) == {str(DOC_A)}
    assert str(DOC_A) not in order[:-own] and len(last) == own
    st = OxigraphStore(tmp_path / "ox")
    st.add_graph(doc_graph(DOC_B, "b.txt"))
    if bad is None:
        st.add_graph(g)
        assert len(st) == len(g) + len(doc_graph(DOC_B, "b.txt"))
        return
    g.add((bad, PKG.fileName, Literal("x")))
    with pytest.raises(StoreError, match="cannot store graph"):
        st.add_graph(g)
    assert len(st) == len(doc_graph(DOC_B, "b.txt"))


def test_store_contract_writes_thousands_of_derived_triples(store):
    """Derived data of more triples than Virtuoso takes in one operation (it parses about
    4,990 in a GRAPH block) goes in several requests (`kg reindex` of a large store)."""
    from kg.store.derived import INDEX_GRAPH
    from kg.store.updates import GRAPH_BLOCK

    derived = [(URIRef(f"{ID_BASE}summary/{i}"), PKG.alias, Literal(i))
               for i in range(2 * GRAPH_BLOCK + 1)]
    with store.writing():
        store.add_derived(derived)
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{INDEX_GRAPH}> {{ ?s ?p ?o }} }}"
    assert int(store.query(count).rows[0][0]) == len(derived)


def test_store_contract_update_splits_a_graph_into_blocks():
    from kg.store.updates import GRAPH_BLOCK, operation

    triples = [(DOC_A, PKG.alias, Literal(f"name {i}")) for i in range(2 * GRAPH_BLOCK + 1)]
    text = operation("INSERT", str(DOC_A), triples)
    blocks = text.split("GRAPH ")[1:]
    assert [b.count(" .\n") for b in blocks] == [GRAPH_BLOCK, GRAPH_BLOCK, 1]


@pytest.mark.parametrize("patterns,expected", [
    ([(RDFS.label, None), (RDF.type, PKG.Country)],
     {(JAPAN, RDFS.label, Literal("Japan")), (BLINKEN, RDFS.label,
                                              Literal("Antony Blinken (a.txt)")),
      (JAPAN, RDF.type, PKG.Country)}),
    ([(RDF.type, PKG.Person), (PKG.fileName, None)],
     {(BLINKEN, RDF.type, PKG.Person), (DOC_A, PKG.fileName, Literal("a.txt"))}),
    ([], set())])
def test_store_contract_graph_triples_match_patterns(filled, patterns, expected):
    assert set(filled.graph_triples(str(DOC_A), patterns)) == expected


def test_store_contract_update_templates_only_what_needs_it():
    from kg.store.updates import operation

    triples = [(DOC_A, PKG.alias, Literal(f"name {i}")) for i in range(3)]
    triples.append((DOC_A, PKG.duration, Literal("P5Y", datatype=XSD.duration)))
    text = operation("INSERT", str(DOC_A), triples, {str(XSD.duration)})
    template, data = text.split(" ;\n")
    assert template.startswith("INSERT {") and "STRDT" in template
    assert "name " not in template and "P5Y" not in data
    assert data.startswith("INSERT DATA") and data.count(" .\n") == 3


def test_store_contract_writes_and_changes_a_long_document(store):
    """A document graph of thousands of triples with a blank node and retyped literals
    (Virtuoso refused such a graph as one template: SP031, 10,000 lines of SQL)."""
    from kg.store.updates import GRAPH_BLOCK, GraphChange

    g = doc_graph(DOC_A, "a.txt")
    for i in range(GRAPH_BLOCK + 10):
        g.add((URIRef(f"{ID_BASE}mention/{i}"), RDFS.label, Literal(f"mention {i}")))
    with store.writing():
        store.add_graph(g)
    stored = Graph()
    for triple in store.read_graph(str(DOC_A)):
        stored.add(triple)
    assert isomorphic(stored, g)
    gone = {t for t in g if isinstance(t[2], Literal) and t[2].datatype == XSD.duration}
    gone |= {(URIRef(f"{ID_BASE}mention/{i}"), RDFS.label, Literal(f"mention {i}"))
             for i in range(GRAPH_BLOCK + 10)}
    with store.writing():
        store.change_graphs([GraphChange(str(DOC_A), gone, set())])
    assert len(store.read_graph(str(DOC_A))) == len(g) - len(gone)


@pytest.mark.virtuoso
def test_store_contract_failed_request_writes_nothing(virtuoso_store):
    # Virtuoso refuses a bad integer after parsing the whole request: nothing is kept
    g = doc_graph(DOC_A, "a.txt")
    g.add((DOC_A, URIRef(f"{PKG._NS}test99"), Literal("abc", datatype=XSD.integer)))
    with pytest.raises(StoreError, match="HTTP 4"):
        virtuoso_store.add_graph(g)
    assert len(virtuoso_store) == 0


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_store_contract_dump_parses_back(filled, fmt):
    out = io.BytesIO()
    filled.dump(out, fmt)
    expected = {DOC_A: doc_graph(DOC_A, "a.txt"), DOC_B: doc_graph(DOC_B, "b.txt",
                                                                   money=False)}
    if fmt == "turtle":  # no graphs in Turtle: the union
        union = Graph()
        for g in expected.values():
            union += g
        assert isomorphic(Graph().parse(data=out.getvalue(), format="turtle"), union)
        return
    ds = Dataset()
    ds.parse(data=out.getvalue(), format={"nquads": "nquads", "trig": "trig",
                                          "jsonld": "json-ld"}[fmt])
    named = {g.identifier: g for g in ds.contexts() if len(g)}
    assert set(named) == set(expected)
    for iri, graph in expected.items():
        assert isomorphic(named[iri], graph), iri


@pytest.mark.parametrize("fmt,suffix", [("nquads", "nq"), ("trig", "trig")])
def test_store_contract_load_restores_a_dump(store, tmp_path, fmt, suffix):
    graphs = [doc_graph(DOC_A, "a.txt", money=False), doc_graph(DOC_B, "b.txt", money=False)]
    for g in graphs:
        store.add_graph(g)
    dump = tmp_path / f"dump.{suffix}"
    with dump.open("wb") as out:
        store.dump(out, fmt)
    size = len(store)
    for g in graphs:
        store.drop_graph(str(g.identifier))
    assert len(store) == 0
    store.load(dump, fmt)
    store.load(dump, fmt)  # again: a set of quads, nothing doubled
    assert len(store) == size
    out = io.BytesIO()
    store.dump(out, "nquads")
    ds = Dataset().parse(data=out.getvalue(), format="nquads")
    for g in graphs:
        assert isomorphic(ds.graph(g.identifier), g), g.identifier


@pytest.mark.virtuoso
def test_store_contract_dump_through_graph_store_protocol(virtuoso_server, virtuoso_store):
    virtuoso_store.add_graph(doc_graph(DOC_A, "a.txt"))
    out = io.BytesIO()
    virtuoso_server.store(gsp_url=virtuoso_server.gsp_url).dump(out, "nquads")
    ds = Dataset().parse(data=out.getvalue(), format="nquads")
    assert isomorphic(ds.graph(DOC_A), doc_graph(DOC_A, "a.txt"))


@pytest.mark.virtuoso
def test_store_contract_ingest_same_triples(seed_path, tmp_path, virtuoso_store):
    from kg.archive.ingest import ingest

    def quads(st) -> set:
        out = io.BytesIO()
        st.dump(out, "nquads")
        ds = Dataset().parse(data=out.getvalue(), format="nquads")
        return {(s, p, o, getattr(g, "identifier", g)) for s, p, o, g in ds.quads()
                if p != PKG.ingestedAt}

    with OxigraphStore(tmp_path / "ox") as embedded:
        assert not ingest([seed_path], embedded).failed
        expected = quads(embedded)
    assert not ingest([seed_path], virtuoso_store).failed
    assert quads(virtuoso_store) == expected
    # ingesting again finds the document stored (the bound ASK works remotely too)
    assert [r.status for r in ingest([seed_path], virtuoso_store).results] == ["unchanged"]


@pytest.mark.parametrize("operation", ["query", "add", "len"])
def test_store_contract_unreachable_server(operation):
    url = f"http://127.0.0.1:{free_port()}/sparql"
    st = SparqlStore(url)
    with pytest.raises(StoreError, match="127.0.0.1") as caught:
        if operation == "query":
            st.query("ASK {}")
        elif operation == "add":
            st.add_graph(doc_graph(DOC_A, "a.txt"))
        else:
            len(st)
    assert "cannot reach" in str(caught.value)


@pytest.mark.virtuoso
def test_store_contract_wrong_password(virtuoso_server):
    st = virtuoso_server.store(password="not-the-password")
    with pytest.raises(StoreError, match="401"):
        st.add_graph(doc_graph(DOC_A, "a.txt"))


def test_store_contract_credentials_not_in_url():
    with pytest.raises(StoreError, match="KG_SPARQL_USER"):
        SparqlStore("http://dba:dba@127.0.0.1:8890/sparql")


@pytest.mark.parametrize("url, update", [
    ("http://h:3030/ds/query", "http://h:3030/ds/update"),
    ("http://h:7878/query", "http://h:7878/update"),
    ("http://h:7200/repositories/kg", "http://h:7200/repositories/kg/statements"),
    ("http://h:8890/sparql", "http://h:8890/sparql")])
def test_store_contract_update_endpoint_derived(url, update, monkeypatch):
    monkeypatch.delenv("KG_SPARQL_UPDATE_URL", raising=False)
    assert derived_update_url(url) == update
    assert SparqlStore(url).update_url == update
    monkeypatch.setenv("KG_SPARQL_UPDATE_URL", "http://elsewhere/update")
    assert SparqlStore(url).update_url == "http://elsewhere/update"


def _stamped(sha: str, name: str, when: str) -> Graph:
    """A whole document graph (named after its SHA-256, with its document node) ingested
    at ``when``."""
    doc = URIRef(ID_BASE + "doc/" + sha)
    g = doc_graph(doc, name, money=False)
    g.add((doc, PKG.ingestedAt, Literal(when, datatype=XSD.dateTime)))
    g.add((doc, PKG.sha256, Literal(sha)))  # a dump's document IRI must be its digest
    return g


@pytest.mark.parametrize("replace", [False, True], ids=["skip", "replace"])
def test_store_contract_load_dump_never_merges_a_stored_document(store, tmp_path, replace):
    from kg.archive.load import load_dump

    held, new = "a" * 64, "b" * 64
    store.add_graph(_stamped(held, "held.txt", "2024-01-01T00:00:00Z"))
    dump = Dataset()
    for g in (_stamped(held, "held.txt", "2025-06-01T00:00:00Z"),
              _stamped(new, "new.txt", "2025-06-01T00:00:00Z")):
        target = dump.graph(g.identifier)
        target += g
    path = tmp_path / "dump.nq"
    path.write_bytes(dump.serialize(format="nquads", encoding="utf-8"))

    report = load_dump(store, path, replace=replace)
    held_iri, new_iri = ID_BASE + "doc/" + held, ID_BASE + "doc/" + new
    assert report.added == [new_iri]
    assert (report.replaced, report.skipped) == (([held_iri], []) if replace
                                                 else ([], [held_iri]))
    stamps = store.query("SELECT ?g ?t WHERE { GRAPH ?g { ?g pkg:ingestedAt ?t } }").rows
    assert sorted((str(g), str(t)[:10]) for g, t in stamps) == [
        (held_iri, "2025-06-01" if replace else "2024-01-01"), (new_iri, "2025-06-01")]


def test_store_contract_derived_data_follows_its_document(store):
    """A document's derived data goes in with it, is read back, is stamped, and goes
    out with it (its names entry too, unless another document gives that name)."""
    from kg.archive.derived import derived_triples, ensure_derived
    from kg.archive.lifecycle import list_documents
    from kg.archive.names import PERSON_LABELS, lookup
    from kg.rdf.namespace import KGI
    from kg.store.derived import summary_iri

    ensure_derived(store)  # a store without documents: the schema alone
    for g in (doc_graph(DOC_A, "a.txt"), doc_graph(DOC_B, "b.txt", money=False)):
        store.add_graph(g, derived_triples(g))
    assert [d.file_name for d in list_documents(store)] == ["a.txt", "b.txt"]
    # "Antony Blinken (a.txt)": the last word, "txt", is the key its entry is found by
    assert sorted(name for _, name, _ in lookup(store, PERSON_LABELS, "txt")) == [
        "Antony Blinken (a.txt)", "Antony Blinken (b.txt)"]
    store.set_derived([(summary_iri(DOC_B), KGI.violations, Literal(3))])
    store.set_derived([(summary_iri(DOC_B), KGI.violations, Literal(0))])  # replaces it
    stamp = f"SELECT ?s ?n WHERE {{ ?s <{KGI.violations}> ?n }}"
    assert [int(n) for _, n in store.query(stamp).rows] == [0]
    store.drop_graph(str(DOC_A))
    assert [d.file_name for d in list_documents(store)] == ["b.txt"]
    assert [name for _, name, _ in lookup(store, PERSON_LABELS, "txt")] == [
        "Antony Blinken (b.txt)"]
