"""The git history of a site's content/, commit by commit, for the workbook's history page.

Each commit's content/ is read as `netcard diff` reads a revision (read_revision.py),
loaded by the normal loader, and reduced to its members, its ties, the cheap
whole-network figures (density, centralisation) and its members' names: a `CommitState`,
kept in the user's cache (never inside the site) by commit id, in the layout
CACHE_FORMAT says, so that a build reads only the commits it has not seen. At most `cap`
commits are read, the newest; a site outside git, a shallow clone or a computer without
git gives no commits and says why (never an error).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any, TypeVar

from generator import __version__
from generator.analyse.history import (
    NO_GIT,
    NOT_IN_GIT,
    SHALLOW,
    CommitChanges,
    CommitState,
    GitHistory,
    NameData,
    TieRef,
    name_data,
    newest_names,
    tie_ref,
)
from generator.analyse.metrics import degree_centralization, density
from generator.errors import ContentErrors, UsageError
from generator.git_content import Repository, extract_content, find_repository
from generator.model.site import Site

HISTORY_CAP = 500  # commits read at most, the newest
CACHE_FOLDER = "history"
# The layout of a cached state: raised whenever it changes, so that an entry written in
# an older layout is read again from git, never misread (2: members' names added). The
# netcard version is checked too: a new version may read a commit differently.
CACHE_FORMAT = 2
FIELD = "\x1f"  # between a commit's fields in `git log` output
GIT_TIMEOUT = 30  # seconds; a git that hangs must not hang the build
Item = TypeVar("Item", str, TieRef)
Load = Callable[[Path], Site]  # a site folder → its site (build.load_site, without warnings)


def read_history(site_dir: Path, cache_dir: Path | None, load: Load,
                 cap: int = HISTORY_CAP) -> GitHistory:
    """The newest `cap` commits that changed the site's content/, with what each changed;
    `load` loads an old state of the site (from a folder outside the site)."""
    if shutil.which("git") is None:
        return GitHistory(missing=NO_GIT)
    try:
        repository = find_repository(site_dir)
    except UsageError:
        return GitHistory(missing=NOT_IN_GIT)
    shallow = _git(repository, "rev-parse", "--is-shallow-repository")
    if shallow.strip() == "true":
        return GitHistory(missing=SHALLOW)
    log = _git(repository, "log", "-z", f"--format=%H{FIELD}%aI{FIELD}%an{FIELD}%s",
               f"-n{cap + 1}", "HEAD", "--", repository.content_path())
    entries = [record.split(FIELD) for record in log.split("\0") if record.strip()]
    states = [_state(repository, entry[0].strip(), cache_dir, load) for entry in entries]
    commits = []
    for number, entry in enumerate(entries[:cap]):
        before = states[number + 1] if number + 1 < len(states) else None
        commits.append(_changes(entry, states[number], before, first=number + 1 == len(entries)))
    return GitHistory(tuple(commits), capped=len(entries) > cap, cap=cap,
                      names=newest_names(states))


def _git(repository: Repository, *arguments: str) -> str:
    """Git's output ("" when it fails or hangs)."""
    try:
        done = subprocess.run(["git", "-C", str(repository.top), *arguments],
                              capture_output=True, check=False, timeout=GIT_TIMEOUT)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.decode("utf-8", errors="replace") if done.returncode == 0 else ""


def _changes(entry: list[str], state: CommitState, before: CommitState | None, *,
             first: bool) -> CommitChanges:
    """A commit and what changed since `before` (the first commit: everything is new)."""
    commit, date, author, message = (*entry, "", "", "")[:4]
    own = CommitChanges(commit.strip(), date[:10], author, message, state)
    if first:
        before = CommitState(True)
    if before is None or not before.readable or not state.readable:
        return own
    return CommitChanges(
        own.commit, own.date, author, message, state,
        members_added=_gone(state.members, before.members),
        members_removed=_gone(before.members, state.members),
        ties_added=_gone(state.ties, before.ties),
        ties_removed=_gone(before.ties, state.ties))


