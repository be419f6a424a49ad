"""Every page of the Streamlit app through streamlit.testing (AppTest), on a store built
from hand-written records (tests/app_data.py), plus ingesting the seed document."""

from __future__ import annotations

import gc
import hashlib
import ipaddress
import json
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import app_data as data

MAIN = Path(__file__).resolve().parents[1] / "app" / "main.py"


@pytest.fixture(autouse=True)
def fresh_caches():
    """Each test opens its own store; clearing the resource cache drops (and unlocks) it."""
    yield
    st.cache_data.clear()
    st.cache_resource.clear()
    gc.collect()  # finished app runs hold the store in reference cycles: free it now


@pytest.fixture(scope="module")
def records_store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("app") / "store"
    data.build_store(path).close()
    return path


@pytest.fixture
def app(records_store, open_app):
    return lambda name, **params: open_app(records_store, name, **params)


def plain(markdown: str) -> str:
    """Text of markdown that appkit.md escaped."""
    return re.sub(r"\\(.)", r"\1", markdown)


def texts(at: AppTest) -> str:
    return "\n".join(plain(m.value) for m in at.markdown)


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def test_home_shows_counts_and_store(app, records_store):
    at = app("home")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"Documents": "3", "Persons": "3", "Countries": "4",
                       "Organizations": "1", "Agreements": "3", "Facts": metrics["Facts"]}
    assert str(records_store) in texts(at)


def test_home_counts_the_quads_only_when_asked(app, records_store):
    at = app("home")
    assert "quads" not in texts(at)
    button(at, "Count the quads").click().run()
    from kg.store import open_store

    with open_store(str(records_store)) as store, store.reading():
        assert f"{len(store):,} quads" in texts(at)


def test_graph_page_renders_the_network_component(app):
    at = app("graph")
    component = at.get("component_instance")
    assert len(component) == 1
    args = json.loads(component[0].proto.json_args)
    labels = {n["data"]["name"] for n in args["elements"]["nodes"]}
    assert {"Japan", "Antony Blinken", "Defence Cooperation Arrangement"} <= labels
    assert {e["data"]["label"] for e in args["elements"]["edges"]} == {"actsFor", "party"}
    assert "11 nodes" in at.caption[0].value
    # a small graph: every node a hub, whose name is drawn at any zoom
    assert all(n["data"]["hub"] for n in args["elements"]["nodes"])
    hub_style = next(s["style"] for s in args["style"] if s["selector"] == "node[?hub]")
    assert hub_style["min-zoomed-font-size"] == 0
    # placed by the page (the same picture on a rerun), then fitted to the frame
    assert args["layout"]["name"] == "preset" and args["layout"]["fit"] is True
    assert all("x" in n["position"] for n in args["elements"]["nodes"])
    at.run()
    again = json.loads(at.get("component_instance")[0].proto.json_args)
    assert again["elements"] == args["elements"] and again["layout"] == args["layout"]


def test_graph_filters_and_size_cap(app):
    at = app("graph")
    countries = next(m for m in at.sidebar.multiselect if m.label.startswith("Countries"))
    countries.set_value([str(data.AU)]).run()
    args = json.loads(at.get("component_instance")[0].proto.json_args)
    assert {n["data"]["name"] for n in args["elements"]["nodes"]} == {
        "Australia", "Reciprocal Access Agreement", "Penny Wong"}
    countries.set_value([]).run()
    documents = next(m for m in at.sidebar.multiselect if m.label == "Documents")
    assert f"{data.US_JAPAN_TITLE} (us-japan.txt)" in documents.options
    at.sidebar.toggle[0].set_value(True).run()  # show documents
    at.sidebar.slider[0].set_value(50).run()
    assert "14 nodes" in at.caption[0].value and not at.warning


