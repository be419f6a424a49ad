"""Agreements: parties, status, date, duration, value and how many documents report
each; filter, sort, download; a click on a row opens it in full (every party, a link to
its page with the documents and the sentences); correct one (its parties, stage, date,
label)."""

import streamlit as st

import appkit
import correcting

SHOWN = ["Agreement", "Parties", "Status", "Date", "Duration", "Value", "Documents"]
MAX_OPTIONS = 300  # agreements offered to correct at once

st.title("Agreements")
table = appkit.read("agreement_rows")
if table.empty:
    st.info("No agreements in the store yet.")
    st.stop()


def values(column: str) -> list[str]:
    return sorted({v for cell in table[column] for v in cell.split("; ") if v})


left, middle, right = st.columns(3)
text = left.text_input("Search", placeholder="name, party, status…")
parties = middle.multiselect("Parties", sorted({p for ps in table["parties"] for p in ps}))
statuses = right.multiselect("Status", values("Status"))
only_facts = left.toggle("Only those with known terms")

shown = table
if text:
    hay = (shown["Agreement"] + " " + shown["parties"].map(" ".join) + " "
           + shown[["Status", "Date", "Duration", "Value"]].apply(" ".join, axis=1))
    shown = shown[hay.str.lower().str.contains(text.lower(), regex=False)]
if parties:
    shown = shown[shown["parties"].map(lambda ps: bool(set(ps) & set(parties)))]
if statuses:
    shown = shown[shown["Status"].map(lambda c: bool(set(c.split("; ")) & set(statuses)))]
if only_facts:
    shown = shown[(shown["parties"].map(len) > 0)
                  | (shown[["Duration", "Value", "Status", "Date"]] != "").any(axis=1)]

st.caption(f"{len(shown):,} of {len(table):,} agreements · click a column header to sort, "
           "a row to see it in full.")
event = st.dataframe(shown[SHOWN], hide_index=True, on_select="rerun",
                     selection_mode="single-row", key="agreements")
full = shown.assign(Parties=shown["parties"].map("; ".join))
st.download_button("Download CSV", full[SHOWN + ["iri"]].to_csv(index=False),
                   "agreements.csv", "text/csv")

picked = event.selection.rows
if picked:
    row = shown.iloc[picked[0]]
    with st.container(border=True, key="agreement-detail"):
        st.subheader(appkit.md(row["Agreement"]))
        n = len(row["parties"])
        st.markdown(f"**{n} part{'ies' if n != 1 else 'y'}:** "
                    + (appkit.md("; ".join(row["parties"])) or "none stated"))
        for column in ("Status", "Date", "Duration", "Value"):
            if row[column]:
                st.markdown(f"**{column}:** {appkit.md(row[column])}")
        docs = int(row["Documents"])
        appkit.link("entity", f"Its page: facts with their sentences, and the {docs:,} "
                              f"document{'s' * (docs != 1)} that report it", iri=row["iri"])

# the first MAX_OPTIONS of those shown: thousands of options are sent to the browser on
# every run (9,135 at 10,000 documents), and the search above narrows them
names = dict(zip(shown["iri"][:MAX_OPTIONS], shown["Agreement"][:MAX_OPTIONS]))
to_correct = st.selectbox("Correct an agreement", list(names), index=None,
                          format_func=names.get, placeholder="Pick one to set its parties, "
                                                             "stage, date or label…")
if len(shown) > MAX_OPTIONS:
    st.caption(f"The first {MAX_OPTIONS} agreements of the table are offered: search to "
               "reach the others.")
if to_correct:
    correcting.agreement_editor(to_correct)
