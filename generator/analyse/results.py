"""The analysis stage's records: what goes in and what comes out, plain and frozen.

Nothing here needs networkx, so the render stage (and a build's main process, which
leaves the analysis to a worker) can use the results without importing it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class NodeInput:
    """One current member of the graph (external members included)."""

    id: str
    name: str
    sector: str
    role: str
    kind: str
    external: bool


@dataclass(frozen=True)
class TieInput:
    """One tie as written in ties.yaml; ``directed`` is False for ``between`` ties."""

    source: str
    target: str
    directed: bool
    strength: int
    type: str


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
class NodeResult(NodeInput):
    """One member (its input record) with its measures.

    ``constraint`` and ``effective_size`` are None for an isolated member:
    Burt's measures are undefined without ties (networkx returns NaN).
    ``holes`` lists at most ``metrics.MAX_HOLES_LISTED`` open neighbour pairs
    (sorted); ``hole_count`` is the exact number.
    """

    degree: int
    betweenness: float
    constraint: float | None
    effective_size: float | None
    brokerage: Brokerage
    x: float
    y: float
    holes: tuple[tuple[str, str], ...]
    hole_count: int
    community: int = 0  # its Louvain community (communities.py), 0 = the largest


DRIFT_LISTED = 5  # a departure's biggest increases in path length listed


@dataclass(frozen=True)
class Drift:
    """A pair whose shortest path would get longer: `first` < `second` by id, the number
    of steps between them now and without the broker."""

    first: str
    second: str
    before: int
    after: int

    @property
    def increase(self) -> int:
        return self.after - self.before


@dataclass(frozen=True)
class Departure:
    """What would change if `member` left.

    `cut_off` are the groups of members that would lose every path to the largest part
    of the broker's part of the network that stays together (`remaining` members), largest
    group first. `drifted` counts the pairs that would stay connected but further apart;
    `drift` lists the biggest increases (at most `DRIFT_LISTED`). `contacts_compared` is 0
    when every pair was compared, else how many of the broker's contacts were (see
    analyse/what_if.py).
    """

    member: str
    remaining: int
    cut_off: tuple[tuple[str, ...], ...]
    drifted: int
    drift: tuple[Drift, ...]
    contacts_compared: int = 0

    @property
    def cut_off_count(self) -> int:
        return sum(len(group) for group in self.cut_off)


@dataclass(frozen=True)
class NetworkAnalysis:
    """Everything the render stage needs about the graph of one profile.

    ``nodes`` and ``ties`` are the inputs, sorted (ties whose ends are not both
    among the nodes, and self-loops, are dropped). ``components`` are sorted id
    lists, largest first; isolated members are also listed in ``isolated``.
    ``departures``: what would change if each key broker left (the workbook's what-ifs).
    """

    metrics: NetworkMetrics
    results: tuple[NodeResult, ...]
    betweenness_estimated: bool
    components: tuple[tuple[str, ...], ...]
    isolated: tuple[str, ...]
    nodes: tuple[NodeInput, ...]
    ties: tuple[TieInput, ...]
    departures: tuple[Departure, ...] = ()  # if a key broker left (analyse/what_if.py)
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


def tie_sort_key(tie: TieInput) -> tuple[str, str, str, int, bool]:
    """The order of links in every export: (source, target, type), then the rest."""
    return (tie.source, tie.target, tie.type, tie.strength, tie.directed)