def test_entity_page_shows_facts_with_evidence(app):
    at = app("entity", iri=str(data.BLINKEN))
    assert at.header[0].value == "Antony Blinken"
    facts = data.fact_frame(at)
    assert "Secretary of State" in set(facts["value"])
    assert any(data.BLINKEN_SENTENCE in e for e in facts["evidence"])
    assert any("office.title" in r for r in facts["rule"])  # the rule that read the role
    assert any("us-japan.txt" in d for d in facts["document"])
    assert data.NATO_SENTENCE in texts(at)  # a mention, with its sentence
    assert not any(c.value.startswith("rule: ") for c in at.caption)  # no fact open yet
    i = data.open_fact(at, data.BLINKEN, "role")  # in full: sentence, rule, document, Wrong
    assert data.BLINKEN_SENTENCE in texts(at)
    assert "rule: office.title" in [c.value for c in at.caption]
    assert at.button(key=f"fact-{i}-reject").label == "Reject this fact"


def test_entity_page_links_wikidata_and_marks_knowledge_base_facts(app):
    at = app("entity", iri=str(data.WONG))
    caption = " ".join(c.value for c in at.caption)
    assert f"[{data.WONG_WIKIDATA}](https://www.wikidata.org/wiki/{data.WONG_WIKIDATA})" in caption
    evidence = list(data.fact_frame(at)["evidence"])
    assert "From the knowledge base, not stated in the text: Leaders list" in evidence
    assert any(data.WONG_SENTENCE in e for e in evidence)  # the text's own facts keep theirs


def selectbox(at: AppTest, label: str):
    return next(s for s in at.selectbox if s.label == label)


def test_entity_page_selection_updates_the_url(app):
    at = app("entity")
    assert not at.header  # nothing chosen yet
    selectbox(at, "Entity").set_value(str(data.JP)).run()
    assert at.header[0].value == "Japan"
    assert at.query_params["iri"] == str(data.JP)
    assert "Reciprocal Access Agreement" in texts(at)


def test_entity_page_search_finds_aliases_and_filters_kinds(app):
    at = app("entity")
    at.text_input[0].set_value("nato").run()
    assert selectbox(at, "Entity").options == [
        "North Atlantic Treaty Organization (Organization)"]
    at.text_input[0].set_value("").run()
    selectbox(at, "Kind").set_value("Country").run()
    assert len(selectbox(at, "Entity").options) == 4


def test_agreements_table_filters_and_download(app):
    at = app("agreements")
    df = at.dataframe[0].value
    assert len(df) == 3 and "Defence Cooperation Arrangement" in set(df["Agreement"])
    assert list(df.columns) == ["Agreement", "Parties", "Status", "Date", "Duration",
                                "Value", "Documents"]
    assert set(zip(df["Status"], df["Date"])) == {("signed", "2023-01-11"),
                                                  ("signed", "2022-01"), ("negotiating", "")}
    assert set(df["Documents"]) == {1}  # how many documents report it, not their names
    at.multiselect[1].set_value(["signed"]).run()
    assert len(at.dataframe[0].value) == 2
    at.text_input[0].set_value("philippines").run()
    assert len(at.dataframe[0].value) == 0
    assert at.get("download_button")


def test_documents_page_highlights_entities(app):
    at = app("documents")
    assert len(at.dataframe[0].value) == 3
    at.selectbox[0].set_value(data.doc_iri("us-japan.txt")).run()
    html = at.html[0].value
    assert "<mark" in html and "Antony Blinken" in html and "PERSON" in html
    facts = at.dataframe[1].value
    assert "Secretary of State" in set(facts["value"])


def test_documents_page_lists_titles_newest_first(app):
    at = app("documents")
    listing = at.dataframe[0].value
    assert list(listing.columns) == ["published", "title", "file", "entities", "ingested"]
    assert list(zip(listing["file"], listing["published"], listing["title"])) == [
        ("japan-philippines.txt", "2024", ""), ("us-japan.txt", "2023-01-12", data.US_JAPAN_TITLE),
        ("japan-australia.txt", "", "")]
    assert at.selectbox[0].options == ["japan-philippines.txt",
                                       f"{data.US_JAPAN_TITLE} (us-japan.txt)",
                                       "japan-australia.txt"]
    assert plain(at.header[0].value) == "japan-philippines.txt"
    assert "published 2024" in plain(at.caption[-1].value)
    at.text_input[0].set_value("defence").run()  # the title, not the file name
    assert list(at.dataframe[0].value["file"]) == ["us-japan.txt"]


