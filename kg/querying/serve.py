"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over a store, on the standard
library's threading HTTP server.

- ``GET /sparql?query=...``, ``POST`` form (``query=...``) or ``application/sparql-query``;
- SELECT/ASK answer JSON (default), XML, CSV or TSV; CONSTRUCT/DESCRIBE answer Turtle
  (default) or N-Triples, chosen by the ``Accept`` header;
- every query goes through ``kg.querying.query.run_query``: updates and SERVICE are
  refused (403), a malformed, too big or too slow query is a 400 with the reason as
  text/plain, a result cut at the row limit says so in an ``X-KG-Warning`` header;
- on an embedded store every query runs in a query process (``kg.querying.processes``):
  one past its time limit is killed, so it lets the store go; at most
  ``QUERY_PROCESSES`` queries run at once and the others wait for a free process;
- no CORS headers: a web page the user visits must not be able to read the local graph.
"""

from __future__ import annotations

import sys
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from rdflib import Graph

from kg.core.constants import DEFAULT_PREFIXES
from kg.core.errors import QueryError, StoreError
from kg.querying.query import (DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT, run_query, to_csv, to_json, to_tsv,
                               to_xml, truncation_note)
from kg.store.base import QueryResult, Store
from kg.store.safety import RefusedQuery

DEFAULT_PORT = 7878
PATH = "/sparql"
_MAX_BODY = 1 << 20  # bytes: a query, not a data upload
_RESULTS = {  # media type -> renderer; the first is the default
    "application/sparql-results+json": to_json, "application/json": to_json,
    "application/sparql-results+xml": to_xml, "application/xml": to_xml,
    "text/csv": to_csv, "text/tab-separated-values": to_tsv}
_GRAPHS = {"text/turtle": "turtle", "application/turtle": "turtle",
           "application/x-turtle": "turtle", "application/n-triples": "nt",
           "text/plain": "nt"}
_UPDATE_REFUSED = "this endpoint is read-only: SPARQL Update is not accepted"


class SparqlServer(ThreadingHTTPServer):
    daemon_threads = True  # a slow client never keeps the process alive

    def __init__(self, address, store: Store, *, timeout: float | None,
                 max_rows: int | None, allow_service: bool, quiet: bool) -> None:
        super().__init__(address, _Handler)
        self.store, self.query_timeout, self.max_rows = store, timeout, max_rows
        self.allow_service, self.quiet = allow_service, quiet

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}{PATH}"


def make_server(store: Store, host: str = "127.0.0.1", port: int = DEFAULT_PORT, *,
                timeout: float | None = DEFAULT_TIMEOUT,
                max_rows: int | None = DEFAULT_MAX_ROWS, allow_service: bool = False,
                quiet: bool = False) -> SparqlServer:
    """A server bound to ``host:port`` (0: any free port); call ``serve_forever``."""
    return SparqlServer((host, port), store, timeout=timeout, max_rows=max_rows,
                        allow_service=allow_service, quiet=quiet)


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    protocol_version = "HTTP/1.1"
    server_version = "policykg"

    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/":
            return self._text(200, f"policykg SPARQL endpoint (read-only): GET or POST "
                                   f"{PATH}?query=...\n")
        if url.path != PATH:
            return self._text(404, f"not found; the endpoint is {PATH}\n")
        self._answer(urllib.parse.parse_qs(url.query))

    def do_POST(self) -> None:
        if urllib.parse.urlsplit(self.path).path != PATH:
            return self._text(404, f"not found; the endpoint is {PATH}\n")
        length = int(self.headers.get("Content-Length") or 0)
        if length > _MAX_BODY:
            self.close_connection = True
            return self._text(413, f"request body over {_MAX_BODY} bytes\n")
        body = self.rfile.read(length).decode("utf-8", "replace")
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind == "application/sparql-update":
            return self._text(403, _UPDATE_REFUSED + "\n")
        if kind == "application/sparql-query":
            params = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
            params["query"] = [body]
        elif kind == "application/x-www-form-urlencoded":
            params = urllib.parse.parse_qs(body)
        else:
            return self._text(415, "send application/x-www-form-urlencoded or "
                                   "application/sparql-query\n")
        self._answer(params)

    def _answer(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            return self._text(403, _UPDATE_REFUSED + "\n")
        if params.keys() & {"default-graph-uri", "named-graph-uri"}:
            return self._text(400, "default-graph-uri and named-graph-uri are not "
                                   "supported: use FROM / FROM NAMED or GRAPH in the query\n")
        queries = params.get("query") or []
        if len(queries) != 1 or not queries[0].strip():
            return self._text(400, "give exactly one query parameter\n")
        srv = self.server
        try:  # parsed and run in a query process (kg.querying.query): no parser in this thread
            result = run_query(srv.store, queries[0], timeout=srv.query_timeout,
                               max_rows=srv.max_rows, allow_service=srv.allow_service)
        except RefusedQuery as exc:
            return self._text(403, f"{exc}\n")
        except QueryError as exc:
            return self._text(400, f"{exc}\n")
        except StoreError as exc:
            return self._text(500, f"{exc}\n")
        offered = _GRAPHS if result.kind == "graph" else _RESULTS
        media = _negotiate(self.headers.get("Accept"), offered)
        if media is None:
            return self._text(406, f"no acceptable format; this query gives "
                                   f"{', '.join(offered)}\n")
        note = truncation_note(result, srv.max_rows)
        self._send(200, media, _render(result, media).encode("utf-8"),
                   {"X-KG-Warning": note} if note else {})

    def _text(self, status: int, message: str) -> None:
        self._send(status, "text/plain", message.encode("utf-8"), {})

    def _send(self, status: int, media: str, body: bytes, headers: dict) -> None:
        self.send_response(status)
        self.send_header("Content-Type", f"{media}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:
        if not self.server.quiet:
            sys.stderr.write(f"{self.address_string()} - {format % args}\n")


def _negotiate(accept: str | None, offered: dict) -> str | None:
    """The offered media type the Accept header likes best (the default for */*)."""
    default = next(iter(offered))
    if not accept:
        return default
    ranked = []
    for position, item in enumerate(accept.split(",")):
        media, *params = [p.strip() for p in item.split(";")]
        q = 1.0
        for p in params:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            ranked.append((-q, position, media.lower()))
    for _, _, media in sorted(ranked):
        if media in offered:
            return media
        major = media.split("/")[0]
        if media == "*/*" or media.endswith("/*") and default.startswith(major + "/"):
            return default
        if media.endswith("/*"):
            match = next((m for m in offered if m.startswith(major + "/")), None)
            if match:
                return match
    return None


def _render(result: QueryResult, media: str) -> str:
    if result.kind != "graph":
        return _RESULTS[media](result)
    graph = Graph()
    for prefix, ns in DEFAULT_PREFIXES.items():
        graph.bind(prefix, ns)
    for triple in result.triples:
        graph.add(triple)
    return graph.serialize(format=_GRAPHS[media])
