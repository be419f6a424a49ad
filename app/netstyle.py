"""How the Graph page draws each kind of node and relation (st-link-analysis styles)."""

from __future__ import annotations

from st_link_analysis import EdgeStyle, NodeStyle

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


def edge_styles() -> list[EdgeStyle]:
    return [EdgeStyle(rel, color=colour, caption="label", directed=True,
                      labeled=None)  # None: the library warns on any bool
            for rel, colour in EDGE_COLOURS.items()]


def legend() -> str:
    return " · ".join(f":material/{icon}: {kind}" for kind, (_, icon, _) in NODE_LOOK.items())
