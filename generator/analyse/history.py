"""The network's history: what the content's own dates say, year by year, and what the
git history of content/ says, commit by commit (read by generator/diff/history.py, a
command-layer module, since it runs git and loads old states of the site).

Both are plain, ordered data, the same for the same content and repository state.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator.model.schema import Tie
from generator.model.site import Site
from generator.model.types import PartialDate, Text

# Why the git history is not shown: the site is in no git repository, the clone is
# shallow (its history cut short), or git is not installed.
NOT_IN_GIT, SHALLOW, NO_GIT = "not_in_git", "shallow", "no_git"
HISTORY_VALUE = "value:history"  # the dependency of a page that shows the git history


@dataclass(frozen=True)
class YearChanges:
    """One year of the content's dates: who joined and left (member ids), which ties
    began (their ends), and the members and ties there were at the year's end."""

    year: int
    joined: tuple[str, ...]
    left: tuple[str, ...]
    ties_added: tuple[tuple[str, str], ...]
    members: int
    ties: int


@dataclass(frozen=True, order=True)
class TieRef:
    """A tie as the history knows it: its key (`tie_key`: its ends and type, the same for
    the same tie in every state) and its ends (a mutual tie's sorted)."""

    key: str
    first: str
    second: str
    directed: bool = False
    kind: str = ""  # its type ("" for none)


def tie_key(tie: Tie) -> str:
    """A tie's key: its ends (a mutual tie's sorted) and its type, as `netcard diff`
    lists ties ("a — b (type)", "a → b")."""
    first, second = tie.ends
    ends = f"{first} → {second}" if tie.directed else " — ".join(sorted((first, second)))
    return f"{ends} ({tie.type})" if tie.type else ends


def tie_ref(tie: Tie) -> TieRef:
    """A tie of the content as the history keeps it."""
    first, second = tie.ends if tie.directed else sorted(tie.ends)
    return TieRef(tie_key(tie), first, second, tie.directed, tie.type or "")


# A member's name as plain data, so that a state keeps it when the member is later
# deleted from the content: a plain string, or its (language, text) pairs sorted.
NameData = str | tuple[tuple[str, str], ...]
Names = tuple[tuple[str, NameData], ...]  # member id → its name, sorted by id


def name_data(name: Text) -> NameData:
    """A member's name (its Text) as plain data: every language it is written in."""
    if name.plain is not None and not name.values:
        return name.plain
    return tuple(sorted(name.values.items()))


def name_text(data: NameData) -> Text:
    """A name kept as plain data back as a Text."""
    return Text({}, data) if isinstance(data, str) else Text(dict(data))


@dataclass(frozen=True)
class CommitState:
    """What one commit's content/ held: its current members and its ties (by key), its
    cheap whole-network figures, and the names of all its members (current or not, by
    id). `readable` is False when that state did not load (its content had errors): it
    then has no members, ties, figures or names."""

    readable: bool
    members: tuple[str, ...] = ()
    ties: tuple[TieRef, ...] = ()
    density: float = 0.0
    centralization: float = 0.0
    names: Names = ()


@dataclass(frozen=True)
class CommitChanges:
    """One commit of content/: its id, author date (YYYY-MM-DD), author and message,
    its state, and what changed since the commit before it (None: the commit before it
    is beyond the cap, or one of the two states did not load)."""

    commit: str
    date: str
    author: str
    message: str
    state: CommitState
    members_added: tuple[str, ...] | None = None
    members_removed: tuple[str, ...] = ()
    ties_added: tuple[TieRef, ...] = ()
    ties_removed: tuple[TieRef, ...] = ()


@dataclass(frozen=True)
class GitHistory:
    """The commits that changed content/, newest first, at most the cap; `capped` when
    there were more. `missing` says why there is no git history (see NOT_IN_GIT …).
    `names`: every member's name that the states read held, the newest state's (the one
    before the oldest commit shown too, which names the members that commit removed)."""

    commits: tuple[CommitChanges, ...] = ()
    capped: bool = False
    cap: int = 0
    missing: str = ""
    names: Names = ()


def newest_names(states: Iterable[CommitState]) -> Names:
    """Each member's name from the first (newest) of `states` that has it, by id."""
    found: dict[str, NameData] = {}
    for state in states:
        for identifier, data in state.names:
            found.setdefault(identifier, data)
    return tuple(sorted(found.items()))


def _year(value: PartialDate | None) -> int | None:
    return None if value is None else value.year


def years_of(site: Site) -> list[YearChanges]:
    """Each year from the earliest date in members' `joined`/`left` and ties' `since` to
    the latest, oldest first. A member without `joined` counts from the start, a tie
    without `since` from when both its members are there."""
    members = {identifier: (_year(member.joined), _year(member.left))
               for identifier, member in site.members.items()}
    ties = [(tie.ends, _year(tie.since)) for tie in site.ties.ties]
    dated = [year for pair in members.values() for year in pair if year is not None]
    dated += [year for _, year in ties if year is not None]
    if not dated:
        return []
    years = []
    for year in range(min(dated), max(dated) + 1):
        present = {identifier for identifier, (joined, left) in members.items()
                   if (joined is None or joined <= year) and (left is None or left > year)}
        years.append(YearChanges(
            year,
            tuple(sorted(i for i, (joined, _) in members.items() if joined == year)),
            tuple(sorted(i for i, (_, left) in members.items() if left == year)),
            tuple(sorted(ends for ends, since in ties if since == year)),
            len(present),
            sum(1 for ends, since in ties
                if (since is None or since <= year) and set(ends) <= present)))
    return years
