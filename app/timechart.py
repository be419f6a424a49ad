"""How the Timeline page draws agreements in time (Altair / Vega-Lite, bundled with
Streamlit, so the chart needs no network).

The page draws :func:`spec`, cached per set of points and store version: Altair's build
and schema check of the chart (~60 ms for 50 agreements) is paid once, not on every
rerun, and Streamlit sends the same spec again, so the chart only takes new data when the
points change. Above ``CANVAS_POINTS`` the browser draws on a canvas (one element)
instead of an SVG element per point with its label for screen readers: Streamlit itself
switches at 2,000 points a dataset; at 1,200 points the SVG cost the browser ~0.1 CPU-s
more per visit (docs/benchmarks.md).
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from kg.core.constants import STAGES
from kg.views.timeline import NO_STAGE

# stage -> colour: cool for the early stages, green once signed, blue in force, red ended
STAGE_COLOURS = {"planned": "#9467bd", "negotiating": "#ff7f0e", "agreed": "#bcbd22",
                 "signed": "#2ca02c", "in force": "#1f77b4", "ended": "#d62728",
                 NO_STAGE: "#7f7f7f"}
ROW_PX = 26  # height of one agreement's row
SELECTION = "pick"  # the point selection's name: the page reads it from the event
DATASET = "points"  # the chart's named dataset (Streamlit sends it as Arrow)
CANVAS_POINTS = 500  # more points than this: drawn on a canvas (see the module docstring)


def chart_data(points: pd.DataFrame) -> pd.DataFrame:
    """The columns the chart encodes and its tooltips show, as plain text."""
    return pd.DataFrame({
        "iri": points["iri"], "row": points["row"], "when": points["when"],
        "stage": points["stage"], "agreement": points["agreement"],
        "date": [f"{d} (the document's date)" if by == "document" else d
                 for d, by in zip(points["date"], points["dated_by"])],
        "dated_by": points["dated_by"],
        "parties": points["parties"].map("; ".join),
        "document": [t if isinstance(t, str) and t else f for t, f in
                     zip(points["title"], points["file_name"])],
    })


def height(points: pd.DataFrame) -> int:
    return ROW_PX * points["row"].nunique() + 110  # legend and time axis on top


@st.cache_data(show_spinner=False, max_entries=32)
def cached_spec(store: tuple, rows: tuple, _points: pd.DataFrame) -> dict:
    """:func:`spec` of ``_points``, the rows ``rows`` (their index labels) of the
    timeline of ``store`` (appkit.cache_key: the store and its version): what names them
    for the cache (the frame itself is not hashed)."""
    return spec(_points)


def spec(points: pd.DataFrame) -> dict:
    """The chart of ``points`` as a Vega-Lite spec for ``st.vega_lite_chart``, its rows a
    named dataset (a DataFrame: Streamlit sends it as Arrow)."""
    data = chart_data(points)
    out = chart(points, alt.NamedData(name=DATASET)).to_dict()
    config = out.get("config", {})
    config.pop("view", None)  # Altair's default theme's 300 px; Streamlit sizes the chart
    if not config:
        out.pop("config", None)
    out["datasets"] = {DATASET: data}
    if len(data) > CANVAS_POINTS:
        out["usermeta"] = {"embedOptions": {"renderer": "canvas"}}
    return out


def chart(points: pd.DataFrame, data=None) -> alt.LayerChart:
    """Agreements as rows in order of their first date; one point per (agreement,
    document) at its date, coloured by stage, hollow when the date is the document's;
    points of one agreement joined by a line. A click selects the agreement's IRI.
    ``data``: where the chart reads the rows (default: ``chart_data(points)`` itself)."""
    rows = chart_data(points)
    data = rows if data is None else data
    order = list(dict.fromkeys(rows.sort_values("when")["row"]))
    colours = alt.Scale(domain=[*STAGES, NO_STAGE], range=list(STAGE_COLOURS.values()))
    x = alt.X("when:T", title=None, scale=alt.Scale(type="utc"),
              axis=alt.Axis(orient="top", grid=True, labelFontSize=12))
    y = alt.Y("row:N", sort=order, title=None,
              axis=alt.Axis(labelLimit=360, labelFontSize=12, grid=True, gridOpacity=0.3))
    pick = alt.selection_point(name=SELECTION, fields=["iri"], on="click")
    base = alt.Chart(data).encode(x=x, y=y)
    lines = base.mark_line(color="#b0b0b0", strokeWidth=1.5).encode(detail="iri:N")
    dots = base.mark_point(filled=False, size=140, strokeWidth=2.5, opacity=1,
                           cursor="pointer").encode(
        color=alt.Color("stage:N", scale=colours, legend=alt.Legend(title="Stage", orient="top")),
        fill=alt.condition(alt.datum.dated_by == "agreement",
                           alt.Fill("stage:N", scale=colours, legend=None),
                           alt.value("white")),
        tooltip=[alt.Tooltip("agreement:N", title="Agreement"),
                 alt.Tooltip("stage:N", title="Stage"), alt.Tooltip("date:N", title="Date"),
                 alt.Tooltip("parties:N", title="Parties"),
                 alt.Tooltip("document:N", title="Document")],
    ).add_params(pick)
    return (lines + dots).properties(height=height(points))
