"""Shared fixtures: the pipeline (loaded once), paths to the shared corpora, stores."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "corpus" / "seed" / "us-japan-defence.txt"
DEV = SHARED / "corpus" / "dev"
DEV2 = SHARED / "corpus" / "dev2"  # unseen kinds and periods, with status, date, published
DEV3 = SHARED / "corpus" / "dev3"  # scored blind first (issue 22)
DATA = Path(__file__).parent / "data"


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so a fixture's teardown can tell that the
    test failed (the browser test then saves the page it failed on)."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(autouse=True)
def _restore_main_module():
    """Streamlit's AppTest leaves ``sys.modules["__main__"]`` pointing at the app script;
    extraction workers (forkserver) re-run the parent's main module, so put it back."""
    main = sys.modules["__main__"]
    yield
    sys.modules["__main__"] = main


@pytest.fixture
def spawn():
    """``subprocess.Popen`` whose processes are stopped at teardown (SIGTERM, then SIGKILL
    after 10 s), whatever the test did."""
    started = []

    def start(*args, **kwargs) -> subprocess.Popen:
        started.append(subprocess.Popen(*args, **kwargs))
        return started[-1]

    yield start
    for proc in started:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture
def open_app(monkeypatch):
    """``open_app(store, page, **params)``: the Streamlit app on ``store`` (AppTest), on
    the page ``app_pages/<page>.py`` with these query parameters."""
    from streamlit.testing.v1 import AppTest

    def open_page(store, name: str, **params: str):
        monkeypatch.setenv("KG_STORE", str(store))
        at = AppTest.from_file(str(ROOT / "app" / "main.py"), default_timeout=90)
        at.run()  # registers the pages (st.navigation) before switching
        at.switch_page(f"app_pages/{name}.py")
        at.query_params.update(params)
        at.run()
        assert not at.exception, at.exception
        return at

    return open_page


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def blank():
    """The rule components alone, on a blank English tokenizer: no statistical model.
    Tests call its components on Docs built by hand (tests/handmade.py)."""
    import spacy

    from kg.nlp.pipeline import COMPONENTS

    pipeline = spacy.blank("en")
    pipeline.add_pipe("policykg_paragraphs")
    for name in COMPONENTS:
        pipeline.add_pipe(name)
    return pipeline


@pytest.fixture(scope="session")
def read_agreements(nlp):
    """The agreement records of a short text, as ``kg extract`` reads them."""
    from kg.extract.agreements import extract

    return lambda text: list(extract(nlp(text)))


def rules_of(facts: dict) -> dict:
    """{value: {rule, ...}} of a record's facts (parties by key)."""
    return {getattr(value, "key", value): {ev.rule for ev in evidence}
            for value, evidence in facts.items()}


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def dev_dir() -> Path:
    return DEV


@pytest.fixture
def store(tmp_path):
    """A fresh, empty embedded store in a temporary directory."""
    from kg.store import open_store

    st = open_store(tmp_path / "store")
    st.create()
    yield st
    st.close()


# --- Virtuoso (store contract tests) ---
# One server for the whole session (it takes a few seconds to start); tests that use it
# get a store emptied of our graphs. Without virtuoso-t the tests fail, not skip: CI
# installs it (setup.sh), and a silent skip would hide that the remote store is untested.
@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory):
    from virtuoso import start  # tests/virtuoso.py (tests/ is on sys.path for conftest)

    try:
        server = start(tmp_path_factory.mktemp("virtuoso"))
    except RuntimeError as exc:
        pytest.fail(str(exc), pytrace=False)
    yield server
    server.stop()


@pytest.fixture
def virtuoso_store(virtuoso_server):
    """A SparqlStore on the session's Virtuoso, without any of our graphs."""
    st = virtuoso_server.store()
    for iri in st.graphs():
        st.drop_graph(iri)
    st.clear_derived()  # the index graph is no document's: an earlier test's would remain
    yield st
    st.close()


@pytest.fixture(params=["oxigraph", pytest.param("virtuoso", marks=pytest.mark.virtuoso)])
def any_store(request, tmp_path):
    """An empty store of each backend: embedded, and the session's Virtuoso."""
    if request.param == "virtuoso":
        yield request.getfixturevalue("virtuoso_store")
        return
    yield request.getfixturevalue("store")
