"""kg.views.graph on a store built from hand-written records (tests/app_data.py)."""

from __future__ import annotations

import networkx as nx
import pytest

import app_data as data
from kg.views import graph


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    st = data.build_store(tmp_path_factory.mktemp("graph") / "s")
    yield st
    st.close()


@pytest.fixture(scope="module")
def net(store):
    return graph.entity_network(store)


@pytest.fixture(scope="module")
def actors(store):
    return graph.actor_graph(store)


US, JP, AU, PH = (str(c) for c in (data.US, data.JP, data.AU, data.PH))


def test_entity_network_nodes_edges_and_documents(net):
    kinds = [d["kind"] for _, d in net.nodes(data=True)]
    assert sorted(set(kinds)) == ["Agreement", "Country", "Document", "Organization", "Person"]
    assert kinds.count("Document") == 3 and kinds.count("Country") == 4
    assert net.has_edge(str(data.BLINKEN), US, key="actsFor")
    assert net.has_edge(str(data.DCA), JP, key="party")
    assert net.nodes[JP]["label"] == "Japan"
    assert len(net.nodes[JP]["documents"]) == 3
    assert sum(1 for *_, k in net.edges(keys=True) if k == "mentions") == 13


def test_actor_graph_links_co_parties_and_leaves_documents_out(actors):
    assert all(d["kind"] != "Document" for _, d in actors.nodes(data=True))
    assert actors.edges[US, JP]["relations"] == {"co-party"}
    assert actors.edges[str(data.DCA), US]["relations"] == {"party"}
    assert not actors.has_edge(US, AU)


def test_co_mention_is_optional(store):
    with_mentions = graph.actor_graph(store, co_mention=True)
    assert with_mentions.edges[US, JP]["relations"] == {"co-party", "co-mention"}
    assert with_mentions.edges[US, JP]["weight"] == 2


@pytest.mark.parametrize("edges, pair, relations, weight, count", [
    ([("p", "a", "actsFor"), ("a", "p", "party")], ("a", "p"), {"actsFor", "party"}, 2, 1),
    ([("x", "a", "party"), ("x", "b", "party"), ("y", "b", "party"), ("y", "a", "party")],
     ("b", "a"), {"co-party"}, 2, 5),
])
def test_actor_graph_counts_each_link_once_either_way_round(edges, pair, relations, weight,
                                                            count):
    import networkx as nx

    network = nx.MultiDiGraph()
    network.add_nodes_from([("a", {"kind": "Country"}), ("b", {"kind": "Country"}),
                            ("p", {"kind": "Person"}), ("x", {"kind": "Agreement"}),
                            ("y", {"kind": "Agreement"})])
    for s, o, rel in edges:
        network.add_edge(s, o, key=rel)
    g = graph.actors(network)
    assert g.edges[pair]["relations"] == relations and g.edges[pair]["weight"] == weight
    assert g.number_of_edges() == count


def test_the_hub_country_is_most_central(actors):
    table = graph.centrality_table(actors)
    assert table.iloc[0]["label"] == "Japan"
    assert table.iloc[0]["iri"] == JP
    japan = table.set_index("iri").loc[JP]
    assert japan["betweenness"] == table["betweenness"].max()
    assert japan["degree"] == 7  # 3 agreements, Hayashi, 3 co-parties
    assert "North Atlantic Treaty Organization" not in set(table["label"])  # unlinked


def test_centrality_without_betweenness_leaves_it_empty(actors):
    table = graph.centrality_table(actors, betweenness=False)
    assert table.iloc[0]["label"] == "Japan" and table["betweenness"].isna().all()
    assert table["pagerank"].notna().all()


def test_centrality_of_degree_alone_matches_networkx_and_leaves_the_others_empty(actors):
    table = graph.centrality_table(actors, betweenness=False, pagerank=False)
    linked = actors.subgraph(n for n in actors if actors.degree(n))
    expected = nx.degree_centrality(linked)
    assert dict(zip(table["iri"], table["degree_centrality"])) == pytest.approx(expected)
    assert table.iloc[0]["label"] == "Japan"
    assert table["pagerank"].isna().all() and table["betweenness"].isna().all()


def test_shortest_path_between_countries_goes_through_the_agreements(actors):
    assert graph.shortest_path(actors, US, AU) == [US, str(data.DCA), JP, str(data.RAA), AU]
    assert graph.shortest_path(actors, US, AU, facts_only=False) == [US, JP, AU]
    steps = graph.path_steps(actors, graph.shortest_path(actors, US, JP))
    assert steps == [{"from": "United States", "relation": "party",
                      "to": "Defence Cooperation Arrangement"},
                     {"from": "Defence Cooperation Arrangement", "relation": "party",
                      "to": "Japan"}]


