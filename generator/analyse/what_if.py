"""What-ifs for the workbook: if a key broker left, and the ties that would close the
network's largest structural holes.

Worked out in plain Python on the analysis' own ties (no networkx), with bounds that keep
it quick at 2,000 members and 8,000 ties:

- A departure is worked out for the `BROKERS_MAX` members of highest betweenness that
  broker at all (betweenness above 0; equal ones by id), the brokers the network page's
  reading names. Who would be cut off takes one breadth-first search of the broker's part
  of the network without it. Which pairs would drift apart (their shortest path gets
  longer) compares every pair of that part when it has at most `ALL_PAIRS_MAX_MEMBERS`
  members; in a larger one, the pairs among the broker's first `CONTACTS_COMPARED_MAX`
  contacts (by id), whose shortest path now is one step (a tie) or two (through it).
- A suggested tie is a pair of members with no tie who provide the same service or are
  good (level `SHARED_LEVEL_MIN` or more) at the same competence area. A service or area
  that more than `HOLDERS_MAX` members share suggests no tie of its own (it would pair
  everyone with everyone) and is listed as too common. Pairs in different parts of the
  network come first, then pairs in different communities, then the rest; then the ones
  furthest apart now, then the ones sharing the most; at most `SUGGESTIONS_MAX` ties, each
  member in at most `MEMBER_SUGGESTIONS_MAX` of them. How far apart a pair is takes a
  search from its first member; the pairs are measured in order of where they are, then
  of how much they share (then by id), until `SEARCHES_MAX` searches are spent, and the
  pairs not measured by then are left out (on a small network none is).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations
from typing import Literal

from generator.analyse.results import DRIFT_LISTED, Departure, Drift, NetworkAnalysis, NodeResult
from generator.model.site import Site

BROKERS_MAX = 3
ALL_PAIRS_MAX_MEMBERS = 100
CONTACTS_COMPARED_MAX = 30
SUGGESTIONS_MAX = 10
MEMBER_SUGGESTIONS_MAX = 2
SHARED_LEVEL_MIN = 3
HOLDERS_MAX = 40
SEARCHES_MAX = 40

Adjacency = Mapping[str, tuple[str, ...]]
Apart = Literal["components", "communities", "community"]
APART_ORDER: dict[str, int] = {"components": 0, "communities": 1, "community": 2}


@dataclass(frozen=True)
class Shared:
    """A service both members provide, or a competence area both are good at."""

    kind: Literal["service", "area"]
    id: str


@dataclass(frozen=True)
class SuggestedTie:
    """Two members with no tie who share `shared`. `apart` says where they are: in
    different parts of the network, in different communities, or in one community;
    `distance` is the number of steps between them now (None: no path)."""

    first: str
    second: str
    shared: tuple[Shared, ...]
    apart: Apart
    distance: int | None


@dataclass(frozen=True)
class Suggestions:
    """The suggested ties, best first, and what was too widely shared to suggest one."""

    ties: tuple[SuggestedTie, ...]
    too_common: tuple[Shared, ...]


def adjacency(analysis: NetworkAnalysis) -> dict[str, tuple[str, ...]]:
    """Every member's neighbours (ties in either direction), sorted by id."""
    found: dict[str, set[str]] = {node.id: set() for node in analysis.nodes}
    for tie in analysis.ties:
        found[tie.source].add(tie.target)
        found[tie.target].add(tie.source)
    return {member: tuple(sorted(neighbours)) for member, neighbours in found.items()}


def distances(graph: Adjacency, start: str, without: str | None = None) -> dict[str, int]:
    """Steps from `start` to every member it reaches, not passing through `without`."""
    found = {start: 0}
    queue = deque([start])
    while queue:
        current = queue.popleft()
        step = found[current] + 1
        for neighbour in graph[current]:
            if neighbour not in found and neighbour != without:
                found[neighbour] = step
                queue.append(neighbour)
    return found


def key_brokers(analysis: NetworkAnalysis, limit: int = BROKERS_MAX) -> list[NodeResult]:
    """The members that broker (betweenness above 0), highest betweenness first, by id."""
    brokers = (result for result in analysis.results if result.betweenness > 0)
    return sorted(brokers, key=lambda result: (-result.betweenness, result.id))[:limit]


def departures(analysis: NetworkAnalysis) -> tuple[Departure, ...]:
    """What would change if each key broker left, highest betweenness first."""
    graph = adjacency(analysis)
    component_of = {member: part for part in analysis.components for member in part}
    return tuple(departure(graph, broker.id, component_of[broker.id])
                 for broker in key_brokers(analysis))


def departure(graph: Adjacency, broker: str, component: Iterable[str]) -> Departure:
    """What would change in `component` (the broker's part of the network) without it."""
    rest = sorted(member for member in component if member != broker)
    parts = parts_without(graph, broker, rest)
    kept = parts[0] if parts else ()
    if len(rest) <= ALL_PAIRS_MAX_MEMBERS:
        drift, compared = drift_all_pairs(graph, broker, rest), 0
    else:
        contacts = list(graph[broker][:CONTACTS_COMPARED_MAX])
        drift, compared = drift_among_contacts(graph, broker, contacts), len(contacts)
    listed = sorted(drift, key=lambda d: (-d.increase, d.first, d.second))[:DRIFT_LISTED]
    return Departure(broker, len(kept), tuple(parts[1:]), len(drift), tuple(listed), compared)


