"""Any SPARQL 1.1 server as the store (Virtuoso, Fuseki, GraphDB, Oxigraph server...).

A thin adapter over the SPARQL 1.1 Protocol with ``urllib``: queries are POSTed to the
query endpoint, each document is written by ONE ``INSERT DATA`` request (one request is
one transaction on the servers we know, so a document is stored whole or not at all),
and ``DROP SILENT GRAPH`` removes one. Endpoints and credentials come from arguments or
the environment, never from code (docs/stores.md):

- ``KG_SPARQL_UPDATE_URL``: the update endpoint. Default: the query URL, except
  ``.../query`` -> ``.../update`` (Fuseki, Oxigraph server) and
  ``.../repositories/ID`` -> ``.../repositories/ID/statements`` (GraphDB, RDF4J);
- ``KG_SPARQL_GSP_URL``: a Graph Store Protocol endpoint; when set, ``dump`` reads each
  graph with a GET on it instead of a CONSTRUCT query;
- ``KG_SPARQL_USER`` / ``KG_SPARQL_PASSWORD``: answered to a server's digest or basic
  challenge (Virtuoso: updates on ``/sparql-auth``).

The default graph of a query is whatever the server makes of it: Virtuoso's is the union
of all graphs, system graphs (``virtrdf:``) included; Fuseki needs
``tdb2:unionDefaultGraph true``. Counting, listing and dumping only look at our graphs:
those holding a ``pkg:Document`` node or named under the document IRI base, and the
two graphs of analyst corrections.
"""

from __future__ import annotations

import os
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import BinaryIO, Collection, Iterable, Mapping

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from kg.core.constants import DEFAULT_PREFIXES
from kg.core.errors import QueryError, StoreError
from kg.rdf.namespace import ID_BASE
from kg.store.base import EXPORT_FORMATS, QueryResult, Store
from kg.store.bindings import inject_values
from kg.store.safety import TimeLimitError, inspect_query
from kg.store.derived import INDEX_GRAPH, drop_documents_update, set_values_update
from kg.store.sparql_results import (DURATIONS, ask_answer, fix_durations, select_rows,
                                     value_of)
from kg.store.updates import GRAPH_BLOCK, graphs_operation, requests

ENV_UPDATE_URL = "KG_SPARQL_UPDATE_URL"
ENV_GSP_URL = "KG_SPARQL_GSP_URL"
ENV_USER = "KG_SPARQL_USER"
ENV_PASSWORD = "KG_SPARQL_PASSWORD"
DOC_GRAPH_BASE = ID_BASE + "doc/"
# documents, and the analysts' corrections (docs/corrections.md)
OUR_GRAPHS = (DOC_GRAPH_BASE, ID_BASE + "corrections")
_RESULTS_JSON = "application/sparql-results+json"
_NTRIPLES = "application/n-triples"
_HTTP_TIMEOUT = 300.0  # seconds per socket operation when the caller sets no time limit
_PAGE = 5000  # rows per page when listing graphs: below every server's result cap
_DROP_BATCH = 50  # documents dropped per update request
# derived triples per update request: Virtuoso refuses an operation whose SQL passes
# 10,000 lines (SP031), about 8,000 triples
_INSERT_BATCH = GRAPH_BLOCK
# Listed a page at a time after the last graph seen (?after, bound): a deep OFFSET makes
# a server sort everything before it (Virtuoso refuses beyond 10,000 rows).
_GRAPH_SIZES = """SELECT ?after ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o }
  FILTER(STR(?g) > STR(?after)) } GROUP BY ?after ?g"""
_DOC_GRAPHS = """SELECT DISTINCT ?after ?g WHERE { GRAPH ?g { ?g a pkg:Document }
  FILTER(STR(?g) > STR(?after)) }"""
# What changes when a document is added, removed or stored again: how many there are
# and when the latest was stored (one aggregate, where counting quads reads them all).
_FINGERPRINT = """SELECT (COUNT(*) AS ?n) (MAX(STR(?t)) AS ?latest) WHERE {
  GRAPH ?g { ?g a pkg:Document ; pkg:ingestedAt ?t } }"""
_READ_GRAPH = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
_RETYPED = DURATIONS | {str(XSD.decimal)}


