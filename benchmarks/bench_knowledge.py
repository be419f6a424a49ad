"""Start-up cost of the actor knowledge base: model load plus knowledge, with and without.

    python benchmarks/bench_knowledge.py              # 5 rounds, best kept
    python benchmarks/bench_knowledge.py --repeat 9

Each round starts two fresh Python processes, one with ``POLICYKG_KNOWLEDGE=off``, one
with the knowledge base on (interleaved), and times in each: importing policykg, loading
the pipeline, and annotating a first short text (the component reads the knowledge base
then, not at load time), in wall-clock and CPU seconds. The difference on - off is what
the knowledge base costs a user once per process. Target: under 1 s. The sizes of the
shipped files are printed too.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

from _common import ROOT, load_average, print_header, table

TARGET = 1.0
CHILD = r"""
import json, time
t0, c0 = time.perf_counter(), time.process_time()
from kg.nlp import load_pipeline
t1, c1 = time.perf_counter(), time.process_time()
nlp = load_pipeline()
t2, c2 = time.perf_counter(), time.process_time()
doc = nlp("Foreign Minister Sergey Lavrov met the ASEAN envoy in Jakarta on 5 May 2010.")
t3, c3 = time.perf_counter(), time.process_time()
print(json.dumps({"import": [t1 - t0, c1 - c0], "load": [t2 - t1, c2 - c1],
                  "first": [t3 - t2, c3 - c2], "total": [t3 - t0, c3 - c0],
                  "actors": "policykg_actors" in nlp.pipe_names}))
"""


def run(knowledge: bool) -> dict:
    env = {**os.environ, "POLICYKG_KNOWLEDGE": "on" if knowledge else "off"}
    done = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True,
                          text=True, cwd=ROOT)
    if done.returncode != 0:
        sys.exit(f"the timing process failed:\n{done.stderr[-2000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if result["actors"] is not knowledge:
        sys.exit("POLICYKG_KNOWLEDGE did not switch the component as expected")
    return result


def best(results: list[dict]) -> dict:
    return {k: [min(r[k][0] for r in results), min(r[k][1] for r in results)]
            for k in ("import", "load", "first", "total")}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5, help="rounds (best kept), default 5")
    args = ap.parse_args()
    print_header("actor knowledge base: start-up cost")
    data = ROOT / "kg" / "nlp" / "data"
    files = sorted(data.glob("actors*.json"))
    print("shipped files: " + ", ".join(f"{p.name} {p.stat().st_size / 2**20:.2f} MiB"
                                        for p in files)
          + f" (total {sum(p.stat().st_size for p in files) / 2**20:.2f} MiB)")
    runs: dict[bool, list[dict]] = {False: [], True: []}
    for _ in range(args.repeat):
        for knowledge in (False, True):
            runs[knowledge].append(run(knowledge))
    off, on = best(runs[False]), best(runs[True])
    rows = [[step, f"{off[step][0]:.2f} / {off[step][1]:.2f}",
             f"{on[step][0]:.2f} / {on[step][1]:.2f}",
             f"{on[step][0] - off[step][0]:+.2f} / {on[step][1] - off[step][1]:+.2f}"]
            for step in ("import", "load", "first", "total")]
    print(table(["step (best of %d)" % args.repeat, "off: wall / CPU s", "on: wall / CPU s",
                 "on - off"], rows))
    extra = on["total"][1] - off["total"][1]
    print(f"knowledge base costs {extra:.2f} CPU s "
          f"({on['total'][0] - off['total'][0]:.2f} s wall) at start-up; target < {TARGET} s: "
          f"{'met' if extra < TARGET else 'NOT met'}")
    print(f"load average at end: {load_average()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