def parts_without(graph: Adjacency, broker: str, members: list[str]) -> list[tuple[str, ...]]:
    """The groups `members` would fall into without `broker`, largest first (equal ones by
    their first id)."""
    seen: set[str] = set()
    parts = []
    for member in members:
        if member not in seen:
            part = tuple(sorted(distances(graph, member, without=broker)))
            seen.update(part)
            parts.append(part)
    return sorted(parts, key=lambda part: (-len(part), part[0]))


def drift_all_pairs(graph: Adjacency, broker: str, members: list[str]) -> list[Drift]:
    """Every pair of `members` that stays connected without `broker` but further apart."""
    drift: list[Drift] = []
    for first in members:
        before = distances(graph, first)
        after = distances(graph, first, without=broker)
        drift.extend(Drift(first, second, before[second], after[second])
                     for second in members
                     if second > first and second in after and after[second] > before[second])
    return drift


def drift_among_contacts(graph: Adjacency, broker: str, contacts: list[str]) -> list[Drift]:
    """The pairs of the broker's `contacts` that stay connected without it but further
    apart: two contacts are one step apart (a tie) or two (through the broker) now."""
    drift: list[Drift] = []
    for first in contacts:
        after = distances(graph, first, without=broker)
        tied = set(graph[first])
        for second in contacts:
            before = 1 if second in tied else 2
            if second > first and second in after and after[second] > before:
                drift.append(Drift(first, second, before, after[second]))
    return drift


def suggested_ties(analysis: NetworkAnalysis,
                   holders: Mapping[Shared, Iterable[str]]) -> Suggestions:
    """The ties that would close the largest structural holes (see the module's doc).
    `holders` are, for each service and area in the order they are written, the members
    who provide or are good at it; members outside the graph are ignored."""
    in_graph = {node.id for node in analysis.nodes}
    shared: dict[tuple[str, str], list[Shared]] = {}
    too_common = []
    for thing, members in holders.items():
        found = sorted(set(members) & in_graph)
        if len(found) > HOLDERS_MAX:
            too_common.append(thing)
            continue
        for pair in combinations(found, 2):
            shared.setdefault(pair, []).append(thing)
    graph = adjacency(analysis)
    open_pairs = [pair for pair in shared if pair[1] not in graph[pair[0]]]
    apart = _apart(analysis)
    ranked = sorted(open_pairs, key=lambda p: (APART_ORDER[apart(*p)], -len(shared[p]), p))
    measured = _measured(graph, ranked, apart)
    ties = [SuggestedTie(first, second, tuple(shared[first, second]), apart(first, second),
                         steps) for (first, second), steps in measured]
    ties.sort(key=lambda tie: (APART_ORDER[tie.apart], -(tie.distance or 0), -len(tie.shared),
                               tie.first, tie.second))
    return Suggestions(_spread(ties), tuple(too_common))


def _spread(ranked: list[SuggestedTie]) -> tuple[SuggestedTie, ...]:
    """The best `SUGGESTIONS_MAX` ties, each member in at most `MEMBER_SUGGESTIONS_MAX` of
    them: one member cut off from the rest would otherwise fill the list."""
    chosen: list[SuggestedTie] = []
    count: dict[str, int] = {}
    for tie in ranked:
        if len(chosen) == SUGGESTIONS_MAX:
            break
        if max(count.get(tie.first, 0), count.get(tie.second, 0)) < MEMBER_SUGGESTIONS_MAX:
            chosen.append(tie)
            count[tie.first] = count.get(tie.first, 0) + 1
            count[tie.second] = count.get(tie.second, 0) + 1
    return tuple(chosen)


def _apart(analysis: NetworkAnalysis) -> _Apart:
    component = {member: number for number, part in enumerate(analysis.components)
                 for member in part}
    community = {result.id: result.community for result in analysis.results}
    return _Apart(component, community)


@dataclass(frozen=True)
class _Apart:
    component: dict[str, int]
    community: dict[str, int]

    def __call__(self, first: str, second: str) -> Apart:
        if self.component[first] != self.component[second]:
            return "components"
        return "communities" if self.community[first] != self.community[second] else "community"


def _measured(graph: Adjacency, ranked: list[tuple[str, str]],
              apart: _Apart) -> list[tuple[tuple[str, str], int | None]]:
    """The `ranked` pairs with the steps between them now, until `SEARCHES_MAX` searches
    are spent (a pair in different parts needs none: no path joins them)."""
    searched: dict[str, dict[str, int]] = {}
    measured: list[tuple[tuple[str, str], int | None]] = []
    for first, second in ranked:
        if apart(first, second) == "components":
            measured.append(((first, second), None))
            continue
        if first not in searched:
            if len(searched) == SEARCHES_MAX:
                break
            searched[first] = distances(graph, first)
        measured.append(((first, second), searched[first][second]))
    return measured


def shared_holders(site: Site) -> dict[Shared, list[str]]:
    """Each service with its providers, then each competence area with the members good
    at it (level `SHARED_LEVEL_MIN` or more), in the order they are written."""
    holders: dict[Shared, list[str]] = {}
    for service in site.network.services:
        holders[Shared("service", service.id)] = list(service.providers)
    levels = {member_id: member.competences for member_id, member in site.members.items()}
    for area in site.competences.areas:
        holders[Shared("area", area.id)] = [member_id for member_id, held in levels.items()
                                            if held.get(area.id, 0) >= SHARED_LEVEL_MIN]
    return holders


def site_suggestions(site: Site, analysis: NetworkAnalysis) -> Suggestions:
    """`suggested_ties` of a profile's site: its services and competence areas."""
    return suggested_ties(analysis, shared_holders(site))
