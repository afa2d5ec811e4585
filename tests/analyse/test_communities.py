"""Louvain communities: stable, weighted by strength, numbered largest first."""

from __future__ import annotations

import networkx as nx

from generator.analyse.communities import communities
from generator.analyse.network import analyse_network
from generator.analyse.results import NodeInput, TieInput


def two_cliques() -> nx.Graph:
    graph = nx.Graph()
    for group in ("a", "b"):
        members = [f"{group}{i}" for i in range(5 if group == "a" else 4)]
        graph.add_edges_from(((x, y) for x in members for y in members if x < y), strength=4)
    graph.add_edge("a0", "b0", strength=1)
    graph.add_node("loner")
    return graph


def test_two_cliques_are_two_communities_and_a_loner_its_own() -> None:
    found = communities(two_cliques())
    assert {found[f"a{i}"] for i in range(5)} == {0}  # the largest group is number 0
    assert {found[f"b{i}"] for i in range(4)} == {1}
    assert found["loner"] == 2


def test_the_same_graph_always_gives_the_same_communities() -> None:
    graph = nx.relabel_nodes(nx.les_miserables_graph(), str)
    nx.set_edge_attributes(graph, 1, "strength")
    assert communities(graph) == communities(graph.copy())


def test_the_analysis_gives_each_member_its_community() -> None:
    nodes = [NodeInput(n, n, "ngo", "core", "organisation", False) for n in ("p", "q", "r", "s")]
    ties = [TieInput("p", "q", False, 5, "x"), TieInput("r", "s", False, 5, "x")]
    analysis = analyse_network(nodes, ties)
    by_id = {r.id: r.community for r in analysis.results}
    assert by_id["p"] == by_id["q"] != by_id["r"] == by_id["s"]
