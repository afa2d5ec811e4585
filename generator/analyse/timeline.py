"""The network over time on one stable layout, for the workbook's history page.

Every member and tie that ever existed, by the content's dates (members' `joined` and
`left`, ties' `since`) and, when the site is kept in git, by the states of content/ the
history read (analyse/history.py), is given the times it was present and one place on
a single layout of them all: a member keeps its place at every date, so moving through
time shows who came and went without the picture jumping.

Dates are compared as keys "YYYY-MM-DD", with 00 for a month or day the writer did not
give: "2024" is "2024-00-00", before any day of 2024. A time a member or tie is present
is an `Interval` from its start (included) to its end (not included); an empty start is
"from the beginning", an empty end "still". Pure and deterministic.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from generator.analyse.history import CommitState, GitHistory, TieRef, tie_ref
from generator.analyse.layout import Positions, compute_layout, isolated_layout
from generator.model.schema import Tie
from generator.model.site import Site
from generator.model.types import PartialDate

OPEN = ""  # an interval's start from the beginning, or its end still open


@dataclass(frozen=True, order=True)
class Interval:
    start: str = OPEN
    end: str = OPEN

    def covers(self, key: str) -> bool:
        return self.start <= key and (self.end == OPEN or key < self.end)

    def attribute(self) -> str:
        """As the page's data attribute holds it: "start/end"."""
        return f"{self.start}/{self.end}"


Presence = tuple[Interval, ...]
ALWAYS: Presence = (Interval(),)


def present(presence: Presence, key: str) -> bool:
    return any(interval.covers(key) for interval in presence)


def presence_attribute(presence: Presence) -> str:
    """The intervals as the page's `data-present` holds them, space-separated."""
    return " ".join(interval.attribute() for interval in presence)


@dataclass(frozen=True)
class TimelineMember:
    id: str
    x: float
    y: float
    presence: Presence


@dataclass(frozen=True)
class TimelineTie:
    ref: TieRef
    presence: Presence


@dataclass(frozen=True)
class Timeline:
    """The members and ties that ever were, placed once, each with when it was present;
    `steps` are the dates where something changes, oldest first (the slider's stops)."""

    members: tuple[TimelineMember, ...]
    ties: tuple[TimelineTie, ...]
    steps: tuple[str, ...]

    @property
    def last(self) -> str:
        return self.steps[-1] if self.steps else OPEN

    def positions(self) -> dict[str, tuple[float, float]]:
        return {member.id: (member.x, member.y) for member in self.members}


def date_key(value: PartialDate | str) -> str:
    """A content date or a commit's "YYYY-MM-DD" as a key that sorts as time does."""
    if isinstance(value, str):
        return value[:10]
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"


def key_date(key: str) -> PartialDate:
    """A key back as the date it stands for ("2024-00-00" is the year 2024)."""
    year, month, day = (int(part) for part in key.split("-"))
    return PartialDate(year, month, day)


@dataclass(frozen=True)
class _Dated:
    """The readable commit states, oldest first, each with its date."""

    states: tuple[tuple[str, CommitState], ...]

    def runs(self, holds: Iterable[str]) -> dict[str, list[Interval]]:
        """For each item the states hold, the times it was in them: from the first state
        of a run (the oldest state counts from the beginning, as nothing is known before
        it) to the first state without it (open when it is in the newest)."""
        found: dict[str, list[Interval]] = {}
        since: dict[str, str] = {}
        wanted = set(holds)
        previous: set[str] = set()
        for number, (date, state) in enumerate(self.states):
            now = {*state.members, *(tie.key for tie in state.ties)} & wanted
            for item in sorted(now - previous):
                since[item] = OPEN if number == 0 else date_key(date)
            for item in sorted(previous - now):
                found.setdefault(item, []).append(Interval(since.pop(item), date_key(date)))
            previous = now
        for item in sorted(previous):
            found.setdefault(item, []).append(Interval(since.pop(item), OPEN))
        return found


def _dated(history: GitHistory | None) -> _Dated:
    commits = history.commits if history is not None else ()
    return _Dated(tuple((commit.date, commit.state) for commit in reversed(commits)
                        if commit.state.readable))


