"""history/index.html: the network's history in the workbook. By year, from the dates
the content holds (members' `joined` and `left`, ties' `since`); and, when the site is
kept in git, commit by commit from the history of content/, which the build reads
(generator/diff/history.py) and the analyse stage's results carry to this page.

Declared as a section of the workbook's type (it has no files of its own)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from markupsafe import Markup

from generator.analyse.history import (
    HISTORY_VALUE,
    NOT_IN_GIT,
    CommitChanges,
    CommitState,
    GitHistory,
    name_text,
    years_of,
)
from generator.analyse.timeline import Timeline, key_date, member_presence, present, timeline_of
from generator.deps import Recorded, record, recorded
from generator.model.content_type import Section
from generator.model.site import Site
from generator.model.types import Text
from generator.render.helpers import PageHelpers
from generator.render.pages import PageContext, PageSpec
from generator.render.timeline_view import change_svg, legend_key, timeline_svg

PAGE = "history/index.html"
# The pictures over time are drawn up to this many members that ever were (beyond it the
# page would grow by megabytes; the network page draws the network as it is).
TIMELINE_MAX_MEMBERS = 500
DRAWN_CHANGES = 10  # the newest saved versions whose change is drawn, at most
# and at most this many member marks in all the drawings of changes together (each draws
# every member), so a page of a large network stays small: 10 drawings of up to 150
# members, 3 of 500
DRAWN_MARKS = 1500
Drawing = Callable[[PageHelpers], Markup]


def has_history(site: Site) -> bool:
    """The workbook only: the public card never shows the network's history."""
    return site.profile.includes_internal


HISTORY_SECTION = Section("history", has_history, menu=50, group="network", bundle=45)


def history_pages(context: PageContext) -> list[PageSpec]:
    if "history" not in context.sections:
        return []
    shared: list[Recorded[dict[str, Any]]] = []

    def data() -> dict[str, Any]:
        """Worked out once per profile (the timeline's layout is a second at 2,000
        members) for the page in every language, each recording what it read."""
        if not shared:
            shared.append(recorded(lambda: _history_data(context)))
        return shared[0].read()

    return [PageSpec(PAGE, "history.html", "history", lambda nc: nc.t("nav.history"), data)]


def _history_data(context: PageContext) -> dict[str, Any]:
    site = context.site
    record(HISTORY_VALUE)
    history = context.analysis.history or GitHistory(missing=NOT_IN_GIT)
    commits = list(history.commits)
    oldest_first = [commit for commit in reversed(commits) if commit.state.readable]
    # a network too large to draw is not laid out at all
    drawn = len(member_presence(site, history)) <= TIMELINE_MAX_MEMBERS
    timeline = timeline_of(site, history) if drawn else None
    names = member_names(site, history)
    return {"years": years_of(site), "history": history, "commits": commits,
            "commit_points": oldest_first, "names": names,
            "member_pages": frozenset(site.members),
            "tie_types": {name: kind.label for name, kind in site.ties.types.items()},
            "timeline": _timeline_data(timeline, names)
            if timeline is not None and len(timeline.steps) > 1 else None,
            "timeline_too_large": not drawn, "timeline_limit": TIMELINE_MAX_MEMBERS,
            "drawings": _change_drawings(timeline, commits, names)
            if timeline is not None else {},
            "legend_keys": {change: legend_key(change)
                            for change in ("added", "removed", "unchanged")}}


def _timeline_data(timeline: Timeline, names: Mapping[str, Text]) -> dict[str, Any]:
    """The slider's stops (their keys, and their dates for the words), the counts at the
    latest date, and the picture."""
    last = timeline.last
    return {"steps": timeline.steps, "dates": [key_date(key) for key in timeline.steps],
            "last": key_date(last),
            "members_now": sum(1 for m in timeline.members if present(m.presence, last)),
            "ties_now": sum(1 for t in timeline.ties if present(t.presence, last)),
            "svg": lambda nc: timeline_svg(timeline, _names(nc, names, timeline.positions()),
                                           nc.t("history_map.svg_label"))}


def _change_drawings(timeline: Timeline, commits: Sequence[CommitChanges],
                     names: Mapping[str, Text]) -> dict[str, Drawing]:
    """The newest saved versions that changed members or ties (DRAWN_CHANGES of them, fewer
    for a large network), each drawn on the timeline's layout, by commit id."""
    positions = timeline.positions()
    most = max(1, min(DRAWN_CHANGES, DRAWN_MARKS // max(1, len(positions))))
    drawings: dict[str, Drawing] = {}
    for commit in commits:
        if len(drawings) == most:
            break
        if commit.members_added is None or not (
                commit.members_added or commit.members_removed or commit.ties_added
                or commit.ties_removed):
            continue
        drawings[commit.commit] = _drawing(positions, _before(commit), commit.state, names)
    return drawings


def _before(commit: CommitChanges) -> CommitState:
    """The state before a commit, from the commit's state and what it changed."""
    after = commit.state
    members = (set(after.members) - set(commit.members_added or ())) | set(commit.members_removed)
    ties = (set(after.ties) - set(commit.ties_added)) | set(commit.ties_removed)
    return CommitState(True, tuple(sorted(members)), tuple(sorted(ties)))


def _drawing(positions: dict[str, tuple[float, float]], before: CommitState,
             after: CommitState, names: Mapping[str, Text]) -> Drawing:
    return lambda nc: Markup(change_svg(positions, before, after, _names(nc, names, positions),
                                        nc.t("history_map.change_label")))


def _names(nc: PageHelpers, names: Mapping[str, Text],
           members: Mapping[str, Any]) -> dict[str, str]:
    """Each member's name in the page's language (its id when no state named it)."""
    return {identifier: nc.text(names[identifier]) if identifier in names else identifier
            for identifier in members}


def member_names(site: Site, history: GitHistory | None) -> dict[str, Text]:
    """Each member's name by id, for the lists, the drawings and the picture over time:
    the content's own for a member that is still there, else the newest saved version's
    that had it (a member deleted from the content has no page, but still its name)."""
    names = {identifier: name_text(data)
             for identifier, data in (history.names if history is not None else ())}
    names.update((identifier, member.name) for identifier, member in site.members.items())
    return dict(sorted(names.items()))
