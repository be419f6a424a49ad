"""First-render time of every app page on a 500-document store (AppTest, cold caches).

    python benchmarks/bench_app.py [--store DIR] [--rebuild]

The store holds the 385 UN General Debate speeches of /work/shared/corpus/bench plus
115 of them again under new names (one extra line, so new bytes and a new document).
It is built once with kg.archive.ingest and kept in /tmp (the slow part: spaCy on ~7 MB).

"Cold" is the page's first run after clearing st.cache_data and st.cache_resource, so it
includes opening the store and every query the page needs; "warm" is the next run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "corpus" / "bench"
DEFAULT_STORE = Path("/tmp/policykg-bench-store")
TARGET = 500
LIMIT_S = 2.0
PAGES = ("home", "ingest", "graph", "entity", "agreements", "timeline", "documents",
         "sparql", "analytics")


def document_count(spec: Path) -> int:
    from kg.store import open_store
    from kg.views import browse

    with open_store(spec) as store:
        return browse.overview(store)["Document"]


def build_store(spec: Path, rebuild: bool) -> None:
    if spec.exists() and not rebuild and document_count(spec) >= TARGET:
        print(f"reusing {spec} ({document_count(spec)} documents)")
        return
    from kg.archive.ingest import ingest
    from kg.store import open_store

    shutil.rmtree(spec, ignore_errors=True)
    texts = sorted(BENCH.glob("*.txt"))
    copies = spec.parent / (spec.name + "-copies")
    shutil.rmtree(copies, ignore_errors=True)
    copies.mkdir(parents=True)
    for src in texts[:TARGET - len(texts)]:
        text = src.read_text(encoding="utf-8") + "\n(benchmark copy)\n"
        (copies / f"{src.stem}-copy.txt").write_text(text, encoding="utf-8")
    start = time.perf_counter()
    with open_store(spec) as store:
        report = ingest([*texts, copies], store, workers=os.cpu_count() or 1)
        quads = len(store)
    totals = report.totals()
    print(f"built {spec}: {totals['added']} documents, {quads:,} quads, "
          f"{time.perf_counter() - start:.0f} s")


def page_params(spec: Path) -> dict[str, dict[str, str]]:
    """The heaviest entity page: the country mentioned in most documents."""
    from kg.store import open_store
    from kg.views import browse

    with open_store(spec) as store:
        countries = browse.entities(store, "Country")
    busiest = max(countries, key=lambda e: e["documents"])
    return {"entity": {"iri": busiest["iri"]}}


def clear_caches() -> None:
    import gc

    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()  # also drops the store handle: the next run reopens it
    gc.collect()  # finished runs hold the handle in reference cycles; free the lock now


def timed_run(at) -> float:
    start = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - start
    if at.exception:
        raise RuntimeError(at.exception[0].value)
    return elapsed


def measure(name: str, params: dict[str, str]) -> tuple[float, float]:
    from streamlit.testing.v1 import AppTest

    clear_caches()
    at = AppTest.from_file(str(ROOT / "app" / "main.py"), default_timeout=300)
    if name == "home":
        return timed_run(at), timed_run(at)
    at.run()  # st.navigation registers the pages on the first run
    clear_caches()
    at.switch_page(f"app_pages/{name}.py")
    at.query_params.update(params)
    return timed_run(at), timed_run(at)


PERSONS = "SELECT ?name WHERE { ?p a pkg:Person ; rdfs:label ?name } ORDER BY ?name"


def measure_query(text: str | None = None, example: str | None = None) -> tuple[float, float]:
    """The SPARQL page running ``text`` or one of the ready-made queries."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app" / "main.py"), default_timeout=300)
    at.run()
    at.switch_page("app_pages/sparql.py").run()
    clear_caches()
    if example:
        at.selectbox[0].set_value(example).run()
    else:
        at.text_area[0].set_value(text)
    next(b for b in at.button if b.label == "Run query").click()
    cold = timed_run(at)
    return cold, timed_run(at)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=DEFAULT_STORE)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    build_store(args.store, args.rebuild)
    params, summary = page_params(args.store), store_summary(args.store)
    os.environ["KG_STORE"] = str(args.store)
    sys.path.insert(0, str(ROOT / "app"))
    rows = [(name, *measure(name, params.get(name, {}))) for name in PAGES]
    rows.append(("sparql: run a SELECT of all persons", *measure_query(PERSONS)))
    rows.append(("sparql: run queries/agreements.rq", *measure_query(example="agreements")))
    print(f"\n{summary}\n")
    print(f"| page | first render (cold) | rerun (warm) | < {LIMIT_S:g} s |")
    print("|---|---:|---:|:---:|")
    for name, cold, warm in rows:
        print(f"| {name} | {cold:.2f} s | {warm:.2f} s | {'yes' if cold < LIMIT_S else 'NO'} |")


def store_summary(spec: Path) -> str:
    from kg.store import open_store
    from kg.views import browse

    with open_store(spec) as store:
        counts = browse.overview(store)
        quads = len(store)
    names = {"Document": "documents", "Person": "persons", "Country": "countries",
             "Organization": "organizations", "Agreement": "agreements", "Fact": "facts"}
    return ("store: " + ", ".join(f"{counts[k]:,} {name}" for k, name in names.items())
            + f", {quads:,} quads")


if __name__ == "__main__":
    main()
