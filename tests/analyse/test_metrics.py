import math

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.analyse import metrics
from generator.analyse.graph import undirected_graph
from generator.analyse.metrics import (
    degree_centralization,
    density,
    hole_count,
    network_metrics,
    structural_holes,
)
from tests.analyse.analysis_builders import nodes, tie, undirected


def star():
    """Hub h with leaves a, b, c, d."""
    return undirected_graph(nodes("habcd"), undirected("ha", "hb", "hc", "hd"))


def test_density_formula_and_small_cases():
    assert density(0, 0) == 0.0
    assert density(1, 0) == 0.0
    assert density(4, 6) == 1.0
    assert density(10, 13) == pytest.approx(0.2889, abs=1e-4)  # INTERFACE.md's example


def test_centralization_star_is_one_and_regular_graph_is_zero():
    assert degree_centralization([4, 1, 1, 1, 1]) == 1.0
    assert degree_centralization([2, 2, 2, 2]) == 0.0
    assert degree_centralization([1, 1]) == 0.0  # undefined below three members
    # Path a-b-c-d: degrees 1,2,2,1 → (1+0+0+1)/(3·2) = 1/3
    assert degree_centralization([1, 2, 2, 1]) == pytest.approx(1 / 3)


def test_star_metrics():
    m = network_metrics(star())
    assert (m.nodes, m.ties, m.components) == (5, 4, 1)
    assert m.density == pytest.approx(0.4)  # 2·4 / (5·4)
    assert m.centralization == 1.0
    assert m.average_degree == pytest.approx(1.6)


def test_star_member_measures():
    graph = star()
    between, estimated = metrics.betweenness(graph)
    assert not estimated
    assert between["h"] == pytest.approx(1.0)  # on all 6 leaf pairs' paths / C(4,2)
    assert between["a"] == 0.0
    constraint = metrics.burt_constraint(graph)
    assert constraint["h"] == pytest.approx(0.25)  # four ties of 1/4 each, no redundancy
    assert constraint["a"] == pytest.approx(1.0)
    effective = metrics.burt_effective_size(graph)
    assert effective["h"] == pytest.approx(4.0)
    assert effective["a"] == pytest.approx(1.0)
    assert hole_count(graph, "h") == 6
    assert structural_holes(graph, "h") == [
        ("a", "b"),
        ("a", "c"),
        ("a", "d"),
        ("b", "c"),
        ("b", "d"),
        ("c", "d"),
    ]
    assert structural_holes(graph, "h", limit=2) == [("a", "b"), ("a", "c")]


def test_path_betweenness_and_holes():
    graph = undirected_graph(nodes("abcd"), undirected("ab", "bc", "cd"))
    between, _ = metrics.betweenness(graph)
    # b lies on a–c and a–d (2 of C(3,2)=3 pairs among the others).
    assert between["b"] == pytest.approx(2 / 3)
    assert between["a"] == 0.0
    assert structural_holes(graph, "b") == [("a", "c")]
    assert structural_holes(graph, "a") == []
    m = network_metrics(graph)
    assert m.density == pytest.approx(0.5)
    assert m.centralization == pytest.approx(1 / 3)


def test_two_cliques_joined_by_a_bridge():
    left = ["ab", "ac", "bc"]
    right = ["de", "df", "ef"]
    graph = undirected_graph(nodes("abcdef"), undirected(*left, *right, "cd"))
    m = network_metrics(graph)
    assert m.ties == 7
    assert m.density == pytest.approx(7 / 15)
    # degrees 2,2,3,3,2,2 → Σ(3−d) = 4, / (5·4)
    assert m.centralization == pytest.approx(0.2)
    between, _ = metrics.betweenness(graph)
    # c lies on the paths of {a,b}×{d,e,f}: 6 of the C(5,2)=10 pairs of the others
    assert between["c"] == pytest.approx(6 / 10)
    assert between["d"] == pytest.approx(6 / 10)
    assert between["a"] == 0.0
    assert structural_holes(graph, "c") == [("a", "d"), ("b", "d")]
    assert hole_count(graph, "a") == 0
    constraint = metrics.burt_constraint(graph)
    constraint_a, constraint_c = constraint["a"], constraint["c"]
    assert constraint_a is not None and constraint_c is not None
    assert constraint_a > constraint_c


def test_isolated_member_counts_as_component_and_gets_none():
    graph = undirected_graph(nodes("abcz"), undirected("ab", "bc"))
    m = network_metrics(graph)
    assert m.components == 2
    assert m.average_degree == pytest.approx(1.0)
    assert metrics.burt_constraint(graph)["z"] is None
    assert metrics.burt_effective_size(graph)["z"] is None
    assert metrics.burt_constraint(graph)["a"] == pytest.approx(1.0)


def test_empty_and_single_member_graphs():
    m = network_metrics(undirected_graph([], []))
    assert (m.nodes, m.ties, m.components, m.density, m.average_degree) == (0, 0, 0, 0.0, 0.0)
    m = network_metrics(undirected_graph(nodes("a"), []))
    assert (m.components, m.density, m.centralization) == (1, 0.0, 0.0)


def test_loose_and_tight_ties_read_the_strongest_tie_of_a_pair():
    ties = [
        tie("a", "b", strength=1),
        tie("a", "b", strength=2, directed=True),
        tie("b", "c", strength=3),
        tie("c", "d", strength=4),
        tie("d", "a", strength=1),
        tie("a", "d", strength=5, directed=True),
    ]
    m = network_metrics(undirected_graph(nodes("abcd"), ties))
    assert (m.loose_ties, m.tight_ties) == (1, 2)


def test_complete_graph_density_one_centralization_zero():
    graph = nx.complete_graph(6)
    m = network_metrics(nx.relabel_nodes(graph, str))
    assert m.density == 1.0
    assert m.centralization == 0.0


def test_betweenness_is_estimated_above_threshold(monkeypatch):
    graph = undirected_graph(
        nodes("abcdefgh"), undirected("ab", "bc", "cd", "de", "ef", "fg", "gh")
    )
    exact, estimated = metrics.betweenness(graph)
    assert not estimated
    monkeypatch.setattr(metrics, "BETWEENNESS_EXACT_MAX_NODES", 5)
    monkeypatch.setattr(metrics, "BETWEENNESS_SAMPLES", 4)
    first, estimated = metrics.betweenness(graph)
    second, _ = metrics.betweenness(graph)
    assert estimated
    assert first == second  # fixed seed
    assert set(first) == set(exact)
    assert all(math.isfinite(v) and v >= 0 for v in first.values())


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=1, max_value=40), st.floats(min_value=0.0, max_value=0.5),
       st.integers(min_value=0, max_value=10**6))
@pytest.mark.slow
def test_burt_measures_equal_networkx(size: int, density: float, seed: int) -> None:
    """netcard's own constraint and effective size are networkx's, on random graphs
    with isolated members, and with the graph relabelled to string ids as netcard has."""
    graph = nx.relabel_nodes(nx.gnp_random_graph(size, density, seed=seed), str)
    constraint = metrics.burt_constraint(graph)
    effective = metrics.burt_effective_size(graph)
    for node, expected in nx.constraint(graph).items():
        assert constraint[node] == (None if math.isnan(expected) else pytest.approx(expected))
    for node, expected in nx.effective_size(graph).items():
        assert effective[node] == (None if math.isnan(expected) else pytest.approx(expected))
    triangles = nx.triangles(graph)
    for node, degree in graph.degree():
        assert metrics.hole_count(graph, node) == degree * (degree - 1) // 2 - triangles[node]
