"""The follow-up of the future tables' actions: each action's state on the build's
reference date, worked out once a build so that every page shows the same.

The reference date is what "overdue" is judged against. It never is the clock's
date, so that a build of the same content gives the same bytes: `SOURCE_DATE_EPOCH`
when it is set, else the date of the last git commit that changed content/, else the
newest date written in the content.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.deps import record
from generator.model.schema import Future, FutureAction
from generator.model.site import Site
from generator.model.types import PartialDate

# The order of the groups of the actions page: what needs attention first.
GROUPS = ("overdue", "started", "planned", "done", "dropped")
OPEN = frozenset({"planned", "started"})
REFERENCE_DATE = "value:reference-date"  # what a page showing an action's state depends on
GIT_TIMEOUT = 10  # seconds; a git that hangs must not hang the build


def period_start(value: PartialDate) -> dt.date:
    """The first day a date written as precisely as the writer knew may mean."""
    return dt.date(value.year, value.month or 1, value.day or 1)


def period_end(value: PartialDate) -> dt.date:
    """The last day it may mean (2025-12 ends on 2025-12-31)."""
    month = value.month or 12
    day = value.day or calendar.monthrange(value.year, month)[1]
    return dt.date(value.year, month, day)


def reference_date(site: Site, site_dir: Path | None,
                   environ: Mapping[str, str] = os.environ) -> dt.date:
    """The build's reference date (see the module's docstring)."""
    return (epoch_date(environ.get("SOURCE_DATE_EPOCH"))
            or (commit_date(site_dir) if site_dir is not None else None)
            or newest_content_date(site)
            or dt.date(1970, 1, 1))


def epoch_date(value: str | None) -> dt.date | None:
    """SOURCE_DATE_EPOCH's date in UTC (None when unset or not a whole number)."""
    if not value or not value.strip().isdigit():
        return None
    return dt.datetime.fromtimestamp(int(value.strip()), tz=dt.UTC).date()


def commit_date(site_dir: Path) -> dt.date | None:
    """The date of the last commit that changed the site's content/ (None: no git, not a
    repository, or no such commit)."""
    try:
        finished = subprocess.run(
            ["git", "log", "-1", "--format=%cI", "--", "content/"], cwd=site_dir,
            capture_output=True, text=True, timeout=GIT_TIMEOUT, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    stamp = finished.stdout.strip()
    if finished.returncode != 0 or not stamp:
        return None
    try:
        return dt.datetime.fromisoformat(stamp).date()
    except ValueError:
        return None


def newest_content_date(site: Site) -> dt.date | None:
    """The newest date the future tables and evaluation rounds name."""
    found = [period_start(value) for value in _content_dates(site)]
    return max(found, default=None)


def _content_dates(site: Site) -> Iterable[PartialDate]:
    for future in site.futures.values():
        if future.date is not None:
            yield future.date
        for action in future.actions:
            if action.done is not None:
                yield action.done
    for evaluation in site.evaluations.values():
        if evaluation.date is not None:
            yield evaluation.date


@dataclass(frozen=True)
class FollowedAction:
    """An action of a future table, its table and its state on the reference date."""

    action: FutureAction
    future: Future
    overdue: bool

    @property
    def group(self) -> str:
        return "overdue" if self.overdue else self.action.status

    def sort_key(self) -> tuple[bool, dt.date, str, str]:
        due = self.action.due
        return (due is None, period_end(due) if due else dt.date.min, self.future.id,
                self.action.action.plain or "")


def is_overdue(action: FutureAction, reference: dt.date) -> bool:
    """Still planned or started when its due date (all of it: 2025-12 is due by the
    end of December) is over."""
    return (action.status in OPEN and action.due is not None
            and period_end(action.due) < reference)


@dataclass(frozen=True)
class ActionFollowUp:
    """Every action of every future table on the reference date."""

    reference: dt.date
    actions: tuple[FollowedAction, ...]

    @property
    def day(self) -> PartialDate:
        """The reference date, for the pages to show."""
        return PartialDate(self.reference.year, self.reference.month, self.reference.day)

    def groups(self) -> list[tuple[str, list[FollowedAction]]]:
        """The actions by state, overdue first; each group by its due date."""
        return [(name, [a for a in self.actions if a.group == name]) for name in GROUPS
                if any(a.group == name for a in self.actions)]

    def open_actions(self) -> list[FollowedAction]:
        """The planned and started ones, earliest due first."""
        return [a for a in self.actions if a.action.status in OPEN]

    def of_member(self, member_id: str) -> list[FollowedAction]:
        """The actions a member is responsible for, by state as on the actions page."""
        mine = [a for a in self.actions
                if any(who.plain == member_id for who in a.action.responsible)]
        return sorted(mine, key=lambda a: GROUPS.index(a.group))

    def completed_between(self, after: PartialDate | None,
                          until: PartialDate) -> list[FollowedAction]:
        """The actions done after one evaluation round (`after`, None for the first
        round) up to and including the next (`until`)."""
        return [a for a in self.actions if a.action.status == "done"
                and a.action.done is not None
                and (after is None or period_start(a.action.done) > period_end(after))
                and period_start(a.action.done) <= period_end(until)]


def follow_up(site: Site, reference: dt.date) -> ActionFollowUp:
    record(REFERENCE_DATE)
    rows = [FollowedAction(action, future, is_overdue(action, reference))
            for future in site.futures.values() for action in future.actions]
    return ActionFollowUp(reference, tuple(sorted(rows, key=FollowedAction.sort_key)))