def test_entity_page_names_documents_by_title(app):
    at = app("entity", iri=str(data.BLINKEN))
    assert f"{data.US_JAPAN_TITLE} (us-japan.txt)" in texts(at)


def chart_rows(at: AppTest):
    """The rows the Timeline's Vega-Lite chart draws, and its spec."""
    import pyarrow as pa

    [chart] = at.get("vega_lite_chart")
    rows = pa.ipc.open_stream(chart.proto.datasets[0].data.data).read_pandas()
    return rows, json.loads(chart.proto.spec)


def test_timeline_page_draws_agreements_by_date_and_stage(app):
    at = app("timeline")
    rows, spec = chart_rows(at)
    assert list(zip(rows["agreement"], rows["when"], rows["stage"], rows["dated_by"])) == [
        ("Reciprocal Access Agreement", "2022-01-01", "signed", "agreement"),
        ("Defence Cooperation Arrangement", "2023-01-11", "signed", "agreement"),
        ("Visiting Forces Agreement", "2024-01-01", "negotiating", "document")]
    assert list(rows["document"]) == ["japan-australia.txt", data.US_JAPAN_TITLE,
                                      "japan-philippines.txt"]
    # a click selects the point's agreement IRI, which the page opens
    assert spec["params"][0]["select"] == {"type": "point", "fields": ["iri"], "on": "click"}
    assert str(data.DCA) in set(rows["iri"])
    assert at.caption[0].value.startswith("3 agreements, 3 points")


def test_timeline_page_filters_by_country_stage_and_dating(app):
    at = app("timeline")

    def multiselect(label: str):  # looked up again after each run: the slider may go
        return next(m for m in at.multiselect if m.label.startswith(label))

    assert multiselect("Countries").options == ["Australia", "Japan", "Philippines",
                                                "United States"]
    multiselect("Countries").set_value(["Australia"]).run()
    assert list(chart_rows(at)[0]["agreement"]) == ["Reciprocal Access Agreement"]
    assert not at.slider  # one year: nothing to choose
    multiselect("Countries").set_value([]).run()
    assert multiselect("Stages").options == ["negotiating", "signed"]  # in stage order
    multiselect("Stages").set_value(["negotiating"]).run()
    assert list(chart_rows(at)[0]["agreement"]) == ["Visiting Forces Agreement"]
    multiselect("Stages").set_value(["negotiating", "signed"]).run()
    at.toggle[0].set_value(False).run()  # only agreements with a date of their own
    assert "Visiting Forces Agreement" not in set(chart_rows(at)[0]["agreement"])
    assert "1 more without a date" in at.caption[0].value
    at.slider[0].set_value((2023, 2023)).run()
    assert list(chart_rows(at)[0]["agreement"]) == ["Defence Cooperation Arrangement"]


@pytest.fixture
def many_agreements(tmp_path, monkeypatch):
    """Sixty agreements, one a year from 1960, each in its own report."""
    from kg.archive.derived import ensure_derived
    from kg.core.records import Agreement, DocumentRecords, Evidence, Ref
    from kg.rdf.build import document_graph
    from kg.store import open_store

    store = open_store(tmp_path / "store")
    for year in range(1960, 2020):
        sentence = f"Japan and the United States signed the Accord of {year} in {year}."
        ev = [Evidence(0, len(sentence), sentence)]
        accord = Agreement(f"Accord of {year}", named=True, mentions=ev,
                           parties={Ref.country("JP"): ev, Ref.country("US"): ev},
                           statuses={"signed": ev}, dates={str(year): ev})
        store.add_graph(document_graph(DocumentRecords(
            file_name=f"accord-{year}.txt", text=sentence, agreements=[accord],
            sha256=hashlib.sha256(sentence.encode()).hexdigest())))
    ensure_derived(store)  # the summaries and catalog the pages read
    store.close()
    monkeypatch.setenv("KG_STORE", str(tmp_path / "store"))


