"""How the Graph page draws each kind of node and relation (st-link-analysis styles),
where it puts them and how big it writes their names.

Cytoscape sizes are in graph units, which the zoom scales, and a layout fitted to the
frame decides the zoom. Left to a force layout in the browser, that zoom was anyone's
guess (a dense ball of 300 nodes ended at 1.8 with names sized for 0.3: 50-60 px each),
and the layout ran again on every rerun. So the page lays the graph out itself
(:func:`positions`, once per selection) over a box of about the frame's size: it opens
at a zoom of about 1, the hubs' names (:func:`kg.views.graph.to_elements`) are about 12 px
and always drawn, every other name appears once zoomed in about twice.
"""

from __future__ import annotations

import hashlib
import math

import networkx as nx
from st_link_analysis import EdgeStyle, NodeStyle

from kg.views import graph as kgraph

# kind -> (colour, Material icon bundled with st-link-analysis, Cytoscape shape)
NODE_LOOK = {
    "Person": ("#1f77b4", "person", "ellipse"),
    "Country": ("#ff7f0e", "flag", "round-rectangle"),
    "Organization": ("#2ca02c", "business", "hexagon"),
    "Agreement": ("#d62728", "description", "diamond"),
    "Document": ("#7f7f7f", "folder", "round-tag"),
}
EDGE_COLOURS = {"actsFor": "#1f77b4", "party": "#d62728", "mentions": "#c7c7c7"}
# The drawing's extent in graph units. The frame is 640 px high (and about 900 px wide or
# more in the wide layout): fitted with PADDING, the page opens at a zoom of about 1, so
# sizes in graph units are about sizes on screen in pixels.
BOX = (900.0, 560.0)
PADDING = 30
MAX_EDGES_PER_NODE = 2  # edges drawn at most, per node drawn: the strongest


class ShapedNodeStyle(NodeStyle):
    """NodeStyle plus a Cytoscape shape, so kinds differ in shape as well as colour
    (NodeStyle.dump returns a plain Cytoscape style block we can extend)."""

    def __init__(self, label: str, color: str, icon: str, shape: str) -> None:
        super().__init__(label, color=color, caption="name", icon=icon)
        self.shape = shape

    def dump(self) -> dict:
        out = super().dump()
        out["style"]["shape"] = self.shape
        return out


def node_styles() -> list[NodeStyle]:
    return [ShapedNodeStyle(kind, colour, icon, shape)
            for kind, (colour, icon, shape) in NODE_LOOK.items()]


class RawStyle:
    """A Cytoscape style block passed as is (st-link-analysis calls ``dump``)."""

    def __init__(self, selector: str, style: dict) -> None:
        self.selector, self.style = selector, style

    def dump(self) -> dict:
        return {"selector": self.selector, "style": self.style}


def drawing(net: nx.MultiDiGraph, selection: dict, max_nodes: int) -> dict:
    """What the Graph page draws for ``selection`` (kg.views.graph.filter_network's filters):
    the elements placed by :func:`positions`, how many nodes and edges are drawn and how
    many the selection has, and a token that names this drawing (see :func:`layout`)."""
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


def layout(selection: str) -> dict:
    """The positions given with the elements ("preset"), fitted to the frame. The
    ``selection`` token changes with what is drawn, so the view fits again after a filter
    changes and stays where the user left it when the page only reruns (the component
    lays out again only when these options change)."""
    return {"name": "preset", "fit": True, "padding": PADDING, "animate": False,
            "selection": selection}


def label_styles(n_nodes: int) -> list[RawStyle]:
    """Node and name sizes for a drawing of ``n_nodes`` nodes in ``BOX`` (see the module
    docstring): at the zoom the page opens with (about 1) the hubs' names are ~12 px and
    always drawn, the others hidden until zoomed in about twice."""
    # Cytoscape hides a name below ``min-zoomed-font-size`` (10 px) at the zoom rounded up
    # to a power of two: at ~1 that is 2, so 4.8 units stay hidden (9.6) and show from
    # ~2x on (4 x 4.8); the hubs' 12 units are drawn at any zoom.
    size = min(28.0, max(10.0, 0.35 * math.sqrt(BOX[0] * BOX[1] / max(n_nodes, 1))))
    hub_font, font = 12.0, 4.8
    text = {"text-wrap": "ellipsis", "text-max-width": f"{14 * hub_font:.0f}px",
            "text-background-color": "#ffffff", "text-background-opacity": 0.75,
            "text-background-shape": "round-rectangle",
            "text-background-padding": f"{0.15 * hub_font:.1f}px"}
    return [
        RawStyle("node", {**text, "font-size": f"{font:.1f}px", "min-zoomed-font-size": 10,
                          "width": size, "height": size}),
        RawStyle("node[?hub]", {"font-size": f"{hub_font:.1f}px", "min-zoomed-font-size": 0,
                                "font-weight": "bold", "z-index": 10,
                                "width": 1.6 * size, "height": 1.6 * size}),
        # relation names on edges only once zoomed in, as the other names
        RawStyle("edge", {"width": 1, "arrow-scale": 0.6, "font-size": "4px",
                          "min-zoomed-font-size": 10}),
    ]


def edge_styles() -> list[EdgeStyle]:
    return [EdgeStyle(rel, color=colour, caption="label", directed=True,
                      labeled=None)  # None: the library warns on any bool
            for rel, colour in EDGE_COLOURS.items()]


def legend() -> str:
    return " · ".join(f":material/{icon}: {kind}" for kind, (_, icon, _) in NODE_LOOK.items())
