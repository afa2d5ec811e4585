"""The competence map: members × competence areas, coverage, and the network's gaps."""

from __future__ import annotations

from dataclasses import dataclass

from generator.model.schema import CompetenceArea, CompetenceNeed, Member
from generator.model.site import Site


@dataclass(frozen=True)
class AreaGroup:
    """A heading over several areas (areas without a group form their own)."""

    key: str
    area_ids: tuple[str, ...]


@dataclass(frozen=True)
class AreaCoverage:
    area: CompetenceArea
    at_least_3: int
    at_least_4: int
    best: int
    need: CompetenceNeed | None

    @property
    def is_gap(self) -> bool:
        """A need the members cannot meet yet: nobody reaches the level needed."""
        return self.need is not None and self.best < self.need.level


@dataclass(frozen=True)
class CompetenceMap:
    groups: tuple[AreaGroup, ...]
    areas: tuple[CompetenceArea, ...]
    members: tuple[Member, ...]
    coverage: dict[str, AreaCoverage]

    def level(self, member: Member, area_id: str) -> int | None:
        return member.competences.get(area_id)


def competence_maps(site: Site) -> tuple[CompetenceMap, CompetenceMap]:
    """The map of the network's own members, and the extended map with external partners."""
    current = [m for m in site.members.values() if m.is_current]
    own = [m for m in current if not m.external]
    return _map(site, own), _map(site, current)


def _map(site: Site, members: list[Member]) -> CompetenceMap:
    areas = tuple(site.competences.areas)
    needs = {need.area: need for need in site.competences.needs}
    # Each member's competences read once, not once per area (every read is recorded).
    held = [m.competences for m in members]
    coverage = {}
    for area in areas:
        levels = [levels_of[area.id] for levels_of in held if area.id in levels_of]
        coverage[area.id] = AreaCoverage(area, sum(1 for v in levels if v >= 3),
                                         sum(1 for v in levels if v >= 4), max(levels, default=0),
                                         needs.get(area.id))
    with_competences = tuple(m for m in members if m.competences)
    return CompetenceMap(_groups(site, areas), areas, with_competences, coverage)


def _groups(site: Site, areas: tuple[CompetenceArea, ...]) -> tuple[AreaGroup, ...]:
    """Consecutive areas with the same group heading, in the order they are written."""
    language = site.default_language
    groups: list[AreaGroup] = []
    for area in areas:
        key = area.group.get(language, language) if area.group else ""
        if groups and groups[-1].key == key:
            groups[-1] = AreaGroup(key, (*groups[-1].area_ids, area.id))
        else:
            groups.append(AreaGroup(key, (area.id,)))
    return tuple(groups)
