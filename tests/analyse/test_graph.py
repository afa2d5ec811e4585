from generator.analyse.graph import directed_graph, undirected_graph
from tests.analyse.analysis_builders import node, nodes, tie


def test_one_edge_per_pair_with_strongest_strength_and_all_types():
    ties = [
        tie("a", "b", strength=2, kind="referral"),
        tie("b", "a", directed=True, strength=5, kind="funding"),
        tie("a", "b", strength=1, kind="referral"),
    ]
    graph = undirected_graph(nodes("ab"), ties)
    assert graph.number_of_edges() == 1
    assert graph.edges["a", "b"]["strength"] == 5
    assert graph.edges["a", "b"]["types"] == ["funding", "referral"]


def test_self_loops_and_unknown_ends_are_ignored():
    ties = [tie("a", "a"), tie("a", "ghost"), tie("a", "b")]
    graph = undirected_graph(nodes("ab"), ties)
    assert sorted(graph.edges) == [("a", "b")]
    assert directed_graph(nodes("ab"), ties).number_of_edges() == 2


def test_directed_graph_counts_undirected_ties_both_ways():
    ties = [tie("a", "b"), tie("b", "c", directed=True)]
    graph = directed_graph(nodes("abc"), ties)
    assert sorted(graph.edges) == [("a", "b"), ("b", "a"), ("b", "c")]


def test_node_attributes_are_kept():
    graph = undirected_graph([node("a", "ngo")], [])
    assert graph.nodes["a"]["sector"] == "ngo"
    assert graph.nodes["a"]["name"] == "A"
