"""The command line on a large store (issue 21, item 3): listings, the example queries
and the CSV export, as a user runs them.

    python benchmarks/bench_cli.py --store /work/stores/10000
    python benchmarks/bench_cli.py --store /work/stores/1413 --runs 3 --no-unbound

1. ``kg documents`` into a pipe (TSV), whole and one page (``--limit 50 --offset``
   half-way): CPU seconds of the process tree, wall seconds, seconds to the first row;
2. every ``queries/*.rq`` through ``Store.query`` (what ``kg query --bind`` runs, without
   the process start), bound to a typical entity (``bench_store.binding_plan``: the one
   in the RANK-th most documents) and to the most mentioned one: median ms of ``--runs``;
3. the same queries unbound through ``kg query`` (its limits: 30 s, 10,000 rows):
   seconds to the first row and in all;
4. ``kg export --format csv --table agreements``: first row, total, peak RSS.

The store is only read.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import threading
import time
from pathlib import Path

from _common import (ROOT, TreeSampler, kg_command, load_average, mib, print_header,
                     table)

import bench_store

QUERIES = ROOT / "queries"


def first_row(cmd: list[str], skip: int = 1) -> dict:
    """Run ``cmd`` reading its stdout as it comes: seconds to the first line after
    ``skip`` header lines, in all, CPU seconds and peak RSS of the process tree."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    err: list[str] = []
    reader = threading.Thread(target=lambda: err.extend(proc.stderr), daemon=True)
    reader.start()
    first, lines = None, 0
    with TreeSampler(proc.pid) as sampler:
        for _ in proc.stdout:
            lines += 1
            if lines == skip + 1 and first is None:
                first = time.perf_counter() - started
        proc.wait()
    reader.join()
    if proc.returncode:
        return {"first": None, "total": sampler.usage.wall, "cpu": sampler.usage.cpu,
                "rss": sampler.usage.peak_rss, "rows": 0,
                "error": "".join(err).strip().splitlines()[-1][:80]}
    return {"first": first, "total": sampler.usage.wall, "cpu": sampler.usage.cpu,
            "rss": sampler.usage.peak_rss, "rows": max(lines - skip, 0), "error": ""}


def _cpu() -> float:
    t = os.times()  # this process, every thread (a query runs in a worker thread)
    return t.user + t.system


def _ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.1f}" if values else "-"


def _s(value) -> str:
    return "-" if value is None else f"{value:.2f}"


def listings(store: Path, size: int) -> list[list[str]]:
    kg = kg_command()
    rows = []
    for name, args, skip in (
            ("kg documents", ["documents"], 1),
            (f"kg documents --limit 50 --offset {size // 2}",
             ["documents", "--limit", "50", "--offset", str(size // 2)], 1),
            ("kg export --format csv --table agreements",
             ["export", "--format", "csv", "--table", "agreements"], 1)):
        r = first_row(kg + [*args, "--store", str(store)], skip)
        rows.append([name, str(r["rows"]), _s(r["first"]), _s(r["total"]), _s(r["cpu"]),
                     mib(r["rss"]), r["error"]])
        print(f"  {name}: {rows[-1][1:]}", flush=True)
    return rows


def bound_queries(store: Path, runs: int) -> list[list[str]]:
    import pyoxigraph as ox

    from kg.store import open_store
    from kg.store.safety import TimeLimitError

    st = open_store(store, read_only=True)
    engine = ox.Store.read_only(str(store))
    out = []
    for rank in (bench_store.RANK, 1):
        bench_store.RANK = rank
        for name, label, text, bindings in bench_store.query_variants(engine):
            if not bindings:
                continue
            cpu, wall, rows = [], [], "-"
            with st.reading():
                for _ in range(runs + 1):  # the first warms the caches
                    c, w = _cpu(), time.perf_counter()
                    try:
                        rows = str(len(st.query(text, bindings, timeout=60).rows))
                    except TimeLimitError:
                        rows = "> 60 s"
                        break
                    cpu.append(_cpu() - c)
                    wall.append(time.perf_counter() - w)
            out.append([name, f"rank {rank}: {label}", rows,
                        _ms(cpu[1:] or cpu), _ms(wall[1:] or wall)])
            print(f"  {out[-1]}", flush=True)
    del engine
    return out


def unbound_queries(store: Path) -> list[list[str]]:
    out = []
    for path in sorted(QUERIES.glob("*.rq")):
        r = first_row(kg_command() + ["query", path.read_text(), "--store", str(store),
                                      "--format", "tsv"])
        out.append([path.stem, str(r["rows"]), _s(r["first"]), _s(r["total"]),
                    _s(r["cpu"]), r["error"]])
        print(f"  {out[-1]}", flush=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-unbound", action="store_true",
                        help="leave out the example queries over the whole store")
    args = parser.parse_args()

    from kg.archive.derived import store_totals
    from kg.store import open_store

    size = store_totals(open_store(args.store, read_only=True))[0]
    print_header(f"the command line on {args.store} ({size:,} documents)")
    print("listings:", flush=True)
    rows = listings(args.store, size)
    print(table(["command", "rows", "first row s", "total s", "CPU s", "peak RSS MiB",
                 "error"], rows))
    print("bound queries (Store.query):", flush=True)
    print(table(["query", "binding", "rows", "median CPU ms", "median wall ms"],
                bound_queries(args.store, args.runs)))
    if not args.no_unbound:
        print("unbound queries (kg query, tsv):", flush=True)
        print(table(["query", "rows", "first row s", "total s", "CPU s", "error"],
                    unbound_queries(args.store)))
    print(f"load average at end: {load_average()}")


if __name__ == "__main__":
    main()
