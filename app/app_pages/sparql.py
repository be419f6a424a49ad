"""SPARQL: the user's read-only query (or a ready-made one) on the store."""

import pandas as pd
import streamlit as st

import appkit
from kg.querying.query import to_csv, to_json, to_records

st.title("SPARQL")
st.caption("Read-only queries (SELECT, ASK, CONSTRUCT, DESCRIBE). The default graph is the "
           "union of all documents; `pkg: rdf: rdfs: xsd: owl: prov:` are predeclared.")
examples = appkit.example_queries()
# The editor starts with a ready-made query: the app itself writes no SPARQL.
# (a light one: documents.rq counts every document's facts, seconds on a large store)
st.session_state.setdefault("sparql_text", appkit.default_query())


def load_example() -> None:
    name = st.session_state.sparql_example
    if name:
        st.session_state.sparql_text = examples[name][2]


st.selectbox("Example queries", list(examples), index=None, key="sparql_example",
             format_func=lambda n: examples[n][0], on_change=load_example,
             placeholder="Pick a ready-made query…" if examples else "No queries/ found")
if st.session_state.sparql_example:
    st.caption(examples[st.session_state.sparql_example][1])
st.text_area("Query", key="sparql_text", height=240)
if st.button("Run query", type="primary"):
    st.session_state.sparql_ran = st.session_state.sparql_text

# Kept in session state (and the result cached) so a download click, which reruns the
# page, still shows the table.
text = st.session_state.get("sparql_ran")
if text:
    result, error = appkit.query(text)
    if error:
        st.error(error)
        st.stop()
    if result.kind == "ask":
        st.success(f"ASK: {result.boolean}")
    else:
        rows = to_records(result)
        st.caption(f"{len(rows):,} row{'s' if len(rows) != 1 else ''}")
        st.dataframe(pd.DataFrame(rows, columns=list(rows[0]) if rows else result.columns),
                     hide_index=True)
    if result.truncated:
        st.warning("Stopped at the row limit: narrow the query.")
    left, right = st.columns(2)
    left.download_button("Download CSV", to_csv(result), "results.csv", "text/csv")
    right.download_button("Download JSON", to_json(result), "results.json", "application/json")
