"""Treaty texts against ordinary documents: CPU per character and memory of extraction.

    python benchmarks/bench_treaties.py                  # treaties vs dev + dev2 + dev3
    python benchmarks/bench_treaties.py --limit 10       # a quick look
    PYTHONPATH=/path/to/other/checkout python benchmarks/bench_treaties.py  # other code

Each corpus is read in a child process of its own (so each peak is its own), document by
document through ``kg.processing.process.extract_many`` (the path of ``kg extract``: a text over
100,000 characters goes in pieces). Printed per corpus: documents, characters, CPU
seconds of extraction (pipeline load excluded), CPU milliseconds per 1,000 characters,
peak RSS, and the share of the document-structure component (``policykg_structure``:
headings, title, closing clause) in the CPU time, timed on its own over the same texts.
The ratio treaties / ordinary is what the issue asks: 1.0 = the same cost per character.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

from _common import ROOT, corpus_files, load_average, print_header

CORPORA = ROOT.parent / "shared" / "corpus"
ORDINARY = ("dev", "dev2", "dev3")


def measure(names: list[str], limit: int | None) -> dict:
    """In this process: extraction CPU and peak RSS over the corpora ``names``."""
    from kg.reading.clean import clean_text
    from kg.nlp import load_pipeline
    from kg.processing.process import extract_many

    files = [f for n in names for f in corpus_files(CORPORA / n, limit)]
    nlp = load_pipeline()
    list(extract_many(files[:1], nlp))  # warm-up: lazy lexicons, first-call caches
    chars = sum(len(clean_text(f.read_text(encoding="utf-8"))) for f in files)
    start = time.process_time()
    for f in files:
        for _, result in extract_many([f], nlp):
            if not hasattr(result, "agreements"):
                raise SystemExit(f"{f}: {result}")
    cpu = time.process_time() - start
    own = _structure_cpu(nlp, [clean_text(f.read_text(encoding="utf-8")) for f in files])
    return {"documents": len(files), "chars": chars, "cpu": cpu, "structure_cpu": own,
            "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _structure_cpu(nlp, texts: list[str]) -> float:
    """CPU seconds of the document-structure component alone over ``texts`` (it reads the
    text and its tokens: the tokenizer's Doc is enough); 0 for code without it (a run
    of an older commit, for the ratio before)."""
    try:
        from kg.nlp.document.structure import StructureReader
    except ImportError:
        return 0.0
    structure = StructureReader("pkg_layout")
    docs = [nlp.make_doc(t) for t in texts]
    start = time.process_time()
    for doc in docs:
        structure(doc)
    return time.process_time() - start


def child(names: list[str], limit: int | None) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", ",".join(names)]
    if limit:
        cmd += ["--limit", str(limit)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, help="documents per corpus at most")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        print(json.dumps(measure(a.child.split(","), a.limit)))
        return
    print_header("Treaty texts vs ordinary documents: extraction CPU per character")
    rows = {"ordinary (dev, dev2, dev3)": child(list(ORDINARY), a.limit),
            "treaties": child(["treaties"], a.limit)}
    print(f"{'corpus':<28} {'docs':>5} {'chars':>10} {'CPU s':>8} {'ms/1k chars':>12} "
          f"{'peak MiB':>9} {'structure %':>12}")
    for name, r in rows.items():
        print(f"{name:<28} {r['documents']:>5} {r['chars']:>10,} {r['cpu']:>8.1f} "
              f"{1000 * r['cpu'] / r['chars'] * 1000:>12.2f} {r['peak_mib']:>9.0f} "
              f"{100 * r['structure_cpu'] / r['cpu']:>11.2f}%")
    ordinary, treaties = rows.values()
    ratio = (treaties["cpu"] / treaties["chars"]) / (ordinary["cpu"] / ordinary["chars"])
    print(f"CPU per character, treaties / ordinary: {ratio:.2f}")
    print(f"load average (1/5/15 min) at end: {load_average()}")


if __name__ == "__main__":
    main()
