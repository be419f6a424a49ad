"""What opening the embedded store costs, per operation, at 20k and 1M quads.

    python benchmarks/bench_open.py                       # 20k and 1M quads
    python benchmarks/bench_open.py --sizes 20000 --runs 50

The embedded store is opened for each operation and closed after it (kg.store.oxigraph),
under the store's readers-writer lock (kg.store.lock), so that the app and the command
line can share it. This prints, median and 90th percentile of --runs runs, in this
process:

- ``pyoxigraph read-only``: ``Store.read_only(path)`` and dropping it;
- ``pyoxigraph read-write``: ``Store(path)``, ``flush()`` and dropping it;
- ``reading() session``: the lock, a read-only opening, closing, the lock released;
- ``writing() session``: the same for writing (read-write opening, flush, close);
- ``one ASK query``: ``OxigraphStore.query`` of one bound pattern, opening included
  (what a one-off read costs: a cached app read, a request to kg serve);
- ``one ASK, open store``: the same query inside a session already open (the query alone).

Data: synthetic document graphs (``synth.py``), bulk-loaded once per size.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from _common import load_average, print_header, table

import synth

ASK = "ASK { GRAPH ?g { ?s a pkg:Country } }"


def build(path: Path, quads: int) -> int:
    from kg.store.oxigraph import OxigraphStore

    store = OxigraphStore(path)
    with store.writing():
        for graph in synth.document_graphs(quads):
            store.add_graph(graph)
    return len(store)


def timed(fn, runs: int) -> tuple[float, float]:
    fn()  # warm the page cache
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.9 * (len(times) - 1))]


def measure(path: Path, runs: int) -> list[tuple[str, float, float]]:
    import pyoxigraph as ox

    from kg.store.oxigraph import OxigraphStore

    store = OxigraphStore(path, on_wait=lambda message: None)

    def raw_read():
        db = ox.Store.read_only(str(path))
        del db

    def raw_write():
        db = ox.Store(str(path))
        db.flush()
        del db

    def session(kind):
        def run():
            with getattr(store, kind)():
                pass
        return run

    def ask():
        assert store.query(ASK).boolean

    out = [("pyoxigraph read-only", *timed(raw_read, runs)),
           ("pyoxigraph read-write", *timed(raw_write, runs)),
           ("reading() session", *timed(session("reading"), runs)),
           ("writing() session", *timed(session("writing"), runs)),
           ("one ASK query", *timed(ask, runs))]
    with store.reading():
        out.append(("one ASK, open store", *timed(ask, runs)))
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="20000,1000000", help="Quads, comma-separated.")
    ap.add_argument("--runs", type=int, default=30)
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    print_header(f"opening the store: {', '.join(f'{s:,}' for s in sizes)} quads, "
                 f"{args.runs} runs")
    rows = []
    with tempfile.TemporaryDirectory(prefix="kg-bench-open-") as tmp:
        for size in sizes:
            path = Path(tmp, f"store-{size}")
            started = time.perf_counter()
            quads = build(path, size)
            files = sum(1 for _ in path.iterdir())
            print(f"{quads:,} quads stored in {time.perf_counter() - started:.0f} s "
                  f"({files} files; load {load_average()})", flush=True)
            for name, median, p90 in measure(path, args.runs):
                rows.append([f"{quads:,}", name, f"{median:.1f}", f"{p90:.1f}"])
    print()
    print(table(["quads", "operation", "median ms", "p90 ms"], rows))
    print(f"\nload average at end: {load_average()}")


if __name__ == "__main__":
    main()
