"""Brokerage roles counted by hand, checked against a brute-force reading of sna's C loop."""

import random

import networkx as nx
import pytest

from generator.analyse.brokerage import ROLES, broker_roles, brokerage, classify
from generator.analyse.graph import directed_graph
from tests.analyse.analysis_builders import node, tie

ZERO = dict.fromkeys(ROLES, 0)


def roles_of(groups: dict[str, str], arcs: list[tuple[str, str]], broker: str = "v") -> dict:
    graph = directed_graph(
        [node(n, g) for n, g in groups.items()], [tie(a, b, directed=True) for a, b in arcs]
    )
    return broker_roles(graph, broker, groups)


def only(role: str, count: int = 1) -> dict:
    return {**ZERO, role: count}


def test_classify_follows_sna():
    assert classify("A", "A", "A") == "coordinator"
    assert classify("A", "A", "B") == "representative"
    assert classify("A", "B", "B") == "gatekeeper"
    assert classify("A", "B", "A") == "consultant"
    assert classify("A", "B", "C") == "liaison"


@pytest.mark.parametrize(
    ("groups", "role"),
    [
        ({"a": "X", "v": "X", "b": "X"}, "coordinator"),
        ({"a": "X", "v": "Y", "b": "Y"}, "gatekeeper"),  # a outside, enters v's group
        ({"a": "X", "v": "X", "b": "Y"}, "representative"),  # v speaks for its group outward
        ({"a": "X", "v": "Y", "b": "X"}, "consultant"),  # v outsider between two of X
        ({"a": "X", "v": "Y", "b": "Z"}, "liaison"),
    ],
)
def test_each_role_on_one_directed_two_path(groups, role):
    assert roles_of(groups, [("a", "v"), ("v", "b")]) == only(role)


def test_closed_two_path_is_not_brokered():
    groups = {"a": "X", "v": "X", "b": "X"}
    assert roles_of(groups, [("a", "v"), ("v", "b"), ("a", "b")]) == ZERO
    # Only a→b closes it: b→a leaves a→v→b open.
    assert roles_of(groups, [("a", "v"), ("v", "b"), ("b", "a")]) == only("coordinator")


def test_undirected_tie_counts_both_ways():
    groups = {"a": "X", "v": "Y", "b": "Y"}
    graph = directed_graph([node(n, g) for n, g in groups.items()], [tie("a", "v"), tie("v", "b")])
    # a→v→b is gatekeeping (into Y), b→v→a is representing (Y outward).
    assert broker_roles(graph, "v", groups) == {**ZERO, "gatekeeper": 1, "representative": 1}


def test_hand_counted_mixed_example():
    """v (group Y) with in-neighbours a(X), c(Y) and out-neighbours b(Y), d(Z), a(X).

    Two-paths through v: a→v→b gatekeeper; a→v→d liaison; c→v→b coordinator;
    c→v→d representative; c→v→a representative but c→a exists, so closed;
    a→v→a is not a two-path. Total: 1 gatekeeper, 1 liaison, 1 coordinator,
    1 representative.
    """
    groups = {"a": "X", "v": "Y", "c": "Y", "b": "Y", "d": "Z"}
    arcs = [("a", "v"), ("c", "v"), ("v", "b"), ("v", "d"), ("v", "a"), ("c", "a")]
    assert roles_of(groups, arcs) == {
        "coordinator": 1,
        "gatekeeper": 1,
        "representative": 1,
        "consultant": 0,
        "liaison": 1,
    }


def test_star_of_undirected_ties():
    """Hub h (X) with leaves p, q (X) and r (Y): every ordered leaf pair is open."""
    groups = {"h": "X", "p": "X", "q": "X", "r": "Y"}
    graph = directed_graph(
        [node(n, g) for n, g in groups.items()], [tie("h", "p"), tie("h", "q"), tie("h", "r")]
    )
    result = brokerage(graph, groups)
    assert result["h"] == {
        "coordinator": 2,  # p→q, q→p
        "gatekeeper": 2,  # r→p, r→q
        "representative": 2,  # p→r, q→r
        "consultant": 0,
        "liaison": 0,
    }
    assert result["p"] == ZERO


def _brute_force(graph: nx.DiGraph, groups: dict[str, str]) -> dict[str, dict[str, int]]:
    """sna's brokerage_R loop, transcribed: ego i → alter j → k, i≠k, j≠k, no i→k."""
    counts = {v: dict(ZERO) for v in graph}
    for i in graph:
        for j in graph.successors(i):
            if j == i:
                continue
            for k in graph.successors(j):
                if k in (i, j) or graph.has_edge(i, k):
                    continue
                counts[j][classify(groups[i], groups[j], groups[k])] += 1
    return counts


def test_matches_brute_force_on_random_graphs():
    rng = random.Random(5)
    for trial in range(30):
        graph = nx.gnp_random_graph(
            rng.randint(5, 25), rng.uniform(0.1, 0.5), seed=trial, directed=True
        )
        graph = nx.relabel_nodes(graph, lambda n: f"n{n}")
        groups = {v: rng.choice("XYZ") for v in graph}
        assert brokerage(graph, groups) == _brute_force(graph, groups)


@pytest.mark.slow
def test_large_graph_gives_every_member_a_count():
    """Its time is measured by benchmarks/brokerage.py, not here."""
    graph = nx.gnm_random_graph(10_000, 40_000, seed=1, directed=True)
    graph = nx.relabel_nodes(graph, str)
    groups = {v: "XYZW"[int(v) % 4] for v in graph}
    result = brokerage(graph, groups)
    assert len(result) == 10_000
