"""Text from documents (labels, titles, file names, sentences) is shown by the app as
text: never as Markdown or HTML, so a label cannot make a page fetch a URL, link to
one or run a script."""

from __future__ import annotations

import gc
import hashlib
import re
from pathlib import Path

import pytest
import streamlit as st
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from kg.archive.ingest import store_records
from kg.core.records import DocumentRecords, Evidence, Person, Ref
from kg.rdf.iris import document_iri, person_iri
from kg.store import open_store

HOST = "http://127.0.0.1:18999"
LABEL = f"![p]({HOST}/p.png) [site]({HOST}/) <img src={HOST}/i.png> $x$ :red[red]"
TITLE = f"# <script>alert(1)</script> [t]({HOST}/t) **bold**"
FILE = "![f](http://127.0.0.1:18999/f.png).txt"


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory) -> tuple[Path, str, str]:
    text = f"{LABEL} met the minister in Tokyo.\n\n<img src={HOST}/content.png> was seen."
    sha = hashlib.sha256(text.encode()).hexdigest()
    sentence = [Evidence(0, text.index("\n"), text[:text.index("\n")])]
    records = DocumentRecords(
        file_name=FILE, sha256=sha, text=text, title=TITLE, source_path=f"/docs/{FILE}",
        persons=[Person(LABEL, sentence, roles={LABEL: sentence},
                        acts_for={Ref.country("JP"): sentence})])
    path = tmp_path_factory.mktemp("hostile") / "store"
    store = open_store(path)
    store.create()
    store_records(store, records)  # with its derived data, as ingest writes it
    return path, str(person_iri(LABEL)), str(document_iri(sha))


@pytest.fixture
def page(hostile_store, open_app):
    yield lambda name, **params: open_app(hostile_store[0], name, **params)
    st.cache_data.clear()
    st.cache_resource.clear()
    gc.collect()


def rendered(at: AppTest) -> list[tuple[str, str]]:
    """(source, HTML) of every element whose text Streamlit renders as Markdown."""
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    sources = [e.value for kind in ("title", "header", "subheader", "markdown", "caption",
                                    "info", "error", "warning", "success")
               for e in getattr(at, kind)]
    sources += [e.proto.label for e in at.get("page_link")]
    return [(s, md.render(s)) for s in sources]


@pytest.mark.parametrize("name, param", [("entity", "iri"), ("documents", "doc")])
def test_app_text_is_never_markup(page, hostile_store, name, param):
    _, person, doc = hostile_store
    at = page(name, **{param: person if name == "entity" else doc})
    shown = rendered(at)
    # the text is there, as text
    assert any("127.0.0.1:18999" in re.sub(r"\\(.)", r"\1", source) for source, _ in shown)
    for source, html in shown:
        assert "<img" not in html and "<a " not in html.replace('<a href="https://www.wikidata', ""), \
            (source, html)
        assert "<script" not in html and "<h1" not in html, (source, html)
    for element in at.get("html"):  # the document's text, entities highlighted
        assert "<img" not in element.proto.body and "<script" not in element.proto.body
