"""The analysis stage's entry point: plain records in, one frozen result out.

``analyse_network`` is deterministic: the same nodes and ties, in any order,
give an equal ``NetworkAnalysis`` (and so byte-identical exports).

networkx and numpy (about 0.2 s to import) are imported only for a network with
ties: members without any are analysed here, with the same figures.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from .layout import isolated_layout
from .metrics import BETWEENNESS_EXACT_MAX_NODES, degree_centralization, density
from .results import (  # re-exported: the records live in results.py, free of networkx
    Brokerage,
    NetworkAnalysis,
    NetworkMetrics,
    NodeInput,
    NodeResult,
    TieInput,
    tie_sort_key,
)

__all__ = ["Brokerage", "NetworkAnalysis", "NetworkMetrics", "NodeInput",
           "NodeResult", "TieInput", "analyse_network", "tie_sort_key"]

if TYPE_CHECKING:
    import networkx as nx


def _clean_inputs(
    nodes: Iterable[NodeInput], ties: Iterable[TieInput]
) -> tuple[tuple[NodeInput, ...], tuple[TieInput, ...]]:
    """Sort the inputs and keep only ties between two different known nodes."""
    sorted_nodes = tuple(sorted(nodes, key=lambda n: n.id))
    ids = {n.id for n in sorted_nodes}
    if len(ids) != len(sorted_nodes):
        raise ValueError("node ids must be unique")
    kept = (t for t in ties if t.source != t.target and t.source in ids and t.target in ids)
    return sorted_nodes, tuple(sorted(kept, key=tie_sort_key))


def _components(graph: nx.Graph) -> tuple[tuple[str, ...], ...]:
    import networkx as nx

    parts = (tuple(sorted(c)) for c in nx.connected_components(graph))
    return tuple(sorted(parts, key=lambda ids: (-len(ids), ids[0])))


def _canonical(value: float | None) -> float | None:
    """Round away float noise: networkx sums over sets, whose order varies between runs.

    Without this, two builds of the same content could differ in the last bits
    of a figure (and, at a rounding edge, in what a page shows).
    """
    return None if value is None else round(float(value), 10)


def analyse_network(
    nodes: Iterable[NodeInput],
    ties: Iterable[TieInput],
    *,
    layout_cache: Path | None = None,
) -> NetworkAnalysis:
    """Analyse one profile's graph: metrics, per-member measures, brokerage and layout.

    ``nodes`` are the current members (external ones included) and ``ties``
    the ties among them; filter by profile and by ``left`` before calling.
    """
    node_tuple, tie_tuple = _clean_inputs(nodes, ties)
    if not tie_tuple:
        return _without_ties(node_tuple)
    return _analyse_graph(node_tuple, tie_tuple, layout_cache)


def _analyse_graph(node_tuple: tuple[NodeInput, ...], tie_tuple: tuple[TieInput, ...],
                   layout_cache: Path | None) -> NetworkAnalysis:
    """`analyse_network` of clean, sorted inputs, with networkx."""
    from .brokerage import brokerage
    from .communities import communities
    from .graph import directed_graph, undirected_graph
    from .layout import layout
    from .metrics import (
        betweenness,
        burt_constraint,
        burt_effective_size,
        hole_count,
        network_metrics,
        structural_holes,
    )
    from .what_if import departures

    graph = undirected_graph(node_tuple, tie_tuple)
    between, estimated = betweenness(graph)
    constraint = burt_constraint(graph)
    effective = burt_effective_size(graph)
    roles = brokerage(directed_graph(node_tuple, tie_tuple), {n.id: n.sector for n in node_tuple})
    positions = layout(graph, layout_cache)
    community = communities(graph)
    results = tuple(
        NodeResult(
            id=n.id,
            name=n.name,
            sector=n.sector,
            role=n.role,
            kind=n.kind,
            external=n.external,
            degree=int(graph.degree(n.id)),
            betweenness=round(float(between[n.id]), 10),
            constraint=_canonical(constraint[n.id]),
            effective_size=_canonical(effective[n.id]),
            brokerage=Brokerage(**roles[n.id]),
            x=positions[n.id][0],
            y=positions[n.id][1],
            holes=tuple(structural_holes(graph, n.id)),
            hole_count=hole_count(graph, n.id),
            community=community[n.id],
        )
        for n in node_tuple
    )
    components = _components(graph)
    analysis = NetworkAnalysis(
        metrics=network_metrics(graph),
        results=results,
        betweenness_estimated=estimated,
        components=components,
        isolated=tuple(sorted(ids[0] for ids in components if len(ids) == 1)),
        nodes=node_tuple,
        ties=tie_tuple,
        _by_id={r.id: r for r in results},
    )
    return replace(analysis, departures=departures(analysis))  # needs the results' betweenness


def _without_ties(node_tuple: tuple[NodeInput, ...]) -> NetworkAnalysis:
    """`_analyse_graph` of members without ties (a new site, a one-member network): each
    member is a component and a community of its own, with no figure to work out.
    tests/analyse/test_network.py holds the two to the same results."""
    n = len(node_tuple)
    positions = isolated_layout([node.id for node in node_tuple])
    results = tuple(
        NodeResult(
            id=node.id, name=node.name, sector=node.sector, role=node.role, kind=node.kind,
            external=node.external, degree=0, betweenness=0.0, constraint=None,
            effective_size=None, brokerage=Brokerage(), x=positions[node.id][0],
            y=positions[node.id][1], holes=(), hole_count=0, community=number)
        for number, node in enumerate(node_tuple)  # sorted by id, as communities are
    )
    components = tuple((node.id,) for node in node_tuple)
    metrics = NetworkMetrics(nodes=n, ties=0, density=density(n, 0),
                             centralization=degree_centralization([0] * n), components=n,
                             average_degree=0.0, loose_ties=0, tight_ties=0)
    return NetworkAnalysis(
        metrics=metrics, results=results, betweenness_estimated=n > BETWEENNESS_EXACT_MAX_NODES,
        components=components, isolated=tuple(node.id for node in node_tuple),
        nodes=node_tuple, ties=(), _by_id={r.id: r for r in results})
