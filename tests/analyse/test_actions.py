"""The follow-up of the future tables' actions: the reference date and overdue."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.analyse.actions import (
    commit_date,
    follow_up,
    is_overdue,
    reference_date,
)
from generator.build import load_site
from generator.model.schema import FutureAction
from generator.model.types import PartialDate
from tests.conftest import SiteFactory

FUTURE = """\
date: 2024-03-01
actions:
  - {action: Late, due: 2024-05, status: started}
  - {action: Ahead, due: 2030}
  - {action: Finished, due: 2024-04, status: done, done: 2024-04-20}
  - {action: Given up, due: 2024-04, status: dropped, done: 2024-06-02}
  - {action: Undated}
"""


def action(due: str | None, status: str = "planned") -> FutureAction:
    return FutureAction.model_validate({"action": "A", "due": due, "status": status})


@pytest.mark.parametrize(("due", "status", "overdue"), [
    ("2024-05", "planned", True), ("2024-05", "started", True),
    ("2024-06", "planned", False),  # due by the end of June: not yet over on June 1
    ("2024-05", "done", False), ("2024-05", "dropped", False), (None, "planned", False),
    ("2023", "started", True),
])
def test_an_open_action_is_overdue_once_its_due_period_is_over(
        due: str | None, status: str, overdue: bool) -> None:
    assert is_overdue(action(due, status), dt.date(2024, 6, 1)) is overdue


def test_source_date_epoch_comes_first(make_site: SiteFactory) -> None:
    site, _ = load_site(make_site({"futures/f.yaml": FUTURE}))
    assert reference_date(site, None, {"SOURCE_DATE_EPOCH": "1718236800"}) == dt.date(2024, 6, 13)


def test_without_source_date_epoch_the_newest_content_date_is_used(
        make_site: SiteFactory) -> None:
    folder = make_site({"futures/f.yaml": FUTURE})
    site, _ = load_site(folder)
    assert reference_date(site, folder, {}) == dt.date(2024, 6, 2)  # no git repository
    assert reference_date(site, folder, {"SOURCE_DATE_EPOCH": "soon"}) == dt.date(2024, 6, 2)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_last_commit_to_content_comes_before_the_content(make_site: SiteFactory) -> None:
    folder = make_site({"futures/f.yaml": FUTURE})
    _commit(folder, "2025-02-03T10:00:00+02:00")
    site, _ = load_site(folder)
    assert commit_date(folder) == dt.date(2025, 2, 3)
    assert reference_date(site, folder, {}) == dt.date(2025, 2, 3)
    assert reference_date(site, folder, {"SOURCE_DATE_EPOCH": "0"}) == dt.date(1970, 1, 1)


def _commit(folder: Path, when: str) -> None:
    environment = {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
                   "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org",
                   "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.org",
                   "HOME": str(folder), "PATH": "/usr/bin:/bin"}
    for command in (["git", "init", "-q"], ["git", "add", "content"],
                    ["git", "commit", "-q", "-m", "content"]):
        subprocess.run(command, cwd=folder, env=environment, check=True)


def test_the_groups_come_overdue_first_then_by_state(make_site: SiteFactory) -> None:
    site, _ = load_site(make_site({"futures/f.yaml": FUTURE}))
    followed = follow_up(site, dt.date(2024, 7, 1))
    groups = [(name, [row.action.action.plain for row in rows])
              for name, rows in followed.groups()]
    assert groups == [("overdue", ["Late"]), ("planned", ["Ahead", "Undated"]),
                      ("done", ["Finished"]), ("dropped", ["Given up"])]
    assert [row.action.action.plain for row in followed.open_actions()] == [
        "Late", "Ahead", "Undated"]


def test_the_actions_completed_between_two_rounds(make_site: SiteFactory) -> None:
    site, _ = load_site(make_site({"futures/f.yaml": FUTURE}))
    followed = follow_up(site, dt.date(2024, 7, 1))
    done = followed.completed_between(PartialDate(2024, 4, 1), PartialDate(2024, 5))
    assert [row.action.action.plain for row in done] == ["Finished"]
    assert followed.completed_between(PartialDate(2024, 4, 20), PartialDate(2024, 12)) == []
    assert len(followed.completed_between(None, PartialDate(2024))) == 1  # not the dropped one
