"""`kg serve` under load: many clients at once on a freshly started server.

    python benchmarks/bench_serve.py                          # 50 clients x 20 requests
    python benchmarks/bench_serve.py --clients 10 --requests 5 --quads 100000
    PYTHONPATH=OTHER_CHECKOUT python benchmarks/bench_serve.py --warm-up 3   # another version

Builds an embedded store of synthetic document graphs (``synth.py``), starts ``kg serve``
on it in a process of its own and, as soon as it listens, sends every client's requests
at once (one thread per client, each request on a new connection: what most SPARQL
clients do). Each client cycles through three queries: a count over one document
(``FROM``), the countries with their labels, an ASK. Prints how many answers were 200,
the wall time and requests per second, latency percentiles, and the CPU seconds of the
server with its query processes (per request, too), with the load average before and
after: on a shared machine CPU per request is the figure to compare.

The suite runs the same load (tests/test_serve_hostile.py) and checks every answer.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from _common import TreeSampler, load_average, print_header, table

import synth

QUERIES = [
    "SELECT (COUNT(*) AS ?n) FROM <{doc}> WHERE {{ ?s ?p ?o }}",
    "SELECT ?c ?label WHERE {{ ?c a pkg:Country ; rdfs:label ?label }} ORDER BY ?label LIMIT 50",
    "ASK {{ GRAPH <{doc}> {{ ?s a pkg:Document }} }}",
]


def build(path: Path, quads: int) -> list[str]:
    from kg.store.oxigraph import OxigraphStore

    store = OxigraphStore(path)
    docs = []
    for graph in synth.document_graphs(quads):
        store.add_graph(graph)
        docs.append(str(graph.identifier))
    return docs


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(url: str, query: str) -> tuple[int, float]:
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url + "?" + urllib.parse.urlencode({"query": query}),
                                    timeout=120) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    except OSError:
        status = 0
    return status, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=20, help="per client")
    parser.add_argument("--quads", type=int, default=20_000, help="size of the store")
    parser.add_argument("--warm-up", type=int, default=0, metavar="N",
                        help="N requests one after another before the load (a server "
                             "that cannot take concurrent first requests needs one)")
    args = parser.parse_args()
    print_header(f"kg serve: {args.clients} clients x {args.requests} requests, "
                 f"{args.quads:,} quads")
    with tempfile.TemporaryDirectory(prefix="kg-bench-serve-") as tmp:
        docs = build(Path(tmp) / "store", args.quads)
        port = free_port()
        server = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store",
                                   str(Path(tmp) / "store"), "--port", str(port), "--quiet"],
                                  stderr=subprocess.DEVNULL)
        try:
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), 0.2).close()
                    break
                except OSError:
                    time.sleep(0.05)
            url = f"http://127.0.0.1:{port}/sparql"
            for i in range(args.warm_up):
                request(url, QUERIES[i % len(QUERIES)].format(doc=docs[0]))
            results: list[tuple[int, float]] = []
            lock = threading.Lock()

            def client(k: int) -> None:
                for i in range(args.requests):
                    query = QUERIES[(k + i) % len(QUERIES)].format(doc=docs[(k + i) % len(docs)])
                    answer = request(url, query)
                    with lock:
                        results.append(answer)

            threads = [threading.Thread(target=client, args=(k,)) for k in range(args.clients)]
            with TreeSampler(server.pid, memory=False) as sampler:
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join()
        finally:
            server.terminate()
            server.wait(timeout=30)
    usage = sampler.usage
    ok = sum(1 for status, _ in results if status == 200)
    latencies = sorted(t for _, t in results)
    q = statistics.quantiles(latencies, n=20)
    print(table(["requests", "200", "wall s", "req/s", "p50 ms", "p95 ms", "max ms",
                 "server CPU s", "CPU ms/req"],
                [[len(results), ok, f"{usage.wall:.1f}", f"{len(results) / usage.wall:.0f}",
                  f"{statistics.median(latencies) * 1000:.0f}", f"{q[-1] * 1000:.0f}",
                  f"{latencies[-1] * 1000:.0f}", f"{usage.cpu:.1f}",
                  f"{usage.cpu / len(results) * 1000:.1f}"]]))
    print(f"load average (1/5/15 min) at end: {load_average()}")


if __name__ == "__main__":
    main()
