"""netcard's own Brandes betweenness against networkx's ``betweenness_centrality``.

``metrics.betweenness`` replaced a call to networkx for speed; these tests hold
it to networkx's figures, exact and sampled (same seed, same sources), on random
graphs with isolated members, several components and string ids inserted out
of sorted order.
"""

from __future__ import annotations

import math
import random
from unittest import mock

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.analyse import metrics
from generator.analyse.graph import undirected_graph
from tests.analyse.analysis_builders import node, tie

REL, ABS = 1e-9, 1e-12


@st.composite
def graphs(draw: st.DrawFn, max_nodes: int = 30) -> nx.Graph:
    """Random undirected graphs: ids are strings in a shuffled insertion order, edges
    are drawn between random pairs (repeats and self-loops included), so many graphs
    have isolated members and several components; sometimes a second, disjoint
    graph is added so components of different shapes meet in one graph."""
    size = draw(st.integers(min_value=0, max_value=max_nodes))
    ids = draw(st.permutations([f"m{i:02d}" for i in range(size)]))
    graph = nx.Graph()
    graph.add_nodes_from(ids)
    if size:
        index = st.integers(min_value=0, max_value=size - 1)
        pairs = draw(st.lists(st.tuples(index, index), max_size=2 * size))
        graph.add_edges_from((ids[a], ids[b]) for a, b in pairs)
    if draw(st.booleans()):
        extra = nx.relabel_nodes(
            draw(st.sampled_from([nx.path_graph(4), nx.cycle_graph(5), nx.star_graph(3),
                                  nx.complete_graph(4), nx.barbell_graph(3, 2)])),
            lambda i: f"z{i}",
        )
        graph.update(extra)
    return graph


def ours(graph: nx.Graph, *, exact_max: int, samples: int) -> tuple[dict[str, float], bool]:
    with mock.patch.object(metrics, "BETWEENNESS_EXACT_MAX_NODES", exact_max), \
            mock.patch.object(metrics, "BETWEENNESS_SAMPLES", samples):
        return metrics.betweenness(graph)


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(graphs())
def test_exact_betweenness_equals_networkx(graph: nx.Graph) -> None:
    values, estimated = ours(graph, exact_max=10**6, samples=metrics.BETWEENNESS_SAMPLES)
    expected = nx.betweenness_centrality(graph, normalized=True)
    assert not estimated
    assert list(values) == list(graph)
    assert values == pytest.approx(expected, rel=REL, abs=ABS)


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(graphs(), st.integers(min_value=1, max_value=40))
def test_sampled_betweenness_equals_networkx(graph: nx.Graph, samples: int) -> None:
    """Same sources (networkx's seeded sample of ``list(G)``) and the same rescaling,
    including k = n (exact) and k = 1 (NaN for the one source)."""
    values, estimated = ours(graph, exact_max=-1, samples=samples)
    expected = nx.betweenness_centrality(graph, k=min(len(graph), samples), normalized=True,
                                         seed=metrics.BETWEENNESS_SEED)
    assert estimated
    assert list(values) == list(graph)
    assert values == pytest.approx(expected, nan_ok=True, rel=REL, abs=ABS)


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=25), st.randoms(use_true_random=False),
       st.floats(min_value=0.0, max_value=0.4), st.integers(min_value=2, max_value=30))
@pytest.mark.slow
def test_netcard_graphs_keep_networkx_figures_to_the_bit(
    size: int, rng: random.Random, share: float, samples: int
) -> None:
    """On graphs built as analyse_network builds them, every sum runs in networkx's
    order, so the figures are not just close but identical: no page changes."""
    ids = [f"n{i:02d}" for i in range(size)]
    ties = [tie(a, b) for a in ids for b in ids if a < b and rng.random() < share]
    graph = undirected_graph([node(i) for i in ids], ties)
    for exact_max in (10**6, -1):
        values, _ = ours(graph, exact_max=exact_max, samples=samples)
        bare = nx.Graph()  # what metrics.betweenness used to give networkx
        bare.add_nodes_from(graph.nodes)
        bare.add_edges_from(graph.edges)
        expected = (nx.betweenness_centrality(bare, normalized=True) if exact_max > 0 else
                    nx.betweenness_centrality(bare, k=min(size, samples), normalized=True,
                                              seed=metrics.BETWEENNESS_SEED))
        assert values.keys() == expected.keys()
        for key, value in values.items():
            assert value == expected[key] or (math.isnan(value) and math.isnan(expected[key]))


@pytest.mark.parametrize("size", [0, 1, 2, 3])
def test_tiny_graphs(size: int) -> None:
    graph = nx.relabel_nodes(nx.path_graph(size), str)
    values, estimated = metrics.betweenness(graph)
    assert not estimated
    assert values == nx.betweenness_centrality(graph, normalized=True)
    assert values == ({"0": 0.0, "1": 1.0, "2": 0.0} if size == 3 else dict.fromkeys(graph, 0.0))


@pytest.mark.slow
def test_estimated_flag_follows_the_real_threshold() -> None:
    """Up to BETWEENNESS_EXACT_MAX_NODES members the figures are exact; one more and
    they are networkx's seeded estimate from BETWEENNESS_SAMPLES sources."""
    limit = metrics.BETWEENNESS_EXACT_MAX_NODES
    at_limit = nx.relabel_nodes(nx.path_graph(limit), lambda i: f"p{i:04d}")
    values, estimated = metrics.betweenness(at_limit)
    assert not estimated
    assert values[f"p{limit // 2:04d}"] == pytest.approx(
        nx.betweenness_centrality(at_limit)[f"p{limit // 2:04d}"], rel=REL, abs=ABS)
    above = nx.relabel_nodes(nx.path_graph(limit + 1), lambda i: f"p{i:04d}")
    values, estimated = metrics.betweenness(above)
    assert estimated
    expected = nx.betweenness_centrality(above, k=metrics.BETWEENNESS_SAMPLES,
                                         normalized=True, seed=metrics.BETWEENNESS_SEED)
    assert values == pytest.approx(expected, rel=REL, abs=ABS)
    assert values == metrics.betweenness(above)[0]  # the fixed seed: the same every build
