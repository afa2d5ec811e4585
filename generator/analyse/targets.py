"""network.yaml's `targets` against the network as it is: each figure below, within or
above what the network aims for. The render stage only words the verdicts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from generator.analyse.competence import CompetenceMap
from generator.analyse.results import NetworkMetrics
from generator.model.schema import Network

Verdict = Literal["below", "within", "above"]
PROFILE_KEYS = ("level", "structure", "recurrence", "intent")


@dataclass(frozen=True)
class RangeReading:
    """A figure and its target range; `low` is None for a highest value only."""

    value: float
    low: float | None
    high: float
    verdict: Verdict


@dataclass(frozen=True)
class ProfileReading:
    """One key of the network profile: what it is now (None: not said) and the aim."""

    key: str
    current: str | None
    target: str

    @property
    def matches(self) -> bool:
        return self.current == self.target


@dataclass(frozen=True)
class AreaReading:
    """A competence area: the best level a member of the network reaches, and the aim."""

    area_id: str
    best: int
    target: int
    verdict: Verdict


@dataclass(frozen=True)
class TargetReading:
    density: RangeReading | None
    centralization: RangeReading | None
    profile: tuple[ProfileReading, ...]
    competences: tuple[AreaReading, ...]


def verdict(value: float, low: float | None, high: float) -> Verdict:
    if low is not None and value < low:
        return "below"
    return "above" if value > high else "within"


def read_targets(network: Network, metrics: NetworkMetrics,
                 own: CompetenceMap) -> TargetReading | None:
    """The network's figures read against its targets; None when it sets none. Competence
    targets are read against the network's own members (not its external partners), in
    the order the areas are written in competences.yaml."""
    targets = network.targets
    if targets is None:
        return None
    density = None
    if targets.density is not None:
        low, high = targets.density
        density = RangeReading(metrics.density, low, high, verdict(metrics.density, low, high))
    centralization = None
    if targets.centralization_max is not None:
        top = targets.centralization_max
        centralization = RangeReading(metrics.centralization, None, top,
                                      verdict(metrics.centralization, None, top))
    current, aimed = network.profile, targets.profile
    profile = tuple(ProfileReading(key, getattr(current, key), getattr(aimed, key))
                    for key in PROFILE_KEYS if getattr(aimed, key) is not None)
    wanted = targets.competences
    areas = tuple(AreaReading(area.id, own.coverage[area.id].best, wanted[area.id],
                              verdict(own.coverage[area.id].best, wanted[area.id],
                                      wanted[area.id]))
                  for area in own.areas if area.id in wanted)
    return TargetReading(density, centralization, profile, areas)