def _intersect(first: Presence, second: Presence) -> Presence:
    """The times in both (intervals sorted, empty ones left out)."""
    out = []
    for a in first:
        for b in second:
            start = max(a.start, b.start)
            ends = [end for end in (a.end, b.end) if end != OPEN]
            end = min(ends) if ends else OPEN
            if end == OPEN or start < end:
                out.append(Interval(start, end))
    return tuple(sorted(set(out)))


def member_presence(site: Site, history: GitHistory | None) -> dict[str, Presence]:
    """Each member's times: a member of the content from its `joined` (else from when a
    saved version first had it in its latest run, else from the beginning) to its
    `left`; a member no longer in the content, the times the saved versions had it."""
    dated = _dated(history)
    ever = {member for _, state in dated.states for member in state.members}
    runs = dated.runs(ever | set(site.members))
    presence: dict[str, Presence] = {}
    for identifier, member in sorted(site.members.items()):
        own = runs.get(identifier, [])
        start = date_key(member.joined) if member.joined is not None else \
            (own[-1].start if own else OPEN)
        end = date_key(member.left) if member.left is not None else OPEN
        if end == OPEN or start < end:
            presence[identifier] = (Interval(start, end),)
        else:  # left before it joined: never present
            presence[identifier] = ()
    for identifier in sorted(ever - set(site.members)):
        presence[identifier] = tuple(runs[identifier])
    return presence


def tie_presence(site: Site, history: GitHistory | None,
                 members: dict[str, Presence]) -> dict[TieRef, Presence]:
    """Each tie's times: from its `since` (else from when a saved version first had it,
    else from the beginning), or the times the saved versions had it; and only while
    both its members are there."""
    dated = _dated(history)
    current: dict[TieRef, Tie] = {}
    for tie in site.ties.ties:
        current.setdefault(tie_ref(tie), tie)
    ever = {tie for _, state in dated.states for tie in state.ties}
    runs = dated.runs({tie.key for tie in ever | set(current)})
    presence: dict[TieRef, Presence] = {}
    for ref in sorted(ever | set(current)):
        if ref.first not in members or ref.second not in members:
            continue
        if ref in current:
            since = current[ref].since
            own = runs.get(ref.key, [])
            start = date_key(since) if since is not None else (own[-1].start if own else OPEN)
            times: Presence = (Interval(start, OPEN),)
        else:
            times = tuple(runs.get(ref.key, []))
        presence[ref] = _intersect(_intersect(times, members[ref.first]), members[ref.second])
    return presence


def steps_of(presences: Iterable[Presence]) -> tuple[str, ...]:
    """Every date where something starts or ends, oldest first."""
    keys = {key for presence in presences for interval in presence
            for key in (interval.start, interval.end) if key != OPEN}
    return tuple(sorted(keys))


def timeline_of(site: Site, history: GitHistory | None) -> Timeline:
    """The timeline of every member and tie there ever was, on one layout of them all."""
    members = member_presence(site, history)
    ties = tie_presence(site, history, members)
    places = union_layout(tuple(sorted(members)),
                          tuple(sorted({(ref.first, ref.second) for ref in ties})))
    return Timeline(
        tuple(TimelineMember(identifier, *places[identifier], presence)
              for identifier, presence in members.items()),
        tuple(TimelineTie(ref, presence) for ref, presence in ties.items()),
        steps_of([*members.values(), *ties.values()]))


@lru_cache(maxsize=8)
def union_layout(members: tuple[str, ...], pairs: tuple[tuple[str, str], ...]) -> Positions:
    """One layout of every member and tie (analyse/layout.py's, so the same members and
    ties always get the same places); worked out once a process for each set of them."""
    links = [(first, second) for first, second in pairs if first != second]
    if not links:
        return isolated_layout(list(members))
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(members)
    graph.add_edges_from(links)
    return compute_layout(graph)


def change_layout(members: Sequence[str], ties: Sequence[TieRef]) -> Positions:
    """The layout of two states' members and ties together (netcard diff's drawing)."""
    return union_layout(tuple(sorted(set(members))),
                        tuple(sorted({(tie.first, tie.second) for tie in ties})))
