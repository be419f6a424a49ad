"""End to end in a real headless Chromium: `streamlit run app/main.py` on an empty store,
ingest the seed document through the upload page, see the network drawn with every
node's name, Antony Blinken's page with his office and evidence, a SPARQL query's rows.
On a larger hand-written store (tests/app_world.py): the Graph page at its default cap
names its hubs and the rest once zoomed in, and a click on a Timeline point opens the
agreement with its evidence. Saves a screenshot of each page to a temporary folder, or to the folder $KG_SCREENSHOTS names: refresh the
pictures in docs/app.md with `KG_SCREENSHOTS=docs/screenshots pytest tests/test_app_browser.py`.
When a step fails, the page as it was (failure.png, failure.txt) is saved there too and
the folder named in the failure report.

Uses Debian's /usr/bin/chromium (never a downloaded browser) and fails, not skips, when
it is missing: `apt-get install -y chromium chromium-driver`.
"""

from __future__ import annotations

import hashlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

import app_world
from kg.views.graph import hub_count

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "app"))
from appkit import GRAPH_NODES  # noqa: E402  the Graph page's default cap

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-quic", "--disable-sync"]
BLINKEN = "https://w3id.org/policykg/id/person/antony-blinken"
COMPONENT = "iframe[title*='st_link_analysis']"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"streamlit exited: {proc.stdout.read()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.25)
    pytest.fail("streamlit did not come up within 30 s")


@pytest.fixture
def server(tmp_path, spawn):
    return run_app(spawn, tmp_path / "store", tmp_path)


@pytest.fixture
def world_server(tmp_path, spawn):
    app_world.build_store(tmp_path / "store")
    return run_app(spawn, tmp_path / "store", tmp_path)


