"""Documents: the list, in order of publication where the text states its date; one
document's text with its entities highlighted, and its facts."""

import pandas as pd
import streamlit as st

import appkit
from kg.views.browse import DISPLACY_COLORS

MAX_CHARS = 200_000  # beyond this the highlighted HTML makes the browser crawl

st.title("Documents")
docs = appkit.read("documents")
if not docs:
    st.info("The store is empty: add documents on the Ingest page.")
    st.stop()
listing = pd.DataFrame(docs).fillna("").rename(columns={"file_name": "file",
                                                       "ingested_at": "ingested"})
st.dataframe(listing[["published", "title", "file", "entities", "ingested"]], hide_index=True,
             height=min(220, 38 + 35 * len(listing)))

names = {d["iri"]: appkit.document_option(d) for d in docs}
wanted = st.query_params.get("doc")
options = list(names)
iri = st.selectbox("Document", options, format_func=names.get,
                   index=options.index(wanted) if wanted in names else 0)
if iri != wanted:
    st.query_params["doc"] = iri

detail = appkit.read("document_detail", iri)
st.header(detail["title"] or detail["file_name"])
published = f"published {detail['published']} · " if detail["published"] else ""
st.caption(f"{detail['file_name']} · {published}{detail['media_type']} · ingested "
           f"{detail['ingested_at']} · {len(detail['entities'])} entities")
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
