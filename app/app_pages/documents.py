"""Documents: the list, newest first (by the date the text states, then by when it was
stored), searched by title or file name and shown 50 at a time; one document's text with
its entities highlighted, and its facts."""

import pandas as pd
import streamlit as st

import appkit
from factrows import pager
from kg.views.browse import DISPLACY_COLORS
from kg.views.documents import PAGE_SIZE

MAX_CHARS = appkit.DOCUMENT_CHARS

st.title("Documents")
text = st.text_input("Search titles and file names", placeholder="e.g. joint statement")
total = appkit.read("document_count", text)
wanted = st.query_params.get("doc")
if not total and not wanted:
    st.info("No document matches." if text.strip() else
            "The store is empty: add documents on the Ingest page.")
    st.stop()
offset = pager(f"documents:{text}", total, PAGE_SIZE, "documents")
docs = appkit.read("documents_page", offset, PAGE_SIZE, text)
listing = pd.DataFrame(docs, columns=["published", "title", "file_name", "entities",
                                      "ingested_at", "iri"]).fillna("")
st.dataframe(listing.rename(columns={"file_name": "file", "ingested_at": "ingested"})[
    ["published", "title", "file", "entities", "ingested"]], hide_index=True,
    height=min(400, 38 + 35 * len(listing)))

names = {d["iri"]: appkit.document_option(d) for d in docs}
if wanted and wanted not in names:  # the document named in the URL stays selectable
    shown = appkit.read("document_detail", wanted)
    if shown:
        names = {wanted: appkit.document_option(shown), **names}
if not names:
    st.stop()
options = list(names)
iri = st.selectbox("Document", options, format_func=names.get,
                   index=options.index(wanted) if wanted in names else 0)
if iri != wanted:
    st.query_params["doc"] = iri

detail = appkit.read("document_detail", iri)
st.header(appkit.md(detail["title"] or detail["file_name"]))
published = f"published {appkit.md(detail['published'])} · " if detail["published"] else ""
st.caption(f"{appkit.md(detail['file_name'])} · {published}{appkit.md(detail['media_type'])}"
           f" · ingested {appkit.md(detail['ingested_at'])} · {len(detail['entities'])} entities")
agreement = appkit.read("text_of", iri)
if agreement:  # the document is the agreement itself, as signed, not a report about it
    st.info(f"This document is the text of the agreement **{appkit.md(agreement['label'])}**.")
    appkit.link("entity", "The agreement, its signing and signatories", iri=agreement["iri"])
st.markdown(" ".join(f'<span style="background:{c};padding:0 .4em;border-radius:.3em">{k}</span>'
                     for k, c in DISPLACY_COLORS.items()), unsafe_allow_html=True)
if len(detail["content"]) > MAX_CHARS:
    st.caption(f"Showing the first {MAX_CHARS:,} of {len(detail['content']):,} characters.")
with st.container(height=460):
    st.html(appkit.read("document_html", iri, MAX_CHARS))

st.subheader(f"Facts found in this document ({len(detail['facts'])})")
facts = pd.DataFrame(detail["facts"], columns=["subject_label", "predicate", "value", "evidence"])
st.dataframe(facts.rename(columns={"subject_label": "subject"}), hide_index=True)
