"""Timeline: agreements on a time axis by the stage and date each document gives;
filtered by country, stage and years; a click on a point opens the agreement with its
evidence."""

import streamlit as st

import appkit
import timechart
from factrows import pager

MAX_HEIGHT = 720  # taller charts scroll inside this height
ROWS = 50  # agreements drawn at once: the most recent first, older ones a page away

st.title("Timeline")
points, countries, stages = appkit.timeline_points()  # shared: filtered, never changed
if points.empty:
    st.info("No agreements in the store yet.")
    st.stop()

left, middle = st.columns(2)
chosen_countries = left.multiselect("Countries (parties)", countries,
                                    placeholder="All countries")
chosen_stages = middle.multiselect("Stages", stages, default=stages)
by_document = st.toggle(
    "Place agreements without a date of their own at their document's date", value=True,
    help="Such points are hollow: the document reports the stage and was published then.")

shown = points[points["stage"].isin(chosen_stages)]
if chosen_countries:
    wanted = set(chosen_countries)
    shown = shown[shown["countries"].map(lambda cs: bool(wanted & set(cs)))]
dated = shown["when"].notna() & (by_document | (shown["dated_by"] == "agreement"))
placed, undated = shown[dated], shown[~shown["iri"].isin(shown[dated]["iri"])]
years = sorted({int(w[:4]) for w in placed["when"]})
span = years[:1] + years[-1:]
if len(years) > 1:
    span = st.slider("Years", years[0], years[-1], (years[0], years[-1]))
    placed = placed[placed["when"].str[:4].astype(int).between(*span)]

count = placed["iri"].nunique()
if count > ROWS:  # a person reads fifty rows, not thousands
    latest = placed.groupby("iri")["when"].max().sort_values(ascending=False, kind="stable")
    key = f"timeline:{chosen_countries}:{chosen_stages}:{by_document}:{span}"
    offset = pager(key, count, ROWS, "agreements")
    placed = placed[placed["iri"].isin(set(latest.index[offset:offset + ROWS]))]
notes = [f"{count} agreement{'s' * (count != 1)}, {len(placed)} point{'s' * (len(placed) != 1)} "
         "(one per document that reports the agreement)",
         "click a point to open the agreement and its evidence"]
if (placed["dated_by"] == "document").any():
    notes.append("hollow: dated by the document that reports it")
if more := undated["iri"].nunique():
    notes.append(f"{more} more without a date: see the Agreements page")
st.caption(" · ".join(notes))
if placed.empty:
    st.info("No dated agreement matches these filters.")
    st.stop()

# A tall chart scrolls in a box (the time axis is on top): asked for a smaller height,
# the chart would squeeze its rows and drop every other agreement's label instead.
box = (st.container(height=MAX_HEIGHT, border=False)
       if timechart.height(placed) > MAX_HEIGHT else st.container())
spec = timechart.cached_spec(appkit.cache_key(), tuple(placed.index), placed)
event = box.vega_lite_chart(spec, key="timeline", on_select="rerun",
                            selection_mode=timechart.SELECTION)
picked = event.selection.get(timechart.SELECTION) or []
if picked and picked[0].get("iri") in set(placed["iri"]):
    appkit.go("entity", iri=picked[0]["iri"])
