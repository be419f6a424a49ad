"""Throughput: policykg end to end against bare spaCy on the same texts, in one run.

    python benchmarks/bench_throughput.py                 # whole bench corpus, 1 process
    python benchmarks/bench_throughput.py --limit 40      # a quick look
    python benchmarks/bench_throughput.py --workers 2 --modes bare,cli,api

Modes (each on the same files, words counted on the same cleaned texts):

- ``bare``: ``spacy.load(model).pipe(texts, batch_size, n_process=workers)`` over texts
  already read and cleaned in memory; model loading not timed. The ceiling.
- ``cli``: ``python -m kg ingest --workers N`` into a fresh temporary store, timed from
  process start to exit (imports, model loading, reading, NLP, extraction, resolution,
  RDF, writes). What a user waits for.
- ``api``: ``kg.archive.ingest.ingest()`` in this process into a fresh store, pipeline loaded
  beforehand (for --workers 1): the steady-state cost without start-up.

Target: policykg >= 0.85 x bare spaCy words/s. CPU seconds (whole process tree) are
printed too: on a shared machine the CPU ratio is the steadier figure.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from _common import (run_kg_ingest, BENCH_CORPUS, TreeSampler, Usage, corpus_files, count_words,
                     load_average, print_header, read_clean_texts,
                     table)

TARGET = 0.85


def run_bare(texts: list[str], model: str, batch_size: int, workers: int) -> Usage:
    import spacy

    nlp = spacy.load(model)
    with TreeSampler(memory=False) as sampler:
        for _ in nlp.pipe(texts, batch_size=batch_size, n_process=workers):
            pass
    return sampler.usage


def run_cli(files: list[Path], workers: int) -> Usage:
    usage, done = run_kg_ingest(files, workers)
    if done.returncode != 0:
        sys.exit(f"kg ingest failed ({done.returncode}):\n{done.stderr[-2000:]}")
    print("  kg says:", " / ".join(done.stdout.strip().splitlines()))
    return usage


def run_api(files: list[Path], workers: int) -> Usage:
    from kg.archive.ingest import ingest
    from kg.nlp import load_pipeline
    from kg.store.oxigraph import OxigraphStore

    if workers == 1:
        load_pipeline()  # cached: the timed run does not load it
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        store = OxigraphStore(Path(tmp, "store"))
        with TreeSampler(memory=False) as sampler:
            report = ingest(files, store, workers=workers)
        store.close()
    if report.failed:
        sys.exit(f"{len(report.failed)} documents failed: {report.failed[0]}")
    return sampler.usage


def main(argv: list[str] | None = None) -> None:
    from kg.nlp import DEFAULT_MODEL
    from kg.processing.process import BATCH_SIZE

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=BENCH_CORPUS)
    ap.add_argument("--limit", type=int, help="first N documents only")
    ap.add_argument("--workers", type=int, default=1, help="kg --workers = spaCy n_process")
    ap.add_argument("--batch-size", type=int, default=BATCH_SIZE)
    ap.add_argument("--modes", default="bare,cli", help="comma-separated: bare,cli,api")
    ap.add_argument("--repeat", type=int, default=1,
                    help="rounds, modes interleaved; the best (fastest) of each is kept")
    args = ap.parse_args(argv)

    files = corpus_files(args.corpus, args.limit)
    texts = read_clean_texts(files)
    words = count_words(texts)
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    print_header(f"throughput: {len(files)} documents, {words:,} words, "
                 f"workers {args.workers}, batch size {args.batch_size}")
    runners = {"bare": lambda: run_bare(texts, DEFAULT_MODEL, args.batch_size, args.workers),
               "cli": lambda: run_cli(files, args.workers),
               "api": lambda: run_api(files, args.workers)}
    best: dict[str, Usage] = {}
    for round_no in range(args.repeat):
        for mode in modes:
            usage = runners[mode]()
            print(f"  round {round_no + 1} {mode}: {usage.wall:.1f} s wall, "
                  f"{usage.cpu:.1f} s CPU, load {load_average()}")
            sys.stdout.flush()
            if mode not in best or usage.wall < best[mode].wall:
                best[mode] = usage
    report(best, words, args.workers)


def report(best: dict[str, Usage], words: int, workers: int) -> None:
    rows = []
    bare = best.get("bare")
    for mode, u in best.items():
        ratio = f"{(words / u.wall) / (words / bare.wall):.2f}" if bare else "-"
        cpu_ratio = f"{bare.cpu / u.cpu:.2f}" if bare and u.cpu else "-"
        rows.append([mode, workers, f"{u.wall:.1f}", f"{words / u.wall:,.0f}", ratio,
                     f"{u.cpu:.1f}", f"{words / u.cpu:,.0f}" if u.cpu else "-", cpu_ratio])
    print()
    print(table(["mode", "workers", "wall s", "words/s", "x bare (wall)", "CPU s",
                 "words/CPU-s", "x bare (CPU)"], rows))
    print(f"\nload average at end: {load_average()}; target >= {TARGET} x bare")


if __name__ == "__main__":
    main()