def test_timeline_page_draws_fifty_agreements_at_a_time(many_agreements):
    at = AppTest.from_file(str(MAIN), default_timeout=90)
    at.run()
    at.switch_page("app_pages/timeline.py").run()
    drawn = set(chart_rows(at)[0]["agreement"])
    assert len(drawn) == 50 and "Accord of 2019" in drawn and "Accord of 1969" not in drawn
    assert "agreements 1–50 of 60, newest first" in [c.value for c in at.caption]
    button(at, "Older →").click().run()
    assert set(chart_rows(at)[0]["agreement"]) == {f"Accord of {y}" for y in range(1960, 1970)}


def test_timeline_chart_spec_names_its_rows_and_draws_many_on_a_canvas(monkeypatch):
    import pandas as pd

    monkeypatch.syspath_prepend(str(MAIN.parent))
    import timechart

    def points(n: int) -> pd.DataFrame:
        return pd.DataFrame({
            "iri": [f"urn:a{i % 7}" for i in range(n)], "row": [f"A{i % 7}" for i in range(n)],
            "when": [f"{1990 + i % 30}-01-01" for i in range(n)], "stage": ["signed"] * n,
            "agreement": [f"A{i % 7}" for i in range(n)], "date": ["1990"] * n,
            "dated_by": ["agreement"] * n, "parties": [["Japan"]] * n,
            "title": [None] * n, "file_name": [f"d{i}.txt" for i in range(n)]})

    few = timechart.spec(points(10))
    assert list(few["datasets"]) == [timechart.DATASET]
    assert len(few["datasets"][timechart.DATASET]) == 10
    assert "usermeta" not in few and "view" not in few.get("config", {})
    assert few["params"][0]["select"] == {"type": "point", "fields": ["iri"], "on": "click"}
    many = timechart.spec(points(timechart.CANVAS_POINTS + 1))
    assert many["usermeta"] == {"embedOptions": {"renderer": "canvas"}}


def test_sparql_page_runs_a_query(app):
    at = app("sparql")
    at.text_area[0].set_value("SELECT ?name WHERE { ?p a pkg:Person ; rdfs:label ?name } "
                              "ORDER BY ?name")
    button(at, "Run query").click().run()
    assert not at.error
    assert list(at.dataframe[0].value["name"]) == ["Antony Blinken", "Penny Wong",
                                                   "Yoshimasa Hayashi"]
    assert at.caption[-1].value == "3 rows"
    assert len(at.get("download_button")) == 2


