"""Corrections benchmark: the example queries on a store with N analyst corrections
against the same store without any, and what making a correction costs.

    python benchmarks/bench_corrections.py --store /work/stores/1413 --corrections 1000

The store (read only) is copied twice into a temporary folder; one copy gets N
corrections made through ``kg.archive.corrections`` as an analyst would make them, in
a fixed mix (seeded, so two runs make the same ones): half rejections (a person's
state, an agreement's party, a role, a stage, a date), a fifth additions (a role, a
party), a tenth merges of two persons, 15% labels, 5% splits of a person mentioned in
several documents. A correction the store refuses (its fact was merged away meanwhile)
is counted and replaced by another.

Then every ``queries/*.rq``, bound to one entity and unbound, runs on both copies,
alternately, through ``OxigraphStore.query`` in one reading session each: a warm-up,
then the median of --runs runs (one run when the first takes over 5 s). Reported: CPU
and wall milliseconds on each copy and their ratio (target: corrected / plain <= 1.2),
the time one correction takes by kind, and what ``--raw`` costs (the checkpoint copy
with the corrections reversed).
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from _common import load_average, print_header, table
from bench_store import query_variants

MIX = {"reject": 0.5, "add": 0.2, "merge": 0.1, "label": 0.15, "split": 0.05}
SLOW = 5.0  # seconds: a query this slow runs once per copy
_FACTS = """SELECT DISTINCT ?s ?p ?o WHERE {
  VALUES ?p { pkg:actsFor pkg:party pkg:role pkg:status pkg:date } ?s ?p ?o } LIMIT 50000"""
_PERSONS = """SELECT ?p (COUNT(DISTINCT ?g) AS ?n) WHERE {
  GRAPH ?g { ?g pkg:mentions ?p . ?p a pkg:Person } } GROUP BY ?p"""
_ENTITIES = "SELECT DISTINCT ?e WHERE { ?e a ?k VALUES ?k { pkg:Organization pkg:Agreement } }"
_AGREEMENTS = "SELECT DISTINCT ?a WHERE { ?a a pkg:Agreement }"
_COUNTRIES = "SELECT DISTINCT ?c WHERE { ?c a pkg:Country }"
_DOCS_OF = "SELECT DISTINCT ?g ?p WHERE { GRAPH ?g { ?g pkg:mentions ?p } }"


class Planner:
    """Draws the next correction of a kind from what the store holds."""

    def __init__(self, store, seed: int) -> None:
        self.store, self.rng = store, random.Random(seed)
        rows = lambda q: [r for r in store.query(q).rows]  # noqa: E731
        self.facts = rows(_FACTS)
        counts = rows(_PERSONS)
        self.persons = sorted(str(p) for p, _ in counts)
        self.shared = sorted(str(p) for p, n in counts if int(n) > 1)
        self.entities = sorted(str(e) for (e,) in rows(_ENTITIES))
        self.agreements = sorted(str(a) for (a,) in rows(_AGREEMENTS))
        self.countries = sorted(str(c) for (c,) in rows(_COUNTRIES))
        self.n = 0

    def make(self, kind: str):
        from rdflib import Literal, URIRef

        from kg.archive import corrections as C
        from kg.rdf.namespace import PKG

        self.n += 1
        pick = self.rng.choice
        if kind == "reject":
            return C.reject(self.store, *pick(self.facts), reason="benchmark")
        if kind == "add":
            if self.rng.random() < 0.5:
                return C.add(self.store, URIRef(pick(self.persons)), PKG.role,
                             Literal(f"Envoy {self.n}"))
            return C.add(self.store, URIRef(pick(self.agreements)), PKG.party,
                         URIRef(pick(self.countries)))
        if kind == "merge":
            keep, other = self.rng.sample(self.persons, 2)
            return C.merge(self.store, URIRef(keep), URIRef(other))
        if kind == "label":
            return C.label(self.store, URIRef(pick(self.entities)), f"Label {self.n}")
        node = URIRef(pick(self.shared))
        docs = sorted(str(g) for g, _ in self.store.query(_DOCS_OF, {"p": node}).rows)
        if len(docs) < 2:  # merged away, or split already: draw another
            raise C.CorrectionError(f"{node} is in {len(docs)} document(s)")
        return C.split(self.store, node, [pick(docs)])


def make_corrections(store, count: int, seed: int) -> dict:
    from kg.core.errors import KgError

    planner = Planner(store, seed)
    rng = random.Random(seed)
    kinds = rng.choices(list(MIX), weights=list(MIX.values()), k=count)
    spent: dict = defaultdict(list)
    refused = 0
    for kind in kinds:
        while True:
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                planner.make(kind)
            except KgError:
                refused += 1
                continue
            spent[kind].append((time.perf_counter() - wall, time.process_time() - cpu))
            break
    return {"spent": spent, "refused": refused}


def _timed(store, text: str, bindings: dict) -> tuple[float, float, int]:
    wall, cpu = time.perf_counter(), time.process_time()
    rows = len(store.query(text, bindings).rows)
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000, rows


def time_queries(plain, corrected, variants, runs: int) -> list[list]:
    out = []
    with plain.reading(), corrected.reading():
        for name, label, text, bindings in variants:
            found = {"plain": [], "corrected": []}
            for store, key in ((plain, "plain"), (corrected, "corrected")):
                found[key].append(_timed(store, text, bindings))  # warm-up
            repeat = 1 if found["plain"][0][0] > SLOW * 1000 else runs
            for _ in range(repeat):
                for store, key in ((plain, "plain"), (corrected, "corrected")):
                    found[key].append(_timed(store, text, bindings))
            med = {k: [statistics.median(t[i] for t in v[1:] or v) for i in (0, 1)]
                   for k, v in found.items()}
            out.append([name, label, found["plain"][-1][2], found["corrected"][-1][2],
                        med["plain"][1], med["corrected"][1],
                        med["plain"][0], med["corrected"][0]])
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--store", default="/work/stores/1413", help="an embedded store "
                    "(read only: copied first)")
    ap.add_argument("--corrections", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from kg.archive.corrections.raw import raw_view
    from kg.store.oxigraph import OxigraphStore

    print_header(f"corrections: {args.corrections} corrections on {args.store}")
    with tempfile.TemporaryDirectory(prefix="kg-bench-corrections-", dir="/tmp") as tmp:
        for name in ("plain", "corrected"):
            shutil.copytree(args.store, Path(tmp, name))
        plain, corrected = (OxigraphStore(Path(tmp, n)) for n in ("plain", "corrected"))
        made = make_corrections(corrected, args.corrections, args.seed)
        print(f"\nquads: {len(plain):,} plain, {len(corrected):,} corrected; "
              f"{made['refused']} corrections refused and redrawn "
              f"(load average {load_average()})\n")
        print(table(["correction", "made", "median wall s", "max wall s", "median CPU s"],
                    [[k, len(v), f"{statistics.median(w for w, _ in v):.2f}",
                      f"{max(w for w, _ in v):.2f}",
                      f"{statistics.median(c for _, c in v):.2f}"]
                     for k, v in made["spent"].items()]))
        started = time.perf_counter()
        with raw_view(corrected) as raw:
            opened = time.perf_counter() - started
            rows = len(raw.query("SELECT * WHERE { ?s pkg:actsFor ?o }").rows)
        print(f"\nkg query --raw: the raw copy made in {opened:.2f} s ({rows:,} actsFor rows)")
        variants = query_variants(plain._memory.db if plain._memory else _engine(plain))
        rows = time_queries(plain, corrected, variants, args.runs)
    print()
    print(table(["query", "binding", "rows plain", "rows corrected", "CPU ms plain",
                 "CPU ms corrected", "wall ms plain", "wall ms corrected", "CPU ratio"],
                [[*r[:4], *(f"{x:,.1f}" for x in r[4:8]), f"{r[5] / max(r[4], 0.01):.2f}"]
                 for r in rows]))
    cpu = [sum(r[i] for r in rows) for i in (4, 5)]
    print(f"\nall queries, CPU: {cpu[0]:,.0f} ms plain, {cpu[1]:,.0f} ms corrected, "
          f"ratio {cpu[1] / cpu[0]:.3f}; load average at end: {load_average()}")


def _engine(store):
    """A read-only pyoxigraph handle on ``store`` for choosing the bindings."""
    import pyoxigraph as ox

    return ox.Store.read_only(str(store.path))


if __name__ == "__main__":
    main()
