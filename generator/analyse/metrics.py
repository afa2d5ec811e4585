"""Whole-network and per-member metrics on the undirected graph.

Every per-member measure here is computed on the *unweighted* graph: tie
strength describes a relationship, not a distance, and the lecture's concepts
(density, centralisation, brokers, structural holes) are about who is tied to
whom. Strength is reported through ``loose_ties`` and ``tight_ties`` instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations

import networkx as nx

# Exact betweenness is O(n·m). Measured on this 2-core machine with random
# graphs of 4 ties per node (benchmarks/RESULTS.md, "Betweenness threshold"):
# 600 nodes 0.86 s, 700 nodes 1.19 s. Above this many nodes we estimate.
BETWEENNESS_EXACT_MAX_NODES = 650
# Source nodes sampled for the estimate: about 0.15 s at 700 nodes, 5 s at
# 10,000 nodes / 40,000 ties; enough to rank the main brokers.
BETWEENNESS_SAMPLES = 100
BETWEENNESS_SEED = 20110101

LOOSE_MAX_STRENGTH = 2
TIGHT_MIN_STRENGTH = 4

# A hub's open neighbour pairs grow with the square of its degree; pages show
# a few, so only this many are listed (``hole_count`` stays exact).
MAX_HOLES_LISTED = 100


@dataclass(frozen=True)
class NetworkMetrics:
    """The whole-network figures of network.json's ``metrics`` object."""

    nodes: int
    ties: int
    density: float
    centralization: float
    components: int
    average_degree: float
    loose_ties: int
    tight_ties: int


def density(n: int, m: int) -> float:
    """Share of possible ties that exist: 2m / (n(n−1)); 0 when fewer than two members."""
    return 2 * m / (n * (n - 1)) if n >= 2 else 0.0


def degree_centralization(degrees: list[int]) -> float:
    """Freeman's degree centralisation Σ(d_max − d_i) / ((n−1)(n−2)).

    1 for a star (everything runs through one member), 0 when every member has
    the same degree; 0 for fewer than three members, where it is undefined.
    """
    n = len(degrees)
    if n < 3:
        return 0.0
    top = max(degrees)
    return sum(top - d for d in degrees) / ((n - 1) * (n - 2))


def network_metrics(graph: nx.Graph) -> NetworkMetrics:
    """Whole-network metrics of an undirected graph with a ``strength`` on every edge."""
    n, m = graph.number_of_nodes(), graph.number_of_edges()
    strengths = [int(s) for _, _, s in graph.edges(data="strength", default=3)]
    return NetworkMetrics(
        nodes=n,
        ties=m,
        density=density(n, m),
        centralization=degree_centralization([d for _, d in graph.degree()]),
        components=nx.number_connected_components(graph) if n else 0,
        average_degree=2 * m / n if n else 0.0,
        loose_ties=sum(1 for s in strengths if s <= LOOSE_MAX_STRENGTH),
        tight_ties=sum(1 for s in strengths if s >= TIGHT_MIN_STRENGTH),
    )


def betweenness(graph: nx.Graph) -> tuple[dict[str, float], bool]:
    """Normalised betweenness per node, and whether it is a sampled estimate.

    Above ``BETWEENNESS_EXACT_MAX_NODES`` nodes networkx's ``k``-source sample
    with a fixed seed keeps builds fast and reproducible; pages must then say
    the figures are estimates.
    """
    n = graph.number_of_nodes()
    bare = nx.Graph()  # without edge data: faster, and nothing weights the paths
    bare.add_nodes_from(graph.nodes)
    bare.add_edges_from(graph.edges)
    if n <= BETWEENNESS_EXACT_MAX_NODES:
        return dict(nx.betweenness_centrality(bare, normalized=True)), False
    values = nx.betweenness_centrality(
        bare, k=min(n, BETWEENNESS_SAMPLES), normalized=True, seed=BETWEENNESS_SEED
    )
    return dict(values), True


def burt_constraint(graph: nx.Graph) -> dict[str, float | None]:
    """Burt's constraint on the unweighted, undirected graph; None for isolated members.

    With every tie weighing 1, a member i invests p_ij = 1/deg(i) in each neighbour j,
    so c_i = Σ_j (1/d_i + Σ_{q ∈ N(i) ∩ N(j)} 1/(d_i·d_q))². Written out here because
    networkx's per-node path copies the whole graph for every member (12 s at 300
    members) and its sparse path imports scipy; tests compare the two on random graphs.
    """
    def constraint(around: set[str], neighbours: dict[str, set[str]]) -> float:
        share = 1.0 / len(around)
        return sum((share + share * sum(1.0 / len(neighbours[q])
                                        for q in around & neighbours[other])) ** 2
                   for other in around)

    return _per_member(graph, constraint)


def burt_effective_size(graph: nx.Graph) -> dict[str, float | None]:
    """Burt's effective size, unweighted: n − 2t/n for n neighbours with t ties among them
    (Borgatti's form, as networkx computes it); None for isolated members."""
    def effective_size(around: set[str], neighbours: dict[str, set[str]]) -> float:
        ties_among = sum(len(around & neighbours[other]) for other in around) / 2
        return len(around) - 2 * ties_among / len(around)

    return _per_member(graph, effective_size)


def _per_member(graph: nx.Graph, measure: Callable[[set[str], dict[str, set[str]]], float]
                ) -> dict[str, float | None]:
    """`measure(neighbours of a member, everyone's neighbours)` for each member; None
    for isolated members, where Burt's measures are undefined."""
    neighbours = {node: set(graph.adj[node]) - {node} for node in graph}
    return {node: measure(around, neighbours) if around else None
            for node, around in neighbours.items()}


def hole_count(graph: nx.Graph, node: str) -> int:
    """Pairs of ``node``'s neighbours not tied to each other: C(d, 2) − triangles at node."""
    degree = graph.degree(node)
    triangles = nx.triangles(graph, node)
    assert isinstance(degree, int) and isinstance(triangles, int)
    return degree * (degree - 1) // 2 - triangles


def structural_holes(
    graph: nx.Graph, node: str, limit: int = MAX_HOLES_LISTED
) -> list[tuple[str, str]]:
    """The open neighbour pairs ``node`` spans, each pair sorted, the list sorted by ids.

    These are the gaps a broker bridges: "X connects A and B, who have no tie".
    At most ``limit`` pairs are returned; use ``hole_count`` for the full number.
    """
    holes: list[tuple[str, str]] = []
    for a, b in combinations(sorted(graph.adj[node]), 2):
        if not graph.has_edge(a, b):
            holes.append((a, b))
            if len(holes) >= limit:
                break
    return holes
