"""history/index.html: the network's history in the workbook. By year, from the dates
the content holds (members' `joined` and `left`, ties' `since`); and, when the site is
kept in git, commit by commit from the history of content/, which the build reads
(generator/diff/history.py) and the analyse stage's results carry to this page.

Declared as a section of the workbook's type (it has no files of its own)."""

from __future__ import annotations

from typing import Any

from generator.analyse.history import HISTORY_VALUE, NOT_IN_GIT, GitHistory, years_of
from generator.deps import record
from generator.model.content_type import Section
from generator.model.site import Site
from generator.model.types import Text
from generator.render.pages import PageContext, PageSpec

PAGE = "history/index.html"


def has_history(site: Site) -> bool:
    """The workbook only: the public card never shows the network's history."""
    return site.profile.includes_internal


HISTORY_SECTION = Section("history", has_history, menu=50, group="network", bundle=45)


def history_pages(context: PageContext) -> list[PageSpec]:
    if "history" not in context.sections:
        return []
    return [PageSpec(PAGE, "history.html", "history", lambda nc: nc.t("nav.history"),
                     lambda: _history_data(context))]


def _history_data(context: PageContext) -> dict[str, Any]:
    site = context.site
    record(HISTORY_VALUE)
    history = context.analysis.history or GitHistory(missing=NOT_IN_GIT)
    commits = list(history.commits)
    oldest_first = [commit for commit in reversed(commits) if commit.state.readable]
    return {"years": years_of(site), "history": history, "commits": commits,
            "commit_points": oldest_first, "names": _member_names(site)}


def _member_names(site: Site) -> dict[str, Text]:
    """Each member's name by id, for the lists of who joined, left, was added or removed
    (a member no longer in the content is shown by its id)."""
    return {identifier: member.name for identifier, member in site.members.items()}
