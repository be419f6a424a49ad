"""The analyst's scenario through the app's pages, in headless Chromium: `kg app` on a
path without a store, ingest, a fact marked Wrong with a reason, an edited file
ingested again (the rejection holds), an agreement's stage set, the Corrections page
listing both, a backup loaded into a new store that validates, Undo."""

from __future__ import annotations

import re
import subprocess
import sys
from urllib.parse import quote

import pytest

from kg.archive.corrections.listing import correction_rows
from kg.archive.load import load_dump
from kg.store import open_store
from test_app_browser import (BLINKEN, CHROMIUM, choose, free_port,  # noqa: F401
                              open_fact, open_page, page, shot, shots, wait_healthy)

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ACTS = "SELECT ?c ?p WHERE { ?p pkg:actsFor ?c }"


@pytest.fixture
def kg_app(tmp_path, spawn):
    """`kg app` on a path where no store is yet, signing as Ana Analyst."""
    port = free_port()
    proc = spawn([sys.executable, "-m", "kg", "app", "--store", str(tmp_path / "store"),
                  "--headless", "--port", str(port), "--author", "Ana Analyst"],
                 cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    wait_healthy(url, proc)
    return url


def acts_for(store, person: str, *, raw: bool = False) -> list[str]:
    from rdflib import URIRef

    from kg.archive.corrections.raw import raw_view

    def ask(st):
        return sorted({str(r[0]) for r in st.query(ACTS, {"p": URIRef(person)}).rows})
    if raw:
        with raw_view(store) as view:
            return ask(view)
    return ask(store)


def upload(page, url: str, path) -> None:
    open_page(page, url, "ingest", "Ingest documents")
    page.locator("input[type=file]").first.set_input_files(str(path))
    page.get_by_text("1 file(s) ready to ingest").wait_for()
    page.get_by_role("button", name="Ingest files").click()
    page.get_by_text("What was found").wait_for(timeout=120_000)


def settled(page) -> None:
    """Wait until the app's script run is over (no running status shown)."""
    page.wait_for_timeout(300)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=60_000)


def test_corrections_browser_scenario(kg_app, page, shots, seed_path, tmp_path):
    open_page(page, kg_app, "", "The store is empty")
    upload(page, kg_app, seed_path)
    store = open_store(tmp_path / "store")
    [country] = acts_for(store, BLINKEN)

    # Wrong, with a reason, under the person's state
    open_page(page, kg_app, f"entity?iri={quote(BLINKEN, safe='')}", "Mentioned in")
    open_fact(page, "actsFor")  # from the table's picker: a box with its controls
    page.locator("[class*='st-key-fact-']").first.get_by_role("button", name="Wrong").click()
    page.get_by_label("Why is it wrong?").fill("he speaks for another state")
    page.get_by_label("Why is it wrong?").press("Enter")
    page.get_by_role("button", name="Reject this fact").click()
    page.get_by_text("Rejected by Ana Analyst").wait_for()
    assert page.get_by_text("he speaks for another state").first.is_visible()
    shot(page, shots, "entity-corrected")
    assert acts_for(store, BLINKEN) == [] and acts_for(store, BLINKEN, raw=True) == [country]

    # the file edited and ingested again: the rejection holds
    edited = tmp_path / "edited" / seed_path.name
    edited.parent.mkdir()
    edited.write_text(seed_path.read_text() + "\n\nA paragraph added in a later edition.\n")
    upload(page, kg_app, edited)
    assert acts_for(store, BLINKEN) == [] and acts_for(store, BLINKEN, raw=True) == [country]

    # an agreement's stage, set on the Agreements page
    open_page(page, kg_app, "agreements", "Download CSV")
    page.get_by_label("Correct an agreement").click()
    page.get_by_role("option").first.click()
    settled(page)  # the rerun that draws the editor: a click during it is lost
    page.get_by_text("Correct this agreement").click()
    page.get_by_label("Stage").wait_for()
    settled(page)
    # the option itself, once the list shows it (Enter into a list still opening is lost)
    choose(page, "Stage", "in force", page.get_by_role("option", name="in force", exact=True))
    page.get_by_role("button", name="Save corrections").click()
    page.get_by_text(re.compile(r"Correction \w+: add")).first.wait_for()

    # the Corrections page lists both; the store's records say the same
    open_page(page, kg_app, "corrections", "corrections · select one")
    shot(page, shots, "corrections")
    rows = correction_rows(store)
    assert {"reject", "add"} <= {r["kind"] for r in rows}
    assert {r["author"] for r in rows} == {"Ana Analyst"}
    caption = page.get_by_text(re.compile(r"\d+ of \d+ corrections")).inner_text()
    assert caption.startswith(f"{len(rows)} of {len(rows)}")

    # a backup of it, loaded into a new store: both kept, and the store validates
    dump = tmp_path / "backup.nq"
    with dump.open("wb") as out:
        store.dump(out, "nquads")
    copy = open_store(tmp_path / "copy")
    assert load_dump(copy, dump).corrections == len(rows)
    assert [r["id"] for r in correction_rows(copy)] == [r["id"] for r in rows]
    done = subprocess.run([sys.executable, "-m", "kg", "validate", "--store",
                           str(tmp_path / "copy")], capture_output=True, text=True)
    assert done.returncode == 0 and "conforms" in done.stdout, done.stdout[-2000:]

    # Undo on the entity page brings the fact back
    open_page(page, kg_app, f"entity?iri={quote(BLINKEN, safe='')}", "Mentioned in")
    page.get_by_role("button", name="Undo").first.click()
    page.get_by_text(re.compile(r"Correction \w+: reject undone")).first.wait_for()
    assert acts_for(store, BLINKEN) == [country]
    assert not page.locator("[data-testid='stException']").count()
    assert CHROMIUM
