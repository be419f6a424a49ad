"""Corrections: every analyst correction (who, when, what, why, whether the node it is
about is still in the store), filtered, and undone."""

import pandas as pd
import streamlit as st

import appkit
import correcting

st.title("Corrections")
st.caption(f"Corrections made here are signed **{appkit.md(correcting.author())}** "
           "(`kg app --author`, or `KG_AUTHOR`). `kg query` and every page show the "
           "corrected graph; `kg query --raw` what extraction alone produced.")
rows = correcting.records()
if not rows:
    st.info("No corrections yet: mark a fact as wrong on the Entity page, or correct an "
            "agreement on the Agreements page.")
    st.stop()

left, middle, right = st.columns(3)
kinds = left.multiselect("Kind", sorted({r["kind"] for r in rows}))
authors = middle.multiselect("Author", sorted({r["author"] for r in rows}))
status = right.radio("Show", ["active", "undone", "all"], horizontal=True)
text = st.text_input("Search terms and reasons")
orphans = st.toggle("Only those whose node is no longer in the store (orphaned)")

shown = [r for r in rows if (not kinds or r["kind"] in kinds)
         and (not authors or r["author"] in authors)
         and (status == "all" or (r["status"] == "active") == (status == "active"))
         and (not text or text.lower() in f"{r['terms']} {r['reason']}".lower())
         and (not orphans or not r["exists"])]
table = pd.DataFrame(shown, columns=["id", "time", "author", "kind", "terms", "reason",
                                     "exists", "status"])
st.caption(f"{len(shown)} of {len(rows)} corrections · select one to undo it.")
event = st.dataframe(table, hide_index=True, on_select="rerun",
                     selection_mode="single-row", key="corrections")
for i in event.selection.rows:
    if i >= len(shown):  # selected before an undo or a filter shortened the table
        continue
    row = shown[i]
    if row["status"] == "active":
        correcting.correction_line(row, f"picked-{row['id']}")
    else:
        st.caption(f"{row['id']} was {row['status']}.")
