"""Graph: the stored network, filtered, drawn with st-link-analysis (Cytoscape.js)."""

import streamlit as st
from st_link_analysis import Event, st_link_analysis

import appkit
import netstyle
from kg.views.display import KINDS

st.title("Graph")
net = appkit.network()
if not net:
    st.info("The store is empty: add documents on the Ingest page.")
    st.stop()


MAX_OPTIONS = appkit.GRAPH_OPTIONS  # per filter list; typing in "Find by name" reaches the others


def options(kind: str, text: str) -> dict[str, str]:
    """The nodes of ``kind`` to offer: those whose name contains ``text``, else the most
    mentioned, at most MAX_OPTIONS, by name."""
    found = [(n, d) for n, d in net.nodes(data=True) if d["kind"] == kind
             and text.lower() in d["label"].lower()]
    found = sorted(found, key=lambda p: -p[1]["count"])[:MAX_OPTIONS]
    return dict(sorted(((n, d["label"]) for n, d in found), key=lambda p: p[1].lower()))


def chosen(name: str) -> list[str]:
    return st.session_state.get(name, [])


has_facts = net.number_of_edges() > 0
with st.sidebar:
    st.subheader("Filters")
    kinds = st.multiselect("Entity types", KINDS, default=list(KINDS))
    text = st.text_input("Find by name", placeholder="a country, agreement or document",
                         help=f"The lists below offer the {MAX_OPTIONS} most mentioned; "
                              "type here to reach the others.").strip()
    countries = options("Country", text) | {n: net.nodes[n]["label"]
                                            for n in chosen("graph_countries")}
    agreements = options("Agreement", text) | {n: net.nodes[n]["label"]
                                               for n in chosen("graph_agreements")}
    seen = st.session_state.setdefault("graph_document_names", {})  # chosen ones' names
    seen.update({d["iri"]: appkit.document_option(d)
                 for d in appkit.read("documents_page", 0, MAX_OPTIONS, text)})
    docs = {d: seen[d] for d in [*chosen("graph_documents"), *seen] if d in seen}
    chosen_countries = st.multiselect("Countries (and their neighbours)", list(countries),
                                      format_func=countries.get, key="graph_countries")
    chosen_agreements = st.multiselect("Agreements (and their parties)", list(agreements),
                                       format_func=agreements.get, key="graph_agreements")
    chosen_docs = st.multiselect("Documents", list(docs), format_func=docs.get,
                                 key="graph_documents")
    # Without relation facts the entities would float unconnected: link them to documents.
    show_docs = st.toggle("Show documents", value=not has_facts)
    click_opens = st.toggle("Click a node to open its page", value=True)
    max_nodes = st.slider("Size cap (nodes)", 50, 1000, appkit.GRAPH_NODES, step=50)

view = appkit.drawing(max_nodes, kinds=kinds, countries=chosen_countries,
                      agreements=chosen_agreements, documents=chosen_docs,
                      show_documents=show_docs)
if view["total_nodes"] > max_nodes:
    st.warning(f"The selection has {view['total_nodes']:,} nodes: showing the {max_nodes} "
               "best connected. Narrow it with the filters in the sidebar or raise the cap.")
edges = f"{view['edges']:,} edges"
if view["total_edges"] > view["edges"]:
    edges = (f"{view['edges']:,} of the {view['total_edges']:,} edges among them (those "
             "stated in the most documents)")
st.caption(f"{view['nodes']:,} nodes, {edges} · {netstyle.legend()} · drag, scroll to "
           "zoom, click a node.")
event = st_link_analysis(view["elements"], layout=netstyle.layout(view["token"]), height=640,
                         node_styles=[*netstyle.node_styles(),
                                      *netstyle.label_styles(view["nodes"])],
                         edge_styles=netstyle.edge_styles(),
                         events=[Event("open", "tap", "node")], key="network")

# The component keeps its last event as its value on later reruns: act on each once.
drawn = {n["data"]["id"]: n["data"] for n in view["elements"]["nodes"]}
fresh = event and event.get("timestamp") != st.session_state.get("graph_event_seen")
if fresh and event.get("action") == "open" and event["data"]["target_id"] in drawn:
    st.session_state.graph_event_seen = event["timestamp"]
    node = drawn[event["data"]["target_id"]]
    page, params = (("documents", {"doc": node["id"]}) if node["label"] == "Document"
                    else ("entity", {"iri": node["id"]}))
    if click_opens:
        appkit.go(page, **params)
    appkit.link(page, f"Open {node['name']}", **params)