def run_app(spawn, store: Path, cwd: Path) -> str:
    """Start the app on a free port with ``store``; ``spawn`` stops it at teardown."""
    port = free_port()
    env = {**os.environ, "KG_STORE": str(store)}
    proc = spawn(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app" / "main.py"),
         "--server.headless", "true", "--server.port", str(port),
         "--browser.gatherUsageStats", "false", "--client.toolbarMode", "minimal"],
        env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    wait_healthy(url, proc)
    return url


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("KG_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def page(request, shots):
    assert Path(CHROMIUM).exists(), (
        f"{CHROMIUM} is missing: apt-get install -y chromium chromium-driver")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        tab = browser.new_page(viewport={"width": 1280, "height": 800})
        # generous: each step waits on a Streamlit server sharing two cores with the tests
        tab.set_default_timeout(60_000)
        yield tab
        report = getattr(request.node, "report_call", None)
        if report is not None and report.failed:
            save_failure(tab, shots)
        browser.close()


def save_failure(page, shots: Path) -> None:
    """Keep what the browser showed when a step failed: a flaky wait is then diagnosable."""
    try:
        page.screenshot(path=str(shots / "failure.png"), full_page=True)
        (shots / "failure.txt").write_text(f"{page.url}\n\n{page.inner_text('body')}")
    except Exception as exc:  # the browser itself may be what failed
        (shots / "failure.txt").write_text(f"could not capture the page: {exc}")
    print(f"page at failure saved in {shots}")


def open_page(page, url: str, path: str, ready: str):
    page.goto(f"{url}/{path}")
    page.get_by_text(ready, exact=False).first.wait_for()
    page.wait_for_load_state("networkidle")


def open_fact(page, predicate: str) -> str:
    """On an Entity page: open the first fact with ``predicate`` from the table's picker;
    the text of its whole box (class st-key-fact-N: "subject · predicate · value", then its
    sentence, rule, document and controls)."""
    choose(page, "Open a fact: its sentences, its document, and Wrong", f"· {predicate} ·",
           page.get_by_role("option").filter(has_text=f"· {predicate} ·").first)
    box = page.locator("[class*='st-key-fact-']").filter(  # not the one open before
        has_text=re.compile(rf"·\s*{predicate}\s*·")).first
    box.wait_for()
    # the box is drawn part by part; its controls (Wrong, or Undo) come last, so once a
    # button is in it the sentence and rule above are too (a loaded machine read it half drawn)
    box.get_by_role("button").first.wait_for()
    return box.inner_text()


def choose(page, label: str, typed: str, option) -> None:
    """Pick ``option`` of the select box ``label`` by typing ``typed`` into it (the list
    draws only the options in view) and clicking it. A script run that ends while the
    list is open draws the box again and closes the list (seen on a loaded machine): the
    box is then emptied, opened and typed into once more."""
    box = page.get_by_label(label)
    for wait in (15_000, 60_000):
        box.click()
        box.press_sequentially(typed)
        try:
            option.click(timeout=wait)
            return
        except PlaywrightTimeout:
            if wait == 60_000:
                raise
            box.press("Control+a")
            box.press("Backspace")


def grid_rows(page, index: int = 0) -> int:
    """Rows of a page's ``index``-th table (the data grid's own count, header included)."""
    grid = page.get_by_test_id("stDataFrame").nth(index).locator("[aria-rowcount]").first
    return int(grid.get_attribute("aria-rowcount")) - 1


def shot(page, shots: Path, name: str) -> None:
    grids = page.get_by_test_id("stDataFrame")
    for i in range(grids.count()):  # the data grid paints its canvas after mounting
        grids.nth(i).locator("canvas").first.wait_for(state="attached")
    page.wait_for_timeout(500)
    page.screenshot(path=str(shots / f"{name}.png"))


# Cytoscape's own test for drawing a node's name: its size at the zoom rounded up to a
# power of two against min-zoomed-font-size (renderer method eleTextBiggerThanMin).
NAMES = """() => {
    const cy = document.getElementById('cy')._cyreg.cy, r = cy.renderer();
    const drawn = (n) => n.style('label') !== '' && r.eleTextBiggerThanMin(n);
    return cy.nodes().map(n => ({hub: n.data('hub'), drawn: drawn(n),
                                 px: parseFloat(n.style('font-size')) * cy.zoom()}));
}"""


def drawn_names(page) -> list[dict]:
    """Per node of the Graph page: a hub?, its name drawn?, the name's size on screen."""
    frame = next(f for f in page.frames if "st_link_analysis" in f.url)
    return frame.evaluate(NAMES)


def zoom_graph(page, factor: float) -> None:
    frame = next(f for f in page.frames if "st_link_analysis" in f.url)
    frame.evaluate("""(factor) => { const cy = document.getElementById('cy')._cyreg.cy;
        cy.zoom({level: cy.zoom() * factor, renderedPosition: {x: cy.width() / 2,
                                                               y: cy.height() / 2}}); }""",
                   factor)


def open_graph(page, url: str) -> None:
    open_page(page, url, "graph", "nodes,")
    page.frame_locator(COMPONENT).locator("canvas").first.wait_for()
    page.wait_for_timeout(3000)  # the cose layout animates to its end (slower under load)


def click_node(page, kind: str) -> str:
    """Click the node of ``kind`` nearest the middle of the drawing; its IRI."""
    component = page.locator(COMPONENT)
    component.scroll_into_view_if_needed()
    frame = next(f for f in page.frames if "st_link_analysis" in f.url)
    x, y, iri = frame.evaluate("""(kind) => {
        const el = document.getElementById('cy'), cy = el._cyreg.cy;
        const box = el.getBoundingClientRect(), mid = {x: box.width / 2, y: box.height / 2};
        const dist = (n) => Math.hypot(n.renderedPosition().x - mid.x,
                                       n.renderedPosition().y - mid.y);
        const node = cy.nodes(`[label="${kind}"]`).sort((a, b) => dist(a) - dist(b))[0];
        const p = node.renderedPosition();
        return [box.left + p.x, box.top + p.y, node.id()];
    }""", kind)
    where = component.bounding_box()
    page.mouse.click(where["x"] + x, where["y"] + y)
    return iri


def test_browser_end_to_end(server, page, shots, seed_path, tmp_path):
    # Ingest: upload the seed document and run the ingest
    open_page(page, server, "ingest", "Ingest documents")
    # opened by URL first, the page still runs inside main.py's st.navigation
    assert page.get_by_test_id("stSidebarNav").get_by_text("Overview").is_visible()
    page.locator("input[type=file]").first.set_input_files(str(seed_path))
    page.get_by_text(seed_path.name).first.wait_for()
    # the browser lists the file before the server has it; a click in between is lost
    page.get_by_text("1 file(s) ready to ingest").wait_for()
    page.get_by_role("button", name="Ingest files").click()
    page.get_by_text("What was found").wait_for(timeout=60_000)
    page.get_by_text("document(s) stored").wait_for()
    shot(page, shots, "ingest")

    # Graph: Cytoscape draws on canvases inside the component's iframe
    open_graph(page, server)
    shot(page, shots, "graph")
    assert int(re.search(r"(\d+) nodes", page.get_by_text("nodes,").first.inner_text())[1]) > 5
    names = drawn_names(page)  # a small graph: every node named, readably
    assert all(n["drawn"] and n["px"] >= 9 for n in names), names

    # Clicking a person node opens that person's entity page
    clicked = click_node(page, "Person")
    page.wait_for_url(re.compile(r"/entity\?iri="))
    page.get_by_text("Mentioned in").first.wait_for()
    assert clicked.rsplit("/", 1)[-1] in page.url

    # Entity: Antony Blinken's office, or at least his sentence next to his facts
    open_page(page, server, f"entity?iri={quote(BLINKEN, safe='')}", "Mentioned in")
    assert page.get_by_role("heading", name="Antony Blinken").first.is_visible()
    # the facts are a table; one opened from it is a box: "subject · role · value", then
    # its sentence
    fact = open_fact(page, "role")
    assert (re.search(r"role\s*·\s*Secretary of State", fact)
            or "Blinken" in fact.split("\n", 1)[-1]), fact
    shot(page, shots, "entity")

    # SPARQL: a query's rows
    open_page(page, server, "sparql", "Run query")
    editor = page.get_by_label("Query")
    editor.fill("SELECT ?name WHERE { ?p a pkg:Person ; rdfs:label ?name } ORDER BY ?name")
    page.get_by_role("button", name="Run query").click()
    rows = page.get_by_text(re.compile(r"^\d+ rows?$"))
    rows.wait_for()
    assert int(rows.inner_text().split()[0]) >= 2
    shot(page, shots, "sparql")

    # The other pages render without an exception
    for path, ready in (("", "Query with SPARQL"), ("agreements", "Download CSV"),
                        ("documents", "Facts found in this document"),
                        ("analytics", "Shortest path between two countries")):
        open_page(page, server, path, ready)
        if path == "analytics":  # Vega draws the bar chart after the page is there
            page.locator("[data-testid='stVegaLiteChart'] canvas, "
                         "[data-testid='stVegaLiteChart'] svg").first.wait_for()
        assert not page.locator("[data-testid='stException']").count(), path
        shot(page, shots, path or "home")
    assert page.locator("[data-testid='stException']").count() == 0

    # The shell, while the app runs: `kg ingest` adds a document, `kg query` reads, and
    # the app lists the new document when the page is loaded again, without a restart
    doc = tmp_path / "from-the-shell.txt"
    doc.write_text("Foreign Minister Marta Kovalenko of Ukraine visited Ottawa.\n",
                   encoding="utf-8")
    kg = [sys.executable, "-m", "kg"]
    store = ["--store", str(tmp_path / "store")]
    added = subprocess.run([*kg, "ingest", str(doc), *store], capture_output=True,
                           text=True, timeout=300)
    assert added.returncode == 0, added.stderr
    listed = subprocess.run([*kg, "query", "SELECT ?n WHERE { ?d pkg:fileName ?n }",
                             "--format", "csv", *store], capture_output=True, text=True,
                            timeout=120)
    assert "from-the-shell.txt" in listed.stdout, listed.stderr
    iri = f"https://w3id.org/policykg/id/doc/{hashlib.sha256(doc.read_bytes()).hexdigest()}"
    open_page(page, server, f"documents?doc={quote(iri, safe='')}",
              "Facts found in this document")
    page.get_by_text(re.compile(r"^from-the-shell\.txt · ")).first.wait_for()
    assert not page.locator("[data-testid='stException']").count()

# The drawing as it settled: its zoom, and the ends of every edge against the nodes.
DRAWING = """() => { const cy = document.getElementById('cy')._cyreg.cy;
    const ids = new Set(cy.nodes().map(n => n.id()));
    return {zoom: cy.zoom(), nodes: ids.size, edges: cy.edges().length,
            dangling: cy.edges().filter(e => !ids.has(e.data('source'))
                                              || !ids.has(e.data('target'))).length}; }"""


def test_browser_graph_names_and_timeline(world_server, page, shots):
    # Graph at its default cap: the hubs' names readable at once, the others on zoom
    open_graph(page, world_server)
    page.get_by_text(f"showing the {GRAPH_NODES} best connected").wait_for()
    names = drawn_names(page)
    hubs = [n for n in names if n["hub"]]
    assert len(names) == GRAPH_NODES and len(hubs) == hub_count(GRAPH_NODES)
    # readable where the layout settles: the page opens at about zoom 1, the hubs' names
    # about 12 px (not 50 px at zoom 1.8 on names sized for 0.3)
    frame = next(f for f in page.frames if "st_link_analysis" in f.url)
    drawing = frame.evaluate(DRAWING)
    assert 0.6 <= drawing["zoom"] <= 1.6, drawing
    assert all(n["drawn"] and 9 <= n["px"] <= 20 for n in hubs), hubs
    # only edges among the nodes shown, at most two per node
    assert drawing["dangling"] == 0 and 0 < drawing["edges"] <= 2 * drawing["nodes"]
    assert not any(n["drawn"] for n in names if not n["hub"])  # no clutter of small names
    shot(page, shots, "graph-cap")
    zoom_graph(page, 4)
    assert all(n["drawn"] for n in drawn_names(page))

    # Timeline: one row per agreement; a click on a point opens the agreement's page
    open_page(page, world_server, "timeline", "click a point")
    chart = page.get_by_test_id("stVegaLiteChart")
    points = chart.locator("[aria-roledescription='point']")
    points.first.wait_for()
    assert points.count() == len(app_world.HISTORY)
    assert chart.get_by_text("Maastricht Treaty").is_visible()
    shot(page, shots, "timeline")
    points.filter(has=page.locator("xpath=self::*[contains(@aria-label, 'Good Friday')]")
                  ).first.click()
    page.wait_for_url(re.compile(r"/entity\?iri="))
    assert quote(app_world.agreement("Good Friday Agreement"), safe="") in page.url
    page.get_by_text("Mentioned in").first.wait_for()  # the page's last part
    assert page.get_by_role("heading", name="Good Friday Agreement").is_visible()
    # its stage and date, each with the sentence that states it
    text = open_fact(page, "status")
    assert re.search(r"status\s*·\s*agreed", text)
    assert "the Good Friday Agreement is agreed on 1998-04-10." in text
    assert re.search(r"date\s*·\s*1998-04-10", open_fact(page, "date"))


def test_browser_agreement_parties_and_entity_pages(world_server, page, shots):
    # Agreements: a long party list says how many; a click on the row lists them all
    open_page(page, world_server, "agreements", "Download CSV")
    page.get_by_role("textbox", name="Search").fill("Maastricht")
    page.keyboard.press("Enter")
    page.get_by_text(f"1 of {len(set(h[0] for h in app_world.HISTORY))} agreements").wait_for()
    grid = page.get_by_test_id("stDataFrame").first.bounding_box()
    page.mouse.click(grid["x"] + 18, grid["y"] + 35 + 17)  # the row's selection box
    detail = page.locator("[class*='st-key-agreement-detail']")
    detail.get_by_text("6 parties:").wait_for()
    assert "Belgium; France; Germany; Italy; Luxembourg; Netherlands" in detail.inner_text()
    shot(page, shots, "agreements-detail")
    detail.get_by_test_id("stPageLink-NavLink").click()  # its page, with its facts
    page.wait_for_url(re.compile(r"/entity\?iri="))
    page.get_by_role("heading", name="Maastricht Treaty").wait_for()

    # Entity: a state with 52 envoys and its agreements: facts 50 at a time, newest first
    us = "https://w3id.org/policykg/id/country/US"
    open_page(page, world_server, f"entity?iri={quote(us, safe='')}", "Mentioned in")
    total = int(re.search(r"Facts \(([\d,]+)\)", page.inner_text("body"))[1])
    page.get_by_text(f"facts 1–50 of {total}, newest first").wait_for()
    assert total > 50 and grid_rows(page) == 50
    page.get_by_role("button", name="Older →").first.click()
    page.get_by_text(f"facts 51–{total} of {total}, newest first").wait_for()
    # the caption comes first; the previous page's rows stay until the rerun replaces them
    expect(page.get_by_test_id("stDataFrame").first.locator("[aria-rowcount]").first
           ).to_have_attribute("aria-rowcount", str(total - 50 + 1))
    assert page.get_by_role("button", name="Older →").first.is_disabled()
    assert page.get_by_role("button", name="← Newer").first.is_enabled()
    shot(page, shots, "entity-page-2")
