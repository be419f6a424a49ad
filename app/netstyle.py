"""How the Graph page draws each kind of node and relation (st-link-analysis styles),
where it puts them and how big it writes their names.

Cytoscape sizes are in graph units, which the zoom scales, and a layout fitted to the
frame decides the zoom. Left to a force layout in the browser, that zoom was anyone's
guess (a dense ball of 300 nodes ended at 1.8 with names sized for 0.3: 50-60 px each),
and the layout ran again on every rerun. So the page lays the graph out itself
(:func:`netdraw.positions`, once per selection) over a box of about the frame's size: it opens
at a zoom of about 1, the hubs' names (:func:`kg.views.graph.to_elements`) are about 12 px
and always drawn, every other name appears once zoomed in about twice.
"""

from __future__ import annotations

import math

from st_link_analysis import EdgeStyle, NodeStyle

from netdraw import BOX

# kind -> (colour, Material icon bundled with st-link-analysis, Cytoscape shape)
NODE_LOOK = {
    "Person": ("#1f77b4", "person", "ellipse"),
    "Country": ("#ff7f0e", "flag", "round-rectangle"),
    "Organization": ("#2ca02c", "business", "hexagon"),
    "Agreement": ("#d62728", "description", "diamond"),
    "Document": ("#7f7f7f", "folder", "round-tag"),
}
EDGE_COLOURS = {"actsFor": "#1f77b4", "party": "#d62728", "mentions": "#c7c7c7"}
PADDING = 30  # around the drawing (BOX, netdraw) when fitted to the frame


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
