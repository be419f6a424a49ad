"""What the Graph page draws and where (netstyle says how): the selection filtered and
capped, its nodes placed over ``BOX``. Apart from netstyle so that the app's warming
(warming.py, a thread without a page) can compute a drawing without importing
st-link-analysis: a component declared outside a page's run is not registered with the
server, and the page would then draw an empty frame.
"""

from __future__ import annotations

import hashlib

import networkx as nx

from kg.views import graph as kgraph

# The drawing's extent in graph units. The frame is 640 px high (and about 900 px wide or
# more in the wide layout): fitted with netstyle.PADDING, the page opens at a zoom of
# about 1, so sizes in graph units are about sizes on screen in pixels.
BOX = (900.0, 560.0)
MAX_EDGES_PER_NODE = 2  # edges drawn at most, per node drawn: the strongest


def drawing(net: nx.MultiDiGraph, selection: dict, max_nodes: int) -> dict:
    """What the Graph page draws for ``selection`` (kg.views.graph.filter_network's filters):
    the elements placed by :func:`positions`, how many nodes and edges are drawn and how
    many the selection has, and a token that names this drawing (see netstyle.layout)."""
    shown, total_nodes = kgraph.cap(kgraph.filter_network(net, **selection), max_nodes)
    shown, total_edges = kgraph.cap_edges(shown, MAX_EDGES_PER_NODE * len(shown))
    elements = kgraph.to_elements(shown, positions(shown))
    ids = sorted(e["data"]["id"] for part in elements.values() for e in part)
    token = hashlib.sha256("\n".join(ids).encode()).hexdigest()[:16]
    return {"elements": elements, "nodes": len(shown), "total_nodes": total_nodes,
            "edges": shown.number_of_edges(), "total_edges": total_edges, "token": token}


def positions(g: nx.Graph) -> dict[str, tuple[float, float]]:
    """Where each node is drawn: a spring layout (seeded: the same graph always gets the
    same picture) stretched over ``BOX``. Computed here, once per selection, so the page
    knows the zoom it opens at and a rerun (a click) does not lay the graph out again."""
    if len(g) <= 1:
        return {n: (BOX[0] / 2, BOX[1] / 2) for n in g}
    simple = nx.Graph(g.to_undirected(as_view=True))
    pos = nx.spring_layout(simple, seed=0)
    out = {}
    lows = [min(p[i] for p in pos.values()) for i in (0, 1)]
    spans = [max(p[i] for p in pos.values()) - low or 1.0 for i, low in enumerate(lows)]
    for n, p in pos.items():
        out[n] = tuple(round(float((p[i] - lows[i]) / spans[i] * BOX[i]), 1) for i in (0, 1))
    return out
