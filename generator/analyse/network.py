"""The analysis stage's entry point: plain records in, one frozen result out.

``analyse_network`` is deterministic: the same nodes and ties, in any order,
give an equal ``NetworkAnalysis`` (and so byte-identical exports).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import networkx as nx

from .brokerage import brokerage
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
    graph = undirected_graph(node_tuple, tie_tuple)
    between, estimated = betweenness(graph)
    constraint = burt_constraint(graph)
    effective = burt_effective_size(graph)
    roles = brokerage(directed_graph(node_tuple, tie_tuple), {n.id: n.sector for n in node_tuple})
    positions = layout(graph, layout_cache)
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
        )
        for n in node_tuple
    )
    components = _components(graph)
    return NetworkAnalysis(
        metrics=network_metrics(graph),
        results=results,
        betweenness_estimated=estimated,
        components=components,
        isolated=tuple(sorted(ids[0] for ids in components if len(ids) == 1)),
        nodes=node_tuple,
        ties=tie_tuple,
        _by_id={r.id: r for r in results},
    )