def test_shortest_path_without_a_path(actors):
    nato = next(n for n, d in actors.nodes(data=True) if d["kind"] == "Organization")
    assert graph.shortest_path(actors, US, nato) is None
    assert graph.shortest_path(actors, US, "https://example.org/none") is None


def test_communities_partition_the_linked_actors(actors):
    found = graph.communities(actors)
    linked = {n for n in actors if actors.degree(n)}
    assert set().union(*found) == linked
    assert sum(len(c) for c in found) == len(linked)
    table = graph.communities_table(actors)
    assert list(table["size"]) == sorted(table["size"], reverse=True)


def test_filter_by_country_keeps_its_neighbours(net):
    shown = graph.filter_network(net, countries=[AU])
    labels = {d["label"] for _, d in shown.nodes(data=True)}
    assert labels == {"Australia", "Reciprocal Access Agreement", "Penny Wong"}


def test_filter_by_kind_document_and_agreement(net):
    persons = graph.filter_network(net, kinds=["Person"])
    assert {d["kind"] for _, d in persons.nodes(data=True)} == {"Person"}
    doc = next(n for n, d in net.nodes(data=True) if d["label"] == "japan-philippines.txt")
    in_doc = graph.filter_network(net, documents=[doc], show_documents=True)
    assert {d["label"] for _, d in in_doc.nodes(data=True)} == {
        "Japan", "Philippines", "Visiting Forces Agreement", "japan-philippines.txt"}
    vfa = graph.filter_network(net, agreements=[str(data.VFA)], kinds=["Country"])
    assert {d["label"] for _, d in vfa.nodes(data=True)} == {
        "Japan", "Philippines", "Visiting Forces Agreement"}


def test_cap_keeps_the_best_connected_nodes(net):
    capped, total = graph.cap(net, 2)
    assert total == net.number_of_nodes() and capped.number_of_nodes() == 2
    assert JP in capped
    same, total = graph.cap(net, 1000)
    assert same is net and total == net.number_of_nodes()


def test_cap_edges_keeps_the_strongest_and_every_node():
    import networkx as nx

    g = nx.MultiDiGraph()
    g.add_nodes_from("abcd")
    g.add_edge("a", "b", key="party", weight=5)
    g.add_edge("c", "b", key="party", weight=1)
    g.add_edge("d", "b", key="actsFor", weight=3)
    kept, total = graph.cap_edges(g, 2)
    assert total == 3 and set(kept) == set("abcd")
    assert set(kept.edges(keys=True)) == {("a", "b", "party"), ("d", "b", "actsFor")}
    same, total = graph.cap_edges(g, 3)
    assert same is g and total == 3


def test_cytoscape_elements_place_nodes_where_asked(net):
    shown = graph.filter_network(net, countries=[PH])
    where = {n: (float(i), 2.0 * i) for i, n in enumerate(shown)}
    nodes = graph.to_elements(shown, where)["nodes"]
    assert {n["data"]["id"]: (n["position"]["x"], n["position"]["y"]) for n in nodes} == where


def test_cytoscape_elements(net):
    elements = graph.to_elements(graph.filter_network(net, countries=[PH]))
    nodes = {n["data"]["id"]: n["data"] for n in elements["nodes"]}
    assert nodes[PH]["label"] == "Country" and nodes[PH]["name"] == "Philippines"
    assert {(e["data"]["source"], e["data"]["label"], e["data"]["target"])
            for e in elements["edges"]} == {(str(data.VFA), "party", PH)}


def test_cytoscape_elements_mark_the_best_connected_as_hubs():
    import networkx as nx

    star = nx.MultiDiGraph()
    for hub in range(25):  # 25 countries with 1..25 envoys each: 350 envoys in all
        star.add_node(f"c{hub}", kind="Country", label=f"Country {hub:02d}", count=1)
        for i in range(hub + 1):
            star.add_node(f"e{hub}-{i}", kind="Person", label=f"Envoy {hub}-{i}",
                          count=1)
            star.add_edge(f"e{hub}-{i}", f"c{hub}", key="actsFor")
    nodes = {n["data"]["id"]: n["data"] for n in graph.to_elements(star)["nodes"]}
    hubs = {n for n, d in nodes.items() if d["hub"]}
    assert len(nodes) == 350 and graph.hub_count(350) == 35
    assert len(hubs) == 35 and {f"c{i}" for i in range(25)} <= hubs
    assert min(nodes[n]["degree"] for n in hubs) >= max(
        d["degree"] for n, d in nodes.items() if n not in hubs)
    assert nodes["c24"]["degree"] == 25 and nodes["e3-0"]["degree"] == 1


@pytest.mark.parametrize("n, hubs", [(11, 11), (40, 40), (41, 20), (300, 30), (1000, 40)])
def test_hub_count_all_of_a_small_graph_a_tenth_of_a_large_one(n, hubs):
    assert graph.hub_count(n) == hubs
