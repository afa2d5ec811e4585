"""Input records and graph construction.

The content model adapts its members and ties to these two plain records, so
the analysis stage never depends on how content is loaded or validated.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from .results import NodeInput, TieInput


def _add_nodes(graph: nx.Graph, nodes: Iterable[NodeInput]) -> None:
    """Add nodes sorted by id: seeded algorithms then see one order whatever the input order."""
    for node in sorted(nodes, key=lambda item: item.id):
        graph.add_node(
            node.id,
            name=node.name,
            sector=node.sector,
            role=node.role,
            kind=node.kind,
            external=node.external,
        )


def _usable(tie: TieInput, known: set[str]) -> bool:
    """Self-loops and ties to nodes outside the graph (e.g. former members) carry no structure."""
    return tie.source != tie.target and tie.source in known and tie.target in known


def _tie_sort_key(tie: TieInput) -> tuple[str, str, str, int, bool]:
    return (tie.source, tie.target, tie.type, tie.strength, tie.directed)


def undirected_graph(nodes: Iterable[NodeInput], ties: Iterable[TieInput]) -> nx.Graph:
    """Whole-network graph: one edge per unordered pair, as the content format prescribes.

    Edge attributes: ``strength`` (the strongest tie between the pair) and
    ``types`` (every tie type of the pair, sorted, without duplicates).
    Ties whose ends are not among ``nodes`` and self-loops are ignored.
    """
    graph = nx.Graph()
    _add_nodes(graph, nodes)
    known = set(graph.nodes)
    pairs: dict[tuple[str, str], tuple[int, set[str]]] = {}
    for tie in sorted(ties, key=_tie_sort_key):
        if not _usable(tie, known):
            continue
        a, b = sorted((tie.source, tie.target))
        strength, types = pairs.get((a, b), (tie.strength, set()))
        types.add(tie.type)
        pairs[(a, b)] = (max(strength, tie.strength), types)
    for (a, b), (strength, types) in sorted(pairs.items()):
        graph.add_edge(a, b, strength=strength, types=sorted(types))
    return graph


def directed_graph(nodes: Iterable[NodeInput], ties: Iterable[TieInput]) -> nx.DiGraph:
    """Directed graph for brokerage: an undirected tie counts both ways.

    Parallel ties in the same direction collapse into one arc, as in an
    adjacency matrix (which is what R's ``sna::brokerage`` reads).
    """
    graph = nx.DiGraph()
    _add_nodes(graph, nodes)
    known = set(graph.nodes)
    arcs: set[tuple[str, str]] = set()
    for tie in ties:
        if not _usable(tie, known):
            continue
        arcs.add((tie.source, tie.target))
        if not tie.directed:
            arcs.add((tie.target, tie.source))
    graph.add_edges_from(sorted(arcs))
    return graph
