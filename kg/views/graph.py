"""The stored graph as networkx: the entity network the Graph page draws and the actor
graph the Analytics page measures.

``entity_network`` keeps every stored relation between entities (and, as nodes, the
documents that mention them). ``actor_graph`` is its undirected, weighted summary for
measures: fact edges (actsFor, party) plus derived links between countries that are
parties to the same agreement ("co-party") and, optionally, countries mentioned in the
same document ("co-mention").
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable

import networkx as nx
import numpy as np
import pandas as pd
from scipy import sparse

from kg.archive import catalog
from kg.store.base import Store
from kg.views.display import KINDS, entity_label

FACT_RELATIONS = ("actsFor", "party")
DERIVED_RELATIONS = ("co-party", "co-mention")
def entity_network(store: Store, *, documents: bool = True) -> nx.MultiDiGraph:
    """Entities (kind, label, ``count`` of documents) as nodes, actsFor and party as
    edges keyed by relation, each with its ``weight`` (the documents that state it);
    with ``documents``, the documents too (their file name as label, and title), linked
    to the entities they declare, and each entity's set of ``documents``. Read from the
    catalog the write path keeps (kg.archive.catalog): no scan of the documents'
    graphs."""
    cat = catalog.current(store)
    g = nx.MultiDiGraph()
    for iri, e in cat.entities.items():
        g.add_node(iri, kind=e.kind, label=entity_label(e), count=e.documents,
                   documents=set())
    for (s, p, o), n in cat.relations.items():
        if s in g and o in g:
            g.add_edge(s, o, key=p, relation=p, weight=n)
    if documents:
        _add_documents(g, cat, catalog.current_documents(store))
    return g


def _add_documents(g: nx.MultiDiGraph, cat, docs: list[dict]) -> None:
    for doc in docs:
        g.add_node(doc["iri"], kind="Document", label=doc["file_name"] or doc["iri"],
                   title=doc["title"], count=1, documents={doc["iri"]})
        for e in cat.declared.get(doc["iri"], ()):
            g.nodes[e]["documents"].add(doc["iri"])
            g.add_edge(doc["iri"], e, key="mentions", relation="mentions", weight=1)


def actor_graph(store: Store, *, co_mention: bool = False) -> nx.Graph:
    """The undirected actor graph of the store (see :func:`actors`)."""
    return actors(entity_network(store), co_mention=co_mention)


def actors(network: nx.MultiDiGraph, *, co_mention: bool = False) -> nx.Graph:
    """Entities only; an edge's ``relations`` says why two actors are linked and its
    ``weight`` how many times."""
    g = nx.Graph()
    g.add_nodes_from((n, d) for n, d in network.nodes(data=True) if d["kind"] != "Document")
    for s, o, rel in network.edges(keys=True):
        if rel in FACT_RELATIONS:
            _link(g, s, o, rel)
    countries = [n for n, d in g.nodes(data=True) if d["kind"] == "Country"]
    agreements = [n for n, d in g.nodes(data=True) if d["kind"] == "Agreement"]
    _link_together(g, _incidence(network, agreements, countries, "party"), countries,
                   "co-party")
    if co_mention:
        documents = [n for n, d in network.nodes(data=True) if d["kind"] == "Document"]
        _link_together(g, _incidence(network, documents, countries, "mentions"), countries,
                       "co-mention")
    return g


def _incidence(network: nx.MultiDiGraph, groups: list[str], members: list[str],
               relation: str) -> sparse.csr_array:
    """groups x members, 1 where a group's ``relation`` edge reaches a member."""
    column = {m: j for j, m in enumerate(members)}
    pairs = {(i, column[o]) for i, n in enumerate(groups)
             for _, o, rel in network.out_edges(n, keys=True)
             if rel == relation and o in column}
    rows, cols = zip(*pairs) if pairs else ((), ())
    return sparse.csr_array((np.ones(len(pairs)), (rows, cols)),
                            shape=(len(groups), len(members)))


def _link_together(g: nx.Graph, incidence: sparse.csr_array, members: list[str],
                   relation: str) -> None:
    """Link every two members of a group, weighted by how many groups they share: the
    product of the incidence with itself (566,000 pairs of countries in the same
    agreement at 10,000 documents, counted in one sparse product, not one by one)."""
    shared = sparse.triu(incidence.T @ incidence, k=1).tocoo()
    for i, j, n in zip(shared.row, shared.col, shared.data):
        _link(g, members[i], members[j], relation, int(n))


