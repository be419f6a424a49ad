"""Store benchmark: loading and querying 10k / 100k / 1M triples, Oxigraph vs rdflib.

    python benchmarks/bench_store.py                      # 10k, 100k, 1M
    python benchmarks/bench_store.py --sizes 10000,100000 --cap 5 --no-rdflib

Data: synthetic document graphs (``synth.py``) made by the real RDF builder, entities
shared across documents. Loading, each into a fresh store:

- ``add_graph``: ``OxigraphStore.add_graph`` per document, one transaction each (the
  path ``kg ingest`` takes), rdflib -> pyoxigraph term conversion included, all in one
  writing session (``kg ingest`` opens one per group of documents; the cost of opening
  the store is measured by ``bench_open.py``);
- ``batch-50``: the same conversion, one ``extend`` transaction per 50 documents (what a
  ``Store.add_graphs`` batch method would do);
- ``bulk_load``: ``pyoxigraph.Store.bulk_load`` of the N-Quads (an import, not atomic);
- ``kg load``: the CLI loading the same N-Quads file (check, then bulk load), then
  again into that store (every document held, so all skipped) and with ``--replace``;
- ``rdflib``: ``Dataset(default_union=True).parse`` of the same N-Quads.

Queries: every ``queries/*.rq``, once with a typical binding (one country, person,
agreement, document) and once unbound (the whole store). Median of --runs runs after a
warm-up (one run only when the first takes over a second), on the pyoxigraph engine
(rows iterated), through ``OxigraphStore.query`` (rows converted to rdflib terms, as the
CLI and app get them) and on rdflib. Each engine runs in a child process; a query over
--cap seconds is abandoned ("> cap") and, per engine and size, --budget seconds bound
the lot ("not reached" after that).
Target: each query < 100 ms median at 1M triples on Oxigraph; loading 1M < 30 s.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import multiprocessing as mp
import queue
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, kg_command, load_average, print_header, table

import synth

QUERIES = ROOT / "queries"
BATCH = 50


RANK = 10  # bind the 10th most mentioned entity: common, but not the heaviest case
_RANKED = """
SELECT ?e (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?e <%s> ?o } }
GROUP BY ?e ORDER BY DESC(?n) ?e OFFSET %d LIMIT 1
"""
_PKG = "https://w3id.org/policykg/ontology#"


def _ranked(engine, predicate: str, rank: int):
    """The subject of ``predicate`` stated by the rank-th most documents."""
    from rdflib import URIRef

    for solution in engine.query(_RANKED % (predicate, rank - 1)):
        return URIRef(solution["e"].value)
    return None


def binding_plan(engine) -> dict[str, dict]:
    """One typical entity per example query: the person acting for a state, the country
    and the agreement with parties found in the RANK-th most documents; one document."""
    from rdflib import Literal

    person = _ranked(engine, _PKG + "actsFor", RANK)
    country = _ranked(engine, _PKG + "isoCode", RANK)
    iso = Literal(country.rsplit("/", 1)[-1]) if country else Literal("US")
    return {"agreements": {"agreement": _ranked(engine, _PKG + "party", RANK)},
            "country-facts": {"iso": iso},
            "documents": {"document": _ranked(engine, _PKG + "fileName", 1)},
            "entity-network": {"source": person},
            "fact-provenance": {"subject": person},
            "persons-by-country": {"iso": iso}}


def query_variants(engine) -> list[tuple[str, str, str, dict]]:
    """(name, binding description, text, bindings) for every query file, bound to one
    entity and unbound (whole store)."""
    plan = binding_plan(engine)
    out = []
    for path in sorted(QUERIES.glob("*.rq")):
        text = path.read_text()
        bindings = {k: v for k, v in plan.get(path.stem, {}).items() if v is not None}
        if bindings:
            label = ", ".join(f"{k}={_short(v)}" for k, v in bindings.items())
            out.append((path.stem, label, text, bindings))
        out.append((path.stem, "whole store", text, {}))
    return out


def _short(term) -> str:
    return str(term).rsplit("/", 1)[-1][:24]


# --------------------------------------------------------------------------- loading


def load_oxigraph(graphs, tmp: Path) -> dict:
    """Load the graphs three ways; returns timings and the per-document store."""
    import pyoxigraph as ox

    from kg.store.oxigraph import OxigraphStore
    from kg.store.terms import to_ox

    store = OxigraphStore(tmp / "per-doc")
    started = time.perf_counter()
    with store.writing():  # one opening: transactions are timed, not openings (bench_open)
        for g in graphs:
            store.add_graph(g)
    per_doc = time.perf_counter() - started

    batched = ox.Store(str(tmp / "batched"))
    started = time.perf_counter()
    for i in range(0, len(graphs), BATCH):
        batched.extend([ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.NamedNode(str(g.identifier)))
                        for g in graphs[i:i + BATCH] for s, p, o in g])
    batch = time.perf_counter() - started
    del batched

    buf = io.BytesIO()
    store.dump(buf, "nquads")
    nquads = buf.getvalue()
    bulk = ox.Store(str(tmp / "bulk"))
    started = time.perf_counter()
    bulk.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
    bulk_s = time.perf_counter() - started
    return {"store": store, "engine": bulk, "nquads": nquads, "add_graph": per_doc,
            "batch": batch, "bulk_load": bulk_s}


def time_kg_load(dump: Path, store: Path, *extra: str) -> tuple[float, float]:
    """Wall and CPU seconds of `kg load DUMP` end to end (start-up, the check of the
    whole dump, the store's existing documents looked up, the load)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([*kg_command(), "load", str(dump), "--store", str(store), *extra],
                          capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"kg load failed: {done.stderr}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return time.perf_counter() - started, cpu


# --------------------------------------------------------------------------- querying
# Every engine runs in a child process: some queries take minutes, and neither engine
# can be interrupted from Python, so a query past its cap costs the child its life.


def _open_engine(kind: str, location: str):
    """(run(text, bindings) -> row count, load seconds) for one engine."""
    started = time.perf_counter()
    if kind == "rdflib":
        from rdflib import Dataset

        ds = Dataset(default_union=True)
        ds.parse(location, format="nquads")
        return (lambda text, b: len(list(ds.query(text, initBindings=b))),
                time.perf_counter() - started)
    if kind == "api":
        from kg.store.oxigraph import OxigraphStore

        store = OxigraphStore(location, read_only=True)
        store.reading().__enter__()  # held for the child's life: queries, not openings
        return (lambda text, b: len(store.query(text, b).rows)), 0.0
    import pyoxigraph as ox

    from kg.store.terms import to_ox

    engine = ox.Store.read_only(location)

    def run(text, b):
        subs = {ox.Variable(k): to_ox(v) for k, v in b.items()} or None
        return sum(1 for _ in engine.query(text, use_default_graph_as_union=True,
                                           substitutions=subs))
    return run, 0.0


def _query_child(kind: str, location: str, jobs, runs: int, results) -> None:
    run, load = _open_engine(kind, location)
    results.put(("load", load))
    for index, (_, _, text, bindings) in jobs:
        results.put(("start", index))
        times = []
        for attempt in range(runs + 1):  # the first run warms up, unless it is slow
            started = time.perf_counter()
            rows = run(text, bindings)
            times.append((time.perf_counter() - started) * 1000)
            if attempt == 0 and times[0] > 1000:
                break  # a slow query: one run says enough
        results.put(("query", index, statistics.median(times[1:] or times), rows))
    results.put(("done",))


def run_queries(kind: str, location: str, variants, args) -> dict:
    """{"load": s, index: (median ms, rows) or None when over the cap}; a child that
    exceeds the cap is killed and a new one (reloading, for rdflib) carries on with the
    next query, while the budget lasts."""
    ctx = mp.get_context("spawn")
    out: dict = {}
    todo = list(enumerate(variants))
    deadline = time.monotonic() + args.budget
    while todo and time.monotonic() < deadline:
        results = ctx.Queue()
        child = ctx.Process(target=_query_child, args=(kind, location, todo, args.runs, results))
        child.start()
        current, cap_at = None, deadline
        try:
            while True:
                try:
                    msg = results.get(timeout=max(0.05, min(cap_at, deadline) - time.monotonic()))
                except queue.Empty:
                    break
                if msg[0] == "done":
                    todo = []
                    break
                if msg[0] == "load":
                    out.setdefault("load", msg[1])
                elif msg[0] == "start":
                    current, cap_at = msg[1], time.monotonic() + args.cap
                else:
                    out[msg[1]] = (msg[2], msg[3])
                    todo = [j for j in todo if j[0] != msg[1]]
        finally:
            if child.is_alive():
                child.terminate()
            child.join()
        if todo and current is not None and current not in out:
            out[current] = None  # over the cap
            todo = [j for j in todo if j[0] != current]
    return out


# --------------------------------------------------------------------------- report


def bench_size(size: int, args) -> None:
    graphs = list(synth.document_graphs(size))
    triples = sum(len(g) for g in graphs)
    print(f"\n## {triples:,} triples in {len(graphs):,} document graphs "
          f"(load average {load_average()})")
    with tempfile.TemporaryDirectory(prefix="kg-bench-store-") as tmp:
        loaded = load_oxigraph(graphs, Path(tmp))
        del graphs
        variants = query_variants(loaded["engine"])
        nquads = Path(tmp, "data.nq")
        nquads.write_bytes(loaded.pop("nquads"))
        cli_store = Path(tmp, "cli-load")
        # into a fresh store; again (every document held: all skipped); --replace (all
        # dropped and written again)
        loaded["kg load"] = [time_kg_load(nquads, cli_store),
                             time_kg_load(nquads, cli_store),
                             time_kg_load(nquads, cli_store, "--replace")]
        loaded.pop("store").close()
        loaded.pop("engine").flush()  # and dropped: the children open it read-only
        found = {kind: run_queries(kind, str(Path(tmp, where)), variants, args)
                 for kind, where in (("oxigraph", "bulk"), ("api", "per-doc"))}
        found["rdflib"] = (run_queries("rdflib", str(nquads), variants, args)
                           if args.rdflib else {})
    rdflib_load = found["rdflib"].get("load")
    print(table(["load", "add_graph per doc", f"batch of {BATCH} docs", "bulk_load",
                 "`kg load` (CLI)", "rdflib parse"],
                [["seconds", f"{loaded['add_graph']:.1f}", f"{loaded['batch']:.1f}",
                  f"{loaded['bulk_load']:.1f}", f"{loaded['kg load'][0][0]:.1f}",
                  _rdflib_load(rdflib_load, args)]]))
    print()
    print(table(["`kg load` (CLI)", "into a fresh store", "again: all skipped",
                 "again with --replace"],
                [["wall s / CPU s", *(f"{wall:.1f} / {cpu:.1f}"
                                      for wall, cpu in loaded["kg load"])]]))
    rows = []
    for i, (name, variant, _, _) in enumerate(variants):
        cells = [_cell(found[k], i, args.cap) for k in ("oxigraph", "api")]
        cells.append(_cell(found["rdflib"], i, args.cap) if args.rdflib else "skipped")
        n = next((found[k][i][1] for k in found if found[k].get(i)), "?")
        rows.append([name, variant, n, *cells])
    print()
    print(table(["query", "binding", "rows", "oxigraph ms", "OxigraphStore.query ms",
                 "rdflib ms"], rows))
    sys.stdout.flush()


def _rdflib_load(seconds: float | None, args) -> str:
    if not args.rdflib:
        return "skipped"
    return f"{seconds:.1f}" if seconds else "not reached"


def _cell(results: dict, index: int, cap: float) -> str:
    if index not in results:
        return "not reached"
    if results[index] is None:
        return f"> {cap * 1000:,.0f}"
    return f"{results[index][0]:,.1f}"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--runs", type=int, default=5, help="timed runs per query (median)")
    ap.add_argument("--cap", type=float, default=10,
                    help="seconds one query may take before it is abandoned")
    ap.add_argument("--budget", type=float, default=120,
                    help="seconds for all queries of one engine at one size")
    ap.add_argument("--no-rdflib", dest="rdflib", action="store_false",
                    help="leave rdflib out (much faster); its columns then read 'skipped'")
    args = ap.parse_args(argv)
    print_header("store: load and query, Oxigraph (embedded) vs rdflib (in memory)")
    print("queries (sha1 of each file, to tell versions apart): " + ", ".join(
        f"{p.stem} {hashlib.sha1(p.read_bytes()).hexdigest()[:8]}"
        for p in sorted(QUERIES.glob("*.rq"))))
    for size in (int(s) for s in args.sizes.split(",")):
        bench_size(size, args)
    print(f"\nload average at end: {load_average()}")


if __name__ == "__main__":
    main()
