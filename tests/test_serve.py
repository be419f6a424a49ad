"""``kg serve``: the read-only SPARQL 1.1 Protocol endpoint, driven by SPARQLWrapper and
plain urllib against a server on a free port (no subprocess)."""

from __future__ import annotations

import csv
import io
import json
import threading
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS
from SPARQLWrapper import CSV, JSON, POST, POSTDIRECTLY, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from kg.querying.serve import make_server
from kg.rdf.namespace import ID_BASE, PKG
from kg.store.oxigraph import OxigraphStore

DOC = URIRef(ID_BASE + "doc/serve")
SELECT = "SELECT ?c ?label WHERE { ?c a pkg:Country ; rdfs:label ?label } ORDER BY ?label"
CONSTRUCT = "CONSTRUCT { ?c rdfs:label ?label } WHERE { ?c a pkg:Country ; rdfs:label ?label }"


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    path = tmp_path_factory.mktemp("serve") / "store"
    with OxigraphStore(path) as st:  # written, then served read-only as kg serve does
        g = Graph(identifier=DOC)
        g.add((DOC, RDF.type, PKG.Document))
        for code, name in [("jp", "Japan"), ("us", "United States"), ("fr", 'Fr"ance\t,')]:
            node = URIRef(f"{ID_BASE}country/{code}")
            g.add((node, RDF.type, PKG.Country))
            g.add((node, RDFS.label, Literal(name)))
        st.add_graph(g)
    store = OxigraphStore(path, read_only=True)
    server = make_server(store, "127.0.0.1", 0, max_rows=100, quiet=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.url
    server.shutdown()
    server.server_close()
    store.close()


def wrapper(url: str, query: str, fmt: str, method: str | None = None) -> SPARQLWrapper:
    sw = SPARQLWrapper(url)
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    if method == POSTDIRECTLY:
        sw.setMethod(POST)
        sw.setRequestMethod(POSTDIRECTLY)
    elif method:
        sw.setMethod(method)
    return sw


def http(url: str, params: dict | None = None, *, data: bytes | None = None,
         headers: dict | None = None) -> tuple[int, str, str]:
    if params:
        url += "?" + urllib.parse.urlencode(params)
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers["Content-Type"], response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers["Content-Type"], exc.read().decode()


@pytest.mark.parametrize("method", [None, POST, POSTDIRECTLY])
def test_serve_select_json(endpoint, method):
    result = wrapper(endpoint, SELECT, JSON, method).query().convert()
    assert result["head"]["vars"] == ["c", "label"]
    labels = [b["label"]["value"] for b in result["results"]["bindings"]]
    assert labels == ['Fr"ance\t,', "Japan", "United States"]


def test_serve_select_xml(endpoint):
    doc = wrapper(endpoint, SELECT, XML).query().convert()
    ns = {"s": "http://www.w3.org/2005/sparql-results#"}
    root = ET.fromstring(doc.toxml())
    labels = [e.text for e in root.findall(".//s:binding[@name='label']/s:literal", ns)]
    assert labels == ['Fr"ance\t,', "Japan", "United States"]


def test_serve_select_csv(endpoint):
    body = wrapper(endpoint, SELECT, CSV).query().convert().decode()
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == ["c", "label"] and rows[1][1] == 'Fr"ance\t,' and len(rows) == 4


def test_serve_select_tsv(endpoint):
    lines = wrapper(endpoint, SELECT, TSV).query().convert().decode().splitlines()
    assert lines[0] == "?c\t?label"
    assert lines[2] == f"<{ID_BASE}country/jp>\t\"Japan\""
    assert len(lines) == 4 and all(line.count("\t") == 1 for line in lines)


def test_serve_ask(endpoint):
    assert wrapper(endpoint, "ASK { ?c a pkg:Country }", JSON).query().convert()["boolean"]
    status, kind, body = http(endpoint, {"query": "ASK { ?c a pkg:Agreement }"},
                              headers={"Accept": "application/sparql-results+xml"})
    assert status == 200 and kind.startswith("application/sparql-results+xml")
    assert "<boolean>false</boolean>" in body


def test_serve_construct_turtle(endpoint):
    body = wrapper(endpoint, CONSTRUCT, TURTLE).query().convert()
    graph = Graph().parse(data=body, format="turtle")
    assert (URIRef(f"{ID_BASE}country/jp"), RDFS.label, Literal("Japan")) in graph
    assert len(graph) == 3


def test_serve_construct_ntriples(endpoint):
    status, kind, body = http(endpoint, {"query": CONSTRUCT},
                              headers={"Accept": "application/n-triples"})
    assert status == 200 and kind.startswith("application/n-triples")
    assert len(Graph().parse(data=body, format="nt")) == 3


@pytest.mark.parametrize("accept, expected", [
    (None, "application/sparql-results+json"), ("*/*", "application/sparql-results+json"),
    ("text/*", "text/csv"),
    ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml")])
def test_serve_content_negotiation(endpoint, accept, expected):
    status, kind, _ = http(endpoint, {"query": SELECT},
                           headers={"Accept": accept} if accept else {})
    assert status == 200 and kind.startswith(expected)


def test_serve_not_acceptable(endpoint):
    status, _, body = http(endpoint, {"query": CONSTRUCT}, headers={"Accept": "text/csv"})
    assert status == 406 and "text/turtle" in body


@pytest.mark.parametrize("request_kind", ["form", "body", "query-param"])
def test_serve_update_refused(endpoint, request_kind):
    update = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    if request_kind == "form":
        status, kind, body = http(endpoint, data=urllib.parse.urlencode(
            {"update": update}).encode())
    elif request_kind == "body":
        status, kind, body = http(endpoint, data=update.encode(),
                                  headers={"Content-Type": "application/sparql-update"})
    else:
        status, kind, body = http(endpoint, {"query": update})
    assert status == 403 and kind.startswith("text/plain")
    assert "read-only" in body


def test_serve_update_refused_with_sparqlwrapper(endpoint):
    sw = wrapper(endpoint, "DELETE WHERE { ?s ?p ?o }", JSON, POST)
    with pytest.raises(urllib.error.HTTPError) as caught:
        sw.query()
    assert caught.value.code == 403
    assert wrapper(endpoint, "ASK { ?c a pkg:Country }", JSON).query().convert()["boolean"]


def test_serve_malformed_query_is_400(endpoint):
    with pytest.raises(QueryBadFormed, match="malformed query at line 1"):
        wrapper(endpoint, "SELECT ?s WHERE { ?s ?p", JSON).query()
    status, kind, body = http(endpoint, {"query": "SELECT ?s WHERE { ?s ?p"})
    assert status == 400 and kind.startswith("text/plain") and "Traceback" not in body


def test_serve_service_refused(endpoint):
    status, _, body = http(endpoint, {"query": "SELECT * { SERVICE <http://127.0.0.1:9/> "
                                               "{ ?s ?p ?o } }"})
    assert status == 403 and "SERVICE" in body


@pytest.mark.parametrize("params, status", [({}, 400), ({"query": ""}, 400),
                                            ({"query": SELECT, "default-graph-uri": "urn:g"},
                                             400)])
def test_serve_bad_requests(endpoint, params, status):
    assert http(endpoint, params)[0] == status


def test_serve_other_paths(endpoint):
    root = endpoint.rsplit("/", 1)[0]
    assert http(root + "/")[0] == 200
    assert http(root + "/nothing")[0] == 404


def test_serve_row_limit_is_announced(tmp_path):
    with OxigraphStore(tmp_path / "store") as st:
        g = Graph(identifier=DOC)
        for i in range(5):
            g.add((URIRef(f"urn:x:{i}"), RDF.type, PKG.Country))
        st.add_graph(g)
        server = make_server(st, "127.0.0.1", 0, max_rows=2, quiet=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            query = urllib.parse.urlencode({"query": "SELECT ?c { ?c a pkg:Country }"})
            request = urllib.request.Request(f"{server.url}?{query}")
            with urllib.request.urlopen(request, timeout=10) as response:
                assert "row limit of 2" in response.headers["X-KG-Warning"]
                assert len(json.loads(response.read())["results"]["bindings"]) == 2
        finally:
            server.shutdown()
            server.server_close()


def test_serve_cli_registered():
    from typer.testing import CliRunner

    from kg.cli import app

    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0 and "--allow-service" in result.output
