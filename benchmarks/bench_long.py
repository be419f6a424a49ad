"""Long documents: one file of several megabytes, made by concatenating the bench corpus.

    python benchmarks/bench_long.py                      # 1, 2 and 5 MB, then the check
    python benchmarks/bench_long.py --sizes 5,20         # the issue's two sizes
    python benchmarks/bench_long.py --sizes 1 --check 40 # quick look

For each size, ``kg ingest`` (the CLI, a fresh store each time) reads one .txt file of
that many megabytes: the bench speeches joined by blank lines, repeated when the corpus
is shorter than the size. Printed: wall and CPU seconds, peak RSS and PSS of the process
tree, seconds per MB and that figure relative to the smallest size (1.00 = time linear in
length). Targets: peak < 1.5 GB, seconds per MB flat.

``--check N`` compares the facts found in one document made of the first N speeches
with the union of the facts found in the N speeches read one by one (in this process,
``kg.processing.process.extract_many``): facts are (kind, entity, property, value), entity and value
as extraction names them; evidence is compared with the parts' offsets moved to where
each part starts in the concatenation. Differences are printed with examples: they come
from references across parts (a name shortened in a later speech, linked to the fuller
form of an earlier one) and from where the pieces are cut (kg.processing.pieces).
"""

from __future__ import annotations

import argparse
import dataclasses
import tempfile
from pathlib import Path

from _common import (BENCH_CORPUS, corpus_files, kg_command, load_average, mib,
                     print_header, run_measured, table)

TARGET_BYTES = 1.5e9
SEPARATOR = "\n\n"
ENTITY_LISTS = ("countries", "persons", "organizations", "agreements")


def build_text(files: list[Path], size: int) -> str:
    """The corpus texts joined by blank lines, repeated until ``size`` bytes (UTF-8),
    cut at the last paragraph break before that size."""
    texts = [f.read_text(encoding="utf-8").strip() for f in files]
    parts, total, i = [], 0, 0
    while total < size:
        text = texts[i % len(texts)]
        parts.append(text)
        total += len(text.encode("utf-8")) + len(SEPARATOR)
        i += 1
    return SEPARATOR.join(parts) + "\n"


def run_sizes(files: list[Path], sizes_mb: list[float], tmp: Path) -> None:
    rows, base = [], None
    for mb in sizes_mb:
        doc = tmp / f"long-{mb:g}mb.txt"
        doc.write_text(build_text(files, int(mb * 2**20)), encoding="utf-8")
        real_mb = doc.stat().st_size / 2**20
        store = tmp / f"store-{mb:g}"
        usage, proc = run_measured(kg_command() + ["ingest", "--store", str(store), str(doc)],
                                   memory=True)
        if proc.returncode != 0:
            print(f"kg ingest failed on {real_mb:.1f} MB (exit {proc.returncode}):\n"
                  f"{proc.stderr[-2000:]}")
            continue
        per_mb = usage.wall / real_mb
        base = base or per_mb
        summary = proc.stdout.strip().splitlines()
        rows.append([f"{real_mb:.1f}", f"{usage.wall:.0f}", f"{usage.cpu:.0f}",
                     f"{per_mb:.0f}", f"{usage.cpu / real_mb:.0f}", f"{per_mb / base:.2f}",
                     mib(usage.peak_rss), mib(usage.peak_pss),
                     "yes" if usage.peak_rss < TARGET_BYTES else "NO"])
        print(f"{real_mb:.1f} MB: {usage.wall:.0f} s, peak RSS {mib(usage.peak_rss)} MiB; "
              f"{summary[-1] if summary else ''} (load {load_average()})", flush=True)
    print()
    print(table(["MB", "wall s", "CPU s", "wall s/MB", "CPU s/MB", "s/MB vs first",
                 "peak RSS MiB", "peak PSS MiB", "< 1.5 GB"], rows))


# --------------------------------------------------------------------------- facts check


