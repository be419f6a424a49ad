"""Graph: the stored network, filtered, drawn with st-link-analysis (Cytoscape.js)."""

import streamlit as st
from st_link_analysis import Event, st_link_analysis

import appkit
import netstyle
from kg.views import graph as kgraph
from kg.views.display import KINDS

st.title("Graph")
net = appkit.network()
if not net:
    st.info("The store is empty: add documents on the Ingest page.")
    st.stop()


def options(kind: str) -> dict[str, str]:
    pairs = ((n, d["label"]) for n, d in net.nodes(data=True) if d["kind"] == kind)
    return dict(sorted(pairs, key=lambda p: p[1].lower()))


countries, agreements = options("Country"), options("Agreement")
docs = {n: appkit.document_option({"title": net.nodes[n]["title"], "file_name": name})
        for n, name in options("Document").items()}
has_facts = any(k != "mentions" for _, _, k in net.edges(keys=True))
with st.sidebar:
    st.subheader("Filters")
    kinds = st.multiselect("Entity types", KINDS, default=list(KINDS))
    chosen_countries = st.multiselect("Countries (and their neighbours)", list(countries),
                                      format_func=countries.get)
    chosen_agreements = st.multiselect("Agreements (and their parties)", list(agreements),
                                       format_func=agreements.get)
    chosen_docs = st.multiselect("Documents", list(docs), format_func=docs.get)
    # Without relation facts the entities would float unconnected: link them to documents.
    show_docs = st.toggle("Show documents", value=not has_facts)
    click_opens = st.toggle("Click a node to open its page", value=True)
    max_nodes = st.slider("Size cap (nodes)", 50, 1000, 300, step=50)

shown = kgraph.filter_network(net, kinds=kinds, countries=chosen_countries,
                              agreements=chosen_agreements, documents=chosen_docs,
                              show_documents=show_docs)
shown, total = kgraph.cap(shown, max_nodes)
if total > max_nodes:
    st.warning(f"The selection has {total:,} nodes: showing the {max_nodes} best connected. "
               "Narrow it with the filters in the sidebar or raise the cap.")
st.caption(f"{shown.number_of_nodes():,} nodes, {shown.number_of_edges():,} edges · "
           f"{netstyle.legend()} · drag, scroll to zoom, click a node.")
event = st_link_analysis(kgraph.to_elements(shown), layout=netstyle.layout(), height=640,
                         node_styles=[*netstyle.node_styles(),
                                      *netstyle.label_styles(shown.number_of_nodes())],
                         edge_styles=netstyle.edge_styles(),
                         events=[Event("open", "tap", "node")], key="network")

# The component keeps its last event as its value on later reruns: act on each once.
fresh = event and event.get("timestamp") != st.session_state.get("graph_event_seen")
if fresh and event.get("action") == "open" and event["data"]["target_id"] in net:
    st.session_state.graph_event_seen = event["timestamp"]
    node = event["data"]["target_id"]
    page, params = (("documents", {"doc": node}) if net.nodes[node]["kind"] == "Document"
                    else ("entity", {"iri": node}))
    if click_opens:
        appkit.go(page, **params)
    appkit.link(page, f"Open {net.nodes[node]['label']}", **params)
