"""How the Graph page draws each kind of node and relation (st-link-analysis styles),
and how big it writes their names.

st-link-analysis writes names at 3.6 units and hides any name drawn smaller than 10 px,
so at the zoom that fits a few hundred nodes (about 0.3) no name shows. Cytoscape sizes
are in graph units, which the zoom scales, and the layout fits the graph to the view, so
the zoom falls as the graph grows (about 5.5 / sqrt(nodes)). Sizes are set from that
estimate: the hubs' names (:func:`kg.views.graph.to_elements`) come out about 12 px at the
zoom the page opens with and always show; every other name shows once zoomed in.
"""

from __future__ import annotations

import math

from st_link_analysis import EdgeStyle, NodeStyle
from st_link_analysis.component.layouts import LAYOUTS

# kind -> (colour, Material icon bundled with st-link-analysis, Cytoscape shape)
NODE_LOOK = {
    "Person": ("#1f77b4", "person", "ellipse"),
    "Country": ("#ff7f0e", "flag", "round-rectangle"),
    "Organization": ("#2ca02c", "business", "hexagon"),
    "Agreement": ("#d62728", "description", "diamond"),
    "Document": ("#7f7f7f", "folder", "round-tag"),
}
EDGE_COLOURS = {"actsFor": "#1f77b4", "party": "#d62728", "mentions": "#c7c7c7"}


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


def expected_zoom(n_nodes: int) -> float:
    """The zoom at which the cose layout fits ``n_nodes`` into the page's frame
    (measured: 0.30 to 0.35 at 300 nodes), at most 1.5 for a handful of nodes."""
    return min(1.5, 5.5 / math.sqrt(max(n_nodes, 1)))


def layout() -> dict:
    """cose, without names in the nodes' size: names, most of them hidden until zoomed
    in, would push nodes apart, the graph spread and the fitted zoom shrink until no name
    is readable."""
    return {**LAYOUTS["cose"], "nodeDimensionsIncludeLabels": False}


def label_styles(n_nodes: int) -> list[RawStyle]:
    """Node and name sizes for a drawing of ``n_nodes`` nodes (see the module docstring)."""
    unit = 1 / expected_zoom(n_nodes)  # graph units per screen pixel at the start
    # Cytoscape hides a name below ``min-zoomed-font-size`` at the zoom rounded up to a
    # power of two: a third of the hubs' size keeps other names hidden until about 2x.
    hub_font, font, size = 11 * unit, 11 * unit / 3, max(20.0, 9 * unit)
    text = {"text-wrap": "ellipsis", "text-max-width": f"{22 * hub_font:.0f}px",
            "text-background-color": "#ffffff", "text-background-opacity": 0.75,
            "text-background-shape": "round-rectangle",
            "text-background-padding": f"{0.15 * hub_font:.1f}px"}
    return [
        RawStyle("node", {**text, "font-size": f"{font:.1f}px", "min-zoomed-font-size": 10,
                          "width": size, "height": size}),
        RawStyle("node[?hub]", {"font-size": f"{hub_font:.1f}px", "min-zoomed-font-size": 0,
                                "font-weight": "bold", "z-index": 10,
                                "width": 1.6 * size, "height": 1.6 * size}),
    ]


def edge_styles() -> list[EdgeStyle]:
    return [EdgeStyle(rel, color=colour, caption="label", directed=True,
                      labeled=None)  # None: the library warns on any bool
            for rel, colour in EDGE_COLOURS.items()]


def legend() -> str:
    return " · ".join(f":material/{icon}: {kind}" for kind, (_, icon, _) in NODE_LOOK.items())
