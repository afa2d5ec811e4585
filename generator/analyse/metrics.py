"""Whole-network and per-member metrics on the undirected graph.

Every per-member measure here is computed on the *unweighted* graph: tie
strength describes a relationship, not a distance, and the lecture's concepts
(density, centralisation, brokers, structural holes) are about who is tied to
whom. Strength is reported through ``loose_ties`` and ``tight_ties`` instead.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from itertools import combinations
from typing import TYPE_CHECKING

from .results import NetworkMetrics

if TYPE_CHECKING:  # the graph's type only: a network without ties is analysed without it
    import networkx as nx

# Exact betweenness is O(n·m). Measured on this 2-core machine with random
# graphs of 4 ties per node (benchmarks/RESULTS.md, "Betweenness threshold"),
# with the Brandes loop below: 800 nodes 0.7 s, 1,000 nodes 1.2–1.8 s, 2,000
# nodes 4.7–5.5 s. Above this many nodes we estimate.
BETWEENNESS_EXACT_MAX_NODES = 1000
# Source nodes sampled for the estimate: about 0.15 s at 700 nodes, 5 s at
# 10,000 nodes / 40,000 ties; enough to rank the main brokers.
BETWEENNESS_SAMPLES = 100
BETWEENNESS_SEED = 20110101

LOOSE_MAX_STRENGTH = 2
TIGHT_MIN_STRENGTH = 4

# A hub's open neighbour pairs grow with the square of its degree; pages show
# a few, so only this many are listed (``hole_count`` stays exact).
MAX_HOLES_LISTED = 100


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
    import networkx as nx

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

    Above ``BETWEENNESS_EXACT_MAX_NODES`` nodes a ``k``-source sample with a
    fixed seed keeps builds fast and reproducible; pages must then say the
    figures are estimates. The figures are networkx's ``betweenness_centrality``
    (normalised, unweighted, undirected; the same sampled sources): Brandes'
    algorithm is written out here over integer ids and lists because networkx's
    per-source BFS over dicts is about 3 times slower (CPU time on this machine:
    0.92 s → 0.27 s sampled at 1,936 members / 7,564 ties, 1.11 s → 0.43 s exact
    at 600 / 2,400). Tests compare the two on random graphs.
    """
    order = list(graph)  # networkx's list(G): the order its seeded sample draws from
    n = len(order)
    index = {node: i for i, node in enumerate(order)}
    adjacency: list[list[int]] = [[] for _ in order]
    # Neighbours in the order networkx saw them in the edge-only copy it was given
    # before, so that every sum runs in the same order and every figure is the same.
    for a, b in graph.edges():
        if a != b:  # a self-loop never lies on a shortest path
            adjacency[index[a]].append(index[b])
            adjacency[index[b]].append(index[a])
    estimated = n > BETWEENNESS_EXACT_MAX_NODES
    k = min(n, BETWEENNESS_SAMPLES) if estimated else n
    # networkx treats k == n as exact (and then draws no random numbers).
    sources = (range(n) if k == n
               else [index[node] for node in random.Random(BETWEENNESS_SEED).sample(order, k)])
    totals = [0.0] * n
    for source in sources:
        _add_dependencies(adjacency, source, totals)
    scaled = _rescale(totals, None if k == n else sources)
    return dict(zip(order, scaled, strict=True)), estimated


def _add_dependencies(adjacency: list[list[int]], source: int, totals: list[float]) -> None:
    """Add one source's pair dependencies to ``totals`` (Brandes 2001).

    The same arithmetic, in the same order, as networkx's BFS and
    ``_accumulate_basic``: path counts are floats, and a member's dependency
    collects its successors' shares in reverse BFS order.
    """
    n = len(adjacency)
    distance = [-1] * n
    paths = [0.0] * n
    distance[source] = 0
    paths[source] = 1.0
    visited = [source]
    for v in visited:  # grows while it is read: a FIFO queue without popping
        next_distance = distance[v] + 1
        paths_v = paths[v]
        for w in adjacency[v]:
            d = distance[w]
            if d < 0:
                distance[w] = next_distance
                paths[w] = paths_v
                visited.append(w)
            elif d == next_distance:
                paths[w] += paths_v
    dependency = [0.0] * n
    for i in range(len(visited) - 1, 0, -1):  # the source itself gets nothing
        w = visited[i]
        share = (1 + dependency[w]) / paths[w]
        previous = distance[w] - 1
        for v in adjacency[w]:
            if distance[v] == previous:
                dependency[v] += paths[v] * share
        totals[w] += dependency[w]


def _rescale(totals: list[float], sampled: Sequence[int] | None) -> list[float]:
    """Normalise as networkx's ``_rescale`` does for undirected betweenness without endpoints.

    Sums over ordered pairs are divided by the (n−1)(n−2) ordered pairs of the
    others; from k sampled sources, by k(n−2) — or (k−1)(n−2) for a sampled
    member, which cannot be its own source (NaN when k = 1).
    """
    others = len(totals) - 1
    if others < 2:
        return totals
    if sampled is None:
        scale = 1 / (others * (others - 1))
        return [value * scale for value in totals]
    k = len(sampled)
    scale_source = 1 / ((k - 1) * (others - 1)) if k > 1 else math.nan
    scale_other = 1 / (k * (others - 1))
    chosen = set(sampled)
    return [value * (scale_source if i in chosen else scale_other)
            for i, value in enumerate(totals)]


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
    """Pairs of ``node``'s neighbours not tied to each other: C(d, 2) − triangles at node.

    The triangles are counted here, as ties among the neighbours (self-loops ignored, as
    networkx's ``triangles`` does): its per-node call cost 0.8 s at 10,000 members."""
    degree = graph.degree(node)
    assert isinstance(degree, int)
    adjacency = graph.adj
    around = set(adjacency[node]) - {node}
    ends = sum(len(around.intersection(adjacency[other])) - (other in adjacency[other])
               for other in around)
    return degree * (degree - 1) // 2 - ends // 2


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
