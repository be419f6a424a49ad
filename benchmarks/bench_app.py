"""Every app page timed in headless Chromium, first and later visits, with the server's
and the browser's CPU and the server's memory.

    python benchmarks/bench_app.py --store /work/stores/10000 [--store URL ...]
    python benchmarks/bench_app.py --store DIR --pages graph,entity-country --runs 2

For each page a fresh ``kg app --headless`` is started on the store (so no cached read
of an earlier page helps), warmed with one visit of the Ingest page (which reads nothing:
the imports of the app's modules are not the page's cost), and the page is opened three
times in one browser: the first visit runs every query the page needs (or finds them
warmed: ``kg app`` warms the pages' reads when it starts; ``--wait-warm`` waits for that
to finish before the first visit, as a user opening the app a few seconds after it
started would find it); the second reloads the page (the URL again: Streamlit's front
end starts again, a new session); the third comes back to it inside the app, as a user
clicking through it does: to the Ingest page by its link in the sidebar (not timed), then
back to the page by its sidebar link (or, for a page opened with query parameters, the
browser's Back button, which Streamlit answers without a reload). A visit is timed from
navigation to the page's content: its marker text shown, the script run finished (no
"Running" status, no spinner), and for the Graph, Timeline and Analytics pages their
drawing done (the graph laid out and still, the chart painted).

CPU seconds are the server's process tree (``kg app`` is the Streamlit process) and the
browser's (the Chromium processes under this one), each over the visit; memory is the
largest RSS of the server's tree seen while the store was in use. Any store ``--store``
names works, a SPARQL server's URL too. The figures go in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import psutil

from _common import TreeSampler, kg_command, load_average, machine_summary, mib, table

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-quic", "--disable-sync"]
FIRST_LIMIT, SECOND_LIMIT = 2.0, 1.0
TIMEOUT_MS = 300_000


@dataclass
class Page:
    name: str
    path: str  # URL path and query
    ready: tuple[str, ...]  # any of these texts says the page's content is there
    drawing: str | None = None  # "graph" or "chart": also wait for it to be drawn
    run_query: bool = False  # the SPARQL page: click "Run query" and wait for the rows
    title: str = ""  # its link in the sidebar (empty: come back with the Back button)
    undrawn: tuple[str, ...] = ()  # texts that say there is no chart to wait for


def pages(store: str) -> list[Page]:
    country, person = sample_entities(store)
    return [
        Page("Overview", "", ("show on the next rerun",), title="Overview"),
        Page("Graph", "graph", ("nodes,",), drawing="graph", title="Graph"),
        Page(f"Entity: busiest country ({country[1]} docs)", _entity(country[0]),
             ("Mentioned in", "Mentions")),
        Page(f"Entity: a person ({person[1]} docs)", _entity(person[0]),
             ("Mentioned in", "Mentions")),
        Page("Agreements", "agreements", ("Download CSV", "No agreements"),
             title="Agreements"),
        Page("Timeline", "timeline", ("click a point", "No dated agreement",
                                      "No agreements"), drawing="chart", title="Timeline",
             undrawn=("No dated agreement", "No agreements")),
        Page("Documents", "documents", ("Facts found in this document",), title="Documents"),
        Page("Analytics", "analytics", ("Shortest path between two countries",
                                        "No links between actors"), drawing="chart",
             title="Analytics", undrawn=("No links between actors",)),
        Page("SPARQL: default query run", "sparql", ("Run query",), run_query=True,
             title="SPARQL"),
    ]


def _entity(iri: str) -> str:
    return f"entity?iri={quote(iri, safe='')}"


def sample_entities(store: str) -> tuple[tuple[str, int], tuple[str, int]]:
    """(IRI, documents) of the country most documents mention and of the person in the
    fewest documents from 22 up (the issue's two Entity pages), from the catalog the
    write path keeps (the store must have it: `kg reindex`); not timed."""
    from kg.archive import catalog
    from kg.store import open_store

    with open_store(store) as opened, opened.reading():
        entities = catalog.read_catalog(opened).entities.values()
    country = max((e for e in entities if e.kind == "Country"), key=lambda e: e.documents)
    person = min((e for e in entities if e.kind == "Person" and e.documents >= 22),
                 key=lambda e: (e.documents, e.iri))
    return (country.iri, country.documents), (person.iri, person.documents)


# --------------------------------------------------------------------------- the server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


WARMED = "kg app: pages warmed"  # what the server prints when it has warmed the reads


def start_app(store: str, log: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    with log.open("w") as out:
        proc = subprocess.Popen([*kg_command(), "app", "--store", store, "--headless",
                                 "--port", str(port)], stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"kg app exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1):
                return proc, url
        except OSError:
            time.sleep(0.25)
    stop(proc)
    raise SystemExit("kg app did not come up within 60 s")


def wait_warmed(log: Path, proc: subprocess.Popen, timeout: float = 600) -> str:
    """The server's line saying it warmed the pages' reads ("" when it does not warm)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        for line in log.read_text(errors="replace").splitlines():
            if line.startswith(WARMED):
                return line
        time.sleep(0.2)
    return ""


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def cpu_seconds(procs: list[psutil.Process]) -> float:
    total = 0.0
    for proc in procs:
        try:
            t = proc.cpu_times()
            total += t.user + t.system + t.children_user + t.children_system
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return total


def browser_processes() -> list[psutil.Process]:
    return [p for p in psutil.Process().children(recursive=True)
            if "chrom" in p.name().lower()]


def tree(pid: int) -> list[psutil.Process]:
    root = psutil.Process(pid)
    return [root, *root.children(recursive=True)]


# --------------------------------------------------------------------------- a visit

# Positions of the graph's nodes, to see when the layout has stopped moving.
_POSITIONS = """() => { const el = document.getElementById('cy');
  if (!el || !el._cyreg) return null; const cy = el._cyreg.cy;
  if (!cy.nodes().length) return null;
  return cy.nodes().map(n => Math.round(n.position('x')) + ',' +
                                     Math.round(n.position('y'))).join(';'); }"""


def wait_done(tab, page: Page) -> None:
    """Until the page's content is there and its script run is over."""
    markers = "|".join(map(_escape_regex, page.ready))
    import re

    tab.get_by_text(re.compile(markers)).first.wait_for(timeout=TIMEOUT_MS)
    if page.run_query:
        tab.get_by_role("button", name="Run query").click()
        tab.locator("[data-testid='stDataFrame'], [data-testid='stAlert']").first.wait_for(
            timeout=TIMEOUT_MS)
    _wait_idle(tab)
    if page.drawing == "graph":
        _wait_graph(tab)
    elif page.drawing == "chart":
        _wait_chart(tab, page)


# A chart is drawn once Vega has made its canvas or SVG and the browser has painted a
# frame after it (two animation frames: Vega renders in the promise chain after it).
_PAINTED = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


def _wait_chart(tab, page: Page) -> None:
    """Until the page's chart is drawn, unless the page says it has none. The chart's
    element can come after the script run ends and the page's texts are there, so it is
    waited for, not only looked for (until 2026-12-07 22:20 UTC a visit could end before
    the Timeline's chart was there, and be timed short; Vega's own canvas or SVG, with
    its class ``marks``, not any svg in the chart's element: its toolbar has icons)."""
    import re

    chart = ("[data-testid='stVegaLiteChart'] canvas.marks, "
             "[data-testid='stVegaLiteChart'] svg.marks")
    undrawn = "|".join(map(_escape_regex, page.undrawn))
    target = tab.locator(chart)
    if undrawn:
        target = target.or_(tab.get_by_text(re.compile(undrawn)))
    target.first.wait_for(timeout=TIMEOUT_MS)
    tab.evaluate(_PAINTED)


def _escape_regex(text: str) -> str:
    import re

    return re.escape(text)


def _wait_idle(tab) -> None:
    """No "Running…" status and no spinner (Streamlit shows both while a script runs)."""
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while time.monotonic() < deadline:
        busy = tab.locator("[data-testid='stStatusWidget'] :text('Running'), "
                           "[data-testid='stSpinner']").count()
        if not busy:
            return
        tab.wait_for_timeout(50)
    raise TimeoutError("the page was still running")


# The graph counts as drawn when two readings of its nodes' positions this far apart
# agree (100 ms until 2026-12-07 22:40 UTC: with the positions given by the page, not
# laid out in the browser, the first reading is the last, so up to 200 ms of a visit's
# time was the wait between readings).
GRAPH_POLL_MS = 25


def _wait_graph(tab) -> None:
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    last = None
    while time.monotonic() < deadline:
        frame = next((f for f in tab.frames if "st_link_analysis" in f.url), None)
        now = frame.evaluate(_POSITIONS) if frame else None
        if now is not None and now == last:
            return
        last = now
        tab.wait_for_timeout(GRAPH_POLL_MS)
    raise TimeoutError("the graph did not settle")


def visit(tab, url: str, page: Page, server: int, in_app: bool = False,
          ) -> tuple[float, float, float, int]:
    """(seconds, server CPU s, browser CPU s, server peak RSS) of one visit: by its URL,
    or ``in_app`` from the page the tab shows (its sidebar link, or Back)."""
    server_procs, browser = tree(server), browser_processes()
    cpu0, bcpu0 = cpu_seconds(server_procs), cpu_seconds(browser)
    with TreeSampler(server, interval=0.2) as sampler:
        start = time.perf_counter()
        if not in_app:
            tab.goto(f"{url}/{page.path}")
        elif page.title:
            sidebar_link(tab, page.title).click()
        else:
            tab.go_back()
        wait_done(tab, page)
        elapsed = time.perf_counter() - start
    if tab.locator("[data-testid='stException']").count():
        raise RuntimeError(f"{page.name}: the page raised an exception")
    return (elapsed, cpu_seconds(tree(server)) - cpu0,
            cpu_seconds(browser_processes()) - bcpu0, sampler.usage.peak_rss)


def sidebar_link(tab, title: str):
    return tab.locator("[data-testid='stSidebarNav']").get_by_role("link", name=title,
                                                                     exact=True)


INGEST = Page("Ingest", "ingest", ("Ingest documents",), title="Ingest")


def measure_page(browser, store: str, page: Page, wait_warm: bool) -> tuple[list, str]:
    """The page's first visit, its reload and its visit inside the app; the server's
    warming line."""
    log = Path(os.environ.get("TMPDIR", "/tmp")) / f"bench_app_{os.getpid()}.log"
    proc, url = start_app(store, log)
    try:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        tab = context.new_page()
        tab.set_default_timeout(TIMEOUT_MS)
        visit(tab, url, INGEST, proc.pid)
        warmed = wait_warmed(log, proc) if wait_warm else ""
        first = visit(tab, url, page, proc.pid)
        reload = visit(tab, url, page, proc.pid)
        visit(tab, url, INGEST, proc.pid, in_app=True)
        in_app = visit(tab, url, page, proc.pid, in_app=True)
        context.close()
        return [first, reload, in_app], warmed
    finally:
        stop(proc)
        log.unlink(missing_ok=True)


# --------------------------------------------------------------------------- report


def bench_store(browser, store: str, only: set[str] | None, wait_warm: bool) -> None:
    from kg.views import browse
    from kg.store import open_store

    with open_store(store) as opened:
        counts = browse.overview(opened)
    print(f"\n## {store}: {counts['Document']:,} documents, {counts['Fact']:,} facts "
          f"(load average at start {load_average()})\n")
    rows, peak = [], 0
    for page in pages(store):
        if only and not any(page.name.lower().startswith(o) for o in only):
            continue
        visits, warmed = measure_page(browser, store, page, wait_warm)
        first, reload, in_app = visits
        peak = max(peak, *(v[3] for v in visits))
        rows.append([page.name, " / ".join(f"{v[0]:.2f}" for v in visits),
                     *(f"{v[1]:.1f} / {v[2]:.1f}" for v in visits),
                     "yes" if first[0] < FIRST_LIMIT and in_app[0] < SECOND_LIMIT else "NO",
                     f"{os.getloadavg()[0]:.1f}"])  # a shared machine: wall time beside its load
        print(f"  {page.name}: {' / '.join(f'{v[0]:.2f}' for v in visits)} s"
              + (f" ({warmed})" if warmed else ""), file=sys.stderr)
    print(table(["page", "wall s: first / reload / in app", "CPU s server / browser (1st)",
                 "(reload)", "(in app)",
                 f"1st < {FIRST_LIMIT:g} s, in app < {SECOND_LIMIT:g} s", "load (1 min)"],
                rows))
    print(f"\nserver memory: peak RSS {mib(peak)} MiB; load average at end {load_average()}")
    sys.stdout.flush()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", action="append", required=True,
                        help="a store directory or SPARQL URL (repeat for several)")
    parser.add_argument("--pages", help="only pages whose name starts with one of these "
                                        "(comma-separated, e.g. graph,entity)")
    parser.add_argument("--wait-warm", action="store_true",
                        help="before the first visit, wait until the server has warmed the "
                             "pages' reads (it prints a line when done)")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is missing: apt-get install -y chromium")
    only = {p.strip().lower() for p in args.pages.split(",")} if args.pages else None
    print("# App pages in headless Chromium")
    print(machine_summary())
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for store in args.store:
                bench_store(browser, os.path.abspath(store) if "://" not in store else store,
                            only, args.wait_warm)
        finally:
            browser.close()


if __name__ == "__main__":
    main()