def _link(g: nx.Graph, a: str, b: str, relation: str, times: int = 1) -> None:
    if g.has_edge(a, b):
        g.edges[a, b]["relations"].add(relation)
        g.edges[a, b]["weight"] += times
    else:
        g.add_edge(a, b, relations={relation}, weight=times)


def _linked(g: nx.Graph) -> nx.Graph:
    """The nodes with an edge, and the edges' weights, as a graph of their own:
    measures that walk every edge (PageRank builds a matrix of them) would walk a
    subgraph view's filters with each (1.2 of the 1.6 CPU-s PageRank took at 10,000
    documents)."""
    linked = nx.Graph()
    linked.add_nodes_from((n, d) for n, d in g.nodes(data=True) if g.degree(n) > 0)
    linked.add_weighted_edges_from(g.edges(data="weight"))  # all the measures read
    return linked


def centrality_table(g: nx.Graph, *, betweenness: bool = True, pagerank: bool = True,
                     sample_above: int = 100) -> pd.DataFrame:
    """Degree, degree centrality, PageRank (``pagerank``) and betweenness
    (``betweenness``) of every linked node, most central first; a measure not asked for
    leaves its column empty. On graphs larger than ``sample_above`` nodes betweenness is
    estimated from that many seeded pivots (exact is O(nm): 2.4 s at 650 actors, 0.4 s
    sampled; sampled still takes 17 s at 9,000, so it is asked for). Degree alone needs
    no copy of the graph: PageRank's copy and matrix were 0.5 of the Analytics page's
    first 2.2 CPU-s at 10,000 documents."""
    columns = ["label", "kind", "degree", "degree_centrality", "betweenness", "pagerank",
               "iri"]
    degree = {n: d for n, d in g.degree() if d > 0}
    if not degree:
        return pd.DataFrame(columns=columns)
    linked = _linked(g) if betweenness or pagerank else None
    k = sample_above if len(degree) > sample_above else None
    between = nx.betweenness_centrality(linked, k=k, seed=0) if betweenness else {}
    ranks = nx.pagerank(linked, weight="weight") if pagerank else {}
    scale = 1 / (len(degree) - 1) if len(degree) > 1 else 1  # as nx.degree_centrality
    nodes = g.nodes
    rows = [{"label": nodes[n]["label"], "kind": nodes[n]["kind"], "degree": d,
             "degree_centrality": d * scale, "betweenness": between.get(n),
             "pagerank": ranks.get(n), "iri": n} for n, d in degree.items()]
    df = pd.DataFrame(rows, columns=columns)
    order = ["degree_centrality", "betweenness" if betweenness else "pagerank", "label"]
    return df.sort_values(order, ascending=[False, False, True], ignore_index=True)


def communities(g: nx.Graph) -> list[set[str]]:
    """Louvain communities of the linked nodes, largest first (seeded: stable output)."""
    linked = _linked(g)
    if not linked:
        return []
    found = nx.community.louvain_communities(linked, weight="weight", seed=0)
    return sorted(found, key=lambda c: (-len(c), min(c)))


def communities_table(g: nx.Graph, *, max_members: int = 12) -> pd.DataFrame:
    rows = []
    for i, members in enumerate(communities(g), start=1):
        ranked = sorted(members, key=lambda n: (-g.degree(n), g.nodes[n]["label"]))
        names = [g.nodes[n]["label"] for n in ranked[:max_members]]
        more = f" (+{len(members) - max_members})" if len(members) > max_members else ""
        rows.append({"community": i, "size": len(members),
                     "members": ", ".join(names) + more})
    return pd.DataFrame(rows, columns=["community", "size", "members"])


def shortest_path(g: nx.Graph, a: str, b: str, *, facts_only: bool = True) -> list[str] | None:
    """Nodes from ``a`` to ``b``, or None. With ``facts_only`` the derived links are left
    out, so every step is a stored fact (Japan -party- agreement -party- United States)
    rather than an unexplained "co-party" shortcut."""
    if facts_only:
        g = g.edge_subgraph([(u, v) for u, v, rel in g.edges(data="relations")
                             if rel & set(FACT_RELATIONS)])
    try:
        return nx.shortest_path(g, a, b)
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return None


def path_steps(g: nx.Graph, path: list[str]) -> list[dict]:
    """The hops of a path as rows: from, relation, to."""
    return [{"from": g.nodes[a]["label"],
             "relation": ", ".join(sorted(g.edges[a, b]["relations"])),
             "to": g.nodes[b]["label"]} for a, b in zip(path, path[1:])]


