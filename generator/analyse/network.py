"""The analysis stage's entry point: plain records in, one frozen result out.

``analyse_network`` is deterministic: the same nodes and ties, in any order,
give an equal ``NetworkAnalysis`` (and so byte-identical exports).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from .brokerage import brokerage
from .graph import NodeInput, TieInput, directed_graph, undirected_graph
from .layout import layout
from .metrics import (
    NetworkMetrics,
    betweenness,
    burt_constraint,
    burt_effective_size,
    hole_count,
    network_metrics,
    structural_holes,
)


@dataclass(frozen=True)
class Brokerage:
    """Gould–Fernandez role counts of one member (see ``brokerage.py`` for the definitions)."""

    coordinator: int = 0
    gatekeeper: int = 0
    representative: int = 0
    consultant: int = 0
    liaison: int = 0

    @property
    def total(self) -> int:
        return sum(self.as_dict().values())

    def as_dict(self) -> dict[str, int]:
        """The five roles in network.json's order."""
        return {
            "coordinator": self.coordinator,
            "gatekeeper": self.gatekeeper,
            "representative": self.representative,
            "consultant": self.consultant,
            "liaison": self.liaison,
        }


@dataclass(frozen=True)
class NodeResult:
    """One member with its measures.

    ``constraint`` and ``effective_size`` are None for an isolated member:
    Burt's measures are undefined without ties (networkx returns NaN).
    ``holes`` lists at most ``metrics.MAX_HOLES_LISTED`` open neighbour pairs
    (sorted); ``hole_count`` is the exact number.
    """

    id: str
    name: str
    sector: str
    role: str
    kind: str
    external: bool
    degree: int
    betweenness: float
    constraint: float | None
    effective_size: float | None
    brokerage: Brokerage
    x: float
    y: float
    holes: tuple[tuple[str, str], ...]
    hole_count: int


@dataclass(frozen=True)
class NetworkAnalysis:
    """Everything the render stage needs about the graph of one profile.

    ``nodes`` and ``ties`` are the inputs, sorted (ties whose ends are not both
    among the nodes, and self-loops, are dropped). ``components`` are sorted id
    lists, largest first; isolated members are also listed in ``isolated``.
    """

    metrics: NetworkMetrics
    results: tuple[NodeResult, ...]
    betweenness_estimated: bool
    components: tuple[tuple[str, ...], ...]
    isolated: tuple[str, ...]
    nodes: tuple[NodeInput, ...]
    ties: tuple[TieInput, ...]
    _by_id: Mapping[str, NodeResult] = field(
        default_factory=dict, compare=False, repr=False, hash=False
    )

    def result(self, node_id: str) -> NodeResult:
        """The measures of one member; KeyError for an id not in the graph."""
        return self._by_id[node_id]

    def brokers(self, limit: int = 5) -> list[NodeResult]:
        """Members that bridge structural holes, highest betweenness first (ties by id)."""
        ranked = sorted(
            (r for r in self.results if r.hole_count > 0), key=lambda r: (-r.betweenness, r.id)
        )
        return ranked[:limit]


@dataclass(frozen=True)
class EgoNetwork:
    """A member, its neighbours (sorted by id) and every tie among them."""

    center: NodeResult
    neighbours: tuple[NodeResult, ...]
    ties: tuple[TieInput, ...]


def tie_sort_key(tie: TieInput) -> tuple[str, str, str, int, bool]:
    """The order of links in every export: (source, target, type), then the rest."""
    return (tie.source, tie.target, tie.type, tie.strength, tie.directed)


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


def ego_network(analysis: NetworkAnalysis, node_id: str) -> EgoNetwork:
    """The member, its neighbours and the ties among them (for a member's own page).

    Neighbours are members tied to it in either direction. KeyError for an
    unknown id.
    """
    center = analysis.result(node_id)
    neighbour_ids = {t.target for t in analysis.ties if t.source == node_id} | {
        t.source for t in analysis.ties if t.target == node_id
    }
    members = neighbour_ids | {node_id}
    return EgoNetwork(
        center=center,
        neighbours=tuple(analysis.result(i) for i in sorted(neighbour_ids)),
        ties=tuple(t for t in analysis.ties if t.source in members and t.target in members),
    )
