"""Agreements: parties, duration, value, status, date and documents; filter, sort,
download; correct one (its parties, stage, date, label)."""

import streamlit as st

import appkit
import correcting

st.title("Agreements")
table = appkit.read("agreements_table")
if table.empty:
    st.info("No agreements in the store yet.")
    st.stop()


def values(column: str) -> list[str]:
    return sorted({v for cell in table[column] for v in cell.split("; ") if v})


left, middle, right = st.columns(3)
text = left.text_input("Search", placeholder="name, party, document…")
parties = middle.multiselect("Parties", values("Parties"))
statuses = right.multiselect("Status", values("Status"))
only_facts = left.toggle("Only those with known terms")

shown = table
if text:
    hay = shown.drop(columns="iri").apply(" ".join, axis=1).str.lower()
    shown = shown[hay.str.contains(text.lower(), regex=False)]
for column, chosen in (("Parties", parties), ("Status", statuses)):
    if chosen:
        shown = shown[shown[column].apply(lambda c: bool(set(c.split("; ")) & set(chosen)))]
if only_facts:
    shown = shown[(shown[["Parties", "Duration", "Value", "Status", "Date"]] != "").any(axis=1)]

st.caption(f"{len(shown)} of {len(table)} agreements · click a column header to sort.")
st.dataframe(shown.drop(columns="iri"), hide_index=True)
st.download_button("Download CSV", shown.to_csv(index=False), "agreements.csv", "text/csv")

names = dict(zip(shown["iri"], shown["Agreement"]))
picked = st.selectbox("Correct an agreement", list(names), index=None,
                      format_func=names.get, placeholder="Pick one to set its parties, "
                                                         "stage, date or label…")
if picked:
    correcting.agreement_editor(picked)