def _gone(these: tuple[Item, ...], from_those: tuple[Item, ...]) -> tuple[Item, ...]:
    """Those of `these` that are not in `from_those`, sorted."""
    return tuple(sorted(set(these) - set(from_those)))


def _state(repository: Repository, commit: str, cache_dir: Path | None,
           load: Load) -> CommitState:
    """A commit's state: from the cache, or read from git and cached."""
    cached = _cache_file(cache_dir, commit)
    if cached is not None:
        try:
            state = state_from_json(json.loads(cached.read_text(encoding="utf-8")))
            if state is not None:
                return state
        except (OSError, ValueError, KeyError, TypeError):
            pass  # missing or damaged: read again
    state = _read_state(repository, commit, load)
    if cached is not None:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.write_text(json.dumps(state_json(state), ensure_ascii=False, sort_keys=True),
                              encoding="utf-8")
        except OSError:
            pass  # a cache that cannot be written only costs time
    return state


def state_json(state: CommitState) -> dict[str, Any]:
    """A state as its cache entry holds it: each name a plain string or {language: text}."""
    return {"format": CACHE_FORMAT, "version": __version__, "readable": state.readable,
            "members": list(state.members), "ties": [asdict(tie) for tie in state.ties],
            "density": state.density, "centralization": state.centralization,
            "names": {identifier: data if isinstance(data, str) else dict(data)
                      for identifier, data in state.names}}


def state_from_json(data: Any) -> CommitState | None:
    """A cache entry's state; None for an entry of another format or netcard version (to be
    read again). A damaged entry raises ValueError, KeyError or TypeError."""
    if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT \
            or data.get("version") != __version__:
        return None
    names = data["names"]
    if not isinstance(names, dict):
        raise TypeError("the names of a cached state are not a mapping")
    return CommitState(bool(data["readable"]), tuple(data["members"]),
                       tuple(TieRef(**tie) for tie in data["ties"]),
                       float(data["density"]), float(data["centralization"]),
                       tuple(sorted((str(identifier), _name_from_json(value))
                                    for identifier, value in names.items())))


def _name_from_json(value: Any) -> NameData:
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and all(isinstance(text, str) for text in value.values()):
        return tuple(sorted((str(language), text) for language, text in value.items()))
    raise TypeError(f"a cached name is neither text nor text by language: {value!r}")


def _cache_file(cache_dir: Path | None, commit: str) -> Path | None:
    if cache_dir is None or not commit.isalnum():
        return None
    return cache_dir / CACHE_FOLDER / f"{commit}.json"


def _read_state(repository: Repository, commit: str, load: Load) -> CommitState:
    with tempfile.TemporaryDirectory(prefix="netcard-history-") as folder:
        try:
            extract_content(repository, commit, commit, Path(folder))
            site = load(Path(folder))
        except (ContentErrors, UsageError, OSError):
            return CommitState(False)
    return state_of(site)


def state_of(site: Site) -> CommitState:
    """A site's current members, its ties, the figures of its network (the graph of
    current members, one tie per pair, as the network page counts them) and the names of
    all its members."""
    current = {identifier for identifier, member in site.members.items() if member.is_current}
    pairs = {tuple(sorted(tie.ends)) for tie in site.ties.ties
             if set(tie.ends) <= current and tie.ends[0] != tie.ends[1]}
    degrees = dict.fromkeys(current, 0)
    for first, second in pairs:
        degrees[first] += 1
        degrees[second] += 1
    return CommitState(True, tuple(sorted(current)),
                       tuple(sorted(tie_ref(tie) for tie in site.ties.ties)),
                       density(len(current), len(pairs)),
                       degree_centralization(sorted(degrees.values())),
                       tuple(sorted((identifier, name_data(member.name))
                                    for identifier, member in site.members.items())))