def filter_network(net: nx.MultiDiGraph, *, kinds: Iterable[str] = KINDS,
                   countries: Iterable[str] = (), agreements: Iterable[str] = (),
                   documents: Iterable[str] = (), show_documents: bool = False
                   ) -> nx.MultiDiGraph:
    """The part of ``net`` to draw, as a read-only view (copying ten thousand nodes to
    keep three hundred costs more than the rest). Chosen countries and agreements are
    shown with their direct neighbours (always, whatever the kind filter, so their edges
    make sense); chosen documents keep only what they mention. Without any filter, the
    network itself: read it, never change it."""
    kinds, focus, docs = set(kinds), set(countries) | set(agreements), set(documents)
    keep = {n for n, d in net.nodes(data=True)
            if d["kind"] in kinds and (not docs or d["documents"] & docs)}
    if focus:
        # neighbours by a fact: a mention joins a document, never two entities
        near = {m for n in focus if n in net for m in nx.all_neighbors(net, n)
                if net.nodes[m]["kind"] != "Document"}
        keep = (keep & near) | (focus & set(net))
    if show_documents:
        keep |= {d for n in keep for d in net.nodes[n]["documents"] if not docs or d in docs}
    if len(keep) == len(net):  # no filter: a view would only slow every walk over it
        return net
    return net.subgraph(keep)


def _ranked(g: nx.MultiDiGraph) -> list[str]:
    """Nodes, the best connected first (ties by label, so the order is stable). Degrees
    are counted in one pass over the edges: ``degree()`` of a filtered view walks its
    filters again for every node (seconds for 10,000 nodes)."""
    degree: Counter = Counter()
    for s, o in g.edges():
        degree[s] += 1
        degree[o] += 1
    return sorted(g, key=lambda n: (-degree[n], g.nodes[n]["label"]))


def cap(g: nx.MultiDiGraph, max_nodes: int) -> tuple[nx.MultiDiGraph, int]:
    """At most ``max_nodes`` nodes, the best connected first; also the size before."""
    total = g.number_of_nodes()
    if total <= max_nodes:
        return g, total
    top = _ranked(g)[:max_nodes]
    kept, chosen = nx.MultiDiGraph(), set(top)
    kept.add_nodes_from((n, g.nodes[n]) for n in top)
    kept.add_edges_from((s, o, k, d) for s, o, k, d in g.edges(top, keys=True, data=True)
                        if o in chosen)
    return kept, total


def cap_edges(g: nx.MultiDiGraph, max_edges: int) -> tuple[nx.MultiDiGraph, int]:
    """At most ``max_edges`` edges of ``g`` (every node kept): those stated in the most
    documents first (``weight``), then those between the best connected nodes; also how
    many edges there were. A few hundred nodes can have thousands of edges among them,
    more than anyone can follow in a drawing."""
    total = g.number_of_edges()
    if total <= max_edges:
        return g, total
    degree = dict(g.degree())
    ranked = sorted(g.edges(keys=True, data="weight", default=1),
                    key=lambda e: (-e[3], -(degree[e[0]] + degree[e[1]]), e[0], e[1], e[2]))
    kept = nx.MultiDiGraph()
    kept.add_nodes_from(g.nodes(data=True))
    kept.add_edges_from((s, o, k, g.edges[s, o, k]) for s, o, k, _ in ranked[:max_edges])
    return kept, total


def hub_count(n_nodes: int) -> int:
    """How many of ``n_nodes`` count as hubs: all of a small graph (up to 40 nodes), else
    a tenth, between 20 and 40."""
    return n_nodes if n_nodes <= 40 else max(20, min(40, n_nodes // 10))


def to_elements(g: nx.MultiDiGraph, positions: dict | None = None) -> dict:
    """st-link-analysis (Cytoscape.js) elements: a node's ``label`` is its kind, which
    the styles select on; ``name`` is its caption; ``degree`` counts its edges in ``g``
    and ``hub`` marks the best connected nodes (:func:`hub_count` of them), whose names
    the Graph page shows at any zoom. ``positions`` (node -> (x, y)) places the nodes."""
    hubs = set(_ranked(g)[:hub_count(len(g))])
    nodes = [{"data": {"id": n, "label": d["kind"], "name": d["label"],
                       "documents": d["count"], "degree": g.degree(n),
                       "hub": n in hubs}} for n, d in g.nodes(data=True)]
    for node in nodes if positions else ():
        x, y = positions[node["data"]["id"]]
        node["position"] = {"x": x, "y": y}
    edges = [{"data": {"id": f"{s}|{rel}|{o}", "source": s, "target": o, "label": rel}}
             for s, o, rel in g.edges(keys=True)]
    return {"nodes": nodes, "edges": edges}
