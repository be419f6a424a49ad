"""Overview: what the store holds and where it is."""

import streamlit as st

import appkit

LINKS = {"ingest": "Add documents", "graph": "Explore the network",
         "agreements": "Agreements table", "sparql": "Query with SPARQL"}

st.title("policykg")
st.caption("Foreign- and defence-policy documents as a knowledge graph: every fact "
           "linked to the sentence that states it.")
store = appkit.store()
counts = appkit.read("overview")
labels = {"Document": "Documents", "Person": "Persons", "Country": "Countries",
          "Organization": "Organizations", "Agreement": "Agreements", "Fact": "Facts"}
for column, (kind, label) in zip(st.columns(len(labels)), labels.items()):
    column.metric(label, f"{counts[kind]:,}")

st.markdown(f"**Store:** `{store.location}` ({store.backend})")
# Counting quads reads every quad of the store (1.1 CPU-s at 10,000 documents, the
# Overview's largest cost): only when asked.
if st.button("Count the quads"):
    st.markdown(f"{appkit.size():,} quads")
st.caption("Documents ingested here or from the command line (`kg ingest`, while the app "
           "runs) show on the next rerun of a page.")
if not counts["Document"]:
    st.info("The store is empty: add documents on the Ingest page.")
for column, (name, label) in zip(st.columns(len(LINKS)), LINKS.items()):
    with column:
        appkit.link(name, label)
