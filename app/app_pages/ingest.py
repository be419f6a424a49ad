"""Ingest: upload files or paste text; kg.archive.ingest extracts and stores them."""

import streamlit as st

import appkit
from ingesting import ingest_paths, pasted_file, saved_uploads, show_report

st.title("Ingest documents")
st.caption("Each document becomes one named graph. A document already in the store "
           "(same bytes) is skipped; a file uploaded again under the same name with "
           "other bytes replaces the earlier upload, and the corrections made to it "
           "carry over.")
store = appkit.store()
upload, paste = st.tabs(["Upload files", "Paste text"])
# The buttons are never disabled: a text box commits its value only on blur, so a button
# enabled by that value would swallow the first click.
with upload:
    files = st.file_uploader("Documents (.txt .md .html .pdf .docx)", accept_multiple_files=True,
                             type=["txt", "md", "html", "htm", "pdf", "docx"])
    if files:  # rendered by the run that received the upload: the files are on the server
        st.caption(f"{len(files)} file(s) ready to ingest, "
                   f"{sum(f.size for f in files) / 1000:,.1f} KB in all.")
    if st.button("Ingest files", type="primary"):
        if not files:
            st.warning("Choose one or more files first.")
        else:
            with saved_uploads(files) as saved:
                st.session_state.ingest_report = ingest_paths(store, saved)
with paste:
    name = st.text_input("Document name", placeholder="e.g. joint-statement-2024")
    text = st.text_area("Text", height=220)
    if st.button("Ingest text", type="primary"):
        if not text.strip():
            st.warning("Paste some text first.")
        else:
            with pasted_file(name, text) as saved:
                st.session_state.ingest_report = ingest_paths(store, saved)

if st.session_state.get("ingest_report"):
    show_report(st.session_state.ingest_report)