def test_sparql_page_refuses_an_update_with_a_message(app):
    at = app("sparql")
    at.text_area[0].set_value("DELETE WHERE { ?s ?p ?o }")
    button(at, "Run query").click().run()
    assert not at.exception
    assert "not allowed" in at.error[0].value  # kg.querying.query's reason, not a traceback
    at.text_area[0].set_value("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    button(at, "Run query").click().run()
    assert int(at.dataframe[0].value["n"][0]) > 0  # nothing was deleted


def test_sparql_page_malformed_query_is_an_error_not_a_traceback(app):
    at = app("sparql")
    at.text_area[0].set_value("SELECT WHERE {")
    button(at, "Run query").click().run()
    assert at.error and not at.exception


def test_sparql_example_queries_load_and_run(app):
    at = app("sparql")
    for name in at.selectbox[0].options:
        at.selectbox[0].set_value(name).run()
        button(at, "Run query").click().run()
        assert not at.exception and not at.error, (name, at.error)


def test_analytics_page_tables_and_path(app):
    at = app("analytics")
    centrality = at.dataframe[0].value
    assert centrality.iloc[0]["label"] == "Japan"
    assert {"betweenness", "pagerank"}.isdisjoint(centrality.columns)  # computed when chosen
    selectbox(at, "Measure").set_value("pagerank").run()
    assert at.dataframe[0].value["pagerank"].notna().all()
    selectbox(at, "Measure").set_value("betweenness").run()
    assert at.dataframe[0].value.iloc[0]["betweenness"] > 0
    at.toggle(key="find_communities").set_value(True).run()
    assert len(at.dataframe[1].value) >= 2
    start, end = selectbox(at, "From"), selectbox(at, "To")
    start.set_value(str(data.US))
    end.set_value(str(data.AU)).run()
    assert at.success[0].value == ("United States → Defence Cooperation Arrangement → Japan "
                                   "→ Reciprocal Access Agreement → Australia")


@pytest.fixture
def empty_app(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_STORE", str(tmp_path / "store"))
    at = AppTest.from_file(str(MAIN), default_timeout=180)
    at.run()
    at.switch_page("app_pages/ingest.py").run()
    return at


def test_ingest_page_uploads_the_seed_document(empty_app, seed_path):
    at = empty_app
    at.file_uploader[0].set_value((seed_path.name, seed_path.read_bytes(), "text/plain"))
    at.run()
    size = seed_path.stat().st_size / 1000  # decimal KB, as the uploader shows
    assert f"1 file(s) ready to ingest, {size:,.1f} KB in all." in [c.value for c in at.caption]
    button(at, "Ingest files").click().run()
    assert not at.exception, at.exception
    report = at.dataframe[0].value
    row = report.iloc[0]
    assert (row["document"], row["status"]) == ("us-japan-defence.txt", "added")
    assert row["persons"] >= 2 and row["countries"] >= 2 and row["triples"] > 100
    assert at.success
    at.switch_page("app_pages/home.py").run()
    assert {m.label: m.value for m in at.metric}["Documents"] == "1"


def test_ingest_page_upload_again_replaces_the_earlier_upload(empty_app):
    at = empty_app
    for text, status in (("France and Spain signed a fisheries agreement in Madrid.", "added"),
                         ("France and Portugal signed a fisheries agreement.", "replaced")):
        at.file_uploader[0].set_value(("fish.txt", text.encode(), "text/plain"))
        at.run()
        button(at, "Ingest files").click().run()
        assert not at.exception, at.exception
        assert at.dataframe[0].value.iloc[0]["status"] == status
    at.switch_page("app_pages/home.py").run()
    assert {m.label: m.value for m in at.metric}["Documents"] == "1"


def test_ingest_page_pasted_text_and_unreadable_file(empty_app):
    at = empty_app
    at.text_input[0].set_value("Joint statement / 2024")
    at.text_area[0].set_value("Japan and Australia signed the Reciprocal Access Agreement.")
    button(at, "Ingest text").click().run()
    assert at.dataframe[0].value.iloc[0]["document"] == "Joint-statement-2024.txt"
    at.file_uploader[0].set_value(("empty.txt", b"", "text/plain"))
    at.run()
    button(at, "Ingest files").click().run()
    assert not at.exception
    assert at.dataframe[0].value.iloc[0]["status"] == "failed"
    assert "empty.txt" in plain(at.error[0].value)


def test_app_shows_documents_ingested_from_the_shell_while_it_runs(tmp_path, monkeypatch):
    """The app keeps running (and rerunning) while `kg ingest` writes the same store and
    `kg query` reads it; its next rerun lists the new document."""
    store = tmp_path / "store"
    data.build_store(store)
    monkeypatch.setenv("KG_STORE", str(store))
    at = AppTest.from_file(str(MAIN), default_timeout=90)
    at.run()
    at.switch_page("app_pages/documents.py").run()
    before = set(at.dataframe[0].value["file"])
    doc = tmp_path / "from-the-shell.txt"
    doc.write_text("Foreign Minister Marta Kovalenko of Ukraine visited Ottawa.\n",
                   encoding="utf-8")
    kg = [sys.executable, "-m", "kg"]
    ingest = subprocess.Popen([*kg, "ingest", str(doc), "--store", str(store)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    while ingest.poll() is None:  # the app reads while the ingest runs
        at.run()
        assert not at.exception, at.exception
    out, err = ingest.communicate()
    assert ingest.returncode == 0, err
    query = subprocess.run([*kg, "query", "SELECT ?n WHERE { ?d pkg:fileName ?n }",
                            "--format", "csv", "--store", str(store)],
                           capture_output=True, text=True, timeout=120)
    assert query.returncode == 0 and "from-the-shell.txt" in query.stdout, query.stderr
    at.run()  # the next rerun, no restart
    assert not at.exception, at.exception
    assert set(at.dataframe[0].value["file"]) == before | {"from-the-shell.txt"}


def test_kg_app_command_runs_streamlit_on_the_store(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from kg.cli import app as cli
    from kg.cli import apps

    calls = []
    monkeypatch.setattr(apps.os, "execve", lambda *args: calls.append(args))
    monkeypatch.chdir(tmp_path)
    data.build_store(tmp_path / "mystore")
    result = CliRunner().invoke(cli, ["app", "--store", "mystore", "--port", "8600",
                                      "--headless"])
    assert result.exit_code == 0, result.output
    (exe, cmd, env), = calls
    assert cmd[1:4] == [str(MAIN.with_name("serve.py")), "run", str(MAIN)]
    assert cmd[cmd.index("--server.port") + 1] == "8600" and "--server.headless" in cmd
    assert cmd[cmd.index("--server.fileWatcherType") + 1] == "none"  # a viewer, not an editor
    assert env["KG_STORE"] == str(tmp_path / "mystore")  # absolute: any working directory


def test_app_server_lets_the_browser_keep_hashed_component_files(monkeypatch):
    """A component's files named by their content are kept for a year; others (its
    page, unhashed icons) keep Streamlit's headers."""
    import asyncio
    from types import SimpleNamespace

    monkeypatch.syspath_prepend(str(MAIN.parent))
    import serve

    async def streamlit_route(scope, receive, send):
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"cache-control", b"public"), (b"content-type", b"x")]})

    route = serve.keeping(SimpleNamespace(app=streamlit_route))

    def headers(path: str) -> dict:
        sent = []

        async def send(message):
            sent.append(message)

        asyncio.run(route.app({"path": path}, None, send))
        return dict(sent[0]["headers"])

    base = "/component/st_link_analysis.component.component.st_link_analysis/"
    for name in ("index.34ae10892539aa3c9e1b.bundle.js", "32b01d6a21d9433a251c.ttf"):
        assert headers(base + name) == {b"cache-control": serve.KEEP, b"content-type": b"x"}
    for name in ("index.html", "icons/flag.svg"):
        assert headers(base + name)[b"cache-control"] == b"public"


def test_kg_app_warns_when_listening_beyond_this_machine(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from kg.cli import app as cli
    from kg.cli import apps

    calls = []
    monkeypatch.setattr(apps.os, "execve", lambda *args: calls.append(args))
    data.build_store(tmp_path / "s")
    result = CliRunner().invoke(cli, ["app", "--store", str(tmp_path / "s"),
                                      "--host", "0.0.0.0"])
    assert result.exit_code == 0, result.output
    (_, cmd, _), = calls
    assert cmd[cmd.index("--server.address") + 1] == "0.0.0.0"
    assert result.stderr.startswith("warning: the app on 0.0.0.0 is reachable")


def _other_addresses() -> list[str]:
    """This machine's addresses that are not loopback (link-local ones need a scope)."""
    import psutil

    found = []
    for addrs in psutil.net_if_addrs().values():
        for a in addrs:
            if a.family in (socket.AF_INET, socket.AF_INET6):
                ip = ipaddress.ip_address(a.address.split("%")[0])
                if not (ip.is_loopback or ip.is_link_local):
                    found.append(str(ip))
    return found


def test_kg_app_listens_on_this_machine_only(tmp_path, spawn):
    """The started app accepts connections on 127.0.0.1 and on no other address: every
    socket it listens on is a loopback one, and connecting to each of the machine's
    other addresses is refused."""
    import psutil

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data.build_store(tmp_path / "store")
    proc = spawn([sys.executable, "-m", "kg", "app", "--store", str(tmp_path / "store"),
                  "--port", str(port), "--headless"],
                 cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + 60
    while True:
        assert proc.poll() is None, proc.stdout.read()
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert time.monotonic() < deadline, "the app did not come up in 60 s"
            time.sleep(0.25)
    listening = [c.laddr for c in psutil.Process(proc.pid).net_connections("inet")
                 if c.status == psutil.CONN_LISTEN]
    assert port in [a.port for a in listening], listening
    assert all(ipaddress.ip_address(a.ip).is_loopback for a in listening), listening
    for address in _other_addresses():
        with pytest.raises(OSError):  # refused: nothing listens there
            socket.create_connection((address, port), timeout=2).close()


@pytest.fixture
def treaty_app(tmp_path, open_app):
    import treaty_data as treaty

    treaty.build_store(tmp_path / "store").close()
    return lambda name, **params: open_app(tmp_path / "store", name, **params)


def test_documents_page_says_a_document_is_the_text_of_an_agreement(treaty_app):
    import treaty_data as treaty

    at = treaty_app("documents", doc=treaty.DOC)
    assert f"the text of the agreement **{treaty.LABEL}**" in plain(at.info[0].value)


def test_entity_page_shows_an_agreements_text_signing_and_signatories(treaty_app):
    import treaty_data as treaty

    at = treaty_app("entity", iri=treaty.AGREEMENT)
    shown = texts(at)
    assert "*signed* on 2001-05-04" in shown and treaty.LINES[1] in shown  # place and date
    assert "Signed by **Ana Ruiz** for Peru" in shown


def test_kg_app_warms_the_pages_at_start_and_after_a_write(tmp_path, spawn):
    """`kg app` reads what the pages open on before a browser asks, and again once a
    write from the shell changes the store's version."""
    import threading

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data.build_store(tmp_path / "store").close()
    proc = spawn([sys.executable, "-m", "kg", "app", "--store", str(tmp_path / "store"),
                  "--port", str(port), "--headless"],
                 cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(proc.stdout), daemon=True).start()

    def warmed(times: int) -> list[str]:
        deadline = time.monotonic() + 120
        while len(found := [ln for ln in lines if ln.startswith("kg app: pages warmed")]) < times:
            assert proc.poll() is None and time.monotonic() < deadline, "".join(lines)
            time.sleep(0.2)
        return found

    assert "not warmed" not in warmed(1)[0]
    removed = subprocess.run([sys.executable, "-m", "kg", "remove", data.doc_iri("us-japan.txt"),
                              "--store", str(tmp_path / "store")], capture_output=True,
                             text=True, timeout=120)
    assert removed.returncode == 0, removed.stderr
    assert "not warmed" not in warmed(2)[1]


@pytest.mark.parametrize("page", ["home", "graph", "entity", "entity: busiest", "agreements",
                                  "timeline", "documents", "analytics", "sparql"])
def test_warming_reads_what_every_page_opens_on(page, records_store, open_app, monkeypatch):
    """The warming (app/warming.py) repeats each page's opening reads at the page's
    defaults: after it, opening a page reads nothing from the store and lays out no
    graph. A page whose defaults change without the warming fails here."""
    monkeypatch.syspath_prepend(str(MAIN.parent))
    monkeypatch.setenv("KG_STORE", str(records_store))
    import appkit
    import netdraw
    import warming

    monkeypatch.setattr(warming, "appkit", appkit)  # as warming._watch sets it
    assert warming.warm() == []
    params = {}
    if page == "entity: busiest":  # the top of the Entity page's list, warmed in full
        page, (_, offered) = "entity", appkit.read("pick_entities", "", None,
                                                   appkit.ENTITY_OPTIONS)
        params = {"iri": offered[0]["iri"]}
    reads = []
    reading, laying_out = appkit._reading, netdraw.drawing
    monkeypatch.setattr(appkit, "_reading", lambda spec, fn, *args: reads.append(
        (getattr(fn, "__name__", "a lambda"), args)) or reading(spec, fn, *args))
    monkeypatch.setattr(netdraw, "drawing", lambda *args, **kw: reads.append(
        "a layout") or laying_out(*args, **kw))
    open_app(records_store, page, **params)
    assert reads == []


@pytest.mark.parametrize("version, seen, warmed, due", [
    ("v1", None, None, True),  # the server starts: at once
    ("v2", "v1", "v1", False),  # a write: not yet
    ("v2", "v2", "v1", True),  # it held for a poll
    ("v3", "v2", "v1", False),  # still writing (a long ingest)
    ("v1", "v1", "v1", False),  # nothing new
    (None, None, None, False),  # no store yet
])
def test_warming_waits_for_the_store_to_settle_after_a_write(version, seen, warmed, due,
                                                            monkeypatch):
    monkeypatch.syspath_prepend(str(MAIN.parent))
    import warming

    assert warming.due(version, seen, warmed) is due