def facts_of(records, offset: int = 0) -> tuple[set, set]:
    """(facts, facts with evidence offsets) of one document's records; ``offset`` moves
    evidence to where the document starts inside a concatenation."""
    facts, located = set(), set()
    for kind in ENTITY_LISTS:
        for entity in getattr(records, kind):
            name = getattr(entity, "iso", None) or getattr(entity, "name", None) \
                or entity.label
            for f in dataclasses.fields(entity):
                value = getattr(entity, f.name)
                if not isinstance(value, dict):
                    continue
                for key, evidence in value.items():
                    fact = (kind, name, f.name, str(getattr(key, "key", key)))
                    facts.add(fact)
                    located.update((*fact, ev.start + offset) for ev in evidence
                                   if hasattr(ev, "start"))  # not a knowledge source
            facts.add((kind, name))
            located.update((kind, name, ev.start + offset) for ev in entity.mentions)
    return facts, located


def check_union(files: list[Path], tmp: Path) -> None:
    from kg.nlp import load_pipeline
    from kg.processing.process import extract_many
    from kg.reading.clean import clean_text
    from kg.reading.readers import read_document

    nlp = load_pipeline()
    texts = [clean_text(read_document(f).text) for f in files]
    whole_path = tmp / "concatenated.txt"
    whole_path.write_text(SEPARATOR.join(texts), encoding="utf-8")
    [(_, whole)] = list(extract_many([whole_path], nlp))
    part_facts, part_located, offset = set(), set(), 0
    for (_, records), text in zip(extract_many(files, nlp), texts):
        facts, located = facts_of(records, offset)
        part_facts |= facts
        part_located |= located
        offset += len(text) + len(SEPARATOR)
    assert clean_text(whole.text) == whole.text, "the parts were not joined as read"
    whole_facts, whole_located = facts_of(whole)
    print(f"\n# facts: {len(files)} speeches, {len(whole.text):,} characters in one "
          f"document vs read one by one")
    rows = []
    for label, a, b in [("facts", whole_facts, part_facts),
                        ("facts with evidence offsets", whole_located, part_located)]:
        rows.append([label, f"{len(a):,}", f"{len(b):,}", f"{len(a & b):,}",
                     f"{len(a - b):,}", f"{len(b - a):,}", f"{len(a & b) / len(a | b):.4f}"])
    print(table(["compared", "in the whole", "in the parts", "both", "whole only",
                 "parts only", "Jaccard"], rows))
    by_kind = [[kind, f"{sum(f[0] == kind for f in whole_facts):,}",
                f"{sum(f[0] == kind for f in whole_facts - part_facts):,}",
                f"{sum(f[0] == kind for f in part_facts - whole_facts):,}"]
               for kind in ENTITY_LISTS]
    print()
    print(table(["facts about", "in the whole", "whole only", "parts only"], by_kind))
    for label, diff in [("whole only", whole_facts - part_facts),
                        ("parts only", part_facts - whole_facts)]:
        print(f"\n{label} (first 15 of {len(diff)}):")
        for fact in sorted(diff, key=str)[:15]:
            print("  ", fact)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=BENCH_CORPUS)
    ap.add_argument("--sizes", default="1,2,5", help="Megabytes, comma-separated.")
    ap.add_argument("--check", type=int, default=60, metavar="N",
                    help="Speeches in the facts check (0: skip it).")
    args = ap.parse_args(argv)
    files = corpus_files(args.corpus)
    sizes = [float(s) for s in args.sizes.split(",") if s]
    print_header(f"long documents: {', '.join(f'{s:g}' for s in sizes)} MB")
    with tempfile.TemporaryDirectory(prefix="kg-bench-long-") as tmp:
        if sizes:
            run_sizes(files, sizes, Path(tmp))
        if args.check:
            check_union(files[:args.check], Path(tmp))
    print(f"\nload average at end: {load_average()}")


if __name__ == "__main__":
    main()
