"""The write path at scale: adding, loading and removing documents in a large store costs
what it costs in an empty one (issue 21, item 1).

    python benchmarks/bench_write.py --big /work/stores/10000
    python benchmarks/bench_write.py --big /work/stores/10000 --corpus ../shared/corpus/dev3 --repeat 2

``--big`` is copied into a temporary directory first (it is left as it is). Against that
copy and against an empty store, in CPU seconds (user + system, the whole process tree:
the machine is shared, wall time is printed beside it):

1. the write path alone: the documents of ``--corpus`` are extracted once (the NLP costs
   the same wherever a document goes), then ``store_records`` writes them one by one
   (resolution against the store's names index, the graph, its derived data, the write),
   then ``remove_documents`` takes them out again; the same for ``--synthetic``
   documents from ``synth.py`` that name the big store's most common persons and
   organizations (near-universal entities); and, to tell policykg's part from the storage
   engine's, the synthetic documents' graphs written and removed by pyoxigraph alone;
2. the commands end to end: ``kg ingest CORPUS``, ``kg remove CORPUS``, ``kg load`` of
   their dump and ``kg load --replace`` of it.

Each figure is the best of ``--repeat`` rounds (stores alternated), with the ratio big /
empty; the target is at most 1.2.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from _common import (ROOT, kg_command, load_average, print_header, run_measured, table)

import synth


def _cpu() -> float:
    import os

    t = os.times()
    return t.user + t.system


def measure(fn) -> tuple[float, float]:
    """(CPU s, wall s) of ``fn()`` in this process."""
    c, w = _cpu(), time.perf_counter()
    fn()
    return _cpu() - c, time.perf_counter() - w


def write_path(store, records: list, label: str) -> dict[str, tuple[float, float]]:
    """Write ``records`` one by one, then remove them: the in-process write path."""
    from kg.archive.ingest import store_records
    from kg.archive.lifecycle import remove_documents
    from kg.archive.resolve import StoreIndex

    def add() -> None:
        index = StoreIndex(store)
        with store.writing():
            for r in records:
                store_records(store, r, index)

    def remove() -> None:
        remove_documents(store, [r.sha256 for r in records])

    return {f"{label}: add {len(records)}": measure(add),
            f"{label}: remove {len(records)}": measure(remove)}


def engine_alone(location: Path, records: list) -> dict[str, tuple[float, float]]:
    """The storage engine's own part: the same documents' graphs written by pyoxigraph
    itself (one transaction each, then a flush), then removed; no policykg code."""
    import pyoxigraph as ox

    from kg.rdf.build import document_graph
    from kg.store.terms import to_ox

    graphs = []
    for r in records:
        g = document_graph(r)
        name = ox.NamedNode(str(g.identifier))
        graphs.append((name, [ox.Quad(to_ox(s), to_ox(p), to_ox(o), name) for s, p, o in g]))
    db = ox.Store(str(location))

    def add() -> None:
        for _, quads in graphs:
            db.extend(quads)
        db.flush()

    def remove() -> None:
        for name, _ in graphs:
            db.remove_graph(name)
        db.flush()

    out = {f"pyoxigraph alone: add {len(graphs)}": measure(add),
           f"pyoxigraph alone: remove {len(graphs)}": measure(remove)}
    del db
    return out


def commands(location: Path, corpus: Path, dump: Path) -> dict[str, tuple[float, float]]:
    """The CLI end to end on the store at ``location``; leaves it as it found it."""
    out = {}
    for name, args in (("kg ingest", ["ingest", corpus]), ("kg remove", ["remove", corpus]),
                       ("kg load", ["load", dump]),
                       ("kg load --replace", ["load", dump, "--replace"]),
                       ("kg remove (loaded)", ["remove", corpus])):
        usage, done = run_measured(kg_command() + [*map(str, args), "--store", str(location)])
        if done.returncode:
            raise SystemExit(f"{name} failed: {done.stderr[-2000:]}")
        out[name] = (usage.cpu, usage.wall)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--big", type=Path, required=True, help="a large store (copied)")
    parser.add_argument("--corpus", type=Path,
                        default=ROOT.parent / "shared" / "corpus" / "dev3")
    parser.add_argument("--synthetic", type=int, default=30,
                        help="synthetic documents after the big store's own")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--no-cli", action="store_true", help="the write path alone")
    args = parser.parse_args()

    from kg.archive.derived import store_totals
    from kg.archive.ingest import expand, extract_documents
    from kg.store import open_store

    print_header(f"write path: {args.big} vs an empty store")
    with tempfile.TemporaryDirectory(prefix="kg-bench-write-") as tmp:
        big, empty = Path(tmp, "big"), Path(tmp, "empty")
        shutil.copytree(args.big, big)
        open_store(empty).create()
        size = store_totals(open_store(big))[0]
        files, _ = expand([args.corpus])
        records = [r for _, r in extract_documents(files) if not isinstance(r, Exception)]
        synthetic = [synth.document_records(size + i) for i in range(args.synthetic)]
        print(f"big store: {size:,} documents; corpus {args.corpus.name}: "
              f"{len(records)} documents; {len(synthetic)} synthetic", flush=True)
        dump = Path(tmp, "corpus.nq")
        best: dict[str, dict[str, tuple[float, float]]] = {"empty": {}, "big": {}}
        for round_ in range(args.repeat):
            for which in (("empty", "big") if round_ % 2 == 0 else ("big", "empty")):
                st = open_store(big if which == "big" else empty)
                figures = {**write_path(st, records, args.corpus.name),
                           **write_path(st, synthetic, "synthetic"),
                           **engine_alone(big if which == "big" else empty, synthetic)}
                if not args.no_cli:
                    if not dump.exists():
                        _export_corpus(empty, args.corpus, dump)
                    figures.update(commands(big if which == "big" else empty,
                                            args.corpus, dump))
                for name, (cpu, wall) in figures.items():
                    old = best[which].get(name)
                    best[which][name] = (cpu, wall) if old is None or cpu < old[0] else old
                print(f"round {round_ + 1} {which} done (load average {load_average()})",
                      flush=True)
    rows = [[name, f"{e[0]:.2f}", f"{e[1]:.1f}", f"{b[0]:.2f}", f"{b[1]:.1f}",
             f"{b[0] / e[0]:.2f}"]
            for name, e in best["empty"].items() for b in [best["big"][name]]]
    print(table(["operation", "empty CPU s", "empty wall s", f"{size:,} docs CPU s",
                 "wall s", "ratio (CPU)"], rows))
    print(f"load average at end: {load_average()}")


def _export_corpus(empty: Path, corpus: Path, dump: Path) -> None:
    """The corpus's graphs as a dump, made once in the empty store (then taken out)."""
    def kg(*args) -> str:
        return run_measured(kg_command() + [*map(str, args), "--store", str(empty)])[1].stdout

    kg("ingest", corpus)
    dump.write_text(kg("export"), encoding="utf-8")
    kg("remove", corpus)


if __name__ == "__main__":
    main()