def derived_update_url(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    path = parts.path.rstrip("/")
    if path.endswith("/query"):
        path = path[: -len("query")] + "update"
    elif re.search(r"/repositories/[^/]+$", path):
        path += "/statements"
    else:
        return url
    return urllib.parse.urlunsplit(parts._replace(path=path))


class SparqlStore(Store):
    backend = "sparql"

    def __init__(self, url: str, *, update_url: str | None = None,
                 gsp_url: str | None = None, user: str | None = None,
                 password: str | None = None) -> None:
        super().__init__(url)
        if urllib.parse.urlsplit(url).username:
            raise StoreError("put credentials in KG_SPARQL_USER and KG_SPARQL_PASSWORD, "
                             "not in the store URL (it is shown in logs and messages)")
        self.url = url
        self.update_url = update_url or os.environ.get(ENV_UPDATE_URL) or derived_update_url(url)
        self.gsp_url = gsp_url or os.environ.get(ENV_GSP_URL) or None
        self._opener = _opener(user or os.environ.get(ENV_USER),
                               password or os.environ.get(ENV_PASSWORD, ""),
                               [self.url, self.update_url, self.gsp_url])
        self._changes = 0

    # -- writing -----------------------------------------------------------------------
    def add_graph(self, graph: Graph, derived: Iterable[tuple] = ()) -> None:
        self._insert([(graph.identifier, list(graph)), (INDEX_GRAPH, list(derived))])

    def _insert(self, graphs: list[tuple]) -> None:
        """One ``INSERT`` operation for the triples of several graphs (all or none).
        Virtuoso 7 refuses day-time durations in INSERT DATA (issue #224) and turns a
        whole decimal in a template into an integer; from STRDT it keeps both. It also
        refuses blank nodes in INSERT DATA: a template inserts them fresh. Other servers
        store the same triples either way (kg.store.updates)."""
        try:
            text = graphs_operation("INSERT", [(str(g), t) for g, t in graphs], _RETYPED)
        except QueryError as exc:
            raise StoreError(f"cannot write graph {graphs[0][0]}: {exc}") from exc
        if text:
            self._update(text)
        self._changes += 1

    def drop_graphs(self, iris: Collection[str], derived_only: bool = False) -> None:
        iris = list(iris)
        for start in range(0, len(iris), _DROP_BATCH):
            try:
                text = drop_documents_update(iris[start:start + _DROP_BATCH],
                                             derived_only)
            except QueryError as exc:
                raise StoreError(f"cannot drop graph: {exc}") from exc
            self._update(text)
            self._changes += 1

    def add_derived(self, triples: Iterable[tuple]) -> None:
        batch: list[tuple] = []
        for triple in triples:
            batch.append(triple)
            if len(batch) >= _INSERT_BATCH:
                self._insert([(INDEX_GRAPH, batch)])
                batch = []
        self._insert([(INDEX_GRAPH, batch)])

    def set_derived(self, triples: Iterable[tuple]) -> None:
        try:
            text = set_values_update(triples)
        except QueryError as exc:
            raise StoreError(f"cannot write derived data: {exc}") from exc
        if text:
            self._update(text)
            self._changes += 1

    def change_graphs(self, changes) -> None:
        """One update request (several for megabytes of changes). Virtuoso runs the
        operations of a request one after the other, not as one transaction: a failure
        halfway leaves the earlier ones done (``kg correct reapply`` repairs the
        corrections' part)."""
        try:
            texts = list(requests((c for c in changes if c), _RETYPED))
        except QueryError as exc:
            raise StoreError(f"cannot change graphs: {exc}") from exc
        for text in texts:
            self._update(text)
        self._changes += bool(texts)

    def clear_derived(self) -> None:
        self._update(f"DROP SILENT GRAPH <{INDEX_GRAPH}>")
        self._changes += 1

    def _update(self, text: str) -> None:
        self._send(self.update_url, {"update": text}, "*/*", None, StoreError)

    # -- reading -----------------------------------------------------------------------
    def query(self, sparql: str, bindings: Mapping[str, Identifier] | None = None,
              *, timeout: float | None = None, max_rows: int | None = None) -> QueryResult:
        info, body, headers = self._send_query(sparql, bindings, timeout)
        capped = _server_cap(headers)
        if info.form == "ask":
            return QueryResult("ask", boolean=ask_answer(body))
        if info.returns_graph:
            graph = Graph()
            try:
                graph.parse(data=fix_durations(body.decode("utf-8")), format="nt")
            except Exception as exc:  # rdflib raises several types for bad input
                raise QueryError(f"{self.url} sent triples that do not parse: {exc}") from exc
            triples, truncated = _cut(list(graph), max_rows, capped)
            return QueryResult("graph", columns=["subject", "predicate", "object"],
                               triples=triples, truncated=truncated)
        columns, rows = select_rows(body, self.url)
        rows, truncated = _cut(rows, max_rows, capped)
        return QueryResult("select", columns=columns, rows=rows, truncated=truncated)

    def query_values(self, sparql: str, bindings: Mapping[str, Identifier] | None = None
                     ) -> list[tuple[str | None, ...]]:
        info, body, _ = self._send_query(sparql, bindings, None)
        if info.form != "select":
            raise QueryError("query_values reads the rows of a SELECT")
        return select_rows(body, self.url, value_of)[1]

    def _send_query(self, sparql: str, bindings: Mapping[str, Identifier] | None,
                    timeout: float | None) -> tuple[object, bytes, object]:
        """Send a query: (what it is, the answer's body, its headers)."""
        # Parsed here too: Virtuoso runs an update sent as query=, so only queries leave.
        info = inspect_query(sparql)
        text = inject_values(info, bindings) if bindings else info.text
        prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in DEFAULT_PREFIXES.items()
                           if p not in info.declared)
        accept = _NTRIPLES if info.returns_graph else _RESULTS_JSON
        body, headers = self._send(self.url, {"query": prologue + text}, accept, timeout,
                                   QueryError)
        return info, body, headers

    def graph_sizes(self) -> dict[str, int]:
        """Number of triples in each of our graphs (not the server's system graphs)."""
        docs = {str(row[0]) for row in self._pages(_DOC_GRAPHS)}
        return {str(g): int(n) for g, n in self._pages(_GRAPH_SIZES)
                if str(g).startswith(OUR_GRAPHS) or str(g) in docs}

    def graphs(self) -> list[str]:
        return sorted(self.graph_sizes())

    def _pages(self, select: str):
        """The rows of ``select`` (which projects ?after, then ?g...), graph by graph in
        IRI order, without ?after."""
        after = Literal("")
        while True:
            rows = self.query(f"{select} ORDER BY ?g LIMIT {_PAGE}", {"after": after}).rows
            yield from (row[1:] for row in rows)
            if len(rows) < _PAGE:
                return
            after = Literal(str(rows[-1][1]))

    def dump(self, out: BinaryIO, fmt: str) -> None:
        if fmt not in EXPORT_FORMATS:
            raise StoreError(f"unknown format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
        from kg.rdf.build import new_dataset

        dataset = new_dataset()
        for iri in self.graphs():
            target = dataset.graph(URIRef(iri))
            for triple in self._read_graph(iri):
                target.add(triple)
            if fmt == "nquads":  # stream: one graph in memory at a time
                dataset.serialize(out, format="nquads", encoding="utf-8")
                dataset.remove_graph(target)
        if fmt == "turtle":  # no graphs in Turtle: their union, each triple once
            union = Graph()
            for prefix, ns in DEFAULT_PREFIXES.items():
                union.bind(prefix, ns)
            for s, p, o, _ in dataset.quads((None, None, None, None)):
                union.add((s, p, o))
            union.serialize(out, format="turtle", encoding="utf-8")
        elif fmt != "nquads":
            dataset.serialize(out, format={"trig": "trig", "jsonld": "json-ld"}[fmt],
                              encoding="utf-8")

    def read_graph(self, iri: str) -> set[tuple]:
        try:
            return set(self._read_graph(iri))  # the Graph Store Protocol when set; never cut
        except StoreError as exc:
            if self.gsp_url and "HTTP 404" in str(exc):  # no such graph (yet)
                return set()
            raise

    def _read_graph(self, iri: str) -> Graph:
        if self.gsp_url:
            body, _ = self._send(self.gsp_url, {"graph": iri}, _NTRIPLES, None, StoreError,
                                 method="GET")
            return Graph().parse(data=fix_durations(body.decode("utf-8")), format="nt")
        result = self.query(_READ_GRAPH, {"g": URIRef(iri)})
        if result.truncated:
            raise StoreError(f"{self.url} cut graph <{iri}> short (its result-size limit); "
                             f"raise it on the server or set {ENV_GSP_URL}")
        graph = Graph()
        for triple in result.triples:
            graph.add(triple)
        return graph

    def __len__(self) -> int:
        return sum(self.graph_sizes().values())

    def version(self) -> str:
        """How many documents, when the latest was stored, and this object's own writes:
        one small query (a page's every rerun asks). A change that neither adds, removes
        nor stores again a document shows at this process's next write."""
        n, latest = self.query(_FINGERPRINT).rows[0]
        return f"{n}:{latest}:{self._changes}"

    # -- HTTP ----------------------------------------------------------------------------
    def _send(self, url: str, params: dict, accept: str, timeout: float | None,
              error: type, *, method: str = "POST") -> tuple[bytes, Mapping]:
        data = urllib.parse.urlencode(params).encode("utf-8")
        if method == "GET":
            url, data = f"{url}{'&' if '?' in url else '?'}{data.decode()}", None
        request = urllib.request.Request(url, data=data, method=method, headers={
            "Accept": accept, "User-Agent": "policykg"})
        deadline = time.monotonic() + timeout if timeout else None
        try:
            with self._opener.open(request, timeout=timeout or _HTTP_TIMEOUT) as response:
                return _read(response, deadline, timeout), response.headers
        except urllib.error.HTTPError as exc:
            raise _http_error(exc, url, error) from None
        except (socket.timeout, TimeoutError):
            if timeout:
                raise TimeLimitError(timeout) from None
            raise StoreError(f"{url} did not answer within {_HTTP_TIMEOUT:g} s") from None
        except urllib.error.URLError as exc:
            if timeout and isinstance(exc.reason, TimeoutError):  # while connecting
                raise TimeLimitError(timeout) from None
            raise StoreError(f"cannot reach the SPARQL server at {url}: {exc.reason}") from None
        except OSError as exc:
            raise StoreError(f"cannot talk to the SPARQL server at {url}: {exc}") from None


def _opener(user: str | None, password: str, urls: list[str | None]):
    handlers = []
    if user:
        # Sent only when a server asks (401), in the scheme it asks for.
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        for url in filter(None, urls):
            passwords.add_password(None, url, user, password)
        handlers = [urllib.request.HTTPDigestAuthHandler(passwords),
                    urllib.request.HTTPBasicAuthHandler(passwords)]
    return urllib.request.build_opener(*handlers)


def _read(response, deadline: float | None, timeout: float | None) -> bytes:
    """The body, with the time limit holding for the whole read, not each chunk."""
    chunks = []
    while chunk := response.read(1 << 16):
        chunks.append(chunk)
        if deadline and time.monotonic() > deadline:
            raise TimeLimitError(timeout)
    return b"".join(chunks)


def _http_error(exc: urllib.error.HTTPError, url: str, error: type) -> Exception:
    try:
        message = exc.read(4000).decode("utf-8", "replace")
    except OSError:
        message = ""
    # Virtuoso repeats the whole request after its message: keep the message.
    message = message.split("\n\nSPARQL query:")[0].strip()[:1000]
    message = f"{url} answered HTTP {exc.code} {exc.reason}" + (f": {message}" if message else "")
    if exc.code in (401, 403):
        return StoreError(f"{message} (check {ENV_USER} / {ENV_PASSWORD}, and "
                          f"{ENV_UPDATE_URL} for an endpoint that takes them)")
    return error(message)


def _server_cap(headers: Mapping) -> bool:
    """Did the server cut the result short on its own? Virtuoso says so in headers: an
    'anytime' answer at its time limit (partial, so refused) or its row cap."""
    if headers.get("X-SQL-State") == "S1TAT":
        raise QueryError("the server stopped the query at its own time limit and sent a "
                         f"partial answer, which is not used: {headers.get('X-SQL-Message')}")
    return bool(headers.get("X-SPARQL-MaxRows"))


def _cut(items: list, max_rows: int | None, capped: bool) -> tuple[list, bool]:
    if max_rows is not None and len(items) > max_rows:
        return items[:max_rows], True
    return items, capped
