"""Memory while ingesting: peak RSS of the whole process tree, and whether it grows
with the number of documents.

    python benchmarks/bench_memory.py                     # whole bench corpus
    python benchmarks/bench_memory.py --workers 2 --limit 120

Runs ``kg.archive.ingest.ingest()`` in this process (so it knows how many documents are done)
into a fresh temporary store while a thread samples this process and its children every
0.25 s: the sum of RSS (shared pages counted in each process: an upper bound) and of PSS
(shared pages split: what the tree really costs). Reported at checkpoints (50, 100,
200, all documents) with the peak so far. Target: peak < 1.5 GB, and flat between
checkpoints once the model is loaded.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from _common import (BENCH_CORPUS, TreeSampler, corpus_files, load_average, mib,
                     print_header, table)

TARGET_BYTES = 1.5e9
CHECKPOINTS = (50, 100, 200)


def main(argv: list[str] | None = None) -> None:
    from kg.archive.ingest import ingest
    from kg.store.oxigraph import OxigraphStore

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=BENCH_CORPUS)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args(argv)

    files = corpus_files(args.corpus, args.limit)
    marks = sorted({n for n in CHECKPOINTS if n < len(files)} | {len(files)})
    print_header(f"memory: {len(files)} documents, workers {args.workers}")
    rows: list[list] = []
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp, \
            TreeSampler(interval=0.25) as sampler:
        store = OxigraphStore(Path(tmp, "store"))
        done = 0

        def on_result(_result) -> None:
            nonlocal done
            done += 1
            if done in marks:
                rss, pss = sampler.current_rss()
                u = sampler.usage
                rows.append([done, mib(rss), mib(pss), mib(u.peak_rss), mib(u.peak_pss),
                             f"{u.samples[-1][0]:.0f}"])

        ingest(files, store, workers=args.workers, on_result=on_result)
        quads = len(store)
        store.close()
    u = sampler.usage
    peak_at = max(u.samples, key=lambda sample: sample[1])[0]
    print(table(["documents done", "RSS MiB", "PSS MiB", "peak RSS so far", "peak PSS so far",
                 "at s"], rows))
    verdict = "OK" if u.peak_rss < TARGET_BYTES else "over"
    print(f"\nstore: {quads:,} quads; peak RSS {mib(u.peak_rss)} MiB (at {peak_at:.0f} s), "
          f"peak PSS {mib(u.peak_pss)} MiB over {u.wall:.0f} s ({verdict}: target < "
          f"{TARGET_BYTES / 1e9:.1f} GB); load average at end: {load_average()}")


if __name__ == "__main__":
    main()
