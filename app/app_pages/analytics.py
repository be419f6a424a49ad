"""Analytics: networkx measures over the actor graph (kg.views.graph)."""

import networkx as nx
import streamlit as st

import appkit
from factrows import pager
from kg.views import graph as kgraph

TABLE_ROWS = 50

st.title("Analytics")
st.caption("The actor graph links persons to the states they act for, agreements to their "
           "parties, and countries that are parties to the same agreement (co-party).")
co_mention = st.toggle("Also link countries mentioned in the same document (co-mention)")
g = appkit.actors(co_mention)
# isolated actors are no group (counted on the graph itself: a subgraph view's filters
# cost 0.1 CPU-s at 10,000 documents)
groups = nx.number_connected_components(g) - nx.number_of_isolates(g)
a, b, c = st.columns(3)
a.metric("Actors", f"{g.number_of_nodes():,}")
b.metric("Links", f"{g.number_of_edges():,}")
c.metric("Connected groups", f"{groups:,}")
if not g.number_of_edges():
    st.info("No links between actors yet: the store has no actsFor/party facts. Turn on "
            "co-mention to link countries that appear together.")
    st.stop()

st.subheader("Most central actors")
measure = st.selectbox("Measure", ["degree_centrality", "pagerank", "betweenness"],
                       help="Betweenness is estimated from 100 sampled actors: on a "
                            "large graph it takes a while, so it is computed when chosen.")
# the default measure needs neither PageRank nor betweenness: each is computed when chosen
centrality = appkit.centrality(co_mention, betweenness=measure == "betweenness",
                               pagerank=measure != "degree_centrality")
top = centrality.nlargest(20, measure)
st.bar_chart(top, x="label", y=measure, horizontal=True, sort=f"-{measure}")
shown = centrality.drop(columns=[c for c in ("betweenness", "pagerank")
                                 if centrality[c].isna().all()])
# thousands of actors: the table in pages, by the chosen measure (a browser redraws every
# row it is sent on each visit)
shown = shown.sort_values(measure, ascending=False, kind="stable")
offset = pager(f"centrality:{co_mention}:{measure}", len(shown), TABLE_ROWS, "actors",
               order=f"by {measure}", moves=("← Higher", "Lower →"))
st.dataframe(shown.iloc[offset:offset + TABLE_ROWS].drop(columns="iri"), hide_index=True,
             height=300)

st.subheader("Communities (Louvain)")
# seconds on a large graph: found when asked for, then kept until the store changes
if st.toggle("Find communities", key="find_communities"):
    st.dataframe(appkit.communities(co_mention), hide_index=True)

st.subheader("Shortest path between two countries")
countries = {n: d["label"] for n, d in g.nodes(data=True) if d["kind"] == "Country"}
names = sorted(countries, key=countries.get)
left, right = st.columns(2)
start = left.selectbox("From", names, format_func=countries.get, index=None)
end = right.selectbox("To", names, format_func=countries.get, index=None)
facts_only = st.toggle("Stored facts only (no co-party / co-mention shortcuts)", value=True)
if start and end:
    path = kgraph.shortest_path(g, start, end, facts_only=facts_only)
    if path is None:
        st.warning(f"No path between {countries[start]} and {countries[end]}.")
    else:
        st.success(" → ".join(g.nodes[n]["label"] for n in path))
        st.dataframe(kgraph.path_steps(g, path), hide_index=True)
